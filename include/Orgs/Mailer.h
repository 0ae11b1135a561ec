//
// Mailer.h
//
// Library: Orgs
// Package: Mail
// Module:  Mailer
//
// Pluggable mail delivery. Every message the plugin sends (invitations, for now) is first
// written to a durable outbox in the same transaction as the change that causes it; a
// background sender then hands each message to the Mailer until it succeeds. A host that
// delivers mail itself publishes a Mailer in the ServiceRegistry before the plugin starts;
// otherwise the plugin uses SMTP (orgs.mail.smtp.*) or, with no SMTP host configured,
// writes messages to its log.
//


#ifndef Orgs_Mailer_INCLUDED
#define Orgs_Mailer_INCLUDED


#include "Orgs/Orgs.h"
#include "Poco/SharedPtr.h"
#include <string>


namespace Orgs {


struct MailMessage
	/// One plain-text message to one recipient.
{
	std::string to;      ///< the recipient's address, e.g. "ada@example.com"
	std::string subject; ///< UTF-8
	std::string body;    ///< UTF-8 plain text
};


class Mailer
	/// Delivers one message.
{
public:
	using Ptr = Poco::SharedPtr<Mailer>;

	virtual ~Mailer() = default;

	virtual void send(const MailMessage& message) = 0;
		/// Delivers message or throws a Poco::Exception. The outbox sender calls this from
		/// its own thread, one message at a time, and retries a failed message later with
		/// back-off, so send() may be called again for a message it already tried.
};


} // namespace Orgs


#endif // Orgs_Mailer_INCLUDED
