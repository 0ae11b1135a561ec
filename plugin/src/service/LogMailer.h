//
// LogMailer.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  LogMailer
//
// The mailer without a mail server: writes each message to the log.
//


#ifndef Orgs_LogMailer_INCLUDED
#define Orgs_LogMailer_INCLUDED


#include "Orgs/Mailer.h"
#include "Poco/Logger.h"


namespace Orgs {
namespace Service {


class LogMailer : public Orgs::Mailer
	/// Logs every message (recipient, subject and body) at information level instead of
	/// sending it. The default when orgs.mail.smtp.host is empty, so that someone trying the
	/// plugin out can copy an invitation link from the server's log.
{
public:
	explicit LogMailer(Poco::Logger& logger);

	void send(const MailMessage& message) override;
		/// Logs message. Never throws.

private:
	Poco::Logger& _logger;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_LogMailer_INCLUDED
