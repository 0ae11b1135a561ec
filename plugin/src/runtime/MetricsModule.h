//
// MetricsModule.h
//
// Library: OrgsPlugin
// Package: Runtime
// Module:  MetricsModule
//
// Metrics and health probes, assembled.
//


#ifndef Orgs_MetricsModule_INCLUDED
#define Orgs_MetricsModule_INCLUDED


#include "config/Configuration.h"
#include "http/MetricsHandlers.h"
#include "metrics/DeliveryCounts.h"
#include "metrics/MetricsServiceImpl.h"
#include "metrics/OutcomeCounts.h"
#include "runtime/AccessModule.h"
#include "runtime/HttpModule.h"
#include "runtime/InfrastructureModule.h"
#include "runtime/ServiceModule.h"
#include "Poco/SharedPtr.h"
#include <string>
#include <utility>
#include <vector>


namespace Orgs {


class MetricsModule
	/// The operator's view of the plugin, built last: the registry of orgs_* series behind
	/// Orgs::MetricsService, the API's observer that counts each request by its route's
	/// pattern, the collectors that read the other modules' counts and gauges at a scrape
	/// (nothing is pushed between scrapes), and the routes GET /metrics, /health/live and
	/// /health/ready (orgs.metrics.*, orgs.health.*). README "Metrics and health" lists the series.
{
public:
	MetricsModule(const Config::Configuration& config, InfrastructureModule& infrastructure, AccessModule& access,
	              ServiceModule& services, HttpModule& http);

	~MetricsModule();
		/// Stops observing the API.

	Poco::SharedPtr<Metrics::MetricsServiceImpl> service() const;

	void addDeliveries(const std::string& kind, const Metrics::DeliveryCounts& counts);
		/// Reports a sender's outcomes under orgs_outbox_deliveries_total{kind=...}; counts must
		/// outlive this module. Call it while the runtime is built ("mail" is added here).

	void addScimRequests(const Metrics::OutcomeCounts& counts);
		/// Reports counts under orgs_scim_requests_total{outcome}: the SCIM module owns them and
		/// counts a request with one line, counts.count("<outcome>"); counts must outlive this
		/// module. Call it while the runtime is built.

private:
	MetricsModule(const MetricsModule&) = delete;
	MetricsModule& operator=(const MetricsModule&) = delete;

	void registerFamilies(InfrastructureModule& infrastructure, AccessModule& access, ServiceModule& services);
	void observe(const std::string& method, const std::string& route, int status, double seconds);

	HttpModule& _http;
	Poco::SharedPtr<Metrics::MetricsServiceImpl> _pService;
	Metrics::Registry::Family<Metrics::Registry::Counter>* _pRequests = nullptr;
	Metrics::Registry::Family<Metrics::Histogram>* _pLatency = nullptr;
	std::vector<std::pair<std::string, const Metrics::DeliveryCounts*>> _deliveries;
	std::vector<const Metrics::OutcomeCounts*> _scimRequests;
	Http::MetricsHandlers _handlers;
};


//
// inlines
//
inline Poco::SharedPtr<Metrics::MetricsServiceImpl> MetricsModule::service() const
{
	return _pService;
}


} // namespace Orgs


#endif // Orgs_MetricsModule_INCLUDED
