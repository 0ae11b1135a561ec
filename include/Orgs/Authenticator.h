//
// Authenticator.h
//
// Library: Orgs
// Package: Access
// Module:  Authenticator
//
// Pluggable authentication. A host that signs its users in itself publishes an
// Authenticator in the ServiceRegistry before the plugin starts; the plugin consults
// it first and falls back to its built-in personal access tokens.
//


#ifndef Orgs_Authenticator_INCLUDED
#define Orgs_Authenticator_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Net/HTTPRequest.h"
#include <string>


namespace Orgs {


struct Identity
	/// Who a request comes from.
	///
	/// Either accountId is set (an Orgs account, as the built-in token authenticator
	/// answers), or subject is set: the host's own stable user id. The plugin then finds
	/// the account provisioned for that subject, or provisions one the first time from
	/// username, email and name.
{
	Id accountId = 0;
	std::string subject;
	std::string username;
	std::string email;
	std::string name;
};


class Authenticator
	/// Finds out who sent a request.
{
public:
	virtual ~Authenticator() = default;

	virtual bool authenticate(const Poco::Net::HTTPRequest& request, Identity& identity) = 0;
		/// Returns true and fills identity if the request carries credentials this
		/// authenticator accepts; returns false if it carries none that it handles.
		/// Throws UnauthenticatedException if it carries credentials it handles that are
		/// invalid, expired or revoked.
};


} // namespace Orgs


#endif // Orgs_Authenticator_INCLUDED
