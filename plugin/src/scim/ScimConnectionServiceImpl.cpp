//
// ScimConnectionServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ScimConnectionServiceImpl
//


#include "scim/ScimConnectionServiceImpl.h"
#include "scim/Call.h"
#include "scim/Discovery.h"
#include "scim/ErrorDocument.h"
#include "scim/Filter.h"
#include "scim/ListResponse.h"
#include "scim/Projection.h"
#include "scim/Schema.h"
#include "service/Paging.h"
#include "service/Secrets.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "config/RoleCatalog.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include <sstream>


namespace Orgs {
namespace Scim {


using Service::AuditDetails;
using Service::Guard;


namespace {


const std::string& ORG_SCOPE = Config::RoleCatalog::ORGANIZATION;
constexpr std::size_t PREFIX_LENGTH = 16;


std::string stringify(const Poco::JSON::Object::Ptr& pObject)
{
	std::ostringstream out;
	Poco::JSON::Stringifier::stringify(pObject, out);
	return out.str();
}


ScimResponse respond(int status, const Poco::JSON::Object::Ptr& pObject)
{
	ScimResponse r;
	r.status = status;
	if (pObject)
		r.body = stringify(pObject);
	return r;
}


std::string param(const ScimRequest& request, const std::string& name)
{
	auto it = request.query.find(name);
	return it == request.query.end() ? std::string() : it->second;
}


Poco::JSON::Object::Ptr parseBody(const std::string& text)
{
	if (Poco::trim(text).empty())
		throw InvalidInputException("This request needs a JSON object as its body", "invalidSyntax");
	try
	{
		Poco::JSON::Parser parser;
		Poco::Dynamic::Var v = parser.parse(text);
		if (v.type() == typeid(Poco::JSON::Object::Ptr))
			return v.extract<Poco::JSON::Object::Ptr>();
	}
	catch (Poco::Exception&)
	{
	}
	throw InvalidInputException("The body is not a JSON object", "invalidSyntax");
}


} // namespace


const std::string ScimConnectionServiceImpl::TOKEN_PREFIX("orgs_scim_");


ScimConnectionServiceImpl::ScimConnectionServiceImpl(Data::Database& database, Guard& guard,
                                                     Access::RoleResolver& roles, Directory& directory,
                                                     UserProvisioning& users, GroupProvisioning& groups,
                                                     Service::Clock::Ptr pClock)
    : _database(database), _guard(guard), _roles(roles), _directory(directory), _users(users), _groups(groups),
      _pClock(pClock), _connections(database), _userRows(database), _ruleTargets(database, roles),
      _audit(database, pClock)
{
}


void ScimConnectionServiceImpl::setErrors(Errors errors)
{
	_errors = std::move(errors);
}


void ScimConnectionServiceImpl::checkFields(const ScimConnection& c) const
{
	Service::Validator::name("name", c.name, 1, 100);
	Federation::RuleTargets::checkShapes(c.rules, "groups"); // the names of the user's SCIM groups
}


Poco::Dynamic::Var ScimConnectionServiceImpl::summary(const ScimConnection& c) const
{
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
	o->set("name", c.name);
	o->set("default_role", c.defaultRole.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(c.defaultRole.value()));
	o->set("rules", static_cast<Poco::Int64>(c.rules.size()));
	return o;
}


ScimConnection ScimConnectionServiceImpl::require(Poco::Data::Session& session, const Guard::Scope& scope,
                                                  Id connectionId, bool lock)
{
	Poco::Nullable<ScimConnection> c = _connections.find(session, scope.organization.id, connectionId, lock);
	if (c.isNull())
		throw NotFoundException("'" + scope.organization.username + "' has no SCIM connection " +
		                            std::to_string(connectionId),
		                        "scim_connection_not_found");
	return c.value();
}


void ScimConnectionServiceImpl::reapply(Poco::Data::Session& session, const Organization& org, const ScimConnection& c)
{
	for (const auto& user : _userRows.listActive(session, c.id))
		_directory.sync(session, org, c, user);
}


Page<ScimConnection> ScimConnectionServiceImpl::listConnections(Id actorId, const std::string& org,
                                                                const ScimConnectionQuery& query)
{
	Service::Paging::checkLimit(query.limit);
	const Id after = Service::Paging::decode(query.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage);
		std::vector<ScimConnection> rows = _connections.list(session, scope.organization.id, after, query.limit + 1);
		return Service::Paging::page(std::move(rows), query.limit, [](const ScimConnection& c) { return c.id; });
	});
}


