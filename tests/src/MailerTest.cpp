//
// MailerTest.cpp
//
// Library: OrgsTests
// Package: Mail
// Module:  MailerTest
//


#include "MailerTest.h"
#include "support/Suites.h"
#include "config/Settings.h"
#include "data/OutboxRepository.h"
#include "service/LogMailer.h"
#include "service/OutboxSender.h"
#include "service/SmtpMailer.h"
#include "support/SmtpSink.h"
#include "Poco/AutoPtr.h"
#include "Poco/Channel.h"
#include "Poco/Logger.h"
#include "Poco/Message.h"
#include "Poco/Net/MessageHeader.h"
#include "Poco/Net/NetException.h"
#include "Poco/Timespan.h"
#include "Poco/Util/MapConfiguration.h"
#include <sstream>


using namespace Orgs;
using Orgs::Service::OutboxSender;


ORGS_TEST_SUITE(MailerTest, "Mailer", UNIT);


namespace {


Config::Settings load(const std::map<std::string, std::string>& keys)
{
	Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = new Poco::Util::MapConfiguration;
	for (const auto& kv : keys)
		pConfig->setString(kv.first, kv.second);
	return Config::Settings::load(*pConfig, [](const std::string& p) { return "/tmp/" + p; });
}


std::string loadError(const std::map<std::string, std::string>& keys)
{
	try
	{
		load(keys);
	}
	catch (Poco::DataFormatException& exc)
	{
		return exc.message();
	}
	return "(accepted)";
}


bool startsWith(const std::string& text, const std::string& prefix)
{
	return text.compare(0, prefix.size(), prefix) == 0;
}


class CapturingChannel : public Poco::Channel
{
public:
	void log(const Poco::Message& msg) override { messages.push_back(msg); }

	std::vector<Poco::Message> messages;
};


} // namespace


void MailerTest::testRetryDelayDoublesUpToTheCap()
{
	const Poco::Int64 s = Poco::Timespan::SECONDS;
	CPPUNIT_ASSERT_EQUAL(30 * s, OutboxSender::retryDelay(1, 30 * s, 3600 * s));
	CPPUNIT_ASSERT_EQUAL(60 * s, OutboxSender::retryDelay(2, 30 * s, 3600 * s));
	CPPUNIT_ASSERT_EQUAL(120 * s, OutboxSender::retryDelay(3, 30 * s, 3600 * s));
	CPPUNIT_ASSERT_EQUAL(1920 * s, OutboxSender::retryDelay(7, 30 * s, 3600 * s));
	CPPUNIT_ASSERT_EQUAL(3600 * s, OutboxSender::retryDelay(8, 30 * s, 3600 * s));
	// Never overflows, however many attempts.
	CPPUNIT_ASSERT_EQUAL(3600 * s, OutboxSender::retryDelay(1000000, 30 * s, 3600 * s));
	CPPUNIT_ASSERT_EQUAL(5 * s, OutboxSender::retryDelay(3, 5 * s, 5 * s));
	CPPUNIT_ASSERT_EQUAL(30 * s, OutboxSender::retryDelay(0, 30 * s, 3600 * s));
}


void MailerTest::testErrorIsTruncatedAtCharacterBoundary()
{
	CPPUNIT_ASSERT_EQUAL(std::string("short"), Data::OutboxRepository::truncateError("short"));
	const std::string ascii(1500, 'x');
	CPPUNIT_ASSERT_EQUAL(std::size_t(1000), Data::OutboxRepository::truncateError(ascii).size());
	// 999 ASCII bytes, then a 3-byte character across the 1000-byte limit: it goes whole.
	const std::string euro = std::string(999, 'x') + "\xE2\x82\xAC" + "tail";
	CPPUNIT_ASSERT_EQUAL(std::string(999, 'x'), Data::OutboxRepository::truncateError(euro));
}


