//
// HostApplication.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  HostApplication
//


#include "HostApplication.h"
#include "HostRequestHandlerFactory.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FormattingChannel.h"
#include "Poco/NumberParser.h"
#include "Poco/Path.h"
#include "Poco/PatternFormatter.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Util/HelpFormatter.h"
#include "Poco/Util/Option.h"
#include "Poco/Util/OptionCallback.h"
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <set>
#if defined(POCO_OS_FAMILY_UNIX)
#include <signal.h>
#include <sys/resource.h>
#endif


#ifndef ORGS_HOST_DEFAULT_CONFIG
#define ORGS_HOST_DEFAULT_CONFIG "../etc/orgs/host.properties"
#endif


namespace OrgsHost {


const std::string HostApplication::DEFAULT_CONFIG(ORGS_HOST_DEFAULT_CONFIG);


HostApplication::HostApplication()
    : _logger(Poco::Logger::get("orgs-host")), _pDefines(new Poco::Util::MapConfiguration), _helpRequested(false)
{
	// Every logger, the plugins' included, writes to stderr: stdout is kept for the
	// "listening" line that scripts wait for.
	Poco::AutoPtr<Poco::PatternFormatter> pFormatter(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
	Poco::AutoPtr<Poco::ConsoleChannel> pConsole(new Poco::ConsoleChannel(std::cerr));
	Poco::AutoPtr<Poco::FormattingChannel> pChannel(new Poco::FormattingChannel(pFormatter, pConsole));
	Poco::Logger::setChannel(Poco::Logger::ROOT, pChannel);
	setLogger(_logger);

	// The --define layer overrides everything else, whatever the order of the options.
	config().add(_pDefines, DEFINES_PRIORITY, false);
}


HostApplication::~HostApplication()
{
	try
	{
		shutdown();
	}
	catch (...)
	{
		poco_unexpected();
	}
}


void HostApplication::uninitialize()
{
	// main() has normally done it already; this covers an exception escaping main().
	shutdown();
	ServerApplication::uninitialize();
}


void HostApplication::defineOptions(Poco::Util::OptionSet& options)
{
	ServerApplication::defineOptions(options);

	using Callback = Poco::Util::OptionCallback<HostApplication>;

	Poco::Util::Option help("help", "h", "Print this help and exit.");
	help.required(false).repeatable(false).callback(Callback(this, &HostApplication::handleHelp));
	options.addOption(help);

	Poco::Util::Option configFile("config", "c",
	                              "Load the host configuration from FILE (default: " + DEFAULT_CONFIG +
	                                  " next to the executable).");
	configFile.required(false).repeatable(false).argument("FILE").callback(
	    Callback(this, &HostApplication::handleConfig));
	options.addOption(configFile);

	Poco::Util::Option define(
	    "define", "D", "Set a configuration property, overriding the host's and the plugins' files. May be repeated.");
	define.required(false)
	    .repeatable(true)
	    .argument("key=value")
	    .callback(Callback(this, &HostApplication::handleDefine));
	options.addOption(define);
}


void HostApplication::handleHelp(const std::string&, const std::string&)
{
	_helpRequested = true;
	displayHelp();
	stopOptionsProcessing();
}


void HostApplication::handleConfig(const std::string&, const std::string& value)
{
	_configPath = value;
}


void HostApplication::handleDefine(const std::string&, const std::string& value)
{
	const std::string::size_type pos = value.find('=');
	const std::string key = Poco::trim(value.substr(0, pos));
	if (key.empty())
		throw Poco::InvalidArgumentException("--define needs key=value", value);
	_pDefines->setString(key, pos == std::string::npos ? std::string() : value.substr(pos + 1));
}


void HostApplication::displayHelp()
{
	Poco::Util::HelpFormatter helpFormatter(options());
	helpFormatter.setCommand(commandName());
	helpFormatter.setUsage("--config=FILE [--define=key=value ...]");
	helpFormatter.setHeader("A generic HTTP server: loads the Orgs::ServerPlugin libraries its configuration names "
	                        "and serves the routes they mount. Stops on SIGTERM or SIGINT.");
	helpFormatter.setFooter(
	    "Configuration keys [default]: "
	    "http.host [127.0.0.1], http.port [8080; 0 = any free port], http.minThreads [2], http.maxThreads [16], "
	    "http.maxQueued [1024; listen backlog], http.keepAlive [true], http.timeoutSeconds [30; sending a "
	    "response, reading a large body], http.headTimeoutSeconds [10], http.keepAliveTimeoutSeconds [10], "
	    "http.maxConnections [4096], http.maxConnectionsPerAddress [512], http.maxHeadBytes [32768], "
	    "http.maxBufferedBodyBytes [65536], logging.level [information], "
	    "plugins [all NAMEs with a library, sorted; comma-separated load order], plugins.NAME.library (required), "
	    "plugins.NAME.config [none], plugins.NAME.class [first class of the manifest]. "
	    "Relative paths are relative to the host file's folder.");
	helpFormatter.format(std::cout);
}


int HostApplication::main(const std::vector<std::string>& args)
{
	if (_helpRequested)
		return EXIT_OK;
	if (!args.empty())
	{
		_logger.fatal("Unexpected argument %s (see --help)", args.front());
		return EXIT_USAGE;
	}
	if (_configPath.empty())
	{
		Poco::Path defaultPath(config().getString("application.dir"));
		defaultPath.resolve(Poco::Path(DEFAULT_CONFIG));
		if (!Poco::File(defaultPath).exists())
		{
			_logger.fatal("No host configuration: use --config=FILE (%s does not exist)", defaultPath.toString());
			return EXIT_USAGE;
		}
		_configPath = defaultPath.toString();
	}

	// Before any thread exists, so that every thread inherits the mask and the signals
	// reach waitForTerminationRequest() instead of killing the process.
	blockTerminationSignals();

	int rc = EXIT_OK;
	std::string url;
	try
	{
		loadHostConfiguration();
		readServerSettings();
		loadPlugins();
	}
	catch (Poco::Exception& exc)
	{
		_logger.fatal(exc.displayText());
		rc = EXIT_CONFIG;
	}
	catch (std::exception& exc)
	{
		_logger.fatal(exc.what());
		rc = EXIT_CONFIG;
	}

	if (rc == EXIT_OK)
	{
		try
		{
			_pPlugins->startAll();
			url = startServer();
		}
		catch (Poco::Exception& exc)
		{
			_logger.fatal(exc.displayText());
			rc = EXIT_SOFTWARE;
		}
		catch (std::exception& exc)
		{
			_logger.fatal(exc.what());
			rc = EXIT_SOFTWARE;
		}
	}

	if (rc == EXIT_OK)
	{
		// The one line on stdout: scripts and tests wait for it.
		std::cout << "Orgs host listening on " << url << std::endl;
		waitForTerminationRequest();
		_logger.information("Shutting down");
	}
	shutdown();
	if (rc != EXIT_OK)
		_logger.fatal("Start-up failed; exiting with code %d", rc);
	return rc;
}


void HostApplication::loadHostConfiguration()
{
	Poco::Path path(_configPath);
	path.makeAbsolute();
	if (!Poco::File(path).exists())
		throw Poco::FileNotFoundException("host configuration (--config)", path.toString());
	loadConfiguration(path.toString(), HOST_FILE_PRIORITY);
	_configDirectory = path.parent().toString();
	config().setString("application.configDir", _configDirectory);

	const std::string level = config().getString("logging.level", "information");
	try
	{
		Poco::Logger::setLevel(Poco::Logger::ROOT, Poco::Logger::parseLevel(level));
	}
	catch (Poco::Exception&)
	{
		throw Poco::InvalidArgumentException(
		    "logging.level must be none, fatal, critical, error, warning, notice, information, debug or trace", level);
	}
	_logger.information("Loaded %s", path.toString());
}


void HostApplication::loadPlugins()
{
	_pPlugins.reset(new PluginManager(config(), _routes, _services, _logger));

	const std::vector<std::string> names = pluginNames();
	if (names.empty())
		_logger.warning("No plugin configured (plugins, plugins.NAME.library): every request will get 404");

	int priority = PLUGIN_FILE_PRIORITY;
	for (const auto& name : names)
	{
		const std::string prefix = "plugins." + name;
		if (!config().has(prefix + ".library"))
			throw Poco::NotFoundException("Missing configuration key " + prefix + ".library (the plugin's library)");
		const std::string library = resolveHostPath(config().getString(prefix + ".library"));
		if (!Poco::File(library).exists())
			throw Poco::FileNotFoundException(prefix + ".library", library);

		// The plugin's own file goes beneath the host's file and the --define layer, so
		// both can override any of its keys.
		std::string baseDirectory = _configDirectory;
		const std::string pluginConfig = config().getString(prefix + ".config", "");
		if (!pluginConfig.empty())
		{
			const std::string configPath = resolveHostPath(pluginConfig);
			if (!Poco::File(configPath).exists())
				throw Poco::FileNotFoundException(prefix + ".config", configPath);
			loadConfiguration(configPath, priority++);
			baseDirectory = Poco::Path(configPath).parent().toString();
			_logger.information("Loaded %s", configPath);
		}

		_pPlugins->load(name, library, config().getString(prefix + ".class", ""), baseDirectory);
	}
}


void HostApplication::readServerSettings()
{
	_http.host = config().getString("http.host", _http.host);
	_http.port = intSetting("http.port", _http.port, 0, 65535);
	_http.minThreads = intSetting("http.minThreads", _http.minThreads, 1, 4096);
	_http.maxThreads =
	    intSetting("http.maxThreads", std::max(_http.maxThreads, _http.minThreads), _http.minThreads, 4096);
	_http.maxQueued = intSetting("http.maxQueued", _http.maxQueued, 1, 1 << 20);
	_http.timeoutSeconds = intSetting("http.timeoutSeconds", _http.timeoutSeconds, 1, 86400);
	_http.headTimeoutSeconds = intSetting("http.headTimeoutSeconds", _http.headTimeoutSeconds, 1, 3600);
	_http.keepAliveTimeoutSeconds = intSetting("http.keepAliveTimeoutSeconds", _http.keepAliveTimeoutSeconds, 1, 86400);
	_http.maxConnections = intSetting("http.maxConnections", _http.maxConnections, 1, 1 << 20);
	_http.maxConnectionsPerAddress =
	    intSetting("http.maxConnectionsPerAddress", _http.maxConnectionsPerAddress, 1, 1 << 20);
	// Poco's parser takes a request line of up to about 16 KB.
	_http.maxHeadBytes = intSetting("http.maxHeadBytes", _http.maxHeadBytes, 1024, 1 << 20);
	_http.maxBufferedBodyBytes = intSetting("http.maxBufferedBodyBytes", _http.maxBufferedBodyBytes, 0, 64 << 20);
	try
	{
		_http.keepAlive = config().getBool("http.keepAlive", _http.keepAlive);
	}
	catch (Poco::SyntaxException&)
	{
		throw Poco::InvalidArgumentException("http.keepAlive must be true or false",
		                                     config().getString("http.keepAlive"));
	}
}


std::string HostApplication::startServer()
{
	Poco::Net::ServerSocket socket;
	try
	{
		socket.bind(Poco::Net::SocketAddress(_http.host, static_cast<Poco::UInt16>(_http.port)), true);
		socket.listen(_http.maxQueued);
	}
	catch (Poco::Exception& exc)
	{
		throw Poco::IOException("Cannot listen on " + _http.host + ":" + std::to_string(_http.port) +
		                            " (http.host, http.port)",
		                        exc.displayText());
	}

	ConnectionGate::Settings settings;
	settings.minThreads = _http.minThreads;
	settings.maxThreads = _http.maxThreads;
	settings.keepAlive = _http.keepAlive;
	settings.timeoutSeconds = _http.timeoutSeconds;
	settings.headTimeoutSeconds = _http.headTimeoutSeconds;
	settings.keepAliveTimeoutSeconds = _http.keepAliveTimeoutSeconds;
	settings.maxConnectionsPerAddress = _http.maxConnectionsPerAddress;
	settings.limits.maxHeadBytes = static_cast<std::size_t>(_http.maxHeadBytes);
	settings.limits.maxBufferedBodyBytes = static_cast<std::size_t>(_http.maxBufferedBodyBytes);
	raiseFileLimit(static_cast<std::size_t>(_http.maxConnections) + ConnectionGate::MAX_LINGERING);
	settings.maxConnections = _http.maxConnections;

	// The request threads: a thread that just ended may hold its slot for a moment.
	_pThreadPool.reset(new Poco::ThreadPool("orgs-host", 1, _http.maxThreads + 1));
	Poco::Net::HTTPRequestHandlerFactory::Ptr pFactory(new HostRequestHandlerFactory(_routes));
	_pServer.reset(new ConnectionGate(socket, pFactory, *_pThreadPool, settings, _logger));
	_pServer->start();

	const std::string urlHost = _http.host.find(':') == std::string::npos ? _http.host : "[" + _http.host + "]";
	const std::string url = "http://" + urlHost + ":" + std::to_string(socket.address().port());
	_logger.information("Serving %z route(s) on %s with %d to %d threads, at most %d connections (%d per address)",
	                    _routes.size(), url, _http.minThreads, _http.maxThreads, _http.maxConnections,
	                    _http.maxConnectionsPerAddress);
	return url;
}


void HostApplication::raiseFileLimit(std::size_t descriptors)
{
#if defined(POCO_OS_FAMILY_UNIX)
	// Room for the plugins' files, database connections and the server's own descriptors.
	const rlim_t reserved = RESERVED_DESCRIPTORS + ConnectionGate::MAX_LINGERING;
	const rlim_t wanted = static_cast<rlim_t>(descriptors) + RESERVED_DESCRIPTORS;
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
		return;
	if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted)
	{
		struct rlimit raised = limit;
		raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
		if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
		{
			_logger.information("Raised the open file limit from %Lu to %Lu", static_cast<Poco::UInt64>(limit.rlim_cur),
			                    static_cast<Poco::UInt64>(raised.rlim_cur));
			limit = raised;
		}
	}
	if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted)
	{
		const rlim_t room = limit.rlim_cur > reserved ? limit.rlim_cur - reserved : 16;
		const int connections = static_cast<int>(std::max<rlim_t>(16, room));
		_logger.warning("The open file limit (%Lu, ulimit -n) leaves room for %d connections: "
		                "http.maxConnections lowered from %d",
		                static_cast<Poco::UInt64>(limit.rlim_cur), connections, _http.maxConnections);
		_http.maxConnections = std::min(_http.maxConnections, connections);
	}
#else
	(void)descriptors;
#endif
}


