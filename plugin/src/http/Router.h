//
// Router.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  Router
//
// The route table: method and path pattern to handler.
//


#ifndef Orgs_Router_INCLUDED
#define Orgs_Router_INCLUDED


#include <functional>
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Http {


class RequestContext;


class Router
	/// Matches "GET /orgs/{org}/members/{account}"-style patterns. Placeholders match one
	/// non-empty path segment and take its percent-decoded value.
{
public:
	enum class Auth
	{
		None,    ///< anyone (health, sign-up)
		Required ///< a signed-in account; 401 otherwise
	};

	enum class Body
	{
		None,     ///< any body is read and ignored
		Json,     ///< a JSON object is required
		Optional, ///< a JSON object may be sent
		Raw       ///< any body, kept as sent (RequestContext::rawBody()): the handler decodes it
	};

	using Handler = std::function<void(RequestContext&)>;

	struct Route
	{
		std::string method;
		std::string pattern;
		Auth auth;
		Body body;
		Handler handler;
		std::vector<std::string> segments;
	};

	struct Match
	{
		const Route* pRoute = nullptr;
		std::map<std::string, std::string> params;
		std::vector<std::string> allowedMethods; ///< set when the path matches but the method does not
	};

	void add(const std::string& method, const std::string& pattern, Auth auth, Body body, Handler handler);
		/// Adds a route. Throws Poco::InvalidArgumentException for a duplicate.

	Match match(const std::string& method, const std::string& path) const;
		/// Finds the route for a request path (relative to the API's base path).
		///
		/// Throws InvalidInputException ("invalid_encoding") if a segment that a placeholder
		/// matches is not percent-encoded UTF-8 text without control characters.

	static std::string decode(const std::string& encoded, bool plusIsSpace = false);
		/// Percent-decodes a path segment or a query component. Throws InvalidInputException
		/// ("invalid_encoding") for a malformed escape, for bytes that are not UTF-8 and for
		/// control characters.

	const std::vector<Route>& routes() const;
		/// Returns every route, in the order added.

private:
	static std::vector<std::string> split(const std::string& path);

	std::vector<Route> _routes;
};


inline const std::vector<Router::Route>& Router::routes() const
{
	return _routes;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_Router_INCLUDED
