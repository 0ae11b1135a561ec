//
// InviteLinkHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  InviteLinkHandlers
//
// /orgs/{org}/invite-link and /invite-links/{token}.
//


#ifndef Orgs_InviteLinkHandlers_INCLUDED
#define Orgs_InviteLinkHandlers_INCLUDED


#include "Orgs/InviteLinkService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"


namespace Orgs {
namespace Http {


class InviteLinkHandlers
	/// The organization's side (create or reset, read, disable) and the holder's side (view,
	/// accept; signed in).
{
public:
	explicit InviteLinkHandlers(Orgs::InviteLinkService& links);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const InviteLink& link);
		/// {organization_id, role, created_at, created_by: {id, username}, uses}: never the token.

private:
	void reset(RequestContext& c);
	void get(RequestContext& c);
	void disable(RequestContext& c);
	void view(RequestContext& c);
	void accept(RequestContext& c);

	Orgs::InviteLinkService& _links;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_InviteLinkHandlers_INCLUDED
