//
// PluginTest.cpp
//
// Library: OrgsTests
// Package: Plugin
// Module:  PluginTest
//


#include "PluginTest.h"
#include "support/OpenIdProvider.h"
#include "support/Suites.h"
#include "Orgs/AccessControl.h"
#include "Orgs/AccountService.h"
#include "Orgs/Authenticator.h"
#include "Orgs/Errors.h"
#include "Orgs/Mailer.h"
#include "Orgs/MembershipService.h"
#include "Orgs/OrganizationService.h"
#include "Orgs/ResourceService.h"
#include "Orgs/ServerPlugin.h"
#include "Orgs/WorkspaceService.h"
#include "runtime/PublishedServices.h"
#include "support/HttpClient.h"
#include "support/TestDatabase.h"
#include "support/TestRuntime.h"
#include "Poco/ThreadPool.h"
#include "Poco/ClassLoader.h"
#include "Poco/Environment.h"
#include "Poco/Manifest.h"
#include "Poco/Mutex.h"
#include "Poco/Net/HTTPServer.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/Path.h"
#include "Poco/Timestamp.h"


using namespace Orgs;
using Orgs::Test::HttpClient;
using Orgs::Test::TestDatabase;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(PluginTest, "Plugin", DATABASE);


namespace {


using Loader = Poco::ClassLoader<Orgs::ServerPlugin>;


std::string pluginLibrary()
{
	const std::string path = Poco::Environment::get("ORGS_PLUGIN_LIBRARY", "");
	if (path.empty())
		throw Poco::IllegalStateException("ORGS_PLUGIN_LIBRARY is not set (ctest sets it)");
	return path;
}


class TestContext : public Orgs::PluginContext
	/// A minimal host side of the contract.
{
public:
	explicit TestContext(Poco::AutoPtr<Poco::Util::AbstractConfiguration> pConfig) : _pConfig(pConfig) {}

	const std::string& pluginName() const override { return _name; }
	Poco::Util::AbstractConfiguration& configuration() override { return *_pConfig; }
	std::string resolvePath(const std::string& path) const override { return TestRuntime::resolveConfigPath(path); }
	Poco::Logger& logger() override { return Poco::Logger::get("orgs-plugin-test"); }
	void addRoutes(const std::string& prefix, Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> pFactory) override
	{
		_prefix = prefix;
		_pFactory = pFactory;
	}
	ServiceRegistry& services() override { return _services; }

	std::string _name = "orgs";
	Poco::AutoPtr<Poco::Util::AbstractConfiguration> _pConfig;
	std::string _prefix;
	Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> _pFactory;
	ServiceRegistry _services;
};


class HeaderAuthenticator : public Orgs::Authenticator
	/// A host that trusts an X-Test-User header (as a host behind its own SSO would trust its session).
{
public:
	bool authenticate(const Poco::Net::HTTPRequest& request, Identity& identity) override
	{
		if (!request.has("X-Test-User"))
			return false;
		const std::string user = request.get("X-Test-User");
		if (user == "blocked")
			throw UnauthenticatedException("this user is blocked", "blocked");
		identity.subject = "sso|" + user;
		identity.username = user;
		identity.email = user + "@example.com";
		identity.name = "SSO " + user;
		return true;
	}
};


class ForwardingFactory : public Poco::Net::HTTPRequestHandlerFactory
	/// Hands every request to the plugin's factory; the server owns this object.
{
public:
	explicit ForwardingFactory(Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> p) : _p(p) {}
	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
	{
		return _p->createRequestHandler(request);
	}

private:
	Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory> _p;
};


class CollectingMailer : public Orgs::Mailer
	/// A host that delivers mail itself.
{
public:
	void send(const MailMessage& message) override
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_sent.push_back(message);
	}

	std::vector<MailMessage> sent()
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return _sent;
	}

private:
	Poco::FastMutex _mutex;
	std::vector<MailMessage> _sent;
};


