//
// JsonCodec.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonCodec
//


#include "http/JsonCodec.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"


namespace Orgs {
namespace Http {


namespace {


Poco::Dynamic::Var nullableTime(const Poco::Nullable<Poco::Timestamp>& ts)
{
	if (ts.isNull())
		return Poco::Dynamic::Var();
	return JsonCodec::time(ts.value());
}


} // namespace


Poco::JSON::Object::Ptr JsonCodec::object()
{
	return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}


std::string JsonCodec::time(const Poco::Timestamp& ts)
{
	return Poco::DateTimeFormatter::format(ts, "%Y-%m-%dT%H:%M:%SZ");
}


Poco::JSON::Object::Ptr JsonCodec::account(const Account& a)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", a.id);
	o->set("username", a.username);
	o->set("email", a.email);
	o->set("name", a.name);
	o->set("created_at", time(a.createdAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::organization(const Organization& org)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", org.id);
	o->set("username", org.username);
	o->set("title", org.title);
	o->set("region", org.region);
	o->set("owner_account_id", org.ownerAccountId);
	o->set("created_at", time(org.createdAt));
	o->set("updated_at", time(org.updatedAt));
	o->set("personal", org.personal);
	o->set("plan", org.plan);
	Poco::JSON::Array::Ptr domains = new Poco::JSON::Array;
	for (const auto& d : org.allowedEmailDomains)
		domains->add(d);
	o->set("allowed_email_domains", domains);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::organization(const OrganizationMembership& om)
{
	Poco::JSON::Object::Ptr o = organization(om.organization);
	Poco::JSON::Object::Ptr m = object();
	m->set("role", om.role);
	m->set("owner", om.owner);
	o->set("membership", m);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::membership(const Membership& m)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("organization_id", m.organizationId);
	o->set("account_id", m.accountId);
	o->set("username", m.username);
	o->set("name", m.name);
	o->set("role", m.role);
	o->set("owner", m.owner);
	Poco::JSON::Object::Ptr defaults = object();
	for (const auto& kv : m.defaultRoles)
		defaults->set(kv.first, kv.second);
	o->set("default_roles", defaults);
	o->set("created_at", time(m.createdAt));
	return o;
}


void JsonCodec::write(JsonWriter& w, const Membership& m)
{
	w.beginObject();
	w.key("organization_id");
	w.value(static_cast<Poco::Int64>(m.organizationId));
	w.key("account_id");
	w.value(static_cast<Poco::Int64>(m.accountId));
	w.key("username");
	w.value(m.username);
	w.key("name");
	w.value(m.name);
	w.key("role");
	w.value(m.role);
	w.key("owner");
	w.value(m.owner);
	w.key("default_roles");
	w.beginObject();
	for (const auto& kv : m.defaultRoles)
	{
		w.key(kv.first);
		w.value(kv.second);
	}
	w.endObject();
	w.key("created_at");
	w.time(m.createdAt);
	w.endObject();
}


Poco::JSON::Object::Ptr JsonCodec::workspace(const Workspace& w)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", w.id);
	o->set("organization_id", w.organizationId);
	o->set("name", w.name);
	o->set("created_by", w.createdBy);
	o->set("created_at", time(w.createdAt));
	o->set("updated_at", time(w.updatedAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::workspaceMember(const WorkspaceMember& m)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("workspace_id", m.workspaceId);
	o->set("account_id", m.accountId);
	o->set("username", m.username);
	o->set("name", m.name);
	o->set("role", m.role);
	o->set("created_at", time(m.createdAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::resource(const Resource& r)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", r.id);
	o->set("organization_id", r.organizationId);
	if (r.workspaceId.isNull())
		o->set("workspace_id", Poco::Dynamic::Var());
	else
		o->set("workspace_id", r.workspaceId.value());
	o->set("type", r.type);
	o->set("name", r.name);
	o->set("created_by", r.createdBy);
	o->set("created_at", time(r.createdAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::collaborator(const Collaborator& c)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("resource_id", c.resourceId);
	o->set("account_id", c.accountId);
	o->set("username", c.username);
	o->set("name", c.name);
	o->set("role", c.role);
	o->set("created_at", time(c.createdAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::token(const AccessToken& t)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", t.id);
	o->set("name", t.name);
	o->set("prefix", t.prefix);
	o->set("created_at", time(t.createdAt));
	o->set("last_used_at", nullableTime(t.lastUsedAt));
	o->set("expires_at", nullableTime(t.expiresAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::token(const IssuedToken& t)
{
	Poco::JSON::Object::Ptr o = token(t.token);
	o->set("token", t.secret);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::roles(const std::vector<RoleScopeInfo>& scopes)
{
	Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
	for (const auto& scope : scopes)
	{
		Poco::JSON::Object::Ptr s = object();
		s->set("scope", scope.scope);
		s->set("default", scope.defaultRole);
		Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
		for (const auto& role : scope.roles)
		{
			Poco::JSON::Object::Ptr r = object();
			r->set("name", role.name);
			Poco::JSON::Array::Ptr perms = new Poco::JSON::Array;
			for (const auto& p : role.permissions)
				perms->add(p);
			r->set("permissions", perms);
			roles->add(r);
		}
		s->set("roles", roles);
		list->add(s);
	}
	Poco::JSON::Object::Ptr o = object();
	o->set("scopes", list);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::invitation(const Invitation& i)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("id", i.id);
	o->set("organization_id", i.organizationId);
	o->set("email", i.email);
	o->set("name", i.name);
	o->set("role", i.role);
	Poco::JSON::Array::Ptr workspaces = new Poco::JSON::Array;
	for (const auto& w : i.workspaces)
	{
		Poco::JSON::Object::Ptr ws = object();
		ws->set("id", w.workspaceId);
		ws->set("role", w.role);
		workspaces->add(ws);
	}
	o->set("workspaces", workspaces);
	Poco::JSON::Object::Ptr defaults = object();
	for (const auto& kv : i.defaultRoles)
		defaults->set(kv.first, kv.second);
	o->set("default_roles", defaults);
	o->set("note", i.note);
	o->set("status", i.status);
	Poco::JSON::Object::Ptr inviter = object();
	inviter->set("id", i.invitedBy);
	inviter->set("username", i.inviterUsername);
	inviter->set("name", i.inviterName);
	o->set("inviter", inviter);
	o->set("created_at", time(i.createdAt));
	o->set("sent_at", time(i.sentAt));
	o->set("expires_at", time(i.expiresAt));
	o->set("responded_at", nullableTime(i.respondedAt));
	if (i.acceptedBy.isNull())
		o->set("accepted_by", Poco::Dynamic::Var());
	else
		o->set("accepted_by", i.acceptedBy.value());
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::invitation(const IssuedInvitation& i)
{
	Poco::JSON::Object::Ptr o = invitation(i.invitation);
	if (!i.token.empty())
		o->set("token", i.token);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::invitationView(const InvitationView& v)
{
	Poco::JSON::Object::Ptr o = object();
	Poco::JSON::Object::Ptr org = object();
	org->set("id", v.invitation.organizationId);
	org->set("username", v.organizationUsername);
	org->set("title", v.organizationTitle);
	o->set("organization", org);
	o->set("email", v.invitation.email);
	o->set("name", v.invitation.name);
	o->set("role", v.invitation.role);
	Poco::JSON::Array::Ptr workspaces = new Poco::JSON::Array;
	for (const auto& w : v.invitation.workspaces)
	{
		Poco::JSON::Object::Ptr ws = object();
		ws->set("id", w.workspaceId);
		ws->set("role", w.role);
		workspaces->add(ws);
	}
	o->set("workspaces", workspaces);
	o->set("note", v.invitation.note);
	Poco::JSON::Object::Ptr inviter = object();
	inviter->set("id", v.invitation.invitedBy);
	inviter->set("username", v.invitation.inviterUsername);
	inviter->set("name", v.invitation.inviterName);
	o->set("inviter", inviter);
	o->set("status", v.invitation.status);
	o->set("expires_at", time(v.invitation.expiresAt));
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::plan(const Plan& p)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("name", p.name);
	o->set("max_members", p.maxMembers);
	o->set("max_workspaces", p.maxWorkspaces);
	o->set("max_pending_invitations", p.maxPendingInvitations);
	return o;
}


Poco::JSON::Object::Ptr JsonCodec::usage(const Usage& u)
{
	Poco::JSON::Object::Ptr o = object();
	o->set("organization_id", u.organizationId);
	o->set("plan", plan(u.plan));
	o->set("members", u.members);
	o->set("pending_invitations", u.pendingInvitations);
	o->set("seats_used", u.members + u.pendingInvitations);
	o->set("workspaces", u.workspaces);
	o->set("resources", u.resources);
	o->set("api_requests_month", u.apiRequestsMonth);
	o->set("month_start", time(u.monthStart));
	return o;
}


} // namespace Http
} // namespace Orgs
