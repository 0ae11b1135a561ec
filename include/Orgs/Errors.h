//
// Errors.h
//
// Library: Orgs
// Package: Core
// Module:  Errors
//
// The exception hierarchy of the Orgs services. Every exception carries a stable
// machine-readable reason (for example "already_member") next to its message, so
// that in-process callers and the HTTP layer can tell conflicts apart.
//


#ifndef Orgs_Errors_INCLUDED
#define Orgs_Errors_INCLUDED


#include "Orgs/Orgs.h"
#include "Poco/Exception.h"
#include "Poco/Types.h"
#include <string>


namespace Orgs {


class Orgs_API OrgsException : public Poco::RuntimeException
	/// Base class of every exception thrown by the Orgs services.
	///
	/// reason() is a short snake_case code that does not change between releases
	/// ("not_found", "already_member", "owner_immutable", ...); message() is for people.
{
public:
	OrgsException(const std::string& reason, const std::string& message);
		/// Creates the exception with a reason code and a human-readable message.

	OrgsException(const OrgsException& exc);
	~OrgsException() noexcept override;
	OrgsException& operator=(const OrgsException& exc);

	const std::string& reason() const;
		/// Returns the machine-readable reason code.

	const char* name() const noexcept override;
	const char* className() const noexcept override;
	Poco::Exception* clone() const override;
	void rethrow() const override;

protected:
	OrgsException(const std::string& reason, const std::string& message, const Poco::Exception& cause);
		/// Creates the exception with a copy of cause as its nested exception.

private:
	std::string _reason;
};


inline const std::string& OrgsException::reason() const
{
	return _reason;
}


#define ORGS_DECLARE_EXCEPTION(CLS, DEFAULT_REASON)                                                                    \
	class Orgs_API CLS : public OrgsException                                                                          \
	{                                                                                                                  \
	public:                                                                                                            \
		explicit CLS(const std::string& message, const std::string& reason = DEFAULT_REASON);                          \
		const char* name() const noexcept override;                                                                    \
		const char* className() const noexcept override;                                                               \
		Poco::Exception* clone() const override;                                                                       \
		void rethrow() const override;                                                                                 \
	};


ORGS_DECLARE_EXCEPTION(InvalidInputException, "invalid_input")
	/// The request is malformed or a value is invalid (HTTP 400).
ORGS_DECLARE_EXCEPTION(UnauthenticatedException, "unauthenticated")
	/// No valid credentials were presented (HTTP 401).
ORGS_DECLARE_EXCEPTION(ForbiddenException, "forbidden")
	/// The caller is known but lacks the permission (HTTP 403).
ORGS_DECLARE_EXCEPTION(NotFoundException, "not_found")
	/// The object does not exist or is not visible to the caller (HTTP 404).
ORGS_DECLARE_EXCEPTION(ConflictException, "conflict")
	/// The change conflicts with the current state (HTTP 409).
ORGS_DECLARE_EXCEPTION(GoneException, "gone")
	/// The object existed but has expired (HTTP 410).
ORGS_DECLARE_EXCEPTION(LimitExceededException, "rate_limited")
	/// A rate limit was hit (HTTP 429).


class Orgs_API UnavailableException : public OrgsException
	/// A backing service, usually the database, is not reachable (HTTP 503).
	///
	/// message() says only what a caller can act on ("The database is not available; retry
	/// later"); what went wrong (the driver's error, with the server's address or the
	/// statement) is the nested exception, for the log: the HTTP layer never answers with it.
{
public:
	explicit UnavailableException(const std::string& message, const std::string& reason = "unavailable");

	UnavailableException(const std::string& message, const std::string& reason, const Poco::Exception& cause);
		/// Keeps a copy of cause as nested().

	const char* name() const noexcept override;
	const char* className() const noexcept override;
	Poco::Exception* clone() const override;
	void rethrow() const override;
};


class Orgs_API QuotaExceededException : public ConflictException
	/// A plan limit would be exceeded (HTTP 409, reason "seat_limit" or "plan_limit"). The
	/// problem document carries the quota ("members", "workspaces", "pending_invitations"),
	/// its limit, the current count and the plan.
{
public:
	QuotaExceededException(const std::string& message, const std::string& reason, const std::string& quota,
	                       Poco::Int64 limit, Poco::Int64 current, const std::string& plan);

	const std::string& quota() const;
	Poco::Int64 limit() const;
	Poco::Int64 current() const;
	const std::string& plan() const;

	const char* name() const noexcept override;
	const char* className() const noexcept override;
	Poco::Exception* clone() const override;
	void rethrow() const override;

private:
	std::string _quota;
	Poco::Int64 _limit;
	Poco::Int64 _current;
	std::string _plan;
};


class Orgs_API RateLimitedException : public LimitExceededException
	/// A rate limit was hit (HTTP 429 with Retry-After: retryAfterSeconds()).
{
public:
	RateLimitedException(const std::string& message, const std::string& reason, Poco::Int64 limit,
	                     Poco::Int64 retryAfterSeconds);

	Poco::Int64 limit() const;
	Poco::Int64 retryAfterSeconds() const;

	const char* name() const noexcept override;
	const char* className() const noexcept override;
	Poco::Exception* clone() const override;
	void rethrow() const override;

private:
	Poco::Int64 _limit;
	Poco::Int64 _retryAfterSeconds;
};


} // namespace Orgs


#endif // Orgs_Errors_INCLUDED
