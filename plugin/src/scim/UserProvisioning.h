//
// UserProvisioning.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  UserProvisioning
//
// The /Users endpoint of a SCIM connection.
//


#ifndef Orgs_Scim_UserProvisioning_INCLUDED
#define Orgs_Scim_UserProvisioning_INCLUDED


#include "data/AccountRepository.h"
#include "data/DomainRepository.h"
#include "data/ExternalIdentityRepository.h"
#include "data/ScimUserRepository.h"
#include "scim/Call.h"
#include "scim/Directory.h"
#include "scim/Filter.h"
#include "scim/ListResponse.h"
#include "scim/Listing.h"
#include "service/AccountServiceImpl.h"
#include "Poco/JSON/Object.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Scim {


class UserProvisioning
	/// Creates, reads, lists, replaces, patches and deletes a connection's users; each write is
	/// one transaction (Directory::open() first) with its audit event and the user's membership
	/// made what the directory says (Directory::sync()).
	///
	/// A new user is an account and an external identity of the connection (issuer
	/// "urn:orgs:scim:<connection id>", subject the SCIM id). The account is an existing one
	/// only when the user's email is the verified email of exactly one account AND its domain
	/// is verified by this organization (organization_domains): an organization's admins
	/// control their directory, and must not pull in the account of someone whose address
	/// they do not own. Otherwise a new account is made, its username derived from userName
	/// (made unique). The connection then owns that account's profile: name and email follow
	/// the directory; a linked account keeps its own.
	///
	/// userName is unique per connection ignoring case: ConflictException ("uniqueness").
{
public:
	UserProvisioning(Data::Database& database, Directory& directory, Service::AccountServiceImpl& accounts,
	                 Service::Clock::Ptr pClock);

	Poco::JSON::Object::Ptr create(Call& call, const Poco::JSON::Object& body);
	Poco::JSON::Object::Ptr get(Call& call, const std::string& id);
	Listing list(Call& call, const Filter& filter, const ListResponse::Page& page);
	Poco::JSON::Object::Ptr replace(Call& call, const std::string& id, const Poco::JSON::Object& body);
	Poco::JSON::Object::Ptr patch(Call& call, const std::string& id, const Poco::JSON::Object& body);
	void remove(Call& call, const std::string& id);

	static std::string issuer(Id connectionId);
		/// Returns the external identities' issuer of the connection's users.

private:
	Data::ScimUserRepository::Row require(Poco::Data::Session& session, const Call& call, const std::string& id,
	                                      bool lock = false);
	Poco::JSON::Object::Ptr
	write(Call& call, const std::string& id,
	      const std::function<Poco::JSON::Object::Ptr(const Data::ScimUserRepository::Row&)>& next);
	Account provision(Poco::Data::Session& session, const Organization& org, const Call& call,
	                  const Data::ScimUserRepository::Row& row, bool& created);

	Data::Database& _database;
	Directory& _directory;
	Service::AccountServiceImpl& _accountService;
	Service::Clock::Ptr _pClock;
	Data::ScimUserRepository _users;
	Data::AccountRepository _accounts;
	Data::DomainRepository _domains;
	Data::ExternalIdentityRepository _identities;
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_UserProvisioning_INCLUDED
