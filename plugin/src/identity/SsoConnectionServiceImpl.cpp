//
// SsoConnectionServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  SsoConnectionServiceImpl
//


#include "identity/SsoConnectionServiceImpl.h"
#include "identity/MappingRules.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "config/RoleCatalog.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "Poco/URI.h"
#include <algorithm>


namespace Orgs {
namespace Federation {


using Service::AuditDetails;
using Service::Guard;


namespace {


constexpr std::size_t MAX_DOMAINS = 20;


bool isHttpsUrl(const std::string& text)
{
	if (text.size() > 500 || !Poco::startsWith(text, std::string("https://")))
		return false;
	try
	{
		Poco::URI uri(text);
		return !uri.getHost().empty() && uri.getQuery().empty() && uri.getFragment().empty();
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


} // namespace


SsoConnectionServiceImpl::SsoConnectionServiceImpl(Data::Database& database, Guard& guard, Access::RoleResolver& roles,
                                                   SsoSignInStep& step, Service::Clock::Ptr pClock,
                                                   const std::vector<IssuerSpec>& configuredIssuers,
                                                   const std::vector<std::string>& publicMailDomains, bool enabled)
    : _database(database), _guard(guard), _roles(roles), _step(step), _pClock(pClock), _emailDomains(publicMailDomains),
      _enabled(enabled), _connections(database), _ruleTargets(database, roles), _audit(database, pClock)
{
	for (const auto& spec : configuredIssuers)
		_configured[spec.name] = spec;
}


void SsoConnectionServiceImpl::setVerify(Verify verify)
{
	_verify = std::move(verify);
}


void SsoConnectionServiceImpl::setChanged(Changed changed)
{
	_changed = std::move(changed);
}


const IssuerSpec* SsoConnectionServiceImpl::configuredIssuer(const std::string& name) const
{
	auto it = _configured.find(name);
	return it == _configured.end() ? nullptr : &it->second;
}


std::vector<std::string> SsoConnectionServiceImpl::normalisedDomains(const std::vector<std::string>& domains) const
{
	std::vector<std::string> result;
	for (const auto& domain : domains)
	{
		const std::string d = Service::EmailDomains::normalize(domain);
		_emailDomains.requireOwnable(d);
		if (std::find(result.begin(), result.end(), d) == result.end())
			result.push_back(d);
	}
	if (result.size() > MAX_DOMAINS)
		throw InvalidInputException("domains: at most " + std::to_string(MAX_DOMAINS) + " domains", "invalid_domain");
	return result;
}


void SsoConnectionServiceImpl::checkFields(const SsoConnection& c) const
{
	Service::Validator::name("name", c.name, 1, 100);
	if (!c.issuerName.empty())
	{
		if (!c.issuer.empty() || !c.audience.empty() || !c.jwksUri.empty())
			throw InvalidInputException("Name either a configured issuer (issuer_name) or an issuer of its own "
			                            "(issuer, audience), not both",
			                            "invalid_issuer");
		if (!configuredIssuer(c.issuerName))
			throw InvalidInputException("issuer_name: '" + c.issuerName +
			                                "' is not a configured issuer (orgs.auth.oidc.<name>)",
			                            "unknown_issuer");
		if (c.domains.empty())
			throw InvalidInputException("A connection on a shared, configured issuer needs the email domains it "
			                            "serves: its tokens are seen only for verified addresses of them",
			                            "domains_required");
	}
	else
	{
		if (c.issuer.empty() || c.audience.empty())
			throw InvalidInputException("Name a configured issuer (issuer_name), or an issuer of its own with its "
			                            "audience (issuer, audience)",
			                            "invalid_issuer");
		if (!isHttpsUrl(c.issuer))
			throw InvalidInputException("issuer: must be an https URL without query, at most 500 characters",
			                            "invalid_issuer");
		if (c.audience.size() > 500 || !Service::Validator::isPlainText(c.audience))
			throw InvalidInputException("audience: at most 500 characters of text", "invalid_issuer");
		for (const auto& kv : _configured)
		{
			if (kv.second.issuer == c.issuer)
				throw InvalidInputException("issuer: '" + c.issuer + "' is configured as '" + kv.first +
				                                "': name it with issuer_name",
				                            "invalid_issuer");
		}
		if (!c.jwksUri.empty() && !isHttpsUrl(c.jwksUri))
			throw InvalidInputException("jwks_uri: must be an https URL", "invalid_jwks_uri");
	}
	RuleTargets::checkShapes(c.rules);
}


Poco::Dynamic::Var SsoConnectionServiceImpl::summary(const SsoConnection& c) const
{
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
	o->set("name", c.name);
	o->set("issuer", c.issuerName.empty() ? c.issuer : c.issuerName);
	if (c.issuerName.empty())
		o->set("audience", c.audience);
	o->set("domains", Data::SsoConnectionRepository::joinDomains(c.domains));
	o->set("enforced", c.enforced);
	o->set("default_role", c.defaultRole.isNull() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(c.defaultRole.value()));
	o->set("rules", static_cast<Poco::Int64>(c.rules.size()));
	return o;
}


Guard::Scope SsoConnectionServiceImpl::scopeOf(Poco::Data::Session& session, Id actorId, const std::string& org,
                                               bool lock)
{
	Guard::Scope scope = _guard.require(session, actorId, org, Permission::SsoManage, lock);
	if (!_enabled)
		throw ForbiddenException("SSO connections are turned off on this server (orgs.sso.enabled)", "sso_disabled");
	return scope;
}


void SsoConnectionServiceImpl::afterChange(Id organizationId)
{
	if (_changed)
		Data::Database::afterCommit([this, organizationId]() { _changed(organizationId); });
}


SsoConnection SsoConnectionServiceImpl::require(Poco::Data::Session& session, const Guard::Scope& scope,
                                                Id connectionId, bool lock)
{
	Poco::Nullable<SsoConnection> c = _connections.find(session, scope.organization.id, connectionId, lock);
	if (c.isNull())
		throw NotFoundException("'" + scope.organization.username + "' has no SSO connection " +
		                            std::to_string(connectionId),
		                        "sso_connection_not_found");
	return c.value();
}


Page<SsoConnection> SsoConnectionServiceImpl::listConnections(Id actorId, const std::string& org,
                                                              const SsoConnectionQuery& query)
{
	Service::Paging::checkLimit(query.limit);
	const Id after = Service::Paging::decode(query.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org);
		std::vector<SsoConnection> rows = _connections.list(session, scope.organization.id, after, query.limit + 1);
		return Service::Paging::page(std::move(rows), query.limit, [](const SsoConnection& c) { return c.id; });
	});
}


SsoConnection SsoConnectionServiceImpl::createConnection(Id actorId, const std::string& org,
                                                         const SsoConnectionSpec& spec)
{
	SsoConnection c;
	c.name = Poco::trim(spec.name);
	c.issuerName = spec.issuerName;
	c.issuer = spec.issuer;
	c.audience = spec.audience;
	c.jwksUri = spec.jwksUri;
	c.domains = normalisedDomains(spec.domains);
	c.enforced = spec.enforced;
	if (!spec.defaultRole.isNull() && !spec.defaultRole.value().empty())
		c.defaultRole = spec.defaultRole.value();
	c.rules = spec.rules;
	checkFields(c);
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org, true);
		_ruleTargets.check(session, scope, c.defaultRole.isNull() ? std::string() : c.defaultRole.value(), c.rules);
		c.organizationId = scope.organization.id;
		c.createdBy = actorId;
		c.createdAt = c.updatedAt = _pClock->now();
		c.id = _connections.insert(session, c);
		_audit.record(session, c.organizationId, actorId, "sso_connection.created", {"sso_connection", c.id, c.name},
		              AuditDetails().after("connection", summary(c)));
		afterChange(c.organizationId);
		return c;
	});
}


