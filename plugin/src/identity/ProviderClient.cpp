//
// ProviderClient.cpp
//
// Library: OrgsPlugin
// Package: Identity
// Module:  ProviderClient
//


#include "identity/ProviderClient.h"
#include "Orgs/Errors.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPSClientSession.h"
#include "Poco/Net/NetSSL.h"
#include "Poco/URI.h"
#include <memory>


namespace Orgs {
namespace Federation {


bool ProviderClient::isLoopback(const std::string& host)
{
	return host == "localhost" || host == "::1" || host.compare(0, 4, "127.") == 0;
}


ProviderClient::ProviderClient(const std::string& caFile, int timeoutSeconds)
    : _caFile(caFile), _timeoutSeconds(timeoutSeconds)
{
}


ProviderClient::~ProviderClient()
{
	if (_pContext)
	{
		_pContext.reset();
		Poco::Net::uninitializeSSL();
	}
}


Poco::Net::Context::Ptr ProviderClient::context()
{
	std::lock_guard<std::mutex> lock(_mutex);
	if (!_pContext)
	{
		Poco::Net::initializeSSL();
		try
		{
			Poco::Net::Context::Params params;
			params.caLocation = _caFile;
			params.loadDefaultCAs = true;
			params.verificationMode = Poco::Net::Context::VERIFY_RELAXED; // the server's certificate must verify
			Poco::Net::Context::Ptr pContext = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
			pContext->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
			                           Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
			_pContext = pContext;
		}
		catch (...)
		{
			Poco::Net::uninitializeSSL();
			throw;
		}
	}
	return _pContext;
}


std::string ProviderClient::get(const std::string& uri)
{
	try
	{
		const Poco::URI target(uri);
		std::unique_ptr<Poco::Net::HTTPClientSession> pSession;
		if (target.getScheme() == "https")
			pSession.reset(new Poco::Net::HTTPSClientSession(target.getHost(), target.getPort(), context()));
		else if (target.getScheme() == "http" && isLoopback(target.getHost()))
			pSession.reset(new Poco::Net::HTTPClientSession(target.getHost(), target.getPort()));
		else
			throw Poco::InvalidArgumentException("not an https:// URL (http:// only to a loopback address): " + uri);
		pSession->setTimeout(Poco::Timespan(_timeoutSeconds, 0));
		Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
		                               target.getPathAndQuery().empty() ? "/" : target.getPathAndQuery(),
		                               Poco::Net::HTTPMessage::HTTP_1_1);
		request.set("Accept", "application/json");
		pSession->sendRequest(request);
		Poco::Net::HTTPResponse response;
		std::istream& in = pSession->receiveResponse(response);
		if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
			throw Poco::IOException(uri + " answered " + std::to_string(response.getStatus()) + " " +
			                        response.getReason());
		std::string body;
		char buffer[8192];
		while (in && body.size() <= MAX_BODY)
		{
			in.read(buffer, sizeof(buffer));
			body.append(buffer, static_cast<std::size_t>(in.gcount()));
		}
		if (body.size() > MAX_BODY)
			throw Poco::IOException(uri + " answered more than " + std::to_string(MAX_BODY) + " bytes");
		return body;
	}
	catch (UnavailableException&)
	{
		throw;
	}
	catch (Poco::Exception& exc)
	{
		// The URL and the cause are for the log only (Problem logs a 503's nested cause).
		throw UnavailableException("The identity provider that issued this token cannot be reached; retry later",
		                           "identity_provider_unavailable",
		                           Poco::IOException("GET " + uri + ": " + exc.displayText()));
	}
}


} // namespace Federation
} // namespace Orgs
