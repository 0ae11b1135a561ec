//
// ExternalIdentityRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ExternalIdentityRepository
//
// SQL for the external_identities table.
//


#ifndef Orgs_ExternalIdentityRepository_INCLUDED
#define Orgs_ExternalIdentityRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include <string>


namespace Orgs {
namespace Data {


class ExternalIdentityRepository
	/// Inserts, finds and touches accounts' identities at OpenID Providers, by (issuer, subject).
{
public:
	struct Identity
		/// An external identity and what its account says about the account's email.
	{
		Id id = 0;
		Id accountId = 0;
		std::string accountEmail;          ///< accounts.email
		bool accountEmailVerified = false; ///< accounts.email_verified
	};

	explicit ExternalIdentityRepository(Database& database);

	bool find(Poco::Data::Session& session, const std::string& issuer, const std::string& subject, Identity& identity);
		/// Finds the identity (issuer and subject compared exactly) with its account's email, in
		/// one statement. Returns false if there is none.

	Id insert(Poco::Data::Session& session, Id accountId, const std::string& issuer, const std::string& subject,
	          const std::string& email, bool emailVerified, const Poco::Timestamp& at);
		/// Inserts an identity of the account and returns its id. Throws ConflictException
		/// ("identity_taken") if (issuer, subject) has an account already.

	void signedIn(Poco::Data::Session& session, Id identityId, const std::string& email, bool emailVerified,
	              const Poco::Timestamp& at);
		/// Records a sign-in: its time, and the email and email_verified the provider sent.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ExternalIdentityRepository_INCLUDED
