//
// Clock.h
//
// Library: OrgsPlugin
// Package: Service
// Module:  Clock
//
// The time source of the services, replaceable in tests.
//


#ifndef Orgs_Clock_INCLUDED
#define Orgs_Clock_INCLUDED


#include "Poco/SharedPtr.h"
#include "Poco/Timestamp.h"


namespace Orgs {
namespace Service {


class Clock
	/// Returns the current time (UTC). Subclass it to control time in tests.
{
public:
	using Ptr = Poco::SharedPtr<Clock>;

	virtual ~Clock() = default;

	virtual Poco::Timestamp now() const { return Poco::Timestamp(); }
		/// Returns the current time.
};


} // namespace Service
} // namespace Orgs


#endif // Orgs_Clock_INCLUDED
