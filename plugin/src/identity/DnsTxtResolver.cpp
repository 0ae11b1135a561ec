//
// DnsTxtResolver.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  DnsTxtResolver
//


#include "identity/DnsTxtResolver.h"
#include "Orgs/Errors.h"
#include "Poco/Exception.h"
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <cstdlib>
#include <cstring>


namespace Orgs {
namespace Federation {


namespace {


// The largest DNS message: what a TCP answer to a truncated UDP one may be.
constexpr int MAX_MESSAGE = 65535;


[[noreturn]] void unavailable(const std::string& name, const std::string& why)
{
	// The name servers' addresses are for the log (the nested cause), not for the answer.
	throw UnavailableException("DNS did not answer the question for the TXT records of " + name + "; retry later",
	                           "dns_unavailable", Poco::IOException("DNS lookup of " + name + ": " + why));
}


class ResolverState
	/// A resolver state of its own, closed when it goes.
{
public:
	ResolverState()
	{
		std::memset(&_state, 0, sizeof(_state));
		_ok = res_ninit(&_state) == 0;
	}

	~ResolverState() { res_nclose(&_state); }

	bool ok() const { return _ok; }
	res_state get() { return &_state; }

private:
	ResolverState(const ResolverState&) = delete;
	ResolverState& operator=(const ResolverState&) = delete;

	struct __res_state _state;
	bool _ok = false;
};


} // namespace


DnsTxtResolver::DnsTxtResolver(const std::vector<std::string>& nameservers, int timeoutSeconds, int attempts)
    : _timeoutSeconds(timeoutSeconds), _attempts(attempts)
{
	for (const auto& server : nameservers)
	{
		if (_servers.size() == MAXNS)
			throw Poco::InvalidArgumentException("at most " + std::to_string(MAXNS) + " name servers");
		const Poco::Net::SocketAddress address = server.find(':') == std::string::npos
		                                             ? Poco::Net::SocketAddress(server, 53)
		                                             : Poco::Net::SocketAddress(server);
		if (address.family() != Poco::Net::SocketAddress::IPv4)
			throw Poco::InvalidArgumentException("name server " + server + " is not an IPv4 address");
		_servers.push_back(address);
	}
}


std::string DnsTxtResolver::describeServers() const
{
	if (_servers.empty())
		return "the system's name servers";
	std::string list;
	for (const auto& s : _servers)
		list += (list.empty() ? "" : ", ") + s.toString();
	return list;
}


std::vector<std::string> DnsTxtResolver::lookup(const std::string& name) const
{
	ResolverState state;
	if (!state.ok())
		unavailable(name, "no resolver configuration");
	res_state statp = state.get();
	statp->retrans = _timeoutSeconds;
	statp->retry = _attempts;
	statp->options &= ~static_cast<unsigned long>(RES_DNSRCH | RES_DEFNAMES); // the name as given, no search list
	if (!_servers.empty())
	{
		// Servers of /etc/resolv.conf given as IPv6 addresses live in the extension, which
		// would be asked instead of ours: drop them (glibc allocated them with malloc).
		for (int i = 0; i < MAXNS; ++i)
		{
			std::free(statp->_u._ext.nsaddrs[i]);
			statp->_u._ext.nsaddrs[i] = nullptr;
		}
		statp->_u._ext.nscount = 0;
		statp->nscount = static_cast<int>(_servers.size());
		for (std::size_t i = 0; i < _servers.size(); ++i)
		{
			std::memcpy(&statp->nsaddr_list[i], _servers[i].addr(), sizeof(struct sockaddr_in));
		}
	}

	std::vector<unsigned char> answer(MAX_MESSAGE);
	const int length = res_nquery(statp, name.c_str(), ns_c_in, ns_t_txt, answer.data(), MAX_MESSAGE);
	if (length < 0)
	{
		switch (statp->res_h_errno)
		{
		case HOST_NOT_FOUND: // NXDOMAIN
		case NO_DATA:        // the name exists, without a TXT record
			return {};
		case TRY_AGAIN:
			unavailable(name, "no answer in time, or SERVFAIL, from " + describeServers());
		default:
			unavailable(name, "the name servers refused the question: " + describeServers());
		}
	}
	ns_msg message;
	if (ns_initparse(answer.data(), length, &message) < 0)
		unavailable(name, "a malformed answer");
	std::vector<std::string> values;
	const int count = ns_msg_count(message, ns_s_an);
	for (int i = 0; i < count; ++i)
	{
		ns_rr rr;
		if (ns_parserr(&message, ns_s_an, i, &rr) < 0)
			unavailable(name, "a malformed record");
		if (ns_rr_type(rr) != ns_t_txt || ns_rr_class(rr) != ns_c_in)
			continue; // a CNAME on the way, say
		const unsigned char* p = ns_rr_rdata(rr);
		const unsigned char* end = p + ns_rr_rdlen(rr);
		std::string value;
		while (p < end)
		{
			const std::size_t n = *p++;
			if (static_cast<std::size_t>(end - p) < n)
				unavailable(name, "a malformed TXT record");
			value.append(reinterpret_cast<const char*>(p), n);
			p += n;
		}
		values.push_back(value);
	}
	return values;
}


} // namespace Federation
} // namespace Orgs
