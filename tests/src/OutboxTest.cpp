//
// OutboxTest.cpp
//
// Library: OrgsTests
// Package: Mail
// Module:  OutboxTest
//


#include "OutboxTest.h"
#include "support/Suites.h"
#include "data/Database.h"
#include "data/OutboxRepository.h"
#include "service/LogMailer.h"
#include "service/Outbox.h"
#include "service/OutboxSender.h"
#include "support/Expect.h"
#include "support/Racing.h"
#include "support/SmtpSink.h"
#include "support/TestRuntime.h"
#include "Poco/Exception.h"
#include "Poco/Mutex.h"
#include "Poco/Thread.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include <atomic>
#include <functional>
#include <set>
#include <thread>


using namespace Orgs;
using Orgs::Test::reasonOf;
using Orgs::Test::SmtpSink;
using Orgs::Test::TestRuntime;


ORGS_TEST_SUITE(OutboxTest, "Outbox", DATABASE);


namespace {


const long WAIT_MS = 15000;


class RecordingMailer : public Orgs::Mailer
	/// A host's Mailer: records what it is given; can fail a number of times first and take
	/// its time.
{
public:
	using Ptr = Poco::SharedPtr<RecordingMailer>;

	explicit RecordingMailer(int failures = 0, long delayMs = 0) : _failures(failures), _delayMs(delayMs) {}

	void send(const MailMessage& message) override
	{
		if (_delayMs > 0)
			Poco::Thread::sleep(_delayMs);
		Poco::FastMutex::ScopedLock lock(_mutex);
		if (_failures > 0)
		{
			--_failures;
			throw Poco::IOException("host mailer down");
		}
		_sent.push_back(message);
	}

	std::vector<MailMessage> sent() const
	{
		Poco::FastMutex::ScopedLock lock(_mutex);
		return _sent;
	}

private:
	mutable Poco::FastMutex _mutex;
	int _failures;
	long _delayMs;
	std::vector<MailMessage> _sent;
};


class ManualClock : public Service::Clock
	/// Real time plus an offset the test moves forward.
{
public:
	using Ptr = Poco::SharedPtr<ManualClock>;

	Poco::Timestamp now() const override { return Poco::Timestamp() + _offset.load(); }

	void advance(Poco::Int64 micros) { _offset += micros; }

private:
	std::atomic<Poco::Int64> _offset{0};
};


TestRuntime::Settings smtpSettings(const SmtpSink& sink, TestRuntime::Settings extra = {})
{
	TestRuntime::Settings s{{"orgs.mail.smtp.host", "127.0.0.1"},
	                        {"orgs.mail.smtp.port", std::to_string(sink.port())},
	                        {"orgs.mail.smtp.from", "Orgs <noreply@example.com>"},
	                        {"orgs.mail.smtp.timeoutSeconds", "5"},
	                        {"orgs.mail.pollMillis", "50"},
	                        {"orgs.mail.retry.initialSeconds", "0.2"},
	                        {"orgs.mail.retry.maxSeconds", "0.4"}};
	for (const auto& kv : extra)
		s[kv.first] = kv.second;
	return s;
}


MailMessage message(const std::string& to, const std::string& subject, const std::string& body = "Hello")
{
	MailMessage m;
	m.to = to;
	m.subject = subject;
	m.body = body;
	return m;
}


Id enqueue(TestRuntime& rt, const MailMessage& m)
{
	return rt.runtime().database().transact(
	    [&](Poco::Data::Session& s) { return rt.runtime().outbox().enqueue(s, m); });
}


Data::OutboxEntry entry(TestRuntime& rt, Id id)
{
	Data::OutboxRepository repo(rt.runtime().database());
	Data::OutboxEntry e;
	const bool found = rt.runtime().database().withSession([&](Poco::Data::Session& s) { return repo.find(s, id, e); });
	CPPUNIT_ASSERT_MESSAGE("outbox row " + std::to_string(id), found);
	return e;
}


Poco::Int64 rows(TestRuntime& rt)
{
	return rt.scalar("SELECT COUNT(*) FROM outbox WHERE id > ?", 0);
}


bool waitUntil(const std::function<bool()>& condition, long timeoutMs = WAIT_MS)
{
	Poco::Timestamp started;
	while (!condition())
	{
		if (started.isElapsed(timeoutMs * 1000))
			return false;
		Poco::Thread::sleep(10);
	}
	return true;
}


std::string trimNewlines(std::string s)
{
	while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
		s.pop_back();
	return s;
}


} // namespace


