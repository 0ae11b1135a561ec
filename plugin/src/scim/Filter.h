//
// Filter.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Filter
//
// SCIM filters (RFC 7644 §3.4.2.2): parsed once, evaluated against resources.
//


#ifndef Orgs_Scim_Filter_INCLUDED
#define Orgs_Scim_Filter_INCLUDED


#include "scim/Schema.h"
#include "Poco/JSON/Object.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Scim {


class Filter
	/// A parsed filter expression.
	///
	/// Grammar (RFC 7644 §3.4.2.2 and its ABNF in Figure 1):
	///   filter     = attrExp / logExp / valuePath / "not" "(" filter ")" / "(" filter ")"
	///   attrExp    = attrPath SP "pr" / attrPath SP compareOp SP compValue
	///   logExp     = filter SP ("and" / "or") SP filter        ("and" binds tighter than "or")
	///   valuePath  = attrPath "[" valFilter "]" ["." subAttr]   e.g. emails[type eq "work"].value
	///   compareOp  = eq / ne / co / sw / ew / gt / lt / ge / le
	///   compValue  = false / null / true / number / string (JSON)
	/// Operators and attribute names compare ignoring ASCII case; attribute paths may carry their
	/// schema's URN. Values compare as the attribute's caseExact says (userName and emails.value
	/// ignore case, id and externalId do not). A multi-valued attribute matches when any of its
	/// values does; a complex attribute named without a sub-attribute compares its "value"
	/// sub-attribute. "emails[type eq "work"].value eq "x"" means: an element of emails whose type
	/// is work and whose value is x (the same element). gt/ge/lt/le order strings (dateTime as
	/// its ISO 8601 text) and numbers, and are refused on booleans; co/sw/ew need strings. A
	/// comparison with an absent attribute is false ("ne" too); "pr" is false for null, "" and
	/// [].
	///
	/// Bad filters throw InvalidInputException with reason "invalidFilter": syntax errors,
	/// unknown attributes, an operator the attribute's type does not allow, a complex attribute
	/// compared without a sub-attribute it can stand for. Attributes Orgs accepts and does not
	/// store (see Schema) parse and match nothing.
{
public:
	struct Equality
		/// An equality the whole filter requires (see indexedEquality()).
	{
		std::string attribute; ///< "userName", "externalId", "emails.value" or "displayName"
		std::string value;
	};

	Filter();
		/// Creates the filter that matches everything (no filter parameter).

	static Filter parse(const std::string& text, const Schema& schema);
		/// Parses a filter on resources of schema (the filter query parameter of GET /Users).
		/// Throws InvalidInputException("...", "invalidFilter").

	static Filter parseValueFilter(const std::string& text, const Schema& schema, const Schema::Path& within);
		/// Parses the filter inside brackets of a value path, relative to the multi-valued
		/// complex attribute within ("type eq \"work\"" within emails). matches() then takes one
		/// element of that attribute. Throws InvalidInputException with reason "invalidFilter".

	bool empty() const;
		/// Returns true for the filter that matches everything.

	bool matches(const Poco::JSON::Object& resource) const;
		/// Returns true if the resource (as the service encodes it: core attributes at the top,
		/// extension attributes under their URN) or, for a value filter, the element, matches.

	bool indexedEquality(Equality& equality) const;
		/// Returns true, and sets equality, if every resource the filter matches has an "eq" on
		/// one of userName, externalId, emails.value (also written emails[type eq "work"].value,
		/// or emails[value eq "x"]) or displayName: the filter is that comparison, or an "and"
		/// (at any depth) with it on one side. The service then looks the value up by index and
		/// still calls matches() on what it finds. userName, emails.value and displayName compare
		/// ignoring case (the index must do so too); externalId exactly. With several, the first
		/// in this order wins: userName, externalId, emails.value, displayName.

	bool equalities(std::vector<std::pair<std::string, Poco::Dynamic::Var>>& pairs) const;
		/// Returns true, and sets pairs (canonical attribute path, value), if the filter is one
		/// "eq" comparison or an "and" of them, on simple attributes: what an element must carry
		/// to match a value filter such as type eq "work" (Patch adds such an element when none
		/// matches).

	std::string toString() const;
		/// Returns the filter in a canonical form (canonical attribute paths, lower-case
		/// operators, parentheses around every logical expression): for tests and logs.

	struct Node;
		/// The parsed expression (defined in Filter.cpp).

private:
	explicit Filter(std::shared_ptr<const Node> pRoot);

	std::shared_ptr<const Node> _pRoot;
};


inline bool Filter::empty() const
{
	return !_pRoot;
}


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Filter_INCLUDED
