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


namespace Orgs {
namespace Data {


class OutboxRepository
	/// Stores messages waiting for delivery.
{
public:
	explicit OutboxRepository(Database& database);

	Id insert(Poco::Data::Session& session, const MailMessage& message, const Poco::Timestamp& at);
		/// Stores message, due at once; returns its id.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_OutboxRepository_INCLUDED