IssuedScimConnection ScimConnectionServiceImpl::createConnection(Id actorId, const std::string& org,
                                                                 const ScimConnectionSpec& spec)
{
	IssuedScimConnection issued;
	ScimConnection& c = issued.connection;
	c.name = Poco::trim(spec.name);
	if (!spec.defaultRole.isNull() && !spec.defaultRole.value().empty())
		c.defaultRole = spec.defaultRole.value();
	c.rules = spec.rules;
	checkFields(c);
	issued.token = Service::Secrets::generate(TOKEN_PREFIX);
	c.tokenPrefix = issued.token.substr(0, PREFIX_LENGTH);
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage, true);
		_ruleTargets.check(session, scope,
		                   c.defaultRole.isNull() ? _roles.catalog().defaultRole(ORG_SCOPE) : c.defaultRole.value(),
		                   c.rules);
		c.organizationId = scope.organization.id;
		c.createdBy = actorId;
		c.createdAt = c.updatedAt = c.tokenCreatedAt = _pClock->now();
		c.id = _connections.insert(session, c, Service::Secrets::sha256Hex(issued.token));
		_audit.record(session, c.organizationId, actorId, "scim_connection.created", {"scim_connection", c.id, c.name},
		              AuditDetails().after("connection", summary(c)).after("prefix", c.tokenPrefix));
	});
	return issued;
}


ScimConnection ScimConnectionServiceImpl::getConnection(Id actorId, const std::string& org, Id connectionId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage);
		return require(session, scope, connectionId);
	});
}


ScimConnection ScimConnectionServiceImpl::updateConnection(Id actorId, const std::string& org, Id connectionId,
                                                           const ScimConnectionChanges& changes)
{
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage, true);
		const ScimConnection before = require(session, scope, connectionId, true);
		ScimConnection c = before;
		if (!changes.name.isNull())
			c.name = Poco::trim(changes.name.value());
		if (!changes.defaultRole.isNull())
			c.defaultRole = changes.defaultRole.value().empty()
			                    ? Poco::Nullable<std::string>()
			                    : Poco::Nullable<std::string>(changes.defaultRole.value());
		if (!changes.rules.isNull())
			c.rules = changes.rules.value();
		checkFields(c);
		_ruleTargets.check(session, scope,
		                   c.defaultRole.isNull() ? _roles.catalog().defaultRole(ORG_SCOPE) : c.defaultRole.value(),
		                   c.rules);
		c.updatedAt = _pClock->now();
		_connections.update(session, c);
		_audit.record(session, c.organizationId, actorId, "scim_connection.updated", {"scim_connection", c.id, c.name},
		              AuditDetails().change("connection", summary(before), summary(c)));
		// New rules take effect at once for everyone the directory provisioned.
		if (!changes.rules.isNull() || !changes.defaultRole.isNull())
		{
			Service::AuditTrail::Via via(Directory::via(c));
			reapply(session, scope.organization, c);
		}
		return c;
	});
}


void ScimConnectionServiceImpl::deleteConnection(Id actorId, const std::string& org, Id connectionId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage, true);
		const ScimConnection c = require(session, scope, connectionId, true);
		_connections.remove(session, scope.organization.id, c.id);
		_audit.record(session, c.organizationId, actorId, "scim_connection.deleted", {"scim_connection", c.id, c.name},
		              AuditDetails().before("connection", summary(c)));
	});
}


IssuedScimConnection ScimConnectionServiceImpl::rotateToken(Id actorId, const std::string& org, Id connectionId)
{
	IssuedScimConnection issued;
	issued.token = Service::Secrets::generate(TOKEN_PREFIX);
	issued.connection = _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = _guard.require(session, actorId, org, Permission::ScimManage, true);
		ScimConnection c = require(session, scope, connectionId, true);
		const std::string oldPrefix = c.tokenPrefix;
		c.tokenPrefix = issued.token.substr(0, PREFIX_LENGTH);
		c.tokenCreatedAt = c.updatedAt = _pClock->now();
		_connections.setToken(session, c.id, Service::Secrets::sha256Hex(issued.token), c.tokenPrefix,
		                      c.tokenCreatedAt);
		_audit.record(session, c.organizationId, actorId, "scim_connection.token_rotated",
		              {"scim_connection", c.id, c.name}, AuditDetails().change("prefix", oldPrefix, c.tokenPrefix));
		return c;
	});
	return issued;
}


ScimResponse ScimConnectionServiceImpl::serve(const std::string& token, Id connectionId, const ScimRequest& request)
{
	ScimResponse response;
	try
	{
		response = route(token, connectionId, request);
	}
	catch (std::exception& exc)
	{
		if (_errors)
			response = _errors(exc);
		else
		{
			const OrgsException* pOrgs = dynamic_cast<const OrgsException*>(&exc);
			response = respond(500, ErrorDocument::make(500, pOrgs ? pOrgs->reason() : "", "The request failed"));
		}
	}
	_requests.count(outcomeOf(response.status));
	return response;
}


