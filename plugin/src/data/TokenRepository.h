//
// TokenRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  TokenRepository
//
// SQL for personal access tokens. Only hashes of secrets reach this class.
//


#ifndef Orgs_TokenRepository_INCLUDED
#define Orgs_TokenRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class TokenRepository
	/// Stores tokens by the SHA-256 hash of their secret.
{
public:
	struct LiveToken
	{
		Id id = 0;
		Id accountId = 0;
		Poco::Nullable<Poco::Timestamp> lastUsedAt;
		Poco::Nullable<Poco::Timestamp> expiresAt;
	};

	class CreatedVia
		/// While one exists on a thread, the tokens inserted on that thread record the issuer
		/// and audience of the identity provider token its request was signed in with
		/// (Http::Api opens one for a request that came with such a token): an enforced SSO
		/// connection accepts the personal access tokens created through it.
	{
	public:
		CreatedVia(const std::string& issuer, const std::string& audience);
		~CreatedVia();

		static const CreatedVia* current();
			/// Returns the innermost scope open on this thread, or nullptr.

		const std::string issuer;
		const std::string audience;

	private:
		CreatedVia(const CreatedVia&) = delete;
		CreatedVia& operator=(const CreatedVia&) = delete;

		const CreatedVia* _pOuter;
	};

	struct Via
		/// The identity provider a token was created through; both empty for none.
	{
		std::string issuer;
		std::string audience;
	};

	explicit TokenRepository(Database& database);

	AccessToken insert(Poco::Data::Session& session, Id accountId, const std::string& name, const std::string& prefix,
	                   const std::string& hash, const Poco::Timestamp& at);
		/// Inserts a token, recording the CreatedVia scope open on this thread, if any.

	Via createdVia(Poco::Data::Session& session, Id tokenId);
		/// Returns the identity provider the token was created through (empty if none, or no such token).

	std::vector<AccessToken> listLive(Poco::Data::Session& session, Id accountId, Id beforeId, int limit);
		/// Returns up to limit of the account's tokens that are not revoked, newest first, with
		/// id below beforeId (0: from the newest).

	bool revoke(Poco::Data::Session& session, Id accountId, Id tokenId, const Poco::Timestamp& at);
		/// Marks a live token of the account revoked; returns false if there is none.

	bool findLive(Poco::Data::Session& session, const std::string& hash, LiveToken& token);
		/// Finds a token that is not revoked by the hash of its secret.

	void touch(Poco::Data::Session& session, Id tokenId, const Poco::Timestamp& at);
		/// Records when the token was last used.

	bool holdLive(Poco::Data::Session& session, Id tokenId, const Poco::Timestamp& at);
		/// Returns true if the token is neither revoked nor expired at at, and then holds a
		/// shared lock on its row (MySQL) until the transaction ends, so that a revocation
		/// waits for it. One primary-key lookup through the statement cache.

private:
	Database& _database;
	const std::string _holdLiveSql;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_TokenRepository_INCLUDED
