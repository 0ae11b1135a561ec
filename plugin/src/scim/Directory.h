//
// Directory.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Directory
//
// What a SCIM connection's directory says about its users' memberships, made true.
//


#ifndef Orgs_Scim_Directory_INCLUDED
#define Orgs_Scim_Directory_INCLUDED


#include "Orgs/ScimService.h"
#include "access/RoleResolver.h"
#include "data/AccountRepository.h"
#include "data/MembershipRepository.h"
#include "data/OrganizationRepository.h"
#include "data/ScimConnectionRepository.h"
#include "data/ScimUserRepository.h"
#include "data/ScopedGrantRepository.h"
#include "service/Admission.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Quotas.h"
#include <string>


namespace Orgs {
namespace Scim {


class Directory
	/// The rules every SCIM write shares, within its one transaction:
	///
	///   - open(): the organization's row is locked first (Admission counts seats one change
	///     after the other), then the connection is read again by its token: a token rotated or
	///     deleted since the request was authenticated is refused (UnauthenticatedException)
	///     before anything is written;
	///   - sync(): a provisioned user's membership becomes what the directory says. An active
	///     user is a member, with the organization role and workspaces the connection's
	///     mapping rules give for the names of its SCIM groups (claim "groups"; no rule: the
	///     connection's default role, else the organization scope's default role); a non-member
	///     joins through Admission (Way::SCIM_PROVISIONED: seats, plan switches, allowed
	///     domains), a member's role follows the rules (never the owner's; a plan's memberRole
	///     stays), the rules' workspaces are joined or their role set (never taken away). An
	///     inactive or deleted user is not a member: its membership of this organization is
	///     removed as a member removal does (workspace roles and grants go; resources,
	///     attribution and audit events stay; the account lives on), never the owner's
	///     (ConflictException "mutability").
	///
	/// Every event's actor is the connection's creator, and the caller holds an
	/// AuditTrail::Via("scim:<connection name>") around the transaction; details name the
	/// connection ({"scim_connection": {"id", "name"}}).
{
public:
	Directory(Data::Database& database, Access::RoleResolver& roles, Service::Admission& admission,
	          Service::Quotas& quotas, Service::Clock::Ptr pClock);

	Organization open(Poco::Data::Session& session, ScimConnection& connection, const std::string& tokenHash);
		/// Locks the organization's row and reads the connection again by its token (into
		/// connection). Throws UnauthenticatedException ("token_revoked") if the token is no
		/// longer the connection's, NotFoundException if the organization is gone.

	void sync(Poco::Data::Session& session, const Organization& org, const ScimConnection& connection,
	          const Data::ScimUserRepository::Row& user, bool present = true);
		/// Makes the user's membership what the directory says (see the class); present false:
		/// the user is being deleted.

	void record(Poco::Data::Session& session, const ScimConnection& connection, const std::string& action,
	            const Service::AuditTarget& target, Service::AuditDetails details = Service::AuditDetails());
		/// Records an event of the connection (actor: its creator; details name the connection).

	Service::AuditDetails details(const ScimConnection& connection) const;

	static std::string via(const ScimConnection& connection);
		/// Returns "scim:<connection name>", the events' actor_via.

private:
	Data::Database& _database;
	Access::RoleResolver& _roles;
	Service::Admission& _admission;
	Service::Quotas& _quotas;
	Service::Clock::Ptr _pClock;
	Data::ScimConnectionRepository _connections;
	Data::ScimUserRepository _users;
	Data::OrganizationRepository _organizations;
	Data::AccountRepository _accounts;
	Data::MembershipRepository _memberships;
	Data::ScopedGrantRepository _workspaceMembers;
	Service::AuditTrail _audit;
};


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_Directory_INCLUDED
