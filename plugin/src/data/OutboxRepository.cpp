//
// OutboxRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OutboxRepository
//


#include "data/OutboxRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


OutboxRepository::OutboxRepository(Database& database) : _database(database) {}


Id OutboxRepository::insert(Poco::Data::Session& session, const MailMessage& message, const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	_database.execute(session,
	                  "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
	                  "VALUES (?, ?, ?, ?, 0, ?)",
	                  {message.to, message.subject, message.body, micros, micros});
	return _database.lastInsertId(session);
}


std::vector<OutboxEntry> OutboxRepository::select(Poco::Data::Session& session, const std::string& where,
                                                  Poco::Int64 value, int limit)
{
	// body is TEXT, which the MySQL connector describes as a BLOB: the RecordSet holds it as
	// bytes and Rows::text() copies them into a string unchanged. (A TEXT column costs a 256 KB
	// result buffer, allocated once for the cached statement; MEDIUMTEXT would cost 64 MB.)
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT id, recipient, subject, body, created_at, attempts, next_attempt_at, "
	                     "COALESCE(sent_at, -1), COALESCE(last_error, '') FROM outbox WHERE " +
	                         where + " LIMIT ?",
	                     {value, limit});
	Rows rows(rs);
	std::vector<OutboxEntry> result(rows.count());
	for (std::size_t i = 0; i < result.size(); ++i)
	{
		OutboxEntry& e = result[i];
		e.id = rows.integer(i, 0);
		e.message.to = rows.text(i, 1);
		e.message.subject = rows.text(i, 2);
		e.message.body = rows.text(i, 3);
		e.createdAt = rows.integer(i, 4);
		e.attempts = static_cast<int>(rows.integer(i, 5));
		e.nextAttemptAt = rows.integer(i, 6);
		const Poco::Int64 sent = rows.integer(i, 7);
		if (sent >= 0)
			e.sentAt = sent;
		e.lastError = rows.text(i, 8);
	}
	return result;
}


std::vector<OutboxEntry> OutboxRepository::due(Poco::Data::Session& session, Poco::Int64 now, int limit)
{
	// Mail only: the webhook deliveries in the same table have their own sender (WebhookRepository).
	return select(session, "kind = 'mail' AND sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id",
	              now, limit);
}


bool OutboxRepository::find(Poco::Data::Session& session, Id id, OutboxEntry& entry)
{
	std::vector<OutboxEntry> rows = select(session, "id = ?", id, 1);
	if (rows.empty())
		return false;
	entry = rows.front();
	return true;
}


bool OutboxRepository::claim(Poco::Data::Session& session, Id id, Poco::Int64 seenNextAttemptAt, Poco::Int64 leaseUntil)
{
	// The compare-and-set on next_attempt_at is what keeps two senders apart; MySQL counts
	// changed rows, so the new value must differ from the old one.
	poco_assert(leaseUntil != seenNextAttemptAt);
	return _database.execute(session,
	                         "UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 "
	                         "WHERE id = ? AND sent_at IS NULL AND next_attempt_at = ?",
	                         {leaseUntil, id, seenNextAttemptAt}) == 1;
}


bool OutboxRepository::markSent(Poco::Data::Session& session, Id id, Poco::Int64 at)
{
	// Unconditional on the lease: the message did go out, whoever holds the row now.
	return _database.execute(session, "UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL", {at, id}) == 1;
}


bool OutboxRepository::markFailed(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil,
                                  Poco::Int64 nextAttemptAt, const std::string& error)
{
	const std::string text = truncateError(error);
	return _database.execute(session,
	                         "UPDATE outbox SET next_attempt_at = ?, last_error = ? "
	                         "WHERE id = ? AND sent_at IS NULL AND next_attempt_at = ?",
	                         {nextAttemptAt, text, id, leaseUntil}) == 1;
}


std::size_t OutboxRepository::purgeSent(Poco::Data::Session& session, Poco::Int64 sentBefore)
{
	return _database.execute(session, "DELETE FROM outbox WHERE kind = 'mail' AND sent_at IS NOT NULL AND sent_at < ?",
	                         {sentBefore});
}


std::string OutboxRepository::truncateError(const std::string& error)
{
	if (error.size() <= MAX_ERROR_CHARS)
		return error;
	std::size_t end = MAX_ERROR_CHARS;
	// Step back over UTF-8 continuation bytes (10xxxxxx) so no sequence is cut in half.
	while (end > 0 && (static_cast<unsigned char>(error[end]) & 0xC0) == 0x80)
		--end;
	return error.substr(0, end);
}


} // namespace Data
} // namespace Orgs
