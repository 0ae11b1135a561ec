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
#include "Poco/Event.h"


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
		/// ("invalid_email") if the recipient is not a plausible address, and
		/// InvalidInputException ("message_too_long") if the subject exceeds 998 characters or
		/// the body 65535 bytes.
		///
		/// Inside transact() the sender of this process is woken once the transaction commits
		/// (never if it rolls back); outside, at once.

	void wake();
		/// Wakes the sender waiting in waitForWork().

	bool waitForWork(long milliseconds);
		/// Waits until wake() is called or milliseconds pass; returns true if woken. Used by
		/// the outbox sender between passes.

	static const std::size_t MAX_SUBJECT_CHARS = 998;
	static const std::size_t MAX_BODY_BYTES = 65535;

private:
	Data::OutboxRepository _messages;
	Clock::Ptr _pClock;
	Poco::Event _work;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Outbox_INCLUDED
