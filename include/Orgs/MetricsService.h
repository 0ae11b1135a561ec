//
// MetricsService.h
//
// Library: Orgs
// Package: Services
// Module:  MetricsService
//
// The plugin's operational metrics in the Prometheus text format, and its health.
//


#ifndef Orgs_MetricsService_INCLUDED
#define Orgs_MetricsService_INCLUDED


#include "Poco/SharedPtr.h"
#include <string>
#include <vector>


namespace Orgs {


struct Readiness
	/// Whether the plugin can serve: the database answers, its schema is the plugin's, and
	/// no mail has been due for longer than orgs.health.outboxStuckSeconds.
{
	bool ready = false;
	std::vector<std::string> problems; ///< "database_unavailable", "migrations_pending", "outbox_stuck"
	std::string detail;                ///< one sentence per problem, for people
};


class MetricsService
	/// What GET /metrics and GET /health/ready answer, for a host that serves them itself (on
	/// a port of its own, say) or scrapes in-process.
{
public:
	using Ptr = Poco::SharedPtr<MetricsService>;

	static constexpr const char* CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
		/// The exposition's media type.

	virtual ~MetricsService() = default;

	virtual std::string exposition() = 0;
		/// Returns every orgs_* series in the Prometheus text exposition format 0.0.4: the
		/// counters' values now, the gauges read now (the outbox's backlog at most a second old).
		/// Never throws for a source that fails (the database down): its family is left empty.

	virtual Readiness readiness() = 0;
		/// Checks what GET /health/ready checks. Never throws.
};


} // namespace Orgs


#endif // Orgs_MetricsService_INCLUDED
