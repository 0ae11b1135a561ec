//
// PlanCatalog.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  PlanCatalog
//


#include "config/PlanCatalog.h"
#include "Poco/Exception.h"
#include "Poco/NumberParser.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Config {


namespace {


const std::string PREFIX("orgs.plans");
const Poco::Int64 MAX_LIMIT = 1000000000;


Poco::Int64 readLimit(Reader& reader, const std::string& key)
{
	const std::string text = reader.getString(key, "0");
	Poco::Int64 value = 0;
	if (!Poco::NumberParser::tryParse64(text, value) || value < 0 || value > MAX_LIMIT)
	{
		throw Poco::DataFormatException(key + ": expected 0 (unlimited) or a limit up to " + std::to_string(MAX_LIMIT) +
		                                ", got '" + text + "'");
	}
	return value;
}


} // namespace


PlanCatalog PlanCatalog::load(const Poco::Util::AbstractConfiguration& config)
{
	Reader reader(config);
	return load(reader);
}


PlanCatalog PlanCatalog::load(Reader& reader)
{
	static const Poco::RegularExpression nameRe("^[a-z][a-z0-9_-]{0,31}$");
	PlanCatalog catalog;
	const std::vector<std::string> names = reader.getList(PREFIX, {"free", "team", "enterprise"});
	if (names.empty())
		throw Poco::DataFormatException(PREFIX + ": at least one plan is required");
	for (const auto& name : names)
	{
		if (!nameRe.match(name))
			throw Poco::DataFormatException(PREFIX + ": invalid plan name '" + name + "' (a-z, 0-9, _ and -)");
		if (catalog.find(name))
			throw Poco::DataFormatException(PREFIX + ": plan '" + name + "' is listed twice");
		const std::string key = PREFIX + "." + name;
		Plan plan;
		plan.name = name;
		plan.maxMembers = readLimit(reader, key + ".maxMembers");
		plan.maxWorkspaces = readLimit(reader, key + ".maxWorkspaces");
		plan.maxPendingInvitations = readLimit(reader, key + ".maxPendingInvitations");
		plan.customRoles = reader.getBool(key + ".customRoles", false);
		plan.allowsMembers = reader.getBool(key + ".allowsMembers", true);
		plan.memberRole = reader.getString(key + ".memberRole", "");
		if (!plan.memberRole.empty() && !nameRe.match(plan.memberRole))
			throw Poco::DataFormatException(key + ".memberRole: invalid role name '" + plan.memberRole + "'");
		Poco::Util::AbstractConfiguration::Keys keys;
		reader.keys(key, keys);
		for (const auto& k : keys)
		{
			if (k != "maxMembers" && k != "maxWorkspaces" && k != "maxPendingInvitations" && k != "customRoles" &&
			    k != "allowsMembers" && k != "memberRole")
				throw Poco::DataFormatException(key + "." + k +
				                                ": unknown key (maxMembers, maxWorkspaces, maxPendingInvitations, "
				                                "customRoles, allowsMembers, memberRole)");
		}
		catalog._plans.push_back(plan);
	}

	const std::string deflt = reader.getString(PREFIX + ".default", names.front());
	const auto it = std::find(names.begin(), names.end(), deflt);
	if (it == names.end())
		throw Poco::DataFormatException(PREFIX + ".default: unknown plan '" + deflt + "' (" + PREFIX + " = " +
		                                catalog.names() + ")");
	catalog._default = static_cast<std::size_t>(it - names.begin());

	// A typo in a plan's name would otherwise leave its limits silently unused.
	Poco::Util::AbstractConfiguration::Keys keys;
	reader.keys(PREFIX, keys);
	for (const auto& k : keys)
	{
		if (k != "default" && !catalog.find(k))
			throw Poco::DataFormatException(PREFIX + "." + k + ": '" + k + "' is not a plan of " + PREFIX + " (" +
			                                catalog.names() + ")");
	}
	return catalog;
}


const std::vector<Plan>& PlanCatalog::plans() const
{
	return _plans;
}


const Plan& PlanCatalog::defaultPlan() const
{
	return _plans[_default];
}


const Plan* PlanCatalog::find(const std::string& name) const
{
	for (const auto& plan : _plans)
	{
		if (plan.name == name)
			return &plan;
	}
	return nullptr;
}


const Plan& PlanCatalog::effective(const std::string& name) const
{
	const Plan* pPlan = find(name);
	return pPlan ? *pPlan : defaultPlan();
}


std::string PlanCatalog::names() const
{
	std::string result;
	for (const auto& plan : _plans)
		result += (result.empty() ? "" : ", ") + plan.name;
	return result;
}


} // namespace Config
} // namespace Orgs
