//
// OpenIdProvider.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  OpenIdProvider
//


#include "support/OpenIdProvider.h"
#include "support/HttpClient.h"
#include "Poco/Base64Decoder.h"
#include "Poco/Base64Encoder.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/HTTPBasicCredentials.h"
#include "Poco/Net/HTTPCookie.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPSClientSession.h"
#include "Poco/Net/NameValueCollection.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SSLManager.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "Poco/URI.h"
#include "Poco/UUIDGenerator.h"
#include <fcntl.h>
#include <memory>
#include <regex>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>


namespace Orgs {
namespace Test {


const std::string OpenIdProvider::PRIMARY("primary");
const std::string OpenIdProvider::OTHER("other");


namespace {


const int MAX_STEPS = 20;
const std::string PASSWORD("orgs-test-password"); // devInteractions accepts any password


std::string readFile(const std::string& path)
{
	Poco::FileInputStream in(path);
	std::string text;
	Poco::StreamCopier::copyToString(in, text);
	return text;
}


std::string randomToken()
{
	return Poco::replace(Poco::UUIDGenerator::defaultGenerator().createRandom().toString(), std::string("-"),
	                     std::string(""));
}


std::string htmlDecode(const std::string& text)
{
	std::string result = Poco::replace(text, std::string("&quot;"), std::string("\""));
	result = Poco::replace(result, std::string("&#39;"), std::string("'"));
	result = Poco::replace(result, std::string("&#x27;"), std::string("'"));
	result = Poco::replace(result, std::string("&lt;"), std::string("<"));
	result = Poco::replace(result, std::string("&gt;"), std::string(">"));
	return Poco::replace(result, std::string("&amp;"), std::string("&"));
}


std::string attribute(const std::string& tag, const std::string& name)
{
	const std::regex pattern("\\s" + name + "\\s*=\\s*\"([^\"]*)\"", std::regex::icase);
	std::smatch match;
	if (std::regex_search(tag, match, pattern))
		return htmlDecode(match[1].str());
	return std::string();
}


std::string formEncode(const std::vector<std::pair<std::string, std::string>>& fields)
{
	std::string body;
	for (const auto& field : fields)
	{
		std::string name;
		std::string value;
		Poco::URI::encode(field.first, "!#$&'()*+,/:;=?@[]", name);
		Poco::URI::encode(field.second, "!#$&'()*+,/:;=?@[]", value);
		if (!body.empty())
			body += '&';
		body += name + '=' + value;
	}
	return body;
}


std::string base64UrlDecode(const std::string& text)
{
	std::istringstream in(text);
	Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
	std::string result;
	Poco::StreamCopier::copyToString(decoder, result);
	return result;
}


Poco::JSON::Object::Ptr parseObject(const std::string& text, const std::string& what)
{
	try
	{
		Poco::JSON::Parser parser;
		Poco::JSON::Object::Ptr object = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
		if (object)
			return object;
	}
	catch (Poco::Exception&)
	{
	}
	throw Poco::DataFormatException(what + " is not a JSON object: " + text);
}


class Browser
	/// One sign-in's HTTPS client: a cookie jar and one keep-alive connection to one issuer.
{
public:
	struct Reply
	{
		int status = 0;
		std::string body;
		std::string location; ///< resolved against the request URL
	};

	Browser(const Poco::URI& issuer, Poco::Net::Context::Ptr pContext)
	    : _issuer(issuer), _session(issuer.getHost(), issuer.getPort(), pContext)
	{
		_session.setTimeout(Poco::Timespan(15, 0));
	}

	Reply send(const std::string& method, const Poco::URI& uri, const std::string& body = std::string(),
	           const Poco::Net::HTTPBasicCredentials* pCredentials = nullptr)
	{
		if (uri.getHost() != _issuer.getHost() || uri.getPort() != _issuer.getPort() || uri.getScheme() != "https")
			throw Poco::IOException("the provider sent the browser elsewhere: " + uri.toString());
		for (int attempt = 0;; ++attempt)
		{
			try
			{
				return exchange(method, uri, body, pCredentials);
			}
			catch (Poco::Net::NetException&)
			{
				// The provider closed an idle keep-alive connection: once more on a new one.
				_session.reset();
				if (attempt > 0)
					throw;
			}
		}
	}

private:
	Reply exchange(const std::string& method, const Poco::URI& uri, const std::string& body,
	               const Poco::Net::HTTPBasicCredentials* pCredentials)
	{
		Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
		request.setKeepAlive(true);
		if (!_cookies.empty())
		{
			Poco::Net::NameValueCollection cookies;
			for (const auto& cookie : _cookies)
				cookies.add(cookie.first, cookie.second);
			request.setCookies(cookies);
		}
		if (pCredentials)
			pCredentials->authenticate(request);
		if (method == Poco::Net::HTTPRequest::HTTP_POST)
		{
			request.setContentType("application/x-www-form-urlencoded");
			request.setContentLength(static_cast<std::streamsize>(body.size()));
		}
		_session.sendRequest(request) << body;
		Poco::Net::HTTPResponse response;
		std::istream& in = _session.receiveResponse(response);
		Reply reply;
		Poco::StreamCopier::copyToString(in, reply.body);
		reply.status = response.getStatus();
		if (response.has("Location"))
		{
			Poco::URI location(uri);
			location.resolve(response.get("Location"));
			reply.location = location.toString();
		}
		std::vector<Poco::Net::HTTPCookie> cookies;
		response.getCookies(cookies);
		for (const auto& cookie : cookies)
		{
			// A cookie is deleted with an empty value and an expiry in the past.
			if (cookie.getValue().empty() || cookie.getMaxAge() == 0 || cookie.getMaxAge() < -1)
				_cookies.erase(cookie.getName());
			else
				_cookies[cookie.getName()] = cookie.getValue();
		}
		return reply;
	}

	Poco::URI _issuer;
	Poco::Net::HTTPSClientSession _session;
	std::map<std::string, std::string> _cookies;
};


class UsersLock
	/// An exclusive lock on the users file, between threads and processes.
{
public:
	explicit UsersLock(const std::string& usersFile)
	    : _fd(::open((usersFile + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600))
	{
		if (_fd < 0 || ::flock(_fd, LOCK_EX) != 0)
			throw Poco::IOException("cannot lock " + usersFile + ".lock");
	}

	~UsersLock() { ::close(_fd); }

private:
	int _fd;
};


} // namespace


OpenIdProvider::OpenIdProvider()
{
	const std::string file = envFile();
	if (file.empty())
	{
		throw Poco::IOException("ORGS_TEST_OIDC_DIR is not set: run this test through ctest, whose fixture oidc.start "
		                        "starts the OpenID Provider (scripts/oidc-provider.sh start DIR)");
	}
	load(file);
}


OpenIdProvider::OpenIdProvider(const std::string& envFile)
{
	load(envFile);
}


OpenIdProvider::~OpenIdProvider()
{
	_pContext = nullptr;
	Poco::Net::uninitializeSSL();
}


void OpenIdProvider::load(const std::string& envFile)
{
	Poco::Net::initializeSSL();
	if (!Poco::File(envFile).exists())
	{
		Poco::Net::uninitializeSSL();
		throw Poco::IOException(envFile + " does not exist: the OpenID Provider is not running (ctest's fixture "
		                                  "oidc.start, scripts/oidc-provider.sh start DIR, starts it)");
	}
	std::istringstream in(readFile(envFile));
	std::string line;
	while (std::getline(in, line))
	{
		const std::string::size_type equals = line.find('=');
		if (equals != std::string::npos)
			_values[line.substr(0, equals)] = line.substr(equals + 1);
	}
	Poco::Net::Context::Params params;
	params.caLocation = caFile();
	params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
	params.loadDefaultCAs = false;
	_pContext = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, params);
}


std::string OpenIdProvider::value(const std::string& key) const
{
	auto it = _values.find(key);
	if (it == _values.end())
		throw Poco::NotFoundException("the OpenID Provider's env file has no " + key);
	return it->second;
}


std::string OpenIdProvider::prefix(const std::string& issuerName) const
{
	if (issuerName != PRIMARY && issuerName != OTHER)
		throw Poco::InvalidArgumentException("no issuer called " + issuerName + " (primary or other)");
	return "ORGS_OIDC_" + Poco::toUpper(issuerName) + "_";
}


OpenIdProvider::Tokens OpenIdProvider::signIn(const std::string& issuerName, const std::string& sub,
                                              const std::string& scope) const
{
	const Poco::URI issuerUri(issuer(issuerName));
	Browser browser(issuerUri, _pContext);

	Browser::Reply discovery = browser.send(Poco::Net::HTTPRequest::HTTP_GET, Poco::URI(discoveryUrl(issuerName)));
	if (discovery.status != 200)
		throw Poco::IOException("discovery answered " + std::to_string(discovery.status) + ": " + discovery.body);
	Poco::JSON::Object::Ptr metadata = parseObject(discovery.body, "the discovery document");

	const std::string state = randomToken();
	const std::string nonce = randomToken();
	Poco::URI uri(metadata->getValue<std::string>("authorization_endpoint"));
	uri.addQueryParameter("client_id", clientId(issuerName));
	uri.addQueryParameter("response_type", "code");
	uri.addQueryParameter("scope", scope);
	uri.addQueryParameter("redirect_uri", redirectUri());
	uri.addQueryParameter("state", state);
	uri.addQueryParameter("nonce", nonce);

	// The browser's part: follow redirects, fill in and send the forms the provider shows (its
	// sign-in form, then its consent form) until it redirects to the client with the code.
	std::string method = Poco::Net::HTTPRequest::HTTP_GET;
	std::string body;
	std::string code;
	int loginForms = 0;
	for (int step = 0; code.empty(); ++step)
	{
		if (step == MAX_STEPS)
			throw Poco::IOException("the sign-in of " + sub + " at " + issuerName + " did not end in " +
			                        std::to_string(MAX_STEPS) + " steps");
		Browser::Reply reply = browser.send(method, uri, body);
		method = Poco::Net::HTTPRequest::HTTP_GET;
		body.clear();
		if (reply.status >= 300 && reply.status < 400 && !reply.location.empty())
		{
			if (reply.location.compare(0, redirectUri().size(), redirectUri()) == 0)
			{
				Poco::URI back(reply.location);
				std::map<std::string, std::string> parameters;
				for (const auto& parameter : back.getQueryParameters())
					parameters[parameter.first] = parameter.second;
				if (parameters.count("error"))
					throw Poco::IOException("the provider refused the sign-in of " + sub + ": " + parameters["error"] +
					                        " " + parameters["error_description"]);
				if (parameters["state"] != state)
					throw Poco::IOException("the provider returned another state: " + reply.location);
				code = parameters["code"];
				if (code.empty())
					throw Poco::IOException("the provider redirected without a code: " + reply.location);
				break;
			}
			uri = Poco::URI(reply.location);
			continue;
		}
		if (reply.status != 200)
			throw Poco::IOException("the provider answered " + std::to_string(reply.status) + " at " + uri.toString() +
			                        ": " + reply.body);
		static const std::regex formPattern("<form[^>]*>", std::regex::icase);
		static const std::regex inputPattern("<input[^>]*>", std::regex::icase);
		std::smatch form;
		if (!std::regex_search(reply.body, form, formPattern))
			throw Poco::IOException("the provider showed a page without a form at " + uri.toString());
		const std::string formTag = form[0].str();
		const std::string rest = form.suffix().str();
		const std::string inside = rest.substr(0, rest.find("</form>"));
		std::vector<std::pair<std::string, std::string>> fields;
		for (std::sregex_iterator it(inside.begin(), inside.end(), inputPattern), end; it != end; ++it)
		{
			const std::string tag = it->str();
			const std::string name = attribute(tag, "name");
			if (name.empty())
				continue;
			if (name == "login")
			{
				if (++loginForms > 1)
					throw Poco::IOException("the provider refused the sign-in of " + sub + " at " + issuerName +
					                        " (no such account in " + usersFile() + "?)");
				fields.emplace_back(name, sub);
			}
			else if (name == "password")
				fields.emplace_back(name, PASSWORD);
			else
				fields.emplace_back(name, attribute(tag, "value"));
		}
		Poco::URI action(uri);
		action.resolve(attribute(formTag, "action"));
		uri = action;
		method = Poco::toUpper(attribute(formTag, "method")) == "POST" ? Poco::Net::HTTPRequest::HTTP_POST
		                                                               : Poco::Net::HTTPRequest::HTTP_GET;
		body = formEncode(fields);
		if (method == Poco::Net::HTTPRequest::HTTP_GET)
			throw Poco::IOException("the provider showed a form sent with GET at " + uri.toString());
	}

	// The client's part: the code for tokens, authenticated with the client's secret.
	const Poco::Net::HTTPBasicCredentials credentials(clientId(issuerName), clientSecret(issuerName));
	Browser::Reply reply = browser.send(
	    Poco::Net::HTTPRequest::HTTP_POST, Poco::URI(metadata->getValue<std::string>("token_endpoint")),
	    formEncode({{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirectUri()}}),
	    &credentials);
	if (reply.status != 200)
		throw Poco::IOException("the token endpoint answered " + std::to_string(reply.status) + ": " + reply.body);
	Poco::JSON::Object::Ptr answer = parseObject(reply.body, "the token response");
	Tokens tokens;
	tokens.idToken = answer->optValue<std::string>("id_token", "");
	tokens.accessToken = answer->optValue<std::string>("access_token", "");
	tokens.tokenType = answer->optValue<std::string>("token_type", "");
	tokens.scope = answer->optValue<std::string>("scope", "");
	tokens.expiresIn = answer->optValue<int>("expires_in", 0);
	if (tokens.idToken.empty())
		throw Poco::IOException("the token response has no id_token: " + reply.body);
	if (claims(tokens.idToken)->optValue<std::string>("nonce", "") != nonce)
		throw Poco::IOException("the ID token carries another nonce: " + reply.body);
	return tokens;
}


std::string OpenIdProvider::idToken(const std::string& issuerName, const std::string& sub) const
{
	return signIn(issuerName, sub).idToken;
}


void OpenIdProvider::setUser(const User& user) const
{
	changeUsers(user.sub, &user);
}


void OpenIdProvider::removeUser(const std::string& sub) const
{
	changeUsers(sub, nullptr);
}


void OpenIdProvider::changeUsers(const std::string& sub, const User* pUser) const
{
	if (sub.empty())
		throw Poco::InvalidArgumentException("an account needs a sub");
	const std::string file = usersFile();
	UsersLock lock(file);
	Poco::JSON::Object::Ptr users = new Poco::JSON::Object;
	if (Poco::File(file).exists())
		users = parseObject(readFile(file), file);
	if (pUser)
	{
		Poco::JSON::Object::Ptr user = new Poco::JSON::Object;
		if (!pUser->email.empty())
			user->set("email", pUser->email);
		user->set("email_verified", pUser->emailVerified);
		if (!pUser->name.empty())
			user->set("name", pUser->name);
		if (!pUser->preferredUsername.empty())
			user->set("preferred_username", pUser->preferredUsername);
		Poco::JSON::Array::Ptr groups = new Poco::JSON::Array;
		for (const auto& group : pUser->groups)
			groups->add(group);
		user->set("groups", groups);
		if (pUser->idTokenTtl > 0)
			user->set("idTokenTtl", pUser->idTokenTtl);
		users->set(sub, user);
	}
	else
	{
		users->remove(sub);
	}
	// Replaced, never rewritten in place: the provider never reads half a file.
	const std::string temporary = file + "." + randomToken() + ".tmp";
	{
		Poco::FileOutputStream out(temporary);
		users->stringify(out, 2);
		out << "\n";
		out.close();
		if (!out.good())
			throw Poco::WriteFileException(temporary);
	}
	Poco::File(temporary).renameTo(file);
}


Poco::JSON::Object::Ptr OpenIdProvider::control(const std::string& method, const std::string& pathAndQuery) const
{
	HttpClient client(controlUrl());
	HttpClient::Response response = client.request(method, pathAndQuery, std::string(), {{"Content-Length", "0"}});
	if (response.status != 200)
		throw Poco::IOException("the OpenID Provider's control answered " + response.describe());
	return response.json();
}


std::vector<std::string> OpenIdProvider::rotateKeys(const std::string& issuerName, bool keepOld) const
{
	prefix(issuerName);
	Poco::JSON::Object::Ptr state = control(Poco::Net::HTTPRequest::HTTP_POST,
	                                        "/rotate?issuer=" + issuerName + "&keepOld=" + (keepOld ? "1" : "0"));
	std::vector<std::string> result;
	Poco::JSON::Array::Ptr kids = state->getArray("kids");
	for (std::size_t i = 0; kids && i < kids->size(); ++i)
		result.push_back(kids->getElement<std::string>(static_cast<unsigned>(i)));
	return result;
}


void OpenIdProvider::setSigningAlgorithm(const std::string& issuerName, const std::string& algorithm) const
{
	prefix(issuerName);
	std::string encoded;
	Poco::URI::encode(algorithm, "&=+?#", encoded);
	control(Poco::Net::HTTPRequest::HTTP_POST, "/algorithm?issuer=" + issuerName + "&alg=" + encoded);
}


std::vector<std::string> OpenIdProvider::kids(const std::string& issuerName) const
{
	prefix(issuerName);
	Poco::JSON::Object::Ptr state = control(Poco::Net::HTTPRequest::HTTP_GET, "/state");
	Poco::JSON::Object::Ptr issuerState = state->getObject(issuerName);
	std::vector<std::string> result;
	Poco::JSON::Array::Ptr kids = issuerState ? issuerState->getArray("kids") : nullptr;
	for (std::size_t i = 0; kids && i < kids->size(); ++i)
		result.push_back(kids->getElement<std::string>(static_cast<unsigned>(i)));
	return result;
}


std::string OpenIdProvider::get(const std::string& url) const
{
	const Poco::URI uri(url);
	Browser browser(uri, _pContext);
	Browser::Reply reply = browser.send(Poco::Net::HTTPRequest::HTTP_GET, uri);
	if (reply.status != 200)
		throw Poco::IOException("GET " + url + " answered " + std::to_string(reply.status) + ": " + reply.body);
	return reply.body;
}


std::vector<std::string> OpenIdProvider::issuerNames() const
{
	return {PRIMARY, OTHER};
}


std::string OpenIdProvider::issuer(const std::string& issuerName) const
{
	return value(prefix(issuerName) + "ISSUER");
}


std::string OpenIdProvider::discoveryUrl(const std::string& issuerName) const
{
	return value(prefix(issuerName) + "DISCOVERY_URL");
}


std::string OpenIdProvider::jwksUri(const std::string& issuerName) const
{
	return value(prefix(issuerName) + "JWKS_URI");
}


std::string OpenIdProvider::clientId(const std::string& issuerName) const
{
	return value(prefix(issuerName) + "CLIENT_ID");
}


std::string OpenIdProvider::clientSecret(const std::string& issuerName) const
{
	return value(prefix(issuerName) + "CLIENT_SECRET");
}


std::string OpenIdProvider::caFile() const
{
	return value("ORGS_OIDC_CA_FILE");
}


std::string OpenIdProvider::usersFile() const
{
	return value("ORGS_OIDC_USERS_FILE");
}


std::string OpenIdProvider::controlUrl() const
{
	return value("ORGS_OIDC_CONTROL_URL");
}


std::string OpenIdProvider::redirectUri() const
{
	return value("ORGS_OIDC_REDIRECT_URI");
}


std::string OpenIdProvider::envFile()
{
	const std::string dir = Poco::Environment::get("ORGS_TEST_OIDC_DIR", "");
	return dir.empty() ? std::string() : dir + "/env";
}


Poco::JSON::Object::Ptr OpenIdProvider::header(const std::string& jwt)
{
	const std::string::size_type dot = jwt.find('.');
	if (dot == std::string::npos)
		throw Poco::DataFormatException("not a JWT: " + jwt);
	return parseObject(base64UrlDecode(jwt.substr(0, dot)), "the JWT header");
}


Poco::JSON::Object::Ptr OpenIdProvider::claims(const std::string& jwt)
{
	const std::string::size_type first = jwt.find('.');
	const std::string::size_type second = first == std::string::npos ? first : jwt.find('.', first + 1);
	if (second == std::string::npos)
		throw Poco::DataFormatException("not a JWT: " + jwt);
	return parseObject(base64UrlDecode(jwt.substr(first + 1, second - first - 1)), "the JWT payload");
}


} // namespace Test
} // namespace Orgs
