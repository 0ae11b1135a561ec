//
// Outbox.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Outbox
//


#include "service/Outbox.h"
#include "service/Validator.h"


namespace Orgs {
namespace Service {


Outbox::Outbox(Data::Database& database, Clock::Ptr pClock) : _messages(database), _pClock(pClock) {}


Id Outbox::enqueue(Poco::Data::Session& session, const MailMessage& message)
{
	Validator::email("to", message.to);
	return _messages.insert(session, message, _pClock->now());
}


} // namespace Service
} // namespace Orgs
