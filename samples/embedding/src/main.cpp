//
// main.cpp
//
// Library: Orgs
// Package: EmbeddingSample
// Module:  main
//
// orgs-embedding-sample: a host that embeds the Orgs plugin without HTTP. It loads
// libOrgsPlugin.so with Poco::ClassLoader, starts it on a SQLite file, calls the exported
// services in-process, guards one of its own requests with AccessControl::isAllowed() and
// prints AccessControl::explain(), then stops and unloads the plugin in the required order.
//
//     orgs-embedding-sample [PLUGIN_LIBRARY [SQLITE_FILE]]
//
// Without arguments it loads the plugin of the build tree and works on a temporary file.
//


#include "EmbeddingContext.h"
#include "Orgs/AccessControl.h"
#include "Orgs/AccountService.h"
#include "Orgs/Errors.h"
#include "Orgs/EventService.h"
#include "Orgs/MembershipService.h"
#include "Orgs/OrganizationService.h"
#include "Orgs/ServerPlugin.h"
#include "Poco/ClassLoader.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/File.h"
#include "Poco/Manifest.h"
#include "Poco/Path.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Util/LayeredConfiguration.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>


using OrgsEmbedding::EmbeddingContext;


namespace {


using PluginLoader = Poco::ClassLoader<Orgs::ServerPlugin>;


void printExplanation(const Orgs::Explanation& e)
	/// Prints why an account holds (or lacks) permissions: explain() reads the database, so it
	/// is for people and audit logs, never for the hot path.
{
	std::cout << "    explain: member=" << (e.member ? "yes" : "no") << " owner=" << (e.owner ? "yes" : "no") << "\n";
	for (const Orgs::GrantSource& g : e.grants)
	{
		std::cout << "      granted by " << g.source << (g.role.empty() ? "" : " role '" + g.role + "'") << ":";
		for (const std::string& p : g.permissions)
			std::cout << " " << p;
		std::cout << "\n";
	}
	if (e.grants.empty())
		std::cout << "      no grant\n";
}


bool handleBillingRequest(Orgs::AccessControl& access, const Orgs::Account& caller, const Orgs::Organization& org)
	/// The host's own request handler, "GET /orgs/{org}/billing", which needs plan.read.
	/// isAllowed() is the call to make on every request: it answers from an in-process cache
	/// (no allocation, no lock, no database on a hit) and sees a change made through the
	/// plugin at once.
{
	std::cout << "  GET /orgs/" << org.username << "/billing as " << caller.username << ": ";
	if (!access.isAllowed(caller.id, org.id, Orgs::Permission::PlanRead))
	{
		std::cout << "403 Forbidden\n";
		printExplanation(access.explain(caller.id, org.id));
		return false;
	}
	std::cout << "200 OK\n";
	printExplanation(access.explain(caller.id, org.id));
	return true;
}


class HostSessions
	/// The host's own sign-in sessions: which organizations each account's sessions act in.
{
public:
	void open(Orgs::Id accountId, Orgs::Id organizationId)
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_sessions[accountId].insert(organizationId);
	}

	void revoke(Orgs::Id accountId, Orgs::Id organizationId)
	{
		{
			std::lock_guard<std::mutex> lock(_mutex);
			_sessions[accountId].erase(organizationId);
		}
		_changed.notify_all();
	}

	bool has(Orgs::Id accountId, Orgs::Id organizationId)
	{
		std::lock_guard<std::mutex> lock(_mutex);
		return _sessions[accountId].count(organizationId) > 0;
	}

	bool waitUntilRevoked(Orgs::Id accountId, Orgs::Id organizationId)
	{
		std::unique_lock<std::mutex> lock(_mutex);
		return _changed.wait_for(lock, std::chrono::seconds(10),
		                         [&]() { return _sessions[accountId].count(organizationId) == 0; });
	}

private:
	std::mutex _mutex;
	std::condition_variable _changed;
	std::map<Orgs::Id, std::set<Orgs::Id>> _sessions;
};


