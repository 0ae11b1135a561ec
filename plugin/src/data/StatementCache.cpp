//
// StatementCache.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  StatementCache
//


#include "data/StatementCache.h"
#include "Poco/Data/PooledSessionImpl.h"


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


} // namespace


StatementCache::StatementCache(std::size_t maxConnections) : _maxConnections(maxConnections) {}


StatementCache::~StatementCache()
{
	clear();
}


Poco::Data::RecordSet StatementCache::select(Poco::Data::Session& session, const std::string& sql,
                                             const std::vector<Param>& params)
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
			e.statement.execute();
			return Poco::Data::RecordSet(e.statement);
		}
		catch (Poco::Exception& exc)
		{
			// Prepare it afresh next time. Run it again now only if the server forgot it (after
			// a reconnect): any other failure may have ended the caller's transaction.
			c.statements.erase(it);
			if (!forgotten(exc))
				throw;
		}
	}
	std::unique_ptr<Entry> pEntry = prepare(session, sql, params);
	pEntry->statement.execute(); // a failure drops the entry: nothing is cached
	Entry& e = *c.statements.emplace(sql, std::move(pEntry)).first->second;
	// Returned as a prvalue only: Poco 1.11's RecordSet copy constructor shares the row
	// iterators it then frees twice.
	return Poco::Data::RecordSet(e.statement);
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
	// Bound by reference: the vectors are sized once and never grow.
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


bool StatementCache::forgotten(const Poco::Exception& exc)
{
	// After a reconnect the server no longer knows the statement (1243) and the client library
	// marks it unprepared (2030): it did not run.
	const std::string text = exc.displayText();
	return text.find("[mysql_stmt_errno]: 1243") != std::string::npos ||
	       text.find("[mysql_stmt_errno]: 2030") != std::string::npos;
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
	// The signature matches (checked by select()): each value goes to its slot.
	std::size_t integers = 0;
	std::size_t texts = 0;
	for (const Param& p : params)
	{
		if (p.isText())
			e.texts[texts++] = p.text();
		else
			e.integers[integers++] = p.integer();
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


} // namespace Data
} // namespace Orgs