struct LoadedPlugin
	/// Loads the library and creates the plugin; unloads in the order a host must follow.
{
	explicit LoadedPlugin(Loader& loader) : _loader(loader)
	{
		_loader.loadLibrary(pluginLibrary());
		_pPlugin = _loader.create("OrgsPlugin");
	}
	~LoadedPlugin()
	{
		// ClassLoader::destroy() deletes only objects given to autoDelete(): the object create()
		// returned is ours, and its destructor is code of the library, so it goes first.
		delete _pPlugin;
		_loader.unloadLibrary(pluginLibrary());
	}
	Loader& _loader;
	Orgs::ServerPlugin* _pPlugin;
};


} // namespace


void PluginTest::testManifestExportsOnePlugin()
{
	Loader loader;
	loader.loadLibrary(pluginLibrary());
	const Loader::Manif* pManifest = loader.findManifest(pluginLibrary());
	CPPUNIT_ASSERT(pManifest);
	CPPUNIT_ASSERT_EQUAL(1, static_cast<int>(pManifest->size()));
	CPPUNIT_ASSERT_EQUAL(std::string("OrgsPlugin"), std::string(pManifest->begin()->name()));
	loader.unloadLibrary(pluginLibrary());
}


void PluginTest::testServicesArePublishedAndWithdrawn()
{
	TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
	TestContext context(TestRuntime::configuration(*pDb, {}));
	Loader loader;
	{
		LoadedPlugin loaded(loader);
		loaded._pPlugin->start(context);
		CPPUNIT_ASSERT_EQUAL(std::string("/api/v1"), context._prefix);
		CPPUNIT_ASSERT(context._pFactory);

		auto pAccounts = context.services().find<AccountService>();
		auto pOrganizations = context.services().find<OrganizationService>();
		auto pMemberships = context.services().find<MembershipService>();
		auto pAccess = context.services().find<AccessControl>();
		auto pWorkspaces = context.services().find<WorkspaceService>();
		auto pResources = context.services().find<ResourceService>();
		CPPUNIT_ASSERT(pAccounts && pOrganizations && pMemberships && pAccess && pWorkspaces && pResources);
		for (const auto& entry : PublishedServices::entries())
			CPPUNIT_ASSERT_MESSAGE(entry.name + " is not published", entry.isPublished(context.services()));

		// A host calls the services in-process, and catches the plugin's exceptions by type.
		AccountSpec spec{"ada", "ada@example.com", "Ada"};
		Account ada = pAccounts->createAccount(spec);
		OrganizationSpec org{"acme", "Acme", ""};
		Organization acme = pOrganizations->createOrganization(ada.id, org);
		CPPUNIT_ASSERT(pAccess->isAllowed(ada.id, acme.id, Permission::MembersAdd));
		// A host registers its own resources in-process and checks them with AccessControl.
		const Workspace team = pWorkspaces->createWorkspace(ada.id, "acme", "Team");
		ResourceSpec dataset{"dataset", "cells", std::to_string(team.id)};
		const Resource cells = pResources->createResource(ada.id, "acme", dataset);
		CPPUNIT_ASSERT(pAccess->isAllowed(ada.id, acme.id, ResourceId{cells.id}, Permission::ResourceManage));
		try
		{
			pAccounts->createAccount(spec);
			CPPUNIT_FAIL("duplicate account accepted");
		}
		catch (Orgs::ConflictException& exc)
		{
			CPPUNIT_ASSERT_EQUAL(std::string("username_taken"), exc.reason());
		}
		pAccounts = nullptr;
		pOrganizations = nullptr;
		pMemberships = nullptr;
		pAccess = nullptr;
		pWorkspaces = nullptr;
		pResources = nullptr;

		context._pFactory = nullptr;
		loaded._pPlugin->stop();
		CPPUNIT_ASSERT(!context.services().find<AccountService>());
		CPPUNIT_ASSERT(!context.services().find<AccessControl>());
		CPPUNIT_ASSERT(!context.services().find<WorkspaceService>());
		CPPUNIT_ASSERT(!context.services().find<ResourceService>());
		for (const auto& entry : PublishedServices::entries())
			CPPUNIT_ASSERT_MESSAGE(entry.name + " is still published", !entry.isPublished(context.services()));
	}
}


