//
// DomainHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  DomainHandlers
//
// /orgs/{org}/domains and joining a suggested organization.
//


#ifndef Orgs_DomainHandlers_INCLUDED
#define Orgs_DomainHandlers_INCLUDED


#include "Orgs/DomainService.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"


namespace Orgs {
namespace Http {


class DomainHandlers
	/// An organization's verified domains (claim, list, read, verify, join mode, remove), and
	/// POST /me/suggested-organizations/{org}/join for an account the domain of whose verified
	/// email an organization suggests itself to.
{
public:
	explicit DomainHandlers(Orgs::DomainService& domains);

	void addRoutes(Router& router);

	static Poco::JSON::Object::Ptr encode(const OrganizationDomain& domain);
		/// {id, organization_id, domain, verified, verified_at, challenge: {type: "TXT", name,
		/// value}, join_mode, join_role, created_at}.

	static Poco::JSON::Object::Ptr encode(const SuggestedOrganization& suggestion);
		/// {id, username, title, domain, role}: the organization, the verified domain and the
		/// role a joiner gets.

private:
	void add(RequestContext& c);
	void list(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void verify(RequestContext& c);
	void remove(RequestContext& c);
	void join(RequestContext& c);

	Orgs::DomainService& _domains;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_DomainHandlers_INCLUDED
