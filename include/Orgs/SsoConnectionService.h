//
// SsoConnectionService.h
//
// Library: Orgs
// Package: Services
// Module:  SsoConnectionService
//
// Per-organization SSO connections: which identity provider, which email domains, whether it
// is enforced, and the rules that turn a token's claims into membership.
//


#ifndef Orgs_SsoConnectionService_INCLUDED
#define Orgs_SsoConnectionService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Nullable.h"
#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {


struct SsoMappingRule
	/// One mapping rule: if the token's claim matches, the account gets the role in the target
	/// scope. For each scope (the organization, each workspace) the first matching rule in
	/// the connection's order wins.
{
	static constexpr const char* CONTAINS = "contains"; ///< the claim (a list, or one string) has value as an element
	static constexpr const char* EQUALS = "equals";     ///< the claim is exactly value (a list: of one element)
	static constexpr const char* ORGANIZATION = "organization";
	static constexpr const char* WORKSPACE = "workspace";

	std::string claim;  ///< "groups" (the issuer's groups claim) or any claim name of the token
	std::string op;     ///< CONTAINS or EQUALS
	std::string value;  ///< compared as text; true/false and numbers by their JSON text
	std::string target; ///< ORGANIZATION or WORKSPACE
	Id workspaceId = 0; ///< the workspace of a WORKSPACE rule
	std::string role;   ///< an organization role, or a workspace role (configured or custom)
};


struct SsoConnection
	/// An organization's SSO connection.
{
	Id id = 0;
	Id organizationId = 0;
	std::string name;                        ///< unique in the organization
	std::string issuerName;                  ///< a configured issuer (orgs.auth.oidc.<name>); empty for its own
	std::string issuer;                      ///< its own issuer (https); empty for a configured one
	std::string audience;                    ///< its own issuer's audience (the client id)
	std::string jwksUri;                     ///< its own issuer's JWKS; empty: OpenID discovery
	std::vector<std::string> domains;        ///< the email domains it serves, lower case
	bool enforced = false;                   ///< members of its domains reach the organization only through it
	Poco::Nullable<std::string> defaultRole; ///< organization role when no organization rule matches (null: none)
	std::vector<SsoMappingRule> rules;       ///< in order
	Id createdBy = 0;
	Poco::Timestamp createdAt;
	Poco::Timestamp updatedAt;
};


struct SsoConnectionSpec
	/// What is needed to create a connection: issuerName, or issuer and audience.
{
	std::string name;
	std::string issuerName;
	std::string issuer;
	std::string audience;
	std::string jwksUri;
	std::vector<std::string> domains;
	bool enforced = false;
	Poco::Nullable<std::string> defaultRole;
	std::vector<SsoMappingRule> rules;
};


struct SsoConnectionChanges
	/// A partial update; null fields are left as they are. Rules, when given, replace them all.
	/// An empty defaultRole removes it.
{
	Poco::Nullable<std::string> name;
	Poco::Nullable<std::string> issuerName;
	Poco::Nullable<std::string> issuer;
	Poco::Nullable<std::string> audience;
	Poco::Nullable<std::string> jwksUri;
	Poco::Nullable<std::vector<std::string>> domains;
	Poco::Nullable<bool> enforced;
	Poco::Nullable<std::string> defaultRole;
	Poco::Nullable<std::vector<SsoMappingRule>> rules;
};


struct SsoRuleResult
	/// How one rule fared against a token.
{
	std::size_t position = 0;
	bool matched = false;
	bool applied = false; ///< it matched and was the first to match in its scope
};


struct SsoWorkspaceOutcome
	/// The role the rules give in one workspace.
{
	Id workspaceId = 0;
	std::string workspaceName;
	Poco::Nullable<std::size_t> rule; ///< the position of the rule that decided it
	std::string role;                 ///< the role the rules give
	std::string currentRole;          ///< the account's role there now (empty: none)
	std::string action;               ///< "join", "change", "nothing"
};