const char* ScimConnectionServiceImpl::outcomeOf(int status)
{
	if (status < 300)
		return "ok";
	switch (status)
	{
	case 400:
		return "invalid";
	case 401:
		return "unauthenticated";
	case 404:
		return "not_found";
	case 409:
		return "conflict";
	case 429:
		return "rate_limited";
	case 503:
		return "unavailable";
	default:
		return status < 500 ? "refused" : "error";
	}
}


ScimResponse ScimConnectionServiceImpl::route(const std::string& token, Id connectionId, const ScimRequest& request)
{
	// The token first: nobody learns which connections exist without one.
	if (token.size() < TOKEN_PREFIX.size() + 16 || token.size() > 256 ||
	    token.compare(0, TOKEN_PREFIX.size(), TOKEN_PREFIX) != 0)
		throw UnauthenticatedException("Send the SCIM connection's token: Authorization: Bearer <token>",
		                               "unauthenticated");
	Call call{ScimConnection(), Service::Secrets::sha256Hex(token), Discovery(request.baseUrl)};
	Poco::Nullable<ScimConnection> connection = _database.withSession(
	    [&](Poco::Data::Session& session) { return _connections.findByToken(session, call.tokenHash); });
	if (connection.isNull())
		throw UnauthenticatedException("The SCIM token is unknown, rotated or its connection deleted",
		                               "unauthenticated");
	// Another connection's (or organization's) endpoints: as if they did not exist.
	if (connection.value().id != connectionId)
		throw NotFoundException("No such SCIM endpoint", "not_found");
	call.connection = connection.value();

	Poco::StringTokenizer parts(request.path, "/", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	const std::string resource = parts.count() > 0 ? parts[0] : std::string();
	const std::string id = parts.count() > 1 ? parts[1] : std::string();
	const std::string& method = request.method;
	auto notAllowed = [&]() {
		return respond(405, ErrorDocument::make(405, "", method + " is not supported on " + request.path));
	};
	if (parts.count() > 2)
		throw NotFoundException("No SCIM endpoint at " + request.path, "not_found");

	const Schema* pSchema = resource == "Users" ? &Schema::user() : resource == "Groups" ? &Schema::group() : nullptr;
	if (!pSchema)
	{
		if (method != "GET")
			return notAllowed();
		if (resource == "ServiceProviderConfig" && id.empty())
			return respond(200, call.discovery.serviceProviderConfig());
		if (resource == "Schemas")
			return respond(200, id.empty() ? call.discovery.schemas() : call.discovery.schema(id));
		if (resource == "ResourceTypes")
			return respond(200, id.empty() ? call.discovery.resourceTypes() : call.discovery.resourceType(id));
		throw NotFoundException("No SCIM endpoint at " + request.path, "not_found");
	}
	const bool users = pSchema == &Schema::user();
	const Projection projection =
	    Projection::parse(param(request, "attributes"), param(request, "excludedAttributes"), *pSchema);
	auto one = [&](int status, const Poco::JSON::Object::Ptr& pResource) {
		ScimResponse r = respond(status, projection.apply(*pResource));
		if (status == 201)
			r.location = call.discovery.location(*pSchema, pResource->getValue<std::string>("id"));
		return r;
	};
	if (id.empty())
	{
		if (method == "GET")
		{
			const Filter filter =
			    param(request, "filter").empty() ? Filter() : Filter::parse(param(request, "filter"), *pSchema);
			const ListResponse::Page page = ListResponse::page(param(request, "startIndex"), param(request, "count"));
			const Listing listing =
			    users ? _users.list(call, filter, page) : _groups.list(call, filter, page, projection.wants("members"));
			Poco::JSON::Array::Ptr resources = new Poco::JSON::Array;
			for (const auto& r : listing.resources)
				resources->add(projection.apply(*r));
			return respond(200, ListResponse::make(listing.total, page.startIndex, resources));
		}
		if (method == "POST")
		{
			const Poco::JSON::Object::Ptr pBody = parseBody(request.body);
			return one(201, users ? _users.create(call, *pBody) : _groups.create(call, *pBody));
		}
		return notAllowed();
	}
	if (method == "GET")
		return one(200, users ? _users.get(call, id) : _groups.get(call, id, projection.wants("members")));
	if (method == "PUT")
	{
		const Poco::JSON::Object::Ptr pBody = parseBody(request.body);
		return one(200, users ? _users.replace(call, id, *pBody) : _groups.replace(call, id, *pBody));
	}
	if (method == "PATCH")
	{
		const Poco::JSON::Object::Ptr pBody = parseBody(request.body);
		if (users)
			return one(200, _users.patch(call, id, *pBody));
		// A group's members may be many: 204, as RFC 7644 allows, rather than all of them.
		_groups.patch(call, id, *pBody);
		return respond(204, nullptr);
	}
	if (method == "DELETE")
	{
		if (users)
			_users.remove(call, id);
		else
			_groups.remove(call, id);
		return respond(204, nullptr);
	}
	return notAllowed();
}


} // namespace Scim
} // namespace Orgs
