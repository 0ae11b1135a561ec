//
// FuzzTest.cpp
//
// Library: OrgsTests
// Package: EndToEnd
// Module:  FuzzTest
//


#include "FuzzTest.h"
#include "support/Suites.h"
#include "http/Api.h"
#include "http/Router.h"
#include "support/ReplayWorld.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/String.h"
#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>


using Orgs::Test::HttpClient;
using Orgs::Test::json;
using Orgs::Test::ReplayWorld;
using Orgs::Test::TestRuntime;
using Response = Orgs::Test::HttpClient::Response;
using User = Orgs::Test::ReplayWorld::User;


ORGS_TEST_SUITE(FuzzTest, "Fuzz", DATABASE);


namespace {


const std::string API = "/api/v1";
const unsigned SEED = 20261123; // fixed: every run sends the same requests


struct RouteInfo
	/// What the fuzzer needs of a server route.
{
	std::string method;
	std::string pattern;
	bool open = false;      ///< no authentication
	bool readsJson = false; ///< reads a JSON body (required or optional)
	bool bodyless = false;  ///< any body is ignored
};


std::vector<RouteInfo> serverRoutes()
	/// The routes of the server, as its own router holds them: GETs first, so that the reads
	/// are fuzzed before anything was changed.
{
	TestRuntime runtime;
	std::vector<RouteInfo> routes;
	for (const auto& r : runtime.runtime().api().router().routes())
	{
		RouteInfo info;
		info.method = r.method;
		info.pattern = r.pattern;
		info.open = r.auth == Orgs::Http::Router::Auth::None;
		info.readsJson = r.body != Orgs::Http::Router::Body::None;
		info.bodyless = r.body == Orgs::Http::Router::Body::None;
		routes.push_back(info);
	}
	std::stable_sort(routes.begin(), routes.end(),
	                 [](const RouteInfo& a, const RouteInfo& b) { return (a.method == "GET") > (b.method == "GET"); });
	return routes;
}


std::vector<std::string> placeholders(const std::string& pattern)
{
	std::vector<std::string> names;
	std::string::size_type pos = 0;
	while ((pos = pattern.find('{', pos)) != std::string::npos)
	{
		const std::string::size_type end = pattern.find('}', pos);
		names.push_back(pattern.substr(pos + 1, end - pos - 1));
		pos = end;
	}
	return names;
}


std::string fill(const std::string& pattern, const std::map<std::string, std::string>& values)
{
	std::string path = pattern;
	for (const auto& kv : values)
		Poco::replaceInPlace(path, "{" + kv.first + "}", kv.second);
	return path;
}


std::string repeat(const std::string& s, std::size_t n)
{
	std::string out;
	out.reserve(s.size() * n);
	for (std::size_t i = 0; i < n; ++i)
		out += s;
	return out;
}


class Fuzzer
	/// Holds the world (a host with an organization, members, a workspace, a resource, an
	/// invitation, an invite link and a custom role), sends the cases and collects failures.
{
public:
	struct Case
	{
		std::string method;
		std::string path; ///< under the API, already encoded
		std::string body;
		HttpClient::Headers headers;
		bool withToken = true;
		bool mustFail = false; ///< the request is invalid: any 2xx or 3xx is a failure
		std::string what;      ///< for failure messages
		std::string kind;      ///< path, query, body, field, header
	};

	Fuzzer()
	    : _world("default", {{"orgs.invitations.exposeToken", "true"},
	                         {"orgs.plans.free.customRoles", "true"},
	                         {"orgs.http.maxBodyBytes", "65536"},
	                         // Thousands of refused credentials from one address on purpose: the
	                         // throttle would answer 429 to the rest (SecurityTest covers it).
	                         {"orgs.auth.failureLimit", "0"},
	                         {"logging.level", "fatal"}})
	{
		_world.client().setTimeout(Poco::Timespan(10, 0));
		// The first account's token has id 1: the fuzzer's own must not be it, so that a path
		// naming token 1 can never revoke the token the cases are sent with.
		_world.signUp("fz-zed");
		_ada = _world.signUp("ada");
		_world.signUp("bob");
		_world.signUp("carl");
		_world.organization(_ada, "acme");
		ASSERT_STATUS(_world.post("/orgs/acme/members", json({{"username", "bob"}}), _ada), 201);
		Response r = _world.post("/me/tokens", json({{"name", "spare"}}), _ada);
		ASSERT_STATUS(r, 201);
		_spareToken = std::to_string(ReplayWorld::idOf(r));
		r = _world.post("/orgs/acme/workspaces", json({{"name", "Space"}}), _ada);
		ASSERT_STATUS(r, 201);
		_workspace = std::to_string(ReplayWorld::idOf(r));
		r = _world.post("/orgs/acme/resources", R"({"type":"dataset","name":"Data","workspace":)" + _workspace + "}",
		                _ada);
		ASSERT_STATUS(r, 201);
		_resource = std::to_string(ReplayWorld::idOf(r));
		r = _world.post("/orgs/acme/invitations", json({{"email", "dora@example.com"}}), _ada);
		ASSERT_STATUS(r, 201);
		_invitation = std::to_string(ReplayWorld::idOf(r));
		_invitationToken = r.json()->getValue<std::string>("token");
		r = _world.post("/orgs/acme/invite-link", "", _ada);
		ASSERT_STATUS(r, 201);
		_linkToken = r.json()->getValue<std::string>("token");
		ASSERT_STATUS(_world.post("/orgs/acme/roles",
		                          R"({"scope":"workspace","name":"auditor","permissions":["workspace.read"]})", _ada),
		              201);
	}

	ReplayWorld& world() { return _world; }
	const User& ada() const { return _ada; }

	std::string validValue(const std::string& pattern, const std::string& name) const
		/// A value of the placeholder that names something that exists.
	{
		if (name == "org")
			return "acme";
		if (name == "account")
			return "bob";
		if (name == "ws")
			return _workspace;
		if (name == "name")
			return "auditor";
		if (name == "id")
		{
			if (Poco::startsWith(pattern, std::string("/me/tokens")))
				return _spareToken;
			if (pattern.find("/invitations/") != std::string::npos)
				return _invitation;
			return _resource;
		}
		if (name == "token")
			return Poco::startsWith(pattern, std::string("/invite-links")) ? _linkToken : _invitationToken;
		return "x";
	}

	std::string validQuery(const RouteInfo& route) const
	{
		return route.pattern.find("/roles/{name}") != std::string::npos ? "scope=workspace" : "";
	}

	std::string validPath(const RouteInfo& route) const
	{
		std::map<std::string, std::string> values;
		for (const auto& name : placeholders(route.pattern))
			values[name] = validValue(route.pattern, name);
		return fill(route.pattern, values);
	}

	std::string missingPath(const RouteInfo& route) const
		/// The route's path for something that does not exist: where a request would otherwise
		/// succeed on a route that changes something.
	{
		std::map<std::string, std::string> values;
		for (const auto& name : placeholders(route.pattern))
			values[name] = name == "org" ? "no-such-org" : (name == "account" ? "nobody-here" : "999999");
		return values.empty() ? validPath(route) : fill(route.pattern, values);
	}

	std::string validBody(const RouteInfo& route) const;
		/// A body the route would accept ("" for none known).

	void run(const Case& c);
	void report(std::size_t routes, double seconds);

private:
	void fail(const std::string& category, const Case& c, const Response& r);

	ReplayWorld _world;
	User _ada;
	std::string _spareToken;
	std::string _workspace;
	std::string _resource;
	std::string _invitation;
	std::string _invitationToken;
	std::string _linkToken;
	std::size_t _cases = 0;
	std::map<std::string, std::size_t> _failureCounts;
	std::map<std::string, std::vector<std::string>> _examples;
	std::map<std::string, std::pair<std::size_t, double>> _byKind; ///< cases and seconds
	std::set<std::string> _exampleKeys;
};


std::string Fuzzer::validBody(const RouteInfo& route) const
{
	static const std::map<std::string, std::string> bodies{
	    {"POST /accounts", R"({"username":"fz-new","email":"fz-new@example.com","name":"Fuzz New"})"},
	    {"PUT /me/active-organization", R"({"org":"acme"})"},
	    {"POST /me/tokens", R"({"name":"fuzz token"})"},
	    {"POST /orgs", R"({"username":"fz-org","title":"Fuzz Org","region":"us"})"},
	    {"PATCH /orgs/{org}", R"({"title":"Acme Inc.","allowed_email_domains":["example.com"]})"},
	    {"POST /orgs/{org}/transfer-ownership", R"({"account":"nobody-here"})"},
	    {"POST /orgs/{org}/members", R"({"username":"carl","role":"member","default_roles":{"dataset":"labeler"}})"},
	    {"PATCH /orgs/{org}/members/{account}", R"({"role":"member","default_roles":{"dataset":"labeler"}})"},
	    {"POST /orgs/{org}/invitations",
	     R"({"email":"erin@example.com","name":"Erin","role":"member","note":"Welcome","workspaces":[{"id":WS,"role":"viewer"}]})"},
	    {"POST /orgs/{org}/invite-link", R"({"role":"member"})"},
	    {"POST /orgs/{org}/workspaces", R"({"name":"Fuzz space"})"},
	    {"PATCH /orgs/{org}/workspaces/{ws}", R"({"name":"Space"})"},
	    {"PUT /orgs/{org}/workspaces/{ws}/members/{account}", R"({"role":"viewer"})"},
	    {"POST /orgs/{org}/resources", R"({"type":"dataset","name":"Fuzz data","workspace":WS})"},
	    {"PUT /orgs/{org}/resources/{id}/collaborators/{account}", R"({"role":"labeler"})"},
	    {"POST /orgs/{org}/roles",
	     R"({"scope":"workspace","name":"fuzzer","permissions":["workspace.read"],"description":"A role"})"},
	    {"PATCH /orgs/{org}/roles/{name}", R"({"permissions":["workspace.read"],"description":"Reads"})"},
	};
	auto it = bodies.find(route.method + " " + route.pattern);
	if (it == bodies.end())
		return route.readsJson ? "{}" : "";
	std::string body = it->second;
	Poco::replaceInPlace(body, std::string("WS"), _workspace);
	return body;
}


bool validUtf8(const std::string& s)
{
	for (std::size_t i = 0; i < s.size();)
	{
		const unsigned char c = static_cast<unsigned char>(s[i]);
		const std::size_t more = c < 0x80             ? 0
		                         : (c & 0xE0) == 0xC0 ? 1
		                         : (c & 0xF0) == 0xE0 ? 2
		                         : (c & 0xF8) == 0xF0 ? 3
		                                              : 4;
		if (more == 4 || i + more >= s.size())
			return false;
		for (std::size_t k = 1; k <= more; ++k)
		{
			if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
				return false;
		}
		i += more + 1;
	}
	return true;
}


std::string internals(const std::string& body)
	/// Returns the first trace of the server's internals in an answer, or "".
{
	static const std::vector<std::string> words{"SELECT",    "INSERT",    "UPDATE ",  "DELETE FROM", "WHERE",
	                                            "errno",     "MySQL",     "mysql",    "MariaDB",     "SQLite",
	                                            "sqlite",    "Poco",      "statemnt", "127.0.0.1",   "localhost",
	                                            "Exception", "exception", "std::",    "0x",          ".cpp"};
	for (const auto& w : words)
	{
		if (body.find(w) != std::string::npos)
			return w;
	}
	return "";
}


void Fuzzer::run(const Case& c)
{
	++_cases;
	const auto started = std::chrono::steady_clock::now();
	struct Timing
	{
		std::map<std::string, std::pair<std::size_t, double>>& byKind;
		const std::string kind;
		std::chrono::steady_clock::time_point started;
		~Timing()
		{
			auto& t = byKind[kind];
			++t.first;
			t.second += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
		}
	} timing{_byKind, c.kind, started};
	HttpClient::Headers headers = c.headers;
	bool hasContentType = false;
	for (const auto& h : headers)
		hasContentType = hasContentType || Poco::icompare(h.first, "Content-Type") == 0;
	if (!hasContentType && !c.body.empty())
		headers.emplace_back("Content-Type", "application/json");
	if (c.withToken)
		headers.emplace_back("Authorization", "Bearer " + _ada.token);
	Response r;
	try
	{
		r = _world.client().request(c.method, API + c.path, c.body, headers);
	}
	catch (Poco::Exception& exc)
	{
		r.status = 0;
		r.body = "no answer: " + exc.displayText();
		_world.client().reset();
		fail("no answer", c, r);
		return;
	}
	if (r.status >= 500)
		fail("5xx", c, r);
	if (r.status >= 400)
	{
		bool problem = Poco::startsWith(Poco::toLower(r.contentType), std::string("application/problem+json"));
		if (problem)
		{
			try
			{
				Poco::JSON::Object::Ptr p = r.json();
				problem = !p->optValue<std::string>("code", "").empty() && p->optValue<int>("status", 0) == r.status &&
				          p->has("title") && p->has("detail");
			}
			catch (Poco::Exception&)
			{
				problem = false;
			}
		}
		// The SCIM routes answer SCIM error documents instead (RFC 7644 §3.12).
		if (!problem && Poco::startsWith(c.path, std::string("/scim/v2/")))
		{
			try
			{
				Poco::JSON::Object::Ptr e = r.json();
				problem = Poco::startsWith(Poco::toLower(r.contentType), std::string("application/scim+json")) &&
				          e->getArray("schemas")->getElement<std::string>(0) ==
				              "urn:ietf:params:scim:api:messages:2.0:Error" &&
				          e->optValue<std::string>("status", "") == std::to_string(r.status) && e->has("detail");
			}
			catch (Poco::Exception&)
			{
				problem = false;
			}
		}
		if (!problem || !validUtf8(r.body))
			fail("not a problem document", c, r);
	}
	// Errors only: a successful answer carries the client's own data and random secrets (a new
	// token may well contain "0x"). The request id is random too ("9dhm0x4h-D"): it is taken out
	// of the body (request_id, instance) before looking.
	std::string scanned = r.body;
	const std::string requestId = r.header("X-Request-Id");
	if (!requestId.empty())
		Poco::replaceInPlace(scanned, requestId, std::string());
	const std::string trace = r.status >= 400 ? internals(scanned) : std::string();
	if (!trace.empty())
		fail("internals (" + trace + ")", c, r);
	if (c.mustFail && r.status < 400)
		fail("invalid request accepted", c, r);
}


void Fuzzer::fail(const std::string& category, const Case& c, const Response& r)
{
	++_failureCounts[category];
	std::vector<std::string>& examples = _examples[category];
	// One example per kind of case and route, at most 12 per category.
	if (examples.size() < 12 && _exampleKeys.insert(category + c.method + c.kind + c.what).second)
	{
		std::string body = c.body.size() > 120 ? c.body.substr(0, 120) + "..." : c.body;
		std::string path = c.path.size() > 120 ? c.path.substr(0, 120) + "..." : c.path;
		std::string answer = r.describe();
		if (answer.size() > 300)
			answer = answer.substr(0, 300) + "...";
		examples.push_back(c.method + " " + path + (c.withToken ? " (token)" : " (anonymous)") +
		                   (body.empty() ? "" : " body " + body) + (c.what.empty() ? "" : " [" + c.what + "]") +
		                   " -> " + answer);
	}
}


void Fuzzer::report(std::size_t routes, double seconds)
{
	std::size_t failures = 0;
	std::string text;
	for (const auto& kv : _failureCounts)
	{
		failures += kv.second;
		text += "\n  " + kv.first + ": " + std::to_string(kv.second) + " cases, e.g.";
		for (const auto& e : _examples[kv.first])
			text += "\n    " + e;
	}
	std::cout << "\n  fuzz: " << _cases << " cases over " << routes << " routes in " << seconds << " s, " << failures
	          << " failed (";
	for (const auto& kv : _byKind)
		std::cout << (kv.first == _byKind.begin()->first ? "" : ", ") << kv.first << " " << kv.second.first << " in "
		          << static_cast<int>(kv.second.second * 1000) << " ms";
	std::cout << ")" << std::endl;
	CPPUNIT_ASSERT_MESSAGE(std::to_string(failures) + " of " + std::to_string(_cases) + " cases failed:" + text,
	                       failures == 0);
}


// The bad values. Paths and queries take them percent-encoded as written here.

const std::vector<std::string>& badSegments()
{
	static const std::vector<std::string> values{"%zz",
	                                             "%",
	                                             "%4",
	                                             "%G0",
	                                             "%ff",
	                                             "%FF%FE",
	                                             "%00",
	                                             "%C0%80",
	                                             "%ED%A0%80",
	                                             "%E2%80%8B",
	                                             "%E2%80%AE",
	                                             "%0A",
	                                             "%0D%0A",
	                                             "%20",
	                                             "%2F",
	                                             "%25",
	                                             "..",
	                                             "-1",
	                                             "0",
	                                             "00",
	                                             "9223372036854775807",
	                                             "9223372036854775808",
	                                             "18446744073709551617",
	                                             "99999999999999999999999",
	                                             "1e3",
	                                             "1.5",
	                                             "true",
	                                             "null",
	                                             repeat("a", 3000)};
	return values;
}


const std::vector<std::string>& brokenQueries()
{
	static const std::vector<std::string> queries{"a=%zz", "%zz=1",    "a=%",       "a=%f",    "a=%ff",
	                                              "a=%00", "a=%C0%80", "limit=%zz", "cursor=%"};
	return queries;
}


const std::vector<std::string>& queryKeys()
{
	static const std::vector<std::string> keys{"limit",    "cursor",  "q",      "role",  "status", "type",  "workspace",
	                                           "resource", "account", "action", "actor", "since",  "until", "scope"};
	return keys;
}


const std::vector<std::string>& queryValues()
{
	static const std::vector<std::string> values{"",
	                                             "%ff",
	                                             "%00",
	                                             "%E2%80%AE",
	                                             "%201",
	                                             "%2B1",
	                                             "01",
	                                             "-1",
	                                             "0",
	                                             "9223372036854775808",
	                                             "1e3",
	                                             "1.5",
	                                             repeat("z", 2000)};
	return values;
}


const std::vector<std::string>& badJsonValues()
{
	static const std::vector<std::string> values{"0",
	                                             "-1",
	                                             "9223372036854775807",
	                                             "9223372036854775808",
	                                             "18446744073709551616",
	                                             "18446744073709551617",
	                                             "-9223372036854775809",
	                                             "99999999999999999999999",
	                                             "1e308",
	                                             "1e400",
	                                             "1e30",
	                                             "1.5",
	                                             "-0",
	                                             "true",
	                                             "false",
	                                             "null",
	                                             "\"\"",
	                                             "\"   \"",
	                                             "\"" + repeat("a", 60000) + "\"",
	                                             "\"\\u0000\"",
	                                             "\"\\ud800\"",
	                                             "\"\xff\"",
	                                             "\"\xc0\x80\"",
	                                             "{}",
	                                             "[]",
	                                             "[1]",
	                                             "{\"a\":1}",
	                                             "\"%zz\"",
	                                             "\"-1\"",
	                                             "\" 1\"",
	                                             "\"01\"",
	                                             "\"+1\"",
	                                             "\"9223372036854775808\""};
	return values;
}


const std::vector<std::string>& forbiddenText()
	/// JSON strings that no free-text field may hold: zero-width, bidirectional override and
	/// isolate, control, line separator, byte order mark.
{
	static const std::vector<std::string> values{"\"fz\\u200bmember\"", "\"Acme \\u202e.exe\"", "\"a\\u2066b\\u2069\"",
	                                             "\"bell \\u0007\"",    "\"two\\u2028lines\"",  "\"\\ufeffTitle\"",
	                                             "\"tab\\tted\"",       "\"\\u200d\"",          "\"nul\\u0000\""};
	return values;
}


bool isFreeText(const std::string& field)
{
	return field == "title" || field == "name" || field == "description" || field == "note";
}


bool isIdField(const std::string& field)
{
	return field == "org" || field == "workspace" || field == "id";
}


bool isBadId(const std::string& value)
	/// Values that are not an id in any field that takes one.
{
	static const std::set<std::string> bad{"9223372036854775808",
	                                       "18446744073709551617",
	                                       "99999999999999999999999",
	                                       "1e30",
	                                       "1.5",
	                                       "true",
	                                       "\" 1\"",
	                                       "\"01\"",
	                                       "\"+1\"",
	                                       "\"9223372036854775808\"",
	                                       "-1",
	                                       "0",
	                                       "\"-1\""};
	return bad.count(value) != 0;
}


struct Field
{
	std::string path; ///< "name", or "workspaces[0].id"
	std::string value;
};


std::vector<Field> fieldsOf(const std::string& body)
	/// The scalar fields of a template body, with their JSON text, one level into arrays of objects.
{
	std::vector<Field> fields;
	if (body.empty())
		return fields;
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	Poco::JSON::Object::Ptr o = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
	for (const auto& name : o->getNames())
	{
		Poco::JSON::Array::Ptr a = o->getArray(name);
		if (a && a->size() > 0 && a->getObject(0))
		{
			for (const auto& inner : a->getObject(0)->getNames())
				fields.push_back({name + "[0]." + inner, ""});
			continue;
		}
		std::ostringstream out;
		Poco::JSON::Stringifier::stringify(o->get(name), out);
		fields.push_back({name, out.str()});
	}
	return fields;
}


std::string replaceField(const std::string& body, const std::string& fieldPath, const std::string& value)
	/// The template with one field's value replaced by raw JSON text.
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	Poco::JSON::Object::Ptr o = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
	const std::string marker = "\"@@FUZZ@@\"";
	const std::string::size_type dot = fieldPath.find("[0].");
	if (dot == std::string::npos)
		o->set(fieldPath, "@@FUZZ@@");
	else
		o->getArray(fieldPath.substr(0, dot))->getObject(0)->set(fieldPath.substr(dot + 4), "@@FUZZ@@");
	std::ostringstream out;
	o->stringify(out);
	std::string text = out.str();
	Poco::replaceInPlace(text, marker, value);
	return text;
}


