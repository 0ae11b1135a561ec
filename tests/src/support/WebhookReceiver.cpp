//
// WebhookReceiver.cpp
//
// Library: OrgsTests
// Package: Support
// Module:  WebhookReceiver
//


#include "support/WebhookReceiver.h"
#include "Poco/Environment.h"
#include "Poco/File.h"
#include "Poco/JSON/Parser.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/StreamCopier.h"
#include "Poco/StringTokenizer.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <cppunit/extensions/HelperMacros.h>
#include <chrono>
#include <sstream>


namespace Orgs {
namespace Test {


namespace {


class Handler : public Poco::Net::HTTPRequestHandler
{
public:
	explicit Handler(WebhookReceiver& receiver) : _receiver(receiver) {}

	void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
	{
		WebhookReceiver::Delivery d;
		d.id = request.get("webhook-id", "");
		d.timestamp = request.get("webhook-timestamp", "");
		d.signature = request.get("webhook-signature", "");
		Poco::StreamCopier::copyToString(request.stream(), d.body);
		d.answered = _receiver.status();
		_receiver.record(d);
		response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(d.answered));
		response.setContentLength(0);
		response.send();
	}

private:
	WebhookReceiver& _receiver;
};


class Factory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
	explicit Factory(WebhookReceiver& receiver) : _receiver(receiver) {}

	Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
	{
		return new Handler(_receiver);
	}

private:
	WebhookReceiver& _receiver;
};


std::string decodeBase64(const std::string& text)
{
	std::string out(text.size(), '\0');
	const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(&out[0]),
	                              reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
	if (n < 0)
		return std::string();
	std::size_t length = static_cast<std::size_t>(n);
	// EVP_DecodeBlock counts the padding as zero bytes.
	if (!text.empty() && text.back() == '=')
		--length;
	if (text.size() > 1 && text[text.size() - 2] == '=')
		--length;
	out.resize(length);
	return out;
}


std::string encodeBase64(const unsigned char* bytes, std::size_t size)
{
	std::string out(4 * ((size + 2) / 3) + 1, '\0');
	const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]), bytes, static_cast<int>(size));
	out.resize(static_cast<std::size_t>(n));
	return out;
}


} // namespace


Poco::JSON::Object::Ptr WebhookReceiver::Delivery::json() const
{
	return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}


std::string WebhookReceiver::Delivery::type() const
{
	return json()->getValue<std::string>("type");
}


Poco::Int64 WebhookReceiver::Delivery::sequence() const
{
	return json()->getObject("data")->getValue<Poco::Int64>("sequence");
}


Poco::Int64 WebhookReceiver::Delivery::organization() const
{
	return json()->getObject("data")->getValue<Poco::Int64>("organization_id");
}


WebhookReceiver::WebhookReceiver()
{
	open();
}


WebhookReceiver::~WebhookReceiver()
{
	down();
}


void WebhookReceiver::open()
{
	Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", _port), 64);
	_port = socket.address().port();
	Poco::Net::HTTPServerParams::Ptr pParams = new Poco::Net::HTTPServerParams;
	pParams->setKeepAlive(false);
	_pServer.reset(new Poco::Net::HTTPServer(new Factory(*this), socket, pParams));
	_pServer->start();
}


std::string WebhookReceiver::url(const std::string& path) const
{
	return "http://127.0.0.1:" + std::to_string(_port) + path;
}


void WebhookReceiver::setStatus(int status)
{
	_status = status;
}


int WebhookReceiver::status() const
{
	return _status;
}


void WebhookReceiver::down()
{
	if (_pServer)
	{
		_pServer->stopAll(true);
		_pServer.reset();
	}
}


void WebhookReceiver::up()
{
	if (!_pServer)
		open();
}


void WebhookReceiver::record(const Delivery& delivery)
{
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_received.push_back(delivery);
	}
	_changed.notify_all();
}


std::vector<WebhookReceiver::Delivery> WebhookReceiver::received() const
{
	std::lock_guard<std::mutex> lock(_mutex);
	return _received;
}


std::vector<WebhookReceiver::Delivery> WebhookReceiver::accepted() const
{
	std::vector<Delivery> result;
	for (const auto& d : received())
	{
		if (d.answered >= 200 && d.answered < 300)
			result.push_back(d);
	}
	return result;
}


bool WebhookReceiver::waitFor(const std::function<bool(const std::vector<Delivery>&)>& done, long milliseconds) const
{
	std::unique_lock<std::mutex> lock(_mutex);
	return _changed.wait_for(lock, std::chrono::milliseconds(milliseconds), [&]() { return done(_received); });
}


bool WebhookReceiver::verify(const std::string& secret, const Delivery& d)
{
	if (secret.compare(0, 6, "whsec_") != 0)
		return false;
	const std::string key = decodeBase64(secret.substr(6));
	const std::string content = d.id + "." + d.timestamp + "." + d.body;
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int macLength = 0;
	HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(content.data()),
	     content.size(), mac, &macLength);
	const std::string expected = "v1," + encodeBase64(mac, macLength);
	for (const auto& entry : Poco::StringTokenizer(d.signature, " ", Poco::StringTokenizer::TOK_IGNORE_EMPTY))
	{
		if (entry == expected)
			return true;
	}
	return false;
}


std::vector<std::string> WebhookReceiver::verifyWithLibrary(const std::string& secret,
                                                            const std::vector<Delivery>& deliveries)
{
	const std::string dir = Poco::Environment::get("ORGS_TEST_WEBHOOK_VERIFIER", "");
	CPPUNIT_ASSERT_MESSAGE("ORGS_TEST_WEBHOOK_VERIFIER is not set: run the suite through ctest (fixture webhooks.npm)",
	                       !dir.empty() && Poco::File(dir + "/node_modules/standardwebhooks").exists());
	Poco::Pipe in;
	Poco::Pipe out;
	Poco::ProcessHandle process = Poco::Process::launch("node", {dir + "/verify.mjs"}, dir, &in, &out, nullptr);
	{
		Poco::PipeOutputStream toNode(in);
		for (const auto& d : deliveries)
		{
			Poco::JSON::Object line;
			line.set("secret", secret);
			line.set("id", d.id);
			line.set("timestamp", d.timestamp);
			line.set("signature", d.signature);
			line.set("body", d.body);
			line.stringify(toNode);
			toNode << "\n";
		}
		toNode.close();
	}
	Poco::PipeInputStream fromNode(out);
	std::vector<std::string> refused;
	std::size_t verified = 0;
	std::string answer;
	while (std::getline(fromNode, answer))
	{
		if (answer.compare(0, 3, "ok ") == 0)
			++verified;
		else if (!answer.empty())
			refused.push_back(answer);
	}
	const int code = process.wait();
	CPPUNIT_ASSERT_EQUAL_MESSAGE("node verify.mjs exit code", 0, code);
	CPPUNIT_ASSERT_EQUAL_MESSAGE("answers of verify.mjs", deliveries.size(), verified + refused.size());
	return refused;
}


} // namespace Test
} // namespace Orgs
