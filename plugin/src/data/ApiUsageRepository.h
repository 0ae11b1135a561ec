//
// ApiUsageRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ApiUsageRepository
//
// SQL for the api_usage table.
//


#ifndef Orgs_ApiUsageRepository_INCLUDED
#define Orgs_ApiUsageRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"


namespace Orgs {
namespace Data {


class ApiUsageRepository
	/// Adds to and reads the request count of an organization in a month (yyyymm).
{
public:
	explicit ApiUsageRepository(Database& database);

	void add(Poco::Data::Session& session, Id organizationId, int month, Poco::Int64 requests);
		/// Adds requests to the organization's count for the month, creating the row if needed
		/// (an upsert in each dialect). Adds nothing for an organization that no longer exists.

	Poco::Int64 requests(Poco::Data::Session& session, Id organizationId, int month);
		/// Returns the stored count (0 without a row).

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ApiUsageRepository_INCLUDED