std::string duplicateField(const std::string& body, const std::string& fieldPath)
	/// The template with the field written twice, the same value both times.
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	Poco::JSON::Object::Ptr o = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
	const std::string::size_type dot = fieldPath.find("[0].");
	Poco::JSON::Object::Ptr target = o;
	std::string key = fieldPath;
	if (dot != std::string::npos)
	{
		target = o->getArray(fieldPath.substr(0, dot))->getObject(0);
		key = fieldPath.substr(dot + 4);
	}
	std::ostringstream value;
	Poco::JSON::Stringifier::stringify(target->get(key), value);
	target->set(key, "@@FUZZ@@");
	std::ostringstream out;
	o->stringify(out);
	std::string text = out.str();
	const std::string pair = "\"" + key + "\":";
	Poco::replaceInPlace(text, pair + "\"@@FUZZ@@\"", pair + value.str() + "," + pair + value.str());
	return text;
}


std::string randomBytes(std::mt19937& rng, std::size_t maxLength)
{
	std::uniform_int_distribution<std::size_t> length(1, maxLength);
	std::uniform_int_distribution<int> byte(0, 255);
	std::string s(length(rng), '\0');
	for (auto& c : s)
		c = static_cast<char>(byte(rng));
	return s;
}


std::string mutate(std::mt19937& rng, std::string s)
	/// Flips, drops or inserts a few bytes.
{
	static const std::string alphabet = "{}[]\":,\\0123456789eE.-+ntfu\x01\xff\xc3";
	std::uniform_int_distribution<int> op(0, 2);
	std::uniform_int_distribution<int> count(1, 4);
	for (int k = count(rng); k > 0 && !s.empty(); --k)
	{
		std::uniform_int_distribution<std::size_t> at(0, s.size() - 1);
		const char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
		switch (op(rng))
		{
		case 0:
			s[at(rng)] = c;
			break;
		case 1:
			s.erase(at(rng), 1);
			break;
		default:
			s.insert(at(rng), 1, c);
			break;
		}
	}
	return s;
}


