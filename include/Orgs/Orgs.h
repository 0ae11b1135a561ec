//
// Orgs.h
//
// Library: Orgs
// Package: Core
// Module:  Orgs
//
// Basic definitions for the Orgs public API: the export macro and the version.
//


#ifndef Orgs_Orgs_INCLUDED
#define Orgs_Orgs_INCLUDED


#include "Poco/Foundation.h"


#if defined(__GNUC__)
#define Orgs_API __attribute__((visibility("default")))
#else
#define Orgs_API
#endif


#define ORGS_VERSION_STRING "0.1.0"


#endif // Orgs_Orgs_INCLUDED
