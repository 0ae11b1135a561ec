//
// JsonWriterTest.cpp
//
// Library: OrgsTests
// Package: Http
// Module:  JsonWriterTest
//


#include "JsonWriterTest.h"
#include "support/Suites.h"
#include "http/JsonCodec.h"
#include "http/JsonWriter.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <climits>
#include <random>
#include <sstream>
#include <string>
#include <vector>


using namespace Orgs;
using Orgs::Http::JsonCodec;
using Orgs::Http::JsonWriter;


ORGS_TEST_SUITE(JsonWriterTest, "JsonWriter", UNIT);


namespace {


std::string stringify(const Poco::JSON::Object::Ptr& pObject)
{
	// As RequestContext::send() does.
	std::ostringstream out;
	pObject->stringify(out);
	return out.str();
}


std::vector<std::string> awkwardStrings()
{
	std::vector<std::string> texts{"",
	                               "plain",
	                               "with \"quotes\"",
	                               "back\\slash",
	                               "a/slash",
	                               "</script>",
	                               "tab\there",
	                               "new\nline\r\n",
	                               "\b\f",
	                               std::string("nul\0inside", 10),
	                               "del\x7f",
	                               "caf\xc3\xa9",
	                               "\xe6\x97\xa5\xe6\x9c\xac",
	                               "emoji \xf0\x9f\x98\x80",
	                               "invalid \xff\xfe bytes",
	                               "cut \xe6\x97",
	                               "\xc3",
	                               "mixed \"\\/\x01\xc3\xa9\x1f end"};
	for (int c = 0; c < 0x20; ++c)
		texts.push_back(std::string("c") + static_cast<char>(c) + "c");
	return texts;
}


} // namespace


void JsonWriterTest::testStructureAndScalars()
{
	std::string text;
	JsonWriter w(text);
	w.beginObject();
	w.key("a");
	w.beginArray();
	w.value(Poco::Int64(0));
	w.value(Poco::Int64(-1));
	w.value(Poco::Int64(LLONG_MAX));
	w.value(Poco::Int64(LLONG_MIN));
	w.value(true);
	w.value(false);
	w.null();
	w.beginObject();
	w.endObject();
	w.beginArray();
	w.endArray();
	w.beginObject();
	w.key("x");
	w.value("y");
	w.endObject();
	w.endArray();
	w.key("b");
	w.beginObject();
	w.key("c");
	w.null();
	w.key("d");
	w.beginArray();
	w.value("e");
	w.endArray();
	w.endObject();
	w.key("f");
	w.value(std::string("g"));
	w.endObject();
	CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":[0,-1,9223372036854775807,-9223372036854775808,true,false,null,{},[],"
	                                 "{\"x\":\"y\"}],\"b\":{\"c\":null,\"d\":[\"e\"]},\"f\":\"g\"}"),
	                     text);

	// The same through Poco.
	Poco::JSON::Object::Ptr o = JsonCodec::object();
	Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
	a->add(Poco::Int64(0));
	a->add(Poco::Int64(-1));
	a->add(Poco::Int64(LLONG_MAX));
	a->add(Poco::Int64(LLONG_MIN));
	a->add(true);
	a->add(false);
	a->add(Poco::Dynamic::Var());
	a->add(JsonCodec::object());
	a->add(Poco::JSON::Array::Ptr(new Poco::JSON::Array));
	Poco::JSON::Object::Ptr x = JsonCodec::object();
	x->set("x", "y");
	a->add(x);
	o->set("a", a);
	Poco::JSON::Object::Ptr b = JsonCodec::object();
	b->set("c", Poco::Dynamic::Var());
	Poco::JSON::Array::Ptr d = new Poco::JSON::Array;
	d->add("e");
	b->set("d", d);
	o->set("b", b);
	o->set("f", std::string("g"));
	CPPUNIT_ASSERT_EQUAL(stringify(o), text);

	// Appends: a reused string keeps what it had.
	std::string more("prefix:");
	JsonWriter w2(more);
	w2.value(Poco::Int64(7));
	CPPUNIT_ASSERT_EQUAL(std::string("prefix:7"), more);
}


