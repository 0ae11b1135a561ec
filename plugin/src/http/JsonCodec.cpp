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


} // namespace Http
} // namespace Orgs
