//
// ScimClient.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  ScimClient
//


#include "support/ScimClient.h"
#include "Poco/JSON/Parser.h"
#include "Poco/String.h"
#include "Poco/URI.h"
#include <cppunit/extensions/HelperMacros.h>


namespace Orgs {
namespace Test {


namespace {


const std::string SCIM_JSON = "application/scim+json";


bool isScimJson(const std::string& contentType)
{
	const std::string type = Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
	return type == SCIM_JSON;
}


bool isPartial(const std::string& path)
	/// The request asks for a projection: attributes=... or excludedAttributes=....
{
	const std::size_t query = path.find('?');
	if (query == std::string::npos)
		return false;
	const std::string q = Poco::toLower(path.substr(query));
	return q.find("attributes=") != std::string::npos;
}


} // namespace


ScimClient::ScimClient(HttpClient& http, const std::string& basePath, const std::string& token,
                       ScimValidator& validator)
    : _http(http), _basePath(basePath), _token(token), _validator(validator)
{
	while (!_basePath.empty() && _basePath.back() == '/')
		_basePath.pop_back();
}


ScimClient::Response ScimClient::get(const std::string& path)
{
	return request("GET", path, std::string(), {{"Accept", SCIM_JSON}});
}


ScimClient::Response ScimClient::post(const std::string& path, const std::string& body)
{
	return request("POST", path, body, {{"Accept", SCIM_JSON}, {"Content-Type", SCIM_JSON}});
}


ScimClient::Response ScimClient::put(const std::string& path, const std::string& body)
{
	return request("PUT", path, body, {{"Accept", SCIM_JSON}, {"Content-Type", SCIM_JSON}});
}


ScimClient::Response ScimClient::patch(const std::string& path, const std::string& body)
{
	return request("PATCH", path, body, {{"Accept", SCIM_JSON}, {"Content-Type", SCIM_JSON}});
}


ScimClient::Response ScimClient::del(const std::string& path)
{
	return request("DELETE", path, std::string(), {{"Accept", SCIM_JSON}});
}


ScimClient::Response ScimClient::request(const std::string& method, const std::string& path, const std::string& body,
                                         const HttpClient::Headers& headers, bool checked)
{
	HttpClient::Headers all = headers;
	if (!_token.empty())
		all.emplace_back("Authorization", "Bearer " + _token);
	const Response response = _http.request(method, _basePath + path, body, all);
	if (checked)
		check(method + " " + _basePath + path, response);
	return response;
}


void ScimClient::check(const std::string& what, const Response& response)
{
	const std::string context = what + " answered " + response.describe();
	if (response.status == 204)
	{
		if (!response.body.empty())
			CPPUNIT_FAIL(context + "\nSCIM: a 204 response has a body");
		return;
	}
	if (!isScimJson(response.contentType))
		CPPUNIT_FAIL(context + "\nSCIM: Content-Type is \"" + response.contentType + "\", not " + SCIM_JSON);
	const std::size_t query = what.find('?');
	const bool partial = isPartial(query == std::string::npos ? std::string() : what.substr(query));
	const std::vector<std::string> errors = _validator.validate(response.body, response.status, partial);
	if (errors.empty())
		return;
	std::string message = context + "\nSCIM validator:";
	for (const auto& error : errors)
		message += "\n  " + error;
	CPPUNIT_FAIL(message);
}


std::string ScimClient::encode(const std::string& queryValue)
{
	std::string out;
	Poco::URI::encode(queryValue, "!#$&'()*+,/:;=?@[]\" %", out);
	return out;
}


Poco::JSON::Object::Ptr ScimClient::json(const Response& response)
{
	try
	{
		Poco::JSON::Parser parser;
		const Poco::Dynamic::Var v = parser.parse(response.body);
		if (v.type() == typeid(Poco::JSON::Object::Ptr))
			return v.extract<Poco::JSON::Object::Ptr>();
	}
	catch (Poco::Exception&)
	{
	}
	CPPUNIT_FAIL("Not a JSON object: " + response.describe());
	return nullptr;
}


void ScimClient::setToken(const std::string& token)
{
	_token = token;
}


} // namespace Test
} // namespace Orgs
