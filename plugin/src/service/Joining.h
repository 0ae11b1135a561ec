//
// Joining.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Joining
//
// Joining an organization by a token, inside a caller's transaction.
//


#ifndef Orgs_Joining_INCLUDED
#define Orgs_Joining_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include <string>


namespace Orgs {
namespace Service {


class Joining
	/// What an invitation (by email) and an invite link have in common: a token that makes an
	/// account a member of an organization. Sign-up uses it to create an account and join in one
	/// transaction (POST /accounts with "invitation"), instead of creating an organization.
{
public:
	virtual ~Joining() = default;

	virtual bool handles(const std::string& token) const = 0;
		/// Returns true if the token is one of this kind (by its prefix).

	virtual Id organizationOf(const std::string& token) = 0;
		/// Returns the organization the token joins, read in a session of its own so that the
		/// joining transaction can lock the organization's row as its first statement. Throws as
		/// join() does for an unknown, used or expired token.

	virtual Membership join(Poco::Data::Session& session, Id organizationId, Id actorId, const std::string& token) = 0;
		/// Within the caller's transaction: locks the organization's row, checks the token again
		/// and every rule of joining, and makes the actor a member. The caller must not have read
		/// anything before, except to create the actor's account.
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Joining_INCLUDED
