//
// Listing.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Listing
//
// A page of a query on a kind of resource (RFC 7644 §3.4.2): one algorithm for users and groups.
//


#ifndef Orgs_Scim_Listing_INCLUDED
#define Orgs_Scim_Listing_INCLUDED


#include "scim/Filter.h"
#include "scim/ListResponse.h"
#include "Poco/JSON/Object.h"
#include <cstddef>
#include <functional>
#include <vector>


namespace Orgs {
namespace Scim {


struct Listing
	/// The resources of one page and how many the filter matched in all (totalResults).
{
	std::size_t total = 0;
	std::vector<Poco::JSON::Object::Ptr> resources;

	template <class Row>
	struct Source
		/// Where a kind of resource's rows come from, and how a row is listed.
	{
		std::function<std::size_t()> count;
			/// Returns the number of rows.
		std::function<std::vector<Row>(int offset, int limit)> rows;
			/// Returns up to limit rows from the offset-th on, by id.
		std::function<bool(const Filter::Equality& equality, std::vector<Row>& candidates)> indexed;
			/// Reads the candidates of an equality on an indexed attribute; false for another.
		std::function<Poco::JSON::Object::Ptr(const Row& row)> encode;
			/// Returns the row as it is listed.
		std::function<Poco::JSON::Object::Ptr(const Row& row, const Filter& filter)> matching;
			/// Returns the row as it is listed if the filter matches it, or null.
		int scanChunk = 200;
			/// The rows read at once when a filter names no indexed equality.
	};

	template <class Row>
	static Listing of(const Filter& filter, const ListResponse::Page& page, const Source<Row>& source)
		/// Without a filter, the page is read as it is. With one, an equality on an indexed
		/// attribute gives the candidates (else every row, a chunk at a time) and the whole
		/// filter decides: the page is cut from the matches, in id order.
	{
		Listing result;
		const std::size_t offset = page.startIndex - 1;
		if (filter.empty())
		{
			result.total = source.count();
			if (page.count == 0 || offset >= result.total)
				return result;
			for (const Row& row : source.rows(static_cast<int>(offset), static_cast<int>(page.count)))
				result.resources.push_back(source.encode(row));
			return result;
		}
		std::vector<Poco::JSON::Object::Ptr> matched;
		const auto consider = [&](const std::vector<Row>& rows) {
			for (const Row& row : rows)
			{
				Poco::JSON::Object::Ptr resource = source.matching(row, filter);
				if (resource)
					matched.push_back(resource);
			}
		};
		Filter::Equality equality;
		std::vector<Row> candidates;
		if (filter.indexedEquality(equality) && source.indexed(equality, candidates))
			consider(candidates);
		else
		{
			for (int from = 0;; from += source.scanChunk)
			{
				const std::vector<Row> chunk = source.rows(from, source.scanChunk);
				consider(chunk);
				if (chunk.size() < static_cast<std::size_t>(source.scanChunk))
					break;
			}
		}
		result.total = matched.size();
		for (std::size_t i = offset; i < matched.size() && result.resources.size() < page.count; ++i)
			result.resources.push_back(matched[i]);
		return result;
	}
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Listing_INCLUDED