void OutboxTest::testRolledBackMessageIsNeverSent()
{
	SmtpSink sink;
	TestRuntime rt(smtpSettings(sink));
	try
	{
		rt.runtime().database().transact([&](Poco::Data::Session& s) {
			rt.runtime().outbox().enqueue(s, message("ada@example.com", "Rolled back"));
			throw Poco::RuntimeException("the change that caused the mail failed");
		});
		CPPUNIT_FAIL("transact() swallowed the exception");
	}
	catch (Poco::RuntimeException&)
	{
	}
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rows(rt));

	// A committed message after it: once it is delivered, the sender has had its chance.
	enqueue(rt, message("grace@example.com", "Committed"));
	std::vector<SmtpSink::Message> received = sink.waitForMessages(1, WAIT_MS);
	Poco::Thread::sleep(200);
	received = sink.messages();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), received.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Committed"), received[0].subject);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rows(rt));
}


void OutboxTest::testCommittedMessageIsDeliveredBySmtp()
{
	SmtpSink sink;
	// A long poll interval: only the wake-up after the commit can deliver in time.
	TestRuntime rt(smtpSettings(sink, {{"orgs.mail.pollMillis", "600000"}}));
	Poco::Thread::sleep(100); // the sender's first pass, on an empty outbox

	const std::string subject = "Grace hat dich zu „Café Ünïcødé“ eingeladen 🎉";
	const std::string link = "https://orgs.example.com/invitations/" + std::string(120, 'k');
	const std::string body = "Hallo Ada,\n\nGrace lädt dich ein: 日本語, ελληνικά, emoji 🎉.\n.\n..a line that starts "
	                         "with dots\nFrom the start of a line\n" +
	                         link + "\n\n-- \nOrgs";
	Poco::Timestamp committed;
	const Id id = enqueue(rt, message("ada@example.com", subject, body));
	std::vector<SmtpSink::Message> received = sink.waitForMessages(1, WAIT_MS);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sink.log(), std::size_t(1), received.size());
	CPPUNIT_ASSERT_MESSAGE("delivered promptly after the commit", !committed.isElapsed(5 * Poco::Timespan::SECONDS));

	const SmtpSink::Message& m = received[0];
	CPPUNIT_ASSERT_EQUAL(std::string("noreply@example.com"), m.envelopeFrom);
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), m.envelopeTo);
	CPPUNIT_ASSERT_EQUAL(std::string("<ada@example.com>"), m.to);
	CPPUNIT_ASSERT_EQUAL(std::string("Orgs <noreply@example.com>"), m.from);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(m.raw, subject, m.subject);
	CPPUNIT_ASSERT_EQUAL(std::string("text/plain; charset=UTF-8"), m.contentType);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(m.raw, trimNewlines(body), trimNewlines(m.body));

	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));
	const Data::OutboxEntry e = entry(rt, id);
	CPPUNIT_ASSERT_EQUAL(1, e.attempts);
	CPPUNIT_ASSERT_EQUAL(std::string(), e.lastError);
	CPPUNIT_ASSERT(e.sentAt.value() >= e.createdAt);
}


void OutboxTest::testSmtpAuthentication()
{
	SmtpSink sink; // smtp-sink offers AUTH PLAIN LOGIN and accepts any credentials
	TestRuntime rt(smtpSettings(sink, {{"orgs.mail.smtp.username", "orgs"}, {"orgs.mail.smtp.password", "s3cret"}}));
	const Id id = enqueue(rt, message("ada@example.com", "Authenticated"));
	std::vector<SmtpSink::Message> received = sink.waitForMessages(1, WAIT_MS);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sink.log(), std::size_t(1), received.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Authenticated"), received[0].subject);
	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));
}