class RevokeOnRemoval : public Orgs::EventListener
	/// Ends a member's host sessions in an organization once the member is removed (or leaves).
	/// The plugin calls onEvent() after the change committed, on a thread of this listener's
	/// own, in each organization's order.
{
public:
	explicit RevokeOnRemoval(HostSessions& sessions) : _sessions(sessions) {}

	void onEvent(const Orgs::Event& event) override
	{
		if (event.type == "member.removed" || event.type == "member.left")
		{
			_sessions.revoke(event.targetId, event.organizationId);
			std::cout << "  event #" << event.sequence << " " << event.type << ": revoked the sessions of "
			          << event.targetLabel << " in organization " << event.organizationId << "\n";
		}
	}

private:
	HostSessions& _sessions;
};


void useServices(Orgs::ServiceRegistry& registry)
	/// What a host does with the plugin while it runs. Every SharedPtr taken from the registry
	/// is a local of this function: all are released when it returns, before the plugin stops.
{
	// The services are found by interface type; null if the plugin did not publish one.
	Orgs::AccountService::Ptr pAccounts = registry.find<Orgs::AccountService>();
	Orgs::OrganizationService::Ptr pOrganizations = registry.find<Orgs::OrganizationService>();
	Orgs::MembershipService::Ptr pMemberships = registry.find<Orgs::MembershipService>();
	Orgs::AccessControl::Ptr pAccess = registry.find<Orgs::AccessControl>();
	if (!pAccounts || !pOrganizations || !pMemberships || !pAccess)
		throw Poco::NotFoundException("the plugin did not publish its services");

	// Accounts, an organization and a member. Services act on behalf of an actor (an account
	// id) and check the actor's permissions themselves.
	const Orgs::Account ada = pAccounts->createAccount({"ada", "ada@example.com", "Ada Lovelace"});
	const Orgs::Account bob = pAccounts->createAccount({"bob", "bob@example.com", "Bob"});
	std::cout << "created accounts ada (" << ada.id << ") and bob (" << bob.id << ")\n";
	const Orgs::Organization acme = pOrganizations->createOrganization(ada.id, {"acme", "Acme Corporation", ""});
	std::cout << "ada created organization acme (" << acme.id << "), and owns it\n";
	pMemberships->addMember(ada.id, "acme", "bob", "member");
	std::cout << "ada added bob to acme as member\n";

	// Errors come as typed exceptions with a stable reason code: catch them by type. They are
	// defined in libOrgs, which host and plugin share, so the types match across the boundary.
	try
	{
		pMemberships->addMember(ada.id, "acme", "bob", "member");
	}
	catch (Orgs::ConflictException& exc)
	{
		std::cout << "adding bob again: ConflictException, reason " << exc.reason() << "\n";
	}

	// The host guards its own request with the permission check.
	std::cout << "the host's own request, guarded by AccessControl::isAllowed:\n";
	const bool owner = handleBillingRequest(*pAccess, ada, acme);
	const bool before = handleBillingRequest(*pAccess, bob, acme);

	// A change made through the plugin is visible to the very next check.
	pMemberships->changeRole(ada.id, "acme", "bob", "admin");
	std::cout << "ada made bob an admin\n";
	const bool after = handleBillingRequest(*pAccess, bob, acme);

	if (!owner || before || !after)
		throw Poco::IllegalStateException("the permission checks did not answer as expected");

	// Events: the host ends its own sessions of a member who is removed.
	Orgs::EventService::Ptr pEvents = registry.find<Orgs::EventService>();
	if (!pEvents)
		throw Poco::NotFoundException("the plugin did not publish Orgs::EventService");
	HostSessions sessions;
	sessions.open(bob.id, acme.id);
	Orgs::EventListener::Ptr pRevoker = new RevokeOnRemoval(sessions);
	pEvents->subscribe(pRevoker);
	pMemberships->removeMember(ada.id, "acme", "bob");
	std::cout << "ada removed bob from acme\n";
	const bool revoked = sessions.waitUntilRevoked(bob.id, acme.id);
	pEvents->unsubscribe(pRevoker);
	if (!revoked || sessions.has(bob.id, acme.id))
		throw Poco::IllegalStateException("bob's host session was not revoked");
}


