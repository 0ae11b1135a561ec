//
// DomainRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  DomainRepository
//
// SQL for the organization_domains table.
//


#ifndef Orgs_DomainRepository_INCLUDED
#define Orgs_DomainRepository_INCLUDED


#include "Orgs/DomainService.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class DomainRepository
	/// The domains organizations claim. verified_domain is the domain while it is verified and
	/// NULL otherwise; its UNIQUE index is what keeps two organizations from verifying one
	/// domain, whatever order their transactions run in.
{
public:
	struct Joinable
		/// A verified domain that lets accounts join, with its organization.
	{
		OrganizationDomain domain;
		std::string organizationUsername;
		std::string organizationTitle;
	};

	explicit DomainRepository(Database& database);

	Poco::Nullable<OrganizationDomain> find(Poco::Data::Session& session, Id orgId, const std::string& domain,
	                                        bool lock = false);
		/// Returns the organization's claim of domain, or null; with lock, the row stays locked
		/// until the transaction ends.

	std::vector<OrganizationDomain> list(Poco::Data::Session& session, Id orgId, Id afterId, int limit);
		/// Returns up to limit claims with an id above afterId, by id.

	Poco::Nullable<Id> verifiedBy(Poco::Data::Session& session, const std::string& domain);
		/// Returns the organization that has domain verified, or null.

	Id insert(Poco::Data::Session& session, Id orgId, const std::string& domain, const std::string& challenge,
	          const std::string& joinRole, Id createdBy, const Poco::Timestamp& at);
		/// Inserts a claim (not verified, join mode "off") and returns its id. Throws
		/// ConflictException ("domain_exists") if the organization claimed domain already.

	void markVerified(Poco::Data::Session& session, Id id, const std::string& domain, const Poco::Timestamp& at);
		/// Marks the claim verified. Throws ConflictException ("domain_claimed") if another
		/// organization has the domain verified (the unique index decides a race).

	void update(Poco::Data::Session& session, Id id, const std::string& joinMode, const std::string& joinRole);
		/// Sets the join mode and role.

	bool remove(Poco::Data::Session& session, Id id);
		/// Deletes the claim; returns false if it was gone.

	std::vector<Joinable> joinable(Poco::Data::Session& session, const std::string& domain, const std::string& joinMode,
	                               Id accountId);
		/// Returns the verified domain (at most one row) with that join mode, if its
		/// organization is not deleted and the account is not a member of it.

	Poco::Nullable<Joinable> joinableIn(Poco::Data::Session& session, Id orgId, const std::string& domain,
	                                    const std::string& joinMode);
		/// Returns the organization's verified claim of domain if it has that join mode, or null.

	bool emailVerified(Poco::Data::Session& session, Id accountId, std::string& email);
		/// Sets email to the account's and returns whether an identity provider verified it
		/// (accounts.email_verified); false for an unknown account.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_DomainRepository_INCLUDED
