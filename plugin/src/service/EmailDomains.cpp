//
// EmailDomains.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  EmailDomains
//


#include "service/EmailDomains.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Service {


namespace {


bool isLabelChar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}


} // namespace


EmailDomains::EmailDomains(const std::vector<std::string>& publicDomains)
    : _public(publicDomains.begin(), publicDomains.end())
{
}


std::string EmailDomains::normalize(const std::string& domain)
{
	std::string d = Poco::toLower(Poco::trim(domain));
	if (!d.empty() && d.back() == '.')
		d.pop_back();
	auto invalid = [&domain](const std::string& why) {
		throw InvalidInputException("'" + domain + "' is not a domain name: " + why, "invalid_domain");
	};
	if (d.empty() || d.size() > 253)
		invalid("1 to 253 characters");
	std::size_t labels = 0;
	std::size_t start = 0;
	std::string last;
	while (start <= d.size())
	{
		std::size_t end = d.find('.', start);
		if (end == std::string::npos)
			end = d.size();
		const std::string label = d.substr(start, end - start);
		if (label.empty() || label.size() > 63)
			invalid("each label has 1 to 63 characters");
		if (!std::all_of(label.begin(), label.end(), isLabelChar))
			invalid("letters, digits and hyphens only (an internationalized name in its xn-- form)");
		if (label.front() == '-' || label.back() == '-')
			invalid("a label neither begins nor ends with a hyphen");
		++labels;
		last = label;
		start = end + 1;
	}
	if (labels < 2)
		invalid("at least two labels, such as example.com");
	if (std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; }))
		invalid("an address is not a domain");
	return d;
}


std::string EmailDomains::of(const std::string& email)
{
	const std::string::size_type at = email.rfind('@');
	if (at == std::string::npos)
		return std::string();
	return Poco::toLower(Poco::trim(email.substr(at + 1)));
}


bool EmailDomains::isPublic(const std::string& domain) const
{
	for (std::string::size_type pos = 0; pos != std::string::npos;)
	{
		if (_public.count(domain.substr(pos)) != 0)
			return true;
		pos = domain.find('.', pos);
		if (pos != std::string::npos)
			++pos;
	}
	return false;
}


void EmailDomains::requireOwnable(const std::string& domain) const
{
	if (isPublic(domain))
		throw InvalidInputException("'" + domain +
		                                "' is a public mail domain (orgs.domains.publicDomains): its addresses belong "
		                                "to people, not to one organization",
		                            "public_domain");
}


} // namespace Service
} // namespace Orgs
