//
// OrganizationRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  OrganizationRepository
//
// SQL for the organizations table.
//


#ifndef Orgs_OrganizationRepository_INCLUDED
#define Orgs_OrganizationRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/AccessRepository.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class OrganizationRepository
	/// Inserts, finds, changes and deletes organizations, and lists an account's organizations
	/// by keyset (organization id), so a page costs the same wherever it starts.
{
public:
	explicit OrganizationRepository(Database& database);

	Organization insert(Poco::Data::Session& session, const OrganizationSpec& spec, Id ownerId,
	                    const Poco::Timestamp& at, const std::string& plan = std::string(), bool personal = false);
		/// Inserts an organization on plan ("" stands for the configured default plan), personal or
		/// not; the caller reserves the handle in the same transaction.

	Poco::Nullable<Organization> findById(Poco::Data::Session& session, Id id, bool lock = false);
		/// Finds an organization; with lock, the row stays locked until the transaction ends.

	Poco::Nullable<Organization> findByUsername(Poco::Data::Session& session, const std::string& username,
	                                            bool lock = false);

	Poco::Nullable<Organization> findAny(Poco::Data::Session& session, const std::string& column,
	                                     const std::string& value, bool lock,
	                                     Poco::Nullable<Poco::Timestamp>& deletedAt);
		/// Finds an organization by "id" or "username", deleted or not; deletedAt tells which.
		/// findById() and findByUsername() never return a deleted organization.

	Poco::Nullable<Organization> lockWithStanding(Poco::Data::Session& session, const std::string& column,
	                                              const std::string& value, Id accountId,
	                                              AccessRepository::Standing& standing);
		/// Finds an organization by "id" or "username" (never a deleted one) and locks its row
		/// until the transaction ends, as findById(..., true) does, and reads accountId's
		/// standing in it (owner, acl_version, organization role) in the same statement: the
		/// row lock and the permission check of a write are one round trip. Only the
		/// organization row is locked; the membership is read after the lock is granted, so it
		/// is the latest committed one. standing.organizationExists is false if there is no
		/// such organization.

	void markDeleted(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at);
		/// Marks the organization deleted: it keeps its rows and its username until purged.

	void restore(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at);
		/// Clears the deletion mark.

	std::vector<Id> listDeletedBefore(Poco::Data::Session& session, const Poco::Timestamp& cutoff, int limit);
		/// Returns up to limit organizations deleted at or before cutoff, by id.

	void update(Poco::Data::Session& session, const Organization& org);
		/// Writes username, title and updated_at.

	void updatePlan(Poco::Data::Session& session, const Organization& org);
		/// Writes plan, allowed_email_domains and updated_at.

	bool setOwner(Poco::Data::Session& session, Id orgId, Id expectedOwnerId, Id newOwnerId, const Poco::Timestamp& at);
		/// Changes the owner if it still is expectedOwnerId; returns false otherwise.

	void remove(Poco::Data::Session& session, Id orgId);
		/// Deletes the organization for good (the purge); its memberships, workspaces,
		/// resources and audit events go with it (ON DELETE CASCADE).

	std::vector<OrganizationMembership> listForAccount(Poco::Data::Session& session, Id accountId, Id afterOrgId,
	                                                   int limit);
		/// Returns up to limit organizations the account belongs to, with id above afterOrgId, by id.

	Poco::Nullable<Organization> findActiveForAccount(Poco::Data::Session& session, Id accountId);
		/// Returns the account's active organization (accounts.active_organization_id) if the
		/// account still is a member of it, null otherwise.

private:
	Poco::Nullable<Organization> findOne(Poco::Data::Session& session, const std::string& column,
	                                     const std::string& value, bool lock,
	                                     Poco::Nullable<Poco::Timestamp>* pDeletedAt = nullptr);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_OrganizationRepository_INCLUDED
