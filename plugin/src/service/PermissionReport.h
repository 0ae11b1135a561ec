//
// PermissionReport.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  PermissionReport
//
// Who may do what, explained: the rules behind GET /orgs/{org}/permissions.
//


#ifndef Orgs_PermissionReport_INCLUDED
#define Orgs_PermissionReport_INCLUDED


#include "Orgs/AccessControl.h"
#include "Orgs/Model.h"
#include "service/Guard.h"


namespace Orgs {
namespace Service {


class PermissionReport
	/// Explains an account's effective permissions in an organization, a workspace or on a
	/// resource. Members may ask about themselves; asking about others needs members.read.
{
public:
	struct Subject
	{
		Id organizationId = 0;
		Id accountId = 0;
		Poco::Nullable<Id> workspaceId;
		Poco::Nullable<Id> resourceId;
		Explanation explanation;
	};

	PermissionReport(Data::Database& database, Guard& guard, Orgs::AccessControl& access);
		/// access explains the permissions (AccessControl::explain()).

	Subject explain(Id actorId, const std::string& org, const std::string& account, Poco::Nullable<Id> workspace,
	                Poco::Nullable<Id> resource);
		/// account empty means the actor. Throws NotFoundException for an organization the actor
		/// cannot see or an unknown account, ForbiddenException ("permission_denied") for another
		/// account without members.read, InvalidInputException ("invalid_scope") when both a
		/// workspace and a resource are named.

private:
	Data::Database& _database;
	Guard& _guard;
	Orgs::AccessControl& _access;
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_PermissionReport_INCLUDED
