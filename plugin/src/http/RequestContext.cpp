//
// RequestContext.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestContext
//


#include "http/RequestContext.h"
#include "Orgs/Errors.h"
#include "Poco/NumberParser.h"
#include "Poco/URI.h"
#include <sstream>


namespace Orgs {
namespace Http {


RequestContext::RequestContext(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                               const std::string& basePath, std::map<std::string, std::string> params,
                               Poco::JSON::Object::Ptr pBody, Id actorId)
    : _request(request), _response(response), _basePath(basePath), _params(std::move(params)), _pBody(pBody),
      _actorId(actorId)
{
	for (const auto& kv : Poco::URI(request.getURI()).getQueryParameters())
		_query.add(kv.first, kv.second);
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
		if (!Poco::NumberParser::tryParse(_query.get("limit"), page.limit) || page.limit < 1 || page.limit > 100)
			throw InvalidInputException("limit must be an integer from 1 to 100", "invalid_limit");
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
