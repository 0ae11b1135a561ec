//
// Router.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  Router
//


#include "http/Router.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"
#include "Poco/URI.h"


namespace Orgs {
namespace Http {


std::vector<std::string> Router::split(const std::string& path)
{
	std::vector<std::string> segments;
	std::string current;
	for (char c : path)
	{
		if (c == '/')
		{
			if (!current.empty())
				segments.push_back(current);
			current.clear();
		}
		else
			current += c;
	}
	if (!current.empty())
		segments.push_back(current);
	return segments;
}


void Router::add(const std::string& method, const std::string& pattern, Auth auth, Body body, Handler handler)
{
	for (const auto& r : _routes)
	{
		if (r.method == method && r.pattern == pattern)
			throw Poco::InvalidArgumentException("duplicate route", method + " " + pattern);
	}
	_routes.push_back({method, pattern, auth, body, std::move(handler), split(pattern)});
}


Router::Match Router::match(const std::string& method, const std::string& path) const
{
	const std::vector<std::string> segments = split(path);
	Match result;
	for (const auto& route : _routes)
	{
		if (route.segments.size() != segments.size())
			continue;
		std::map<std::string, std::string> params;
		bool matches = true;
		for (std::size_t i = 0; i < segments.size() && matches; ++i)
		{
			const std::string& p = route.segments[i];
			if (p.size() > 2 && p.front() == '{' && p.back() == '}')
			{
				params[p.substr(1, p.size() - 2)] = decode(segments[i]);
			}
			else
				matches = p == segments[i];
		}
		if (!matches)
			continue;
		if (route.method == method)
		{
			result.pRoute = &route;
			result.params = std::move(params);
			result.allowedMethods.clear();
			return result;
		}
		result.allowedMethods.push_back(route.method);
	}
	return result;
}


std::string Router::decode(const std::string& encoded, bool plusIsSpace)
{
	std::string value;
	try
	{
		Poco::URI::decode(encoded, value, plusIsSpace);
	}
	catch (Poco::SyntaxException&)
	{
		throw InvalidInputException("The request URI has a malformed percent-encoding", "invalid_encoding");
	}
	if (!Service::Validator::isPlainText(value))
		throw InvalidInputException("The request URI does not decode to UTF-8 text without control characters",
		                            "invalid_encoding");
	return value;
}


} // namespace Http
} // namespace Orgs
