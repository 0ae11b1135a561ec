//
// FailureLimiter.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  FailureLimiter
//
// Authentication failures counted per client address, and the addresses refused for a while.
//


#ifndef Orgs_FailureLimiter_INCLUDED
#define Orgs_FailureLimiter_INCLUDED


#include "http/ClientAddress.h"
#include "Poco/Logger.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Types.h"
#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>


namespace Orgs {
namespace Http {


class FailureLimiter
	/// Throttles credential guessing. Every refused credential counts against the client's
	/// address (ClientAddress); once an address has more than limit failures within a minute,
	/// every request from it that needs authentication is answered 429 ("too_many_failures",
	/// with Retry-After) for the next minute, before any credential is looked at: a valid token
	/// too, or the answers would tell a right guess from a wrong one at full speed. Other
	/// addresses are not affected. One warning is logged per such burst (address and count),
	/// never one per request.
	///
	/// Memory is bounded: at most maxAddresses addresses are tracked, in sixteen shards; a full
	/// shard first forgets the addresses whose minute is over, then every address it does not
	/// refuse. While no address is refused, admit() costs one atomic load and takes no lock.
{
public:
	static const Poco::Int64 WINDOW_NS = 60000000000LL; ///< one minute, the counting window and the refusal

	FailureLimiter(int limit, std::size_t maxAddresses, const ClientAddress& addresses, Poco::Logger& logger);
		/// limit is orgs.auth.failureLimit, failures per minute per address; 0 turns the limiter off.

	bool enabled() const;

	void admit(const Poco::Net::HTTPServerRequest& request);
		/// Throws RateLimitedException ("too_many_failures") if the request's client address is
		/// refused for now.

	void failed(const Poco::Net::HTTPServerRequest& request);
		/// Counts a refused credential against the request's client address, and refuses the
		/// address for a minute once it has more than limit failures within a minute.

	std::size_t tracked() const;
		/// Returns how many addresses are tracked (tests).

	static Poco::Int64 now();
		/// Returns the monotonic clock in nanoseconds.

private:
	static const std::size_t SHARDS = 16;

	struct Entry
	{
		Poco::Int64 windowStart = 0;  ///< when the current minute of counting began
		Poco::Int64 refusedUntil = 0; ///< refused while now() is below
		int failures = 0;             ///< in the current minute
	};

	struct Shard
	{
		mutable std::mutex mutex;
		std::unordered_map<std::string, Entry> entries;
	};

	Shard& shard(const std::string& address);
	void makeRoom(Shard& shard, Poco::Int64 now);
	void refusing(Poco::Int64 until);

	const int _limit;
	const std::size_t _shardCapacity;
	const ClientAddress& _addresses;
	Poco::Logger& _logger;
	std::array<Shard, SHARDS> _shards;
	std::atomic<Poco::Int64> _refusingUntil{0}; ///< the latest end of any refusal (0: none)
};


inline bool FailureLimiter::enabled() const
{
	return _limit > 0;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_FailureLimiter_INCLUDED