void MailerTest::testAuthMechanisms()
{
	const std::string ehlo = "250-mail.example.com\n250-PIPELINING\n250-AUTH PLAIN LOGIN\n250 8BITMIME";
	std::vector<std::string> m = Service::SmtpMailer::authMechanisms(ehlo);
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), m.size());
	CPPUNIT_ASSERT_EQUAL(std::string("PLAIN"), m[0]);
	CPPUNIT_ASSERT_EQUAL(std::string("LOGIN"), m[1]);
	m = Service::SmtpMailer::authMechanisms("250-example.com\r\n250-auth=login cram-md5\r\n250 OK");
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), m.size());
	CPPUNIT_ASSERT_EQUAL(std::string("LOGIN"), m[0]);
	CPPUNIT_ASSERT(Service::SmtpMailer::authMechanisms("250-example.com\n250 AUTHORITY").empty());
	CPPUNIT_ASSERT(Service::SmtpMailer::authMechanisms("250 example.com").empty());
}


void MailerTest::testCompose()
{
	MailMessage message;
	message.to = "ada@example.com";
	message.subject = "Einladung: Café\r\nBcc: eve@example.com";
	message.body = "Grüße 🎉\nhttps://example.com/invitations/abc\n";
	Poco::Net::MailMessage mail;
	Service::SmtpMailer::compose(message, "Orgs <noreply@example.com>", mail);
	CPPUNIT_ASSERT_EQUAL(std::string("Orgs <noreply@example.com>"), mail.getSender());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), mail.recipients().size());
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), mail.recipients()[0].getAddress());
	CPPUNIT_ASSERT(startsWith(mail.getSubject(), "=?UTF-8?"));
	// The line break became a space: no header can be injected through a subject.
	CPPUNIT_ASSERT_EQUAL(std::string("Einladung: Café  Bcc: eve@example.com"),
	                     Poco::Net::MessageHeader::decodeWord(mail.getSubject(), "UTF-8"));
	CPPUNIT_ASSERT_EQUAL(std::string("text/plain; charset=UTF-8"), mail.getContentType());

	std::ostringstream out;
	mail.write(out);
	const std::string wire = out.str();
	CPPUNIT_ASSERT(wire.find("\nBcc:") == std::string::npos);
	CPPUNIT_ASSERT(wire.find("Content-Transfer-Encoding: quoted-printable") != std::string::npos);
	for (char c : wire)
		CPPUNIT_ASSERT_MESSAGE(wire, static_cast<unsigned char>(c) < 0x80); // 7-bit on the wire

	// An ASCII subject stays readable.
	message.subject = "Welcome";
	Poco::Net::MailMessage plain;
	Service::SmtpMailer::compose(message, "noreply@example.com", plain);
	CPPUNIT_ASSERT_EQUAL(std::string("Welcome"), plain.getSubject());
}


void MailerTest::testSettingsDefaults()
{
	const Config::MailSettings m = load({}).mail;
	CPPUNIT_ASSERT(m.deliver);
	CPPUNIT_ASSERT_EQUAL(1000L, m.pollMillis);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(30) * Poco::Timespan::SECONDS, m.retryInitialMicros);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(3600) * Poco::Timespan::SECONDS, m.retryMaxMicros);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(300) * Poco::Timespan::SECONDS, m.leaseMicros);
	CPPUNIT_ASSERT_EQUAL(30, m.keepSentDays);
	CPPUNIT_ASSERT(m.smtp.host.empty());
	CPPUNIT_ASSERT_EQUAL(25, m.smtp.port);
	CPPUNIT_ASSERT_EQUAL(10, m.smtp.timeoutSeconds);

	const Config::MailSettings c = load({{"orgs.mail.smtp.host", "mail.example.com"},
	                                     {"orgs.mail.smtp.port", "587"},
	                                     {"orgs.mail.smtp.from", "Orgs <noreply@example.com>"},
	                                     {"orgs.mail.smtp.username", "orgs"},
	                                     {"orgs.mail.smtp.password", "s3cret"},
	                                     {"orgs.mail.retry.initialSeconds", "0.5"},
	                                     {"orgs.mail.retry.maxSeconds", "2"},
	                                     {"orgs.mail.deliver", "false"}})
	                                   .mail;
	CPPUNIT_ASSERT(!c.deliver);
	CPPUNIT_ASSERT_EQUAL(std::string("mail.example.com"), c.smtp.host);
	CPPUNIT_ASSERT_EQUAL(587, c.smtp.port);
	CPPUNIT_ASSERT_EQUAL(std::string("orgs"), c.smtp.username);
	CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), c.smtp.password);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(500000), c.retryInitialMicros);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2000000), c.retryMaxMicros);
}


