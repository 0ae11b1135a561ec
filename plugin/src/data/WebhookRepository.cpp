//
// WebhookRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  WebhookRepository
//


#include "data/WebhookRepository.h"
#include "data/OutboxRepository.h"
#include "data/Rows.h"
#include "Poco/StringTokenizer.h"
#include <limits>


namespace Orgs {
namespace Data {


namespace {


const std::string ENDPOINT_COLUMNS =
    "id, organization_id, url, description, event_types, secret, COALESCE(previous_secret, ''), "
    "COALESCE(previous_secret_until, 0), enabled, COALESCE(disabled_reason, ''), disabled_at, failing_since, "
    "consecutive_failures, created_by, created_at, updated_at";


std::string joinTypes(const std::vector<std::string>& types)
{
	std::string text;
	for (const auto& t : types)
		text += (text.empty() ? "" : ",") + t;
	return text;
}


std::vector<std::string> splitTypes(const std::string& text)
{
	std::vector<std::string> types;
	for (const auto& t : Poco::StringTokenizer(text, ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY))
		types.push_back(t);
	return types;
}


WebhookRepository::Endpoint endpointAt(Rows& rows, std::size_t i)
{
	WebhookRepository::Endpoint r;
	WebhookEndpoint& e = r.endpoint;
	e.id = rows.integer(i, 0);
	e.organizationId = rows.integer(i, 1);
	e.url = rows.text(i, 2);
	e.description = rows.text(i, 3);
	e.eventTypes = splitTypes(rows.text(i, 4));
	e.secret = rows.text(i, 5);
	r.previousSecret = rows.text(i, 6);
	r.previousSecretUntil = rows.integer(i, 7);
	if (r.previousSecretUntil > 0)
		e.previousSecretUntil = Database::fromMicros(r.previousSecretUntil);
	e.enabled = rows.integer(i, 8) != 0;
	e.disabledReason = rows.text(i, 9);
	e.disabledAt = rows.nullableTime(i, 10);
	e.failingSince = rows.nullableTime(i, 11);
	e.consecutiveFailures = static_cast<int>(rows.integer(i, 12));
	e.createdBy = rows.integer(i, 13);
	e.createdAt = rows.time(i, 14);
	e.updatedAt = rows.time(i, 15);
	return r;
}


Poco::Nullable<Poco::Int64> micros(const Poco::Nullable<Poco::Timestamp>& t)
{
	return t.isNull() ? Poco::Nullable<Poco::Int64>() : Poco::Nullable<Poco::Int64>(Database::toMicros(t.value()));
}


const std::string DELIVERY_COLUMNS =
    "id, webhook_endpoint_id, event_id, event_seq, subject, attempts, next_attempt_at, sent_at, given_up_at, "
    "last_status, last_duration_ms, COALESCE(last_error_class, ''), COALESCE(last_error, ''), created_at";


WebhookDelivery deliveryAt(Rows& rows, std::size_t i)
{
	WebhookDelivery d;
	d.id = rows.integer(i, 0);
	d.endpointId = rows.integer(i, 1);
	d.eventId = rows.integer(i, 2);
	d.sequence = rows.integer(i, 3);
	d.eventType = rows.text(i, 4);
	d.attempts = static_cast<int>(rows.integer(i, 5));
	d.deliveredAt = rows.nullableTime(i, 7);
	if (!d.deliveredAt.isNull())
		d.state = WebhookDelivery::DELIVERED;
	else if (!rows.isNull(i, 8))
		d.state = WebhookDelivery::FAILED;
	else
	{
		d.state = WebhookDelivery::PENDING;
		d.nextAttemptAt = rows.time(i, 6);
	}
	if (!rows.isNull(i, 9))
		d.lastStatus = static_cast<int>(rows.integer(i, 9));
	if (!rows.isNull(i, 10))
		d.lastDurationMs = static_cast<int>(rows.integer(i, 10));
	d.lastErrorClass = rows.text(i, 11);
	d.lastError = rows.text(i, 12);
	d.createdAt = rows.time(i, 13);
	return d;
}


} // namespace


WebhookRepository::WebhookRepository(Database& database) : _database(database) {}


Id WebhookRepository::insert(Poco::Data::Session& session, const Endpoint& row)
{
	const WebhookEndpoint& e = row.endpoint;
	_database.execute(session,
	                  "INSERT INTO webhook_endpoints (organization_id, url, description, event_types, secret, enabled, "
	                  "consecutive_failures, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, ?, ?, ?)",
	                  {e.organizationId, e.url, e.description, joinTypes(e.eventTypes), e.secret, e.createdBy,
	                   Database::toMicros(e.createdAt), Database::toMicros(e.updatedAt)});
	const Id id = _database.lastInsertId(session);
	_database.execute(session, "UPDATE organizations SET webhook_endpoints = webhook_endpoints + 1 WHERE id = ?",
	                  {e.organizationId});
	return id;
}


bool WebhookRepository::find(Poco::Data::Session& session, Id organizationId, Id id, Endpoint& row, bool lock)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = ? AND organization_id = ?" +
	                         (lock ? _database.forUpdate() : ""),
	                     {id, organizationId});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	row = endpointAt(rows, 0);
	return true;
}


