//
// ScimService.h
//
// Library: Orgs
// Package: Services
// Module:  ScimService
//
// SCIM 2.0 provisioning: per-organization connections, each with its bearer token and the
// mapping rules that turn its directory's groups into roles and workspaces, and the SCIM
// protocol itself for hosts that serve it in-process.
//


#ifndef Orgs_ScimService_INCLUDED
#define Orgs_ScimService_INCLUDED


#include "Orgs/Model.h"
#include "Orgs/SsoConnectionService.h"
#include "Poco/Nullable.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {


struct ScimConnection
	/// An organization's SCIM connection: a directory (Okta, Entra ID, ...) that provisions its
	/// users and groups into the organization.
{
	Id id = 0;
	Id organizationId = 0;
	std::string name;                        ///< unique in the organization
	std::string tokenPrefix;                 ///< the first characters of its token, to recognise it
	Poco::Nullable<std::string> defaultRole; ///< organization role when no organization rule matches
	                                         ///< (null: the organization's default role)
	std::vector<SsoMappingRule> rules;       ///< in order; claim "groups": the user's SCIM groups' names
	Id createdBy = 0;
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
	Poco::Timestamp tokenCreatedAt; ///< when the current token was made (created or rotated)
};


struct IssuedScimConnection
	/// A connection with its token: the only time the token is seen.
{
	ScimConnection connection;
	std::string token;
};


struct ScimConnectionSpec
{
	std::string name;
	Poco::Nullable<std::string> defaultRole;
	std::vector<SsoMappingRule> rules;
};


struct ScimConnectionChanges
	/// A partial update; null fields are left as they are. Rules, when given, replace them all
	/// and apply at once to every active user the connection provisioned. An empty
	/// defaultRole removes it.
{
	Poco::Nullable<std::string> name;
	Poco::Nullable<std::string> defaultRole;
	Poco::Nullable<std::vector<SsoMappingRule>> rules;
};


struct ScimConnectionQuery : PageRequest
{
};


struct ScimRequest
	/// One SCIM protocol request to a connection, relative to its base URL.
{
	std::string method;                       ///< GET, POST, PUT, PATCH, DELETE
	std::string path;                         ///< "/Users", "/Users/42", "/Groups", "/ServiceProviderConfig", ...
	std::map<std::string, std::string> query; ///< filter, startIndex, count, attributes, excludedAttributes
	std::string body;                         ///< the JSON text sent (empty: none)
	std::string baseUrl;                      ///< the connection's base URL, for meta.location (may be relative)
};


struct ScimResponse
	/// The answer: a SCIM resource, list or error document (application/scim+json).
{
	int status = 200;
	std::string body;     ///< empty for 204
	std::string location; ///< a created resource's URL (201)
};


class ScimService
	/// An organization's SCIM connections (scim.manage for every call): a non-member gets
	/// NotFoundException ("organization_not_found"), a member without the permission
	/// ForbiddenException ("permission_denied"), a connection of another organization
	/// NotFoundException ("scim_connection_not_found").
	///
	/// Validation (InvalidInputException): a name of 1 to 100 characters ("invalid_name"); roles
	/// configured or custom roles of the organization ("unknown_role"); workspaces of the
	/// organization ("workspace_not_found"); rules on the claim "groups" with a known operator
	/// and target, at most 100 ("invalid_rule"). A second connection of the same name:
	/// ConflictException ("scim_connection_exists"). Nobody but the owner maps users onto a
	/// role with permissions they do not hold themselves ("role_exceeds_own"). Every change is
	/// audited (scim_connection.created, .updated, .deleted, .token_rotated).
	///
	/// A connection's token is random, shown once (createConnection, rotateToken) and stored
	/// hashed. Rotating or deleting refuses the old token from the next request on: tokens are
	/// looked up on every request, never cached.
{
public:
	using Ptr = Poco::SharedPtr<ScimService>;

	virtual ~ScimService() = default;

	virtual Page<ScimConnection> listConnections(Id actorId, const std::string& org,
	                                             const ScimConnectionQuery& query) = 0;
		/// Returns the organization's connections by id, keyset-paginated.

	virtual IssuedScimConnection createConnection(Id actorId, const std::string& org,
	                                              const ScimConnectionSpec& spec) = 0;

	virtual ScimConnection getConnection(Id actorId, const std::string& org, Id connectionId) = 0;

	virtual ScimConnection updateConnection(Id actorId, const std::string& org, Id connectionId,
	                                        const ScimConnectionChanges& changes) = 0;
		/// New rules or a new default role apply, in the same transaction, to every active user
		/// the connection provisioned (roles change, workspaces are joined).

	virtual void deleteConnection(Id actorId, const std::string& org, Id connectionId) = 0;
		/// Revokes its token and forgets its users and groups; the memberships it made stay
		/// (they are no longer managed by a directory).

	virtual IssuedScimConnection rotateToken(Id actorId, const std::string& org, Id connectionId) = 0;
		/// Returns a new token; the old one is refused from now on.

	virtual ScimResponse serve(const std::string& token, Id connectionId, const ScimRequest& request) = 0;
		/// Serves one SCIM 2.0 request (RFC 7644) to the connection connectionId, authenticated
		/// by its token: the HTTP API's {base}/scim/v2/{connection}/... routes call it, and a
		/// host may call it in-process. Never throws for what the request does: errors are SCIM
		/// error documents (401 for a token that is no connection's, 404 for a connection the
		/// token does not belong to).
};


} // namespace Orgs


#endif // Orgs_ScimService_INCLUDED
