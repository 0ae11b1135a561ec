//
// Errors.cpp
//
// Library: Orgs
// Package: Core
// Module:  Errors
//


#include "Orgs/Errors.h"
#include <typeinfo>


namespace Orgs {


OrgsException::OrgsException(const std::string& reason, const std::string& message)
    : Poco::RuntimeException(message), _reason(reason)
{
}


OrgsException::OrgsException(const OrgsException& exc) = default;


OrgsException::~OrgsException() noexcept = default;


OrgsException& OrgsException::operator=(const OrgsException& exc) = default;


const char* OrgsException::name() const noexcept
{
	return "Orgs exception";
}


const char* OrgsException::className() const noexcept
{
	return typeid(*this).name();
}


Poco::Exception* OrgsException::clone() const
{
	return new OrgsException(*this);
}


void OrgsException::rethrow() const
{
	throw *this;
}


#define ORGS_IMPLEMENT_EXCEPTION(CLS, NAME)                                                                            \
	CLS::CLS(const std::string& message, const std::string& reason) : OrgsException(reason, message) {}                \
	const char* CLS::name() const noexcept                                                                             \
	{                                                                                                                  \
		return NAME;                                                                                                   \
	}                                                                                                                  \
	const char* CLS::className() const noexcept                                                                        \
	{                                                                                                                  \
		return typeid(*this).name();                                                                                   \
	}                                                                                                                  \
	Poco::Exception* CLS::clone() const                                                                                \
	{                                                                                                                  \
		return new CLS(*this);                                                                                         \
	}                                                                                                                  \
	void CLS::rethrow() const                                                                                          \
	{                                                                                                                  \
		throw *this;                                                                                                   \
	}


ORGS_IMPLEMENT_EXCEPTION(InvalidInputException, "Invalid input")
ORGS_IMPLEMENT_EXCEPTION(UnauthenticatedException, "Unauthenticated")
ORGS_IMPLEMENT_EXCEPTION(ForbiddenException, "Forbidden")
ORGS_IMPLEMENT_EXCEPTION(NotFoundException, "Not found")
ORGS_IMPLEMENT_EXCEPTION(ConflictException, "Conflict")
ORGS_IMPLEMENT_EXCEPTION(GoneException, "Gone")
ORGS_IMPLEMENT_EXCEPTION(LimitExceededException, "Limit exceeded")
ORGS_IMPLEMENT_EXCEPTION(UnavailableException, "Unavailable")


} // namespace Orgs