void OutboxTest::testOutageLosesNothingAndDeliversOnce()
{
	SmtpSink sink;
	TestRuntime rt(smtpSettings(sink));
	sink.stop();

	const Id id = enqueue(rt, message("ada@example.com", "Sent after the outage", "Still here"));
	// Read between attempts: while an attempt runs the row holds its lease (minutes ahead), so
	// wait for a failed attempt's schedule: rescheduled with back-off, never further out than
	// the cap (0.4 s) plus the time it took.
	Data::OutboxEntry e;
	CPPUNIT_ASSERT(waitUntil([&] {
		e = entry(rt, id);
		return e.attempts >= 3 && !e.lastError.empty() &&
		       e.nextAttemptAt <= Data::Database::toMicros(Poco::Timestamp()) + 400000 + 1000000;
	}));
	CPPUNIT_ASSERT(e.sentAt.isNull());
	CPPUNIT_ASSERT_MESSAGE(e.lastError, e.lastError.find("attempt ") == 0);
	CPPUNIT_ASSERT_MESSAGE(e.lastError, e.lastError.find("refused") != std::string::npos);
	CPPUNIT_ASSERT(e.nextAttemptAt > e.createdAt);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), rows(rt));

	sink.start();
	std::vector<SmtpSink::Message> received = sink.waitForMessages(1, WAIT_MS);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sink.log(), std::size_t(1), received.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Sent after the outage"), received[0].subject);
	CPPUNIT_ASSERT_EQUAL(std::string("Still here"), trimNewlines(received[0].body));
	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));

	// Exactly once: several more passes send nothing again.
	Poco::Thread::sleep(500);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sink.messages().size());
	e = entry(rt, id);
	CPPUNIT_ASSERT(e.attempts >= 4);
	CPPUNIT_ASSERT(!e.lastError.empty()); // the last failure stays on record
}


void OutboxTest::testSlowAndRefusingServersAreRetried()
{
	SmtpSink sink;
	sink.stop();
	sink.setOptions({"-w", "3"}); // answers DATA after 3 s, later than the sender waits
	sink.start();
	TestRuntime rt(smtpSettings(sink, {{"orgs.mail.smtp.timeoutSeconds", "1"}}));
	const Id id = enqueue(rt, message("ada@example.com", "Patience"));
	CPPUNIT_ASSERT(waitUntil([&] { return entry(rt, id).attempts >= 1 && !entry(rt, id).lastError.empty(); }));
	Data::OutboxEntry e = entry(rt, id);
	CPPUNIT_ASSERT(e.sentAt.isNull());
	CPPUNIT_ASSERT_MESSAGE(e.lastError, e.lastError.find("imeout") != std::string::npos ||
	                                        e.lastError.find("timed out") != std::string::npos);

	// A server that refuses the recipient for now (450).
	sink.stop();
	sink.setOptions({"-r", "RCPT"});
	sink.start();
	const int before = entry(rt, id).attempts;
	CPPUNIT_ASSERT(waitUntil([&] {
		const Data::OutboxEntry now = entry(rt, id);
		return now.attempts > before + 1 && now.lastError.find("450") != std::string::npos;
	}));
	CPPUNIT_ASSERT(entry(rt, id).sentAt.isNull());
	CPPUNIT_ASSERT(sink.messages().empty());

	// Healthy again: delivered, once.
	sink.stop();
	sink.setOptions({});
	sink.start();
	std::vector<SmtpSink::Message> received = sink.waitForMessages(1, WAIT_MS);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sink.log(), std::size_t(1), received.size());
	CPPUNIT_ASSERT_EQUAL(std::string("Patience"), received[0].subject);
	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));
	Poco::Thread::sleep(300);
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sink.messages().size());
}


