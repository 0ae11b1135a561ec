//
// EmailDomains.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  EmailDomains
//
// The one rule for what an email domain is, and which ones are public mail domains.
//


#ifndef Orgs_EmailDomains_INCLUDED
#define Orgs_EmailDomains_INCLUDED


#include <set>
#include <string>
#include <vector>


namespace Orgs {
namespace Service {


class EmailDomains
	/// Email domains as organizations claim them (verified domains) and SSO connections name
	/// them: normalized the same way, and refused the same way when anyone can have an address
	/// there (orgs.domains.publicDomains).
{
public:
	explicit EmailDomains(const std::vector<std::string>& publicDomains);
		/// Creates the rule with the public mail domains, in lower case.

	static std::string normalize(const std::string& domain);
		/// Returns the domain in lower case without blanks or a final dot. Throws
		/// InvalidInputException ("invalid_domain") unless it is an ASCII host name of at least
		/// two labels (letters, digits and inner hyphens, 1-63 characters each, 253 at most)
		/// whose last label is not all digits.

	static std::string of(const std::string& email);
		/// Returns the part of email after its last '@', in lower case; empty if there is none.

	bool isPublic(const std::string& domain) const;
		/// Returns true if the (normalized) domain is a public mail domain or beneath one:
		/// nobody verifies mail.gmail.com for its users either.

	void requireOwnable(const std::string& domain) const;
		/// Throws InvalidInputException ("public_domain") if isPublic(domain).

private:
	std::set<std::string> _public;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_EmailDomains_INCLUDED
