//
// consumer.cpp
//
// Library: Orgs
// Package: PackageTest
// Module:  consumer
//
// Compiles and links against an installed Orgs package: a trivial plugin class, the
// service registry and the exception types. Exits 0 if everything behaves.
//


#include "Orgs/Errors.h"
#include "Orgs/Orgs.h"
#include "Orgs/ServerPlugin.h"
#include "Orgs/ServiceRegistry.h"
#include "Poco/File.h"
#include "Poco/SharedPtr.h"
#include <iostream>
#include <string>


namespace {


class Greeter
	/// A service the plugin publishes.
{
public:
	std::string greet(const std::string& name) const { return "Hello, " + name; }
};


class ConsumerPlugin : public Orgs::ServerPlugin
	/// The smallest plugin: publishes a Greeter on start and withdraws it on stop.
{
public:
	void start(Orgs::PluginContext& context) override
	{
		_pServices = &context.services();
		_pServices->add<Greeter>(Poco::SharedPtr<Greeter>(new Greeter));
	}

	void stop() override { _pServices->remove<Greeter>(); }

private:
	Orgs::ServiceRegistry* _pServices = nullptr;
};


int fail(const std::string& message)
{
	std::cerr << "consumer: " << message << std::endl;
	return 1;
}


} // namespace


int main()
{
	Orgs::ServiceRegistry registry;
	registry.add<Greeter>(Poco::SharedPtr<Greeter>(new Greeter));
	Poco::SharedPtr<Greeter> pGreeter = registry.find<Greeter>();
	if (!pGreeter || pGreeter->greet("Orgs") != "Hello, Orgs")
		return fail("ServiceRegistry::find() did not return the Greeter");
	registry.remove<Greeter>();
	if (registry.find<Greeter>())
		return fail("ServiceRegistry::remove() left the Greeter");

	try
	{
		throw Orgs::NotFoundException("x");
	}
	catch (Orgs::OrgsException& exc)
	{
		if (exc.reason() != "not_found" || exc.message() != "x")
			return fail("unexpected NotFoundException: " + exc.displayText());
		std::cout << "caught " << exc.displayText() << std::endl;
	}

	if (!Poco::File(ORGS_PLUGIN_LIBRARY).exists())
		return fail(std::string("Orgs_PLUGIN_LIBRARY does not exist: ") + ORGS_PLUGIN_LIBRARY);
	if (!Poco::File(ORGS_CONFIG_DIR).isDirectory())
		return fail(std::string("Orgs_CONFIG_DIR is not a folder: ") + ORGS_CONFIG_DIR);

	ConsumerPlugin plugin;
	(void)plugin;
	std::cout << "Orgs " << ORGS_VERSION_STRING << " package OK" << std::endl;
	return 0;
}
