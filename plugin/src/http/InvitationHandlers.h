//
// InvitationHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  InvitationHandlers
//
// /orgs/{org}/invitations and /invitations/{token}.
//


#ifndef Orgs_InvitationHandlers_INCLUDED
#define Orgs_InvitationHandlers_INCLUDED


#include "Orgs/InvitationService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class InvitationHandlers
	/// The organization's side (create, list, read, revoke, resend) and the invitee's side (view,
	/// accept, decline by token; signed in). An {id} that is not an id names no invitation.
{
public:
	explicit InvitationHandlers(Orgs::InvitationService& invitations);

	void addRoutes(Router& router);

private:
	void create(RequestContext& c);
	void list(RequestContext& c);
	void get(RequestContext& c);
	void revoke(RequestContext& c);
	void resend(RequestContext& c);
	void view(RequestContext& c);
	void accept(RequestContext& c);
	void decline(RequestContext& c);

	Orgs::InvitationService& _invitations;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_InvitationHandlers_INCLUDED
