//
// SmtpMailer.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  SmtpMailer
//
// Delivers mail to an SMTP server.
//


#ifndef Orgs_SmtpMailer_INCLUDED
#define Orgs_SmtpMailer_INCLUDED


#include "Orgs/Mailer.h"
#include "config/Settings.h"
#include "Poco/Net/MailMessage.h"
#include <vector>


namespace Orgs {
namespace Service {


class SmtpMailer : public Orgs::Mailer
	/// Sends each message in its own SMTP session (Poco::Net::SMTPClientSession) to
	/// orgs.mail.smtp.host:port: EHLO, AUTH when a username is configured (PLAIN if the
	/// server offers it, else LOGIN), MAIL FROM, RCPT TO, DATA, QUIT. The message is
	/// text/plain; charset=UTF-8 in quoted-printable, its subject RFC 2047-encoded.
	///
	/// No TLS: use a relay on the same host or a trusted network.
{
public:
	explicit SmtpMailer(const Config::SmtpSettings& settings);

	void send(const MailMessage& message) override;
		/// Delivers message. Throws Poco::Net::NetException (and subclasses) if the server
		/// cannot be reached or times out, and Poco::Net::SMTPException if it refuses a
		/// command (the text names the command and the server's reply).

	static void compose(const MailMessage& message, const std::string& from, Poco::Net::MailMessage& mail);
		/// Fills mail from message: sender, one primary recipient, the encoded subject (line
		/// breaks and other control characters become spaces) and the UTF-8 body.

	static std::vector<std::string> authMechanisms(const std::string& ehloResponse);
		/// Returns the SASL mechanisms an EHLO response offers (from its AUTH line), upper case.

private:
	Config::SmtpSettings _settings;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_SmtpMailer_INCLUDED
