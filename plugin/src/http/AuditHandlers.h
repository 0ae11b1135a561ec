//
// AuditHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  AuditHandlers
//
// GET /orgs/{org}/audit.
//


#ifndef Orgs_AuditHandlers_INCLUDED
#define Orgs_AuditHandlers_INCLUDED


#include "Orgs/AuditLog.h"
#include "http/Router.h"
#include "Poco/JSON/Object.h"
#include "Poco/Nullable.h"


namespace Orgs {
namespace Http {


class AuditHandlers
	/// Lists an organization's audit events, newest first, filtered by action, actor and a
	/// time range (since inclusive, until exclusive, both RFC 3339).
{
public:
	explicit AuditHandlers(Orgs::AuditLog& audit);

	void addRoutes(Router& router);

	static Poco::Nullable<Poco::Timestamp> parseTime(const std::string& name, const std::string& text);
		/// Returns null for an empty text. Throws InvalidInputException ("invalid_<name>") for a
		/// text that is not an RFC 3339 time such as 2026-11-23T05:20:44Z.

	static Poco::JSON::Object::Ptr event(const AuditEvent& e);
		/// Encodes an event; details is embedded as a JSON object.

private:
	void list(RequestContext& c);

	Orgs::AuditLog& _audit;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_AuditHandlers_INCLUDED
