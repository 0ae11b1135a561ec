//
// UsageRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  UsageRepository
//


#include "data/UsageRepository.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


UsageRepository::UsageRepository(Database&) {}


Poco::Int64 UsageRepository::count(Poco::Data::Session& session, const std::string& table, Id orgId)
{
	Poco::Int64 n = 0;
	session << "SELECT COUNT(*) FROM " + table + " WHERE organization_id = ?", bind(orgId), into(n), now;
	return n;
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