SsoConnection SsoConnectionServiceImpl::getConnection(Id actorId, const std::string& org, Id connectionId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org);
		return require(session, scope, connectionId);
	});
}


SsoConnection SsoConnectionServiceImpl::updateConnection(Id actorId, const std::string& org, Id connectionId,
                                                         const SsoConnectionChanges& changes)
{
	std::vector<std::string> domains;
	if (!changes.domains.isNull())
		domains = normalisedDomains(changes.domains.value());
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org, true);
		const SsoConnection before = require(session, scope, connectionId, true);
		SsoConnection c = before;
		if (!changes.name.isNull())
			c.name = Poco::trim(changes.name.value());
		// Switching between a configured issuer and one of its own: the other side's fields go.
		if (!changes.issuerName.isNull() && !changes.issuerName.value().empty())
		{
			c.issuerName = changes.issuerName.value();
			c.issuer.clear();
			c.audience.clear();
			c.jwksUri.clear();
		}
		if (!changes.issuer.isNull() && !changes.issuer.value().empty())
			c.issuerName.clear();
		if (!changes.issuerName.isNull() && changes.issuerName.value().empty())
			c.issuerName.clear();
		if (!changes.issuer.isNull())
			c.issuer = changes.issuer.value();
		if (!changes.audience.isNull())
			c.audience = changes.audience.value();
		if (!changes.jwksUri.isNull())
			c.jwksUri = changes.jwksUri.value();
		if (!changes.domains.isNull())
			c.domains = domains;
		if (!changes.enforced.isNull())
			c.enforced = changes.enforced.value();
		if (!changes.defaultRole.isNull())
			c.defaultRole = changes.defaultRole.value().empty()
			                    ? Poco::Nullable<std::string>()
			                    : Poco::Nullable<std::string>(changes.defaultRole.value());
		if (!changes.rules.isNull())
			c.rules = changes.rules.value();
		checkFields(c);
		_ruleTargets.check(session, scope, c.defaultRole.isNull() ? std::string() : c.defaultRole.value(), c.rules);
		c.updatedAt = _pClock->now();
		_connections.update(session, c);
		_audit.record(session, c.organizationId, actorId, "sso_connection.updated", {"sso_connection", c.id, c.name},
		              AuditDetails().change("connection", summary(before), summary(c)));
		afterChange(c.organizationId);
		return c;
	});
}


