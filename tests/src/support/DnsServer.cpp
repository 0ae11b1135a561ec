//
// DnsServer.cpp
//
// Library: OrgsTestSupport
// Package: Support
// Module:  DnsServer
//


#include "support/DnsServer.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/Net/DatagramSocket.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Path.h"
#include "Poco/Random.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include "Poco/UUIDGenerator.h"
#include <csignal>
#include <unistd.h>


namespace Orgs {
namespace Test {


namespace {


const long START_TIMEOUT_MS = 10000;
const int TXT = 16;


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


Poco::UInt16 freePort()
	/// A loopback port free for TCP and UDP right now.
{
	for (int attempt = 0; attempt < 20; ++attempt)
	{
		Poco::Net::ServerSocket tcp(Poco::Net::SocketAddress("127.0.0.1", 0));
		const Poco::UInt16 port = tcp.address().port();
		try
		{
			Poco::Net::DatagramSocket udp(Poco::Net::SocketAddress("127.0.0.1", port), false);
			return port;
		}
		catch (Poco::Exception&)
		{
		}
	}
	throw Poco::IOException("no loopback port free for both TCP and UDP");
}


bool isDnsName(const std::string& name)
{
	if (name.empty() || name.size() > 253)
		return false;
	std::string::size_type start = 0;
	while (start <= name.size())
	{
		std::string::size_type dot = name.find('.', start);
		if (dot == std::string::npos)
			dot = name.size();
		const std::string label = name.substr(start, dot - start);
		if (label.empty() || label.size() > 63)
			return false;
		for (char c : label)
		{
			if (!(Poco::Ascii::isAlphaNumeric(c) || c == '-' || c == '_'))
				return false;
		}
		start = dot + 1;
	}
	return true;
}


std::string quoted(const std::string& value)
	/// A dnsmasq configuration string: quoted, with backslash and quote escaped.
{
	std::string result = "\"";
	for (char c : value)
	{
		if (c == '"' || c == '\\')
			result += '\\';
		result += c;
	}
	return result + "\"";
}


std::size_t skipName(const std::string& message, std::size_t pos)
	/// Returns the position after the (possibly compressed) name at pos.
{
	while (pos < message.size())
	{
		const unsigned char length = static_cast<unsigned char>(message[pos]);
		if ((length & 0xC0) == 0xC0)
			return pos + 2;
		if (length == 0)
			return pos + 1;
		pos += length + 1;
	}
	throw Poco::DataFormatException("truncated DNS name");
}


unsigned readUInt16(const std::string& message, std::size_t pos)
{
	if (pos + 2 > message.size())
		throw Poco::DataFormatException("truncated DNS message");
	return (static_cast<unsigned char>(message[pos]) << 8) | static_cast<unsigned char>(message[pos + 1]);
}


} // namespace


DnsServer::DnsServer() : _port(0)
{
	if (!Poco::File(executable()).exists())
	{
		throw Poco::IOException(executable() +
		                        " does not exist: install the Debian package dnsmasq-base (scripts/install-deps.sh)");
	}
	Poco::Path folder(Poco::Path::current());
	folder.pushDirectory("dnsmasq-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
	_folder = folder.toString();
	Poco::File(_folder).createDirectories();
	writeConfiguration();
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
	throw Poco::IOException("dnsmasq did not start: " + output);
}


DnsServer::~DnsServer()
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


void DnsServer::setTxt(const std::string& name, const std::vector<std::string>& values)
{
	if (!isDnsName(name))
		throw Poco::InvalidArgumentException("not a DNS name: " + name);
	for (const auto& value : values)
	{
		if (value.size() > 255 || value.find_first_of("\r\n") != std::string::npos)
			throw Poco::InvalidArgumentException("a TXT string holds at most 255 bytes and no line break");
	}
	const std::string key = Poco::toLower(name);
	if (values.empty())
		_records.erase(key);
	else
		_records[key] = values;
	restart();
}


void DnsServer::removeTxt(const std::string& name)
{
	_records.erase(Poco::toLower(name));
	restart();
}


void DnsServer::clear()
{
	_records.clear();
	restart();
}


void DnsServer::restart()
{
	stop();
	writeConfiguration();
	// The port may linger for a moment after the old process is gone.
	Poco::Timestamp started;
	while (!launch())
	{
		if (started.isElapsed(START_TIMEOUT_MS * 1000))
			throw Poco::IOException("dnsmasq did not start again on port " + std::to_string(_port) + ": " + log());
		Poco::Thread::sleep(50);
	}
}


void DnsServer::writeConfiguration() const
{
	Poco::FileOutputStream out(_folder + "dnsmasq.conf.tmp");
	// Every name is local: what is not configured here is NXDOMAIN, never forwarded.
	out << "local=/#/\n";
	for (const auto& record : _records)
	{
		for (const auto& value : record.second)
			out << "txt-record=" << record.first << "," << quoted(value) << "\n";
	}
	out.close();
	Poco::File(_folder + "dnsmasq.conf.tmp").renameTo(_folder + "dnsmasq.conf");
}


bool DnsServer::launch()
{
	std::string command =
	    "exec " + shellQuote(executable()) +
	    " --keep-in-foreground --no-resolv --no-hosts --no-poll --bind-interfaces"
	    " --listen-address=127.0.0.1 --port=" +
	    std::to_string(_port) + " --cache-size=0 --log-queries --pid-file=" + shellQuote(_folder + "dnsmasq.pid") +
	    " --conf-file=" + shellQuote(_folder + "dnsmasq.conf") + " --log-facility=" + shellQuote(_folder + "log");
	if (::geteuid() == 0)
		command += " --user=root --group=root"; // as root dnsmasq would switch to nobody, who cannot write here
	command += " >> " + shellQuote(_folder + "log") + " 2>&1";
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
		// Asked over UDP, not by a TCP connection: dnsmasq serves each TCP connection in a child
		// process, which would outlive a kill of the server and keep the port.
		try
		{
			query("orgs-dns-ready.invalid", Poco::Timespan(0, 100000));
			return true;
		}
		catch (Poco::Exception&)
		{
		}
	}
	stop();
	return false;
}


void DnsServer::stop()
{
	if (!_pHandle)
		return;
	// SIGTERM, not SIGKILL: dnsmasq then ends the child processes serving TCP connections too,
	// which would otherwise keep the port from the next start.
	::kill(static_cast<pid_t>(_pHandle->id()), SIGTERM);
	Poco::Timestamp started;
	bool exited = false;
	while (!(exited = _pHandle->tryWait() != -1) && !started.isElapsed(5000000))
		Poco::Thread::sleep(5);
	if (!exited)
	{
		try
		{
			Poco::Process::kill(*_pHandle);
			_pHandle->wait();
		}
		catch (Poco::Exception&)
		{
		}
	}
	_pHandle.reset();
}


bool DnsServer::running() const
{
	return _pHandle && _pHandle->tryWait() == -1;
}


std::vector<std::string> DnsServer::queryTxt(const std::string& name) const
{
	return query(name, Poco::Timespan(2, 0));
}


std::vector<std::string> DnsServer::query(const std::string& name, const Poco::Timespan& timeout) const
{
	if (!isDnsName(name))
		throw Poco::InvalidArgumentException("not a DNS name: " + name);
	Poco::Random random;
	random.seed();
	const unsigned id = random.next(0x10000);
	std::string query;
	query += static_cast<char>(id >> 8);
	query += static_cast<char>(id & 0xFF);
	query += std::string("\x01\x00", 2);         // a standard query, recursion desired
	query += std::string("\x00\x01\x00\x00", 4); // one question, no answers
	query += std::string("\x00\x00\x00\x00", 4); // no authority, no additional records
	std::string::size_type start = 0;
	while (start < name.size())
	{
		std::string::size_type dot = name.find('.', start);
		if (dot == std::string::npos)
			dot = name.size();
		query += static_cast<char>(dot - start);
		query += name.substr(start, dot - start);
		start = dot + 1;
	}
	query += std::string("\x00\x00\x10\x00\x01", 5); // the root, type TXT, class IN

	Poco::Net::DatagramSocket socket(Poco::Net::SocketAddress::IPv4);
	socket.setReceiveTimeout(timeout);
	socket.sendTo(query.data(), static_cast<int>(query.size()), Poco::Net::SocketAddress("127.0.0.1", _port));
	char buffer[4096];
	std::string answer;
	while (true)
	{
		Poco::Net::SocketAddress sender;
		int n = socket.receiveFrom(buffer, sizeof(buffer), sender);
		answer.assign(buffer, n);
		if (answer.size() >= 12 && readUInt16(answer, 0) == id)
			break;
	}
	const unsigned flags = readUInt16(answer, 2);
	const unsigned rcode = flags & 0x0F;
	if (rcode == 3)
		return {};
	if (rcode != 0)
		throw Poco::IOException("DNS answer code " + std::to_string(rcode) + " for " + name);
	const unsigned questions = readUInt16(answer, 4);
	const unsigned answers = readUInt16(answer, 6);
	std::size_t pos = 12;
	for (unsigned i = 0; i < questions; ++i)
		pos = skipName(answer, pos) + 4;
	std::vector<std::string> texts;
	for (unsigned i = 0; i < answers; ++i)
	{
		pos = skipName(answer, pos);
		const unsigned type = readUInt16(answer, pos);
		const unsigned length = readUInt16(answer, pos + 8);
		pos += 10;
		if (pos + length > answer.size())
			throw Poco::DataFormatException("truncated DNS record");
		if (static_cast<int>(type) == TXT)
		{
			std::string text;
			std::size_t p = pos;
			while (p < pos + length)
			{
				const unsigned char size = static_cast<unsigned char>(answer[p]);
				text += answer.substr(p + 1, size);
				p += size + 1;
			}
			texts.push_back(text);
		}
		pos += length;
	}
	return texts;
}


std::string DnsServer::nameserver() const
{
	return host() + ":" + std::to_string(_port);
}


std::string DnsServer::host() const
{
	return "127.0.0.1";
}


std::string DnsServer::log() const
{
	return readFile(_folder + "log");
}


std::string DnsServer::executable()
{
	return Poco::Environment::get("ORGS_DNSMASQ", "/usr/sbin/dnsmasq");
}


} // namespace Test
} // namespace Orgs
