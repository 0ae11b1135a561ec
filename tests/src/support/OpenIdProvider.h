//
// OpenIdProvider.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  OpenIdProvider
//
// The tests' side of the real OpenID Provider that ctest runs (scripts/oidc-provider.sh).
//


#ifndef Orgs_OpenIdProvider_INCLUDED
#define Orgs_OpenIdProvider_INCLUDED


#include "Poco/JSON/Object.h"
#include "Poco/Net/Context.h"
#include <map>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class OpenIdProvider
	/// Reaches the OpenID Provider (npm's oidc-provider, tests/oidc/provider.mjs) that the ctest
	/// fixture oidc.start runs for every sqlite.* and mariadb.* suite, through the file
	/// $ORGS_TEST_OIDC_DIR/env it leaves.
	///
	/// The provider runs two issuers, "primary" and "other", each on its own HTTPS port of
	/// 127.0.0.1 with its own keys and one confidential client whose client_id is the audience of
	/// its ID tokens. Their certificate is signed by a private test CA (caFile()): an HTTPS client
	/// must be given that file to reach them.
	///
	/// signIn() goes through the real authorization-code flow as a browser would: the
	/// authorization request, the provider's sign-in form (the account's sub as login), its
	/// consent form, the redirect carrying the code, and the token request with the client's
	/// credentials. Accounts live in a users file that setUser() changes; the provider reads it
	/// at every sign-in. The provider is shared by every test of a ctest run: give each test's
	/// accounts subs of their own.
	///
	/// Control requests (rotateKeys(), setSigningAlgorithm()) go to a plain-HTTP endpoint on
	/// 127.0.0.1 that only the tests use.
{
public:
	struct User
		/// An account of the provider, the claims its ID tokens carry.
	{
		std::string sub;                 ///< the subject, also the login typed into the sign-in form
		std::string email;               ///< "email" claim (scope email); empty: no claim
		bool emailVerified = true;       ///< "email_verified" claim (scope email)
		std::string name;                ///< "name" claim (scope profile); empty: no claim
		std::string preferredUsername;   ///< "preferred_username" claim (scope profile); empty: no claim
		std::vector<std::string> groups; ///< "groups" claim (scope groups), always present
		int idTokenTtl = 0;              ///< lifetime of this account's ID tokens in seconds; 0: an hour
	};

	struct Tokens
		/// What the token endpoint answered.
	{
		std::string idToken;
		std::string accessToken;
		std::string tokenType;
		std::string scope;
		int expiresIn = 0;
	};

	static const std::string PRIMARY; ///< "primary"
	static const std::string OTHER;   ///< "other"

	OpenIdProvider();
		/// Reads $ORGS_TEST_OIDC_DIR/env. Throws Poco::IOException (saying how to run the test) if
		/// the variable is not set or the file does not exist: a test that needs the provider
		/// fails without it, it does not skip.

	explicit OpenIdProvider(const std::string& envFile);
		/// Reads the given env file.

	~OpenIdProvider();

	Tokens signIn(const std::string& issuerName, const std::string& sub,
	              const std::string& scope = "openid email profile groups") const;
		/// Signs the account sub in at the issuer ("primary" or "other") through the
		/// authorization-code flow and returns the tokens. Safe to call from several threads.
		/// Throws Poco::IOException if the provider refuses the sign-in (e.g. no such account:
		/// it shows its sign-in form again) or answers an error.

	std::string idToken(const std::string& issuerName, const std::string& sub) const;
		/// Returns signIn(issuerName, sub).idToken.

	void setUser(const User& user) const;
		/// Adds the account, or replaces the one with the same sub, in the users file. The next
		/// sign-in sees it. Safe across threads and processes (the file is locked and replaced).

	void removeUser(const std::string& sub) const;
		/// Removes the account from the users file (a later sign-in of it fails).

	std::vector<std::string> rotateKeys(const std::string& issuerName = PRIMARY, bool keepOld = true) const;
		/// Makes the issuer sign with new RS256 and ES256 keys (new kids, first in its JWKS) without
		/// restarting; keepOld keeps the previous keys after them in the JWKS, else they are
		/// dropped (a token signed with one then has an unknown kid). Returns the kids, newest first.

	void setSigningAlgorithm(const std::string& issuerName, const std::string& algorithm) const;
		/// "RS256" (the start) or "ES256": the algorithm of the ID tokens the issuer signs from now
		/// on. The provider keeps it until changed back or restarted: reset it after a test.

	std::vector<std::string> kids(const std::string& issuerName = PRIMARY) const;
		/// Returns the kids of the issuer's JWKS, in signing order, as its control endpoint says.

	std::string get(const std::string& url) const;
		/// GETs an https:// URL of the provider (trusting the test CA) and returns the body, e.g.
		/// get(jwksUri("primary")). Throws Poco::IOException unless the status is 200.

	std::vector<std::string> issuerNames() const;
		/// Returns {"primary", "other"}.

	std::string issuer(const std::string& issuerName = PRIMARY) const;
		/// Returns the issuer URL ("https://127.0.0.1:<port>"), the "iss" of its tokens.

	std::string discoveryUrl(const std::string& issuerName = PRIMARY) const;
	std::string jwksUri(const std::string& issuerName = PRIMARY) const;

	std::string clientId(const std::string& issuerName = PRIMARY) const;
		/// Returns the client's id: the "aud" of the issuer's ID tokens.

	std::string clientSecret(const std::string& issuerName = PRIMARY) const;

	std::string caFile() const;
		/// Returns the PEM file of the test CA that signed the provider's certificate.

	std::string usersFile() const;
	std::string controlUrl() const;
	std::string redirectUri() const;

	std::string value(const std::string& key) const;
		/// Returns a line of the env file by key (e.g. "ORGS_OIDC_PRIMARY_PORT"). Throws
		/// Poco::NotFoundException if it has none.

	static std::string envFile();
		/// Returns $ORGS_TEST_OIDC_DIR/env ("" when the variable is not set).

	static Poco::JSON::Object::Ptr header(const std::string& jwt);
	static Poco::JSON::Object::Ptr claims(const std::string& jwt);
		/// Decode a JWT's header or payload (without verifying anything).

private:
	OpenIdProvider(const OpenIdProvider&) = delete;
	OpenIdProvider& operator=(const OpenIdProvider&) = delete;

	void load(const std::string& envFile);
	std::string prefix(const std::string& issuerName) const;
	Poco::JSON::Object::Ptr control(const std::string& method, const std::string& pathAndQuery) const;
	void changeUsers(const std::string& sub, const User* pUser) const;

	std::map<std::string, std::string> _values;
	Poco::Net::Context::Ptr _pContext;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_OpenIdProvider_INCLUDED
