//
// HandleRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  HandleRepository
//
// The one namespace shared by account and organization usernames.
//


#ifndef Orgs_HandleRepository_INCLUDED
#define Orgs_HandleRepository_INCLUDED


#include "data/Database.h"
#include <string>


namespace Orgs {
namespace Data {


class HandleRepository
	/// Reserves and releases handles. A handle is reserved by inserting its row; the primary
	/// key makes two reservations of one handle impossible, whoever races.
{
public:
	static const char ACCOUNT = 'a';
	static const char ORGANIZATION = 'o';

	explicit HandleRepository(Database& database);

	void reserve(Poco::Data::Session& session, const std::string& handle, char kind);
		/// Reserves the handle for an account or an organization.
		/// Throws ConflictException ("username_taken") if it is in use.

	void release(Poco::Data::Session& session, const std::string& handle);
		/// Releases a handle no row refers to any more.

private:
	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_HandleRepository_INCLUDED
