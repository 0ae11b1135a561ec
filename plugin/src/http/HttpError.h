//
// HttpError.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  HttpError
//
// Errors that exist only at the HTTP level: 405, 413, 415.
//


#ifndef Orgs_HttpError_INCLUDED
#define Orgs_HttpError_INCLUDED


#include "Orgs/Errors.h"


namespace Orgs {
namespace Http {


class HttpError : public OrgsException
	/// An error with its own HTTP status, for conditions no service knows about.
{
public:
	HttpError(int status, const std::string& reason, const std::string& message);

	int status() const;

	const char* name() const noexcept override;
	Poco::Exception* clone() const override;
	void rethrow() const override;

private:
	int _status;
};


inline int HttpError::status() const
{
	return _status;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_HttpError_INCLUDED
