//
// TokenRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  TokenRepository
//


#include "data/TokenRepository.h"
#include "data/Rows.h"
#include <limits>


namespace Orgs {
namespace Data {


TokenRepository::TokenRepository(Database& database)
    : _database(database),
      _holdLiveSql(std::string("SELECT id FROM access_tokens WHERE id = ? AND revoked_at IS NULL AND "
                               "(expires_at IS NULL OR expires_at > ?)") +
                   database.forShare())
{
}


namespace {


thread_local const TokenRepository::CreatedVia* tCreatedVia = nullptr;


} // namespace


TokenRepository::CreatedVia::CreatedVia(const std::string& issuer, const std::string& audience)
    : issuer(issuer), audience(audience), _pOuter(tCreatedVia)
{
	tCreatedVia = this;
}


TokenRepository::CreatedVia::~CreatedVia()
{
	tCreatedVia = _pOuter;
}


const TokenRepository::CreatedVia* TokenRepository::CreatedVia::current()
{
	return tCreatedVia;
}


AccessToken TokenRepository::insert(Poco::Data::Session& session, Id accountId, const std::string& name,
                                    const std::string& prefix, const std::string& hash, const Poco::Timestamp& at)
{
	const CreatedVia* pVia = CreatedVia::current();
	if (pVia)
		_database.execute(session,
		                  "INSERT INTO access_tokens (account_id, name, prefix, token_hash, created_at, "
		                  "created_via_issuer, created_via_audience) VALUES (?, ?, ?, ?, ?, ?, ?)",
		                  {accountId, name, prefix, hash, Database::toMicros(at), pVia->issuer, pVia->audience});
	else
		_database.execute(
		    session,
		    "INSERT INTO access_tokens (account_id, name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
		    {accountId, name, prefix, hash, Database::toMicros(at)});
	AccessToken t;
	t.id = _database.lastInsertId(session);
	t.accountId = accountId;
	t.name = name;
	t.prefix = prefix;
	t.createdAt = at;
	return t;
}


TokenRepository::Via TokenRepository::createdVia(Poco::Data::Session& session, Id tokenId)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT created_via_issuer, created_via_audience FROM access_tokens WHERE id = ?", {tokenId});
	Rows rows(rs);
	Via via;
	if (rows.count() == 1)
	{
		via.issuer = rows.text(0, 0);
		via.audience = rows.text(0, 1);
	}
	return via;
}


std::vector<AccessToken> TokenRepository::listLive(Poco::Data::Session& session, Id accountId, Id beforeId, int limit)
{
	const Id before = beforeId > 0 ? beforeId : std::numeric_limits<Id>::max();
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT id, account_id, name, prefix, created_at, last_used_at, expires_at FROM access_tokens "
	                     "WHERE account_id = ? AND revoked_at IS NULL AND id < ? ORDER BY id DESC LIMIT ?",
	                     {accountId, before, limit});
	Rows rows(rs);
	std::vector<AccessToken> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		AccessToken t;
		t.id = rows.integer(i, 0);
		t.accountId = rows.integer(i, 1);
		t.name = rows.text(i, 2);
		t.prefix = rows.text(i, 3);
		t.createdAt = rows.time(i, 4);
		t.lastUsedAt = rows.nullableTime(i, 5);
		t.expiresAt = rows.nullableTime(i, 6);
		result.push_back(t);
	}
	return result;
}


bool TokenRepository::revoke(Poco::Data::Session& session, Id accountId, Id tokenId, const Poco::Timestamp& at)
{
	return _database.execute(
	           session,
	           "UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
	           {Database::toMicros(at), tokenId, accountId}) > 0;
}


bool TokenRepository::findLive(Poco::Data::Session& session, const std::string& hash, LiveToken& token)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT id, account_id, last_used_at, expires_at FROM access_tokens "
	                                            "WHERE token_hash = ? AND revoked_at IS NULL",
	                                            {hash});
	Rows rows(rs);
	if (rows.count() == 0)
		return false;
	token.id = rows.integer(0, 0);
	token.accountId = rows.integer(0, 1);
	token.lastUsedAt = rows.nullableTime(0, 2);
	token.expiresAt = rows.nullableTime(0, 3);
	return true;
}


bool TokenRepository::holdLive(Poco::Data::Session& session, Id tokenId, const Poco::Timestamp& at)
{
	Poco::Data::RecordSet rs = _database.select(session, _holdLiveSql, {tokenId, Database::toMicros(at)});
	return rs.rowCount() > 0;
}


void TokenRepository::touch(Poco::Data::Session& session, Id tokenId, const Poco::Timestamp& at)
{
	_database.execute(session, "UPDATE access_tokens SET last_used_at = ? WHERE id = ?",
	                  {Database::toMicros(at), tokenId});
}


} // namespace Data
} // namespace Orgs