void MailerTest::testSettingsValidation()
{
	const std::map<std::string, std::string> smtp{{"orgs.mail.smtp.host", "localhost"},
	                                              {"orgs.mail.smtp.from", "noreply@example.com"}};
	auto with = [&smtp](const std::string& key, const std::string& value) {
		std::map<std::string, std::string> keys(smtp);
		keys[key] = value;
		return keys;
	};
	for (const char* port : {"0", "65536", "smtp", "-25", ""})
	{
		const std::string error = loadError(with("orgs.mail.smtp.port", port));
		CPPUNIT_ASSERT_MESSAGE(port + std::string(": ") + error, startsWith(error, "orgs.mail.smtp.port:"));
	}
	CPPUNIT_ASSERT(startsWith(loadError({{"orgs.mail.smtp.host", "localhost"}}), "orgs.mail.smtp.from:"));
	CPPUNIT_ASSERT(startsWith(loadError(with("orgs.mail.smtp.from", "nobody")), "orgs.mail.smtp.from:"));
	CPPUNIT_ASSERT(startsWith(loadError(with("orgs.mail.smtp.timeoutSeconds", "0")), "orgs.mail.smtp.timeoutSeconds:"));
	CPPUNIT_ASSERT(startsWith(loadError({{"orgs.mail.pollMillis", "5"}}), "orgs.mail.pollMillis:"));
	CPPUNIT_ASSERT(
	    startsWith(loadError({{"orgs.mail.retry.initialSeconds", "soon"}}), "orgs.mail.retry.initialSeconds:"));
	CPPUNIT_ASSERT(
	    startsWith(loadError({{"orgs.mail.retry.initialSeconds", "60"}, {"orgs.mail.retry.maxSeconds", "30"}}),
	               "orgs.mail.retry.maxSeconds:"));
	CPPUNIT_ASSERT(startsWith(loadError({{"orgs.mail.leaseSeconds", "0"}}), "orgs.mail.leaseSeconds:"));
	CPPUNIT_ASSERT(startsWith(loadError({{"orgs.mail.keepSentDays", "-1"}}), "orgs.mail.keepSentDays:"));
	CPPUNIT_ASSERT(startsWith(loadError({{"orgs.mail.deliver", "perhaps"}}), "orgs.mail.deliver:"));
	// Without a host, from is not needed: the log mailer has no sender address.
	CPPUNIT_ASSERT_EQUAL(std::string("(accepted)"), loadError({{"orgs.mail.smtp.port", "2525"}}));
}


void MailerTest::testSmtpServerDownThrows()
{
	Config::SmtpSettings settings;
	settings.host = "127.0.0.1";
	settings.port = Test::SmtpSink::freePort(); // nothing listens there
	settings.from = "noreply@example.com";
	settings.timeoutSeconds = 2;
	Service::SmtpMailer mailer(settings);
	MailMessage message{"ada@example.com", "Hello", "Body"};
	CPPUNIT_ASSERT_THROW(mailer.send(message), Poco::Net::NetException);
}


void MailerTest::testLogMailerLogsTheWholeMessage()
{
	Poco::AutoPtr<CapturingChannel> pChannel = new CapturingChannel;
	Poco::Logger& logger = Poco::Logger::get("orgs-test-log-mailer");
	logger.setChannel(pChannel);
	logger.setLevel(Poco::Message::PRIO_INFORMATION);
	Service::LogMailer mailer(logger);
	mailer.send(MailMessage{"ada@example.com", "Grace invited you", "Open https://example.com/i/abc\nto join."});
	logger.setChannel(nullptr);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pChannel->messages.size());
	const Poco::Message& m = pChannel->messages[0];
	CPPUNIT_ASSERT_EQUAL(Poco::Message::PRIO_INFORMATION, m.getPriority());
	CPPUNIT_ASSERT(m.getText().find("To: ada@example.com") != std::string::npos);
	CPPUNIT_ASSERT(m.getText().find("Subject: Grace invited you") != std::string::npos);
	CPPUNIT_ASSERT(m.getText().find("Open https://example.com/i/abc\nto join.") != std::string::npos);
}
