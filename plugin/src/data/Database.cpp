//
// Database.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  Database
//


#include "data/Database.h"
#include "data/NodePools.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include "Poco/Data/DataException.h"
#include "Poco/Data/MySQL/Connector.h"
#include "Poco/Data/MySQL/MySQLException.h"
#include "Poco/Data/SQLite/Connector.h"
#include "Poco/Data/SQLite/SQLiteException.h"
#include "Poco/File.h"
#include "Poco/NumberParser.h"
#include "Poco/Path.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include <algorithm>
#include <random>


using namespace Poco::Data::Keywords;


namespace Orgs {
namespace Data {


namespace {


bool hasKey(const std::string& connectionString, const std::string& key)
{
	return Poco::toLower(connectionString).find(key + "=") != std::string::npos;
}


std::string normalizeMySQL(std::string cs, bool cluster)
{
	// utf8mb4 (the default is utf8mb3, which rejects emoji) and, on a single server,
	// reconnection after a server restart (a pooled session otherwise keeps failing with
	// 2006), unless the operator chose. A cluster's sessions are replaced instead (NodePools):
	// a silent reconnect would drop their wsrep_sync_wait, and may belong on another node.
	if (!hasKey(cs, "character-set"))
		cs += ";character-set=utf8mb4";
	if (!hasKey(cs, "auto-reconnect"))
		cs += cluster ? ";auto-reconnect=false" : ";auto-reconnect=true";
	return cs;
}


int mysqlErrorNumber(const std::string& text)
{
	static const Poco::RegularExpression re("errno\\]?:? *([0-9]{4})");
	std::vector<std::string> groups;
	if (re.split(text, groups) >= 2)
		return Poco::NumberParser::parse(groups[1]);
	return 0;
}


// What a caller is told: the driver's text (library, error number, server address, statement)
// stays in the nested exception, for the log.
const std::string UNAVAILABLE = "The database is not available; retry later";
const std::string BUSY = "The database is busy; retry later";
const std::string UNCONFIRMED = "The database did not confirm the change, which may or may not have been made; "
                                "check before retrying";


thread_local std::minstd_rand t_jitter(std::random_device{}());


} // namespace


namespace {


thread_local Database::UnitOfWork* t_pWork = nullptr;


void insertSorted(std::vector<Id>& ids, Id id)
	/// Adds id to the ascending ids unless it is there: a transaction touches few organizations.
{
	auto it = std::lower_bound(ids.begin(), ids.end(), id);
	if (it == ids.end() || *it != id)
		ids.insert(it, id);
}


} // namespace


Database::UnitOfWork::UnitOfWork(Poco::Data::Session& session) : _pOuter(t_pWork), _pSession(session.impl())
{
	t_pWork = this;
}


Database::UnitOfWork::~UnitOfWork()
{
	if (t_pWork == this)
		t_pWork = _pOuter;
	if (!_committed)
	{
		for (auto& hook : _rollbackHooks)
			hook();
	}
}


Database::UnitOfWork& Database::UnitOfWork::current(Poco::Data::Session& session)
{
	if (!t_pWork)
		throw Poco::IllegalStateException("A change of access-bearing rows outside Database::transact()");
	if (t_pWork->_pSession != session.impl())
		throw Poco::IllegalStateException("A change of access-bearing rows through another session than its "
		                                  "transaction's");
	return *t_pWork;
}


void Database::accessChanged(Poco::Data::Session& session, Id organizationId)
{
	insertSorted(UnitOfWork::current(session)._changes.access, organizationId);
}


void Database::organizationChanged(Poco::Data::Session& session, Id organizationId)
{
	insertSorted(UnitOfWork::current(session)._changes.organizations, organizationId);
}


void Database::afterCommit(std::function<void()> hook)
{
	if (!t_pWork)
		throw Poco::IllegalStateException("Database::afterCommit() outside a transaction");
	t_pWork->_hooks.push_back(std::move(hook));
}


void Database::afterRollback(std::function<void()> hook)
{
	if (!t_pWork)
		throw Poco::IllegalStateException("Database::afterRollback() outside a transaction");
	t_pWork->_rollbackHooks.push_back(std::move(hook));
}


void Database::setEventSink(EventSink* pSink)
{
	_pEventSink.store(pSink, std::memory_order_release);
}


Database::Database(const Config::DatabaseSettings& settings)
    : _settings(settings), _dialect(settings.connector == "MySQL" ? Dialect::MySQL : Dialect::SQLite),
      _statements(static_cast<std::size_t>(std::max(settings.maxSessions, 1)))
{
	std::string cs = _settings.connectionString;
	if (_dialect == Dialect::MySQL)
	{
		Poco::Data::MySQL::Connector::registerConnector();
		cs = normalizeMySQL(cs, !_settings.nodes.empty());
	}
	else
	{
		Poco::Data::SQLite::Connector::registerConnector();
		Poco::Path parent = Poco::Path(cs).parent();
		if (!parent.toString().empty())
			Poco::File(parent).createDirectories();
	}
	_settings.connectionString = cs;
	_pNodes.reset(new NodePools(_settings, Poco::Logger::get("Orgs.Database"),
	                            [this](Poco::Data::Session& s) { _statements.close(s); }));
}


Database::~Database()
{
	_statements.clear(); // the statements first: they belong to the pool's connections
	try
	{
		_pNodes->shutdown();
	}
	catch (...)
	{
	}
	_pNodes.reset();
}


Poco::Data::Session Database::session(std::size_t* pNode)
{
	// Poco's pool refuses at once when every session is in use: a burst of requests above
	// maxSessions waits (up to sessionWaitMs) for a session to come back instead of failing.
	const Poco::Timestamp started;
	std::size_t unreachable = 0;
	for (int pause = 1;; pause = std::min(pause * 2, 20))
	{
		std::size_t node = 0;
		try
		{
			Poco::Data::Session s = _pNodes->get(node);
			_sessionsTaken.fetch_add(1, std::memory_order_relaxed);
			if (pNode)
				*pNode = node;
			return s;
		}
		catch (Poco::Data::SessionPoolExhaustedException&)
		{
			if (pause == 1)
				_sessionWaits.fetch_add(1, std::memory_order_relaxed); // once per caller that waits
			if (started.elapsed() >= Poco::Timestamp::TimeDiff(_settings.sessionWaitMs) * 1000)
				break;
			Poco::Thread::sleep(pause);
		}
		catch (Poco::Exception& exc)
		{
			// The node cannot be reached (or refused the session's set-up): another may.
			if (++unreachable >= _pNodes->size() + 1 || !failover(node))
			{
				// For the log: which server, and what the driver said.
				throw UnavailableException(
				    UNAVAILABLE, "database_unavailable",
				    Poco::Data::ConnectionFailedException(_settings.connector + " server " + _pNodes->node(node),
				                                          exc.displayText()));
			}
		}
	}
	throw UnavailableException(BUSY, "database_busy",
	                           Poco::TimeoutException("All " + std::to_string(_settings.maxSessions) +
	                                                  " database sessions stayed busy for " +
	                                                  std::to_string(_settings.sessionWaitMs) + " ms"));
}


Poco::Data::Session Database::openDedicated()
{
	return _pNodes->openDedicated();
}


std::size_t Database::currentNode() const
{
	return _pNodes->current();
}


bool Database::failover(std::size_t node)
{
	return _pNodes->failover(node);
}


Poco::UInt64 Database::failovers() const
{
	return _pNodes->failovers();
}


POCO_IMPLEMENT_EXCEPTION(UnitLostException, Poco::Data::DataException, "The transaction was aborted")


void Database::begin(Poco::Data::Session& s)
{
	// Plain statements, not Session::begin(): Poco's MySQL begin() turns autocommit off and its
	// commit() never turns it back on, so the pooled session would keep every later statement
	// in a transaction nobody commits.
	// Prepared once per connection, as every statement of the unit (StatementCache).
	if (_dialect == Dialect::SQLite)
		_statements.begin(s, "BEGIN IMMEDIATE"); // take the write lock up front: no deadlock on lock upgrade
	else if (!_settings.nodes.empty())
	{
		// On a cluster a replicated write may abort this transaction between two of its
		// statements (a brute-force abort). The server tells the next statement, but if the
		// client library loses that error the statements after it would each commit on their
		// own: half a change. With autocommit off they wait for COMMIT instead, and the marker
		// row, written first, tells at COMMIT whether they still belong to this transaction.
		// START TRANSACTION still opens it: that is where the session's wsrep_sync_wait makes
		// the node apply what the cluster committed before, and no later statement of an open
		// transaction waits (the marker's INSERT would open one that reads old rows).
		_statements.begin(s, "SET autocommit = 0");
		_statements.execute(s, "START TRANSACTION", {});
		_statements.execute(s, "INSERT INTO orgs_unit (id) VALUES (1)", {});
	}
	else
		_statements.begin(s, "START TRANSACTION");
}


void Database::commit(Poco::Data::Session& s, UnitOfWork& work)
{
	// Once per organization, whatever the number of writes, in ascending id order: the
	// services lock the organization's row first, so the increment waits for no new lock,
	// and two transactions that touch several organizations lock them in one order.
	for (Id organizationId : work._changes.access)
		_statements.execute(s, "UPDATE organizations SET acl_version = acl_version + 1 WHERE id = ?", {organizationId});
	if (_dialect == Dialect::MySQL && !_settings.nodes.empty() && !endMarker(s))
	{
		throw UnitLostException("the transaction's first statement was undone (aborted by a conflicting write of "
		                        "another node); its later statements are rolled back and the unit runs again");
	}
	work._committing = true;
	_statements.end(s, "COMMIT");
	if (_dialect == Dialect::MySQL && !_settings.nodes.empty())
		restoreAutocommit(s);
	// Committed: nothing below may undo it. A hook that runs a transaction has its own.
	work._committed = true;
	t_pWork = work._pOuter;
	for (auto& hook : work._hooks)
		hook();
	work._hooks.clear();
	if (!work._changes.access.empty() || !work._changes.organizations.empty())
		committed.notify(this, work._changes);
}


void Database::rollback(Poco::Data::Session& s) noexcept
{
	try
	{
		_statements.end(s, "ROLLBACK");
	}
	catch (...)
	{
		// The transaction is gone with the connection; nothing to undo.
	}
	if (_dialect == Dialect::MySQL && !_settings.nodes.empty())
		restoreAutocommit(s);
}


bool Database::endMarker(Poco::Data::Session& s)
{
	return _statements.execute(s, "DELETE FROM orgs_unit WHERE id = 1", {}) == 1;
}


bool Database::endedUnseen(Poco::Data::Session& s, const Poco::Exception& exc) noexcept
{
	if (_dialect != Dialect::MySQL || _settings.nodes.empty())
		return false;
	const ErrorKind kind = classify(exc);
	if (kind == ErrorKind::ConnectionLost || kind == ErrorKind::Retryable)
		return false; // run again, or given up, as it is
	try
	{
		// Deleted in the transaction about to be rolled back, so nothing changes if it lives.
		return !endMarker(s);
	}
	catch (...)
	{
		return false; // the connection cannot tell: exc stands
	}
}


void Database::restoreAutocommit(Poco::Data::Session& s) noexcept
{
	try
	{
		_statements.execute(s, "SET autocommit = 1", {});
	}
	catch (...)
	{
		// A session left without autocommit would keep every later statement in a transaction
		// nobody commits: it goes.
		_statements.close(s);
	}
}


bool Database::retry(Poco::Data::Session& s, std::size_t node, const Poco::Exception& exc, int attempt, bool committing)
{
	const ErrorKind kind = classify(exc);
	if (kind == ErrorKind::ConnectionLost)
	{
		// The connection goes, so that no later call gets it back from the pool; the next
		// attempt runs on a fresh one, on another node if this one failed.
		_statements.close(s);
		const bool moved = failover(node);
		if (committing)
		{
			// The COMMIT was sent and its answer lost: a cluster may have committed it on
			// every other node. Doing the change again could make it twice.
			throw UnavailableException(UNCONFIRMED, "database_unavailable", exc);
		}
		if (attempt < 3 && (moved || _pNodes->size() == 1))
			return true;
		throw UnavailableException(UNAVAILABLE, "database_unavailable", exc);
	}
	if (kind != ErrorKind::Retryable)
		return false;
	if (attempt >= RETRIES)
		throw UnavailableException(BUSY, "database_busy", exc);
	// A deadlock, or on a cluster a certification conflict at COMMIT, between writers of the
	// same rows: back off for 5, 20, 45, 80... ms, each from half to one and a half times
	// that at random, so that writers that collided once do not collide again in step.
	const int base = attempt * attempt * 5;
	std::uniform_int_distribution<int> jitter(base / 2, base + base / 2);
	Poco::Thread::sleep(jitter(t_jitter));
	return true;
}


Database::ErrorKind Database::classify(const Poco::Exception& exc)
{
	if (dynamic_cast<const OrgsException*>(&exc))
		return ErrorKind::Other;
	const std::string text = exc.displayText();
	if (dynamic_cast<const Poco::Data::SQLite::SQLiteException*>(&exc) ||
	    text.find("constraint failed") != std::string::npos)
	{
		if (text.find("UNIQUE constraint failed") != std::string::npos)
			return ErrorKind::Duplicate;
		if (text.find("FOREIGN KEY constraint failed") != std::string::npos)
			return ErrorKind::ForeignKey;
		if (text.find("CHECK constraint failed") != std::string::npos)
			return ErrorKind::Check;
		if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&exc) ||
		    dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&exc) ||
		    text.find("locked") != std::string::npos)
			return ErrorKind::Retryable;
		return ErrorKind::Other;
	}
	if (dynamic_cast<const UnitLostException*>(&exc))
		return ErrorKind::Retryable;
	const int number = mysqlErrorNumber(text);
	if (number == 0 && dynamic_cast<const Poco::Data::MySQL::StatementException*>(&exc) &&
	    text.find("mysql_stmt_fetch") != std::string::npos)
	{
		// Reading rows failed without an error number: seen on Galera when a replicated write
		// aborts this transaction while its rows are being read (a brute-force abort). The
		// transaction is gone, so the unit is run again, as after a deadlock.
		return ErrorKind::Retryable;
	}
	switch (number)
	{
	case 1062:
	case 1586:
		return ErrorKind::Duplicate;
	case 1216:
	case 1217:
	case 1451:
	case 1452:
		return ErrorKind::ForeignKey;
	case 3819:
	case 4025:
		return ErrorKind::Check;
	case 1205:
	case 1213:
		return ErrorKind::Retryable;
	// A Galera node outside the primary component, or not yet in sync, refuses work ("WSREP
	// has not yet prepared node for application use"): another node takes it.
	case 1047:
	case 1053:
	case 1927:
	case 2002:
	case 2003:
	case 2006:
	case 2013:
	case 2055:
	case 4031:
	// A prepared statement the server or the client library no longer knows: the connection
	// was re-established, and a transaction in progress ended with the old one.
	case 1243:
	case 2030:
	case 2056:
		return ErrorKind::ConnectionLost;
	default:
		break;
	}
	if (dynamic_cast<const Poco::Data::MySQL::ConnectionException*>(&exc))
		return ErrorKind::ConnectionLost;
	return ErrorKind::Other;
}