bool WebhookRepository::findById(Poco::Data::Session& session, Id id, Endpoint& row)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE id = ?", {id});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	row = endpointAt(rows, 0);
	return true;
}


std::vector<WebhookEndpoint> WebhookRepository::list(Poco::Data::Session& session, Id organizationId, Id afterId,
                                                     int limit)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT " + ENDPOINT_COLUMNS +
	                                                " FROM webhook_endpoints WHERE organization_id = ? AND id > ? "
	                                                "ORDER BY id LIMIT ?",
	                                            {organizationId, afterId, limit});
	Rows rows(rs);
	std::vector<WebhookEndpoint> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		WebhookEndpoint e = endpointAt(rows, i).endpoint;
		e.secret.clear();
		result.push_back(e);
	}
	return result;
}


void WebhookRepository::update(Poco::Data::Session& session, const Endpoint& row)
{
	const WebhookEndpoint& e = row.endpoint;
	Poco::Nullable<std::string> previous;
	Poco::Nullable<Poco::Int64> previousUntil;
	if (!row.previousSecret.empty())
	{
		previous = row.previousSecret;
		previousUntil = row.previousSecretUntil;
	}
	Poco::Nullable<std::string> reason;
	if (!e.enabled)
		reason = e.disabledReason;
	_database.execute(session,
	                  "UPDATE webhook_endpoints SET url = ?, description = ?, event_types = ?, secret = ?, "
	                  "previous_secret = ?, previous_secret_until = ?, enabled = ?, disabled_reason = ?, "
	                  "disabled_at = ?, failing_since = ?, consecutive_failures = ?, updated_at = ? WHERE id = ?",
	                  {e.url, e.description, joinTypes(e.eventTypes), e.secret, previous, previousUntil,
	                   e.enabled ? 1 : 0, reason, micros(e.disabledAt), micros(e.failingSince), e.consecutiveFailures,
	                   Database::toMicros(e.updatedAt), e.id});
}


std::vector<WebhookRepository::Endpoint>
WebhookRepository::withSecretsNotLike(Poco::Data::Session& session, const std::string& prefix, Id afterId, int limit)
{
	const std::string pattern = prefix + "%";
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT " + ENDPOINT_COLUMNS +
	        " FROM webhook_endpoints WHERE id > ? AND (secret NOT LIKE ? OR (previous_secret IS NOT NULL AND "
	        "previous_secret <> '' AND previous_secret NOT LIKE ?)) ORDER BY id LIMIT ?",
	    {afterId, pattern, pattern, limit});
	Rows rows(rs);
	std::vector<Endpoint> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(endpointAt(rows, i));
	return result;
}


bool WebhookRepository::replaceSecrets(Poco::Data::Session& session, const Endpoint& seen, const std::string& secret,
                                       const std::string& previousSecret)
{
	return _database.execute(
	           session,
	           "UPDATE webhook_endpoints SET secret = ?, previous_secret = ? WHERE id = ? AND secret = ? "
	           "AND COALESCE(previous_secret, '') = ?",
	           {secret,
	            previousSecret.empty() ? Poco::Nullable<std::string>() : Poco::Nullable<std::string>(previousSecret),
	            seen.endpoint.id, seen.endpoint.secret, seen.previousSecret}) == 1;
}


void WebhookRepository::remove(Poco::Data::Session& session, Id organizationId, Id id)
{
	// The deliveries go first: SQLite applies the cascade only with foreign keys on, and a
	// delivery of a deleted endpoint must never be sent.
	_database.execute(session, "DELETE FROM outbox WHERE webhook_endpoint_id = ? AND kind = 'webhook'", {id});
	if (_database.execute(session, "DELETE FROM webhook_endpoints WHERE id = ? AND organization_id = ?",
	                      {id, organizationId}) != 0)
		_database.execute(session, "UPDATE organizations SET webhook_endpoints = webhook_endpoints - 1 WHERE id = ?",
		                  {organizationId});
}


