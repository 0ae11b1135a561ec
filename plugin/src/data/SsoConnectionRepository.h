//
// SsoConnectionRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  SsoConnectionRepository
//
// SQL for SSO connections and their mapping rules.
//


#ifndef Orgs_SsoConnectionRepository_INCLUDED
#define Orgs_SsoConnectionRepository_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "data/Database.h"
#include "data/MappingRuleTable.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class SsoConnectionRepository
	/// sso_connections and sso_mapping_rules. A connection is read with its rules, in order;
	/// domains are stored comma-separated. Nothing here decides access: the connections'
	/// caches (SsoEnforcement, SsoIssuerSource) are told of changes by the service.
{
public:
	struct Audience
		/// An audience that a connection with its own issuer accepts, and its JWKS.
	{
		std::string audience;
		std::string jwksUri;
	};

	explicit SsoConnectionRepository(Database& database);

	Id insert(Poco::Data::Session& session, const SsoConnection& connection);
		/// Inserts the connection and its rules; returns its id. Throws ConflictException
		/// ("sso_connection_exists") for a name the organization has.

	void update(Poco::Data::Session& session, const SsoConnection& connection);
		/// Writes every field and replaces the rules.

	bool remove(Poco::Data::Session& session, Id orgId, Id id);
		/// Deletes the connection and its rules; returns false if there was none.

	Poco::Nullable<SsoConnection> find(Poco::Data::Session& session, Id orgId, Id id, bool lock = false);
		/// Returns the organization's connection with its rules.

	std::vector<SsoConnection> list(Poco::Data::Session& session, Id orgId, Id afterId, int limit);
		/// Returns up to limit connections with id above afterId, by id, with their rules.

	std::vector<SsoConnection> seeing(Poco::Data::Session& session, const std::string& issuer,
	                                  const std::string& issuerName);
		/// Returns every connection (of any organization) on the configured issuer issuerName
		/// (if not empty) or with its own issuer issuer, with their rules, by id.

	std::vector<SsoConnection> enforced(Poco::Data::Session& session, Id orgId);
		/// Returns the organization's enforced connections, without their rules.

	std::vector<Audience> audiences(Poco::Data::Session& session, const std::string& issuer);
		/// Returns the audiences of the connections with the issuer as their own, by id.

	static std::string joinDomains(const std::vector<std::string>& domains);
	static std::vector<std::string> splitDomains(const std::string& text);

private:
	std::vector<SsoConnection> read(Poco::Data::RecordSet& rs) const;

	Database& _database;
	MappingRuleTable _rules;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_SsoConnectionRepository_INCLUDED
