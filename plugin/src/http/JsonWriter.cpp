//
// JsonWriter.cpp
//
// Library: OrgsPlugin
// Package: Http
// Module:  JsonWriter
//


#include "http/JsonWriter.h"
#include "http/JsonCodec.h"
#include "Poco/JSONString.h"


namespace Orgs {
namespace Http {


JsonWriter::JsonWriter(std::string& out) : _out(out) {}


void JsonWriter::separate()
{
	if (_afterKey)
	{
		_afterKey = false;
		return;
	}
	const Poco::UInt32 bit = Poco::UInt32(1) << (_depth & 31);
	if (_nonEmpty & bit)
		_out += ',';
	_nonEmpty |= bit;
}


void JsonWriter::open(char bracket)
{
	separate();
	_out += bracket;
	++_depth;
	_nonEmpty &= ~(Poco::UInt32(1) << (_depth & 31));
}


void JsonWriter::close(char bracket)
{
	--_depth;
	_out += bracket;
}


void JsonWriter::beginObject()
{
	open('{');
}


void JsonWriter::endObject()
{
	close('}');
}


void JsonWriter::beginArray()
{
	open('[');
}


void JsonWriter::endArray()
{
	close(']');
}


void JsonWriter::key(const std::string& name)
{
	separate();
	appendString(_out, name);
	_out += ':';
	_afterKey = true;
}


void JsonWriter::value(const std::string& text)
{
	separate();
	appendString(_out, text);
}


void JsonWriter::value(const char* text)
{
	value(std::string(text));
}


void JsonWriter::value(Poco::Int64 number)
{
	separate();
	char digits[24];
	char* p = digits + sizeof(digits);
	Poco::UInt64 n =
	    number < 0 ? Poco::UInt64(0) - static_cast<Poco::UInt64>(number) : static_cast<Poco::UInt64>(number);
	do
	{
		*--p = static_cast<char>('0' + n % 10);
		n /= 10;
	} while (n);
	if (number < 0)
		*--p = '-';
	_out.append(p, digits + sizeof(digits));
}


void JsonWriter::value(bool flag)
{
	separate();
	_out += flag ? "true" : "false";
}


void JsonWriter::null()
{
	separate();
	_out += "null";
}


void JsonWriter::time(const Poco::Timestamp& ts)
{
	separate();
	_out += '"';
	appendTime(_out, ts);
	_out += '"';
}


void JsonWriter::appendString(std::string& out, const std::string& text)
{
	for (const char c : text)
	{
		const unsigned char u = static_cast<unsigned char>(c);
		if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '/')
		{
			// Anything to escape: exactly as Poco::JSON::Object::stringify() does it.
			out += Poco::toJSON(text, Poco::JSON_WRAP_STRINGS);
			return;
		}
	}
	out += '"';
	out += text;
	out += '"';
}


void JsonWriter::appendTime(std::string& out, const Poco::Timestamp& ts)
{
	const Poco::Int64 seconds = ts.epochMicroseconds() >= 0 ? ts.epochMicroseconds() / 1000000 : -1;
	// Days to a civil date (H. Hinnant's algorithm), for 1970 to 9999; anything else as Poco does.
	if (seconds < 0 || seconds >= 253402300800LL)
	{
		out += JsonCodec::time(ts);
		return;
	}
	const Poco::Int64 days = seconds / 86400;
	const Poco::Int64 secondOfDay = seconds % 86400;
	const Poco::Int64 z = days + 719468;
	const Poco::Int64 era = z / 146097;
	const Poco::Int64 doe = z - era * 146097;
	const Poco::Int64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const Poco::Int64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const Poco::Int64 mp = (5 * doy + 2) / 153;
	const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
	const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
	const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
	const int hour = static_cast<int>(secondOfDay / 3600);
	const int minute = static_cast<int>(secondOfDay / 60 % 60);
	const int second = static_cast<int>(secondOfDay % 60);
	char text[20] = {static_cast<char>('0' + year / 1000),
	                 static_cast<char>('0' + year / 100 % 10),
	                 static_cast<char>('0' + year / 10 % 10),
	                 static_cast<char>('0' + year % 10),
	                 '-',
	                 static_cast<char>('0' + month / 10),
	                 static_cast<char>('0' + month % 10),
	                 '-',
	                 static_cast<char>('0' + day / 10),
	                 static_cast<char>('0' + day % 10),
	                 'T',
	                 static_cast<char>('0' + hour / 10),
	                 static_cast<char>('0' + hour % 10),
	                 ':',
	                 static_cast<char>('0' + minute / 10),
	                 static_cast<char>('0' + minute % 10),
	                 ':',
	                 static_cast<char>('0' + second / 10),
	                 static_cast<char>('0' + second % 10),
	                 'Z'};
	out.append(text, sizeof(text));
}


} // namespace Http
} // namespace Orgs
