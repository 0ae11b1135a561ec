//
// AuthorizationMatrixTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  AuthorizationMatrixTest
//


#include "AuthorizationMatrixTest.h"
#include "support/Suites.h"
#include "config/RoleCatalog.h"
#include "http/Api.h"
#include "http/Router.h"
#include "access/AccessControlImpl.h"
#include "access/RoleResolver.h"
#include "data/AccessRepository.h"
#include "data/OrganizationRepository.h"
#include "support/ApiServer.h"
#include "support/DnsServer.h"
#include "support/HttpAssert.h"
#include "support/ManualClock.h"
#include "support/OpenIdProvider.h"
#include "support/ReplayWorld.h"
#include "support/TestRuntime.h"
#include "Orgs/Errors.h"
#include "Orgs/Permission.h"
#include "Poco/AutoPtr.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Statement.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/UUIDGenerator.h"
#include "Poco/NumberParser.h"
#include "Poco/Timespan.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>


using Orgs::Permission;
using Orgs::PermissionSet;
using Orgs::Config::RoleCatalog;
using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;


ORGS_TEST_SUITE(AuthorizationMatrixTest, "AuthorizationMatrix", DATABASE);


namespace {


const std::string ANONYMOUS("anonymous");
const std::string NON_MEMBER("non-member");
const std::string OWNER("owner");


std::string rolesFile()
{
	return TestRuntime::sourceDir() + "/config/roles.properties";
}


RoleCatalog loadRoles()
{
	Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> pFile = new Poco::Util::PropertyFileConfiguration(rolesFile());
	return RoleCatalog::load(*pFile, rolesFile());
}


std::string lowestRole(const std::string& scope)
	/// Returns the first role of a resource scope that is not "none": one every holder of
	/// resource.manage may grant in the shipped model.
{
	const RoleCatalog roles = loadRoles();
	for (int i = 0;; ++i)
	{
		const std::string& name = roles.roleName(scope, i);
		if (name != RoleCatalog::NONE)
			return name;
	}
}


std::string otherRole(const std::string& scope)
	/// Returns the first role of a scope that is not its default role.
{
	const RoleCatalog roles = loadRoles();
	for (int i = 0;; ++i)
	{
		const std::string& name = roles.roleName(scope, i);
		if (name != roles.defaultRole(scope))
			return name;
	}
}


Orgs::Test::DnsServer& dns()
	/// The name server every host of the matrix asks (orgs.domains.nameservers): one for the
	/// process, started when first asked.
{
	static Orgs::Test::DnsServer server;
	return server;
}


struct Actor
	/// An account and its token; empty for the anonymous caller.
{
	Poco::Int64 id = 0;
	std::string username;
	std::string token;
};


struct Call
	/// A request for a route: its path parameters and its body.
{
	std::map<std::string, std::string> params;
	std::string body;
	std::string token =
	    std::string(); ///< a SCIM connection's token: what succeeds on a ScimToken route (see Requirement)
};


class World : public Orgs::Test::ReplayWorld
	/// orgs-host with the shipped roles file on a fresh database (ReplayWorld), and the accounts
	/// and organizations the cells run against. Anything a request may consume (an
	/// organization to delete, a member to remove, a token to revoke) is made fresh for each
	/// cell, so that every cell can really succeed.
{
public:
	World()
	    : ReplayWorld("default", {{"orgs.roles.file", rolesFile()}, // the file the expectations are derived from
	                              {"orgs.invitations.exposeToken", "true"},      // the invitee's routes need a token
	                              {"orgs.plans.free.customRoles", "true"},       // the custom role routes can succeed
	                              {"orgs.auth.tls.caFile", provider().caFile()}, // the SSO test route verifies
	                              {"orgs.domains.nameservers", dns().nameserver()}}) // domains verify
	{
		owner = signUp("owner");
		outsider = signUp("outsider");
	}

	World(const std::string& baseUrl, Orgs::Test::TestDatabase::Ptr pDatabase) : ReplayWorld(baseUrl, pDatabase)
		/// The same accounts and steps against a server this test runs in its own process.
	{
		owner = signUp("owner");
		outsider = signUp("outsider");
	}

	std::string unique(const std::string& prefix) { return prefix + "-" + std::to_string(++_counter); }

	Actor signUp(const std::string& prefix)
	{
		const std::string username = unique(prefix);
		const User user = ReplayWorld::signUp(username, std::string(), std::string(), username);
		Actor a;
		a.id = user.id;
		a.username = user.username;
		a.token = user.token;
		return a;
	}

	std::string organization(const Actor* pMember = nullptr, const std::string& role = std::string())
		/// Creates an organization owned by owner, with pMember in the given role.
	{
		const std::string org = unique("org");
		expect(201, "POST", "/orgs", json({{"username", org}, {"title", "Organization " + org}}), owner.token);
		if (pMember)
			expect(201, "POST", "/orgs/" + org + "/members", json({{"username", pMember->username}, {"role", role}}),
			       owner.token);
		return org;
	}

	Actor member(const std::string& org)
		/// Signs up a new account and makes it a member of org (default role).
	{
		Actor a = signUp("target");
		expect(201, "POST", "/orgs/" + org + "/members", json({{"username", a.username}}), owner.token);
		return a;
	}

	std::string workspace(const std::string& org)
		/// Creates a workspace of org (by owner, who becomes its admin) and returns its id.
	{
		Response r =
		    expect(201, "POST", "/orgs/" + org + "/workspaces", json({{"name", unique("Workspace")}}), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::string resource(const std::string& org)
		/// Registers a resource of the first configured type in org (by owner) and returns its id.
		/// Every member present by then becomes a collaborator with its default role.
	{
		const std::string type = loadRoles().resourceTypes().front();
		Response r = expect(201, "POST", "/orgs/" + org + "/resources",
		                    json({{"type", type}, {"name", unique("resource")}}), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::string token(const Actor& actor)
		/// Issues a new token of actor (of owner for the anonymous caller) and returns its id.
	{
		const Actor& holder = actor.token.empty() ? owner : actor;
		Response r = expect(201, "POST", "/me/tokens", json({{"name", "to-revoke"}}), holder.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::string invitation(const std::string& org)
		/// Invites a new email to org (by owner) and returns the invitation's id.
	{
		Response r = expect(201, "POST", "/orgs/" + org + "/invitations",
		                    json({{"email", unique("invited") + "@example.com"}}), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::string invitationToken(const Actor& actor)
		/// Has a new account invite actor's email to its own organization (so that even the owner
		/// is not a member yet) and returns the token (the host exposes it).
	{
		const Actor inviter = signUp("inviter");
		const std::string org = unique("inviting");
		expect(201, "POST", "/orgs", json({{"username", org}, {"title", "Inviting " + org}}), inviter.token);
		const std::string email = (actor.username.empty() ? unique("nobody") : actor.username) + "@example.com";
		Response r = expect(201, "POST", "/orgs/" + org + "/invitations", json({{"email", email}}), inviter.token);
		return r.json()->getValue<std::string>("token");
	}

	std::string inviteLink(const std::string& org)
		/// Creates org's invite link (by owner) and returns its token.
	{
		Response r = expect(201, "POST", "/orgs/" + org + "/invite-link", "", owner.token);
		return r.json()->getValue<std::string>("token");
	}

	std::string inviteLinkToken()
		/// Has a new account create an organization and its invite link (so that even the owner
		/// is not a member yet) and returns the link's token.
	{
		const Actor inviter = signUp("linker");
		const std::string org = unique("linking");
		expect(201, "POST", "/orgs", json({{"username", org}, {"title", "Linking " + org}}), inviter.token);
		Response r = expect(201, "POST", "/orgs/" + org + "/invite-link", "", inviter.token);
		return r.json()->getValue<std::string>("token");
	}

	std::string customRole(const std::string& org)
		/// Creates a custom workspace role of org (by owner) and returns its name.
	{
		const std::string name = unique("custom");
		expect(201, "POST", "/orgs/" + org + "/roles",
		       "{\"scope\":\"workspace\",\"name\":\"" + name + "\",\"permissions\":[\"workspace.read\"]}", owner.token);
		return name;
	}

	Poco::JSON::Object::Ptr claimDomain(const std::string& org)
		/// Has owner claim a new domain for org and returns the claim.
	{
		Response r = expect(201, "POST", "/orgs/" + org + "/domains", json({{"domain", unique("domain") + ".test"}}),
		                    owner.token);
		return r.json();
	}

	std::string domain(const std::string& org)
		/// Has owner claim a new domain for org and returns it.
	{
		return claimDomain(org)->getValue<std::string>("domain");
	}

	std::string publishedDomain(const std::string& org)
		/// Claims a new domain for org and publishes its challenge in DNS: it can be verified.
	{
		const Poco::JSON::Object::Ptr claim = claimDomain(org);
		Poco::JSON::Object::Ptr challenge = claim->getObject("challenge");
		dns().setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
		return claim->getValue<std::string>("domain");
	}

	std::string suggestedOrganization(const Actor& actor)
		/// Has a new account create an organization that verifies example.com (the domain of
		/// every account here) with join mode "suggest", marks actor's email verified, and
		/// returns the organization: one actor may join (even the owner is not a member). The
		/// organization that had example.com verified before lets it go first.
	{
		if (!_exampleHolder.second.empty())
			expect(204, "DELETE", "/orgs/" + _exampleHolder.first + "/domains/example.com", "", _exampleHolder.second);
		const Actor holder = signUp("domainer");
		const std::string org = unique("suggesting");
		expect(201, "POST", "/orgs", json({{"username", org}, {"title", "Suggesting " + org}}), holder.token);
		Response r = expect(201, "POST", "/orgs/" + org + "/domains", json({{"domain", "example.com"}}), holder.token);
		Poco::JSON::Object::Ptr challenge = r.json()->getObject("challenge");
		dns().setTxt(challenge->getValue<std::string>("name"), {challenge->getValue<std::string>("value")});
		expect(200, "POST", "/orgs/" + org + "/domains/example.com/verify", "", holder.token);
		expect(200, "PATCH", "/orgs/" + org + "/domains/example.com", json({{"join_mode", "suggest"}}), holder.token);
		_exampleHolder = {org, holder.token};
		Poco::Data::Session s = database().session();
		Poco::Int64 id = actor.id;
		s << "UPDATE accounts SET email_verified = 1 WHERE id = ?", Poco::Data::Keywords::use(id),
		    Poco::Data::Keywords::now;
		return org;
	}

	static Orgs::Test::OpenIdProvider& provider()
		/// The test OpenID Provider (the oidc.start fixture's).
	{
		static Orgs::Test::OpenIdProvider op;
		return op;
	}

	static std::string ssoConnectionBody(const std::string& name)
		/// A connection on the provider's "other" issuer, as its own.
	{
		return "{\"name\":\"" + name + "\",\"issuer\":\"" + provider().issuer(Orgs::Test::OpenIdProvider::OTHER) +
		       "\",\"audience\":\"" + provider().clientId(Orgs::Test::OpenIdProvider::OTHER) +
		       "\",\"domains\":[\"acme.test\"],\"default_role\":\"member\"}";
	}

	std::string ssoConnection(const std::string& org)
		/// Creates an SSO connection of org (by owner) and returns its id.
	{
		Response r =
		    expect(201, "POST", "/orgs/" + org + "/sso-connections", ssoConnectionBody(unique("sso")), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::string webhook(const std::string& org)
		/// Creates a webhook endpoint of org (by owner) and returns its id. Its address does not
		/// resolve (.invalid), so its deliveries fail at once, in the background.
	{
		Response r = expect(201, "POST", "/orgs/" + org + "/webhooks",
		                    json({{"url", "https://" + unique("hooks") + ".invalid/in"}}), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	std::pair<std::string, std::string> webhookDelivery(const std::string& org)
		/// Creates a webhook endpoint and returns its id and that of a delivery to it (its own
		/// webhook.created event).
	{
		const std::string id = webhook(org);
		Response r = expect(200, "GET", "/orgs/" + org + "/webhooks/" + id + "/deliveries", "", owner.token);
		Poco::JSON::Array::Ptr items = r.json()->getArray("items");
		CPPUNIT_ASSERT_MESSAGE("no delivery of the endpoint's own event", items && items->size() > 0);
		return {id, std::to_string(items->getObject(0)->getValue<Poco::Int64>("id"))};
	}

	std::string ssoToken()
		/// Returns an ID token of the connection's issuer, for a new user of the provider.
	{
		Orgs::Test::OpenIdProvider::User u;
		u.sub = "sso-user-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
		u.email = u.sub + "@acme.test";
		u.emailVerified = true;
		u.groups = {"staff"};
		provider().setUser(u);
		return provider().idToken(Orgs::Test::OpenIdProvider::OTHER, u.sub);
	}

	Call scim(const std::string& resource, bool withId, const std::string& body = std::string())
		/// Makes an organization of the owner with a SCIM connection (and, withId, a user or group
		/// it provisioned) and returns the call of a SCIM route with the connection's token.
	{
		const std::string org = organization();
		Response r =
		    expect(201, "POST", "/orgs/" + org + "/scim-connections", json({{"name", unique("scim")}}), owner.token);
		Call call;
		call.token = r.json()->getValue<std::string>("token");
		const std::string connection = std::to_string(r.json()->getValue<Poco::Int64>("id"));
		call.params = {{"org", org}, {"connection", connection}, {"resource", resource}};
		call.body = body;
		if (withId)
		{
			const std::string created =
			    resource == "Users"
			        ? "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + unique("u") +
			              "@scim.test\"}"
			        : "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" +
			              unique("g") + "\"}";
			r = send("POST", "/scim/v2/" + connection + "/" + resource, created, call.token);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 201, r.status);
			call.params["id"] = r.json()->getValue<std::string>("id");
		}
		return call;
	}

	static std::string scimUser(const std::string& userName)
	{
		return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName +
		       "\",\"displayName\":\"Changed\"}";
	}

	std::string scimConnection(const std::string& org)
		/// Creates a SCIM connection of org (by owner) and returns its id.
	{
		Response r =
		    expect(201, "POST", "/orgs/" + org + "/scim-connections", json({{"name", unique("scim")}}), owner.token);
		return std::to_string(r.json()->getValue<Poco::Int64>("id"));
	}

	Actor owner;
	Actor outsider;

private:
	int _counter = 0;
	std::pair<std::string, std::string> _exampleHolder; ///< the organization verifying example.com, its owner's token
};


enum class Requirement
{
	Public,       ///< anyone, signed in or not
	SignedIn,     ///< any account; not scoped to an organization
	Member,       ///< any member of the organization
	Permission,   ///< a member whose role grants the permission
	Owner,        ///< the owner alone
	Workspace,    ///< in a workspace the actor holds no role of its own in: it must see the workspace
	              ///< (workspace.read there, or workspaces.list_all) and hold the permission there
	Resource,     ///< on a resource the actor collaborates on by its default role: it must see the
	              ///< resource (resource.read or resources.read there) and hold the permission there
	DeletedOwner, ///< on a deleted organization: its owner alone; everybody else 404
	ScimToken     ///< a SCIM route: only its connection's SCIM token (Call::token) succeeds; an
	              ///< account's credentials are none there (401 for everyone)
};


struct Rule
	/// A route, what it requires, and how to make a request for it that can succeed.
{
	using Build = std::function<Call(World&, const Actor& actor, const std::string& org)>;

	Rule(const std::string& m, const std::string& p, Requirement r, Permission perm, int s, Build b, int os = 0,
	     const std::string& oc = std::string(), Permission alt = Permission::COUNT)
	    : method(m), pattern(p), requirement(r), permission(perm), success(s), build(std::move(b)), ownerStatus(os),
	      ownerCode(oc), alternative(alt)
	{
	}

	std::string method;
	std::string pattern;
	Requirement requirement;
	Permission permission; ///< for Permission, Workspace and Resource (COUNT: seeing it is enough)
	int success;           ///< the status of a successful request
	Build build;
	int ownerStatus;        ///< when the owner cannot succeed by rule (not by authorization)
	std::string ownerCode;  ///< the problem code the owner then gets
	Permission alternative; ///< a permission that serves as well as permission (COUNT: none)
};


const std::vector<Rule>& table()
{
	static const Permission NONE = Permission::COUNT;
	static const std::vector<Rule> rules = {
	    // System
	    {"GET", "/health", Requirement::Public, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    // Operations: outside every organization; /metrics is further limited by
	    // orgs.metrics.exposure (loopback by default, which every test client is: MetricsApiTest
	    // covers off, a forwarded address and the token).
	    {"GET", "/health/live", Requirement::Public, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"GET", "/health/ready", Requirement::Public, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"GET", "/metrics", Requirement::Public, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"GET", "/roles", Requirement::SignedIn, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"GET", "/openapi.json", Requirement::Public, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    // Accounts and tokens
	    {"POST", "/accounts", Requirement::Public, NONE, 201,
	     [](World& w, const Actor&, const std::string&) {
		     const std::string u = w.unique("new");
		     return Call{{}, json({{"username", u}, {"email", u + "@example.com"}})};
	     }},
	    {"GET", "/me", Requirement::SignedIn, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"PUT", "/me/active-organization", Requirement::SignedIn, NONE, 200,
	     [](World&, const Actor&, const std::string&) {
		     return Call{{}, "{\"org\":null}"};
	     }},
	    {"POST", "/me/tokens", Requirement::SignedIn, NONE, 201,
	     [](World&, const Actor&, const std::string&) {
		     return Call{{}, json({{"name", "matrix"}})};
	     }},
	    {"GET", "/me/tokens", Requirement::SignedIn, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"DELETE", "/me/tokens/{id}", Requirement::SignedIn, NONE, 204,
	     [](World& w, const Actor& actor, const std::string&) {
		     return Call{{{"id", w.token(actor)}}, ""};
	     }},
	    // Organizations
	    {"POST", "/orgs", Requirement::SignedIn, NONE, 201,
	     [](World& w, const Actor&, const std::string&) {
		     return Call{{}, json({{"username", w.unique("created")}, {"title", "Created"}})};
	     }},
	    {"GET", "/orgs", Requirement::SignedIn, NONE, 200,
	     [](World&, const Actor&, const std::string&) { return Call(); }},
	    {"GET", "/orgs/{org}", Requirement::Member, NONE, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}", Requirement::Permission, Permission::OrgUpdate, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"title", "Retitled"}})};
	     }},
	    {"DELETE", "/orgs/{org}", Requirement::Owner, NONE, 204,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"POST", "/orgs/{org}/transfer-ownership", Requirement::Owner, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"account", w.member(org).username}})};
	     }},
	    // Memberships
	    {"GET", "/orgs/{org}/members", Requirement::Permission, Permission::MembersRead, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"POST", "/orgs/{org}/members", Requirement::Permission, Permission::MembersAdd, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"username", w.signUp("joining").username}})};
	     }},
	    {"GET", "/orgs/{org}/members/{account}", Requirement::Permission, Permission::MembersRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"account", w.member(org).username}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/members/{account}", Requirement::Permission, Permission::MembersUpdate, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     // The target keeps the default role: a change any holder of members.update may make,
		     // whatever its own role (no role_exceeds_own), so the check on the route decides.
		     // Its default role on new resources changes, so that the request changes something.
		     const RoleCatalog roles = loadRoles();
		     const std::string type = roles.resourceTypes().front();
		     return Call{{{"org", org}, {"account", w.member(org).username}},
		                 "{\"role\":\"" + roles.defaultRole(RoleCatalog::ORGANIZATION) + "\",\"default_roles\":{\"" +
		                     type + "\":\"" + otherRole(type) + "\"}}"};
	     }},
	    {"DELETE", "/orgs/{org}/members/{account}", Requirement::Permission, Permission::MembersRemove, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"account", w.member(org).username}}, ""};
	     }},
	    {"POST", "/orgs/{org}/leave", Requirement::Member, NONE, 204,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     },
	     409, "transfer_ownership_first"},
	    // Permissions: any member may ask about itself (asking about others needs members.read).
	    // Invitations: the organization's side by permission, the invitee's by token (signed in).
	    {"POST", "/orgs/{org}/invitations", Requirement::Permission, Permission::InvitationsCreate, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"email", w.unique("invited") + "@example.com"}})};
	     }},
	    {"GET", "/orgs/{org}/invitations", Requirement::Permission, Permission::InvitationsRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.invitation(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/invitations/{id}", Requirement::Permission, Permission::InvitationsRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.invitation(org)}}, ""};
	     }},
	    {"DELETE", "/orgs/{org}/invitations/{id}", Requirement::Permission, Permission::InvitationsRevoke, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.invitation(org)}}, ""};
	     }},
	    {"POST", "/orgs/{org}/invitations/{id}/resend", Requirement::Permission, Permission::InvitationsCreate, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.invitation(org)}}, ""};
	     }},
	    {"GET", "/invitations/{token}", Requirement::SignedIn, NONE, 200,
	     [](World& w, const Actor& actor, const std::string&) {
		     return Call{{{"token", w.invitationToken(actor)}}, ""};
	     }},
	    {"POST", "/invitations/{token}/accept", Requirement::SignedIn, NONE, 201,
	     [](World& w, const Actor& actor, const std::string&) {
		     return Call{{{"token", w.invitationToken(actor)}}, ""};
	     }},
	    {"POST", "/invitations/{token}/decline", Requirement::SignedIn, NONE, 204,
	     [](World& w, const Actor& actor, const std::string&) {
		     return Call{{{"token", w.invitationToken(actor)}}, ""};
	     }},
	    // The organization-wide invite link: managed like invitations, joined by any signed-in holder.
	    {"POST", "/orgs/{org}/invite-link", Requirement::Permission, Permission::InvitationsCreate, 201,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/invite-link", Requirement::Permission, Permission::InvitationsRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.inviteLink(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"DELETE", "/orgs/{org}/invite-link", Requirement::Permission, Permission::InvitationsRevoke, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     w.inviteLink(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/invite-links/{token}", Requirement::SignedIn, NONE, 200,
	     [](World& w, const Actor&, const std::string&) {
		     return Call{{{"token", w.inviteLinkToken()}}, ""};
	     }},
	    {"POST", "/invite-links/{token}/accept", Requirement::SignedIn, NONE, 201,
	     [](World& w, const Actor&, const std::string&) {
		     return Call{{{"token", w.inviteLinkToken()}}, ""};
	     }},
	    // Verified domains: managed with domains.manage; a suggested organization joined by any
	    // signed-in account whose verified email is in its domain.
	    {"POST", "/orgs/{org}/domains", Requirement::Permission, Permission::DomainsManage, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"domain", w.unique("claimed") + ".test"}})};
	     }},
	    {"GET", "/orgs/{org}/domains", Requirement::Permission, Permission::DomainsManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.domain(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/domains/{domain}", Requirement::Permission, Permission::DomainsManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"domain", w.domain(org)}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/domains/{domain}", Requirement::Permission, Permission::DomainsManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     // Another role than the default: within the own permissions of every holder of
		     // domains.manage in the shipped roles, and a change all the same.
		     return Call{{{"org", org}, {"domain", w.domain(org)}},
		                 json({{"join_role", otherRole(RoleCatalog::ORGANIZATION)}})};
	     }},
	    {"DELETE", "/orgs/{org}/domains/{domain}", Requirement::Permission, Permission::DomainsManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"domain", w.domain(org)}}, ""};
	     }},
	    {"POST", "/orgs/{org}/domains/{domain}/verify", Requirement::Permission, Permission::DomainsManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"domain", w.publishedDomain(org)}}, ""};
	     }},
	    {"POST", "/me/suggested-organizations/{org}/join", Requirement::SignedIn, NONE, 201,
	     [](World& w, const Actor& actor, const std::string&) {
		     return Call{{{"org", w.suggestedOrganization(actor)}}, ""};
	     }},
	    // Usage and plans
	    {"GET", "/orgs/{org}/usage", Requirement::Permission, Permission::UsageRead, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/permissions", Requirement::Member, NONE, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    // Workspaces: the list is filtered, never refused; each workspace is made fresh by the owner.
	    {"POST", "/orgs/{org}/workspaces", Requirement::Permission, Permission::WorkspacesCreate, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"name", w.unique("Created")}})};
	     }},
	    {"GET", "/orgs/{org}/workspaces", Requirement::Member, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.workspace(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/workspaces/{ws}", Requirement::Workspace, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"ws", w.workspace(org)}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/workspaces/{ws}", Requirement::Workspace, Permission::WorkspaceUpdate, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"ws", w.workspace(org)}}, json({{"name", w.unique("Renamed")}})};
	     }},
	    {"DELETE", "/orgs/{org}/workspaces/{ws}", Requirement::Workspace, Permission::WorkspaceDelete, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"ws", w.workspace(org)}}, ""};
	     }},
	    {"GET", "/orgs/{org}/workspaces/{ws}/members", Requirement::Workspace, Permission::WorkspaceRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"ws", w.workspace(org)}}, ""};
	     }},
	    {"PUT", "/orgs/{org}/workspaces/{ws}/members/{account}", Requirement::Workspace,
	     Permission::WorkspaceMembersManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     // The default workspace role: no holder of workspace.members.manage exceeds its own.
		     return Call{{{"org", org}, {"ws", w.workspace(org)}, {"account", w.member(org).username}},
		                 json({{"role", loadRoles().defaultRole(RoleCatalog::WORKSPACE)}})};
	     }},
	    {"DELETE", "/orgs/{org}/workspaces/{ws}/members/{account}", Requirement::Workspace,
	     Permission::WorkspaceMembersManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     const std::string ws = w.workspace(org);
		     const std::string target = w.member(org).username;
		     w.expect(200, "PUT", "/orgs/" + org + "/workspaces/" + ws + "/members/" + target,
		              json({{"role", loadRoles().defaultRole(RoleCatalog::WORKSPACE)}}), w.owner.token);
		     return Call{{{"org", org}, {"ws", ws}, {"account", target}}, ""};
	     }},
	    // Resources: the list is filtered, never refused; each resource is made fresh by the owner,
	    // after the actor joined, so the actor collaborates on it by its default role.
	    {"POST", "/orgs/{org}/resources", Requirement::Permission, Permission::ResourcesCreate, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}},
		                 json({{"type", loadRoles().resourceTypes().front()}, {"name", w.unique("created")}})};
	     }},
	    {"GET", "/orgs/{org}/resources", Requirement::Member, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.resource(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/resources/{id}", Requirement::Resource, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.resource(org)}}, ""};
	     }},
	    {"DELETE", "/orgs/{org}/resources/{id}", Requirement::Resource, Permission::ResourcesDelete, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.resource(org)}}, ""};
	     },
	     0, "", Permission::ResourceManage},
	    {"GET", "/orgs/{org}/resources/{id}/collaborators", Requirement::Resource, Permission::ResourceRead, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.resource(org)}}, ""};
	     }},
	    {"PUT", "/orgs/{org}/resources/{id}/collaborators/{account}", Requirement::Resource, Permission::ResourceManage,
	     200,
	     [](World& w, const Actor&, const std::string& org) {
		     const std::string id = w.resource(org);
		     return Call{{{"org", org}, {"id", id}, {"account", w.member(org).username}},
		                 json({{"role", lowestRole(loadRoles().resourceTypes().front())}})};
	     }},
	    {"DELETE", "/orgs/{org}/resources/{id}/collaborators/{account}", Requirement::Resource,
	     Permission::ResourceManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     const std::string id = w.resource(org);
		     const std::string target = w.member(org).username;
		     w.expect(200, "PUT", "/orgs/" + org + "/resources/" + id + "/collaborators/" + target,
		              json({{"role", lowestRole(loadRoles().resourceTypes().front())}}), w.owner.token);
		     return Call{{{"org", org}, {"id", id}, {"account", target}}, ""};
	     }},
	    // Custom roles: the host's free plan allows them (see World).
	    {"POST", "/orgs/{org}/roles", Requirement::Permission, Permission::RolesManage, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}},
		                 "{\"scope\":\"workspace\",\"name\":\"" + w.unique("role") +
		                     "\",\"permissions\":[\"workspace.read\"]}"};
	     }},
	    {"GET", "/orgs/{org}/roles", Requirement::Member, NONE, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/roles/{name}", Requirement::Permission, Permission::RolesManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"name", w.customRole(org)}}, json({{"description", "changed"}})};
	     }},
	    {"DELETE", "/orgs/{org}/roles/{name}", Requirement::Permission, Permission::RolesManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"name", w.customRole(org)}}, ""};
	     }},
	    // SSO connections: sso.manage for each; the test route verifies a token of the connection.
	    {"POST", "/orgs/{org}/sso-connections", Requirement::Permission, Permission::SsoManage, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, World::ssoConnectionBody(w.unique("sso"))};
	     }},
	    {"GET", "/orgs/{org}/sso-connections", Requirement::Permission, Permission::SsoManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.ssoConnection(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/sso-connections/{id}", Requirement::Permission, Permission::SsoManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.ssoConnection(org)}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/sso-connections/{id}", Requirement::Permission, Permission::SsoManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.ssoConnection(org)}}, "{\"enforced\":true}"};
	     }},
	    {"DELETE", "/orgs/{org}/sso-connections/{id}", Requirement::Permission, Permission::SsoManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.ssoConnection(org)}}, ""};
	     }},
	    {"GET", "/orgs/{org}/sso-connections/{id}/test", Requirement::Permission, Permission::SsoManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.ssoConnection(org)}, {"?", "token=" + w.ssoToken()}}, ""};
	     }},
	    {"POST", "/orgs/{org}/sso-connections/{id}/test", Requirement::Permission, Permission::SsoManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.ssoConnection(org)}}, "{\"token\":\"" + w.ssoToken() + "\"}"};
	     }},
	    // Events and webhooks: events.read for the feed, webhooks.manage for the rest.
	    {"GET", "/orgs/{org}/events", Requirement::Permission, Permission::EventsRead, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"POST", "/orgs/{org}/webhooks", Requirement::Permission, Permission::WebhooksManage, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"url", "https://" + w.unique("hooks") + ".invalid/in"}})};
	     }},
	    {"GET", "/orgs/{org}/webhooks", Requirement::Permission, Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.webhook(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/webhooks/{id}", Requirement::Permission, Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.webhook(org)}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/webhooks/{id}", Requirement::Permission, Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.webhook(org)}}, json({{"description", "changed"}})};
	     }},
	    {"DELETE", "/orgs/{org}/webhooks/{id}", Requirement::Permission, Permission::WebhooksManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.webhook(org)}}, ""};
	     }},
	    {"POST", "/orgs/{org}/webhooks/{id}/secret", Requirement::Permission, Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.webhook(org)}}, ""};
	     }},
	    {"GET", "/orgs/{org}/webhooks/{id}/deliveries", Requirement::Permission, Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.webhook(org)}}, ""};
	     }},
	    {"POST", "/orgs/{org}/webhooks/{id}/deliveries/{delivery}/retry", Requirement::Permission,
	     Permission::WebhooksManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     const auto ids = w.webhookDelivery(org);
		     return Call{{{"org", org}, {"id", ids.first}, {"delivery", ids.second}}, ""};
	     }},
	    // SCIM connections: scim.manage for each.
	    {"POST", "/orgs/{org}/scim-connections", Requirement::Permission, Permission::ScimManage, 201,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"name", w.unique("scim")}})};
	     }},
	    {"GET", "/orgs/{org}/scim-connections", Requirement::Permission, Permission::ScimManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.scimConnection(org);
		     return Call{{{"org", org}}, ""};
	     }},
	    {"GET", "/orgs/{org}/scim-connections/{id}", Requirement::Permission, Permission::ScimManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.scimConnection(org)}}, ""};
	     }},
	    {"PATCH", "/orgs/{org}/scim-connections/{id}", Requirement::Permission, Permission::ScimManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.scimConnection(org)}}, json({{"name", w.unique("renamed")}})};
	     }},
	    {"DELETE", "/orgs/{org}/scim-connections/{id}", Requirement::Permission, Permission::ScimManage, 204,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.scimConnection(org)}}, ""};
	     }},
	    {"POST", "/orgs/{org}/scim-connections/{id}/token", Requirement::Permission, Permission::ScimManage, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     return Call{{{"org", org}, {"id", w.scimConnection(org)}}, ""};
	     }},
	    // The SCIM protocol: the connection's token alone (one pattern serves Users and Groups).
	    {"GET", "/scim/v2/{connection}/{resource}", Requirement::ScimToken, NONE, 200,
	     [](World& w, const Actor&, const std::string&) { return w.scim("Users", false); }},
	    {"POST", "/scim/v2/{connection}/{resource}", Requirement::ScimToken, NONE, 201,
	     [](World& w, const Actor&, const std::string&) {
		     return w.scim("Users", false, World::scimUser(w.unique("new") + "@scim.test"));
	     }},
	    {"GET", "/scim/v2/{connection}/{resource}/{id}", Requirement::ScimToken, NONE, 200,
	     [](World& w, const Actor&, const std::string&) { return w.scim("Users", true); }},
	    {"PUT", "/scim/v2/{connection}/{resource}/{id}", Requirement::ScimToken, NONE, 200,
	     [](World& w, const Actor&, const std::string&) {
		     Call call = w.scim("Users", true);
		     call.body = World::scimUser(w.unique("renamed") + "@scim.test");
		     return call;
	     }},
	    {"PATCH", "/scim/v2/{connection}/{resource}/{id}", Requirement::ScimToken, NONE, 200,
	     [](World& w, const Actor&, const std::string&) {
		     return w.scim("Users", true,
		                   "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
		                   "\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"}]}");
	     }},
	    {"DELETE", "/scim/v2/{connection}/{resource}/{id}", Requirement::ScimToken, NONE, 204,
	     [](World& w, const Actor&, const std::string&) { return w.scim("Users", true); }},
	    // Audit log and recoverable deletion
	    {"GET", "/orgs/{org}/audit", Requirement::Permission, Permission::AuditRead, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, ""};
	     }},
	    {"POST", "/orgs/{org}/restore", Requirement::DeletedOwner, NONE, 200,
	     [](World& w, const Actor&, const std::string& org) {
		     w.expect(204, "DELETE", "/orgs/" + org, "", w.owner.token);
		     return Call{{{"org", org}}, ""};
	     }},
	};
	return rules;
}


