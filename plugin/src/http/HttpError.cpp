//
// HttpError.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  HttpError
//


#include "http/HttpError.h"


namespace Orgs {
namespace Http {


HttpError::HttpError(int status, const std::string& reason, const std::string& message)
    : OrgsException(reason, message), _status(status)
{
}


const char* HttpError::name() const noexcept
{
	return "HTTP error";
}


Poco::Exception* HttpError::clone() const
{
	return new HttpError(*this);
}


void HttpError::rethrow() const
{
	throw *this;
}


} // namespace Http
} // namespace Orgs
