//
// ScimConnectionRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimConnectionRepository
//
// SQL for SCIM connections and their mapping rules.
//


#ifndef Orgs_ScimConnectionRepository_INCLUDED
#define Orgs_ScimConnectionRepository_INCLUDED


#include "Orgs/ScimService.h"
#include "data/Database.h"
#include "data/MappingRuleTable.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class ScimConnectionRepository
	/// scim_connections and scim_mapping_rules. A connection is read with its rules, in order.
	/// Its token is stored as its SHA-256 (token_hash, unique): findByToken() is one index
	/// probe, run for every SCIM request (nothing caches a token, so a rotated or deleted
	/// connection's token is refused at once).
{
public:
	explicit ScimConnectionRepository(Database& database);

	Id insert(Poco::Data::Session& session, const ScimConnection& connection, const std::string& tokenHash);
		/// Inserts the connection and its rules; returns its id. Throws ConflictException
		/// ("scim_connection_exists") for a name the organization has.

	void update(Poco::Data::Session& session, const ScimConnection& connection);
		/// Writes name, default role and updated_at, and replaces the rules.

	void setToken(Poco::Data::Session& session, Id id, const std::string& tokenHash, const std::string& prefix,
	              const Poco::Timestamp& at);
		/// Replaces the token: the old hash matches nothing from now on.

	bool remove(Poco::Data::Session& session, Id orgId, Id id);
		/// Deletes the connection with its rules, users and groups; returns false if there was none.

	Poco::Nullable<ScimConnection> find(Poco::Data::Session& session, Id orgId, Id id, bool lock = false);
		/// Returns the organization's connection with its rules.

	Poco::Nullable<ScimConnection> findByToken(Poco::Data::Session& session, const std::string& tokenHash,
	                                           bool lock = false);
		/// Returns the connection whose token hashes to tokenHash, with its rules.

	std::vector<ScimConnection> list(Poco::Data::Session& session, Id orgId, Id afterId, int limit);
		/// Returns up to limit connections with id above afterId, by id, with their rules.

private:
	std::vector<ScimConnection> read(Poco::Data::RecordSet& rs) const;

	Database& _database;
	MappingRuleTable _rules;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ScimConnectionRepository_INCLUDED
