//
// ErrorDocument.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ErrorDocument
//
// SCIM error responses (RFC 7644 §3.12).
//


#ifndef Orgs_Scim_ErrorDocument_INCLUDED
#define Orgs_Scim_ErrorDocument_INCLUDED


#include "Poco/JSON/Object.h"
#include <string>


namespace Orgs {
namespace Scim {


class ErrorDocument
	/// Builds {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409",
	/// "scimType":"uniqueness","detail":"..."}.
	///
	/// The SCIM routes map an exception exactly as the rest of the API does (Http::Problem::from
	/// gives the status, the reason and a detail that never shows internals: a 500 says only that
	/// the error is logged), then build this document instead of problem+json. status is a string
	/// (RFC 7644 §3.12). scimType is set only when the exception's reason is one of the RFC's
	/// scimType values, so services throw with those reasons where one applies:
	///   ConflictException("...", "uniqueness"), InvalidInputException("...", "invalidFilter").
{
public:
	static const std::string URN; ///< "urn:ietf:params:scim:api:messages:2.0:Error"

	static Poco::JSON::Object::Ptr make(int status, const std::string& reason, const std::string& detail);
		/// Returns the error document; scimType is reason when isScimType(reason). detail text that
		/// is not valid UTF-8 (an echoed request) has U+FFFD in place of each bad byte.

	static bool isScimType(const std::string& reason);
		/// Returns true for invalidFilter, tooMany, uniqueness, mutability, invalidSyntax,
		/// invalidPath, noTarget, invalidValue, invalidVers, sensitive (exact spelling).
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_ErrorDocument_INCLUDED