void OutboxTest::testMessagesAreDeliveredInOrder()
{
	SmtpSink sink;
	TestRuntime rt(smtpSettings(sink));
	rt.runtime().database().transact([&](Poco::Data::Session& s) {
		for (int i = 1; i <= 5; ++i)
			rt.runtime().outbox().enqueue(
			    s, message("user" + std::to_string(i) + "@example.com", "Message " + std::to_string(i)));
	});
	for (int i = 6; i <= 8; ++i)
		enqueue(rt, message("user" + std::to_string(i) + "@example.com", "Message " + std::to_string(i)));

	std::vector<SmtpSink::Message> received = sink.waitForMessages(8, WAIT_MS);
	CPPUNIT_ASSERT_EQUAL_MESSAGE(sink.log(), std::size_t(8), received.size());
	for (int i = 1; i <= 8; ++i)
	{
		CPPUNIT_ASSERT_EQUAL(std::string("Message ") + std::to_string(i), received[i - 1].subject);
		CPPUNIT_ASSERT_EQUAL("<user" + std::to_string(i) + "@example.com>", received[i - 1].to);
	}
	Poco::Thread::sleep(200);
	CPPUNIT_ASSERT_EQUAL(std::size_t(8), sink.messages().size());
}


void OutboxTest::testHostMailerFailsThenSucceeds()
{
	RecordingMailer::Ptr pMailer = new RecordingMailer(2);
	TestRuntime rt({{"orgs.mail.pollMillis", "50"},
	                {"orgs.mail.retry.initialSeconds", "0.1"},
	                {"orgs.mail.retry.maxSeconds", "0.2"}},
	               nullptr, pMailer);
	CPPUNIT_ASSERT(rt.runtime().mailer().get() == pMailer.get());

	const Id id = enqueue(rt, message("ada@example.com", "Through the host"));
	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));
	const std::vector<MailMessage> sent = pMailer->sent();
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sent.size());
	CPPUNIT_ASSERT_EQUAL(std::string("ada@example.com"), sent[0].to);
	CPPUNIT_ASSERT_EQUAL(std::string("Through the host"), sent[0].subject);
	const Data::OutboxEntry e = entry(rt, id);
	CPPUNIT_ASSERT_EQUAL(3, e.attempts);
	CPPUNIT_ASSERT_MESSAGE(e.lastError, e.lastError.find("attempt 2: ") == 0);
	CPPUNIT_ASSERT_MESSAGE(e.lastError, e.lastError.find("host mailer down") != std::string::npos);
}


void OutboxTest::testWithoutSmtpTheLogGetsTheMessage()
{
	TestRuntime rt(TestRuntime::Settings{{"orgs.mail.pollMillis", "50"}});
	CPPUNIT_ASSERT(dynamic_cast<Service::LogMailer*>(rt.runtime().mailer().get()));
	const Id id = enqueue(rt, message("ada@example.com", "Copy the link from the log"));
	CPPUNIT_ASSERT(waitUntil([&] { return !entry(rt, id).sentAt.isNull(); }));
	CPPUNIT_ASSERT_EQUAL(1, entry(rt, id).attempts);
}


void OutboxTest::testTwoSendersNeverDeliverTwice()
{
	// Two hosts on one database, played by two senders racing over the same rows.
	RecordingMailer::Ptr pMailer = new RecordingMailer(0, 1);
	TestRuntime rt({{"orgs.mail.deliver", "false"}}, nullptr, pMailer);
	const int count = 2 * Service::OutboxSender::BATCH_SIZE + 7;
	rt.runtime().database().transact([&](Poco::Data::Session& s) {
		for (int i = 0; i < count; ++i)
			rt.runtime().outbox().enqueue(s, message("ada@example.com", "Message " + std::to_string(i)));
	});
	CPPUNIT_ASSERT(!rt.runtime().outboxSender().running());

	Service::Clock::Ptr pClock = new Service::Clock;
	Service::OutboxSender first(rt.runtime().database(), rt.runtime().outbox(), pMailer, pClock,
	                            rt.runtime().settings().mail, Poco::Logger::get("orgs-test"));
	Service::OutboxSender second(rt.runtime().database(), rt.runtime().outbox(), pMailer, pClock,
	                             rt.runtime().settings().mail, Poco::Logger::get("orgs-test"));
	Test::StartGate gate(2);
	std::size_t sentByFirst = 0;
	std::size_t sentBySecond = 0;
	std::string error;
	auto race = [&](Service::OutboxSender& sender, std::size_t& sent) {
		gate.arriveAndWait();
		try
		{
			sent = sender.deliverDue();
		}
		catch (Poco::Exception& exc)
		{
			error = exc.displayText();
		}
	};
	std::thread a([&] { race(first, sentByFirst); });
	std::thread b([&] { race(second, sentBySecond); });
	a.join();
	b.join();
	CPPUNIT_ASSERT_EQUAL(std::string(), error);

	const std::vector<MailMessage> sent = pMailer->sent();
	std::set<std::string> subjects;
	for (const auto& m : sent)
		subjects.insert(m.subject);
	CPPUNIT_ASSERT_EQUAL(std::size_t(count), sent.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(count), subjects.size());
	CPPUNIT_ASSERT_EQUAL(std::size_t(count), sentByFirst + sentBySecond);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(count),
	                     rt.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = ?", 1));
}