std::vector<Fuzzer::Case> casesFor(const Fuzzer& f, const RouteInfo& route, std::mt19937& rng)
{
	std::vector<Fuzzer::Case> cases;
	const bool changes = route.method != "GET";
	const std::string query = f.validQuery(route);
	const std::string valid = f.validPath(route) + (query.empty() ? "" : "?" + query);
	// Where a case's only fault is in the body or a header, a route that ignores its body would
	// carry the request out: such cases name something that does not exist.
	const std::string safe = changes && route.bodyless ? f.missingPath(route) : valid;
	const std::string body = f.validBody(route);

	std::string kind = "path";
	auto add = [&](const std::string& path, const std::string& b, HttpClient::Headers headers, bool token,
	               bool mustFail, const std::string& what) {
		Fuzzer::Case c;
		c.method = route.method;
		c.path = path;
		c.body = b;
		c.headers = std::move(headers);
		c.withToken = token;
		c.mustFail = mustFail;
		c.what = what;
		c.kind = kind;
		cases.push_back(c);
	};

	// The path: each placeholder in turn takes each bad value, the others stay valid.
	for (const auto& name : placeholders(route.pattern))
	{
		std::vector<std::string> values = badSegments();
		const std::string good = f.validValue(route.pattern, name);
		if (name == "id" || name == "ws")
		{
			// An id with a space, a sign or a leading zero is no id: nothing may be done to it.
			for (const std::string& v :
			     {"%20" + good, good + "%20", "%2B" + good, "+" + good, "0" + good, "%09" + good, good + "%00"})
			{
				std::map<std::string, std::string> values2;
				for (const auto& n : placeholders(route.pattern))
					values2[n] = n == name ? v : f.validValue(route.pattern, n);
				add(fill(route.pattern, values2) + (query.empty() ? "" : "?" + query), body, {}, true, true,
				    "padded id");
			}
		}
		for (const auto& v : values)
		{
			std::map<std::string, std::string> values2;
			for (const auto& n : placeholders(route.pattern))
				values2[n] = n == name ? v : f.validValue(route.pattern, n);
			const std::string path = fill(route.pattern, values2) + (query.empty() ? "" : "?" + query);
			// Percent-encoding that is malformed or decodes to no UTF-8 text, or to a control character.
			const bool broken = v.find('%') != std::string::npos && v != "%20" && v != "%2F" && v != "%25" &&
			                    v != "%E2%80%8B" && v != "%E2%80%AE";
			add(path, body, {}, true, broken, "path");
			if (broken) // anonymous: refused before authentication
				add(path, "", {}, false, true, "path");
		}
	}

	// The query: broken encodings on every route (with and without a token), odd values on reads.
	kind = "query";
	for (const auto& q : brokenQueries())
	{
		add(valid + (query.empty() ? "?" : "?" + query + "&") + q, body, {}, true, true, "query");
		add(valid + (query.empty() ? "?" : "?" + query + "&") + q, "", {}, false, true, "query");
	}
	if (!changes)
	{
		for (const auto& key : queryKeys())
		{
			for (const auto& value : queryValues())
				add(valid + (query.empty() ? "?" : "?" + query + "&") + key + "=" + value, "", {}, true, false,
				    "query");
		}
		add(valid + "?limit=%2B5", "", {}, true, false, "query"); // lists refuse it; others ignore it
	}

	// Bodies: malformed, wrong shapes, and the template with one field at a time spoilt.
	kind = "body";
	if (!changes)
	{
		// A read ignores its body, whatever it is.
		for (const std::string b : {"{", "\xff\xfe", "{\"a\":1,\"a\":2}"})
			add(valid, b, {}, true, false, "body");
	}
	else if (route.readsJson || route.open)
	{
		const std::vector<std::string> generic{"",
		                                       " ",
		                                       "{",
		                                       "}",
		                                       "[]",
		                                       "[1,2]",
		                                       "null",
		                                       "true",
		                                       "0",
		                                       "\"text\"",
		                                       "{}",
		                                       "{\"a\":}",
		                                       "{'a':1}",
		                                       "{\"a\":1,}",
		                                       "\xff\xfe",
		                                       "\xEF\xBB\xBF{}",
		                                       "{\"a\":\"\xff\"}",
		                                       "{\"a\":\"\\ud800\"}",
		                                       "{\"\\u0000\":1}",
		                                       "{\"a\":1e400}",
		                                       "{\"a\":99999999999999999999999}",
		                                       "{\"a\":1,\"a\":1}",
		                                       "{\"x\":{\"a\":1,\"a\":2}}",
		                                       std::string("{\"a\":\"x\0y\"}", 11),
		                                       repeat("[", 20000) + repeat("]", 20000),
		                                       repeat("{\"a\":", 5000) + "1" + repeat("}", 5000),
		                                       "{\"" + repeat("k", 60000) + "\":1}",
		                                       repeat(" ", 70000)};
		for (const auto& b : generic)
			add(safe, b, {}, true, false, "body");
		for (int i = 0; i < 4; ++i)
			add(safe, randomBytes(rng, 200), {}, true, false, "random bytes");
		if (!body.empty() && body != "{}")
		{
			for (int i = 0; i < 6; ++i)
				add(safe, mutate(rng, body), {}, true, false, "mutated template");
		}
		if (route.open)
		{
			for (const auto& b : generic)
				add(safe, b, {}, false, false, "body");
		}
	}
	kind = "field";
	if (route.readsJson && !body.empty())
	{
		add(safe, body.substr(0, body.size() - 1) + ",\"zz_unknown\":1}", {}, true, true, "unknown field");
		for (const auto& field : fieldsOf(body))
		{
			const std::string leaf =
			    field.path.substr(field.path.rfind('.') == std::string::npos ? 0 : field.path.rfind('.') + 1);
			for (const auto& v : badJsonValues())
				add(safe, replaceField(body, field.path, v), {}, true, isIdField(leaf) && isBadId(v), field.path);
			if (isFreeText(leaf))
			{
				for (const auto& v : forbiddenText())
					add(safe, replaceField(body, field.path, v), {}, true, true, field.path + " forbidden character");
			}
			add(safe, duplicateField(body, field.path), {}, true, true, field.path + " twice");
		}
	}

	// Headers the plugin sees. (Poco 1.11's server takes a 0xFF byte in a header for the end of
	// the headers, so header values here are ASCII or UTF-8: the host's parser is not the
	// plugin's business.)
	kind = "header";
	const std::string someBody = body.empty() ? "{}" : body;
	// Header cases on routes that change something name nothing that exists: the body and the
	// headers are read before the handler looks anything up.
	const std::string headerPath = changes ? f.missingPath(route) : valid;
	add(headerPath, someBody, {{"Content-Type", "text/plain"}}, true, route.readsJson, "Content-Type");
	add(headerPath, someBody, {{"Content-Type", ";;;=="}}, true, route.readsJson, "Content-Type");
	add(headerPath, someBody, {{"Content-Type", "application/"}}, true, route.readsJson, "Content-Type");
	add(headerPath, someBody, {{"Content-Type", "application/json; charset=caf\xc3\xa9"}}, true, false, "Content-Type");
	add(headerPath, someBody, {{"Content-Type", "application/xml+json"}}, true, false, "Content-Type");
	add(headerPath, "", {{"Content-Length", "0"}}, true, false, "Content-Length: 0");
	add(headerPath, "", {{"Content-Length", "0"}, {"Content-Type", "application/json"}}, true, false,
	    "Content-Length: 0");
	add(headerPath, someBody, {{"Transfer-Encoding", "chunked"}}, true, false, "chunked");
	add(headerPath, "", {{"Transfer-Encoding", "chunked"}}, true, false, "chunked, empty");
	add(headerPath, someBody, {{"Transfer-Encoding", "chunked"}, {"Content-Type", "text/plain"}}, true, route.readsJson,
	    "chunked");
	add(headerPath, "", {{"X-Request-Id", repeat("r", 500)}}, true, false, "X-Request-Id");
	add(headerPath, "", {{"X-Request-Id", "two words caf\xc3\xa9"}}, true, false, "X-Request-Id");
	add(headerPath, "", {{"Accept", "application/xml"}}, true, false, "Accept");
	const std::vector<std::string> authorizations{"Basic YWRhOnNlY3JldA==",
	                                              "Bearer",
	                                              "Bearer ",
	                                              "Token   ",
	                                              "Bearer " + repeat("t", 6000),
	                                              "Bearer orgs_pat_caf\xc3\xa9",
	                                              "Digest username=\"ada\"",
	                                              "Bearer a b c",
	                                              "bearer x",
	                                              "Token orgs_pat_" + repeat("A", 43),
	                                              "NTLM",
	                                              "Bearer %zz"};
	for (const auto& a : authorizations)
		add(headerPath, "", {{"Authorization", a}}, false, !route.open, "Authorization");
	return cases;
}


} // namespace


