//
// UsageRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  UsageRepository
//
// Counts of what an organization holds, for plan limits and the usage report.
//


#ifndef Orgs_UsageRepository_INCLUDED
#define Orgs_UsageRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"


namespace Orgs {
namespace Data {


class UsageRepository
	/// Each count is one query on an index that starts with organization_id.
{
public:
	explicit UsageRepository(Database& database);

	Poco::Int64 members(Poco::Data::Session& session, Id orgId);
	Poco::Int64 workspaces(Poco::Data::Session& session, Id orgId);
	Poco::Int64 resources(Poco::Data::Session& session, Id orgId);

private:
	Poco::Int64 count(Poco::Data::Session& session, const std::string& table, Id orgId);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_UsageRepository_INCLUDED
