//
// HandleRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  HandleRepository
//


#include "data/HandleRepository.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


HandleRepository::HandleRepository(Database& database) : _database(database) {}


void HandleRepository::reserve(Poco::Data::Session& session, const std::string& handle, char kind)
{
	try
	{
		_database.execute(session, "INSERT INTO handles (handle, kind) VALUES (?, ?)", {handle, std::string(1, kind)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The username '" + handle + "' is already taken", "username_taken");
		throw;
	}
}


void HandleRepository::release(Poco::Data::Session& session, const std::string& handle)
{
	_database.execute(session, "DELETE FROM handles WHERE handle = ?", {handle});
}


} // namespace Data
} // namespace Orgs
