//
// Suites.cpp
//
// Library: OrgsTests
// Package: Support
// Module:  Suites
//


#include "support/Suites.h"


namespace Orgs {
namespace Test {


namespace {


std::map<std::string, Suites::Kind>& registry()
{
	// Filled by static initializers of other files: constructed on first use.
	static std::map<std::string, Suites::Kind> suites;
	return suites;
}


} // namespace


bool Suites::add(const std::string& name, Kind kind)
{
	registry()[name] = kind;
	return true;
}


const std::map<std::string, Suites::Kind>& Suites::all()
{
	return registry();
}


std::string Suites::kindName(Kind kind)
{
	switch (kind)
	{
	case UNIT:
		return "UNIT";
	case DATABASE:
		return "DATABASE";
	case SQLITE:
		return "SQLITE";
	case MARIADB:
		return "MARIADB";
	case GALERA:
		return "GALERA";
	}
	return "?";
}


} // namespace Test
} // namespace Orgs