void OutboxTest::testDeadSenderIsRetriedAfterLease()
{
	ManualClock::Ptr pClock = new ManualClock;
	RecordingMailer::Ptr pMailer = new RecordingMailer;
	TestRuntime rt({{"orgs.mail.deliver", "false"}, {"orgs.mail.leaseSeconds", "60"}}, pClock, pMailer);
	const Id id = enqueue(rt, message("ada@example.com", "Claimed by a sender that died"));

	// Another host claims the message and dies before sending or recording anything.
	Data::OutboxRepository repo(rt.runtime().database());
	const Data::OutboxEntry before = entry(rt, id);
	const Poco::Int64 deadLease = Data::Database::toMicros(pClock->now()) + 60 * Poco::Timespan::SECONDS;
	CPPUNIT_ASSERT(rt.runtime().database().withSession(
	    [&](Poco::Data::Session& s) { return repo.claim(s, id, before.nextAttemptAt, deadLease); }));
	// A second claim on what was seen before fails: that is what keeps senders apart.
	CPPUNIT_ASSERT(!rt.runtime().database().withSession(
	    [&](Poco::Data::Session& s) { return repo.claim(s, id, before.nextAttemptAt, deadLease + 1); }));

	Service::OutboxSender& sender = rt.runtime().outboxSender();
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), sender.deliverDue());
	pClock->advance(30 * Poco::Timespan::SECONDS);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), sender.deliverDue());
	CPPUNIT_ASSERT(pMailer->sent().empty());

	pClock->advance(31 * Poco::Timespan::SECONDS); // the lease is over
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), sender.deliverDue());
	CPPUNIT_ASSERT_EQUAL(std::size_t(1), pMailer->sent().size());
	const Data::OutboxEntry after = entry(rt, id);
	CPPUNIT_ASSERT(!after.sentAt.isNull());
	CPPUNIT_ASSERT_EQUAL(2, after.attempts);

	// The dead sender, were it only slow, can no longer reschedule the row; marking it sent
	// again changes nothing.
	CPPUNIT_ASSERT(!rt.runtime().database().withSession(
	    [&](Poco::Data::Session& s) { return repo.markFailed(s, id, deadLease, deadLease + 1000, "late"); }));
	CPPUNIT_ASSERT(
	    !rt.runtime().database().withSession([&](Poco::Data::Session& s) { return repo.markSent(s, id, deadLease); }));
	CPPUNIT_ASSERT_EQUAL(after.sentAt.value(), entry(rt, id).sentAt.value());
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), sender.deliverDue());
}


void OutboxTest::testPurgeKeepsRecentAndUnsent()
{
	ManualClock::Ptr pClock = new ManualClock;
	RecordingMailer::Ptr pMailer = new RecordingMailer;
	TestRuntime rt({{"orgs.mail.deliver", "false"}, {"orgs.mail.keepSentDays", "1"}}, pClock, pMailer);
	enqueue(rt, message("ada@example.com", "Old, sent"));
	enqueue(rt, message("grace@example.com", "Old, sent too"));
	Service::OutboxSender& sender = rt.runtime().outboxSender();
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), sender.deliverDue());
	const Id unsent = enqueue(rt, message("linus@example.com", "Old, never sent"));

	pClock->advance(12 * Poco::Timespan::HOURS);
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), sender.purge());
	pClock->advance(13 * Poco::Timespan::HOURS);
	enqueue(rt, message("ken@example.com", "Recent"));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), sender.purge()); // the two sent more than a day ago
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), rows(rt));
	CPPUNIT_ASSERT(entry(rt, unsent).sentAt.isNull()); // old but unsent: kept
	CPPUNIT_ASSERT_EQUAL(std::size_t(0), sender.purge());
}


