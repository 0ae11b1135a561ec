//
// SmtpSink.h
//
// Library: OrgsTestSupport
// Package: Support
// Module:  SmtpSink
//
// A real SMTP server for tests: Postfix's smtp-sink on a free loopback port.
//


#ifndef Orgs_SmtpSink_INCLUDED
#define Orgs_SmtpSink_INCLUDED


#include "Poco/Process.h"
#include "Poco/Types.h"
#include <memory>
#include <string>
#include <vector>


namespace Orgs {
namespace Test {


class SmtpSink
	/// Runs /usr/sbin/smtp-sink (Debian package postfix; another path can be given in the
	/// environment variable ORGS_SMTP_SINK) as a child process listening on 127.0.0.1 on a
	/// free port. It accepts every message (and any AUTH PLAIN credentials) and appends each
	/// one to a dump file in its own new folder under the current directory (ctest runs the
	/// tests in the build tree); the destructor stops it and removes the folder.
	///
	/// stop() and start() simulate an outage: the server goes away and comes back on the same
	/// port, keeping what it received.
{
public:
	struct Message
		/// One message as the server received it.
	{
		std::string envelopeFrom; ///< the MAIL FROM address
		std::string envelopeTo;   ///< the RCPT TO address(es), as smtp-sink records them
		std::string to;           ///< the To header
		std::string from;         ///< the From header
		std::string subject;      ///< the Subject header, RFC 2047 words decoded to UTF-8
		std::string contentType;  ///< the Content-Type header
		std::string body;         ///< the body, transfer encoding decoded, CRLF turned into LF
		std::string raw;          ///< the message as dumped, smtp-sink's own headers included
	};

	SmtpSink();
		/// Starts the server on a free port and waits until it accepts connections.
		/// Throws Poco::IOException if smtp-sink is missing or does not come up in 10 s.

	~SmtpSink();
		/// Stops the server and removes its folder. Never throws.

	void start();
		/// Starts the server again on the same port (after stop()). Throws Poco::IOException if
		/// it does not come up in 10 s.

	void stop();
		/// Kills the server and waits until it is gone; connections are refused from then on.

	void setOptions(const std::vector<std::string>& options);
		/// Sets extra smtp-sink options for the next start(), e.g. {"-w", "3"} (wait 3 s before
		/// answering DATA) or {"-r", "RCPT"} (answer RCPT with 450).

	bool running() const;

	Poco::UInt16 port() const;

	std::vector<Message> messages() const;
		/// Returns the messages received so far, in the order they arrived.

	std::vector<Message> waitForMessages(std::size_t count, long timeoutMilliseconds) const;
		/// Waits until at least count messages have arrived (or the time is up) and returns
		/// them all.

	std::string log() const;
		/// Returns what smtp-sink printed.

	static std::string executable();
		/// Returns ORGS_SMTP_SINK or /usr/sbin/smtp-sink.

	static Poco::UInt16 freePort();
		/// Returns a loopback port that nothing listens on right now.

private:
	SmtpSink(const SmtpSink&) = delete;
	SmtpSink& operator=(const SmtpSink&) = delete;

	bool launch();
	static Message parse(const std::string& raw);

	std::string _folder;
	Poco::UInt16 _port;
	std::vector<std::string> _options;
	std::unique_ptr<Poco::ProcessHandle> _pHandle;
};


inline Poco::UInt16 SmtpSink::port() const
{
	return _port;
}


} // namespace Test
} // namespace Orgs


#endif // Orgs_SmtpSink_INCLUDED
