//
// RequestContext.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestContext
//


#include "http/RequestContext.h"
#include "http/Router.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/URI.h"
#include <sstream>


namespace Orgs {
namespace Http {


RequestContext::RequestContext(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                               const std::string& basePath, std::map<std::string, std::string> params,
                               Poco::Net::NameValueCollection query, Poco::JSON::Object::Ptr pBody, Id actorId)
    : _request(request), _response(response), _basePath(basePath), _params(std::move(params)), _query(std::move(query)),
      _pBody(pBody), _actorId(actorId)
{
}


Poco::Net::NameValueCollection RequestContext::parseQuery(const std::string& uri)
{
	Poco::Net::NameValueCollection query;
	const std::string::size_type start = uri.find('?');
	if (start == std::string::npos)
		return query;
	const std::string::size_type end = uri.find('#', start);
	const std::string raw = uri.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
	std::string::size_type pos = 0;
	while (pos <= raw.size())
	{
		std::string::size_type amp = raw.find('&', pos);
		if (amp == std::string::npos)
			amp = raw.size();
		const std::string pair = raw.substr(pos, amp - pos);
		if (!pair.empty())
		{
			const std::string::size_type eq = pair.find('=');
			const std::string name = Router::decode(pair.substr(0, eq), true);
			const std::string value =
			    eq == std::string::npos ? std::string() : Router::decode(pair.substr(eq + 1), true);
			query.add(name, value);
		}
		pos = amp + 1;
	}
	return query;
}


const std::string& RequestContext::param(const std::string& name) const
{
	static const std::string empty;
	auto it = _params.find(name);
	return it == _params.end() ? empty : it->second;
}


std::string RequestContext::query(const std::string& name, const std::string& deflt) const
{
	return _query.get(name, deflt);
}


PageRequest RequestContext::page(int defaultLimit) const
{
	PageRequest page;
	page.limit = defaultLimit;
	if (_query.has("limit"))
	{
		Poco::Int64 limit = 0;
		if (!Service::Validator::parseNumber(_query.get("limit"), limit) || limit < 1 || limit > 100)
			throw InvalidInputException("limit must be an integer from 1 to 100", "invalid_limit");
		page.limit = static_cast<int>(limit);
	}
	page.cursor = _query.get("cursor", "");
	return page;
}


void RequestContext::send(int status, const Poco::JSON::Object::Ptr& pObject)
{
	std::ostringstream out;
	pObject->stringify(out);
	sendJson(status, out.str());
}


void RequestContext::sendJson(int status, const std::string& json)
{
	_response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
	_response.setContentType("application/json");
	_response.setContentLength(static_cast<std::streamsize>(json.size()));
	_response.send().write(json.data(), static_cast<std::streamsize>(json.size()));
}


void RequestContext::setLocation(const std::string& path)
{
	std::string encoded;
	Poco::URI::encode(_basePath + path, "?#", encoded);
	_response.set("Location", encoded);
}


void RequestContext::sendNoContent()
{
	_response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
	_response.setContentLength(0);
	_response.send();
}


} // namespace Http
} // namespace Orgs
