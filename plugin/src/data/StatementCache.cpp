//
// StatementCache.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  StatementCache
//


#include "data/StatementCache.h"
#include "Poco/Data/PooledSessionImpl.h"
#include <cctype>


using namespace Poco::Data::Keywords;


namespace Orgs {
namespace Data {


namespace {


struct DriverSession : public Poco::Data::PooledSessionImpl
	/// Reaches the driver session beneath a pooled one: PooledSessionImpl::impl() is protected,
	/// and a pointer to it may be taken through a derived class. Never instantiated.
{
	static Poco::Data::SessionImpl* of(Poco::Data::SessionImpl* pImpl)
	{
		auto* pPooled = dynamic_cast<Poco::Data::PooledSessionImpl*>(pImpl);
		return pPooled ? (pPooled->*(&DriverSession::impl))() : pImpl;
	}
};


int mysqlErrorNumber(const std::string& text)
	/// The MySQL error number in the text of one of Poco's MySQL exceptions ("[mysql_errno]: N"
	/// or "[mysql_stmt_errno]: N"), or 0.
{
	static const std::string KEY("errno]: ");
	const std::size_t at = text.rfind(KEY);
	if (at == std::string::npos)
		return 0;
	int n = 0;
	for (std::size_t i = at + KEY.size(); i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
		n = n * 10 + (text[i] - '0');
	return n;
}


} // namespace


StatementCache::StatementCache(std::size_t maxConnections) : _maxConnections(maxConnections) {}


StatementCache::~StatementCache()
{
	clear();
}


Poco::Data::RecordSet StatementCache::select(Poco::Data::Session& session, const std::string& sql,
                                             const std::vector<Param>& params)
{
	std::size_t changed = 0;
	Entry& e = run(session, sql, params, changed);
	// Returned as a prvalue only: Poco 1.11's RecordSet copy constructor shares the row
	// iterators it then frees twice.
	return Poco::Data::RecordSet(e.statement);
}


std::size_t StatementCache::execute(Poco::Data::Session& session, const std::string& sql,
                                    const std::vector<Param>& params)
{
	std::size_t changed = 0;
	run(session, sql, params, changed);
	return changed;
}


void StatementCache::begin(Poco::Data::Session& session, const std::string& sql)
{
	// Run outside the transaction: a START TRANSACTION the server forgot is prepared again at once.
	execute(session, sql, {});
	connection(session).inTransaction = true;
}


void StatementCache::end(Poco::Data::Session& session, const std::string& sql)
{
	// Run inside it: a COMMIT after a reconnect must fail, not commit an empty transaction.
	Connection& c = connection(session);
	try
	{
		execute(session, sql, {});
	}
	catch (...)
	{
		c.inTransaction = false;
		throw;
	}
	c.inTransaction = false;
}


StatementCache::Entry& StatementCache::run(Poco::Data::Session& session, const std::string& sql,
                                           const std::vector<Param>& params, std::size_t& changed)
{
	Connection& c = connection(session);
	auto it = c.statements.find(sql);
	if (it != c.statements.end() && it->second->signature != signature(params))
	{
		c.statements.erase(it); // the same text with values of other types: prepare it for those
		it = c.statements.end();
	}
	if (it != c.statements.end())
	{
		Entry& e = *it->second;
		try
		{
			assign(e, params);
			changed = e.statement.execute();
			return e;
		}
		catch (Poco::Exception& exc)
		{
			// Poco cannot run a statement again after a failure: prepare it afresh. Run it again
			// now only if the server forgot it outside a transaction: it never ran, and nothing
			// else was lost with the old connection.
			const Failure f = failure(exc);
			if (f == Failure::Statement)
				c.statements.erase(it);
			else
				c.statements.clear();
			if (f != Failure::Forgotten || c.inTransaction)
				throw;
		}
	}
	std::unique_ptr<Entry> pEntry = prepare(session, sql, params);
	_prepared.fetch_add(1, std::memory_order_relaxed);
	try
	{
		changed = pEntry->statement.execute(); // a failure drops the entry: nothing is cached
	}
	catch (Poco::Exception& exc)
	{
		if (failure(exc) != Failure::Statement)
			c.statements.clear();
		throw;
	}
	if (c.statements.size() >= MAX_STATEMENTS_PER_CONNECTION)
		c.statements.erase(c.statements.begin());
	return *c.statements.emplace(sql, std::move(pEntry)).first->second;
}


StatementCache::Connection& StatementCache::connection(Poco::Data::Session& session)
{
	Poco::Data::SessionImpl* pDriver = DriverSession::of(session.impl());
	std::lock_guard<std::mutex> lock(_mutex);
	auto it = _connections.find(pDriver);
	if (it != _connections.end())
		return *it->second;
	if (_connections.size() >= _maxConnections)
		dropClosedConnections();
	std::unique_ptr<Connection> pConnection(new Connection);
	pConnection->pDriverSession = Poco::AutoPtr<Poco::Data::SessionImpl>(pDriver, true);
	return *_connections.emplace(pDriver, std::move(pConnection)).first->second;
}


std::unique_ptr<StatementCache::Entry> StatementCache::prepare(Poco::Data::Session& session, const std::string& sql,
                                                               const std::vector<Param>& params)
{
	std::unique_ptr<Entry> pEntry(new Entry(session));
	Entry& e = *pEntry;
	e.signature = signature(params);
	std::size_t integers = 0;
	std::size_t texts = 0;
	for (const Param& p : params)
		(p.isText() ? texts : integers)++;
	// Bound by reference: the vectors are sized once and never grow. Each execution binds a
	// slot's value, or NULL.
	e.integers.resize(integers);
	e.texts.resize(texts);
	e.statement << sql;
	integers = texts = 0;
	for (char kind : e.signature)
	{
		if (kind == 't')
			e.statement, use(e.texts[texts++]);
		else
			e.statement, use(e.integers[integers++]);
	}
	assign(e, params);
	return pEntry;
}


StatementCache::Failure StatementCache::failure(const Poco::Exception& exc)
{
	switch (mysqlErrorNumber(exc.displayText()))
	{
	case 1243: // the server knows no statement of that id: the connection is a new one
	case 2030: // the client library marked the statement unprepared
	case 2056: // the client library closed it when it reconnected
		return Failure::Forgotten;
	case 1053: // server shutdown in progress
	case 1927: // connection killed
	case 2002: // cannot connect (while reconnecting)
	case 2003:
	case 2006: // server has gone away
	case 2013: // lost connection during the query
	case 2055: // lost connection (system error)
	case 4031: // disconnected for being idle
		return Failure::Lost;
	default:
		return Failure::Statement;
	}
}


std::string StatementCache::signature(const std::vector<Param>& params)
{
	std::string result;
	for (const Param& p : params)
		result += p.isText() ? 't' : 'i';
	return result;
}


void StatementCache::assign(Entry& e, const std::vector<Param>& params)
{
	// The signature matches (checked by run()): each value goes to its slot.
	std::size_t integers = 0;
	std::size_t texts = 0;
	for (const Param& p : params)
	{
		if (p.isText())
		{
			Poco::Nullable<std::string>& slot = e.texts[texts++];
			if (p.isNull())
				slot.clear();
			else
				slot = p.text();
		}
		else
		{
			Poco::Nullable<Poco::Int64>& slot = e.integers[integers++];
			if (p.isNull())
				slot.clear();
			else
				slot = p.integer();
		}
	}
}


void StatementCache::dropClosedConnections()
{
	// A driver session only this cache refers to has left the pool for good.
	for (auto it = _connections.begin(); it != _connections.end();)
	{
		if (it->second->pDriverSession->referenceCount() == 1)
			it = _connections.erase(it);
		else
			++it;
	}
}


void StatementCache::close(Poco::Data::Session& session) noexcept
{
	try
	{
		Poco::Data::SessionImpl* pDriver = DriverSession::of(session.impl());
		{
			std::lock_guard<std::mutex> lock(_mutex);
			_connections.erase(pDriver);
		}
		pDriver->close();
	}
	catch (...)
	{
		// Closing a connection that is gone may fail; it is closed either way.
	}
}


void StatementCache::clear()
{
	std::lock_guard<std::mutex> lock(_mutex);
	_connections.clear();
}


std::size_t StatementCache::size() const
{
	std::lock_guard<std::mutex> lock(_mutex);
	std::size_t n = 0;
	for (const auto& c : _connections)
		n += c.second->statements.size();
	return n;
}


std::size_t StatementCache::size(Poco::Data::Session& session)
{
	return connection(session).statements.size();
}


} // namespace Data
} // namespace Orgs
