//
// RequiredWorkspace.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  RequiredWorkspace
//
// orgs.workspaces.membershipRequired: every member of an organization belongs to a workspace.
//


#ifndef Orgs_RequiredWorkspace_INCLUDED
#define Orgs_RequiredWorkspace_INCLUDED


#include "Orgs/Model.h"
#include "config/RoleCatalog.h"
#include "data/WorkspaceRepository.h"
#include "Poco/Nullable.h"
#include <string>


namespace Orgs {
namespace Service {


class RequiredWorkspace
	/// With orgs.workspaces.membershipRequired = true, every member of an organization belongs to
	/// at least one of its workspaces (Make: "All users are members of at least one organization
	/// and one team"). Every way into an organization ends in a workspace, and every way out of a
	/// workspace short of leaving the organization is refused when it would leave a member in
	/// none (ConflictException "last_workspace"): an account is never moved into a workspace, with
	/// its permissions, that nobody chose for it. Admission places a member who joins; this
	/// class answers where (defaultWorkspace()) and refuses the ways out.
	///
	/// The default workspace of an organization is its oldest: the one orgs.workspaces.default
	/// created with it, for as long as it exists, whatever it is renamed to.
	///
	/// Every call runs inside the caller's transaction after the organization's row was locked,
	/// so concurrent changes are counted one after the other. With the switch off every call
	/// does nothing.
{
public:
	RequiredWorkspace(Data::Database& database, bool required);
		/// With required, the roles have a workspace scope and orgs.workspaces.default is set,
		/// which gives every new organization, and its creator, a workspace:
		/// Config::Configuration refuses anything else.

	bool required() const;
		/// Returns orgs.workspaces.membershipRequired.

	Workspace defaultWorkspace(Poco::Data::Session& session, const Organization& org);
		/// Returns the organization's default workspace. Throws ConflictException
		/// ("no_default_workspace") if it has no workspace at all (one made before the switch).

	void requireAnother(Poco::Data::Session& session, const Organization& org, const Workspace& workspace,
	                    const Account& account);
		/// If required, throws ConflictException ("last_workspace") unless the account belongs to
		/// another workspace of the organization: before removing it from this one.

	void requireNoSoleMember(Poco::Data::Session& session, const Organization& org, const Workspace& workspace);
		/// If required, throws ConflictException ("last_workspace") naming the members who belong
		/// to no other workspace of the organization: before deleting the workspace.

private:
	bool _required;
	Data::WorkspaceRepository _workspaces;
};


//
// inlines
//
inline bool RequiredWorkspace::required() const
{
	return _required;
}


} // namespace Service
} // namespace Orgs


#endif // Orgs_RequiredWorkspace_INCLUDED
