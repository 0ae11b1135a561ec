//
// main.cpp
//
// Library: Orgs
// Package: HostServer
// Module:  main
//
// Entry point of orgs-host.
//


#include "HostApplication.h"
#include <iostream> // POCO_SERVER_MAIN writes to std::cerr


POCO_SERVER_MAIN(OrgsHost::HostApplication)