void JsonWriterTest::testEscapingMatchesPoco()
{
	for (const std::string& s : awkwardStrings())
	{
		Poco::JSON::Object::Ptr o = JsonCodec::object();
		o->set("k", s);
		o->set(s, "v"); // as a key too (default roles are written as keys)
		std::string text;
		JsonWriter w(text);
		w.beginObject();
		w.key("k");
		w.value(s);
		w.key(s);
		w.value("v");
		w.endObject();
		CPPUNIT_ASSERT_EQUAL_MESSAGE("escaping of \"" + s + "\"", stringify(o), text);
	}
	// Control characters never appear raw.
	std::string text;
	JsonWriter::appendString(text, std::string("\x01\x1f\n"));
	for (char c : text)
		CPPUNIT_ASSERT(static_cast<unsigned char>(c) >= 0x20);
}


void JsonWriterTest::testTimesMatchJsonCodec()
{
	std::vector<Poco::Int64> seconds{0,          59,         60,           86399,        86400,          951782400,
	                                 951868799,  951868800,  4107542400,   4107456000,   1735689599,     1735689600,
	                                 1798675200, 1704067199, 253402300799, 253402300800, 1000000000000LL};
	std::mt19937_64 rng(5);
	for (int i = 0; i < 20000; ++i)
		seconds.push_back(static_cast<Poco::Int64>(rng() % 253402300800ULL));
	for (Poco::Int64 s : seconds)
	{
		for (Poco::Int64 micros : {Poco::Int64(0), Poco::Int64(999999)})
		{
			const Poco::Timestamp ts(s * 1000000 + micros);
			std::string text;
			JsonWriter::appendTime(text, ts);
			CPPUNIT_ASSERT_EQUAL_MESSAGE("at " + std::to_string(s), JsonCodec::time(ts), text);
		}
	}
	std::string text;
	JsonWriter w(text);
	w.time(Poco::Timestamp(Poco::Int64(1795411244) * 1000000));
	CPPUNIT_ASSERT_EQUAL(std::string("\"2026-11-23T05:20:44Z\""), text);
}


void JsonWriterTest::testMembershipPageMatchesPoco()
{
	Page<Membership> page;
	const std::vector<std::string> names = awkwardStrings();
	for (std::size_t i = 0; i < names.size(); ++i)
	{
		Membership m;
		m.organizationId = 7;
		m.accountId = static_cast<Id>(1000 + i);
		m.username = "user" + std::to_string(i);
		m.name = names[i];
		m.email = "user@example.com";
		m.role = i % 3 ? "member" : "admin";
		m.owner = i == 4;
		if (i % 4 == 1)
			m.defaultRoles["document"] = "viewer";
		if (i % 4 == 2)
		{
			m.defaultRoles["document"] = "none";
			m.defaultRoles["board"] = "editor";
		}
		m.createdAt = Poco::Timestamp(Poco::Int64(1795411244 + 3600 * i) * 1000000 + 123);
		page.items.push_back(m);
	}
	for (const std::string& cursor : {std::string(), std::string("azE6MTAxNw")})
	{
		page.nextCursor = cursor;
		std::string text;
		JsonWriter w(text);
		JsonCodec::writePage(w, page);
		CPPUNIT_ASSERT_EQUAL(
		    stringify(JsonCodec::page(page, [](const Membership& m) { return JsonCodec::membership(m); })), text);
	}
	// An empty page.
	Page<Membership> empty;
	std::string text;
	JsonWriter w(text);
	JsonCodec::writePage(w, empty);
	CPPUNIT_ASSERT_EQUAL(std::string("{\"items\":[],\"next_cursor\":null}"), text);
}