std::vector<WebhookRepository::Subscriber> WebhookRepository::subscribers(Poco::Data::Session& session,
                                                                          Id organizationId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT id, event_types FROM webhook_endpoints WHERE organization_id = ? AND enabled = 1 ORDER BY id",
	    {organizationId});
	Rows rows(rs);
	std::vector<Subscriber> result(rows.count());
	for (std::size_t i = 0; i < result.size(); ++i)
	{
		result[i].id = rows.integer(i, 0);
		result[i].eventTypes = splitTypes(rows.text(i, 1));
	}
	return result;
}


void WebhookRepository::recordSuccess(Poco::Data::Session& session, Id endpointId)
{
	_database.execute(session,
	                  "UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL "
	                  "WHERE id = ? AND (consecutive_failures <> 0 OR failing_since IS NOT NULL)",
	                  {endpointId});
}


void WebhookRepository::recordFailure(Poco::Data::Session& session, Id endpointId, Poco::Int64 at, int& failures,
                                      Poco::Int64& failingSince)
{
	_database.execute(session,
	                  "UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, "
	                  "failing_since = COALESCE(failing_since, ?) WHERE id = ?",
	                  {at, endpointId});
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT consecutive_failures, COALESCE(failing_since, 0) FROM webhook_endpoints WHERE id = ?",
	    {endpointId});
	Rows rows(rs);
	failures = rows.count() ? static_cast<int>(rows.integer(0, 0)) : 0;
	failingSince = rows.count() ? rows.integer(0, 1) : at;
}


bool WebhookRepository::disable(Poco::Data::Session& session, Id endpointId, const std::string& reason, Poco::Int64 at)
{
	return _database.execute(session,
	                         "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, disabled_at = ?, "
	                         "updated_at = ? WHERE id = ? AND enabled = 1",
	                         {reason, at, at, endpointId}) == 1;
}


Id WebhookRepository::insertDelivery(Poco::Data::Session& session, Id endpointId, const Event& event,
                                     const std::string& payload, Poco::Int64 at)
{
	_database.execute(session,
	                  "INSERT INTO outbox (kind, recipient, subject, body, created_at, attempts, next_attempt_at, "
	                  "webhook_endpoint_id, event_id, event_seq) VALUES ('webhook', '', ?, ?, ?, 0, ?, ?, ?, ?)",
	                  {event.type, payload, at, at, endpointId, event.id, event.sequence});
	return _database.lastInsertId(session);
}


std::vector<WebhookRepository::Due> WebhookRepository::due(Poco::Data::Session& session, Poco::Int64 now, int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT o.id, o.webhook_endpoint_id, o.event_id, o.event_seq, o.body, o.attempts, o.next_attempt_at, "
	    "o.created_at FROM outbox o JOIN webhook_endpoints w ON w.id = o.webhook_endpoint_id "
	    "WHERE o.kind = 'webhook' AND o.sent_at IS NULL AND o.given_up_at IS NULL AND o.next_attempt_at <= ? "
	    "AND w.enabled = 1 AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.webhook_endpoint_id = o.webhook_endpoint_id "
	    "AND p.sent_at IS NULL AND p.given_up_at IS NULL AND p.event_seq < o.event_seq) "
	    "ORDER BY o.next_attempt_at, o.id LIMIT ?",
	    {now, limit});
	Rows rows(rs);
	std::vector<Due> result(rows.count());
	for (std::size_t i = 0; i < result.size(); ++i)
	{
		Due& d = result[i];
		d.id = rows.integer(i, 0);
		d.endpointId = rows.integer(i, 1);
		d.eventId = rows.integer(i, 2);
		d.sequence = rows.integer(i, 3);
		d.payload = rows.text(i, 4);
		d.attempts = static_cast<int>(rows.integer(i, 5));
		d.nextAttemptAt = rows.integer(i, 6);
		d.createdAt = rows.integer(i, 7);
	}
	return result;
}


bool WebhookRepository::claim(Poco::Data::Session& session, Id id, Poco::Int64 seenNextAttemptAt,
                              Poco::Int64 leaseUntil)
{
	poco_assert(leaseUntil != seenNextAttemptAt);
	return _database.execute(session,
	                         "UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 "
	                         "WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at = ?",
	                         {leaseUntil, id, seenNextAttemptAt}) == 1;
}