struct SsoTestReport
	/// What signing in with a token through a connection would do, without doing it.
{
	Id connectionId = 0;
	bool sees = false;          ///< the connection sees this token (issuer, audience; domain for a shared issuer)
	std::string notSeenBecause; ///< why not: "issuer", "audience", "email_not_verified", "domain", or
	                            ///< "domain_not_verified" (a configured issuer's email outside the
	                            ///< organization's verified domains)
	std::string subject;
	std::string email;
	bool emailVerified = false;
	Id accountId = 0; ///< the account of the token's identity (0: it would be created on sign-in)
	std::string username;
	bool member = false;
	bool owner = false;
	std::string currentRole;                      ///< the organization role now (empty for a non-member)
	bool admitted = false;                        ///< a rule or the default role admits the account
	Poco::Nullable<std::size_t> organizationRule; ///< the rule that decided the organization role
	bool byClaim = false;                         ///< the role claim (orgs.sso.roleClaim) decided it
	bool byDefault = false;                       ///< the connection's default role decided it
	std::string role;                             ///< the organization role the rules give (empty: not admitted)
	std::string action;                           ///< "join", "change", "remove", "nothing"
	std::string note;      ///< why nothing happens where something might have (owner, plan role, removeUnmatched off)
	bool admission = true; ///< for "join": whether the organization's admission policy takes the account now
	std::string refusal;   ///< its refusal's code ("seat_limit", "domain_not_allowed", ...)
	std::string refusalMessage;
	std::vector<SsoWorkspaceOutcome> workspaces;
	std::vector<SsoRuleResult> rules;
};


struct SsoConnectionQuery : PageRequest
{
};


class SsoConnectionService
	/// An organization's SSO connections (sso.manage for every call): a non-member gets
	/// NotFoundException ("organization_not_found"), a member without the permission
	/// ForbiddenException ("permission_denied"), a connection of another organization
	/// NotFoundException ("sso_connection_not_found").
	///
	/// Validation (InvalidInputException): a name of 1 to 100 characters ("invalid_name");
	/// a configured issuer name or an https issuer with an audience, not both and not an issuer
	/// that is configured under a name ("invalid_issuer", "unknown_issuer"); a jwksUri only
	/// with an issuer of its own, https ("invalid_jwks_uri"); domains that are domains, not
	/// public mail domains, at most 20 ("invalid_domain", "public_domain"); a shared issuer
	/// needs at least one domain ("domains_required"); roles configured or custom roles of
	/// the organization ("unknown_role"); workspaces of the organization
	/// ("workspace_not_found"); rules with a claim, a known operator and target, at most 100
	/// ("invalid_rule"). A second connection of the same name: ConflictException
	/// ("sso_connection_exists"). Every change is audited (sso_connection.created, .updated,
	/// .deleted).
{
public:
	using Ptr = Poco::SharedPtr<SsoConnectionService>;

	virtual ~SsoConnectionService() = default;

	virtual Page<SsoConnection> listConnections(Id actorId, const std::string& org,
	                                            const SsoConnectionQuery& query) = 0;
		/// Returns the organization's connections by id, keyset-paginated.

	virtual SsoConnection createConnection(Id actorId, const std::string& org, const SsoConnectionSpec& spec) = 0;

	virtual SsoConnection getConnection(Id actorId, const std::string& org, Id connectionId) = 0;

	virtual SsoConnection updateConnection(Id actorId, const std::string& org, Id connectionId,
	                                       const SsoConnectionChanges& changes) = 0;

	virtual void deleteConnection(Id actorId, const std::string& org, Id connectionId) = 0;

	virtual SsoTestReport testConnection(Id actorId, const std::string& org, Id connectionId,
	                                     const std::string& token) = 0;
		/// Verifies the token as a sign-in would, without signing in, and reports what signing
		/// in with it would do, without doing it. The caller is signed in already, so a token
		/// that does not verify is InvalidInputException (400) with the verifier's code
		/// ("token_expired", ...), one of another issuer or audience "wrong_issuer" or
		/// "wrong_audience"; "missing_token" for none. UnavailableException
		/// ("sso_unavailable") if the server verifies no identity provider tokens.
};


} // namespace Orgs


#endif // Orgs_SsoConnectionService_INCLUDED
