//
// LogMailer.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  LogMailer
//


#include "service/LogMailer.h"


namespace Orgs {
namespace Service {


LogMailer::LogMailer(Poco::Logger& logger) : _logger(logger) {}


void LogMailer::send(const MailMessage& message)
{
	// One log entry, so that the body's lines stay together in the log.
	_logger.information("Mail (not sent: orgs.mail.smtp.host is not set)\nTo: " + message.to +
	                    "\nSubject: " + message.subject + "\n\n" + message.body);
}


} // namespace Service
} // namespace Orgs
