//
// ServiceRegistry.h
//
// Library: Orgs
// Package: Plugin
// Module:  ServiceRegistry
//
// A typed, thread-safe lookup of the service objects a plugin (or the host) publishes.
//


#ifndef Orgs_ServiceRegistry_INCLUDED
#define Orgs_ServiceRegistry_INCLUDED


#include "Orgs/Orgs.h"
#include "Poco/Mutex.h"
#include "Poco/SharedPtr.h"
#include <map>
#include <memory>
#include <string>
#include <typeinfo>


namespace Orgs {


class ServiceRegistry
	/// Maps an interface type to the one object that implements it.
	///
	/// Header-only on purpose: the host and every plugin compile the same code, and types
	/// are keyed by their mangled name, which is the same in every module.
	///
	///     context.services().add<Orgs::AccessControl>(pAccessControl);
	///     auto pAccess = registry.find<Orgs::AccessControl>(); // null if absent
{
public:
	template <class S>
	void add(Poco::SharedPtr<S> pService)
		/// Publishes pService as the implementation of S, replacing any previous one.
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_services[typeid(S).name()] = std::make_shared<Holder<S>>(pService);
	}

	template <class S>
	Poco::SharedPtr<S> find() const
		/// Returns the implementation of S, or a null pointer if none is published.
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		auto it = _services.find(typeid(S).name());
		if (it == _services.end())
			return Poco::SharedPtr<S>();
		return static_cast<const Holder<S>&>(*it->second).pService;
	}

	template <class S>
	void remove()
		/// Withdraws the implementation of S, if any.
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_services.erase(typeid(S).name());
	}

	void clear()
		/// Withdraws every service. The host calls this before unloading plugins.
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		_services.clear();
	}

private:
	struct HolderBase
	{
		virtual ~HolderBase() = default;
	};

	template <class S>
	struct Holder : HolderBase
	{
		explicit Holder(Poco::SharedPtr<S> p) : pService(p) {}
		Poco::SharedPtr<S> pService;
	};

	mutable Poco::FastMutex _mutex;
	std::map<std::string, std::shared_ptr<HolderBase>> _services;
};


} // namespace Orgs


#endif // Orgs_ServiceRegistry_INCLUDED