const std::vector<Rule>& fieldRules()
	/// Cells of a route of table() whose requirement depends on the body: each names a route of
	/// the table and a body whose field needs another permission.
{
	static const std::vector<Rule> rules = {
	    // The plan: billing.manage, which "*" leaves out (only the owner holds it in roles.properties).
	    {"PATCH", "/orgs/{org}", Requirement::Permission, Permission::BillingManage, 200,
	     [](World&, const Actor&, const std::string& org) {
		     return Call{{{"org", org}}, json({{"plan", "team"}})};
	     }},
	};
	return rules;
}


std::vector<const Rule*> cells()
	/// Every rule of table(), then every rule of fieldRules().
{
	std::vector<const Rule*> result;
	for (const auto& rule : table())
		result.push_back(&rule);
	for (const auto& rule : fieldRules())
		result.push_back(&rule);
	return result;
}


const std::map<std::string, std::string>& auditedActions()
	/// "METHOD pattern" of every route that changes something -> the audit event it must write.
	/// testEveryChangeIsAudited fails for a route that changes something and is missing here.
{
	static const std::map<std::string, std::string> actions = {
	    {"POST /accounts", "account.created"},
	    {"POST /me/tokens", "token.created"},
	    {"DELETE /me/tokens/{id}", "token.revoked"},
	    {"PUT /me/active-organization", "account.active_organization_changed"},
	    {"POST /orgs/{org}/invitations", "invitation.created"},
	    {"DELETE /orgs/{org}/invitations/{id}", "invitation.revoked"},
	    {"POST /orgs/{org}/invitations/{id}/resend", "invitation.resent"},
	    {"POST /invitations/{token}/accept", "invitation.accepted"},
	    {"POST /invitations/{token}/decline", "invitation.declined"},
	    {"POST /orgs/{org}/invite-link", "invite_link.created"},
	    {"DELETE /orgs/{org}/invite-link", "invite_link.disabled"},
	    {"POST /invite-links/{token}/accept", "invite_link.accepted"},
	    {"POST /orgs", "organization.created"},
	    {"PATCH /orgs/{org}", "organization.updated"},
	    {"DELETE /orgs/{org}", "organization.deleted"},
	    {"POST /orgs/{org}/restore", "organization.restored"},
	    {"POST /orgs/{org}/transfer-ownership", "ownership.transferred"},
	    {"POST /orgs/{org}/members", "member.added"},
	    {"PATCH /orgs/{org}/members/{account}", "member.default_roles_changed"},
	    {"DELETE /orgs/{org}/members/{account}", "member.removed"},
	    {"POST /orgs/{org}/leave", "member.left"},
	    {"POST /orgs/{org}/workspaces", "workspace.created"},
	    {"PATCH /orgs/{org}/workspaces/{ws}", "workspace.updated"},
	    {"DELETE /orgs/{org}/workspaces/{ws}", "workspace.deleted"},
	    {"PUT /orgs/{org}/workspaces/{ws}/members/{account}", "workspace_member.set"},
	    {"DELETE /orgs/{org}/workspaces/{ws}/members/{account}", "workspace_member.removed"},
	    {"POST /orgs/{org}/resources", "resource.created"},
	    {"DELETE /orgs/{org}/resources/{id}", "resource.deleted"},
	    {"PUT /orgs/{org}/resources/{id}/collaborators/{account}", "collaborator.set"},
	    {"DELETE /orgs/{org}/resources/{id}/collaborators/{account}", "collaborator.removed"},
	    {"POST /orgs/{org}/roles", "roles.created"},
	    {"PATCH /orgs/{org}/roles/{name}", "roles.updated"},
	    {"DELETE /orgs/{org}/roles/{name}", "roles.deleted"},
	    {"POST /orgs/{org}/domains", "domain.added"},
	    {"PATCH /orgs/{org}/domains/{domain}", "domain.updated"},
	    {"DELETE /orgs/{org}/domains/{domain}", "domain.removed"},
	    {"POST /orgs/{org}/domains/{domain}/verify", "domain.verified"},
	    {"POST /me/suggested-organizations/{org}/join", "domain.joined"},
	    {"POST /orgs/{org}/sso-connections", "sso_connection.created"},
	    {"PATCH /orgs/{org}/sso-connections/{id}", "sso_connection.updated"},
	    {"DELETE /orgs/{org}/sso-connections/{id}", "sso_connection.deleted"},
	    {"POST /orgs/{org}/webhooks", "webhook.created"},
	    {"PATCH /orgs/{org}/webhooks/{id}", "webhook.updated"},
	    {"DELETE /orgs/{org}/webhooks/{id}", "webhook.deleted"},
	    {"POST /orgs/{org}/webhooks/{id}/secret", "webhook.secret_rotated"},
	    {"POST /orgs/{org}/webhooks/{id}/deliveries/{delivery}/retry", "webhook.delivery_retried"},
	    {"POST /orgs/{org}/scim-connections", "scim_connection.created"},
	    {"PATCH /orgs/{org}/scim-connections/{id}", "scim_connection.updated"},
	    {"DELETE /orgs/{org}/scim-connections/{id}", "scim_connection.deleted"},
	    {"POST /orgs/{org}/scim-connections/{id}/token", "scim_connection.token_rotated"},
	    // As the connection (actor: its creator, actor_via "scim:<name>"); Groups write scim.group_*.
	    {"POST /scim/v2/{connection}/{resource}", "scim.user_created"},
	    {"PUT /scim/v2/{connection}/{resource}/{id}", "scim.user_updated"},
	    {"PATCH /scim/v2/{connection}/{resource}/{id}", "scim.user_updated"},
	    {"DELETE /scim/v2/{connection}/{resource}/{id}", "scim.user_deleted"},
	};
	return actions;
}


