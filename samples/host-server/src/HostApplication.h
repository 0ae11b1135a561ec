//
// HostApplication.h
//
// Library: Orgs
// Package: HostServer
// Module:  HostApplication
//
// orgs-host: a generic Poco HTTP server that loads Orgs::ServerPlugin libraries.
//


#ifndef Orgs_HostApplication_INCLUDED
#define Orgs_HostApplication_INCLUDED


#include "ConnectionGate.h"
#include "PluginManager.h"
#include "RouteTable.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/AutoPtr.h"
#include "Poco/Logger.h"
#include "Poco/ThreadPool.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/OptionSet.h"
#include "Poco/Util/ServerApplication.h"
#include <cstddef>
#include <memory>
#include <string>
#include <vector>


namespace OrgsHost {


class HostApplication : public Poco::Util::ServerApplication
	/// A server that knows nothing about what it serves: it reads a configuration file,
	/// loads the plugins it names, serves the routes they mount (ConnectionGate),
	/// and shuts everything down in order on SIGTERM or SIGINT.
	///
	///     orgs-host --config=FILE [--define=key=value ...]
	///
	/// Configuration, highest priority first (each layer overrides the ones below):
	///
	///   1. every --define=key=value of the command line;
	///   2. the host file given with --config (by default DEFAULT_CONFIG, relative to the
	///      folder of the executable);
	///   3. each plugin's file (plugins.NAME.config), in plugin order;
	///   4. Poco's system properties (system.*).
	///
	/// Keys of the host (defaults in brackets):
	///
	///   http.host            [127.0.0.1] address to listen on
	///   http.port            [8080] port; 0 picks a free one (printed when ready)
	///   http.minThreads      [2] request threads kept running
	///   http.maxThreads      [16] most requests served at once
	///   http.maxQueued       [1024] connections the kernel queues before they are accepted
	///                        (the listen backlog, capped by net.core.somaxconn)
	///   http.keepAlive       [true] HTTP/1.1 persistent connections
	///   http.timeoutSeconds  [30] sending a response, and reading a body larger than
	///                        http.maxBufferedBodyBytes
	///   http.headTimeoutSeconds       [10] time for a request head (and a buffered body) to
	///                                 arrive, from the connection or the request's first byte
	///   http.keepAliveTimeoutSeconds  [10] idle time after which a connection is closed
	///   http.maxConnections           [4096] open connections
	///   http.maxConnectionsPerAddress [512] open connections from one client address
	///   http.maxHeadBytes             [32768] size of a request head
	///   http.maxBufferedBodyBytes     [65536] a body up to this size arrives whole before a
	///                                 request thread takes the request
	///   logging.level        [information] none, fatal, ..., debug, trace
	///   plugins              [every NAME with a plugins.NAME.library, sorted] load order,
	///                        comma-separated
	///   plugins.NAME.library (required) the plugin's shared library
	///   plugins.NAME.config  [none] the plugin's configuration file
	///   plugins.NAME.class   [first class of the manifest] class to create
	///
	/// Relative paths in the host's keys are relative to the folder of the host file.
	/// When ready, prints "Orgs host listening on http://HOST:PORT" on stdout.
{
public:
	HostApplication();
		/// Creates the application and sends every log message to stderr.

	~HostApplication() override;
		/// Destroys the application.

	static const std::string DEFAULT_CONFIG;
		/// The host file used without --config, relative to the executable's folder
		/// ("../etc/orgs/host.properties" in an installed tree).

protected:
	void uninitialize() override;
	void defineOptions(Poco::Util::OptionSet& options) override;
	int main(const std::vector<std::string>& args) override;

	void handleHelp(const std::string& name, const std::string& value);
		/// Prints the help and stops processing options: main() then returns EXIT_OK.

	void handleConfig(const std::string& name, const std::string& value);
		/// Remembers the host file to load.

	void handleDefine(const std::string& name, const std::string& value);
		/// Stores key=value in the layer of command-line definitions.

	void displayHelp();
		/// Prints usage, options and configuration keys on stdout.

	void loadHostConfiguration();
		/// Loads the host file and applies logging.level.
		/// Throws Poco::FileNotFoundException if there is no host file.

	void loadPlugins();
		/// Reads the plugins.* keys, layers each plugin's file into the configuration and
		/// loads the plugins. Throws a Poco::Exception naming the key at fault.

	void readServerSettings();
		/// Reads and checks the http.* keys. Throws Poco::InvalidArgumentException naming
		/// the key at fault.

	std::string startServer();
		/// Binds the server socket, starts the ConnectionGate and returns its URL
		/// (with the real port). Throws Poco::IOException if it cannot listen.

	void raiseFileLimit(std::size_t descriptors);
		/// Raises the soft limit of open files (RLIMIT_NOFILE) towards the hard limit so that
		/// the gate's connections fit; lowers http.maxConnections, with a warning, if they
		/// cannot.

	void shutdown();
		/// Stops the server and the plugins, in the order the plugin contract requires.
		/// Safe to call at any point of start-up.

	std::vector<std::string> pluginNames() const;
		/// Returns the names of the plugins to load, in load order.

	std::string resolveHostPath(const std::string& path) const;
		/// Resolves a path from the host's configuration against the host file's folder.

	int intSetting(const std::string& key, int defaultValue, int minValue, int maxValue) const;
		/// Returns the integer value of key, or defaultValue if it is not set.
		/// Throws Poco::InvalidArgumentException naming the key if the value is not an
		/// integer between minValue and maxValue.

	static void blockTerminationSignals();
		/// Blocks SIGINT, SIGQUIT and SIGTERM in the calling thread, and so in every thread
		/// it creates afterwards, so that waitForTerminationRequest() receives them.

private:
	static constexpr int DEFINES_PRIORITY = PRIO_APPLICATION - 100;
	static constexpr int HOST_FILE_PRIORITY = PRIO_DEFAULT;
	static constexpr int PLUGIN_FILE_PRIORITY = PRIO_DEFAULT + 10;
	static constexpr std::size_t RESERVED_DESCRIPTORS = 256;

	struct ServerSettings
	{
		std::string host = "127.0.0.1";
		int port = 8080;
		int minThreads = 2;
		int maxThreads = 16;
		int maxQueued = 1024;
		bool keepAlive = true;
		int timeoutSeconds = 30;
		int headTimeoutSeconds = 10;
		int keepAliveTimeoutSeconds = 10;
		int maxConnections = 4096;
		int maxConnectionsPerAddress = 512;
		int maxHeadBytes = 32 * 1024;
		int maxBufferedBodyBytes = 64 * 1024;
	};

	Poco::Logger& _logger;
	Poco::AutoPtr<Poco::Util::MapConfiguration> _pDefines;
	bool _helpRequested;
	std::string _configPath;
	std::string _configDirectory;
	ServerSettings _http;

	// Declared in the reverse order of destruction, so that destroying the members
	// also respects the plugin contract; shutdown() does the same explicitly.
	std::unique_ptr<PluginManager> _pPlugins;
	Orgs::ServiceRegistry _services;
	RouteTable _routes;
	std::unique_ptr<Poco::ThreadPool> _pThreadPool;
	std::unique_ptr<ConnectionGate> _pServer;
};


} // namespace OrgsHost


#endif // Orgs_HostApplication_INCLUDED
