//
// ClientAddress.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  ClientAddress
//


#include "http/ClientAddress.h"
#include "Poco/Exception.h"
#include "Poco/Net/IPAddress.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include <cstring>


namespace Orgs {
namespace Http {


ClientAddress::ClientAddress(const std::vector<std::string>& trustedProxies)
{
	for (const auto& entry : trustedProxies)
	{
		Network network;
		if (!parse(entry, network))
			throw Poco::DataFormatException("orgs.http.trustedProxies: '" + entry +
			                                "' is neither an IP address nor a network such as 10.0.0.0/8");
		_trusted.push_back(network);
	}
}


bool ClientAddress::parse(const std::string& text, Address& address)
{
	address = Address();
	Poco::Net::IPAddress ip;
	if (text.empty() || text.size() > 64 || !Poco::Net::IPAddress::tryParse(text, ip))
		return false;
	const auto* bytes = static_cast<const unsigned char*>(ip.addr());
	if (ip.family() == Poco::Net::IPAddress::IPv4)
	{
		std::memcpy(address.bytes.data(), bytes, 4);
		address.size = 4;
	}
	else if (ip.isIPv4Mapped())
	{
		std::memcpy(address.bytes.data(), bytes + 12, 4);
		address.size = 4;
	}
	else
	{
		std::memcpy(address.bytes.data(), bytes, 16);
		address.size = 16;
	}
	return true;
}


bool ClientAddress::parse(const std::string& text, Network& network)
{
	const std::string trimmed = Poco::trim(text);
	const std::string::size_type slash = trimmed.find('/');
	if (!parse(trimmed.substr(0, slash), network.address))
		return false;
	network.prefix = network.address.size * 8;
	if (slash == std::string::npos)
		return true;
	const std::string bits = trimmed.substr(slash + 1);
	unsigned prefix = 0;
	if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos ||
	    !Poco::NumberParser::tryParseUnsigned(bits, prefix) || prefix > network.prefix)
		return false;
	network.prefix = prefix;
	return true;
}


bool ClientAddress::trusted(const Address& address) const
{
	for (const auto& network : _trusted)
	{
		if (network.address.size != address.size)
			continue;
		const unsigned whole = network.prefix / 8;
		const unsigned rest = network.prefix % 8;
		if (std::memcmp(network.address.bytes.data(), address.bytes.data(), whole) != 0)
			continue;
		const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - rest));
		if (rest == 0 || ((network.address.bytes[whole] ^ address.bytes[whole]) & mask) == 0)
			return true;
	}
	return false;
}


std::string ClientAddress::key(const Address& address)
{
	if (address.size == 4)
		return Poco::Net::IPAddress(address.bytes.data(), 4).toString();
	// One IPv6 host usually holds a whole /64: count it as one client.
	std::array<unsigned char, 16> network{};
	std::memcpy(network.data(), address.bytes.data(), 8);
	return Poco::Net::IPAddress(network.data(), 16).toString() + "/64";
}


bool ClientAddress::client(const Poco::Net::HTTPServerRequest& request, Address& address, std::string& unparsed) const
{
	const Poco::Net::IPAddress peer = request.clientAddress().host();
	parse(peer.toString(), address);
	if (_trusted.empty() || !trusted(address))
		return true;

	// Right to left through X-Forwarded-For (every such header, in order), past the trusted proxies.
	std::vector<std::string> hops;
	Poco::Net::NameValueCollection::ConstIterator it = request.find("X-Forwarded-For");
	for (; it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it)
	{
		std::string::size_type start = 0;
		const std::string& value = it->second;
		while (start <= value.size())
		{
			std::string::size_type comma = value.find(',', start);
			if (comma == std::string::npos)
				comma = value.size();
			hops.push_back(Poco::trim(value.substr(start, comma - start)));
			start = comma + 1;
		}
	}
	for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop)
	{
		Address hopAddress;
		if (!parse(*hop, hopAddress))
		{
			// Written by the last trusted proxy, so it is what that proxy saw: keep it, bounded.
			if (hop->empty())
				return true;
			unparsed = "unparsed:" + hop->substr(0, 64);
			return false;
		}
		address = hopAddress;
		if (!trusted(hopAddress))
			return true;
	}
	return true; // every hop is a trusted proxy: the left-most one is the client
}


std::string ClientAddress::of(const Poco::Net::HTTPServerRequest& request) const
{
	Address address;
	std::string unparsed;
	return client(request, address, unparsed) ? key(address) : unparsed;
}


bool ClientAddress::isLoopback(const Poco::Net::HTTPServerRequest& request) const
{
	Address address;
	std::string unparsed;
	if (!client(request, address, unparsed))
		return false;
	if (address.size == 4)
		return address.bytes[0] == 127;
	if (address.size != 16)
		return false;
	static const unsigned char LOOPBACK[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	return std::memcmp(address.bytes.data(), LOOPBACK, 16) == 0;
}


} // namespace Http
} // namespace Orgs
