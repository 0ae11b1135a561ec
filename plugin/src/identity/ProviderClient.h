//
// ProviderClient.h
//
// Library: OrgsPlugin
// Package: Identity
// Module:  ProviderClient
//
// Reads documents of OpenID Providers over HTTPS.
//


#ifndef Orgs_ProviderClient_INCLUDED
#define Orgs_ProviderClient_INCLUDED


#include "Poco/Net/Context.h"
#include <mutex>
#include <string>


namespace Orgs {
namespace Federation {


class ProviderClient
	/// GETs a provider's discovery document and key set. HTTPS verifies the provider's
	/// certificate and host name against the system's CAs and, if given, the CAs of caFile
	/// (orgs.auth.tls.caFile); TLS below 1.2 is refused. Plain HTTP is used only for loopback
	/// addresses (a provider on the same machine), whoever named the URL. Redirects are not followed. Thread-safe: each
	/// call opens its own connection.
{
public:
	static const std::size_t MAX_BODY = 1024 * 1024; ///< larger answers are refused

	ProviderClient(const std::string& caFile, int timeoutSeconds);

	~ProviderClient();

	std::string get(const std::string& uri);
		/// Returns the body of a 200 answer to GET uri. Throws UnavailableException
		/// ("identity_provider_unavailable"), with the cause nested for the log, if the provider
		/// cannot be reached, fails TLS verification, or answers otherwise.

	static bool isLoopback(const std::string& host);
		/// Returns true for localhost, 127.x.y.z and ::1: the hosts plain HTTP may reach.

private:
	ProviderClient(const ProviderClient&) = delete;
	ProviderClient& operator=(const ProviderClient&) = delete;

	Poco::Net::Context::Ptr context();
		/// The TLS context, made on first use: a server that trusts no identity provider never
		/// initializes OpenSSL for it (nor leaves it initialized in a host that unloads the plugin).

	std::string _caFile;
	std::mutex _mutex;
	Poco::Net::Context::Ptr _pContext;
	int _timeoutSeconds;
};


} // namespace Federation
} // namespace Orgs


#endif // Orgs_ProviderClient_INCLUDED
