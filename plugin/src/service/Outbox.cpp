//
// Outbox.cpp
//
// Library: OrgsPlugin
// Package: Service
// Module:  Outbox
//


#include "service/Outbox.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Service {


namespace {


std::size_t utf8Length(const std::string& text)
{
	std::size_t n = 0;
	for (char c : text)
	{
		if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
			++n;
	}
	return n;
}


} // namespace


Outbox::Outbox(Data::Database& database, Clock::Ptr pClock)
    : _messages(database), _pClock(pClock), _work(Poco::Event::EVENT_AUTORESET)
{
}


Id Outbox::enqueue(Poco::Data::Session& session, const MailMessage& message)
{
	Validator::email("to", message.to);
	if (utf8Length(message.subject) > MAX_SUBJECT_CHARS || message.body.size() > MAX_BODY_BYTES)
	{
		throw InvalidInputException("A mail subject may have 998 characters and a body 65535 bytes",
		                            "message_too_long");
	}
	const Id id = _messages.insert(session, message, _pClock->now());
	try
	{
		Data::Database::afterCommit([this]() { wake(); });
	}
	catch (Poco::IllegalStateException&)
	{
		wake(); // autocommit: the row is already visible
	}
	return id;
}


void Outbox::wake()
{
	_work.set();
}


bool Outbox::waitForWork(long milliseconds)
{
	return _work.tryWait(milliseconds);
}


} // namespace Service
} // namespace Orgs
