//
// Paging.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Paging
//
// Keyset pagination: limits and opaque cursors.
//


#ifndef Orgs_Paging_INCLUDED
#define Orgs_Paging_INCLUDED


#include "Orgs/Model.h"
#include <string>


namespace Orgs {
namespace Service {


class Paging
	/// A cursor is the key of the last row of a page, base64url-encoded with a version tag so
	/// that clients treat it as opaque and a malformed one is recognised.
{
public:
	static const int MAX_LIMIT = 100;

	static void checkLimit(int limit);
		/// Throws InvalidInputException ("invalid_limit") unless 1 <= limit <= 100.

	static Id decode(const std::string& cursor);
		/// Returns the key after which the page starts (0 for an empty cursor).
		/// Throws InvalidInputException ("invalid_cursor") for a malformed cursor.

	static std::string encode(Id key);
		/// Returns the cursor for a page that ends at key.

	template <class T, class KeyFn>
	static Page<T> page(std::vector<T>&& rows, int limit, KeyFn key)
		/// Makes a page from up to limit + 1 rows: the extra row only tells that there is a next page.
	{
		Page<T> page;
		const bool more = rows.size() > static_cast<std::size_t>(limit);
		if (more)
			rows.resize(static_cast<std::size_t>(limit));
		page.items = std::move(rows);
		if (more && !page.items.empty())
			page.nextCursor = encode(key(page.items.back()));
		return page;
	}
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Paging_INCLUDED