void WebhookRepository::markDelivered(Poco::Data::Session& session, Id id, Poco::Int64 at, const Outcome& outcome)
{
	// Unconditional on the lease: the event did reach the receiver, whoever holds the row now.
	_database.execute(session,
	                  "UPDATE outbox SET sent_at = ?, last_status = ?, last_duration_ms = ?, last_error_class = NULL "
	                  "WHERE id = ? AND sent_at IS NULL",
	                  {at, outcome.status, outcome.durationMs, id});
}


bool WebhookRepository::markFailed(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil,
                                   Poco::Int64 nextAttemptAt, const Outcome& outcome)
{
	return _database.execute(session,
	                         "UPDATE outbox SET next_attempt_at = ?, last_status = ?, last_duration_ms = ?, "
	                         "last_error_class = ?, last_error = ? "
	                         "WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at = ?",
	                         {nextAttemptAt, outcome.status, outcome.durationMs, outcome.errorClass,
	                          OutboxRepository::truncateError(outcome.error), id, leaseUntil}) == 1;
}


bool WebhookRepository::giveUp(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 at,
                               const Outcome& outcome)
{
	return _database.execute(session,
	                         "UPDATE outbox SET given_up_at = ?, last_status = ?, last_duration_ms = ?, "
	                         "last_error_class = ?, last_error = ? "
	                         "WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at = ?",
	                         {at, outcome.status, outcome.durationMs, outcome.errorClass,
	                          OutboxRepository::truncateError(outcome.error), id, leaseUntil}) == 1;
}


bool WebhookRepository::release(Poco::Data::Session& session, Id id, Poco::Int64 leaseUntil, Poco::Int64 nextAttemptAt)
{
	return _database.execute(session,
	                         "UPDATE outbox SET next_attempt_at = ?, attempts = attempts - 1 "
	                         "WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at = ?",
	                         {nextAttemptAt, id, leaseUntil}) == 1;
}


std::vector<WebhookDelivery> WebhookRepository::deliveries(Poco::Data::Session& session, Id endpointId, Id beforeId,
                                                           int limit)
{
	const Poco::Int64 before = beforeId > 0 ? beforeId : std::numeric_limits<Poco::Int64>::max();
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT " + DELIVERY_COLUMNS +
	                                                " FROM outbox WHERE webhook_endpoint_id = ? AND kind = 'webhook' "
	                                                "AND id < ? ORDER BY id DESC LIMIT ?",
	                                            {endpointId, before, limit});
	Rows rows(rs);
	std::vector<WebhookDelivery> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(deliveryAt(rows, i));
	return result;
}


bool WebhookRepository::findDelivery(Poco::Data::Session& session, Id endpointId, Id id, WebhookDelivery& delivery)
{
	Poco::Data::RecordSet rs = _database.select(
	    session,
	    "SELECT " + DELIVERY_COLUMNS + " FROM outbox WHERE id = ? AND webhook_endpoint_id = ? AND kind = 'webhook'",
	    {id, endpointId});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	delivery = deliveryAt(rows, 0);
	return true;
}


void WebhookRepository::retry(Poco::Data::Session& session, Id endpointId, Id id, Poco::Int64 now)
{
	_database.execute(session,
	                  "UPDATE outbox SET sent_at = NULL, given_up_at = NULL, next_attempt_at = ? "
	                  "WHERE id = ? AND webhook_endpoint_id = ? AND kind = 'webhook'",
	                  {now, id, endpointId});
}


void WebhookRepository::wakePending(Poco::Data::Session& session, Id endpointId, Poco::Int64 now)
{
	_database.execute(session,
	                  "UPDATE outbox SET next_attempt_at = ? WHERE webhook_endpoint_id = ? AND kind = 'webhook' "
	                  "AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at > ?",
	                  {now, endpointId, now});
}


std::size_t WebhookRepository::purgeFinished(Poco::Data::Session& session, Poco::Int64 before)
{
	return _database.execute(session,
	                         "DELETE FROM outbox WHERE kind = 'webhook' AND "
	                         "((sent_at IS NOT NULL AND sent_at < ?) OR (given_up_at IS NOT NULL AND given_up_at < ?))",
	                         {before, before});
}


} // namespace Data
} // namespace Orgs
