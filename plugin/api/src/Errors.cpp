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


OrgsException::OrgsException(const std::string& reason, const std::string& message, const Poco::Exception& cause)
    : Poco::RuntimeException(message, cause), _reason(reason)
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


UnavailableException::UnavailableException(const std::string& message, const std::string& reason)
    : OrgsException(reason, message)
{
}


UnavailableException::UnavailableException(const std::string& message, const std::string& reason,
                                           const Poco::Exception& cause)
    : OrgsException(reason, message, cause)
{
}


const char* UnavailableException::name() const noexcept
{
	return "Unavailable";
}


const char* UnavailableException::className() const noexcept
{
	return typeid(*this).name();
}


Poco::Exception* UnavailableException::clone() const
{
	return new UnavailableException(*this);
}


void UnavailableException::rethrow() const
{
	throw *this;
}


QuotaExceededException::QuotaExceededException(const std::string& message, const std::string& reason,
                                               const std::string& quota, Poco::Int64 limit, Poco::Int64 current,
                                               const std::string& plan)
    : ConflictException(message, reason), _quota(quota), _limit(limit), _current(current), _plan(plan)
{
}


const std::string& QuotaExceededException::quota() const
{
	return _quota;
}


Poco::Int64 QuotaExceededException::limit() const
{
	return _limit;
}


Poco::Int64 QuotaExceededException::current() const
{
	return _current;
}


const std::string& QuotaExceededException::plan() const
{
	return _plan;
}


const char* QuotaExceededException::name() const noexcept
{
	return "Quota exceeded";
}


const char* QuotaExceededException::className() const noexcept
{
	return typeid(*this).name();
}


Poco::Exception* QuotaExceededException::clone() const
{
	return new QuotaExceededException(*this);
}


void QuotaExceededException::rethrow() const
{
	throw *this;
}


RateLimitedException::RateLimitedException(const std::string& message, const std::string& reason, Poco::Int64 limit,
                                           Poco::Int64 retryAfterSeconds)
    : LimitExceededException(message, reason), _limit(limit), _retryAfterSeconds(retryAfterSeconds)
{
}


Poco::Int64 RateLimitedException::limit() const
{
	return _limit;
}


Poco::Int64 RateLimitedException::retryAfterSeconds() const
{
	return _retryAfterSeconds;
}


const char* RateLimitedException::name() const noexcept
{
	return "Rate limited";
}


const char* RateLimitedException::className() const noexcept
{
	return typeid(*this).name();
}


Poco::Exception* RateLimitedException::clone() const
{
	return new RateLimitedException(*this);
}


void RateLimitedException::rethrow() const
{
	throw *this;
}


} // namespace Orgs
