//
// Racing.h
//
// Library: OrgsTests
// Package: Support
// Module:  Racing
//
// Helpers for tests that race threads against each other.
//


#ifndef Orgs_Racing_INCLUDED
#define Orgs_Racing_INCLUDED


#include <condition_variable>
#include <cstdlib>
#include <cxxabi.h>
#include <exception>
#include <mutex>
#include <string>
#include <typeinfo>


namespace Orgs {
namespace Test {


class StartGate
	/// Holds threads until all of them have arrived, then releases them together.
{
public:
	explicit StartGate(std::size_t parties) : _parties(parties), _arrived(0) {}

	void arriveAndWait()
		/// Blocks until parties threads have called it.
	{
		std::unique_lock<std::mutex> lock(_mutex);
		if (++_arrived == _parties)
			_open.notify_all();
		else
			_open.wait(lock, [this] { return _arrived >= _parties; });
	}

private:
	std::mutex _mutex;
	std::condition_variable _open;
	std::size_t _parties;
	std::size_t _arrived;
};


inline std::string typeName(const std::exception& exc)
	/// Returns the demangled dynamic type of an exception, for reports.
{
	const char* mangled = typeid(exc).name();
	int status = 0;
	char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
	std::string result = (status == 0 && demangled) ? demangled : mangled;
	std::free(demangled);
	return result;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_Racing_INCLUDED