void FuzzTest::testEveryRouteSurvivesBadInput()
{
	const std::vector<RouteInfo> routes = serverRoutes();
	CPPUNIT_ASSERT(routes.size() > 40);
	Fuzzer fuzzer;
	std::mt19937 rng(SEED);
	const auto started = std::chrono::steady_clock::now();
	std::set<std::string> fuzzed;
	for (const auto& route : routes)
	{
		const std::vector<Fuzzer::Case> cases = casesFor(fuzzer, route, rng);
		for (const auto& c : cases)
			fuzzer.run(c);
		if (!cases.empty())
			fuzzed.insert(route.method + " " + route.pattern);
	}
	CPPUNIT_ASSERT_EQUAL(routes.size(), fuzzed.size());
	// The host is still there, and so is the organization: nothing was built to change it.
	ASSERT_STATUS(fuzzer.world().get("/orgs/acme", fuzzer.ada()), 200);
	fuzzer.report(routes.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}


void FuzzTest::testBrokenPercentEncoding()
{
	ReplayWorld w("default");
	User ada = w.signUp("ada");
	w.organization(ada, "acme");
	for (const std::string path : {"/orgs/%zz", "/orgs/%", "/orgs/acme/members/%4", "/orgs/%ff", "/orgs/%C0%80",
	                               "/invitations/%zz/accept", "/me/tokens/%G1"})
	{
		for (const std::string method : {"GET", "POST", "DELETE"})
		{
			HttpClient::Headers auth{{"Authorization", "Bearer " + ada.token}};
			Response r = w.client().request(method, ReplayWorld::api() + path, "", auth);
			if (r.status == 405) // the path matched no route with this method: nothing was decoded
				continue;
			ASSERT_PROBLEM(r, 400, "invalid_encoding");
			r = w.client().request(method, ReplayWorld::api() + path); // before authentication
			ASSERT_PROBLEM(r, 400, "invalid_encoding");
		}
	}
	for (const std::string query : {"?a=%zz", "?%zz", "?limit=%", "?q=%ff", "?q=%00"})
	{
		ASSERT_PROBLEM(w.get("/orgs/acme/members" + query, ada), 400, "invalid_encoding");
		ASSERT_PROBLEM(w.client().get(ReplayWorld::api() + "/orgs/acme/members" + query), 400, "invalid_encoding");
		ASSERT_PROBLEM(w.client().get(ReplayWorld::api() + "/health" + query), 400, "invalid_encoding");
	}
	// Well-formed encodings still work.
	ASSERT_STATUS(w.get("/orgs/%61cme", ada), 200);
	ASSERT_STATUS(w.get("/orgs/acme/members?q=a%2Bb+c", ada), 200);
}


void FuzzTest::testIdsAreParsedStrictly()
{
	ReplayWorld w("default");
	w.signUp("fz-zed");
	User ada = w.signUp("ada");
	w.organization(ada, "acme");
	Response r = w.post("/me/tokens", json({{"name", "spare"}}), ada);
	ASSERT_STATUS(r, 201);
	const std::string id = std::to_string(ReplayWorld::idOf(r));
	for (const std::string& padded : {"%20" + id, id + "%20", "%2B" + id, "+" + id, "0" + id, "-" + id})
		ASSERT_PROBLEM(w.del("/me/tokens/" + padded, ada), 404, "token_not_found");
	r = w.get("/me/tokens", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::size_t(2), r.json()->getArray("items")->size());

	r = w.post("/orgs/acme/workspaces", json({{"name", "Space"}}), ada);
	ASSERT_STATUS(r, 201);
	const std::string ws = std::to_string(ReplayWorld::idOf(r));
	ASSERT_STATUS(w.get("/orgs/acme/workspaces/" + ws, ada), 200);
	for (const std::string& padded : {"%20" + ws, "%2B" + ws, "0" + ws})
	{
		ASSERT_PROBLEM(w.get("/orgs/acme/permissions?workspace=" + padded, ada), 400, "invalid_workspace");
		ASSERT_STATUS(w.get("/orgs/acme/workspaces/" + padded, ada), 404);
	}
	ASSERT_PROBLEM(w.get("/orgs/acme/permissions?workspace=9223372036854775808", ada), 400, "invalid_workspace");
	for (const std::string limit : {"%2B5", "%205", "05", "5%20", "-1", "0", "101", "9223372036854775808", "1e1"})
		ASSERT_PROBLEM(w.get("/orgs?limit=" + limit, ada), 400, "invalid_limit");
	ASSERT_STATUS(w.get("/orgs?limit=5", ada), 200);
	for (const std::string& ref : {"\" " + ws + "\"", "\"0" + ws + "\"", "\"+" + ws + "\"", "\"-" + ws + "\""})
	{
		r = w.post("/orgs/acme/resources", R"({"type":"dataset","name":"D","workspace":)" + ref + "}", ada);
		ASSERT_PROBLEM(r, 400, "invalid_type");
	}
	ASSERT_STATUS(w.post("/orgs/acme/resources", R"({"type":"dataset","name":"D","workspace":")" + ws + "\"}", ada),
	              201);
}


