//
// AccountService.h
//
// Library: Orgs
// Package: Services
// Module:  AccountService
//
// Accounts and their personal access tokens.
//


#ifndef Orgs_AccountService_INCLUDED
#define Orgs_AccountService_INCLUDED


#include "Orgs/Model.h"
#include "Poco/SharedPtr.h"
#include <string>
#include <vector>


namespace Orgs {


class AccountService
	/// Creates accounts, finds them, and issues, lists and revokes personal access tokens.
	///
	/// Usernames of accounts and organizations share one namespace. With
	/// orgs.organizations.personalOnSignup=true every account created here (createAccount(),
	/// signUp(), provisionAccount()) gets its personal organization in the same transaction,
	/// and that organization becomes its active one.
{
public:
	using Ptr = Poco::SharedPtr<AccountService>;

	virtual ~AccountService() = default;

	virtual Account createAccount(const AccountSpec& spec) = 0;
		/// Creates an account. Throws InvalidInputException for an invalid username, email or
		/// name and ConflictException ("username_taken") if the handle is used by an account
		/// or an organization.

	virtual SignUp signUp(const AccountSpec& spec, const std::string& tokenName) = 0;
		/// Creates an account and its first personal access token in one transaction.
		/// Throws as createAccount() and createToken() do.

	virtual SignUp signUpToJoin(const AccountSpec& spec, const std::string& tokenName, const std::string& invitation,
	                            Membership& joined) = 0;
		/// As signUp(), and in the same transaction makes the new account a member of the
		/// organization that invites it, instead of creating a personal organization for it:
		/// invitation is the token of an email invitation (the account's email must be the
		/// invited one under orgs.invitations.requireEmailMatch) or of an organization's invite
		/// link. That organization becomes the account's active one; joined receives the
		/// membership. Throws as signUp() does, and as InvitationService::acceptInvitation() or
		/// InviteLinkService::joinByLink() do (NotFoundException "invitation_not_found" for a
		/// token of neither kind); nothing is created when it throws.

	virtual Account provisionAccount(const std::string& subject, const AccountSpec& spec) = 0;
		/// Returns the account provisioned for a host's user id (subject), creating it from
		/// spec the first time. Used for identities from a host's own Authenticator.

	virtual Account getAccount(Id accountId) = 0;
		/// Returns an account by id. Throws NotFoundException.

	virtual Account findAccount(const std::string& ref) = 0;
		/// Returns an account by id (all digits) or username. Throws NotFoundException.

	virtual IssuedToken createToken(Id accountId, const std::string& name) = 0;
		/// Issues a new personal access token. The secret is returned this once and only its
		/// SHA-256 hash is stored. Throws InvalidInputException for an empty or too long name.

	virtual Page<AccessToken> listTokens(Id accountId, const PageRequest& page) = 0;
		/// Returns the account's tokens that are not revoked, newest first.
		/// Throws InvalidInputException for a bad limit or cursor.

	virtual void revokeToken(Id accountId, Id tokenId) = 0;
		/// Revokes one of the account's tokens. Throws NotFoundException if the account has
		/// no such live token.

	virtual bool authenticateToken(const std::string& secret, Id& accountId) = 0;
		/// Returns true and the token's account if secret is a live token.

	virtual Poco::Nullable<Organization> activeOrganization(Id accountId) = 0;
		/// Returns the organization the account chose to work in (the organization switcher),
		/// or null if it chose none or is no longer a member of it.

	virtual Poco::Nullable<Organization> setActiveOrganization(Id accountId, const std::string& org) = 0;
		/// Records org (an id or username) as the organization the account works in and returns
		/// it; an empty org clears the choice and returns null. Throws NotFoundException
		/// ("organization_not_found") unless the account is a member of org.
};


} // namespace Orgs


#endif // Orgs_AccountService_INCLUDED
