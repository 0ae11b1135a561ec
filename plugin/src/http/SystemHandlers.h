//
// SystemHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  SystemHandlers
//
// GET /health and GET /roles.
//


#ifndef Orgs_SystemHandlers_INCLUDED
#define Orgs_SystemHandlers_INCLUDED


#include "Orgs/AccessControl.h"
#include "data/Database.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class SystemHandlers
	/// Health (no authentication; 503 when the database does not answer) and the role catalog.
{
public:
	SystemHandlers(Data::Database& database, Orgs::AccessControl& access);

	void addRoutes(Router& router);

private:
	Data::Database& _database;
	Orgs::AccessControl& _access;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_SystemHandlers_INCLUDED
