//
// SmtpMailer.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  SmtpMailer
//


#include "service/SmtpMailer.h"
#include "Poco/Environment.h"
#include "Poco/Net/MailRecipient.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SMTPClientSession.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include <algorithm>


namespace Orgs {
namespace Service {


namespace {


class Session : public Poco::Net::SMTPClientSession
	/// Exposes the EHLO response and the individual AUTH methods, so that the mechanism can
	/// be chosen from what the server offers.
{
public:
	explicit Session(const Poco::Net::StreamSocket& socket) : Poco::Net::SMTPClientSession(socket) {}

	std::string hello(const std::string& name)
	{
		std::string response;
		login(name, response);
		return response;
	}

	void authenticate(const std::string& mechanism, const std::string& username, const std::string& password)
	{
		if (mechanism == "PLAIN")
			loginUsingPlain(username, password);
		else
			loginUsingLogin(username, password);
	}
};


std::string oneLine(const std::string& text)
{
	std::string result(text);
	std::replace_if(
	    result.begin(), result.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }, ' ');
	return result;
}


} // namespace


SmtpMailer::SmtpMailer(const Config::SmtpSettings& settings) : _settings(settings) {}


void SmtpMailer::send(const MailMessage& message)
{
	Poco::Net::MailMessage mail;
	compose(message, _settings.from, mail);

	const Poco::Timespan timeout(_settings.timeoutSeconds, 0);
	Poco::Net::StreamSocket socket;
	socket.connect(Poco::Net::SocketAddress(_settings.host, static_cast<Poco::UInt16>(_settings.port)), timeout);
	Session session(socket);
	session.setTimeout(timeout);
	try
	{
		const std::string response =
		    session.hello(_settings.heloName.empty() ? Poco::Environment::nodeName() : _settings.heloName);
		if (!_settings.username.empty())
		{
			const std::vector<std::string> offered = authMechanisms(response);
			std::string mechanism;
			for (const char* m : {"PLAIN", "LOGIN"})
			{
				if (mechanism.empty() && std::find(offered.begin(), offered.end(), m) != offered.end())
					mechanism = m;
			}
			if (mechanism.empty())
				throw Poco::Net::SMTPException("The SMTP server " + _settings.host +
				                               " offers neither AUTH PLAIN nor AUTH LOGIN");
			session.authenticate(mechanism, _settings.username, _settings.password);
		}
		session.sendMessage(mail);
	}
	catch (...)
	{
		try
		{
			session.close();
		}
		catch (...)
		{
		}
		throw;
	}
	try
	{
		session.close(); // QUIT: the message is accepted already, a failure here changes nothing
	}
	catch (Poco::Exception&)
	{
	}
}


void SmtpMailer::compose(const MailMessage& message, const std::string& from, Poco::Net::MailMessage& mail)
{
	mail.setSender(from);
	mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
	mail.setSubject(Poco::Net::MailMessage::encodeWord(oneLine(message.subject), "UTF-8"));
	mail.setContentType("text/plain; charset=UTF-8");
	mail.setContent(message.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}


std::vector<std::string> SmtpMailer::authMechanisms(const std::string& ehloResponse)
{
	Poco::StringTokenizer lines(ehloResponse, "\r\n", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
	for (const auto& line : lines)
	{
		// "250-AUTH PLAIN LOGIN" or the pre-standard "250-AUTH=PLAIN LOGIN".
		std::string text = Poco::toUpper(line.size() > 4 ? line.substr(4) : std::string());
		if (text.compare(0, 5, "AUTH ") != 0 && text.compare(0, 5, "AUTH=") != 0)
			continue;
		Poco::StringTokenizer words(text.substr(5), " ",
		                            Poco::StringTokenizer::TOK_IGNORE_EMPTY | Poco::StringTokenizer::TOK_TRIM);
		return std::vector<std::string>(words.begin(), words.end());
	}
	return {};
}


} // namespace Service
} // namespace Orgs