const std::set<std::string>& unchangingPosts()
	/// "METHOD pattern" of the routes other than GET that change nothing (they take a body a
	/// query string could not hold): no audit event is expected of them.
{
	static const std::set<std::string> routes = {
	    "POST /orgs/{org}/sso-connections/{id}/test", // explains what a token would do, does nothing
	};
	return routes;
}


bool scoped(const Rule& rule)
	/// Returns true for routes under /orgs/{org}.
{
	return rule.requirement == Requirement::Member || rule.requirement == Requirement::Permission ||
	       rule.requirement == Requirement::Owner || rule.requirement == Requirement::Workspace ||
	       rule.requirement == Requirement::Resource || rule.requirement == Requirement::DeletedOwner;
}


const std::string SCIM_ERROR = "(a SCIM error document)";


struct Expectation
{
	int status;
	std::string code; ///< the problem code; empty for success
};


Expectation expected(const Rule& rule, const std::string& who, const RoleCatalog& roles)
{
	if (rule.requirement == Requirement::Public)
		return {rule.success, ""};
	if (rule.requirement == Requirement::ScimToken)
		return {401, SCIM_ERROR}; // an account's credentials, or none, on a SCIM route
	if (who == ANONYMOUS)
		return {401, "unauthenticated"};
	if (rule.requirement == Requirement::SignedIn)
		return {rule.success, ""};
	if (who == NON_MEMBER)
		return {404, "organization_not_found"};
	if (who == OWNER)
		return rule.ownerStatus ? Expectation{rule.ownerStatus, rule.ownerCode} : Expectation{rule.success, ""};
	const PermissionSet organization = roles.permissions(RoleCatalog::ORGANIZATION, who);
	const RoleCatalog::Role* pRole = roles.findRole(RoleCatalog::ORGANIZATION, who);
	PermissionSet scope = organization; // in the rule's workspace or on its resource
	if (pRole)
		scope |= pRole->impliedPermissions;
	auto granted = [&](PermissionSet held) {
		return rule.permission == Permission::COUNT || held.has(rule.permission) ||
		       (rule.alternative != Permission::COUNT && held.has(rule.alternative));
	};
	switch (rule.requirement)
	{
	case Requirement::DeletedOwner:
		return {404, "organization_not_found"};
	case Requirement::Member:
		return {rule.success, ""};
	case Requirement::Owner:
		return {403, "owner_only"};
	case Requirement::Workspace:
		if (!scope.has(Permission::WorkspaceRead) && !organization.has(Permission::WorkspacesListAll))
			return {404, "workspace_not_found"};
		return granted(scope) ? Expectation{rule.success, ""} : Expectation{403, "permission_denied"};
	case Requirement::Resource:
	{
		const std::string type = roles.resourceTypes().front();
		scope |= roles.permissions(type, roles.defaultRole(type)); // "none" grants nothing
		if (!scope.has(Permission::ResourceRead) && !scope.has(Permission::ResourcesRead))
			return {404, "resource_not_found"};
		return granted(scope) ? Expectation{rule.success, ""} : Expectation{403, "permission_denied"};
	}
	default:
		return roles.permissions(RoleCatalog::ORGANIZATION, who).has(rule.permission)
		           ? Expectation{rule.success, ""}
		           : Expectation{403, "permission_denied"};
	}
}


