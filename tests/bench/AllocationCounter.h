//
// AllocationCounter.h
//
// Library: OrgsBench
// Package: Bench
// Module:  AllocationCounter
//
// Counts heap allocations made through the global operator new, per thread.
//


#ifndef Orgs_AllocationCounter_INCLUDED
#define Orgs_AllocationCounter_INCLUDED


#include <cstdint>


namespace Orgs {
namespace Bench {


class AllocationCounter
	/// The benchmark binary replaces the global operator new and delete (every form) with
	/// versions that count allocations in a thread-local counter, then call malloc and free.
	/// The replacement holds for the whole process, Poco's and the plugin's code included,
	/// because the executable's definitions take precedence over libstdc++'s.
	///
	/// A benchmark reads the counter before and after its timed loop:
	///
	///     const std::uint64_t before = AllocationCounter::thisThread();
	///     for (auto _ : state) ...
	///     const std::uint64_t allocations = AllocationCounter::thisThread() - before;
{
public:
	static std::uint64_t thisThread();
		/// Returns how many allocations the calling thread has made so far.

	static std::uint64_t total();
		/// Returns how many allocations every thread has made so far.
};


} // namespace Bench
} // namespace Orgs


#endif // Orgs_AllocationCounter_INCLUDED