void PluginTest::testHostAuthenticatorProvisionsAccounts()
{
	TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
	const Orgs::Test::OpenIdProvider provider;
	TestContext context(TestRuntime::configuration(
	    *pDb, {{"orgs.auth.oidc.primary.issuer", provider.issuer(Orgs::Test::OpenIdProvider::PRIMARY)},
	           {"orgs.auth.oidc.primary.audience", provider.clientId(Orgs::Test::OpenIdProvider::PRIMARY)},
	           {"orgs.auth.tls.caFile", provider.caFile()}}));
	context.services().add<Orgs::Authenticator>(new HeaderAuthenticator);
	Loader loader;
	LoadedPlugin loaded(loader);
	loaded._pPlugin->start(context);
	{
		// Threads of the test's own: the JWT below is verified on one, and fetching the issuer's
		// keys leaves OpenSSL's per-thread state (error queue, random generators) on it. The
		// pool ends its threads at the end of this block, which frees that state; on Poco's
		// default pool it would live until the process's exit, where the order of static
		// destructors and OpenSSL's own clean-up decides whether LeakSanitizer sees it freed.
		Poco::ThreadPool threads(2, 4);
		Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
		Poco::Net::HTTPServer server(new ForwardingFactory(context._pFactory), threads, socket,
		                             new Poco::Net::HTTPServerParams);
		server.start();
		HttpClient http("127.0.0.1", socket.address().port());

		HttpClient::Response r = http.request("GET", "/api/v1/me", "", {{"X-Test-User", "grace"}});
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 200, r.status);
		const Poco::Int64 id = r.json()->getObject("account")->getValue<Poco::Int64>("id");
		CPPUNIT_ASSERT_EQUAL(std::string("grace"), r.json()->getObject("account")->getValue<std::string>("username"));

		// The same subject maps to the same account; the account works like any other.
		r = http.request("POST", "/api/v1/orgs", R"({"username":"labs","title":"Labs"})",
		                 {{"X-Test-User", "grace"}, {"Content-Type", "application/json"}});
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 201, r.status);
		r = http.request("GET", "/api/v1/me", "", {{"X-Test-User", "grace"}});
		CPPUNIT_ASSERT_EQUAL(id, r.json()->getObject("account")->getValue<Poco::Int64>("id"));
		CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.json()->getArray("organizations")->size());

		// The host's verdict stands; without its header, tokens still work; with neither, 401.
		r = http.request("GET", "/api/v1/me", "", {{"X-Test-User", "blocked"}});
		CPPUNIT_ASSERT_EQUAL(401, r.status);
		CPPUNIT_ASSERT_EQUAL(std::string("blocked"), r.json()->getValue<std::string>("code"));
		IssuedToken t = context.services().find<AccountService>()->createToken(id, "cli");
		r = http.get("/api/v1/me", "", t.secret);
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 200, r.status);
		r = http.get("/api/v1/me");
		CPPUNIT_ASSERT_EQUAL(401, r.status);
		// Beside the host's Authenticator, a bearer JWT of a trusted issuer signs in too.
		Orgs::Test::OpenIdProvider::User user;
		user.sub = "plugin-" + std::to_string(Poco::Timestamp().epochMicroseconds());
		user.preferredUsername = user.sub;
		provider.setUser(user);
		r = http.get("/api/v1/me", "", provider.idToken(Orgs::Test::OpenIdProvider::PRIMARY, user.sub));
		CPPUNIT_ASSERT_EQUAL_MESSAGE(r.describe(), 200, r.status);
		CPPUNIT_ASSERT_EQUAL(user.sub, r.json()->getObject("account")->getValue<std::string>("username"));
		server.stopAll(true);
	}
	context._pFactory = nullptr;
	loaded._pPlugin->stop();
}


