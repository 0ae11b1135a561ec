//
// InvitationHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  InvitationHandlers
//


#include "http/InvitationHandlers.h"
#include "http/JsonBody.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


namespace {


Id invitationParam(const RequestContext& c)
	/// Returns {id} as an id; 0, which no invitation has, if it is not one.
{
	Id id = 0;
	return Service::Validator::parseId(c.param("id"), id) ? id : 0;
}


} // namespace


InvitationHandlers::InvitationHandlers(Orgs::InvitationService& invitations) : _invitations(invitations) {}


void InvitationHandlers::addRoutes(Router& router)
{
	using A = Router::Auth;
	using B = Router::Body;
	router.add("POST", "/orgs/{org}/invitations", A::Required, B::Json, [this](RequestContext& c) { create(c); });
	router.add("GET", "/orgs/{org}/invitations", A::Required, B::None, [this](RequestContext& c) { list(c); });
	router.add("GET", "/orgs/{org}/invitations/{id}", A::Required, B::None, [this](RequestContext& c) { get(c); });
	router.add("DELETE", "/orgs/{org}/invitations/{id}", A::Required, B::None,
	           [this](RequestContext& c) { revoke(c); });
	router.add("POST", "/orgs/{org}/invitations/{id}/resend", A::Required, B::Optional,
	           [this](RequestContext& c) { resend(c); });
	router.add("GET", "/invitations/{token}", A::Required, B::None, [this](RequestContext& c) { view(c); });
	router.add("POST", "/invitations/{token}/accept", A::Required, B::Optional,
	           [this](RequestContext& c) { accept(c); });
	router.add("POST", "/invitations/{token}/decline", A::Required, B::Optional,
	           [this](RequestContext& c) { decline(c); });
}


void InvitationHandlers::create(RequestContext& c)
{
	JsonBody body(c.body());
	InvitationSpec spec;
	spec.email = body.requiredString("email");
	spec.name = body.optionalString("name").value("");
	spec.role = body.optionalString("role").value("");
	spec.note = body.optionalString("note").value("");
	spec.defaultRoles = body.optionalStringMap("default_roles").value(RoleMap());
	spec.workspaces = body.optionalWorkspaces("workspaces");
	body.finish();
	const IssuedInvitation issued = _invitations.createInvitation(c.actor(), c.param("org"), spec);
	c.setLocation("/orgs/" + c.param("org") + "/invitations/" + std::to_string(issued.invitation.id));
	c.send(201, JsonCodec::invitation(issued));
}


void InvitationHandlers::list(RequestContext& c)
{
	InvitationQuery query;
	static_cast<PageRequest&>(query) = c.page();
	query.status = c.query("status");
	const Page<Invitation> page = _invitations.listInvitations(c.actor(), c.param("org"), query);
	c.send(200, JsonCodec::page(page, [](const Invitation& i) { return JsonCodec::invitation(i); }));
}


void InvitationHandlers::get(RequestContext& c)
{
	c.send(200, JsonCodec::invitation(_invitations.getInvitation(c.actor(), c.param("org"), invitationParam(c))));
}


void InvitationHandlers::revoke(RequestContext& c)
{
	_invitations.revokeInvitation(c.actor(), c.param("org"), invitationParam(c));
	c.sendNoContent();
}


void InvitationHandlers::resend(RequestContext& c)
{
	JsonBody(c.body()).finish();
	c.send(200, JsonCodec::invitation(_invitations.resendInvitation(c.actor(), c.param("org"), invitationParam(c))));
}


void InvitationHandlers::view(RequestContext& c)
{
	c.send(200, JsonCodec::invitationView(_invitations.viewInvitation(c.actor(), c.param("token"))));
}


void InvitationHandlers::accept(RequestContext& c)
{
	JsonBody(c.body()).finish();
	const Membership m = _invitations.acceptInvitation(c.actor(), c.param("token"));
	c.setLocation("/orgs/" + std::to_string(m.organizationId) + "/members/" + m.username);
	c.send(201, JsonCodec::membership(m));
}


void InvitationHandlers::decline(RequestContext& c)
{
	JsonBody(c.body()).finish();
	_invitations.declineInvitation(c.actor(), c.param("token"));
	c.sendNoContent();
}


} // namespace Http
} // namespace Orgs
