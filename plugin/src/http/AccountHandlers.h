//
// AccountHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  AccountHandlers
//
// POST /accounts, GET /me, and /me/tokens.
//


#ifndef Orgs_AccountHandlers_INCLUDED
#define Orgs_AccountHandlers_INCLUDED


#include "Orgs/AccountService.h"
#include "Orgs/DomainService.h"
#include "Orgs/OrganizationService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class AccountHandlers
	/// Sign-up (only when orgs.accounts.selfSignup=true), the caller's account with its
	/// organizations and active organization, and the caller's personal access tokens.
{
public:
	AccountHandlers(Orgs::AccountService& accounts, Orgs::OrganizationService& organizations,
	                Orgs::DomainService& domains, bool selfSignup);
		/// GET /me lists, as suggested_organizations, the organizations domains suggests.

	void addRoutes(Router& router);

private:
	void signUp(RequestContext& c);
	void me(RequestContext& c);
	void setActiveOrganization(RequestContext& c);
	void createToken(RequestContext& c);
	void listTokens(RequestContext& c);
	void revokeToken(RequestContext& c);

	Orgs::AccountService& _accounts;
	Orgs::OrganizationService& _organizations;
	Orgs::DomainService& _domains;
	bool _selfSignup;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_AccountHandlers_INCLUDED
