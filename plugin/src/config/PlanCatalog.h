//
// PlanCatalog.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  PlanCatalog
//
// Plans read from configuration: their names and limits.
//


#ifndef Orgs_PlanCatalog_INCLUDED
#define Orgs_PlanCatalog_INCLUDED


#include "Orgs/Model.h"
#include "config/Reader.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Config {


class PlanCatalog
	/// The plans an organization can be on, read from
	///     orgs.plans = free, team, enterprise
	///     orgs.plans.default = free
	///     orgs.plans.<plan>.maxMembers = 5              (0, the default, means unlimited)
	///     orgs.plans.<plan>.maxWorkspaces = 1
	///     orgs.plans.<plan>.maxPendingInvitations = 10
	///     orgs.plans.<plan>.customRoles = true          (default false: no custom roles)
	///     orgs.plans.<plan>.allowsMembers = false       (default true: shared organizations take members)
	///     orgs.plans.<plan>.memberRole = admin          (default empty: every member holds this role)
	/// Without orgs.plans the plans are free, team and enterprise, all unlimited. Unknown keys
	/// under orgs.plans, an unknown default plan and malformed limits stop start-up with a
	/// Poco::DataFormatException naming the key. Immutable after load.
{
public:
	static PlanCatalog load(const Poco::Util::AbstractConfiguration& config);
		/// Reads and validates the orgs.plans keys.

	static PlanCatalog load(Reader& reader);
		/// As load(config), through reader.

	const std::vector<Plan>& plans() const;
		/// Returns every plan, in the configured order.

	const Plan& defaultPlan() const;
		/// Returns orgs.plans.default.

	const Plan* find(const std::string& name) const;
		/// Returns the plan named name, or null.

	const Plan& effective(const std::string& name) const;
		/// Returns the plan named name; the default plan for "" (an organization created before
		/// plans existed) or for a plan no longer configured.

	std::string names() const;
		/// Returns the plan names as "free, team, enterprise", for messages.

private:
	std::vector<Plan> _plans;
	std::size_t _default = 0;
};


} // namespace Config
} // namespace Orgs


#endif // Orgs_PlanCatalog_INCLUDED
