//
// HandleRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  HandleRepository
//


#include "data/HandleRepository.h"
#include "Orgs/Errors.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


HandleRepository::HandleRepository(Database&) {}


void HandleRepository::reserve(Poco::Data::Session& session, const std::string& handle, char kind)
{
	try
	{
		session << "INSERT INTO handles (handle, kind) VALUES (?, ?)", bind(handle), bind(std::string(1, kind)), now;
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
	session << "DELETE FROM handles WHERE handle = ?", bind(handle), now;
}


} // namespace Data
} // namespace Orgs
