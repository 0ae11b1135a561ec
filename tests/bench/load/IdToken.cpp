//
// IdToken.cpp
//
// Library: OrgsBench
// Package: Load
// Module:  IdToken
//
// orgs-bench-idtoken ENV_FILE SUB: an ID token of the test OpenID Provider for the load benchmark.
//


#include "support/OpenIdProvider.h"
#include "Poco/Exception.h"
#include <iostream>


int main(int argc, char** argv)
	/// Adds the account SUB (preferred_username SUB, email SUB@bench.example, verified) to the
	/// provider whose env file (scripts/oidc-provider.sh) is ENV_FILE, signs it in at the
	/// primary issuer through the authorization-code flow, and prints the ID token.
{
	if (argc != 3)
	{
		std::cerr << "usage: orgs-bench-idtoken ENV_FILE SUB" << std::endl;
		return 2;
	}
	try
	{
		const Orgs::Test::OpenIdProvider provider(argv[1]);
		Orgs::Test::OpenIdProvider::User user;
		user.sub = argv[2];
		user.preferredUsername = argv[2];
		user.email = std::string(argv[2]) + "@bench.example";
		user.name = "Benchmark " + user.sub;
		provider.setUser(user);
		std::cout << provider.idToken(Orgs::Test::OpenIdProvider::PRIMARY, user.sub) << std::endl;
		return 0;
	}
	catch (Poco::Exception& exc)
	{
		std::cerr << "orgs-bench-idtoken: " << exc.displayText() << std::endl;
		return 1;
	}
}
