//
// ReferenceServer.cpp
//
// Library: OrgsBench
// Package: Load
// Module:  ReferenceServer
//
// orgs-bench-reference: the reference handlers the load benchmark reads orgs-host against.
// A plain Poco HTTPServer with the thread settings of orgs-host (2 to 16 threads, 64 queued,
// keep-alive, 30 s timeout) and a SessionPool with the plugin's defaults (1 to 16 sessions):
//
//   GET /bare            a small JSON document: the ceiling of any handler on this server
//   GET /select          one primary-key SELECT of an organization through the SessionPool,
//                        with a new Poco::Data::Statement per request (prepared every time),
//                        as a handler is usually written
//   GET /select-reused   the same SELECT through a Statement that each thread prepared once
//                        and re-executes with a rebound id (no re-prepare)
//
//     orgs-bench-reference --port=0 --connector=MySQL --connection-string=... [--id=1]
//
// Prints "Reference server listening on http://127.0.0.1:PORT" when ready; stops on SIGTERM.
//


#include "Poco/Data/MySQL/Connector.h"
#include "Poco/Data/SQLite/Connector.h"
#include "Poco/Data/Session.h"
#include "Poco/Data/SessionPool.h"
#include "Poco/Data/Statement.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPServer.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/ThreadPool.h"
#include "Poco/Util/HelpFormatter.h"
#include "Poco/Util/Option.h"
#include "Poco/Util/OptionSet.h"
#include "Poco/Util/ServerApplication.h"
#include <iostream>
#include <memory>
#include <sstream>


using namespace Poco::Data::Keywords;
using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;