Database::StatementError Database::statementError(const Poco::Exception& exc)
{
	switch (classify(exc))
	{
	case ErrorKind::Duplicate:
		return StatementError::DuplicateKey;
	case ErrorKind::ForeignKey:
		return StatementError::ForeignKey;
	case ErrorKind::Check:
		return StatementError::Check;
	case ErrorKind::ConnectionLost:
		return StatementError::Connection;
	case ErrorKind::Retryable:
	{
		const int number = mysqlErrorNumber(exc.displayText());
		if (number == 1213)
			return StatementError::Deadlock;
		if (number == 1205)
			return StatementError::LockWaitTimeout;
		return StatementError::Busy;
	}
	default:
		return StatementError::Other;
	}
}


const char* Database::statementErrorName(StatementError kind)
{
	switch (kind)
	{
	case StatementError::DuplicateKey:
		return "duplicate_key";
	case StatementError::ForeignKey:
		return "foreign_key";
	case StatementError::Check:
		return "check";
	case StatementError::Deadlock:
		return "deadlock";
	case StatementError::LockWaitTimeout:
		return "lock_wait_timeout";
	case StatementError::Busy:
		return "busy";
	case StatementError::Connection:
		return "connection";
	default:
		return "other";
	}
}


void Database::countError(const Poco::Exception& exc) noexcept
{
	try
	{
		_statementErrors[static_cast<int>(statementError(exc))].fetch_add(1, std::memory_order_relaxed);
	}
	catch (...)
	{
		// Counting never replaces the statement's own error.
	}
}


