//
// MembershipHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  MembershipHandlers
//
// /orgs/{org}/members and /orgs/{org}/leave.
//


#ifndef Orgs_MembershipHandlers_INCLUDED
#define Orgs_MembershipHandlers_INCLUDED


#include "Orgs/MembershipService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class MembershipHandlers
	/// List, add, read, change and remove members, and leave.
{
public:
	explicit MembershipHandlers(Orgs::MembershipService& memberships);

	void addRoutes(Router& router);

private:
	void list(RequestContext& c);
	void add(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void leave(RequestContext& c);

	Orgs::MembershipService& _memberships;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_MembershipHandlers_INCLUDED
