//
// MappingRules.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  MappingRules
//


#include "identity/MappingRules.h"
#include "service/EmailDomains.h"
#include "Poco/JSON/Array.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Federation {


namespace {


bool textOf(const Poco::Dynamic::Var& v, std::string& text)
	/// Returns a scalar claim value as text; false for objects, arrays and null.
{
	if (v.isEmpty())
		return false;
	if (v.type() == typeid(bool))
	{
		text = v.extract<bool>() ? "true" : "false";
		return true;
	}
	if (v.isString() || v.isNumeric())
	{
		text = v.convert<std::string>();
		return true;
	}
	return false;
}


} // namespace


std::vector<std::string> MappingRules::claimValues(const VerifiedToken& token, const std::string& claim, bool& present)
{
	present = false;
	std::vector<std::string> values;
	if (claim == "groups" && (!token.groups.empty() || !token.pClaims))
	{
		present = !token.groups.empty();
		return token.groups;
	}
	if (!token.pClaims || !token.pClaims->has(claim))
		return values;
	const Poco::Dynamic::Var v = token.pClaims->get(claim);
	if (v.type() == typeid(Poco::JSON::Array::Ptr))
	{
		present = true;
		const Poco::JSON::Array::Ptr pArray = v.extract<Poco::JSON::Array::Ptr>();
		for (std::size_t i = 0; pArray && i < pArray->size(); ++i)
		{
			std::string text;
			if (textOf(pArray->get(static_cast<unsigned>(i)), text))
				values.push_back(text);
		}
		return values;
	}
	std::string text;
	if (textOf(v, text))
	{
		present = true;
		values.push_back(text);
	}
	return values;
}


bool MappingRules::servesEmail(const SsoConnection& connection, const std::string& email)
{
	const std::string domain = Service::EmailDomains::of(email);
	return std::find(connection.domains.begin(), connection.domains.end(), domain) != connection.domains.end();
}


bool MappingRules::sees(const SsoConnection& connection, const VerifiedToken& token, std::string& why)
{
	if (!connection.issuerName.empty())
	{
		if (token.issuerName != connection.issuerName)
			why = "issuer";
		else if (!token.emailVerified)
			why = "email_not_verified";
		else if (!servesEmail(connection, token.email))
			why = "domain";
		else
			return true;
		return false;
	}
	if (!token.issuerName.empty() || token.issuer != connection.issuer)
	{
		why = "issuer";
		return false;
	}
	if (token.audience == connection.audience)
		return true;
	bool present = false;
	const std::vector<std::string> audiences = claimValues(token, "aud", present);
	if (std::find(audiences.begin(), audiences.end(), connection.audience) != audiences.end())
		return true;
	why = "audience";
	return false;
}


bool MappingRules::matches(const SsoMappingRule& rule, const VerifiedToken& token)
{
	bool present = false;
	const std::vector<std::string> values = claimValues(token, rule.claim, present);
	if (!present)
		return false;
	if (rule.op == SsoMappingRule::EQUALS)
		return values.size() == 1 && values.front() == rule.value;
	return std::find(values.begin(), values.end(), rule.value) != values.end();
}


MappingRules::Outcome MappingRules::evaluate(const std::vector<SsoMappingRule>& rules,
                                             const Poco::Nullable<std::string>& defaultRole, const VerifiedToken& token,
                                             const std::string& roleClaim, const IsRole& isRole)
{
	Outcome outcome;
	std::map<Id, Outcome::Placement> workspaces;
	for (std::size_t i = 0; i < rules.size(); ++i)
	{
		const SsoMappingRule& rule = rules[i];
		SsoRuleResult result;
		result.position = i;
		result.matched = matches(rule, token);
		if (result.matched)
		{
			if (rule.target == SsoMappingRule::ORGANIZATION)
			{
				if (outcome.orgRule.isNull())
				{
					outcome.orgRule = i;
					outcome.role = rule.role;
					result.applied = true;
				}
			}
			else if (workspaces.find(rule.workspaceId) == workspaces.end())
			{
				workspaces[rule.workspaceId] = Outcome::Placement{i, rule.role};
				result.applied = true;
			}
		}
		outcome.results.push_back(result);
	}
	if (outcome.orgRule.isNull() && !roleClaim.empty() && isRole)
	{
		bool present = false;
		for (const auto& value : claimValues(token, roleClaim, present))
		{
			if (isRole(value))
			{
				outcome.role = value;
				outcome.byClaim = true;
				break;
			}
		}
	}
	if (outcome.role.empty() && !defaultRole.isNull() && !defaultRole.value().empty())
	{
		outcome.role = defaultRole.value();
		outcome.byDefault = true;
	}
	outcome.admitted = !outcome.role.empty();
	if (outcome.admitted)
		outcome.workspaces = std::move(workspaces);
	else
	{
		// Only members hold workspace roles: the workspace rules that matched decide nothing.
		for (auto& r : outcome.results)
			if (rules[r.position].target == SsoMappingRule::WORKSPACE)
				r.applied = false;
	}
	return outcome;
}


} // namespace Federation
} // namespace Orgs