void PluginTest::testHostMailerDeliversTheOutbox()
{
	TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
	TestContext context(TestRuntime::configuration(*pDb, {{"orgs.mail.pollMillis", "50"}}));
	Poco::SharedPtr<CollectingMailer> pMailer = new CollectingMailer;
	context.services().add<Orgs::Mailer>(pMailer);
	Loader loader;
	LoadedPlugin loaded(loader);
	loaded._pPlugin->start(context);
	{
		// A message as another process on the same database would queue it.
		using namespace Poco::Data::Keywords;
		const Poco::Int64 at = Poco::Timestamp().epochMicroseconds();
		Poco::Data::Session s = pDb->session();
		s << "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
		     "VALUES ('ada@example.com', 'Welcome', 'Hello Ada', ?, 0, ?)",
		    bind(at), bind(at), now;
	}
	Poco::Timestamp started;
	while (pMailer->sent().empty() && !started.isElapsed(15 * Poco::Timespan::SECONDS))
		Poco::Thread::sleep(20);
	// As a host must: the plugin's factory goes before stop() and before the library unloads.
	context._pFactory = nullptr;
	loaded._pPlugin->stop();
	const std::vector<MailMessage> sent = pMailer->sent();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sent.size());
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), sent[0].to);
	CPPUNIT_ASSERT_EQUAL(std::string("Welcome"), sent[0].subject);
	CPPUNIT_ASSERT_EQUAL(std::string("Hello Ada"), sent[0].body);
}


void PluginTest::testBadConfigurationStopsStart()
{
	TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
	TestContext context(
	    TestRuntime::configuration(*pDb, {{"orgs.roles.organization.member.permissions", "org.read, members.reed"}}));
	Loader loader;
	LoadedPlugin loaded(loader);
	try
	{
		loaded._pPlugin->start(context);
		CPPUNIT_FAIL("start accepted an unknown permission");
	}
	catch (Poco::Exception& exc)
	{
		CPPUNIT_ASSERT_MESSAGE(exc.displayText(), exc.displayText().find("members.reed") != std::string::npos);
		CPPUNIT_ASSERT_MESSAGE(exc.displayText(),
		                       exc.displayText().find("orgs.roles.organization.member.permissions") !=
		                           std::string::npos);
	}
	CPPUNIT_ASSERT(!context._pFactory);
	CPPUNIT_ASSERT(!context.services().find<AccountService>());
}


void PluginTest::testBodylessPostAnswersOnPlainPocoServer()
{
	// Any Poco host, not only orgs-host: a POST with neither Content-Length nor chunked encoding
	// has no body, and Poco's own stream would wait for the end of the connection.
	TestDatabase::Ptr pDb = TestDatabase::create(TestRuntime::connector());
	TestContext context(TestRuntime::configuration(*pDb, {}));
	Loader loader;
	LoadedPlugin loaded(loader);
	loaded._pPlugin->start(context);
	{
		Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
		Poco::Net::HTTPServer server(new ForwardingFactory(context._pFactory), socket, new Poco::Net::HTTPServerParams);
		server.start();
		Poco::Net::StreamSocket client(Poco::Net::SocketAddress("127.0.0.1", socket.address().port()));
		client.setReceiveTimeout(Poco::Timespan(5, 0));
		const std::string request("POST /api/v1/accounts HTTP/1.1\r\nHost: test\r\n\r\n");
		const Poco::Timestamp sent;
		client.sendBytes(request.data(), static_cast<int>(request.size()));
		std::string answer;
		char buffer[4096];
		while (answer.find("missing_body") == std::string::npos && !sent.isElapsed(5 * Poco::Timespan::SECONDS))
		{
			int n = 0;
			try
			{
				n = client.receiveBytes(buffer, sizeof(buffer));
			}
			catch (Poco::TimeoutException&)
			{
			}
			if (n <= 0)
				break;
			answer.append(buffer, static_cast<std::size_t>(n));
		}
		CPPUNIT_ASSERT_MESSAGE(answer, answer.compare(0, 12, "HTTP/1.1 400") == 0);
		CPPUNIT_ASSERT_MESSAGE(answer, answer.find("missing_body") != std::string::npos);
		CPPUNIT_ASSERT_MESSAGE(std::to_string(sent.elapsed() / 1000) + " ms", !sent.isElapsed(Poco::Timespan::SECONDS));
		client.close();
		server.stopAll(true);
	}
	context._pFactory = nullptr;
	loaded._pPlugin->stop();
}