void OutboxTest::testEnqueueValidates()
{
	TestRuntime rt(TestRuntime::Settings{{"orgs.mail.deliver", "false"}});
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_email"),
	                     reasonOf<InvalidInputException>([&] { enqueue(rt, message("not an address", "Hello")); }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalid_email"), reasonOf<InvalidInputException>([&] {
		                     enqueue(rt, message("ada@example.com\r\nBcc: eve@example.com", "Hello"));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("message_too_long"), reasonOf<InvalidInputException>([&] {
		                     enqueue(rt, message("ada@example.com", std::string(999, 's')));
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("message_too_long"), reasonOf<InvalidInputException>([&] {
		                     enqueue(rt, message("ada@example.com", "Hello", std::string(65536, 'b')));
	                     }));
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), rows(rt));

	// The limits hold on both databases: 998 two-byte characters, 65535 bytes of body.
	std::string subject;
	for (int i = 0; i < 998; ++i)
		subject += "é";
	const std::string body(65535, 'b');
	const Id id = enqueue(rt, message("ada@example.com", subject, body));
	const Data::OutboxEntry e = entry(rt, id);
	CPPUNIT_ASSERT(e.message.subject == subject);
	CPPUNIT_ASSERT(e.message.body == body);

	// Outside a transaction the row is written at once.
	rt.runtime().database().withSession(
	    [&](Poco::Data::Session& s) { rt.runtime().outbox().enqueue(s, message("ada@example.com", "Autocommit")); });
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), rows(rt));
}


void OutboxTest::testSenderStopsPromptly()
{
	// Idle: the sender waits for a poll interval of ten minutes, and stops at once.
	{
		TestRuntime rt(TestRuntime::Settings{{"orgs.mail.pollMillis", "600000"}});
		Service::OutboxSender& sender = rt.runtime().outboxSender();
		CPPUNIT_ASSERT(sender.running());
		Poco::Thread::sleep(100);
		Poco::Timestamp started;
		sender.stop();
		CPPUNIT_ASSERT(!sender.running());
		CPPUNIT_ASSERT_MESSAGE(std::to_string(started.elapsed()) + " us", started.elapsed() < Poco::Timespan::SECONDS);
	}

	// Busy with a slow host mailer (100 ms a message, 30 queued): stop() waits for the one
	// message in progress, not for the queue; nothing is lost and a restart finishes the job.
	RecordingMailer::Ptr pMailer = new RecordingMailer(0, 100);
	TestRuntime rt({{"orgs.mail.pollMillis", "50"}}, nullptr, pMailer);
	rt.runtime().database().transact([&](Poco::Data::Session& s) {
		for (int i = 0; i < 30; ++i)
			rt.runtime().outbox().enqueue(s, message("ada@example.com", "Message " + std::to_string(i)));
	});
	CPPUNIT_ASSERT(waitUntil([&] { return pMailer->sent().size() >= 2; }));
	Service::OutboxSender& sender = rt.runtime().outboxSender();
	Poco::Timestamp started;
	sender.stop();
	CPPUNIT_ASSERT_MESSAGE(std::to_string(started.elapsed()) + " us", started.elapsed() < Poco::Timespan::SECONDS);
	const std::size_t sentBeforeStop = pMailer->sent().size();
	CPPUNIT_ASSERT(sentBeforeStop < 30);
	CPPUNIT_ASSERT_EQUAL(Poco::Int64(sentBeforeStop),
	                     rt.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND id > ?", 0));

	sender.start();
	CPPUNIT_ASSERT(waitUntil([&] { return pMailer->sent().size() >= 30; }));
	CPPUNIT_ASSERT(
	    waitUntil([&] { return rt.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND id > ?", 0) == 0; }));
	CPPUNIT_ASSERT_EQUAL(std::size_t(30), pMailer->sent().size());
}
