//
// Call.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Call
//
// One authenticated SCIM request's connection.
//


#ifndef Orgs_Scim_Call_INCLUDED
#define Orgs_Scim_Call_INCLUDED


#include "Orgs/ScimService.h"
#include "scim/Discovery.h"
#include <string>


namespace Orgs {
namespace Scim {


struct Call
	/// The connection a SCIM request was authenticated as: its token's hash (each write
	/// transaction checks it again, Directory::open()) and the documents' base URL.
{
	ScimConnection connection; ///< as read when authenticated; as read under the lock once a write opened
	std::string tokenHash;
	Discovery discovery;
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Call_INCLUDED
