//
// PluginManager.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  PluginManager
//


#include "PluginManager.h"
#include "Poco/Exception.h"
#include <exception>


namespace OrgsHost {


PluginManager::PluginManager(Poco::Util::AbstractConfiguration& configuration, RouteTable& routes,
                             Orgs::ServiceRegistry& services, Poco::Logger& logger)
    : _configuration(configuration), _routes(routes), _services(services), _logger(logger)
{
}


PluginManager::~PluginManager()
{
	try
	{
		stopAll();
		unloadAll();
	}
	catch (...)
	{
		poco_unexpected();
	}
}


void PluginManager::load(const std::string& name, const std::string& libraryPath, const std::string& className,
                         const std::string& baseDirectory)
{
	_logger.information("Loading plugin %s from %s", name, libraryPath);
	try
	{
		_loader.loadLibrary(libraryPath);
	}
	catch (Poco::Exception& exc)
	{
		// what() says only "Cannot load library"; displayText() has dlerror()'s reason.
		throw Poco::LibraryLoadException("plugin " + name, exc.message());
	}

	// From here on the library is loaded: record it at once so that unloadAll() unloads it
	// even if creating the plugin fails.
	_plugins.emplace_back(new Plugin);
	Plugin& plugin = *_plugins.back();
	plugin.name = name;
	plugin.libraryPath = libraryPath;

	const Loader::Manif& manifest = _loader.manifestFor(libraryPath);
	if (manifest.size() == 0)
		throw Poco::LibraryLoadException("plugin " + name + ": the manifest of " + libraryPath + " exports no class");

	plugin.className = className;
	if (plugin.className.empty())
	{
		plugin.className = (*manifest.begin())->name();
		if (manifest.size() > 1)
		{
			_logger.warning("%s exports several classes (%s); using %s. Set plugins.%s.class to choose.", libraryPath,
			                manifestClasses(manifest), plugin.className, name);
		}
	}

	Loader::Manif::Iterator itMeta = manifest.find(plugin.className);
	if (itMeta == manifest.end())
	{
		throw Poco::NotFoundException("plugin " + name + ": no class " + plugin.className + " in the manifest of " +
		                              libraryPath + " (it has: " + manifestClasses(manifest) + ")");
	}
	plugin.pMeta = *itMeta;
	// A singleton class (POCO_EXPORT_SINGLETON) belongs to its manifest; any other is ours.
	plugin.pPlugin = plugin.pMeta->canCreate() ? plugin.pMeta->create() : &plugin.pMeta->instance();
	plugin.pContext.reset(new HostPluginContext(name, _configuration, baseDirectory, _routes, _services));
}


void PluginManager::startAll()
{
	for (auto& pPlugin : _plugins)
	{
		Plugin& plugin = *pPlugin;
		_logger.information("Starting plugin %s (%s)", plugin.name, plugin.className);
		// Turn the plugin's exception into text right away: an exception object whose class
		// lives in the plugin library must not outlive the library.
		std::string reason;
		try
		{
			plugin.pPlugin->start(*plugin.pContext);
			plugin.started = true;
		}
		catch (Poco::Exception& exc)
		{
			reason = exc.displayText();
		}
		catch (std::exception& exc)
		{
			reason = exc.what();
		}
		catch (...)
		{
			reason = "unknown exception";
		}
		if (!plugin.started)
		{
			// Not stopped later: a plugin whose start() throws cleans up after itself (or
			// in its destructor, which unloadAll() runs).
			throw Poco::RuntimeException("plugin " + plugin.name + " failed to start", reason);
		}
	}
}


void PluginManager::stopAll()
{
	for (auto it = _plugins.rbegin(); it != _plugins.rend(); ++it)
	{
		Plugin& plugin = **it;
		if (!plugin.started)
			continue;
		plugin.started = false;
		_logger.information("Stopping plugin %s", plugin.name);
		try
		{
			plugin.pPlugin->stop();
		}
		catch (Poco::Exception& exc)
		{
			_logger.error("Plugin %s failed to stop: %s", plugin.name, exc.displayText());
		}
		catch (std::exception& exc)
		{
			_logger.error("Plugin %s failed to stop: %s", plugin.name, std::string(exc.what()));
		}
		catch (...)
		{
			_logger.error("Plugin %s failed to stop: unknown exception", plugin.name);
		}
	}
}


void PluginManager::unloadAll()
{
	while (!_plugins.empty())
	{
		std::unique_ptr<Plugin> pPlugin(std::move(_plugins.back()));
		_plugins.pop_back();
		Plugin& plugin = *pPlugin;

		plugin.pContext.reset();
		if (plugin.pPlugin && plugin.pMeta->canCreate())
		{
			// MetaObject::destroy() only deletes objects it owns (autoDelete()); a plugin
			// made with create() belongs to us. Its destructor is code of the library:
			// delete it while the library is still loaded.
			if (plugin.pMeta->isAutoDelete(plugin.pPlugin))
				plugin.pMeta->destroy(plugin.pPlugin);
			else
				delete plugin.pPlugin;
		}
		plugin.pPlugin = nullptr;
		plugin.pMeta = nullptr;

		_logger.debug("Unloading %s", plugin.libraryPath);
		_loader.unloadLibrary(plugin.libraryPath);
	}
}


std::size_t PluginManager::count() const
{
	return _plugins.size();
}


std::string PluginManager::manifestClasses(const Loader::Manif& manifest)
{
	std::string classes;
	for (Loader::Manif::Iterator it = manifest.begin(); it != manifest.end(); ++it)
	{
		if (!classes.empty())
			classes += ", ";
		classes += (*it)->name();
	}
	return classes;
}


} // namespace OrgsHost
