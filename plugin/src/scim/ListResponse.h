//
// ListResponse.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ListResponse
//
// Query responses (RFC 7644 §3.4.2) and their paging parameters.
//


#ifndef Orgs_Scim_ListResponse_INCLUDED
#define Orgs_Scim_ListResponse_INCLUDED


#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <cstddef>
#include <string>


namespace Orgs {
namespace Scim {


class ListResponse
	/// Builds urn:ietf:params:scim:api:messages:2.0:ListResponse documents and reads startIndex
	/// and count.
	///
	/// SCIM pages by position (startIndex is 1-based), unlike the rest of the API's keyset
	/// pages: the count is capped at MAX_COUNT, which /ServiceProviderConfig announces as the
	/// filter's maxResults.
{
public:
	struct Page
	{
		std::size_t startIndex = 1; ///< 1-based
		std::size_t count = 100;    ///< 0..MAX_COUNT (DEFAULT_COUNT when absent); 0 asks for totalResults only
	};

	static const std::string URN;                     ///< "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	static constexpr std::size_t DEFAULT_COUNT = 100; ///< count when the request gives none
	static constexpr std::size_t MAX_COUNT = 200;     ///< the most resources one response carries

	static Page page(const std::string& startIndex, const std::string& count);
		/// Reads the query parameters (empty: absent). As RFC 7644 §3.4.2.4 says: a startIndex
		/// below 1 is 1, a negative count is 0, a count above MAX_COUNT is MAX_COUNT. Text that is
		/// not an integer throws InvalidInputException with reason "invalidValue".

	static Poco::JSON::Object::Ptr make(std::size_t totalResults, std::size_t startIndex,
	                                    Poco::JSON::Array::Ptr pResources);
		/// Returns {"schemas":[URN],"totalResults":n,"itemsPerPage":size,"startIndex":i,
		/// "Resources":[...]}.
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_ListResponse_INCLUDED
