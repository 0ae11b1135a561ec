//
// ScimConnectionServiceImpl.h
//
// Library: OrgsPlugin
// Package: Scim
// Module:  ScimConnectionServiceImpl
//
// SCIM connections: validation, tokens, the transactions; and the SCIM protocol's requests.
//


#ifndef Orgs_Scim_ScimConnectionServiceImpl_INCLUDED
#define Orgs_Scim_ScimConnectionServiceImpl_INCLUDED


#include "Orgs/ScimService.h"
#include "access/RoleResolver.h"
#include "identity/RuleTargets.h"
#include "data/ScimConnectionRepository.h"
#include "data/ScimUserRepository.h"
#include "data/ScopedGrantRepository.h"
#include "metrics/OutcomeCounts.h"
#include "scim/Directory.h"
#include "scim/GroupProvisioning.h"
#include "scim/UserProvisioning.h"
#include "service/AuditTrail.h"
#include "service/Clock.h"
#include "service/Guard.h"
#include <exception>
#include <functional>
#include <string>


namespace Orgs {
namespace Scim {


class ScimConnectionServiceImpl : public Orgs::ScimService
	/// Implements ScimService. Connection changes commit with their audit event; a change of
	/// rules or default role applies, in the same transaction, to every active user of the
	/// connection (Directory::sync()).
	///
	/// serve() authenticates the token (one index probe on its hash, nothing cached), routes
	/// the request to UserProvisioning, GroupProvisioning or the discovery documents, applies
	/// attributes/excludedAttributes, and turns any exception into a SCIM error document
	/// through the errors function (the HTTP API's one mapping of exceptions to statuses).
{
public:
	using Errors = std::function<ScimResponse(const std::exception& exc)>;
		/// Returns the SCIM error response for an exception.

	static const std::string TOKEN_PREFIX; ///< "orgs_scim_": no personal access token starts so

	ScimConnectionServiceImpl(Data::Database& database, Service::Guard& guard, Access::RoleResolver& roles,
	                          Directory& directory, UserProvisioning& users, GroupProvisioning& groups,
	                          Service::Clock::Ptr pClock);

	void setErrors(Errors errors);

	Page<ScimConnection> listConnections(Id actorId, const std::string& org, const ScimConnectionQuery& query) override;
	IssuedScimConnection createConnection(Id actorId, const std::string& org, const ScimConnectionSpec& spec) override;
	ScimConnection getConnection(Id actorId, const std::string& org, Id connectionId) override;
	ScimConnection updateConnection(Id actorId, const std::string& org, Id connectionId,
	                                const ScimConnectionChanges& changes) override;
	void deleteConnection(Id actorId, const std::string& org, Id connectionId) override;
	IssuedScimConnection rotateToken(Id actorId, const std::string& org, Id connectionId) override;
	ScimResponse serve(const std::string& token, Id connectionId, const ScimRequest& request) override;

	const Metrics::OutcomeCounts& requests() const;
		/// serve()'s answers by outcome ("ok", "invalid", "unauthenticated", "not_found",
		/// "conflict", ...), for orgs_scim_requests_total.

private:
	static const char* outcomeOf(int status);
	ScimResponse route(const std::string& token, Id connectionId, const ScimRequest& request);
	void checkFields(const ScimConnection& c) const;
	ScimConnection require(Poco::Data::Session& session, const Service::Guard::Scope& scope, Id connectionId,
	                       bool lock = false);
	Poco::Dynamic::Var summary(const ScimConnection& c) const;
	void reapply(Poco::Data::Session& session, const Organization& org, const ScimConnection& c);

	Data::Database& _database;
	Service::Guard& _guard;
	Access::RoleResolver& _roles;
	Directory& _directory;
	UserProvisioning& _users;
	GroupProvisioning& _groups;
	Service::Clock::Ptr _pClock;
	Errors _errors;
	Data::ScimConnectionRepository _connections;
	Data::ScimUserRepository _userRows;
	Federation::RuleTargets _ruleTargets;
	Service::AuditTrail _audit;
	Metrics::OutcomeCounts _requests;
};


inline const Metrics::OutcomeCounts& ScimConnectionServiceImpl::requests() const
{
	return _requests;
}


} // namespace Scim
} // namespace Orgs


#endif // Orgs_Scim_ScimConnectionServiceImpl_INCLUDED
