//
// ApiServer.h
//
// Library: OrgsTests
// Package: Support
// Module:  ApiServer
//
// A runtime's HTTP API served in the test's own process.
//


#ifndef Orgs_ApiServer_INCLUDED
#define Orgs_ApiServer_INCLUDED


#include "Runtime.h"
#include "http/Api.h"
#include "Poco/Net/HTTPServer.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include <string>


namespace Orgs {
namespace Test {


class ApiServer
	/// Serves a runtime's API on 127.0.0.1 (a free port) for as long as it lives, so that a
	/// test can send real requests and still look into the runtime's caches, which the
	/// orgs-host of HostProcess keeps in another process. Destroy it before the runtime.
{
public:
	explicit ApiServer(Runtime& runtime)
	    : _socket(Poco::Net::SocketAddress("127.0.0.1", 0)),
	      _server(runtime.api().createFactory(), _socket, new Poco::Net::HTTPServerParams)
	{
		_server.start();
	}

	~ApiServer() { _server.stopAll(true); }

	std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(_socket.address().port()); }

private:
	ApiServer(const ApiServer&) = delete;
	ApiServer& operator=(const ApiServer&) = delete;

	Poco::Net::ServerSocket _socket;
	Poco::Net::HTTPServer _server;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ApiServer_INCLUDED
