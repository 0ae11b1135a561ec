//
// AccountRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  AccountRepository
//
// SQL for the accounts table.
//


#ifndef Orgs_AccountRepository_INCLUDED
#define Orgs_AccountRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class AccountRepository
	/// Inserts and finds accounts. The caller reserves the handle in the same transaction.
{
public:
	explicit AccountRepository(Database& database);

	Account insert(Poco::Data::Session& session, const AccountSpec& spec, const std::string& subject,
	               const Poco::Timestamp& at);
		/// Inserts an account; an empty subject stores NULL. Throws ConflictException
		/// ("subject_taken") if the subject is already provisioned.

	Poco::Nullable<Account> findById(Poco::Data::Session& session, Id id);
	Poco::Nullable<Account> findByUsername(Poco::Data::Session& session, const std::string& username);
	Poco::Nullable<Account> findBySubject(Poco::Data::Session& session, const std::string& subject);

	Poco::Nullable<Account> findById(Poco::Data::Session& session, Id id, Id organizationId, bool& member);
	Poco::Nullable<Account> findByUsername(Poco::Data::Session& session, const std::string& username, Id organizationId,
	                                       bool& member);
		/// As above, and sets member to whether the account is a member of the organization, read
		/// in the same statement (adding a member needs both).

	std::vector<Account> findByEmail(Poco::Data::Session& session, const std::string& email, int limit);
		/// Returns up to limit accounts whose email is email, ignoring the case of ASCII letters,
		/// oldest first.

	void setEmailVerified(Poco::Data::Session& session, Id accountId, bool verified);
		/// Records whether an identity provider verified the account's email.

	void setActiveOrganization(Poco::Data::Session& session, Id accountId, const Poco::Nullable<Id>& organizationId);
		/// Records the organization the account works in; null clears it.

private:
	Poco::Nullable<Account> findOne(Poco::Data::Session& session, const std::string& where, const Param& value,
	                                Id organizationId = 0, bool* pMember = nullptr);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_AccountRepository_INCLUDED