std::string path(const Rule& rule, const Call& call)
	/// Fills the placeholders of the rule's pattern.
{
	std::string result;
	std::string::size_type pos = 0;
	while (pos < rule.pattern.size())
	{
		const std::string::size_type open = rule.pattern.find('{', pos);
		if (open == std::string::npos)
		{
			result += rule.pattern.substr(pos);
			break;
		}
		const std::string::size_type close = rule.pattern.find('}', open);
		result += rule.pattern.substr(pos, open - pos);
		const std::string name = rule.pattern.substr(open + 1, close - open - 1);
		auto it = call.params.find(name);
		CPPUNIT_ASSERT_MESSAGE("the table builds no {" + name + "} for " + rule.method + " " + rule.pattern,
		                       it != call.params.end());
		result += it->second;
		pos = close + 1;
	}
	// A query string, for a route that reads one.
	auto query = call.params.find("?");
	if (query != call.params.end())
	{
		result += "?" + query->second;
	}
	return result;
}


bool isScimError(const Response& r)
{
	try
	{
		return r.contentType.find("application/scim+json") == 0 &&
		       r.json()->getArray("schemas")->getElement<std::string>(0) ==
		           "urn:ietf:params:scim:api:messages:2.0:Error" &&
		       r.json()->getValue<std::string>("status") == std::to_string(r.status);
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


std::string problemCode(const Response& r)
{
	try
	{
		return r.json()->optValue<std::string>("code", "");
	}
	catch (Poco::Exception&)
	{
		return "";
	}
}


struct Universe
	/// What a change is checked against: the accounts and organizations a cell made, their
	/// workspaces and resources, the next id of each (what the change may create), and the
	/// references ("{org}": usernames and ids) the organization cache may hold.
{
	std::vector<Orgs::Id> accounts;
	std::vector<Orgs::Id> organizations;
	std::vector<std::pair<Orgs::Id, Orgs::Id>> workspaces; ///< (organization, workspace)
	std::vector<std::pair<Orgs::Id, Orgs::Id>> resources;  ///< (organization, resource)
	std::vector<std::string> references;
};


class Propagation
	/// Looks into a runtime of this process: what its caches answer (the grant cache, the
	/// organization cache) against what its database holds, and the rows that decide access.
{
public:
	struct Marks
		/// The largest ids before a cell's set-up.
	{
		Orgs::Id account = 0;
		Orgs::Id organization = 0;
	};

	explicit Propagation(TestRuntime& rt)
	    : _rt(rt), _access(dynamic_cast<Orgs::Access::AccessControlImpl&>(rt.access())),
	      _database(rt.runtime().database())
	{
	}

	Orgs::Id maxId(const std::string& table)
	{
		return _rt.scalar("SELECT COALESCE(MAX(id), 0) FROM " + table + " WHERE id > ?", 0);
	}

	Marks mark() { return Marks{maxId("accounts"), maxId("organizations")}; }

	Universe universe(const Marks& since, const std::vector<Actor>& actors, const Call& call)
	{
		Universe u;
		std::set<Orgs::Id> accounts;
		for (const auto& a : actors)
			accounts.insert(a.id);
		for (const auto& row : rows("SELECT id FROM accounts WHERE id > ?", since.account))
			accounts.insert(Poco::NumberParser::parse64(row));
		u.accounts.assign(accounts.begin(), accounts.end());
		for (const auto& row : rows("SELECT id FROM organizations WHERE id > ?", since.organization))
			u.organizations.push_back(Poco::NumberParser::parse64(row));
		const Orgs::Id nextOrganization = maxId("organizations") + 1;
		u.organizations.push_back(nextOrganization); // created by the change, perhaps
		const Orgs::Id nextWorkspace = maxId("workspaces") + 1;
		const Orgs::Id nextResource = maxId("resources") + 1;
		for (Orgs::Id o : u.organizations)
		{
			for (const auto& row : rows("SELECT id FROM workspaces WHERE organization_id = ?", o))
				u.workspaces.emplace_back(o, Poco::NumberParser::parse64(row));
			u.workspaces.emplace_back(o, nextWorkspace);
			for (const auto& row : rows("SELECT id FROM resources WHERE organization_id = ?", o))
				u.resources.emplace_back(o, Poco::NumberParser::parse64(row));
			u.resources.emplace_back(o, nextResource);
			u.references.push_back(std::to_string(o));
			for (const auto& row : rows("SELECT username FROM organizations WHERE id = ?", o))
				u.references.push_back(row);
		}
		// A username the request names (a new organization's, a new name) may be cached absent.
		if (!call.body.empty() && call.body[0] == '{')
		{
			Poco::JSON::Object::Ptr pBody = Poco::JSON::Parser().parse(call.body).extract<Poco::JSON::Object::Ptr>();
			if (pBody->has("username"))
				u.references.push_back(pBody->getValue<std::string>("username"));
		}
		for (const auto& kv : call.params)
			u.references.push_back(kv.second);
		return u;
	}

	void warm(const Universe& u)
		/// Loads every grant and every reference of the universe into the caches.
	{
		for (Orgs::Id a : u.accounts)
		{
			for (Orgs::Id o : u.organizations)
				_access.grant(a, o);
			for (const auto& w : u.workspaces)
				_access.permissions(a, w.first, Orgs::WorkspaceId{w.second});
			for (const auto& r : u.resources)
				_access.permissions(a, r.first, Orgs::ResourceId{r.second});
			for (const auto& ref : u.references)
				visible(a, ref);
		}
	}

	std::map<Orgs::Id, std::string> accessRows(const Universe& u)
		/// Returns, per organization, every value an access decision reads (AccessRepository's
		/// columns): the owner and the deletion mark, memberships, workspaces and their members,
		/// resources and their collaborators, custom roles' permissions. Absent: "".
	{
		static const char* QUERIES[] = {
		    "SELECT owner_account_id, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM organizations WHERE id = ?",
		    "SELECT account_id, role FROM memberships WHERE organization_id = ? ORDER BY account_id",
		    "SELECT id FROM workspaces WHERE organization_id = ? ORDER BY id",
		    "SELECT workspace_id, account_id, role FROM workspace_members WHERE organization_id = ? "
		    "ORDER BY workspace_id, account_id",
		    "SELECT id, type, COALESCE(workspace_id, 0) FROM resources WHERE organization_id = ? ORDER BY id",
		    "SELECT resource_id, account_id, role FROM resource_collaborators WHERE organization_id = ? "
		    "ORDER BY resource_id, account_id",
		    "SELECT scope, name, permissions FROM custom_roles WHERE organization_id = ? ORDER BY scope, name"};
		std::map<Orgs::Id, std::string> result;
		for (Orgs::Id o : u.organizations)
		{
			std::string text;
			for (const char* sql : QUERIES)
			{
				for (const auto& row : rows(sql, o))
					text += row + ";";
				text += "|";
			}
			result[o] = text;
		}
		return result;
	}

	std::map<Orgs::Id, Poco::Int64> aclVersions(const Universe& u)
		/// Returns each organization's acl_version; 0 for none.
	{
		std::map<Orgs::Id, Poco::Int64> result;
		for (Orgs::Id o : u.organizations)
			result[o] = _rt.scalar("SELECT COALESCE(MAX(acl_version), 0) FROM organizations WHERE id = ?", o);
		return result;
	}

	std::string stale(const Universe& u)
		/// Returns every answer of the caches that differs from the database's, one per line.
	{
		using Orgs::Access::AccessControlImpl;
		std::string problems;
		Orgs::Data::AccessRepository standings(_database);
		Orgs::Data::OrganizationRepository organizations(_database);
		const Orgs::Access::RoleResolver resolver(_database, _access.catalog());
		_database.withSession([&](Poco::Data::Session& session) {
			auto scoped = [&](const Orgs::Data::AccessRepository::Standing& s, Orgs::Id account) {
				return s.organizationExists && s.scopeExists ? resolver.evaluate(s, account).bits() : 0;
			};
			for (Orgs::Id a : u.accounts)
			{
				const std::string who = "account " + std::to_string(a);
				for (Orgs::Id o : u.organizations)
				{
					const AccessControlImpl::Grant cached = _access.grant(a, o);
					const AccessControlImpl::Grant fresh = _access.grant(standings.organization(session, a, o), a);
					if (cached.exists != fresh.exists || cached.member != fresh.member || cached.owner != fresh.owner ||
					    cached.role != fresh.role || cached.permissions.bits() != fresh.permissions.bits())
						problems += "\n    " + who + " in organization " + std::to_string(o) + ": cached " +
						            describe(cached) + ", stored " + describe(fresh);
				}
				for (const auto& w : u.workspaces)
				{
					const Poco::UInt64 cached = _access.permissions(a, w.first, Orgs::WorkspaceId{w.second}).bits();
					const Poco::UInt64 fresh = scoped(standings.workspace(session, a, w.first, w.second), a);
					if (cached != fresh)
						problems += "\n    " + who + " in workspace " + std::to_string(w.second) + ": cached " +
						            text(cached) + ", stored " + text(fresh);
				}
				for (const auto& r : u.resources)
				{
					const Poco::UInt64 cached = _access.permissions(a, r.first, Orgs::ResourceId{r.second}).bits();
					const Poco::UInt64 fresh = scoped(standings.resource(session, a, r.first, r.second), a);
					if (cached != fresh)
						problems += "\n    " + who + " on resource " + std::to_string(r.second) + ": cached " +
						            text(cached) + ", stored " + text(fresh);
				}
				for (const auto& ref : u.references)
				{
					const std::string cached = visible(a, ref);
					Orgs::Id id = 0;
					Poco::Nullable<Orgs::Organization> row = Poco::NumberParser::tryParse64(ref, id)
					                                             ? organizations.findById(session, id)
					                                             : organizations.findByUsername(session, ref);
					std::string fresh = "not visible";
					if (!row.isNull())
					{
						const AccessControlImpl::Grant g =
						    _access.grant(standings.organization(session, a, row.value().id), a);
						if (g.member)
							fresh = describe(row.value(), g.role, g.owner);
					}
					if (cached != fresh)
						problems +=
						    "\n    " + who + " asking for '" + ref + "': cached " + cached + ", stored " + fresh;
				}
			}
		});
		return problems;
	}

private:
	std::vector<std::string> rows(const std::string& sql, Orgs::Id id)
		/// Runs sql with one id parameter; returns each row's columns joined by ','.
	{
		Poco::Data::Session session = _rt.database().session();
		Poco::Data::Statement st(session);
		st << sql, Poco::Data::Keywords::bind(id);
		st.execute();
		Poco::Data::RecordSet rs(st);
		std::vector<std::string> result;
		for (std::size_t row = 0; row < rs.rowCount(); ++row)
		{
			std::string text;
			for (std::size_t col = 0; col < rs.columnCount(); ++col)
				text += (col ? "," : "") + rs.value(col, row).convert<std::string>();
			result.push_back(text);
		}
		return result;
	}

	std::string visible(Orgs::Id account, const std::string& ref)
		/// What OrganizationService answers from the caches when account asks for ref.
	{
		try
		{
			const Orgs::OrganizationMembership om = _rt.organizations().getOrganization(account, ref);
			return describe(om.organization, om.role, om.owner);
		}
		catch (Orgs::NotFoundException&)
		{
			return "not visible";
		}
	}

	static std::string text(Poco::UInt64 bits)
	{
		std::string names;
		for (const auto& n : Orgs::PermissionSet(bits).names())
			names += (names.empty() ? "" : " ") + n;
		return "[" + names + "]";
	}

	static std::string describe(const Orgs::Organization& o, const std::string& role, bool owner)
	{
		std::string domains;
		for (const auto& d : o.allowedEmailDomains)
			domains += d + " ";
		// withPlan() names the default plan for a row without one: the plan is compared when set.
		return "{id " + std::to_string(o.id) + ", " + o.username + ", '" + o.title + "', owner " +
		       std::to_string(o.ownerAccountId) + ", updated " + std::to_string(o.updatedAt.epochMicroseconds()) +
		       ", domains " + domains + ", role " + role + (owner ? ", owner" : "") + "}";
	}

	static std::string describe(const Orgs::Access::AccessControlImpl::Grant& g)
	{
		return std::string("{") + (g.exists ? "exists" : "absent") + (g.member ? ", member" : "") +
		       (g.owner ? ", owner" : "") + ", role '" + g.role + "', " + text(g.permissions.bits()) + "}";
	}

	TestRuntime& _rt;
	Orgs::Access::AccessControlImpl& _access;
	Orgs::Data::Database& _database;
};


} // namespace


void AuthorizationMatrixTest::testTableMatchesServerRoutes()
{
	TestRuntime runtime;
	const auto& routes = runtime.runtime().api().router().routes();
	std::string problems;
	for (const auto& route : routes)
	{
		const Rule* pRule = nullptr;
		for (const auto& rule : table())
		{
			if (rule.method == route.method && rule.pattern == route.pattern)
				pRule = &rule;
		}
		if (!pRule)
		{
			problems += "\n  the server has " + route.method + " " + route.pattern + ", which the table does not know";
			continue;
		}
		const bool open = route.auth == Orgs::Http::Router::Auth::None;
		if (open != (pRule->requirement == Requirement::Public || pRule->requirement == Requirement::ScimToken))
		{
			problems += "\n  " + route.method + " " + route.pattern + " is " + (open ? "public" : "signed-in only") +
			            " on the server but not in the table";
		}
	}
	for (const auto& rule : table())
	{
		bool found = false;
		for (const auto& route : routes)
			found = found || (rule.method == route.method && rule.pattern == route.pattern);
		if (!found)
			problems += "\n  the table has " + rule.method + " " + rule.pattern + ", which the server does not";
	}
	for (const auto& rule : fieldRules())
	{
		bool found = false;
		for (const auto& route : table())
			found = found || (rule.method == route.method && rule.pattern == route.pattern);
		if (!found)
			problems += "\n  fieldRules() has " + rule.method + " " + rule.pattern + ", which the table does not";
	}
	CPPUNIT_ASSERT_MESSAGE("routes and table differ:" + problems, problems.empty());
	CPPUNIT_ASSERT_EQUAL(table().size(), routes.size());
}


void AuthorizationMatrixTest::testAnonymous()
{
	runMatrix(ANONYMOUS);
}


void AuthorizationMatrixTest::testNonMember()
{
	runMatrix(NON_MEMBER);
}


void AuthorizationMatrixTest::testMember()
{
	runMatrix("member");
}


void AuthorizationMatrixTest::testAdmin()
{
	runMatrix("admin");
}


void AuthorizationMatrixTest::testOwner()
{
	runMatrix(OWNER);
}


void AuthorizationMatrixTest::testEveryChangeIsAudited()
{
	// Every route of the server that may change something (any method but GET) needs an
	// expected action, and every expected action a route of the table that builds its request.
	std::string problems;
	{
		TestRuntime runtime;
		for (const auto& route : runtime.runtime().api().router().routes())
		{
			if (route.method != "GET" && auditedActions().count(route.method + " " + route.pattern) == 0 &&
			    unchangingPosts().count(route.method + " " + route.pattern) == 0)
				problems += "\n  the server has " + route.method + " " + route.pattern +
				            ", for which auditedActions() names no audit event";
		}
	}
	for (const auto& kv : auditedActions())
	{
		bool found = false;
		for (const auto& rule : table())
			found = found || kv.first == rule.method + " " + rule.pattern;
		if (!found)
			problems += "\n  auditedActions() names " + kv.first + ", which the table does not have";
	}
	CPPUNIT_ASSERT_MESSAGE("audited routes and server routes differ:" + problems, problems.empty());

	// Each of them, made to succeed (by the owner, or by an admin where the owner cannot),
	// must write its event, naming the actor, in the transaction of the change.
	World world;
	const Actor admin = world.signUp("admin");
	Poco::Data::Session db = world.database().session();
	auto lastEventId = [&db]() {
		Poco::Int64 id = 0;
		db << "SELECT COALESCE(MAX(id), 0) FROM audit_events", Poco::Data::Keywords::into(id),
		    Poco::Data::Keywords::now;
		return id;
	};
	std::string failures;
	int checked = 0;
	for (const auto& rule : table())
	{
		auto expected = auditedActions().find(rule.method + " " + rule.pattern);
		if (expected == auditedActions().end())
			continue;
		const bool byOwner = rule.ownerStatus == 0;
		const Actor& actor = byOwner ? world.owner : admin;
		std::string org;
		if (scoped(rule))
			org = world.organization(byOwner ? nullptr : &admin, "admin");
		const Call call = rule.build(world, actor, org);
		const std::string target = path(rule, call);
		const Poco::Int64 before = lastEventId();
		const Response r = world.send(rule.method, target, call.body, call.token.empty() ? actor.token : call.token);
		++checked;
		if (r.status != rule.success)
		{
			failures += "\n  " + rule.method + " " + target + ": expected " + std::to_string(rule.success) + ", got " +
			            r.describe();
			continue;
		}
		std::vector<std::string> actions;
		std::vector<Poco::Int64> actors;
		db << "SELECT action, actor_account_id FROM audit_events WHERE id > ? ORDER BY id",
		    Poco::Data::Keywords::bind(before), Poco::Data::Keywords::into(actions), Poco::Data::Keywords::into(actors),
		    Poco::Data::Keywords::now;
		bool written = false;
		std::string seen;
		for (std::size_t i = 0; i < actions.size(); ++i)
		{
			// Sign-up has no actor but the account it creates.
			written = written || (actions[i] == expected->second &&
			                      (rule.requirement == Requirement::Public || actors[i] == actor.id));
			seen += (seen.empty() ? "" : ", ") + actions[i];
		}
		if (!written)
			failures += "\n  " + rule.method + " " + rule.pattern + " wrote no " + expected->second + " event by " +
			            (byOwner ? "the owner" : "the admin") + " (wrote: " + (seen.empty() ? "nothing" : seen) + ")";
	}
	CPPUNIT_ASSERT_MESSAGE("routes that change something without an audit event:" + failures, failures.empty());
	CPPUNIT_ASSERT_EQUAL(static_cast<int>(auditedActions().size()), checked);
}


void AuthorizationMatrixTest::testEveryChangePropagates()
{
	// In this process, so that the caches can be looked into: a runtime whose cached answers
	// are trusted for an hour, so that only the invalidation a change brings makes them fresh.
	Orgs::Test::ManualClock::Ptr pClock = new Orgs::Test::ManualClock;
	TestRuntime rt({{"orgs.accounts.selfSignup", "true"},
	                {"orgs.roles.file", rolesFile()},
	                {"orgs.invitations.exposeToken", "true"},
	                {"orgs.plans.free.customRoles", "true"},
	                {"orgs.plans.team.memberRole", "admin"}, // setEveryRole() has a route then
	                {"orgs.access.maxStaleness", "3600"},
	                {"orgs.domains.nameservers", dns().nameserver()},
	                {"orgs.mail.deliver", "false"}},
	               pClock);
	Orgs::Test::ApiServer server(rt.runtime());
	World world(server.baseUrl(), rt.databasePtr());
	const Actor admin = world.signUp("admin");
	Propagation propagation(rt);

	std::string failures;
	int checked = 0;
	// One change: made by change() after set-up, checked against the universe of the set-up.
	auto check = [&](const std::string& what, const Propagation::Marks& marks, const Call& call,
	                 const std::function<std::string()>& change) {
		const Universe u = propagation.universe(marks, {world.owner, world.outsider, admin}, call);
		propagation.warm(u);
		const auto rowsBefore = propagation.accessRows(u);
		const auto versionsBefore = propagation.aclVersions(u);
		const std::string refused = change();
		++checked;
		if (!refused.empty())
		{
			failures += "\n  " + what + ": " + refused;
			return;
		}
		const auto rowsAfter = propagation.accessRows(u);
		const auto versionsAfter = propagation.aclVersions(u);
		for (Orgs::Id o : u.organizations)
		{
			const bool accessChanged = rowsBefore.at(o) != rowsAfter.at(o);
			const Poco::Int64 before = versionsBefore.at(o);
			const Poco::Int64 after = versionsAfter.at(o);
			// Once per organization and transaction; a new organization's starts at its default,
			// a purged one has none left (0).
			const bool moved = before == 0 || after == 0 ? before != after : after == before + 1;
			if (accessChanged && !moved)
				failures += "\n  " + what + ": access in organization " + std::to_string(o) +
				            " changed, but acl_version went from " + std::to_string(before) + " to " +
				            std::to_string(after);
			if (!accessChanged && before != after)
				failures += "\n  " + what + ": acl_version of organization " + std::to_string(o) + " moved from " +
				            std::to_string(before) + " to " + std::to_string(after) + " without a change of access";
		}
		const std::string stale = propagation.stale(u);
		if (!stale.empty())
			failures += "\n  " + what + ": this process's caches answer what the database no longer holds:" + stale;
	};

	// Every route that changes something (testEveryChangeIsAudited keeps the list complete),
	// and the cells of a route whose requirement depends on the body.
	std::vector<const Rule*> changing;
	for (const Rule* pRule : cells())
	{
		if (auditedActions().count(pRule->method + " " + pRule->pattern) != 0)
			changing.push_back(pRule);
	}
	for (const Rule* pRule : changing)
	{
		const Rule& rule = *pRule;
		const bool byOwner = rule.ownerStatus == 0;
		const Actor& actor = byOwner ? world.owner : admin;
		const Propagation::Marks marks = propagation.mark();
		std::string org;
		if (scoped(rule))
			org = world.organization(byOwner ? nullptr : &admin, "admin");
		const Call call = rule.build(world, actor, org);
		const std::string target = path(rule, call);
		check(rule.method + " " + target, marks, call, [&]() {
			const Response r =
			    world.send(rule.method, target, call.body, call.token.empty() ? actor.token : call.token);
			return r.status == rule.success ? std::string()
			                                : "expected " + std::to_string(rule.success) + ", got " + r.describe();
		});
	}

	// The second way of a route (the table makes each route succeed one way): a change of a role
	// rewrites a row where the table's cell inserts one.
	const std::string type = loadRoles().resourceTypes().front();
	struct Variant
	{
		std::string method;
		std::string what;
		std::function<Call(const std::string& org)> build;
		std::string pattern;
		int success = 200;
	};
	const std::vector<Variant> variants = {
	    {"PATCH", "a member's role",
	     [&](const std::string& org) {
		     return Call{{{"org", org}, {"account", world.member(org).username}}, json({{"role", "admin"}})};
	     },
	     "/orgs/{org}/members/{account}"},
	    {"PUT", "a workspace member's role",
	     [&](const std::string& org) {
		     const std::string ws = world.workspace(org);
		     const std::string target = world.member(org).username;
		     world.expect(200, "PUT", "/orgs/" + org + "/workspaces/" + ws + "/members/" + target,
		                  json({{"role", "viewer"}}), world.owner.token);
		     return Call{{{"org", org}, {"ws", ws}, {"account", target}}, json({{"role", "editor"}})};
	     },
	     "/orgs/{org}/workspaces/{ws}/members/{account}"},
	    {"PUT", "a collaborator's role",
	     [&](const std::string& org) {
		     const std::string target = world.member(org).username; // a collaborator by default role
		     const RoleCatalog roles = loadRoles();
		     std::string other;
		     for (int i = 0; other.empty(); ++i)
		     {
			     const std::string& name = roles.roleName(type, i);
			     if (name != RoleCatalog::NONE && name != roles.defaultRole(type))
				     other = name;
		     }
		     return Call{{{"org", org}, {"id", world.resource(org)}, {"account", target}}, json({{"role", other}})};
	     },
	     "/orgs/{org}/resources/{id}/collaborators/{account}"},
	    {"PUT", "a collaborator's role to none",
	     [&](const std::string& org) {
		     const std::string target = world.member(org).username;
		     return Call{{{"org", org}, {"id", world.resource(org)}, {"account", target}},
		                 json({{"role", RoleCatalog::NONE}})};
	     },
	     "/orgs/{org}/resources/{id}/collaborators/{account}", 204},
	    {"PATCH", "a custom role's permissions",
	     [&](const std::string& org) {
		     return Call{{{"org", org}, {"name", world.customRole(org)}},
		                 "{\"permissions\":[\"workspace.read\",\"workspace.update\"]}"};
	     },
	     "/orgs/{org}/roles/{name}"},
	    {"PATCH", "the plan to one whose members all hold one role",
	     [&](const std::string& org) {
		     world.member(org);
		     return Call{{{"org", org}}, json({{"plan", "team"}})};
	     },
	     "/orgs/{org}"},
	};
	for (const auto& v : variants)
	{
		const Propagation::Marks marks = propagation.mark();
		const std::string org = world.organization();
		const Call call = v.build(org);
		const Rule rule(v.method, v.pattern, Requirement::Owner, Permission::COUNT, 200, nullptr);
		const std::string target = path(rule, call);
		check(v.method + " " + target + " (" + v.what + ")", marks, call, [&]() {
			const Response r = world.send(v.method, target, call.body, world.owner.token);
			return r.status == v.success ? std::string()
			                             : "expected " + std::to_string(v.success) + ", got " + r.describe();
		});
	}

	// Ways of changing access that are not a route of their own.
	for (const std::string& way : {std::string("invitation"), std::string("invite link")})
	{
		// Signing up with a token joins its organization in the sign-up's transaction.
		const Propagation::Marks marks = propagation.mark();
		const std::string org = world.organization();
		const std::string username = world.unique("joiner");
		const std::string email = username + "@example.com";
		const std::string token = way == "invitation" ? world
		                                                    .expect(201, "POST", "/orgs/" + org + "/invitations",
		                                                            json({{"email", email}}), world.owner.token)
		                                                    .json()
		                                                    ->getValue<std::string>("token")
		                                              : world.inviteLink(org);
		const Call call{{}, json({{"username", username}, {"email", email}, {"invitation", token}})};
		check("POST /accounts with an " + way, marks, call, [&]() {
			const Response r = world.send("POST", "/accounts", call.body, "");
			return r.status == 201 ? std::string() : "expected 201, got " + r.describe();
		});
	}
	{
		// The purge of organizations deleted longer ago than the retention.
		const Propagation::Marks marks = propagation.mark();
		const std::string org = world.organization(&admin, "admin");
		world.expect(204, "DELETE", "/orgs/" + org, "", world.owner.token);
		pClock->advance(Poco::Timespan(rt.runtime().settings().retentionDays + 1, 0, 0, 0, 0));
		check("the purge of " + org, marks, Call{{{"org", org}}, ""}, [&]() {
			const int purged = rt.runtime().purgeDeletedOrganizations();
			return purged >= 1 ? std::string() : std::string("purged nothing"); // the DELETE cell's too
		});
	}
	CPPUNIT_ASSERT_MESSAGE("changes that this process's caches or acl_version did not follow:" + failures,
	                       failures.empty());
	CPPUNIT_ASSERT_EQUAL(static_cast<int>(changing.size() + variants.size()) + 3, checked);
}


void AuthorizationMatrixTest::runMatrix(const std::string& who)
{
	const RoleCatalog roles = loadRoles();
	const bool isRole = who != ANONYMOUS && who != NON_MEMBER && who != OWNER;
	CPPUNIT_ASSERT_MESSAGE(rolesFile() + " defines no organization role '" + who + "'",
	                       !isRole || roles.hasRole(RoleCatalog::ORGANIZATION, who));

	World world;

	Actor actor;
	if (who == NON_MEMBER)
		actor = world.outsider;
	else if (who == OWNER)
		actor = world.owner;
	else if (isRole)
		actor = world.signUp(who);

	std::string failures;
	int checked = 0;
	for (const Rule* pRule : cells())
	{
		const Rule& rule = *pRule;
		// A fresh organization per cell, with the actor in it when it plays a role.
		std::string org;
		if (scoped(rule))
			org = world.organization(isRole ? &actor : nullptr, who);
		const Call call = rule.build(world, actor, org);
		const std::string target = path(rule, call);
		const Response r = world.send(rule.method, target, call.body, actor.token);
		const Expectation want = expected(rule, who, roles);
		++checked;

		std::string why;
		if (r.status != want.status)
			why = "expected " + std::to_string(want.status) + (want.code.empty() ? "" : " " + want.code);
		else if (want.code == SCIM_ERROR && !isScimError(r))
			why = "expected a SCIM error document";
		else if (!want.code.empty() && want.code != SCIM_ERROR && problemCode(r) != want.code)
			why = "expected code " + want.code;
		else if (want.code.empty() && (r.status < 200 || r.status > 299))
			why = "expected success";
		if (!why.empty())
			failures += "\n  " + who + ": " + rule.method + " " + rule.pattern + " (" + target + "): " + why +
			            ", got " + r.describe();
	}
	CPPUNIT_ASSERT_MESSAGE("cells that differ from the roles file (" + rolesFile() + "):" + failures, failures.empty());
	CPPUNIT_ASSERT_EQUAL(static_cast<int>(cells().size()), checked);
}
