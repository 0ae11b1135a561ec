//
// MetricsModule.cpp
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  MetricsModule
//


#include "runtime/MetricsModule.h"
#include "Poco/NumberFormatter.h"
#include <map>
#include <set>


namespace Orgs {


using Metrics::Registry;


MetricsModule::MetricsModule(const Config::Configuration& config, InfrastructureModule& infrastructure,
                             AccessModule& access, ServiceModule& services, HttpModule& http)
    : _http(http),
      _pService(new Metrics::MetricsServiceImpl(infrastructure.database(), infrastructure.clock(),
                                                infrastructure.schemaVersion(), config.settings().outboxStuckSeconds)),
      _handlers(*_pService, http.clientAddress(), http.failures(), config.settings().metricsExposure,
                config.settings().metricsToken)
{
	registerFamilies(infrastructure, access, services);
	addDeliveries("mail", infrastructure.outboxSender().deliveries());
	_handlers.addRoutes(http.api().router());
	http.api().setObserver([this](const std::string& method, const std::string& route, int status, double seconds) {
		observe(method, route, status, seconds);
	});
}


MetricsModule::~MetricsModule()
{
	_http.api().setObserver(nullptr);
}


void MetricsModule::addDeliveries(const std::string& kind, const Metrics::DeliveryCounts& counts)
{
	_deliveries.emplace_back(kind, &counts);
}


void MetricsModule::addScimRequests(const Metrics::OutcomeCounts& counts)
{
	_scimRequests.push_back(&counts);
}


void MetricsModule::observe(const std::string& method, const std::string& route, int status, double seconds)
{
	// The route's pattern, never the path: the series are bounded by the route table, and no
	// organization's or account's name becomes a label.
	const std::string& label = route.empty() ? std::string("unmatched") : route;
	// The method is the client's to write: any other than HTTP's own is "other", or a client
	// could make series without end.
	static const std::set<std::string> METHODS{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
	const std::string& verb = METHODS.count(method) ? method : std::string("other");
	_pRequests->series({verb, label, Poco::NumberFormatter::format(status)}).add();
	_pLatency->series({verb, label}).observe(seconds);
}


void MetricsModule::registerFamilies(InfrastructureModule& infrastructure, AccessModule& access,
                                     ServiceModule& services)
{
	Registry& r = _pService->registry();
	using Samples = std::vector<Registry::Sample>;

	_pRequests = &r.counter("orgs_http_requests_total",
	                        "HTTP requests answered, by method, route pattern (unmatched: no route) and status.",
	                        {"method", "route", "status"});
	_pLatency = &r.histogram("orgs_http_request_duration_seconds",
	                         "Time from a request's start to its answer, by method and route pattern.",
	                         {"method", "route"}, Metrics::Histogram::latencyBounds());

	Poco::SharedPtr<Access::AccessControlImpl> pAccess = access.accessControl();
	Access::AccessControlImpl* pChecks = pAccess.get();
	r.collect("orgs_permission_checks_total",
	          "Permission checks by how the grant cache answered: hit (fresh entry, no query), revalidated (stale "
	          "entry whose acl_version had not moved: one query), miss (loaded).",
	          Registry::Type::Counter, {"result"}, [pChecks](Samples& s) {
		          const Access::AccessControlImpl::CheckCounts c = pChecks->checkCounts();
		          s.push_back({{"hit"}, static_cast<double>(c.hits)});
		          s.push_back({{"revalidated"}, static_cast<double>(c.revalidated)});
		          s.push_back({{"miss"}, static_cast<double>(c.misses)});
	          });
	r.collect("orgs_grant_cache_entries", "Slots of the grant cache holding an entry (current or stale).",
	          Registry::Type::Gauge, {}, [pChecks](Samples& s) {
		          s.push_back({{}, static_cast<double>(pChecks->cache().occupied())});
	          });
	r.collect("orgs_grant_cache_capacity", "Slots of the grant cache (orgs.access.cacheEntries, rounded up).",
	          Registry::Type::Gauge, {}, [pChecks](Samples& s) {
		          s.push_back({{}, static_cast<double>(pChecks->cache().capacity())});
	          });
	r.collect("orgs_grant_cache_evictions_total", "Grant cache entries replaced by another key's.",
	          Registry::Type::Counter, {}, [pChecks](Samples& s) {
		          s.push_back({{}, static_cast<double>(pChecks->cache().evictions())});
	          });

	Data::Database* pDatabase = &infrastructure.database();
	r.collect("orgs_db_sessions", "Database sessions of the pool, by state: in_use or idle.", Registry::Type::Gauge,
	          {"state"}, [pDatabase](Samples& s) {
		          const Data::Database::PoolState p = pDatabase->pool();
		          s.push_back({{"in_use"}, static_cast<double>(p.used)});
		          s.push_back({{"idle"}, static_cast<double>(p.idle)});
	          });
	r.collect("orgs_db_sessions_max", "The pool's limit (orgs.database.maxSessions).", Registry::Type::Gauge, {},
	          [pDatabase](Samples& s) {
		          s.push_back({{}, static_cast<double>(pDatabase->pool().capacity)});
	          });
	r.collect("orgs_db_session_waits_total",
	          "Times a caller found every session of the pool in use and waited (orgs.database.sessionWaitMs).",
	          Registry::Type::Counter, {}, [pDatabase](Samples& s) {
		          s.push_back({{}, static_cast<double>(pDatabase->sessionWaits())});
	          });
	r.collect("orgs_db_node",
	          "The database node in use: its index in orgs.database.nodes (0, the preferred one, without a "
	          "cluster).",
	          Registry::Type::Gauge, {}, [pDatabase](Samples& s) {
		          s.push_back({{}, static_cast<double>(pDatabase->currentNode())});
	          });
	r.collect("orgs_db_failovers_total", "Times this process moved to another database node.", Registry::Type::Counter,
	          {}, [pDatabase](Samples& s) {
		          s.push_back({{}, static_cast<double>(pDatabase->failovers())});
	          });
	r.collect("orgs_db_statement_errors_total",
	          "Statements that failed, by class: duplicate_key, foreign_key, check, deadlock, lock_wait_timeout, "
	          "busy, connection, other.",
	          Registry::Type::Counter, {"class"}, [pDatabase](Samples& s) {
		          for (int i = 0; i < static_cast<int>(Data::Database::StatementError::COUNT); ++i)
		          {
			          const auto kind = static_cast<Data::Database::StatementError>(i);
			          s.push_back({{Data::Database::statementErrorName(kind)},
			                       static_cast<double>(pDatabase->statementErrors(kind))});
		          }
	          });

	Metrics::MetricsServiceImpl* pService = _pService.get();
	auto backlog = [pService](Samples& s, bool age) {
		const Poco::Int64 now = pService->nowMicros();
		bool mail = false;
		for (const Data::OperationsRepository::Backlog& b : pService->backlog())
		{
			mail = mail || b.kind == "mail";
			const double value =
			    age ? (b.oldestCreatedAt > 0 ? std::max<double>(0, (now - b.oldestCreatedAt) / 1e6) : 0)
			        : static_cast<double>(b.depth);
			s.push_back({{b.kind}, value});
		}
		if (!mail)
			s.push_back({{"mail"}, 0});
	};
	r.collect("orgs_outbox_depth", "Outbox rows not sent yet, by kind (mail, webhook).", Registry::Type::Gauge,
	          {"kind"}, [backlog](Samples& s) { backlog(s, false); });
	r.collect("orgs_outbox_oldest_age_seconds", "Age of the oldest outbox row not sent yet, by kind (0: none).",
	          Registry::Type::Gauge, {"kind"}, [backlog](Samples& s) { backlog(s, true); });
	r.collect("orgs_outbox_deliveries_total",
	          "Delivery attempts by kind and outcome: sent, retried (failed, rescheduled), failed (given up).",
	          Registry::Type::Counter, {"kind", "outcome"}, [this](Samples& s) {
		          for (const auto& d : _deliveries)
		          {
			          for (int o = 0; o < Metrics::DeliveryCounts::OUTCOMES; ++o)
			          {
				          const auto outcome = static_cast<Metrics::DeliveryCounts::Outcome>(o);
				          s.push_back({{d.first, Metrics::DeliveryCounts::name(outcome)},
				                       static_cast<double>(d.second->value(outcome))});
			          }
		          }
	          });

	Poco::SharedPtr<Federation::FederatedSignIn> pSignIn = services.signIn();
	const Federation::FederatedSignIn* pFederated = pSignIn.get();
	r.collect("orgs_sso_sign_ins_total",
	          "Sign-ins with an identity provider's token (its first use), by outcome: admitted, refused (by a "
	          "sign-in step: SSO rules, domains; reason is the code), token_refused (reason is the verifier's "
	          "code), error.",
	          Registry::Type::Counter, {"outcome", "reason"}, [pFederated](Samples& s) {
		          for (const auto& kv : pFederated->outcomes().snapshot())
			          s.push_back({{kv.first.first, kv.first.second}, static_cast<double>(kv.second)});
	          });
	r.collect("orgs_scim_requests_total", "SCIM requests by outcome.", Registry::Type::Counter, {"outcome"},
	          [this](Samples& s) {
		          std::map<std::string, double> byOutcome;
		          for (const Metrics::OutcomeCounts* pCounts : _scimRequests)
		          {
			          for (const auto& kv : pCounts->snapshot())
				          byOutcome[kv.first.first] += static_cast<double>(kv.second);
		          }
		          for (const auto& kv : byOutcome)
			          s.push_back({{kv.first}, kv.second});
	          });
}


} // namespace Orgs
