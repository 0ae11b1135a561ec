//
// AuditTrail.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  AuditTrail
//


#include "service/AuditTrail.h"
#include <sstream>


namespace Orgs {
namespace Service {


AuditDetails::AuditDetails() {}


AuditDetails& AuditDetails::before(const std::string& field, const Poco::Dynamic::Var& value)
{
	if (!_pBefore)
		_pBefore = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	_pBefore->set(field, value);
	return *this;
}


AuditDetails& AuditDetails::after(const std::string& field, const Poco::Dynamic::Var& value)
{
	if (!_pAfter)
		_pAfter = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	_pAfter->set(field, value);
	return *this;
}


AuditDetails& AuditDetails::change(const std::string& field, const Poco::Dynamic::Var& from,
                                   const Poco::Dynamic::Var& to)
{
	return before(field, from).after(field, to);
}


AuditDetails& AuditDetails::within(const std::string& kind, Id id, const std::string& name)
{
	_withinKind = kind;
	_pWithin = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	_pWithin->set("id", id);
	_pWithin->set("name", name);
	return *this;
}


std::string AuditDetails::json() const
{
	Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
	if (_pWithin)
		o.set(_withinKind, _pWithin);
	if (_pBefore)
		o.set("before", _pBefore);
	if (_pAfter)
		o.set("after", _pAfter);
	std::ostringstream out;
	o.stringify(out);
	return out.str();
}


Poco::Dynamic::Var AuditDetails::roles(const RoleMap& roles)
{
	Poco::JSON::Object::Ptr pObject = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	for (const auto& kv : roles)
		pObject->set(kv.first, kv.second);
	return pObject;
}


namespace {


thread_local std::string tCurrentVia;


} // namespace


AuditTrail::Via::Via(const std::string& description) : _previous(tCurrentVia)
{
	tCurrentVia = description;
}


AuditTrail::Via::~Via()
{
	tCurrentVia = _previous;
}


const std::string& AuditTrail::Via::current()
{
	return tCurrentVia;
}


AuditTrail::AuditTrail(Data::Database& database, Clock::Ptr pClock) : _pClock(pClock), _events(database) {}


void AuditTrail::record(Poco::Data::Session& session, Id organizationId, Id actorId, const std::string& action,
                        const AuditTarget& target, const AuditDetails& details)
{
	AuditEvent e;
	e.organizationId = organizationId;
	e.actorAccountId = actorId;
	e.action = action;
	e.targetType = target.type;
	e.targetId = target.id;
	e.targetLabel = target.label; // names are at most 200 characters (Validator)
	e.details = details.json();
	e.createdAt = _pClock->now();
	e.actorVia = Via::current();
	_events.insert(session, e);
}


} // namespace Service
} // namespace Orgs
