//
// BurstLog.h
//
// Library: OrgsPlugin
// Package: Http
// Module:  BurstLog
//
// Logs a recurring error once per burst instead of once per request.
//


#ifndef Orgs_BurstLog_INCLUDED
#define Orgs_BurstLog_INCLUDED


#include "Poco/Logger.h"
#include "Poco/Message.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>


namespace Orgs {
namespace Http {


class BurstLog
	/// Logs errors that come in bursts (every request failing while the database is down) once
	/// per burst: the first occurrence of a key is logged at once, in full; later occurrences
	/// of the same key within the window are only counted, and one line summarises them when
	/// the window ends ("<key>: 22998 more times in 10 s; the last: <text>"). The
	/// next occurrence after that starts a new burst. Each distinct key (a different cause) is
	/// logged at once; beyond MAX_KEYS keys at a time the others share one burst.
	///
	/// A thread owned by the log writes the summaries, so a burst that stops is still summarised
	/// when its window ends; the destructor writes the pending ones and joins the thread. A
	/// window of zero logs every occurrence in full (no thread).
{
public:
	static const std::size_t MAX_KEYS = 64;

	BurstLog(Poco::Logger& logger, Poco::Timespan window);
		/// Creates the log; starts its thread unless window is zero.

	~BurstLog();
		/// Writes the summaries of bursts still open and stops the thread.

	BurstLog(const BurstLog&) = delete;
	BurstLog& operator=(const BurstLog&) = delete;

	void log(Poco::Message::Priority priority, const std::string& key, const std::string& text);
		/// Logs text if it is the first occurrence of key in the window, and otherwise counts it
		/// (keeping the last text for the summary).

	Poco::Timespan window() const;

private:
	struct Burst
	{
		Poco::Timestamp started;
		Poco::Message::Priority priority = Poco::Message::PRIO_ERROR;
		std::size_t repeats = 0;
		std::string lastText;
	};

	void run();
	void summarise(const std::string& key, const Burst& burst, Poco::Timespan elapsed);

	Poco::Logger& _logger;
	const Poco::Timespan _window;
	std::mutex _mutex;
	std::condition_variable _wake;
	std::map<std::string, Burst> _bursts;
	bool _stop = false;
	std::thread _thread;
};


inline Poco::Timespan BurstLog::window() const
{
	return _window;
}


} // namespace Http
} // namespace Orgs


#endif // Orgs_BurstLog_INCLUDED
