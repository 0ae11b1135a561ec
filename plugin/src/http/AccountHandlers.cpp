//
// AccountHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  AccountHandlers
//


#include "http/AccountHandlers.h"
#include "http/DomainHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


AccountHandlers::AccountHandlers(Orgs::AccountService& accounts, Orgs::OrganizationService& organizations,
                                 Orgs::DomainService& domains, bool selfSignup)
    : _accounts(accounts), _organizations(organizations), _domains(domains), _selfSignup(selfSignup)
{
}


void AccountHandlers::addRoutes(Router& router)
{
	router.add("POST", "/accounts", Router::Auth::None, Router::Body::Json, [this](RequestContext& c) { signUp(c); });
	router.add("GET", "/me", Router::Auth::Required, Router::Body::None, [this](RequestContext& c) { me(c); });
	router.add("PUT", "/me/active-organization", Router::Auth::Required, Router::Body::Json,
	           [this](RequestContext& c) { setActiveOrganization(c); });
	router.add("POST", "/me/tokens", Router::Auth::Required, Router::Body::Json,
	           [this](RequestContext& c) { createToken(c); });
	router.add("GET", "/me/tokens", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { listTokens(c); });
	router.add("DELETE", "/me/tokens/{id}", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { revokeToken(c); });
}


void AccountHandlers::signUp(RequestContext& c)
{
	if (!_selfSignup)
		throw ForbiddenException("Self sign-up is disabled on this server (orgs.accounts.selfSignup)",
		                         "signup_disabled");
	JsonBody body(c.body());
	AccountSpec spec;
	spec.username = body.requiredString("username");
	spec.email = body.requiredString("email");
	spec.name = body.optionalString("name").value("");
	const std::string invitation = body.optionalString("invitation").value("");
	body.finish();

	Membership joined;
	SignUp result = invitation.empty() ? _accounts.signUp(spec, "sign-up")
	                                   : _accounts.signUpToJoin(spec, "sign-up", invitation, joined);
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("account", JsonCodec::account(result.account));
	o->set("token", JsonCodec::token(result.token));
	if (!invitation.empty())
		o->set("membership", JsonCodec::membership(joined));
	c.setLocation("/me");
	c.send(201, o);
}


void AccountHandlers::me(RequestContext& c)
{
	const Account account = _accounts.getAccount(c.actor());
	PageRequest first;
	first.limit = 100;
	const Page<OrganizationMembership> orgs = _organizations.listOrganizations(c.actor(), first);
	const Poco::Nullable<Organization> active = _accounts.activeOrganization(c.actor());
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	o->set("account", JsonCodec::account(account));
	if (active.isNull())
		o->set("active_organization", Poco::Dynamic::Var());
	else
		o->set("active_organization", JsonCodec::organization(active.value()));
	Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
	for (const auto& om : orgs.items)
		list->add(JsonCodec::organization(om));
	o->set("organizations", list);
	// More than 100: the rest through GET /orgs?cursor=...
	if (orgs.nextCursor.empty())
		o->set("organizations_next_cursor", Poco::Dynamic::Var());
	else
		o->set("organizations_next_cursor", orgs.nextCursor);
	// Organizations that verified the domain of the account's verified email and let its
	// accounts join: one POST /me/suggested-organizations/{org}/join each.
	Poco::JSON::Array::Ptr suggested = new Poco::JSON::Array;
	for (const auto& s : _domains.suggestedOrganizations(c.actor()))
		suggested->add(DomainHandlers::encode(s));
	o->set("suggested_organizations", suggested);
	c.send(200, o);
}


void AccountHandlers::setActiveOrganization(RequestContext& c)
{
	JsonBody body(c.body());
	const Poco::Nullable<std::string> org = body.requiredReferenceOrNull("org");
	body.finish();
	if (!org.isNull() && org.value().empty())
		throw NotFoundException("No organization '' is visible to you", "organization_not_found");
	const Poco::Nullable<Organization> active = _accounts.setActiveOrganization(c.actor(), org.value(""));
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	if (active.isNull())
		o->set("active_organization", Poco::Dynamic::Var());
	else
		o->set("active_organization", JsonCodec::organization(active.value()));
	c.send(200, o);
}


void AccountHandlers::createToken(RequestContext& c)
{
	JsonBody body(c.body());
	const std::string name = body.requiredString("name");
	body.finish();
	c.send(201, JsonCodec::token(_accounts.createToken(c.actor(), name)));
}


void AccountHandlers::listTokens(RequestContext& c)
{
	const Page<AccessToken> page = _accounts.listTokens(c.actor(), c.page());
	c.send(200, JsonCodec::page(page, [](const AccessToken& t) { return JsonCodec::token(t); }));
}


void AccountHandlers::revokeToken(RequestContext& c)
{
	Id id = 0;
	if (!Service::Validator::parseId(c.param("id"), id))
		throw NotFoundException("You have no token " + c.param("id"), "token_not_found");
	_accounts.revokeToken(c.actor(), id);
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
