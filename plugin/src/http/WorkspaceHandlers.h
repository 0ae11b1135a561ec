//
// WorkspaceHandlers.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  WorkspaceHandlers
//
// /orgs/{org}/workspaces and their members.
//


#ifndef Orgs_WorkspaceHandlers_INCLUDED
#define Orgs_WorkspaceHandlers_INCLUDED


#include "Orgs/WorkspaceService.h"
#include "http/Router.h"


namespace Orgs {
namespace Http {


class WorkspaceHandlers
	/// Create, list, read, rename and delete workspaces; list, set and remove their members.
	/// A {ws} that is not an id names no workspace (404 "workspace_not_found").
{
public:
	explicit WorkspaceHandlers(Orgs::WorkspaceService& workspaces);

	void addRoutes(Router& router);

private:
	void create(RequestContext& c);
	void list(RequestContext& c);
	void get(RequestContext& c);
	void update(RequestContext& c);
	void remove(RequestContext& c);
	void listMembers(RequestContext& c);
	void setMember(RequestContext& c);
	void removeMember(RequestContext& c);

	Orgs::WorkspaceService& _workspaces;
};


} // namespace Http
} // namespace Orgs


#endif // Orgs_WorkspaceHandlers_INCLUDED