Database::PoolState Database::pool() const
{
	PoolState p;
	p.capacity = _pNodes->capacity();
	p.used = _pNodes->used();
	p.idle = _pNodes->idle();
	return p;
}


Id Database::lastInsertId(Poco::Data::Session& session)
{
	if (_dialect == Dialect::MySQL)
	{
		// mysql_insert_id(): the id came with the INSERT's answer, no round trip.
		return static_cast<Id>(Poco::AnyCast<Poco::UInt64>(session.getProperty("insertId")));
	}
	Poco::Data::RecordSet rs = _statements.select(session, "SELECT last_insert_rowid()", {});
	return Rows(rs).integer(0, 0);
}


const char* Database::forUpdate() const
{
	return _dialect == Dialect::MySQL ? " FOR UPDATE" : "";
}


const char* Database::forShare() const
{
	return _dialect == Dialect::MySQL ? " LOCK IN SHARE MODE" : "";
}


void Database::ping()
{
	try
	{
		withSession([this](Poco::Data::Session& s) { _statements.select(s, "SELECT 1", {}); });
	}
	catch (UnavailableException&)
	{
		throw;
	}
	catch (Poco::Exception& exc)
	{
		throw UnavailableException(UNAVAILABLE, "database_unavailable", exc);
	}
}


Poco::Int64 Database::toMicros(const Poco::Timestamp& ts)
{
	return ts.epochMicroseconds();
}


Poco::Timestamp Database::fromMicros(Poco::Int64 micros)
{
	return Poco::Timestamp(micros);
}


} // namespace Data
} // namespace Orgs