void FuzzTest::testOutOfRangeNumbers()
{
	ReplayWorld w("default");
	User ada = w.signUp("ada");
	w.organization(ada, "acme");
	Response r = w.post("/orgs/acme/workspaces", json({{"name", "Space"}}), ada);
	ASSERT_STATUS(r, 201);
	for (const std::string n : {"9223372036854775808", "18446744073709551615", "18446744073709551617", "1e30", "1.5",
	                            "-1", "0", "-9223372036854775809", "true"})
	{
		r = w.put("/me/active-organization", "{\"org\": " + n + "}", ada);
		ASSERT_PROBLEM(r, 400, "invalid_type");
		CPPUNIT_ASSERT_MESSAGE(r.body, r.json()->getValue<std::string>("detail").find("org") != std::string::npos);
		r = w.post("/orgs/acme/resources", R"({"type":"dataset","name":"D","workspace":)" + n + "}", ada);
		ASSERT_PROBLEM(r, 400, "invalid_type");
		CPPUNIT_ASSERT_MESSAGE(r.body,
		                       r.json()->getValue<std::string>("detail").find("workspace") != std::string::npos);
		r = w.post("/orgs/acme/invitations", R"({"email":"x@example.com","workspaces":[{"id":)" + n + "}]}", ada);
		ASSERT_PROBLEM(r, 400, "invalid_type");
	}
	// Beyond any integer or double: still a 400.
	for (const std::string n : {"99999999999999999999999", "1e400", "-99999999999999999999999"})
		ASSERT_STATUS(w.put("/me/active-organization", "{\"org\": " + n + "}", ada), 400);
	// The largest id is an id (of nothing).
	ASSERT_PROBLEM(w.put("/me/active-organization", R"({"org": 9223372036854775807})", ada), 404,
	               "organization_not_found");
}


