//
// OutboxRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OutboxRepository
//


#include "data/OutboxRepository.h"


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


} // namespace Data
} // namespace Orgs