void SsoConnectionServiceImpl::deleteConnection(Id actorId, const std::string& org, Id connectionId)
{
	_database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org, true);
		const SsoConnection c = require(session, scope, connectionId, true);
		_connections.remove(session, scope.organization.id, c.id);
		_audit.record(session, c.organizationId, actorId, "sso_connection.deleted", {"sso_connection", c.id, c.name},
		              AuditDetails().before("connection", summary(c)));
		afterChange(c.organizationId);
	});
}


SsoTestReport SsoConnectionServiceImpl::testConnection(Id actorId, const std::string& org, Id connectionId,
                                                       const std::string& token)
{
	if (Poco::trim(token).empty())
		throw InvalidInputException("token: send the identity provider's token (a JWT) to test", "missing_token");
	// The caller's token, permission and the connection first (in a transaction, which checks
	// the token): a non-member learns nothing, not even whether a token verifies.
	_database.transact(
	    [&](Poco::Data::Session& session) { require(session, scopeOf(session, actorId, org), connectionId); });
	if (!_verify)
		throw UnavailableException("Tokens of identity providers are not accepted by this server", "sso_unavailable");
	VerifiedToken verified;
	try
	{
		verified = _verify(token);
	}
	catch (UnauthenticatedException& exc)
	{
		// The caller is signed in: what is refused is the token under test (a 400, not a 401).
		throw InvalidInputException("The token does not verify: " + exc.message(), exc.reason());
	}
	return testConnection(actorId, org, connectionId, verified);
}


SsoTestReport SsoConnectionServiceImpl::testConnection(Id actorId, const std::string& org, Id connectionId,
                                                       const VerifiedToken& token)
{
	// A transaction that writes nothing: it checks the caller's token first (Database::transact),
	// so that a revoked token is refused here too, and reads one consistent state.
	return _database.transact([&](Poco::Data::Session& session) {
		Guard::Scope scope = scopeOf(session, actorId, org);
		const SsoConnection c = require(session, scope, connectionId);
		std::string why;
		if (!MappingRules::sees(c, token, why) && (why == "issuer" || why == "audience"))
			throw InvalidInputException("The token is not one of this connection's " +
			                                std::string(why == "issuer" ? "issuer" : "audience"),
			                            why == "issuer" ? "wrong_issuer" : "wrong_audience");
		return _step.explain(session, scope.organization, c, 0, token);
	});
}


} // namespace Federation
} // namespace Orgs
