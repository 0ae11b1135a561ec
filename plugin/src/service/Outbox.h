//
// Outbox.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Outbox
//
// Queues mail within the transaction of the change that causes it.
//


#ifndef Orgs_Outbox_INCLUDED
#define Orgs_Outbox_INCLUDED


#include "Orgs/Mailer.h"
#include "data/OutboxRepository.h"
#include "service/Clock.h"


namespace Orgs {
namespace Service {


class Outbox
	/// Services call enqueue() inside Database::transact(): the message is stored if and only
	/// if the transaction commits, and the outbox sender delivers it afterwards.
{
public:
	Outbox(Data::Database& database, Clock::Ptr pClock);

	Id enqueue(Poco::Data::Session& session, const MailMessage& message);
		/// Stores message for delivery; returns its outbox id. Throws InvalidInputException
		/// ("invalid_email") if the recipient is not a plausible address.

private:
	Data::OutboxRepository _messages;
	Clock::Ptr _pClock;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Outbox_INCLUDED
