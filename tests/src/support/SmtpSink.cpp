//
// SmtpSink.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  SmtpSink
//


#include "support/SmtpSink.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/Net/MailMessage.h"
#include "Poco/Net/MessageHeader.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Path.h"
#include "Poco/Process.h"
#include "Poco/RegularExpression.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include "Poco/UUIDGenerator.h"
#include <sstream>
#include <unistd.h>


namespace Orgs {
namespace Test {


namespace {


const std::string SEPARATOR = "\001ORGS-SMTP-SINK\n";
const long START_TIMEOUT_MS = 10000;


std::string readFile(const std::string& path)
{
	std::string text;
	if (Poco::File(path).exists())
	{
		Poco::FileInputStream in(path);
		Poco::StreamCopier::copyToString(in, text);
	}
	return text;
}


std::string shellQuote(const std::string& s)
{
	return "'" + Poco::replace(s, std::string("'"), std::string("'\\''")) + "'";
}


bool accepts(Poco::UInt16 port)
{
	try
	{
		Poco::Net::StreamSocket socket;
		socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(0, 200000));
		socket.close();
		return true;
	}
	catch (Poco::Exception&)
	{
		return false;
	}
}


std::string rawHeader(const std::string& message, const std::string& name)
	/// Returns the unfolded value of the first header called name, undecoded.
{
	std::istringstream in(message);
	std::string line;
	std::string value;
	bool inside = false;
	while (std::getline(in, line))
	{
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		if (line.empty())
			break; // end of the header
		if (inside && (line[0] == ' ' || line[0] == '\t'))
		{
			value += line;
			continue;
		}
		if (inside)
			break;
		if (Poco::icompare(line, 0, name.size() + 1, name + ":") == 0)
		{
			inside = true;
			value = Poco::trim(line.substr(name.size() + 1));
		}
	}
	return value;
}


} // namespace


SmtpSink::SmtpSink() : _port(0)
{
	if (!Poco::File(executable()).exists())
	{
		throw Poco::IOException(executable() +
		                        " does not exist: install the Debian package postfix (scripts/install-deps.sh)");
	}
	Poco::Path folder(Poco::Path::current());
	folder.pushDirectory("smtp-sink-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
	_folder = folder.toString();
	Poco::File(_folder).createDirectories();
	for (int attempt = 0; attempt < 5; ++attempt)
	{
		_port = freePort();
		if (launch())
			return;
	}
	const std::string output = log();
	try
	{
		Poco::File(_folder).remove(true);
	}
	catch (...)
	{
	}
	throw Poco::IOException("smtp-sink did not start: " + output);
}


SmtpSink::~SmtpSink()
{
	try
	{
		stop();
		Poco::File(_folder).remove(true);
	}
	catch (...)
	{
	}
}


void SmtpSink::start()
{
	if (running())
		return;
	// The port may linger for a moment after the old process is gone.
	Poco::Timestamp started;
	while (!launch())
	{
		if (started.isElapsed(START_TIMEOUT_MS * 1000))
			throw Poco::IOException("smtp-sink did not start again on port " + std::to_string(_port) + ": " + log());
		Poco::Thread::sleep(100);
	}
}


bool SmtpSink::launch()
{
	std::string command = "exec " + shellQuote(executable());
	if (::geteuid() == 0)
		command += " -u root"; // smtp-sink refuses to run as root without -u
	for (const auto& option : _options)
		command += " " + shellQuote(option);
	command += " -h orgs-test-sink -t 30 -D " + shellQuote(_folder + "received") + " -S " +
	           shellQuote("\\001ORGS-SMTP-SINK\\n") + " 127.0.0.1:" + std::to_string(_port) + " 64 >> " +
	           shellQuote(_folder + "log") + " 2>&1";
	Poco::Process::Args args{"-c", command};
	_pHandle.reset(new Poco::ProcessHandle(Poco::Process::launch("/bin/sh", args)));
	Poco::Timestamp started;
	while (!started.isElapsed(START_TIMEOUT_MS * 1000))
	{
		if (_pHandle->tryWait() != -1)
		{
			_pHandle.reset(); // exited, e.g. the port was taken
			return false;
		}
		if (accepts(_port))
			return true;
		Poco::Thread::sleep(20);
	}
	stop();
	return false;
}


void SmtpSink::stop()
{
	if (!_pHandle)
		return;
	try
	{
		Poco::Process::kill(*_pHandle);
	}
	catch (Poco::Exception&)
	{
	}
	try
	{
		_pHandle->wait();
	}
	catch (Poco::Exception&)
	{
	}
	_pHandle.reset();
}


void SmtpSink::setOptions(const std::vector<std::string>& options)
{
	_options = options;
}


bool SmtpSink::running() const
{
	return _pHandle && _pHandle->tryWait() == -1;
}


std::vector<SmtpSink::Message> SmtpSink::messages() const
{
	const std::string dump = readFile(_folder + "received");
	std::vector<Message> result;
	std::string::size_type pos = dump.find(SEPARATOR);
	while (pos != std::string::npos)
	{
		const std::string::size_type start = pos + SEPARATOR.size();
		const std::string::size_type next = dump.find(SEPARATOR, start);
		result.push_back(parse(dump.substr(start, next == std::string::npos ? std::string::npos : next - start)));
		pos = next;
	}
	return result;
}


std::vector<SmtpSink::Message> SmtpSink::waitForMessages(std::size_t count, long timeoutMilliseconds) const
{
	Poco::Timestamp started;
	std::vector<Message> received = messages();
	while (received.size() < count && !started.isElapsed(timeoutMilliseconds * 1000))
	{
		Poco::Thread::sleep(20);
		received = messages();
	}
	return received;
}


SmtpSink::Message SmtpSink::parse(const std::string& raw)
{
	Message m;
	m.raw = raw;
	std::istringstream in(raw);
	Poco::Net::MailMessage mail;
	mail.read(in);
	m.envelopeFrom = Poco::replace(mail.get("X-Mail-Args", ""), std::string("<"), std::string(""));
	m.envelopeFrom = Poco::replace(m.envelopeFrom, std::string(">"), std::string(""));
	m.envelopeTo = Poco::replace(mail.get("X-Rcpt-Args", ""), std::string("<"), std::string(""));
	m.envelopeTo = Poco::replace(m.envelopeTo, std::string(">"), std::string(""));
	m.to = mail.get("To", "");
	m.from = mail.get("From", "");
	// RFC 2047: white space between two encoded words (where a long subject was folded) is
	// not part of the text, but Poco's MessageHeader::read() decodes each word on its own and
	// keeps it. So the subject is taken from the raw header.
	std::string subject = rawHeader(raw, "Subject");
	static const Poco::RegularExpression between("\\?=[ \\t\\r\\n]+=\\?");
	between.subst(subject, "?==?", Poco::RegularExpression::RE_GLOBAL);
	m.subject = Poco::Net::MessageHeader::decodeWord(subject, "UTF-8");
	m.contentType = mail.get("Content-Type", "");
	std::string body = Poco::replace(mail.getContent(), std::string("\r\n"), std::string("\n"));
	if (!body.empty() && body.back() == '\n')
		body.pop_back(); // smtp-sink ends each dumped message with an empty line
	m.body = body;
	return m;
}


std::string SmtpSink::log() const
{
	return readFile(_folder + "log");
}


std::string SmtpSink::executable()
{
	return Poco::Environment::get("ORGS_SMTP_SINK", "/usr/sbin/smtp-sink");
}


Poco::UInt16 SmtpSink::freePort()
{
	Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
	const Poco::UInt16 port = socket.address().port();
	socket.close();
	return port;
}


} // namespace Test
} // namespace Orgs
