//
// ClientAddress.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  ClientAddress
//
// The address a request comes from, through trusted reverse proxies.
//


#ifndef Orgs_ClientAddress_INCLUDED
#define Orgs_ClientAddress_INCLUDED


#include "Poco/Net/HTTPServerRequest.h"
#include <array>
#include <string>
#include <vector>


namespace Orgs {
namespace Http {


class ClientAddress
	/// Tells which client a request comes from. Without trusted proxies (orgs.http.trustedProxies,
	/// empty by default) that is the peer of the connection, and X-Forwarded-For is ignored:
	/// anyone can write it. When the peer is a trusted proxy, the client is the right-most
	/// address of X-Forwarded-For that is not a trusted proxy itself (each proxy appends the
	/// address it saw; the entries left of the first untrusted one are the client's to invent).
	///
	/// Addresses come out normalised, so one client has one key: an IPv4 address in dotted
	/// form (also when it came as ::ffff:a.b.c.d), an IPv6 address as its /64 network, which is
	/// what a single host is usually given ("2001:db8:1:2::/64").
{
public:
	explicit ClientAddress(const std::vector<std::string>& trustedProxies);
		/// Each entry is an IPv4 or IPv6 address or a network in CIDR notation (10.0.0.0/8).
		/// Throws Poco::DataFormatException for one that is neither.

	std::string of(const Poco::Net::HTTPServerRequest& request) const;
		/// Returns the client's address, normalised.

	bool isLoopback(const Poco::Net::HTTPServerRequest& request) const;
		/// Returns true if the client (as of() finds it) is at a loopback address: 127.0.0.0/8
		/// or ::1 (also as ::ffff:127.x.y.z).

private:
	struct Address
	{
		std::array<unsigned char, 16> bytes{};
		unsigned size = 0; ///< 4 (IPv4) or 16 (IPv6); 0 when unparseable
	};

	struct Network
	{
		Address address;
		unsigned prefix = 0;
	};

	static bool parse(const std::string& text, Address& address);
	static bool parse(const std::string& text, Network& network);
	static std::string key(const Address& address);
	bool client(const Poco::Net::HTTPServerRequest& request, Address& address, std::string& unparsed) const;
		/// Finds the client's address; false (and unparsed set) if a trusted proxy wrote one
		/// that does not parse.
	bool trusted(const Address& address) const;

	std::vector<Network> _trusted;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_ClientAddress_INCLUDED
