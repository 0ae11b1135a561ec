//
// JsonReader.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonReader
//


#include "http/JsonReader.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"
#include "Poco/String.h"
#include <set>
#include <vector>


namespace Orgs {
namespace Http {


namespace {


class StrictParseHandler : public Poco::JSON::ParseHandler
	/// Poco's handler, keeping the keys of each open object to notice the first duplicate and
	/// turning integers beyond Int64 into doubles. The parse goes on after a duplicate (an
	/// exception thrown inside Poco's parser would skip its clean-up); the caller asks
	/// duplicate() afterwards.
{
public:
	StrictParseHandler() : Poco::JSON::ParseHandler(true) {}

	const std::string& duplicate() const { return _duplicate; }

	void reset() override
	{
		Poco::JSON::ParseHandler::reset();
		_frames.clear();
		_duplicate.clear();
	}

	void startObject() override
	{
		enter(true);
		Poco::JSON::ParseHandler::startObject();
	}

	void endObject() override
	{
		_frames.pop_back();
		Poco::JSON::ParseHandler::endObject();
	}

	void startArray() override
	{
		enter(false);
		Poco::JSON::ParseHandler::startArray();
	}

	void endArray() override
	{
		_frames.pop_back();
		Poco::JSON::ParseHandler::endArray();
	}

	void key(const std::string& k) override
	{
		Frame& frame = _frames.back();
		frame.key = k;
		if (!frame.keys.insert(k).second && _duplicate.empty())
			_duplicate = path();
		Poco::JSON::ParseHandler::key(k);
	}

	void value(int v) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(v);
	}

	void value(unsigned v) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(v);
	}

	void value(Poco::Int64 v) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(v);
	}

	void value(Poco::UInt64 v) override
	{
		// Poco calls this only for an integer beyond Int64, possibly wrapped around: keep it
		// a number, but not an integer.
		scalar();
		Poco::JSON::ParseHandler::value(static_cast<double>(v));
	}

	void value(const std::string& s) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(s);
	}

	void value(double d) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(d);
	}

	void value(bool b) override
	{
		scalar();
		Poco::JSON::ParseHandler::value(b);
	}

	void null() override
	{
		scalar();
		Poco::JSON::ParseHandler::null();
	}

private:
	struct Frame
	{
		bool object = false;
		std::set<std::string> keys; ///< of an object
		std::string key;            ///< of an object: the key being read
		std::size_t next = 0;       ///< of an array: the index of the next element
	};

	void scalar()
	{
		if (!_frames.empty() && !_frames.back().object)
			++_frames.back().next;
	}

	void enter(bool object)
	{
		scalar();
		Frame frame;
		frame.object = object;
		_frames.push_back(std::move(frame));
	}

	std::string path() const
	{
		std::string p;
		for (std::size_t i = 0; i < _frames.size(); ++i)
		{
			const Frame& f = _frames[i];
			if (f.object)
				p += (p.empty() ? "" : ".") + f.key;
			else
				p += "[" + std::to_string(f.next - 1) + "]";
		}
		return p;
	}

	std::vector<Frame> _frames;
	std::string _duplicate;
};


} // namespace


Poco::JSON::Object::Ptr JsonReader::parseObject(const std::string& text)
{
	const std::string trimmed = Poco::trim(text);
	if (trimmed.empty())
		throw InvalidInputException("The body is not valid JSON", "malformed_json");
	// Poco's parser accepts only an object or an array at the top: wrap anything else in an
	// array, so that a valid scalar ("acme", 42, null) is told apart from malformed text.
	const bool container = trimmed[0] == '{' || trimmed[0] == '[';
	Poco::SharedPtr<StrictParseHandler> pHandler = new StrictParseHandler;
	Poco::Dynamic::Var parsed;
	try
	{
		Poco::JSON::Parser parser(pHandler);
		parser.setDepth(MAX_DEPTH);
		parsed = parser.parse(container ? trimmed : "[" + trimmed + "]");
	}
	catch (Poco::Exception& exc)
	{
		throw InvalidInputException("The body is not valid JSON: " + exc.message(), "malformed_json");
	}
	if (!container && parsed.extract<Poco::JSON::Array::Ptr>()->size() != 1) // "1, 2" is no scalar
		throw InvalidInputException("The body is not valid JSON", "malformed_json");
	if (!pHandler->duplicate().empty())
		throw InvalidInputException("The field " + pHandler->duplicate() + " appears more than once",
		                            "duplicate_field");
	if (!container || parsed.type() != typeid(Poco::JSON::Object::Ptr))
		throw InvalidInputException("The body must be a JSON object", "invalid_body");
	return parsed.extract<Poco::JSON::Object::Ptr>();
}


} // namespace Http
} // namespace Orgs
