//
// WebhookReceiver.h
//
// Library: OrgsTests
// Package: Support
// Module:  WebhookReceiver
//
// A webhook receiver on loopback that records what it is sent, and a verifier of the Standard
// Webhooks signature written from the specification alone.
//


#ifndef Orgs_WebhookReceiver_INCLUDED
#define Orgs_WebhookReceiver_INCLUDED


#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPServer.h"
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class WebhookReceiver
	/// A Poco HTTPServer on 127.0.0.1 that records every POST (its webhook-* headers and body)
	/// and answers with status() (200 unless set). down() closes its port (connections are
	/// refused), up() opens the same port again.
{
public:
	struct Delivery
	{
		std::string id;        ///< webhook-id
		std::string timestamp; ///< webhook-timestamp
		std::string signature; ///< webhook-signature
		std::string body;
		int answered = 0; ///< the status this receiver answered
		Poco::JSON::Object::Ptr json() const;
		std::string type() const;         ///< the payload's "type"
		Poco::Int64 sequence() const;     ///< the payload's data.sequence
		Poco::Int64 organization() const; ///< the payload's data.organization_id
	};

	WebhookReceiver();
	~WebhookReceiver();

	std::string url(const std::string& path = "/hook") const;
	void setStatus(int status);
	void down();
	void up();

	std::vector<Delivery> received() const;
		/// Every request so far, in arrival order (those answered with a failure too).
	std::vector<Delivery> accepted() const;
		/// The requests answered 2xx, in arrival order.

	bool waitFor(const std::function<bool(const std::vector<Delivery>&)>& done, long milliseconds) const;
		/// Waits until done(received()) holds; returns false on timeout.

	void record(const Delivery& delivery);
	int status() const;

	static bool verify(const std::string& secret, const Delivery& delivery);
		/// True if one of the v1 signatures in webhook-signature is the HMAC-SHA256 of
		/// "<id>.<timestamp>.<body>" keyed by the base64-decoded secret after "whsec_"
		/// (OpenSSL, independent of the plugin's signer).

	static std::vector<std::string> verifyWithLibrary(const std::string& secret,
	                                                  const std::vector<Delivery>& deliveries);
		/// Checks every delivery with the Standard Webhooks reference library (node verify.mjs
		/// in $ORGS_TEST_WEBHOOK_VERIFIER, which the ctest fixture webhooks.npm installs);
		/// returns one line per delivery it refused (empty: all verified). It also refuses a
		/// timestamp more than 5 minutes from now. Fails the test if the verifier is missing.

private:
	void open();

	Poco::UInt16 _port = 0;
	std::unique_ptr<Poco::Net::HTTPServer> _pServer;
	std::atomic<int> _status{200};
	mutable std::mutex _mutex;
	mutable std::condition_variable _changed;
	std::vector<Delivery> _received;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_WebhookReceiver_INCLUDED
