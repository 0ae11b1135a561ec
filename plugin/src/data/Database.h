//
// Database.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  Database
//
// The session pool, the SQL dialect, transactions and the translation of driver errors.
//


#ifndef Orgs_Database_INCLUDED
#define Orgs_Database_INCLUDED


#include "Orgs/Model.h"
#include "config/Settings.h"
#include "data/Credential.h"
#include "data/StatementCache.h"
#include "Poco/Data/DataException.h"
#include "Poco/Data/Session.h"
#include "Poco/Data/SessionPool.h"
#include "Poco/BasicEvent.h"
#include "Poco/Exception.h"
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Data {


class EventSink;
class NodePools;


POCO_DECLARE_EXCEPTION(, UnitLostException, Poco::Data::DataException)
	/// A cluster's transaction was aborted between two of its statements without the client
	/// being told (Database::transact() runs the unit again).


class Database
	/// Owns the Poco::Data session pool for one database (SQLite or MySQL/MariaDB) and runs
	/// units of work on it.
	///
	/// Every multi-row change runs in transact(): one transaction, retried as a whole after a
	/// deadlock or a lost connection. Repositories receive the Session and never open their own.
	///
	/// The transaction is also the unit of work that keeps the caches right: a repository that
	/// writes a row an access decision reads calls accessChanged(), one that writes an
	/// organization row organizationChanged(). Before the transaction commits, each
	/// organization whose access changed gets its acl_version incremented, once, in ascending
	/// id order (the services lock the organization row first, so this takes no new lock);
	/// once it commits, the committed event names what changed, and every cache of this
	/// process forgets it. Other processes see the new acl_version within maxStaleness.
{
public:
	enum class Dialect
	{
		MySQL,
		SQLite
	};

	enum class ErrorKind
	{
		Duplicate,      ///< a unique or primary key was violated
		ForeignKey,     ///< a foreign key was violated
		Check,          ///< a CHECK constraint was violated
		Retryable,      ///< deadlock, lock wait timeout, busy database
		ConnectionLost, ///< the server went away or could not be reached
		Other
	};

	enum class StatementError
		/// A failed statement's class, as the metrics count it (statementErrors()).
	{
		DuplicateKey,    ///< a unique or primary key was violated
		ForeignKey,      ///< a foreign key was violated
		Check,           ///< a CHECK constraint was violated
		Deadlock,        ///< MySQL 1213 (transact() retries)
		LockWaitTimeout, ///< MySQL 1205 (transact() retries)
		Busy,            ///< SQLite: the database or a table is locked (transact() retries)
		Connection,      ///< the server went away or could not be reached
		Other,
		COUNT
	};

	struct PoolState
		/// The session pool at one moment.
	{
		int capacity = 0; ///< orgs.database.maxSessions
		int used = 0;     ///< sessions handed out and not yet returned
		int idle = 0;     ///< open sessions waiting in the pool
	};

	struct Changes
		/// What a committed transaction changed; each id once, ascending.
	{
		std::vector<Id> access;        ///< organizations in which who may do what changed
		std::vector<Id> organizations; ///< organizations whose row changed
	};

	Poco::BasicEvent<const Changes> committed;
		/// Fired on the transaction's thread once a transaction that recorded changes has
		/// committed, before transact() returns: the caches of this process listen to it
		/// (AccessControlImpl, Guard). A listener must not throw.

	static const int RETRIES = 6;
		/// How many times transact() runs a unit that meets deadlocks or certification
		/// conflicts before it answers database_busy.

	explicit Database(const Config::DatabaseSettings& settings);
		/// Registers the connector and creates the pools (one per node of orgs.database.nodes,
		/// see NodePools). Creates the folder of a SQLite file.

	~Database();

	Dialect dialect() const;
	const std::string& connector() const;

	Poco::Data::Session session(std::size_t* pNode = nullptr);
		/// Returns a pooled session of the node in use (its index in *pNode if given). If the
		/// node cannot be reached, moves to another one (failover()). Throws
		/// UnavailableException if no session can be had.

	bool failover(std::size_t node);
		/// Tells that node failed (a lost connection, a node out of sync): later sessions come
		/// from another node that is in sync, if one answers within failoverSeconds. Returns
		/// true if a node is in use that answered since. See NodePools::failover().

	std::size_t currentNode() const;
		/// Returns the index of the node in use, in orgs.database.nodes (0: the preferred one).

	Poco::UInt64 failovers() const;
		/// Returns how many times this process moved to another node.

	Poco::UInt64 sessionsTaken() const;
		/// Returns how many sessions session() handed out so far. Every statement needs one, so
		/// work answered from the caches alone leaves it unchanged (tests count it).

	Poco::UInt64 sessionWaits() const;
		/// Returns how many times session() found every session of the pool in use and had to
		/// wait (or gave up: database_busy).

	PoolState pool() const;
		/// Returns the pool's sessions in use and idle now.

	Poco::UInt64 statementErrors(StatementError kind) const;
		/// Returns how many statements run by select() or execute() failed with an error of kind.

	static StatementError statementError(const Poco::Exception& exc);
		/// Returns the class of a driver error (from classify() and the MySQL error number).

	static const char* statementErrorName(StatementError kind);
		/// Returns the class's metric label: duplicate_key, foreign_key, check, deadlock,
		/// lock_wait_timeout, busy, connection, other.

	Poco::Data::Session openDedicated();
		/// Opens a session outside the pool (used by the migrator to hold its lock).

	template <class F>
	auto withSession(F&& fn) -> decltype(fn(std::declval<Poco::Data::Session&>()))
		/// Runs fn(session) with a pooled session in autocommit mode, once more on a fresh
		/// session (of another node if its node failed) if the connection was lost.
	{
		for (int attempt = 1;; ++attempt)
		{
			std::size_t node = 0;
			Poco::Data::Session s = session(&node);
			try
			{
				return fn(s);
			}
			catch (Poco::Exception& exc)
			{
				if (!retry(s, node, exc, attempt, false))
					throw;
			}
		}
	}

	template <class F>
	auto transact(F&& fn) -> decltype(fn(std::declval<Poco::Data::Session&>()))
		/// Runs fn(session) in one transaction and commits; rolls back if fn throws.
		/// The whole unit is retried after a lost connection (3 attempts, on another node if
		/// its node failed) or a deadlock, a Galera certification conflict or a lock timeout
		/// (RETRIES attempts, with jittered back-off; then UnavailableException
		/// "database_busy"), so fn must not have effects outside the database. A connection
		/// lost during the COMMIT itself is not retried: the change may have been made, and
		/// the caller gets UnavailableException saying so.
		///
		/// While a Credential scope with a token is open on this thread, its check is the first
		/// statement of every attempt: a revoked token throws UnauthenticatedException before
		/// fn runs, and the token cannot be revoked until the transaction ends.
	{
		for (int attempt = 1;; ++attempt)
		{
			std::size_t node = 0;
			Poco::Data::Session s = session(&node);
			UnitOfWork work(s);
			try
			{
				begin(s);
				Credential::verify(s);
				if constexpr (std::is_void_v<decltype(fn(s))>)
				{
					fn(s);
					commit(s, work);
					return;
				}
				else
				{
					auto result = fn(s);
					commit(s, work);
					return result;
				}
			}
			catch (Poco::Exception& exc)
			{
				// A unit that fails because its transaction ended unseen under it (a row it
				// wrote is not there any more) runs again, whatever it threw.
				const bool lost = !work._committing && endedUnseen(s, exc);
				rollback(s);
				if (lost ? !retry(s, node, UnitLostException("the transaction ended unseen under the unit"), attempt,
				                  false)
				         : !retry(s, node, exc, attempt, work._committing))
					throw;
			}
		}
	}

	class UnitOfWork
		/// The transaction in progress on this thread (used by transact()): the organizations
		/// whose access or row it changes, and the hooks to run once it commits.
	{
	public:
		explicit UnitOfWork(Poco::Data::Session& session);
		~UnitOfWork();

	private:
		UnitOfWork(const UnitOfWork&) = delete;
		UnitOfWork& operator=(const UnitOfWork&) = delete;

		static UnitOfWork& current(Poco::Data::Session& session);
			/// Returns the unit of work of session's transaction. Throws
			/// Poco::IllegalStateException outside transact() or for another session.

		UnitOfWork* _pOuter;
		Poco::Data::SessionImpl* _pSession;
		Changes _changes;
		std::vector<std::function<void()>> _hooks;
		std::vector<std::function<void()>> _rollbackHooks;
		bool _committed = false;
		bool _committing = false; ///< the COMMIT was sent
		friend class Database;
	};

	void accessChanged(Poco::Data::Session& session, Id organizationId);
		/// Records, in session's transaction, that who may do what in the organization changes:
		/// its acl_version moves before the transaction commits and this process's cached
		/// grants of it are forgotten once it commits. Every repository write of a row that an
		/// access decision reads (AccessRepository's tables) calls it when the write changed
		/// something. Throws Poco::IllegalStateException outside transact().

	void organizationChanged(Poco::Data::Session& session, Id organizationId);
		/// Records, in session's transaction, that the organization's row changes: this
		/// process's cached organizations are forgotten once it commits (acl_version moves only
		/// if accessChanged() is recorded too). Every repository write of an organizations row
		/// calls it. Throws Poco::IllegalStateException outside transact().

	static void afterCommit(std::function<void()> hook);
		/// Runs hook once the transaction in progress on this thread commits (never if it rolls
		/// back). Throws Poco::IllegalStateException outside transact().

	static void afterRollback(std::function<void()> hook);
		/// Runs hook once the transaction in progress on this thread ends without committing
		/// (rolled back, retried, or its COMMIT failed); never if it commits. A hook must not
		/// throw. Throws Poco::IllegalStateException outside transact().

	void setEventSink(EventSink* pSink);
		/// Names the object told of every organization event as it is written (the events
		/// module's), or none (nullptr). The sink must outlive its registration.

	EventSink* eventSink() const;
		/// Returns the registered event sink, or nullptr.

	Poco::Data::RecordSet select(Poco::Data::Session& session, const std::string& sql,
	                             const std::vector<Param>& params);
		/// Runs a SELECT through the statement prepared for sql on this session's connection
		/// (StatementCache): no statement pays a prepare round trip after its first run there.
		/// Every repository statement goes through select() or execute().

	std::size_t execute(Poco::Data::Session& session, const std::string& sql, const std::vector<Param>& params);
		/// Runs an INSERT, UPDATE or DELETE through the statement prepared for sql on this
		/// session's connection and returns the number of rows it changed.

	std::size_t statementsCached() const;
		/// Returns how many prepared statements the cache holds, over all connections.

	std::size_t statementsCached(Poco::Data::Session& session);
		/// Returns how many prepared statements the cache holds for the connection of session.

	Poco::UInt64 statementsPrepared() const;
		/// Returns how many statements the cache prepared so far; in steady state every
		/// statement is one it prepared before, and this stops growing (tests count it).

	Id lastInsertId(Poco::Data::Session& session);
		/// Returns the id generated by the last INSERT on this session. On MySQL the client
		/// library has it from the INSERT's answer: no statement.

	const char* forUpdate() const;
		/// Returns " FOR UPDATE" on MySQL and "" on SQLite (whose writers are serialised by
		/// BEGIN IMMEDIATE).

	const char* forShare() const;
		/// Returns " LOCK IN SHARE MODE" on MySQL and "" on SQLite: a locking read that keeps
		/// the row from changing until the transaction ends. It takes no snapshot, so the first
		/// plain read still decides what a MariaDB transaction sees (see Quotas).

	static ErrorKind classify(const Poco::Exception& exc);
		/// Tells what kind of driver error exc is. Poco's MySQL connector puts the server's
		/// error number only in the message text, so this is the one place that reads it.

	void ping();
		/// Runs a trivial query. Throws UnavailableException if the database does not answer.

	static Poco::Int64 toMicros(const Poco::Timestamp& ts);
	static Poco::Timestamp fromMicros(Poco::Int64 micros);

private:
	void begin(Poco::Data::Session& s);
	void commit(Poco::Data::Session& s, UnitOfWork& work);
		/// Increments acl_version of each organization whose access changed, commits, then runs
		/// the hooks and fires committed.
	void rollback(Poco::Data::Session& s) noexcept;
	bool endMarker(Poco::Data::Session& s);
		/// On a cluster: deletes the transaction's marker row; false if it was not there (the
		/// transaction was aborted under the unit, and its later statements ran outside it).
	bool endedUnseen(Poco::Data::Session& s, const Poco::Exception& exc) noexcept;
		/// On a cluster, after the unit threw exc (not a database error transact() handles
		/// anyway): true if its transaction had already ended unseen (endMarker()).
	void restoreAutocommit(Poco::Data::Session& s) noexcept;
		/// After a cluster's transaction: autocommit on again, or the session closed.
	bool retry(Poco::Data::Session& s, std::size_t node, const Poco::Exception& exc, int attempt, bool committing);
		/// Decides after a failed attempt: true to run the unit again, false to throw exc;
		/// throws UnavailableException when the attempts are used up.
	void countError(const Poco::Exception& exc) noexcept;

	Config::DatabaseSettings _settings;
	Dialect _dialect;
	std::unique_ptr<NodePools> _pNodes;
	StatementCache _statements;
	std::atomic<Poco::UInt64> _sessionsTaken{0};
	std::atomic<Poco::UInt64> _sessionWaits{0};
	std::atomic<Poco::UInt64> _statementErrors[static_cast<int>(StatementError::COUNT)]{};
	std::atomic<EventSink*> _pEventSink{nullptr};
};


inline Database::Dialect Database::dialect() const
{
	return _dialect;
}


inline Poco::Data::RecordSet Database::select(Poco::Data::Session& session, const std::string& sql,
                                              const std::vector<Param>& params)
{
	try
	{
		return _statements.select(session, sql, params);
	}
	catch (Poco::Exception& exc)
	{
		countError(exc);
		throw;
	}
}


inline std::size_t Database::execute(Poco::Data::Session& session, const std::string& sql,
                                     const std::vector<Param>& params)
{
	try
	{
		return _statements.execute(session, sql, params);
	}
	catch (Poco::Exception& exc)
	{
		countError(exc);
		throw;
	}
}


inline Poco::UInt64 Database::sessionWaits() const
{
	return _sessionWaits.load(std::memory_order_relaxed);
}


inline Poco::UInt64 Database::statementErrors(StatementError kind) const
{
	return _statementErrors[static_cast<int>(kind)].load(std::memory_order_relaxed);
}


inline Poco::UInt64 Database::statementsPrepared() const
{
	return _statements.prepared();
}


inline std::size_t Database::statementsCached(Poco::Data::Session& session)
{
	return _statements.size(session);
}


inline EventSink* Database::eventSink() const
{
	return _pEventSink.load(std::memory_order_acquire);
}


inline Poco::UInt64 Database::sessionsTaken() const
{
	return _sessionsTaken.load(std::memory_order_relaxed);
}


inline std::size_t Database::statementsCached() const
{
	return _statements.size();
}


inline const std::string& Database::connector() const
{
	return _settings.connector;
}


} // namespace Data
} // namespace Orgs


#endif // Orgs_Database_INCLUDED