void FuzzTest::testDuplicateKeys()
{
	ReplayWorld w("default");
	User ada = w.signUp("ada");
	User bob = w.signUp("bob");
	w.organization(ada, "acme");
	ASSERT_STATUS(w.post("/orgs/acme/members", json({{"username", "bob"}}), ada), 201);
	Response r = w.patch("/orgs/acme/members/bob", R"({"role":"member","role":"admin"})", ada);
	ASSERT_PROBLEM(r, 400, "duplicate_field");
	CPPUNIT_ASSERT_MESSAGE(r.body, r.json()->getValue<std::string>("detail").find("role") != std::string::npos);
	r = w.get("/orgs/acme/members/bob", ada);
	ASSERT_STATUS(r, 200);
	CPPUNIT_ASSERT_EQUAL(std::string("member"), r.json()->getValue<std::string>("role"));
	r = w.post("/orgs", R"({"username":"beta","title":"B","title":"C"})", ada);
	ASSERT_PROBLEM(r, 400, "duplicate_field");
	r = w.post("/orgs/acme/invitations",
	           R"({"email":"x@example.com","workspaces":[{"id":1,"role":"viewer","role":"admin"}]})", ada);
	ASSERT_PROBLEM(r, 400, "duplicate_field");
	CPPUNIT_ASSERT_MESSAGE(r.body,
	                       r.json()->getValue<std::string>("detail").find("workspaces[0].role") != std::string::npos);
	r = w.patch("/orgs/acme/members/bob", R"({"default_roles":{"dataset":"labeler","dataset":"admin"}})", ada);
	ASSERT_PROBLEM(r, 400, "duplicate_field");
	// The same key in different objects is no duplicate.
	ASSERT_STATUS(w.post("/orgs/acme/workspaces", R"({"name":"One"})", ada), 201);
	r = w.post("/orgs/acme/invitations",
	           R"({"email":"y@example.com","role":"member","workspaces":[{"id":1,"role":"viewer"}]})", ada);
	CPPUNIT_ASSERT_MESSAGE(r.describe(), r.status != 400 || r.body.find("duplicate_field") == std::string::npos);
	(void)bob;
}


