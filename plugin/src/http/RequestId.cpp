//
// RequestId.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  RequestId
//


#include "http/RequestId.h"
#include "Poco/NumberFormatter.h"
#include <atomic>
#include <random>


namespace Orgs {
namespace Http {


namespace {


const std::string& processPrefix()
	/// Eight random characters of a-z and 0-9, drawn once (the only system call).
{
	static const std::string prefix = [] {
		static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyz0123456789";
		std::random_device device;
		std::mt19937 rng(device());
		std::uniform_int_distribution<int> pick(0, 35);
		std::string p;
		for (int i = 0; i < 8; ++i)
			p += ALPHABET[pick(rng)];
		return p;
	}();
	return prefix;
}


std::atomic<Poco::UInt64> g_counter{0};


} // namespace


const std::string RequestId::HEADER = "X-Request-Id";


std::string RequestId::of(const Poco::Net::HTTPRequest& request)
{
	const auto it = request.find(HEADER);
	if (it != request.end() && isSane(it->second))
		return it->second;
	return generate();
}


std::string RequestId::generate()
{
	std::string id = processPrefix();
	id += '-';
	Poco::NumberFormatter::appendHex(id, g_counter.fetch_add(1, std::memory_order_relaxed) + 1);
	return id;
}


bool RequestId::isSane(const std::string& id)
{
	if (id.empty() || id.size() > MAX_LENGTH)
		return false;
	for (char c : id)
	{
		const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		                c == '_' || c == ':' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}


} // namespace Http
} // namespace Orgs
