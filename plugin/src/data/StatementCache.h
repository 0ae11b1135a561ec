//
// StatementCache.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  StatementCache
//
// Prepared statements kept per database connection and re-executed.
//


#ifndef Orgs_StatementCache_INCLUDED
#define Orgs_StatementCache_INCLUDED


#include "Poco/AutoPtr.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Session.h"
#include "Poco/Data/SessionImpl.h"
#include "Poco/Data/Statement.h"
#include "Poco/Nullable.h"
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>


namespace Orgs {
namespace Data {


class Param
	/// A value bound to one "?" of a cached statement: an integer or a text, either of which
	/// may be NULL. A NULL keeps its kind, so that the statement prepared for a value serves
	/// NULL too.
{
public:
	Param(Poco::Int64 value) : _text(false), _null(false), _integer(value) {}
	Param(int value) : _text(false), _null(false), _integer(value) {}
	Param(const std::string& value) : _text(true), _null(false), _integer(0), _string(value) {}
	Param(const char* value) : _text(true), _null(false), _integer(0), _string(value) {}
	Param(const Poco::Nullable<Poco::Int64>& value)
	    : _text(false), _null(value.isNull()), _integer(value.isNull() ? 0 : value.value())
	{
	}
	Param(const Poco::Nullable<std::string>& value)
	    : _text(true), _null(value.isNull()), _integer(0), _string(value.isNull() ? std::string() : value.value())
	{
	}

	bool isText() const { return _text; }
	bool isNull() const { return _null; }
	Poco::Int64 integer() const { return _integer; }
	const std::string& text() const { return _string; }

private:
	bool _text;
	bool _null;
	Poco::Int64 _integer;
	std::string _string;
};


class StatementCache
	/// Poco prepares every new Poco::Data::Statement again: on MySQL a server round trip for
	/// the prepare and one for closing it, on every execution. This cache keeps one prepared
	/// Statement per (connection, SQL text) and re-executes it with new values: reads, writes
	/// and the transaction's own START TRANSACTION and COMMIT.
	///
	/// Connections are told apart by the driver session beneath Poco's pooled wrapper; the
	/// cache holds a reference to it, so a statement never outlives its connection, and drops
	/// the statements of connections the pool has closed. A pooled session is used by one
	/// thread at a time, so only the lookup is locked. A connection keeps at most
	/// MAX_STATEMENTS_PER_CONNECTION statements (SQL texts are fixed or take one of a few
	/// shapes, so the bound is never reached in normal use).
	///
	/// A statement that fails is dropped and prepared afresh on its next use. When the error
	/// says the connection was lost or re-established (MySQL errors 2006, 2013, 1243, 2030,
	/// 2056...), every statement of the connection is dropped: after a reconnect the server
	/// knows none of them. A statement the server had forgotten (1243, 2030, 2056: it never
	/// ran) is prepared again and run at once, unless the connection is inside a transaction
	/// (begin()): the reconnect ended that transaction, so the error reaches the caller, which
	/// retries the whole unit (Database::classify() says ConnectionLost).
{
public:
	static const std::size_t MAX_STATEMENTS_PER_CONNECTION = 256;

	explicit StatementCache(std::size_t maxConnections);
		/// maxConnections bounds how many connections' statements are kept (the pool's size).

	~StatementCache();

	Poco::Data::RecordSet select(Poco::Data::Session& session, const std::string& sql,
	                             const std::vector<Param>& params);
		/// Runs the SELECT sql with params bound in order and returns its rows. The RecordSet
		/// is valid until the same sql runs again on the same session. Never copy a RecordSet
		/// (Poco 1.11's copy constructor frees its row iterators twice): initialise it from the
		/// call.

	std::size_t execute(Poco::Data::Session& session, const std::string& sql, const std::vector<Param>& params);
		/// Runs a statement that returns no rows (INSERT, UPDATE, DELETE, transaction control)
		/// and returns the number of rows it changed (MySQL counts changed rows, not matched ones).

	void begin(Poco::Data::Session& session, const std::string& sql);
		/// Runs sql (START TRANSACTION, BEGIN IMMEDIATE) and notes that the connection is in a
		/// transaction until end().

	void end(Poco::Data::Session& session, const std::string& sql);
		/// Runs sql (COMMIT, ROLLBACK); the connection is out of its transaction even if it fails.

	void close(Poco::Data::Session& session) noexcept;
		/// Drops the statements of session's connection and closes the connection, so that its
		/// pool discards it instead of handing it out again (after the connection was lost).

	void clear();
		/// Drops every cached statement (before the pool shuts down).

	std::size_t size() const;
		/// Returns the number of statements cached, over all connections.

	std::size_t size(Poco::Data::Session& session);
		/// Returns the number of statements cached for the connection of session.

	Poco::UInt64 prepared() const;
		/// Returns how many statements were prepared so far (each cache miss, including the
		/// ones prepared again after an error): in steady state it stops growing.

private:
	struct Entry
	{
		explicit Entry(Poco::Data::Session& session) : statement(session) {}

		Poco::Data::Statement statement;
		std::string signature; ///< 'i' or 't' per parameter
		std::vector<Poco::Nullable<Poco::Int64>> integers;
		std::vector<Poco::Nullable<std::string>> texts;
	};

	struct Connection
	{
		Poco::AutoPtr<Poco::Data::SessionImpl> pDriverSession;
		std::unordered_map<std::string, std::unique_ptr<Entry>> statements;
		bool inTransaction = false;
	};

	enum class Failure
	{
		Statement, ///< the statement failed (a constraint, a deadlock, bad SQL): drop it
		Lost,      ///< the connection was lost: drop every statement of the connection
		Forgotten  ///< the connection was re-established and the statement never ran
	};

	Entry& run(Poco::Data::Session& session, const std::string& sql, const std::vector<Param>& params,
	           std::size_t& changed);
	Connection& connection(Poco::Data::Session& session);
	std::unique_ptr<Entry> prepare(Poco::Data::Session& session, const std::string& sql,
	                               const std::vector<Param>& params);
	static Failure failure(const Poco::Exception& exc);
	static std::string signature(const std::vector<Param>& params);
	static void assign(Entry& entry, const std::vector<Param>& params);
	void dropClosedConnections();

	const std::size_t _maxConnections;
	mutable std::mutex _mutex;
	std::unordered_map<Poco::Data::SessionImpl*, std::unique_ptr<Connection>> _connections;
	std::atomic<Poco::UInt64> _prepared{0};
};


inline Poco::UInt64 StatementCache::prepared() const
{
	return _prepared.load(std::memory_order_relaxed);
}


} // namespace Data
} // namespace Orgs


#endif // Orgs_StatementCache_INCLUDED
