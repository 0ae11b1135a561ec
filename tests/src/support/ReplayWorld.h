//
// ReplayWorld.h
//
// Library: OrgsTests
// Package: Support
// Module:  ReplayWorld
//
// A real orgs-host with the plugin on a fresh database: the world of every end-to-end suite.
//


#ifndef Orgs_ReplayWorld_INCLUDED
#define Orgs_ReplayWorld_INCLUDED


#include "support/HostProcess.h"
#include "support/HttpAssert.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Poco/Data/Session.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <cppunit/extensions/HelperMacros.h>
#include <cstddef>
#include <memory>
#include <sstream>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class ReplayWorld
	/// The world every end-to-end suite drives: orgs-host (the sample host with the plugin
	/// loaded by ClassLoader) with orgs.preset = <preset>, self sign-up on and warnings logged,
	/// on a fresh database of the connector the suite runs on (ORGS_TEST_CONNECTOR), and the
	/// steps the suites share: signing up, creating an organization, sending a request. extra
	/// adds or overrides host configuration keys.
	///
	/// A suite adds its own steps in a subclass (InvitationApiTest's World) or, for one world
	/// per test, derives from ApiTestCase. A second host on the same database (another
	/// process behind a load balancer) comes from startHost().
{
public:
	using Response = HttpClient::Response;

	struct User
	{
		Poco::Int64 id = 0;
		std::string username;
		std::string email;
		std::string token;
	};

	static const std::string& api()
	{
		static const std::string API("/api/v1");
		return API;
	}

	explicit ReplayWorld(const std::string& preset = "default",
	                     const HostProcess::Defines& extra = HostProcess::Defines())
	    : _pDatabase(TestDatabase::create(TestRuntime::connector()))
	{
		// On a cluster this host prefers node 0; startHost()'s hosts prefer the other nodes.
		_defines = _pDatabase->hostDefines(0);
		_defines["orgs.preset"] = preset;
		_defines["orgs.accounts.selfSignup"] = "true";
		_defines["logging.level"] = "warning";
		for (const auto& kv : extra)
			_defines[kv.first] = kv.second;
		_pHost.reset(new HostProcess(_defines));
		_pClient.reset(new HttpClient(_pHost->baseUrl()));
	}

	explicit ReplayWorld(const std::string& baseUrl, TestDatabase::Ptr pDatabase)
	    : _pDatabase(pDatabase), _pClient(new HttpClient(baseUrl))
		/// The same steps against a server the test runs itself (an ApiServer in this process,
		/// whose caches the test looks into) on pDatabase: no host is started, startHost(),
		/// stop() and restart() are not available.
	{
	}

	~ReplayWorld()
	{
		_pClient.reset();
		if (_pHost)
			_pHost->stop();
	}

	HttpClient& client() { return *_pClient; }

	const HostProcess::Defines& defines() const
		/// Returns the configuration keys the host was started with (its database among them).
	{
		return _defines;
	}

	std::unique_ptr<HostProcess> startHost(const HostProcess::Defines& more = HostProcess::Defines()) const
		/// Starts another host on the same database, with the keys of defines() and more. On a
		/// Galera cluster the hosts started so prefer node 2, 0, 1, 2, ... in turn (the first
		/// host node 0, the test's checks node 1), unless more names the database.
	{
		HostProcess::Defines defines = _defines;
		if (_pDatabase->isCluster())
		{
			const std::size_t count = _pDatabase->nodes().size();
			for (const auto& kv : _pDatabase->hostDefines((++_hostsStarted + 1) % count))
				defines[kv.first] = kv.second;
		}
		for (const auto& kv : more)
			defines[kv.first] = kv.second;
		return std::unique_ptr<HostProcess>(new HostProcess(defines));
	}

	int stop()
		/// Stops the host and returns its exit code (0 when it stopped cleanly).
	{
		_pClient.reset();
		return _pHost->stop();
	}

	void stopCleanly()
		/// Stops the host and fails unless it stopped cleanly.
	{
		const int code = stop();
		CPPUNIT_ASSERT_EQUAL_MESSAGE("the host did not stop cleanly:\n" + _pHost->output(), 0, code);
	}

	void restart(const HostProcess::Defines& more)
		/// Stops the host (failing unless it stops cleanly) and starts it again on the same
		/// database with more keys.
	{
		stopCleanly();
		for (const auto& kv : more)
			_defines[kv.first] = kv.second;
		_pHost.reset(new HostProcess(_defines));
		_pClient.reset(new HttpClient(_pHost->baseUrl()));
	}

	Response send(const std::string& method, const std::string& path, const std::string& body, const std::string& token)
		/// Sends a request under the API's base path, with the token (if not empty) and a JSON
		/// body (if not empty).
	{
		HttpClient::Headers headers;
		if (!token.empty())
			headers.emplace_back("Authorization", "Bearer " + token);
		if (!body.empty())
			headers.emplace_back("Content-Type", "application/json");
		return client().request(method, api() + path, body, headers);
	}

	Response expect(int status, const std::string& method, const std::string& path, const std::string& body,
	                const std::string& token)
		/// As send(), for a step that must answer with status: fails otherwise.
	{
		Response r = send(method, path, body, token);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(method + " " + path + ": " + r.describe(), status, r.status);
		return r;
	}

	Response get(const std::string& path, const User& u) { return client().get(api() + path, "", u.token); }
	Response post(const std::string& path, const std::string& body, const User& u)
	{
		return client().post(api() + path, body, u.token);
	}
	Response patch(const std::string& path, const std::string& body, const User& u)
	{
		return client().patch(api() + path, body, u.token);
	}
	Response put(const std::string& path, const std::string& body, const User& u)
	{
		return client().put(api() + path, body, u.token);
	}
	Response del(const std::string& path, const User& u) { return client().del(api() + path, "", u.token); }

	User signUp(const std::string& username, const std::string& email = std::string(),
	            const std::string& invitation = std::string(), const std::string& name = std::string())
		/// Signs up username with email (<username>@example.com if empty), name ("Test
		/// <username>" if empty) and, if given, the token of an email invitation or invite link
		/// to join with (POST /accounts).
	{
		User u;
		u.username = username;
		u.email = email.empty() ? username + "@example.com" : email;
		Poco::JSON::Object::Ptr body = object();
		body->set("username", username);
		body->set("email", u.email);
		body->set("name", name.empty() ? "Test " + username : name);
		if (!invitation.empty())
			body->set("invitation", invitation);
		Response r = client().post(api() + "/accounts", stringify(body));
		ASSERT_STATUS(r, 201);
		u.id = r.json()->getObject("account")->getValue<Poco::Int64>("id");
		u.token = r.json()->getObject("token")->getValue<std::string>("token");
		return u;
	}

	Poco::Int64 organization(const User& owner, const std::string& username, const std::string& title = std::string())
		/// Creates the organization username (title "Org <username>" if empty) owned by owner
		/// and returns its id.
	{
		Response r =
		    post("/orgs", json({{"username", username}, {"title", title.empty() ? "Org " + username : title}}), owner);
		ASSERT_STATUS(r, 201);
		return idOf(r);
	}

	static std::string stringify(const Poco::JSON::Object::Ptr& o)
	{
		std::ostringstream out;
		o->stringify(out);
		return out.str();
	}

	static Poco::JSON::Object::Ptr object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

	std::vector<std::string> mails(const std::string& to)
		/// Returns the bodies of the messages queued for to, oldest first, as the mailer sends them.
	{
		Poco::Data::Session s = _pDatabase->session();
		std::vector<std::string> bodies;
		s << "SELECT CAST(body AS CHAR(4000)) FROM outbox WHERE recipient = ? ORDER BY id",
		    Poco::Data::Keywords::bind(to), Poco::Data::Keywords::into(bodies), Poco::Data::Keywords::now;
		return bodies;
	}

	std::string mailedToken(const std::string& to)
		/// Returns the invitation token in the last message queued for to.
	{
		const std::vector<std::string> bodies = mails(to);
		CPPUNIT_ASSERT_MESSAGE("no mail to " + to, !bodies.empty());
		const std::string& body = bodies.back();
		const std::string link = api() + "/invitations/";
		const std::string::size_type start = body.find(link);
		CPPUNIT_ASSERT_MESSAGE(body, start != std::string::npos);
		const std::string::size_type end = body.find_first_of(" \n\r", start);
		return body.substr(start + link.size(), end - start - link.size());
	}

	static Poco::Int64 idOf(const Response& r) { return r.json()->getValue<Poco::Int64>("id"); }

	static std::vector<std::string> strings(const Poco::JSON::Array::Ptr& a)
	{
		std::vector<std::string> v;
		for (std::size_t i = 0; a && i < a->size(); ++i)
			v.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
		return v;
	}

	static std::vector<std::string> field(const Response& page, const std::string& name)
		/// Returns the string field name of every item of a list answer.
	{
		std::vector<std::string> v;
		Poco::JSON::Array::Ptr items = page.json()->getArray("items");
		for (std::size_t i = 0; items && i < items->size(); ++i)
			v.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>(name));
		return v;
	}

	static bool contains(const std::vector<std::string>& v, const std::string& s)
	{
		for (const auto& x : v)
		{
			if (x == s)
				return true;
		}
		return false;
	}

	std::vector<std::string> permissions(const std::string& org, const User& asker, const User& about,
	                                     const std::string& scope = std::string())
		/// Returns the effective permissions of about in org (scope: "&workspace=ID" or
		/// "&resource=ID"), as GET /orgs/{org}/permissions shows them to asker.
	{
		Response r = get("/orgs/" + org + "/permissions?account=" + about.username + scope, asker);
		ASSERT_STATUS(r, 200);
		return strings(r.json()->getArray("permissions"));
	}

	TestDatabase& database() { return *_pDatabase; }
	HostProcess& host() { return *_pHost; }

private:
	TestDatabase::Ptr _pDatabase;
	HostProcess::Defines _defines;
	std::unique_ptr<HostProcess> _pHost;
	std::unique_ptr<HttpClient> _pClient;
	mutable std::size_t _hostsStarted = 0;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ReplayWorld_INCLUDED
