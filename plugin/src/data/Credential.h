//
// Credential.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  Credential
//
// The credential the current thread's changes are made with.
//


#ifndef Orgs_Credential_INCLUDED
#define Orgs_Credential_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Data/Session.h"


namespace Orgs {
namespace Data {


class Credential
	/// A scope (RAII, per thread, nestable) that names the personal access token the current
	/// request was authenticated with. The HTTP layer opens it once a request is authenticated;
	/// Database::transact() runs verify() as the first statement of every transaction on this
	/// thread while it is open, so a change made with a token that another host revoked changes
	/// nothing, however long that host's caches still trust the token.
	///
	/// A thread without a scope (in-process callers, background work) and a scope without a
	/// token (a request signed in by a host's own Authenticator) write without a check.
{
public:
	class Verifier
		/// Checks a token inside a write transaction.
	{
	public:
		virtual ~Verifier() = default;

		virtual void verify(Poco::Data::Session& session, Id tokenId) = 0;
			/// Runs as the first statement of the transaction. Throws UnauthenticatedException
			/// ("token_revoked") unless the token is live, and keeps it from being revoked until
			/// the transaction ends (a shared lock on its row on MySQL; SQLite's writers are
			/// serialised by BEGIN IMMEDIATE).
	};

	Credential(Verifier& verifier, Id tokenId);
		/// Opens the scope on this thread; tokenId 0 means no token (nothing to check).

	~Credential();
		/// Closes the scope: the enclosing one, if any, applies again.

	Id tokenId() const;

	static void verify(Poco::Data::Session& session);
		/// Verifies the token of this thread's innermost scope, if there is one.

	static const Credential* current();
		/// Returns this thread's innermost scope, or nullptr.

private:
	Credential(const Credential&) = delete;
	Credential& operator=(const Credential&) = delete;

	Verifier& _verifier;
	Id _tokenId;
	Credential* _pOuter;
};


inline Id Credential::tokenId() const
{
	return _tokenId;
}


} // namespace Data
} // namespace Orgs


#endif // Orgs_Credential_INCLUDED
