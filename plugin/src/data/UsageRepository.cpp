//
// UsageRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  UsageRepository
//


#include "data/UsageRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


UsageRepository::UsageRepository(Database& database) : _database(database) {}


Poco::Int64 UsageRepository::count(Poco::Data::Session& session, const std::string& table, Id orgId)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT COUNT(*) FROM " + table + " WHERE organization_id = ?", {orgId});
	return Rows(rs).integer(0, 0);
}


Poco::Int64 UsageRepository::members(Poco::Data::Session& session, Id orgId)
{
	return count(session, "memberships", orgId);
}


Poco::Int64 UsageRepository::workspaces(Poco::Data::Session& session, Id orgId)
{
	return count(session, "workspaces", orgId);
}


Poco::Int64 UsageRepository::resources(Poco::Data::Session& session, Id orgId)
{
	return count(session, "resources", orgId);
}


} // namespace Data
} // namespace Orgs
