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
#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "support/TestRuntime.h"
#include "Orgs/Permission.h"
#include "Poco/AutoPtr.h"
#include "Poco/JSON/Object.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <functional>
#include <initializer_list>
#include <map>
#include <sstream>
#include <utility>
#include <vector>


using Orgs::Permission;
using Orgs::PermissionSet;
using Orgs::Config::RoleCatalog;
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


struct Actor
	/// An account and its token; empty for the anonymous caller.
{
	Poco::Int64 id = 0;
	std::string username;
	std::string token;
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
	                              {"orgs.invitations.exposeToken", "true"}, // the invitee's routes need a token
	                              {"orgs.plans.free.customRoles", "true"}}) // the custom role routes can succeed
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

	Actor owner;
	Actor outsider;

private:
	int _counter = 0;
};


struct Call
	/// A request for a route: its path parameters and its body.
{
	std::map<std::string, std::string> params;
	std::string body;
};


enum class Requirement
{
	Public,      ///< anyone, signed in or not
	SignedIn,    ///< any account; not scoped to an organization
	Member,      ///< any member of the organization
	Permission,  ///< a member whose role grants the permission
	Owner,       ///< the owner alone
	Workspace,   ///< in a workspace the actor holds no role of its own in: it must see the workspace
	             ///< (workspace.read there, or workspaces.list_all) and hold the permission there
	Resource,    ///< on a resource the actor collaborates on by its default role: it must see the
	             ///< resource (resource.read or resources.read there) and hold the permission there
	DeletedOwner ///< on a deleted organization: its owner alone; everybody else 404
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
	    {"GET", "/roles", Requirement::SignedIn, NONE, 200,
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
	};
	return actions;
}


bool scoped(const Rule& rule)
	/// Returns true for routes under /orgs/{org}.
{
	return rule.requirement == Requirement::Member || rule.requirement == Requirement::Permission ||
	       rule.requirement == Requirement::Owner || rule.requirement == Requirement::Workspace ||
	       rule.requirement == Requirement::Resource || rule.requirement == Requirement::DeletedOwner;
}


struct Expectation
{
	int status;
	std::string code; ///< the problem code; empty for success
};


Expectation expected(const Rule& rule, const std::string& who, const RoleCatalog& roles)
{
	if (rule.requirement == Requirement::Public)
		return {rule.success, ""};
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
	return result;
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
		if (open != (pRule->requirement == Requirement::Public))
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
			if (route.method != "GET" && auditedActions().count(route.method + " " + route.pattern) == 0)
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
		const Response r = world.send(rule.method, target, call.body, actor.token);
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
		else if (!want.code.empty() && problemCode(r) != want.code)
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
