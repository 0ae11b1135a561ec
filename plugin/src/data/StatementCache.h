//
// StatementCache.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  StatementCache
//
// Prepared SELECT statements kept per database connection and re-executed.
//


#ifndef Orgs_StatementCache_INCLUDED
#define Orgs_StatementCache_INCLUDED


#include "Poco/AutoPtr.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Session.h"
#include "Poco/Data/SessionImpl.h"
#include "Poco/Data/Statement.h"
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>


namespace Orgs {
namespace Data {


class Param
	/// A value bound to one "?" of a cached statement: an integer or a text.
{
public:
	Param(Poco::Int64 value) : _text(false), _integer(value) {}
	Param(int value) : _text(false), _integer(value) {}
	Param(const std::string& value) : _text(true), _integer(0), _string(value) {}
	Param(const char* value) : _text(true), _integer(0), _string(value) {}

	bool isText() const { return _text; }
	Poco::Int64 integer() const { return _integer; }
	const std::string& text() const { return _string; }

private:
	bool _text;
	Poco::Int64 _integer;
	std::string _string;
};


class StatementCache
	/// Poco prepares every new Poco::Data::Statement again: on MySQL a server round trip for
	/// the prepare and one for closing it, on every request. This cache keeps one prepared
	/// Statement per (connection, SQL text) and re-executes it with new values.
	///
	/// Connections are told apart by the driver session beneath Poco's pooled wrapper; the
	/// cache holds a reference to it, so a statement never outlives its connection, and drops
	/// the statements of connections the pool has closed. A pooled session is used by one
	/// thread at a time, so only the lookup is locked.
	///
	/// A statement that fails is dropped and prepared afresh on its next use. One the server
	/// has forgotten after a reconnect (MySQL errors 1243 and 2030: it never ran) is prepared
	/// again and run at once; any other error reaches the caller, whose transaction it may have ended.
{
public:
	explicit StatementCache(std::size_t maxConnections);
		/// maxConnections bounds how many connections' statements are kept (the pool's size).

	~StatementCache();

	Poco::Data::RecordSet select(Poco::Data::Session& session, const std::string& sql,
	                             const std::vector<Param>& params);
		/// Runs the SELECT sql with params bound in order and returns its rows. The RecordSet
		/// is valid until the same sql runs again on the same session. Never copy a RecordSet
		/// (Poco 1.11's copy constructor frees its row iterators twice): initialise it from the
		/// call.

	void clear();
		/// Drops every cached statement (before the pool shuts down).

	std::size_t size() const;
		/// Returns the number of statements cached, over all connections.

private:
	struct Entry
	{
		explicit Entry(Poco::Data::Session& session) : statement(session) {}

		Poco::Data::Statement statement;
		std::string signature; ///< 'i' or 't' per parameter
		std::vector<Poco::Int64> integers;
		std::vector<std::string> texts;
	};

	struct Connection
	{
		Poco::AutoPtr<Poco::Data::SessionImpl> pDriverSession;
		std::unordered_map<std::string, std::unique_ptr<Entry>> statements;
	};

	Connection& connection(Poco::Data::Session& session);
	std::unique_ptr<Entry> prepare(Poco::Data::Session& session, const std::string& sql,
	                               const std::vector<Param>& params);
	static bool forgotten(const Poco::Exception& exc);
	static std::string signature(const std::vector<Param>& params);
	static void assign(Entry& entry, const std::vector<Param>& params);
	void dropClosedConnections();

	const std::size_t _maxConnections;
	mutable std::mutex _mutex;
	std::unordered_map<Poco::Data::SessionImpl*, std::unique_ptr<Connection>> _connections;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_StatementCache_INCLUDED