void FuzzTest::testFreeTextRefusesInvisibleCharacters()
{
	ReplayWorld w("default", {{"orgs.plans.free.customRoles", "true"}});
	User ada = w.signUp("ada");
	w.organization(ada, "acme");
	Response r = w.post("/orgs/acme/workspaces", json({{"name", "fzmember"}}), ada);
	ASSERT_STATUS(r, 201);
	const std::string ws = std::to_string(ReplayWorld::idOf(r));

	const std::vector<std::string> forbidden{
	    "\\u200b", "\\u200c", "\\u200d", "\\u200e", "\\u200f", "\\u2060", "\\u2064", "\\ufeff", "\\u202a", "\\u202e",
	    "\\u2066", "\\u2069", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\u2028", "\\u2029", "\\u00ad", "\\u061c"};
	struct Target
	{
		std::string method, path, before, after, field, code;
	};
	const std::vector<Target> targets{
	    {"POST", "/orgs", R"({"username":"beta","title":"Beta)", R"("})", "title", "invalid_title"},
	    {"PATCH", "/orgs/acme", R"({"title":"Acme)", R"("})", "title", "invalid_title"},
	    {"POST", "/accounts", R"({"username":"zoe","email":"zoe@example.com","name":"Zoe)", R"("})", "name",
	     "invalid_name"},
	    {"POST", "/orgs/acme/workspaces", R"({"name":"fzmember)", R"("})", "name", "invalid_name"},
	    {"PATCH", "/orgs/acme/workspaces/" + ws, R"({"name":"Space)", R"("})", "name", "invalid_name"},
	    {"POST", "/orgs/acme/resources", R"({"type":"dataset","name":"Data)", R"("})", "name", "invalid_name"},
	    {"POST", "/me/tokens", R"({"name":"ci)", R"("})", "name", "invalid_name"},
	    {"POST", "/orgs/acme/invitations", R"({"email":"i@example.com","name":"Ivy)", R"("})", "name", "invalid_name"},
	    {"POST", "/orgs/acme/invitations", R"({"email":"j@example.com","note":"Hi)", R"("})", "note", "invalid_name"},
	    {"POST", "/orgs/acme/roles",
	     R"({"scope":"workspace","name":"reader","permissions":["workspace.read"],"description":"Reads)", R"("})",
	     "description", "invalid_name"},
	    {"POST", "/orgs/acme/invitations", R"({"email":"k)", R"(@example.com"})", "email", "invalid_email"},
	};
	for (const auto& t : targets)
	{
		for (const auto& c : forbidden)
		{
			HttpClient::Headers headers{{"Authorization", "Bearer " + ada.token}, {"Content-Type", "application/json"}};
			r = w.client().request(t.method, ReplayWorld::api() + t.path, t.before + c + t.after, headers);
			CPPUNIT_ASSERT_EQUAL_MESSAGE(t.method + " " + t.path + " with " + c + ": " + r.describe(), 400, r.status);
			ASSERT_PROBLEM(r, 400, t.code);
			CPPUNIT_ASSERT_MESSAGE(r.body,
			                       r.json()->getValue<std::string>("detail").find(t.field) != std::string::npos);
		}
	}
	// Visible text outside ASCII is welcome.
	ASSERT_STATUS(w.patch("/orgs/acme", R"({"title":"Ácme Ünïcode 東京 🚀"})", ada), 200);
	ASSERT_STATUS(w.post("/orgs/acme/workspaces", R"({"name":"Équipe"})", ada), 201);
}


void FuzzTest::testRequestIds()
{
	ReplayWorld w("default");
	User ada = w.signUp("ada");
	w.organization(ada, "acme");

	// Generated: present on successes and errors, different each time.
	Response a = w.get("/orgs/acme", ada);
	Response b = w.get("/orgs/acme", ada);
	ASSERT_STATUS(a, 200);
	const std::string idA = a.header("X-Request-Id");
	const std::string idB = b.header("X-Request-Id");
	CPPUNIT_ASSERT_MESSAGE(a.describe(), !idA.empty() && !idB.empty() && idA != idB);

	// A sane client value is echoed, into the problem document too.
	HttpClient::Headers headers{{"X-Request-Id", "trace-42.a:b_C"}};
	Response r = w.client().request("GET", ReplayWorld::api() + "/orgs/acme", "", headers);
	ASSERT_PROBLEM(r, 401, "unauthenticated");
	CPPUNIT_ASSERT_EQUAL(std::string("trace-42.a:b_C"), r.header("X-Request-Id"));
	CPPUNIT_ASSERT_EQUAL(std::string("urn:orgs:request:trace-42.a:b_C"), r.json()->getValue<std::string>("instance"));
	CPPUNIT_ASSERT_EQUAL(std::string("trace-42.a:b_C"), r.json()->getValue<std::string>("request_id"));

	// Anything else is replaced.
	for (const std::string& bad : {repeat("r", 129), std::string("two words"), std::string("semi;colon"),
	                               std::string("caf\xc3\xa9"), std::string("a/b")})
	{
		headers = {{"X-Request-Id", bad}};
		r = w.client().request("GET", ReplayWorld::api() + "/orgs/%zz", "", headers);
		ASSERT_PROBLEM(r, 400, "invalid_encoding");
		const std::string id = r.header("X-Request-Id");
		CPPUNIT_ASSERT_MESSAGE(bad, id != bad && !id.empty() && id.size() <= 128);
		CPPUNIT_ASSERT_EQUAL("urn:orgs:request:" + id, r.json()->getValue<std::string>("instance"));
	}
	ASSERT_STATUS(w.client().request("GET", ReplayWorld::api() + "/orgs/acme", "",
	                                 {{"X-Request-Id", repeat("r", 128)}, {"Authorization", "Bearer " + ada.token}}),
	              200);
	// The host's own 404 outside the API is not the plugin's business; the API's 404 is.
	r = w.client().get(ReplayWorld::api() + "/nowhere");
	ASSERT_PROBLEM(r, 404, "no_route");
	CPPUNIT_ASSERT(!r.header("X-Request-Id").empty());
}
