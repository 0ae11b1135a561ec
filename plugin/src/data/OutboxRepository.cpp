//
// OutboxRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OutboxRepository
//


#include "data/OutboxRepository.h"
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


OutboxRepository::OutboxRepository(Database& database) : _database(database) {}


Id OutboxRepository::insert(Poco::Data::Session& session, const MailMessage& message, const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	session << "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
	           "VALUES (?, ?, ?, ?, 0, ?)",
	    bind(message.to), bind(message.subject), bind(message.body), bind(micros), bind(micros), now;
	return _database.lastInsertId(session);
}


std::vector<OutboxEntry> OutboxRepository::select(Poco::Data::Session& session, const std::string& where,
                                                  Poco::Int64 value, int limit)
{
	// Plain into() vectors rather than a RecordSet: body is TEXT, which the MySQL connector
	// reports as a BLOB that only a std::string extraction reads as text.
	std::vector<Poco::Int64> ids;
	std::vector<std::string> recipients;
	std::vector<std::string> subjects;
	std::vector<std::string> bodies;
	std::vector<Poco::Int64> created;
	std::vector<int> attempts;
	std::vector<Poco::Int64> next;
	std::vector<Poco::Int64> sent;
	std::vector<std::string> errors;
	Poco::Data::Statement st(session);
	st << "SELECT id, recipient, subject, body, created_at, attempts, next_attempt_at, COALESCE(sent_at, -1), "
	      "COALESCE(last_error, '') FROM outbox WHERE " +
	          where + " LIMIT ?",
	    into(ids), into(recipients), into(subjects), into(bodies), into(created), into(attempts), into(next),
	    into(sent), into(errors), bind(value), bind(limit);
	st.execute();
	std::vector<OutboxEntry> result(ids.size());
	for (std::size_t i = 0; i < ids.size(); ++i)
	{
		OutboxEntry& e = result[i];
		e.id = ids[i];
		e.message.to = recipients[i];
		e.message.subject = subjects[i];
		e.message.body = bodies[i];
		e.createdAt = created[i];
		e.attempts = attempts[i];
		e.nextAttemptAt = next[i];
		if (sent[i] >= 0)
			e.sentAt = sent[i];
		e.lastError = errors[i];
	}
	return result;
}


std::vector<OutboxEntry> OutboxRepository::due(Poco::Data::Session& session, Poco::Int64 now, int limit)
{
	return select(session, "sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id", now, limit);
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
	Poco::Data::Statement st(session);
	st << "UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 "
	      "WHERE id = ? AND sent_at IS NULL AND next_attempt_at = ?",
	    bind(leaseUntil), bind(id), bind(seenNextAttemptAt);
	return st.execute() == 1;
}


bool OutboxRepository::markSent(Poco::Data::Session& session, Id id, Poco::Int64 at)
{
	// Unconditional on the lease: the message did go out, whoever holds the row now.
	Poco::Data::Statement st(session);
	st << "UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL", bind(at), bind(id);
	return st.execute() == 1;
}


bool OutboxRepository::markFailed(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil,
                                  Poco::Int64 nextAttemptAt, const std::string& error)
{
	const std::string text = truncateError(error);
	Poco::Data::Statement st(session);
	st << "UPDATE outbox SET next_attempt_at = ?, last_error = ? "
	      "WHERE id = ? AND sent_at IS NULL AND next_attempt_at = ?",
	    bind(nextAttemptAt), bind(text), bind(id), bind(leaseUntil);
	return st.execute() == 1;
}


std::size_t OutboxRepository::purgeSent(Poco::Data::Session& session, Poco::Int64 sentBefore)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", bind(sentBefore);
	return st.execute();
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
