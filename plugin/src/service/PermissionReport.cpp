//
// PermissionReport.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  PermissionReport
//


#include "service/PermissionReport.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Service {


PermissionReport::PermissionReport(Data::Database& database, Guard& guard, Orgs::AccessControl& access)
    : _database(database), _guard(guard), _access(access)
{
}


PermissionReport::Subject PermissionReport::explain(Id actorId, const std::string& org, const std::string& account,
                                                    Poco::Nullable<Id> workspace, Poco::Nullable<Id> resource)
{
	if (!workspace.isNull() && !resource.isNull())
		throw InvalidInputException("Name a workspace or a resource, not both", "invalid_scope");
	Subject subject;
	// About oneself the whole answer may come from the caches: no database session at all.
	const Guard::Scope scope = _guard.visible(actorId, org);
	subject.organizationId = scope.organization.id;
	subject.accountId = actorId;
	if (!account.empty())
	{
		subject.accountId =
		    _database.withSession([&](Poco::Data::Session& session) { return _guard.account(session, account).id; });
		if (subject.accountId != actorId && !scope.grant.permissions.has(Permission::MembersRead))
			throw ForbiddenException("Your role does not grant members.read", "permission_denied");
	}
	subject.workspaceId = workspace;
	subject.resourceId = resource;
	if (!workspace.isNull())
		subject.explanation =
		    _access.explain(subject.accountId, subject.organizationId, WorkspaceId{workspace.value()});
	else if (!resource.isNull())
		subject.explanation = _access.explain(subject.accountId, subject.organizationId, ResourceId{resource.value()});
	else
		subject.explanation = _access.explain(subject.accountId, subject.organizationId);
	return subject;
}


} // namespace Service
} // namespace Orgs