void HostApplication::shutdown()
{
	// 1. Stop accepting, close idle connections, let each request in progress finish, and
	//    wait for every request thread.
	if (_pServer)
		_pServer->stop();
	if (_pThreadPool)
		_pThreadPool->joinAll();

	// 2. Destroy the server (it owns HostRequestHandlerFactory), then release the plugins'
	//    factories.
	_pServer.reset();
	_pThreadPool.reset();
	_routes.clear();

	if (_pPlugins)
	{
		// 3. Stop the plugins in reverse order and drop the services they published.
		_pPlugins->stopAll();
		_services.clear();

		// 4. Destroy the plugin objects, then unload the libraries.
		_pPlugins->unloadAll();
		_pPlugins.reset();
	}
	else
	{
		_services.clear();
	}
}


std::vector<std::string> HostApplication::pluginNames() const
{
	std::vector<std::string> names;
	if (config().has("plugins"))
	{
		Poco::StringTokenizer tokenizer(config().getString("plugins"), ",",
		                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
		names.assign(tokenizer.begin(), tokenizer.end());
	}
	else
	{
		Poco::Util::AbstractConfiguration::Keys keys;
		config().keys("plugins", keys);
		for (const auto& key : keys)
		{
			if (config().has("plugins." + key + ".library"))
				names.push_back(key);
		}
		std::sort(names.begin(), names.end());
	}

	std::set<std::string> seen;
	for (const auto& name : names)
	{
		if (!seen.insert(name).second)
			throw Poco::InvalidArgumentException("plugins lists a plugin twice", name);
	}
	return names;
}


std::string HostApplication::resolveHostPath(const std::string& path) const
{
	Poco::Path resolved(path);
	if (resolved.isAbsolute())
		return resolved.toString();
	return Poco::Path::forDirectory(_configDirectory).resolve(resolved).toString();
}


int HostApplication::intSetting(const std::string& key, int defaultValue, int minValue, int maxValue) const
{
	if (!config().has(key))
		return defaultValue;
	const std::string text = config().getString(key);
	int value = 0;
	if (!Poco::NumberParser::tryParse(Poco::trim(text), value) || value < minValue || value > maxValue)
	{
		throw Poco::InvalidArgumentException(
		    key + " must be an integer from " + std::to_string(minValue) + " to " + std::to_string(maxValue), text);
	}
	return value;
}


void HostApplication::blockTerminationSignals()
{
#if defined(POCO_OS_FAMILY_UNIX)
	// The same set ServerApplication::waitForTerminationRequest() waits for.
	sigset_t signals;
	sigemptyset(&signals);
	if (!std::getenv("POCO_ENABLE_DEBUGGER"))
		sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGQUIT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, nullptr);
#endif
}


} // namespace OrgsHost
