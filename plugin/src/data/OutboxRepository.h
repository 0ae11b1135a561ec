//
// OutboxRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  OutboxRepository
//
// SQL for the mail outbox.
//


#ifndef Orgs_OutboxRepository_INCLUDED
#define Orgs_OutboxRepository_INCLUDED


#include "Orgs/Mailer.h"
#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <vector>


namespace Orgs {
namespace Data {


struct OutboxEntry
	/// One row of the outbox. Times are UTC microseconds.
{
	Id id = 0;
	MailMessage message;
	Poco::Int64 createdAt = 0;
	int attempts = 0;              ///< delivery attempts started (a claim counts as one)
	Poco::Int64 nextAttemptAt = 0; ///< due time; while claimed, the end of the lease
	Poco::Nullable<Poco::Int64> sentAt;
	std::string lastError; ///< the error of the last failed attempt ("" if none)
};


class OutboxRepository
	/// Stores messages waiting for delivery.
	///
	/// Several processes may deliver from one database. A sender reads the due rows, then
	/// claims each one before sending it: claim() moves next_attempt_at to the end of a lease
	/// only if it still holds the value the sender read (compare-and-set), so exactly one
	/// sender wins a message and the others skip it. A sender that dies after claiming leaves
	/// the row due again when the lease ends. Delivery is therefore at-least-once: a sender
	/// that sends and then cannot record it (crash, lost database) makes another send later.
{
public:
	explicit OutboxRepository(Database& database);

	Id insert(Poco::Data::Session& session, const MailMessage& message, const Poco::Timestamp& at);
		/// Stores message, due at once; returns its id.

	std::vector<OutboxEntry> due(Poco::Data::Session& session, Poco::Int64 now, int limit);
		/// Returns up to limit unsent rows whose next_attempt_at is at or before now, the
		/// earliest due first (then by id, i.e. in the order they were written).

	bool claim(Poco::Data::Session& session, Id id, Poco::Int64 seenNextAttemptAt, Poco::Int64 leaseUntil);
		/// Reserves the row until leaseUntil and counts an attempt, if it is unsent and its
		/// next_attempt_at is still seenNextAttemptAt. Returns false if another sender got it
		/// first (or it was sent meanwhile). leaseUntil must differ from seenNextAttemptAt.

	bool markSent(Poco::Data::Session& session, Id id, Poco::Int64 at);
		/// Records the delivery (last_error keeps the error of the last failed attempt, if any).
		/// Returns false if the row was already marked sent.

	bool markFailed(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 nextAttemptAt,
	                const std::string& error);
		/// Records a failed attempt and reschedules the row, if this sender's lease (leaseUntil)
		/// still holds it. error is cut to 1000 characters (at a UTF-8 boundary).

	std::size_t purgeSent(Poco::Data::Session& session, Poco::Int64 sentBefore);
		/// Deletes rows sent before sentBefore; returns how many.

	bool find(Poco::Data::Session& session, Id id, OutboxEntry& entry);
		/// Reads one row. Returns false if there is none with this id.

	static std::string truncateError(const std::string& error);
		/// Returns error cut to at most 1000 characters without splitting a UTF-8 sequence.

	static const std::size_t MAX_ERROR_CHARS = 1000;

private:
	std::vector<OutboxEntry> select(Poco::Data::Session& session, const std::string& where, Poco::Int64 value,
	                                int limit);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_OutboxRepository_INCLUDED