namespace {


void sendJson(HTTPServerResponse& response, const Poco::JSON::Object& body,
              HTTPResponse::HTTPStatus status = HTTPResponse::HTTP_OK)
	/// Sends body as the plugin sends its documents: stringified, with a Content-Length.
{
	std::ostringstream out;
	body.stringify(out);
	const std::string text = out.str();
	response.setStatus(status);
	response.setContentType("application/json");
	response.setContentLength(static_cast<std::streamsize>(text.size()));
	response.send() << text;
}


class BareHandler : public HTTPRequestHandler
	/// Answers a small JSON document without touching anything else.
{
public:
	void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
	{
		Poco::JSON::Object body;
		body.set("status", "ok");
		body.set("service", "orgs-bench-reference");
		sendJson(response, body);
	}
};


class SelectHandler : public HTTPRequestHandler
	/// One primary-key SELECT with a pooled session and a new Statement.
{
public:
	SelectHandler(Poco::Data::SessionPool& pool, Poco::Int64 id) : _pool(pool), _id(id) {}

	void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
	{
		Poco::Data::Session session = _pool.get();
		Poco::Int64 id = 0;
		std::string username, title;
		Poco::Data::Statement st(session);
		st << "SELECT id, username, title FROM organizations WHERE id = ?", use(_id), into(id), into(username),
		    into(title);
		const std::size_t rows = st.execute();
		Poco::JSON::Object body;
		if (rows == 0)
		{
			body.set("error", "not found");
			sendJson(response, body, HTTPResponse::HTTP_NOT_FOUND);
			return;
		}
		body.set("id", id);
		body.set("username", username);
		body.set("title", title);
		sendJson(response, body);
	}

private:
	Poco::Data::SessionPool& _pool;
	Poco::Int64 _id;
};


class ReusedSelectHandler : public HTTPRequestHandler
	/// The same SELECT through a Statement prepared once per server thread, on that thread's
	/// own session, and re-executed with the id rebound.
{
public:
	ReusedSelectHandler(const std::string& connector, const std::string& connectionString, Poco::Int64 id)
	    : _connector(connector), _connectionString(connectionString), _id(id)
	{
	}

	void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
	{
		thread_local std::unique_ptr<Prepared> pPrepared;
		if (!pPrepared)
			pPrepared.reset(new Prepared(_connector, _connectionString));
		Prepared& p = *pPrepared;
		p.key = _id;
		const std::size_t rows = p.statement.execute();
		Poco::JSON::Object body;
		if (rows == 0)
		{
			body.set("error", "not found");
			sendJson(response, body, HTTPResponse::HTTP_NOT_FOUND);
			return;
		}
		body.set("id", p.id);
		body.set("username", p.username);
		body.set("title", p.title);
		sendJson(response, body);
	}

private:
	struct Prepared
	{
		Prepared(const std::string& connector, const std::string& connectionString)
		    : session(connector, connectionString), statement(session)
		{
			statement << "SELECT id, username, title FROM organizations WHERE id = ?", use(key), into(id),
			    into(username), into(title);
		}

		Poco::Data::Session session;
		Poco::Data::Statement statement;
		Poco::Int64 key = 0;
		Poco::Int64 id = 0;
		std::string username;
		std::string title;
	};

	std::string _connector;
	std::string _connectionString;
	Poco::Int64 _id;
};


class NotFoundHandler : public HTTPRequestHandler
{
public:
	void handleRequest(HTTPServerRequest&, HTTPServerResponse& response) override
	{
		Poco::JSON::Object body;
		body.set("error", "no such route");
		sendJson(response, body, HTTPResponse::HTTP_NOT_FOUND);
	}
};


class ReferenceFactory : public Poco::Net::HTTPRequestHandlerFactory
	/// Routes GET /bare, /select and /select-reused; anything else gets 404.
{
public:
	ReferenceFactory(Poco::Data::SessionPool& pool, const std::string& connector, const std::string& connectionString,
	                 Poco::Int64 id)
	    : _pool(pool), _connector(connector), _connectionString(connectionString), _id(id)
	{
	}

	HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override
	{
		const std::string& uri = request.getURI();
		const std::string path = uri.substr(0, uri.find('?'));
		if (request.getMethod() == "GET" && path == "/bare")
			return new BareHandler;
		if (request.getMethod() == "GET" && path == "/select")
			return new SelectHandler(_pool, _id);
		if (request.getMethod() == "GET" && path == "/select-reused")
			return new ReusedSelectHandler(_connector, _connectionString, _id);
		return new NotFoundHandler;
	}

private:
	Poco::Data::SessionPool& _pool;
	std::string _connector;
	std::string _connectionString;
	Poco::Int64 _id;
};


class ReferenceServer : public Poco::Util::ServerApplication
	/// The server application: options, the session pool and the HTTPServer.
{
protected:
	void defineOptions(Poco::Util::OptionSet& options) override
	{
		ServerApplication::defineOptions(options);
		options.addOption(
		    Poco::Util::Option("help", "h", "print this help")
		        .callback(Poco::Util::OptionCallback<ReferenceServer>(this, &ReferenceServer::handleHelp)));
		options.addOption(Poco::Util::Option("port", "p", "port to listen on (0: a free one)")
		                      .argument("PORT")
		                      .binding("reference.port"));
		options.addOption(Poco::Util::Option("connector", "c", "Poco::Data connector: MySQL or SQLite")
		                      .argument("NAME")
		                      .binding("reference.connector"));
		options.addOption(Poco::Util::Option("connection-string", "s", "Poco::Data connection string")
		                      .argument("STRING")
		                      .binding("reference.connectionString"));
		options.addOption(
		    Poco::Util::Option("id", "i", "the organization id /select reads").argument("ID").binding("reference.id"));
	}

	void handleHelp(const std::string&, const std::string&)
	{
		Poco::Util::HelpFormatter formatter(options());
		formatter.setCommand(commandName());
		formatter.setUsage("OPTIONS");
		formatter.setHeader("Reference handlers for the Orgs load benchmark: GET /bare, /select, /select-reused.");
		formatter.format(std::cout);
		_helpRequested = true;
		stopOptionsProcessing();
	}

	int main(const std::vector<std::string>&) override
	{
		if (_helpRequested)
			return EXIT_OK;
		const std::string connector = config().getString("reference.connector", "MySQL");
		const std::string connectionString = config().getString("reference.connectionString", "");
		if (connectionString.empty())
		{
			std::cerr << "orgs-bench-reference: --connection-string is required" << std::endl;
			return EXIT_USAGE;
		}
		Poco::Data::MySQL::Connector::registerConnector();
		Poco::Data::SQLite::Connector::registerConnector();

		// The plugin's defaults: orgs.database.minSessions 1, maxSessions 16, idleSeconds 60.
		Poco::Data::SessionPool pool(connector, connectionString, 1, 16, 60);
		{
			Poco::Data::Session warm = pool.get(); // fail now, not on the first request
		}

		// orgs-host's defaults: http.minThreads 2, maxThreads 16, maxQueued 64, keepAlive, 30 s.
		Poco::ThreadPool threads("orgs-bench-reference", 2, 16);
		Poco::Net::HTTPServerParams::Ptr pParams(new Poco::Net::HTTPServerParams);
		pParams->setMaxThreads(16);
		pParams->setMaxQueued(64);
		pParams->setKeepAlive(true);
		pParams->setTimeout(Poco::Timespan(30, 0));
		Poco::Net::ServerSocket socket;
		socket.bind(
		    Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(config().getInt("reference.port", 0))),
		    true);
		socket.listen(64);
		Poco::Net::HTTPServer server(
		    new ReferenceFactory(pool, connector, connectionString, config().getInt64("reference.id", 1)), threads,
		    socket, pParams);
		server.start();
		std::cout << "Reference server listening on http://127.0.0.1:" << socket.address().port() << std::endl;
		waitForTerminationRequest();
		server.stopAll(true);
		threads.joinAll();
		return EXIT_OK;
	}

private:
	bool _helpRequested = false;
};


} // namespace


POCO_SERVER_MAIN(ReferenceServer)
