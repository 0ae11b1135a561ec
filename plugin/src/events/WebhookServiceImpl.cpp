//
// WebhookServiceImpl.cpp
//
// Library: OrgsPlugin
// Package: Events
// Module:  WebhookServiceImpl
//


#include "events/WebhookServiceImpl.h"
#include "Orgs/Errors.h"
#include "Orgs/Permission.h"
#include "events/EventServiceImpl.h"
#include "events/Signer.h"
#include "service/Paging.h"
#include "service/Validator.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Events {


WebhookServiceImpl::WebhookServiceImpl(Data::Database& database, Service::Guard& guard, Service::Clock::Ptr pClock,
                                       const Config::WebhookSettings& settings, const Service::SecretBox& secrets,
                                       std::function<void()> wakeSender)
    : _database(database), _guard(guard), _pClock(pClock), _settings(settings), _policy(settings.allowPrivateTargets),
      _secrets(secrets), _webhooks(database), _audit(database, pClock), _wakeSender(std::move(wakeSender))
{
}


Data::WebhookRepository::Endpoint WebhookServiceImpl::require(Poco::Data::Session& session, Id organizationId,
                                                              Id endpointId, bool lock)
{
	Data::WebhookRepository::Endpoint row;
	if (!_webhooks.find(session, organizationId, endpointId, row, lock))
		throw NotFoundException("No webhook endpoint " + std::to_string(endpointId), "webhook_not_found");
	return row;
}


std::vector<std::string> WebhookServiceImpl::checkedTypes(const std::vector<std::string>& types) const
{
	if (types.size() > MAX_EVENT_TYPES)
		throw InvalidInputException("event_types: at most " + std::to_string(MAX_EVENT_TYPES) + " types",
		                            "invalid_event_type");
	std::vector<std::string> result;
	for (const auto& raw : types)
	{
		const std::string type = Poco::trim(raw);
		EventServiceImpl::checkType(type);
		if (std::find(result.begin(), result.end(), type) == result.end())
			result.push_back(type);
	}
	return result;
}


void WebhookServiceImpl::checkDescription(const std::string& description) const
{
	if (description.size() > 200 || !Service::Validator::isPlainText(description))
		throw InvalidInputException("description: plain text of at most 200 characters", "invalid_description");
}


Poco::JSON::Object::Ptr WebhookServiceImpl::summary(const WebhookEndpoint& e)
{
	Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
	o->set("url", e.url);
	Poco::JSON::Array::Ptr types = new Poco::JSON::Array;
	for (const auto& t : e.eventTypes)
		types->add(t);
	o->set("event_types", types);
	o->set("enabled", e.enabled);
	return o;
}


Page<WebhookEndpoint> WebhookServiceImpl::listEndpoints(Id actorId, const std::string& org, const PageRequest& page)
{
	Service::Paging::checkLimit(page.limit);
	const Id after = Service::Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage);
		return Service::Paging::page(_webhooks.list(session, scope.organization.id, after, page.limit + 1), page.limit,
		                             [](const WebhookEndpoint& e) { return e.id; });
	});
}


WebhookEndpoint WebhookServiceImpl::createEndpoint(Id actorId, const std::string& org, const WebhookSpec& spec)
{
	Data::WebhookRepository::Endpoint row;
	WebhookEndpoint& e = row.endpoint;
	e.url = Poco::trim(spec.url);
	_policy.checkUrl(e.url);
	e.description = Poco::trim(spec.description);
	checkDescription(e.description);
	e.eventTypes = checkedTypes(spec.eventTypes);
	e.secret = Signer::newSecret();
	return _database.transact([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage, true);
		if (_webhooks.list(session, scope.organization.id, 0, MAX_ENDPOINTS).size() >=
		    static_cast<std::size_t>(MAX_ENDPOINTS))
			throw ConflictException("An organization has at most " + std::to_string(MAX_ENDPOINTS) +
			                            " webhook endpoints",
			                        "too_many_webhooks");
		e.organizationId = scope.organization.id;
		e.createdBy = actorId;
		e.createdAt = e.updatedAt = _pClock->now();
		e.enabled = true;
		Data::WebhookRepository::Endpoint stored = row;
		stored.endpoint.secret = _secrets.seal(e.organizationId, e.secret);
		e.id = _webhooks.insert(session, stored);
		_audit.record(session, e.organizationId, actorId, "webhook.created", {"webhook", e.id, e.url},
		              Service::AuditDetails().after("webhook", summary(e)));
		return e; // with its secret, this once
	});
}


WebhookEndpoint WebhookServiceImpl::getEndpoint(Id actorId, const std::string& org, Id endpointId)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage);
		WebhookEndpoint e = require(session, scope.organization.id, endpointId).endpoint;
		e.secret.clear();
		return e;
	});
}


