//
// ApiUsageRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ApiUsageRepository
//


#include "data/ApiUsageRepository.h"
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


ApiUsageRepository::ApiUsageRepository(Database& database) : _database(database) {}


void ApiUsageRepository::add(Poco::Data::Session& session, Id organizationId, int month, Poco::Int64 requests)
{
	// INSERT ... SELECT from organizations: the count of an organization deleted since the
	// request is dropped instead of failing the whole flush on the foreign key.
	if (_database.dialect() == Database::Dialect::MySQL)
	{
		session << "INSERT INTO api_usage (organization_id, month, requests) "
		           "SELECT id, ?, ? FROM organizations WHERE id = ? "
		           "ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests)",
		    bind(month), bind(requests), bind(organizationId), now;
	}
	else
	{
		// SQLite needs the WHERE to tell the upsert's ON CONFLICT from a join's ON.
		session << "INSERT INTO api_usage (organization_id, month, requests) "
		           "SELECT id, ?, ? FROM organizations WHERE id = ? "
		           "ON CONFLICT (organization_id, month) DO UPDATE SET requests = requests + excluded.requests",
		    bind(month), bind(requests), bind(organizationId), now;
	}
}


Poco::Int64 ApiUsageRepository::requests(Poco::Data::Session& session, Id organizationId, int month)
{
	Poco::Int64 n = 0;
	Poco::Data::Statement st(session);
	st << "SELECT requests FROM api_usage WHERE organization_id = ? AND month = ?", bind(organizationId), bind(month),
	    into(n);
	st.execute();
	return n;
}


} // namespace Data
} // namespace Orgs
