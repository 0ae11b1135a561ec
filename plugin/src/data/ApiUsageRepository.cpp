//
// ApiUsageRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  ApiUsageRepository
//


#include "data/ApiUsageRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


ApiUsageRepository::ApiUsageRepository(Database& database) : _database(database) {}


void ApiUsageRepository::add(Poco::Data::Session& session, Id organizationId, int month, Poco::Int64 requests)
{
	if (requests <= 0)
		return;
	// An UPDATE first: after the month's first flush the row is there, and changing the count
	// checks no foreign key. The INSERT below does, which locks the organization's row in
	// share mode and, on a Galera cluster, certifies it: a change of the organization made
	// meanwhile (its acl_version, on another node) would abort the whole flush.
	if (_database.execute(session,
	                      "UPDATE api_usage SET requests = requests + ? WHERE organization_id = ? AND month = ?",
	                      {requests, organizationId, month}) == 1)
		return;
	// INSERT ... SELECT from organizations: the count of an organization deleted since the
	// request is dropped instead of failing the whole flush on the foreign key.
	if (_database.dialect() == Database::Dialect::MySQL)
	{
		_database.execute(session,
		                  "INSERT INTO api_usage (organization_id, month, requests) "
		                  "SELECT id, ?, ? FROM organizations WHERE id = ? "
		                  "ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests)",
		                  {month, requests, organizationId});
	}
	else
	{
		// SQLite needs the WHERE to tell the upsert's ON CONFLICT from a join's ON.
		_database.execute(session,
		                  "INSERT INTO api_usage (organization_id, month, requests) "
		                  "SELECT id, ?, ? FROM organizations WHERE id = ? "
		                  "ON CONFLICT (organization_id, month) DO UPDATE SET requests = requests + excluded.requests",
		                  {month, requests, organizationId});
	}
}


Poco::Int64 ApiUsageRepository::requests(Poco::Data::Session& session, Id organizationId, int month)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT requests FROM api_usage WHERE organization_id = ? AND month = ?", {organizationId, month});
	Rows rows(rs);
	return rows.count() == 0 ? 0 : rows.integer(0, 0);
}


} // namespace Data
} // namespace Orgs
