//
// SystemHandlers.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  SystemHandlers
//


#include "http/SystemHandlers.h"
#include "http/JsonCodec.h"
#include "http/RequestContext.h"


namespace Orgs {
namespace Http {


SystemHandlers::SystemHandlers(Data::Database& database, Orgs::AccessControl& access)
    : _database(database), _access(access)
{
}


void SystemHandlers::addRoutes(Router& router)
{
	router.add("GET", "/health", Router::Auth::None, Router::Body::None, [this](RequestContext& c) {
		_database.ping();
		Poco::JSON::Object::Ptr o = JsonCodec::object();
		o->set("status", "ok");
		c.send(200, o);
	});
	router.add("GET", "/roles", Router::Auth::Required, Router::Body::None,
	           [this](RequestContext& c) { c.send(200, JsonCodec::roles(_access.roles())); });
}


} // namespace Http
} // namespace Orgs