WebhookEndpoint WebhookServiceImpl::updateEndpoint(Id actorId, const std::string& org, Id endpointId,
                                                   const WebhookChanges& changes)
{
	Poco::Nullable<std::string> url;
	if (!changes.url.isNull())
	{
		url = Poco::trim(changes.url.value());
		_policy.checkUrl(url.value());
	}
	Poco::Nullable<std::string> description;
	if (!changes.description.isNull())
	{
		description = Poco::trim(changes.description.value());
		checkDescription(description.value());
	}
	Poco::Nullable<std::vector<std::string>> types;
	if (!changes.eventTypes.isNull())
		types = checkedTypes(changes.eventTypes.value());
	bool reenabled = false;
	WebhookEndpoint result = _database.transact([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage, true);
		Data::WebhookRepository::Endpoint row = require(session, scope.organization.id, endpointId, true);
		WebhookEndpoint& e = row.endpoint;
		const WebhookEndpoint before = e;
		if (!url.isNull())
			e.url = url.value();
		if (!description.isNull())
			e.description = description.value();
		if (!types.isNull())
			e.eventTypes = types.value();
		reenabled = false;
		if (!changes.enabled.isNull() && changes.enabled.value() != e.enabled)
		{
			e.enabled = changes.enabled.value();
			if (e.enabled)
			{
				// On again: a fresh start, and what waited is due at once.
				e.disabledReason.clear();
				e.disabledAt.clear();
				e.failingSince.clear();
				e.consecutiveFailures = 0;
				reenabled = true;
			}
			else
			{
				e.disabledReason = "disabled by a member";
				e.disabledAt = _pClock->now();
			}
		}
		e.updatedAt = _pClock->now();
		_webhooks.update(session, row);
		if (reenabled)
			_webhooks.wakePending(session, e.id, Data::Database::toMicros(_pClock->now()));
		_audit.record(session, e.organizationId, actorId, "webhook.updated", {"webhook", e.id, e.url},
		              Service::AuditDetails().before("webhook", summary(before)).after("webhook", summary(e)));
		e.secret.clear();
		return e;
	});
	if (reenabled && _wakeSender)
		_wakeSender();
	return result;
}


void WebhookServiceImpl::deleteEndpoint(Id actorId, const std::string& org, Id endpointId)
{
	_database.transact([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage, true);
		const Data::WebhookRepository::Endpoint row = require(session, scope.organization.id, endpointId, true);
		_webhooks.remove(session, scope.organization.id, endpointId);
		_audit.record(session, scope.organization.id, actorId, "webhook.deleted",
		              {"webhook", endpointId, row.endpoint.url},
		              Service::AuditDetails().before("webhook", summary(row.endpoint)));
	});
}


WebhookEndpoint WebhookServiceImpl::rotateSecret(Id actorId, const std::string& org, Id endpointId)
{
	const std::string secret = Signer::newSecret();
	return _database.transact([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage, true);
		Data::WebhookRepository::Endpoint row = require(session, scope.organization.id, endpointId, true);
		const Poco::Int64 now = Data::Database::toMicros(_pClock->now());
		if (_settings.secretOverlapMicros > 0)
		{
			row.previousSecret = row.endpoint.secret;
			row.previousSecretUntil = now + _settings.secretOverlapMicros;
			row.endpoint.previousSecretUntil = Data::Database::fromMicros(row.previousSecretUntil);
		}
		else
		{
			row.previousSecret.clear();
			row.previousSecretUntil = 0;
			row.endpoint.previousSecretUntil.clear();
		}
		row.endpoint.secret = _secrets.seal(row.endpoint.organizationId, secret);
		row.endpoint.updatedAt = _pClock->now();
		_webhooks.update(session, row);
		row.endpoint.secret = secret;
		_audit.record(session, scope.organization.id, actorId, "webhook.secret_rotated",
		              {"webhook", endpointId, row.endpoint.url});
		return row.endpoint; // with its new secret, this once
	});
}


Page<WebhookDelivery> WebhookServiceImpl::listDeliveries(Id actorId, const std::string& org, Id endpointId,
                                                         const PageRequest& page)
{
	Service::Paging::checkLimit(page.limit);
	const Id before = Service::Paging::decode(page.cursor);
	return _database.withSession([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage);
		require(session, scope.organization.id, endpointId);
		return Service::Paging::page(_webhooks.deliveries(session, endpointId, before, page.limit + 1), page.limit,
		                             [](const WebhookDelivery& d) { return d.id; });
	});
}


WebhookDelivery WebhookServiceImpl::retryDelivery(Id actorId, const std::string& org, Id endpointId, Id deliveryId)
{
	WebhookDelivery result = _database.transact([&](Poco::Data::Session& session) {
		const Service::Guard::Scope scope = _guard.require(session, actorId, org, Permission::WebhooksManage, true);
		const Data::WebhookRepository::Endpoint row = require(session, scope.organization.id, endpointId, true);
		WebhookDelivery d;
		if (!_webhooks.findDelivery(session, endpointId, deliveryId, d))
			throw NotFoundException("No delivery " + std::to_string(deliveryId), "delivery_not_found");
		_webhooks.retry(session, endpointId, deliveryId, Data::Database::toMicros(_pClock->now()));
		_audit.record(
		    session, scope.organization.id, actorId, "webhook.delivery_retried",
		    {"webhook", endpointId, row.endpoint.url},
		    Service::AuditDetails().before("delivery", static_cast<Poco::Int64>(deliveryId)).before("state", d.state));
		_webhooks.findDelivery(session, endpointId, deliveryId, d);
		return d;
	});
	if (_wakeSender)
		_wakeSender();
	return result;
}


} // namespace Events
} // namespace Orgs
