//
// DedicatedSession.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  DedicatedSession
//
// A background worker's own database session, reopened when its connection is lost.
//


#ifndef Orgs_DedicatedSession_INCLUDED
#define Orgs_DedicatedSession_INCLUDED


#include "data/Database.h"
#include "Poco/Data/Session.h"
#include <memory>
#include <utility>


namespace Orgs {
namespace Data {


class DedicatedSession
	/// A session outside the pool (Database::openDedicated()) for a sender thread: the thread
	/// never waits for a pooled session that requests need, and requests never wait for it.
	/// Opened on first use; after any failure the next call opens a fresh one, since a failed
	/// statement may leave the connection in a state nobody can tell. Not thread-safe: one
	/// thread owns it.
{
public:
	explicit DedicatedSession(Database& database) : _database(database) {}

	template <class F>
	auto run(F&& fn) -> decltype(fn(std::declval<Poco::Data::Session&>()))
		/// Runs fn(session); once more on a fresh session if the connection was lost. Throws
		/// what fn throws otherwise.
	{
		for (int attempt = 1;; ++attempt)
		{
			try
			{
				if (!_pSession)
					_pSession.reset(new Poco::Data::Session(_database.openDedicated()));
				return fn(*_pSession);
			}
			catch (Poco::Exception& exc)
			{
				_pSession.reset();
				if (attempt >= 2 || Database::classify(exc) != Database::ErrorKind::ConnectionLost)
					throw;
			}
		}
	}

	template <class F>
	bool claim(F&& fn)
		/// Runs fn(session), a compare-and-set that returns whether it took the row. A conflict
		/// with a concurrent writer of the row (a deadlock, a lock wait or busy timeout, another
		/// Galera node's claim certified first) means that writer has it: false, as when the
		/// compare failed. Either way the row stays where it was for the next pass.
	{
		try
		{
			return run(std::forward<F>(fn));
		}
		catch (Poco::Exception& exc)
		{
			if (Database::classify(exc) == Database::ErrorKind::Retryable)
				return false;
			throw;
		}
	}

	void close() { _pSession.reset(); }
		/// Closes the session (the next run() opens one).

private:
	Database& _database;
	std::unique_ptr<Poco::Data::Session> _pSession;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_DedicatedSession_INCLUDED
