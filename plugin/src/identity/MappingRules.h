//
// MappingRules.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  MappingRules
//
// What an SSO connection's rules make of a verified token: pure, no database.
//


#ifndef Orgs_MappingRules_INCLUDED
#define Orgs_MappingRules_INCLUDED


#include "Orgs/SsoConnectionService.h"
#include "identity/VerifiedToken.h"
#include "Poco/Nullable.h"
#include <functional>
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Federation {


class MappingRules
	/// Evaluates a connection's mapping rules against a token.
	///
	/// Precedence: the rules are tried in their stored order, and for each scope (the
	/// organization, and each workspace on its own) the first rule that matches decides the
	/// role; later matches for that scope are reported but do not count. An order is
	/// explicit and predictable (administrators put the most specific group first), while
	/// "the highest role" would need an order of roles that custom roles do not have.
	///
	/// The account is admitted when an organization rule matches, else when the role claim
	/// (orgs.sso.roleClaim, if configured) names an organization role, else when the
	/// connection has a default role (which then is its organization role); with neither it is not
	/// admitted, and workspace rules do not apply to it (only members hold workspace roles).
	///
	/// A rule matches when its claim, as the token has it, is:
	///   - contains: a list with an element equal to the value, or one value equal to it;
	///   - equals: exactly the value (a list only if it has that one element).
	/// The claim "groups" is the token's groups (the issuer's groups claim, as the verifier
	/// read it); any other name is looked up among the token's claims. Strings compare byte
	/// for byte; true, false and numbers by their JSON text. A missing claim matches nothing.
{
public:
	struct Outcome
	{
		bool admitted = false;
		std::string role;                    ///< the organization role (empty unless admitted)
		Poco::Nullable<std::size_t> orgRule; ///< the position of the organization rule that decided it
		bool byClaim = false;                ///< the role claim (orgs.sso.roleClaim) decided it
		bool byDefault = false;              ///< the default role decided it
		struct Placement
		{
			std::size_t rule = 0;
			std::string role;
		};
		std::map<Id, Placement> workspaces; ///< workspace id → the rule that decided its role (admitted only)
		std::vector<SsoRuleResult> results; ///< one per rule, in order
	};

	using IsRole = std::function<bool(const std::string& role)>;

	static Outcome evaluate(const std::vector<SsoMappingRule>& rules, const Poco::Nullable<std::string>& defaultRole,
	                        const VerifiedToken& token, const std::string& roleClaim = std::string(),
	                        const IsRole& isRole = nullptr);
		/// Returns what the rules make of the token. With a roleClaim (orgs.sso.roleClaim), a
		/// token that no organization rule matches gets the first value of that claim that
		/// isRole() accepts as an organization role, before the default role.

	static bool sees(const SsoConnection& connection, const VerifiedToken& token, std::string& why);
		/// Returns true if the connection sees the token: a connection on a configured issuer
		/// the tokens of that issuer whose email is verified and in the connection's domains
		/// (else every user of a shared provider would join every organization that uses it);
		/// a connection with its own issuer every token of that issuer for its audience.
		/// Otherwise sets why: "issuer", "audience", "email_not_verified" or "domain".

	static bool servesEmail(const SsoConnection& connection, const std::string& email);
		/// Returns true if the email's domain (lower case) is one of the connection's domains.

	static bool matches(const SsoMappingRule& rule, const VerifiedToken& token);
		/// Returns true if the rule's claim, as the token has it, matches (see the class).

	static std::vector<std::string> claimValues(const VerifiedToken& token, const std::string& claim, bool& present);
		/// Returns the claim as a list of texts (one for a single value); present tells
		/// whether the token has the claim at all.
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_MappingRules_INCLUDED
