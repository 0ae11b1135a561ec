//
// main.cpp
//
// Library: Orgs
// Package: ReadmeSample
// Module:  main
//
// orgs-readme-sample: runs README.md's host example ("Using Orgs in your own host") as written,
// on a fresh SQLite file, with the plugin of the build tree. Exits 0 if the example ran.
//


#include "ReadmeContext.h"
#include "ReadmeSnippet.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Util/LayeredConfiguration.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/Util/PropertyFileConfiguration.h"
#include <iostream>


int main()
{
	Poco::Logger::root().setChannel(new Poco::ConsoleChannel);
	Poco::Logger::root().setLevel(Poco::Message::PRIO_WARNING);

	const std::string database = Poco::TemporaryFile::tempName() + ".db";
	int status = 1;
	try
	{
		// The plugin's own file beneath this host's settings, as orgs-host layers them.
		const Poco::Path pluginConfig(ORGS_README_CONFIG);
		Poco::AutoPtr<Poco::Util::MapConfiguration> pHost = new Poco::Util::MapConfiguration;
		pHost->setString("orgs.database.connector", "SQLite");
		pHost->setString("orgs.database.connectionString", database);
		Poco::AutoPtr<Poco::Util::LayeredConfiguration> pConfig = new Poco::Util::LayeredConfiguration;
		pConfig->add(pHost, 0);
		pConfig->add(new Poco::Util::PropertyFileConfiguration(pluginConfig.toString()), 100);

		OrgsReadme::ReadmeContext context(pConfig, pluginConfig.parent().toString());
		OrgsReadme::runHostSnippet(context, 1, 1);
		status = 0;
	}
	catch (Poco::Exception& exc)
	{
		std::cerr << "readme sample: " << exc.displayText() << std::endl;
	}
	for (const char* suffix : {"", "-wal", "-shm"})
	{
		Poco::File file(database + suffix);
		if (file.exists())
			file.remove();
	}
	std::cout << "readme sample: " << (status == 0 ? "done" : "FAILED") << std::endl;
	return status;
}