int runSample(const std::string& library, const std::string& database)
{
	// 1. Configuration: the plugin's own file beneath the host's settings (a lower priority
	//    number wins), as orgs-host layers plugins.NAME.config under its own file.
	const Poco::Path pluginConfig(ORGS_EMBEDDING_CONFIG);
	Poco::AutoPtr<Poco::Util::MapConfiguration> pHost = new Poco::Util::MapConfiguration;
	pHost->setString("orgs.database.connector", "SQLite");
	pHost->setString("orgs.database.connectionString", database);
	Poco::AutoPtr<Poco::Util::LayeredConfiguration> pConfig = new Poco::Util::LayeredConfiguration;
	pConfig->add(pHost, 0);
	pConfig->add(new Poco::Util::PropertyFileConfiguration(pluginConfig.toString()), 100);

	// 2. Load the library and create the plugin: the Orgs plugin's manifest exports exactly one
	//    class. Load by absolute path; on failure, displayText() says why (what() does not).
	PluginLoader loader;
	loader.loadLibrary(library);
	const PluginLoader::Manif* pManifest = loader.findManifest(library);
	if (!pManifest || pManifest->begin() == pManifest->end())
	{
		loader.unloadLibrary(library);
		throw Poco::NotFoundException("no Orgs::ServerPlugin in " + library);
	}
	// The plugin object is ours (MetaObject::destroy() only deletes objects it owns).
	std::unique_ptr<Orgs::ServerPlugin> pPlugin(pManifest->begin()->create());
	std::cout << "loaded " << pManifest->begin()->name() << " from " << library << "\n";

	// 3. Start: the plugin migrates the database, builds its services, publishes them in the
	//    registry and mounts its routes.
	EmbeddingContext context(pConfig, pluginConfig.parent().toString());
	int status = 0;
	try
	{
		pPlugin->start(context);
		std::cout << "started the plugin on " << database << "\n";
		try
		{
			// 4. Use it.
			useServices(context.services());
		}
		catch (Poco::Exception& exc)
		{
			std::cerr << "embedding sample: " << exc.displayText() << std::endl;
			status = 1;
		}
		// 5. Stop, in this order: release the routes (a host with an HTTPServer stops the
		//    server first), release every service pointer (useServices() did), stop the plugin,
		//    which withdraws its services.
		context.releaseRoutes();
		pPlugin->stop();
	}
	catch (Poco::Exception& exc)
	{
		std::cerr << "embedding sample: the plugin did not start: " << exc.displayText() << std::endl;
		status = 1;
	}

	// 6. Destroy the plugin while its code is still loaded, and only then unload the library.
	pPlugin.reset();
	loader.unloadLibrary(library);
	std::cout << "stopped and unloaded the plugin\n";
	return status;
}


} // namespace


int main(int argc, char** argv)
{
	Poco::Logger::root().setChannel(new Poco::ConsoleChannel);
	Poco::Logger::root().setLevel(Poco::Message::PRIO_WARNING);

	const std::string library = Poco::Path(argc > 1 ? argv[1] : ORGS_EMBEDDING_PLUGIN).makeAbsolute().toString();
	// A fresh database by default, removed at exit with its WAL files.
	const std::string database =
	    argc > 2 ? Poco::Path(argv[2]).makeAbsolute().toString() : Poco::TemporaryFile::tempName() + ".db";
	int status = 1;
	try
	{
		status = runSample(library, database);
	}
	catch (Poco::Exception& exc)
	{
		std::cerr << "embedding sample: " << exc.displayText() << std::endl;
	}
	if (argc <= 2)
	{
		for (const char* suffix : {"", "-wal", "-shm"})
		{
			Poco::File file(database + suffix);
			if (file.exists())
				file.remove();
		}
	}
	std::cout << "embedding sample: " << (status == 0 ? "done" : "FAILED") << std::endl;
	return status;
}
