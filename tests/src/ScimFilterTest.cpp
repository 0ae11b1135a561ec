//
// ScimFilterTest.cpp
//
// Library: OrgsTests
// Package: Scim
// Module:  ScimFilterTest
//


#include "ScimFilterTest.h"
#include "support/Expect.h"
#include "support/Suites.h"
#include "scim/Filter.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"


using namespace Orgs;
using Orgs::Scim::Filter;
using Orgs::Scim::Schema;
using Orgs::Test::reasonOf;


ORGS_TEST_SUITE(ScimFilterTest, "ScimFilter", UNIT);


namespace {


Poco::JSON::Object::Ptr parse(const std::string& json)
{
	Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}


const char* const ADA = R"({
	"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
	            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
	"id": "2819c223-7f76-453a-919d-413861904646",
	"externalId": "Ada-External",
	"userName": "Ada.Lovelace@Example.com",
	"name": {"givenName": "Ada", "familyName": "Lovelace"},
	"displayName": "Ada Lovelace",
	"active": true,
	"emails": [
		{"value": "ada@work.example.com", "type": "work", "primary": true},
		{"value": "ada@home.example.org", "type": "home"}
	],
	"meta": {"resourceType": "User", "created": "2024-03-01T10:00:00Z", "lastModified": "2024-06-01T10:00:00Z"},
	"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
		"department": "Analytical Engines", "employeeNumber": "1815", "manager": {"value": "m-1"}
	}
})";


bool matches(const std::string& filter, const std::string& resource = ADA, const Schema& schema = Schema::user())
{
	return Filter::parse(filter, schema).matches(*parse(resource));
}


std::string reason(const std::string& filter, const Schema& schema = Schema::user())
{
	return reasonOf<InvalidInputException>([&] { Filter::parse(filter, schema); });
}


} // namespace


void ScimFilterTest::testSchemaLookup()
{
	const Schema& user = Schema::user();
	Schema::Path p = user.resolve("USERNAME");
	CPPUNIT_ASSERT(p.found());
	CPPUNIT_ASSERT_EQUAL(std::string("userName"), p.text());
	CPPUNIT_ASSERT_EQUAL(Schema::USER, p.schema);

	p = user.resolve("urn:ietf:params:scim:schemas:core:2.0:User:name.GivenName");
	CPPUNIT_ASSERT(p.found());
	CPPUNIT_ASSERT_EQUAL(std::string("name.givenName"), p.text());

	p = user.resolve("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
	CPPUNIT_ASSERT(p.found());
	CPPUNIT_ASSERT(p.extension);
	CPPUNIT_ASSERT_EQUAL(std::string("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"),
	                     p.text());
	// Unqualified, an extension attribute is found after the core ones.
	CPPUNIT_ASSERT_EQUAL(std::string("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"),
	                     user.resolve("Manager.Value").text());
	CPPUNIT_ASSERT(user.resolve("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:costcenter").found());

	// Common attributes.
	CPPUNIT_ASSERT(user.resolve("id").found());
	CPPUNIT_ASSERT(user.resolve("externalId").attribute->caseExact);
	CPPUNIT_ASSERT(user.resolve("meta.lastModified").found());
	CPPUNIT_ASSERT(!user.resolve("userName").attribute->caseExact);
	CPPUNIT_ASSERT(!user.resolve("emails.value").subAttribute->caseExact);

	// Told apart: accepted and not stored, unknown, malformed.
	CPPUNIT_ASSERT(user.resolve("title").status == Schema::Path::Status::IGNORED);
	CPPUNIT_ASSERT(user.resolve("phoneNumbers").status == Schema::Path::Status::IGNORED);
	CPPUNIT_ASSERT(user.resolve("name.middleName").status == Schema::Path::Status::IGNORED);
	CPPUNIT_ASSERT(user.resolve("shoeSize").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("name.shoeSize").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("userName.value").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("name.givenName.x").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("urn:ietf:params:scim:schemas:core:2.0:Group:displayName").status ==
	               Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("urn:ietf:params:scim:schemas:core:2.0:User:department").status ==
	               Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(user.resolve("").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT_EQUAL(std::string("invalidPath"),
	                     reasonOf<InvalidInputException>([&] { user.require("shoeSize", "invalidPath"); }));

	const Schema& group = Schema::group();
	CPPUNIT_ASSERT(group.resolve("members.$ref").found());
	CPPUNIT_ASSERT(group.resolve("Members.Value").subAttribute->caseExact);
	CPPUNIT_ASSERT(group.resolve("userName").status == Schema::Path::Status::UNKNOWN);
	CPPUNIT_ASSERT(Schema::forResourceType("group") == &group);
	CPPUNIT_ASSERT(Schema::forResourceType("Device") == nullptr);
}


void ScimFilterTest::testComparisonOperators()
{
	CPPUNIT_ASSERT(matches(R"(userName eq "ada.lovelace@example.com")"));
	CPPUNIT_ASSERT(!matches(R"(userName eq "ada")"));
	CPPUNIT_ASSERT(matches(R"(userName ne "ada")"));
	CPPUNIT_ASSERT(!matches(R"(userName ne "ADA.LOVELACE@EXAMPLE.COM")"));
	CPPUNIT_ASSERT(matches(R"(userName co "lovelace")"));
	CPPUNIT_ASSERT(!matches(R"(userName co "babbage")"));
	CPPUNIT_ASSERT(matches(R"(userName sw "ada.")"));
	CPPUNIT_ASSERT(!matches(R"(userName sw "lovelace")"));
	CPPUNIT_ASSERT(matches(R"(userName ew "@example.com")"));
	CPPUNIT_ASSERT(!matches(R"(userName ew "@example.org")"));
	CPPUNIT_ASSERT(matches(R"(userName gt "ada")"));
	CPPUNIT_ASSERT(!matches(R"(userName gt "b")"));
	CPPUNIT_ASSERT(matches(R"(userName ge "ada.lovelace@example.com")"));
	CPPUNIT_ASSERT(matches(R"(userName lt "b")"));
	CPPUNIT_ASSERT(!matches(R"(userName lt "ada")"));
	CPPUNIT_ASSERT(matches(R"(userName le "ADA.LOVELACE@EXAMPLE.COM")"));
	CPPUNIT_ASSERT(matches("userName pr"));
	CPPUNIT_ASSERT(matches("name.givenName pr"));
	CPPUNIT_ASSERT(!matches("name.formatted pr"));
	CPPUNIT_ASSERT(!matches("nickName pr"));
	// Multi-valued: any value; a complex attribute alone compares its "value".
	CPPUNIT_ASSERT(matches(R"(emails.value eq "ada@home.example.org")"));
	CPPUNIT_ASSERT(matches(R"(emails co "home.example")"));
	CPPUNIT_ASSERT(matches(R"(emails.type eq "home")"));
	CPPUNIT_ASSERT(!matches(R"(emails.type eq "other")"));
	// An absent attribute compares false, "ne" too.
	CPPUNIT_ASSERT(!matches(R"(name.formatted ne "x")"));
}


void ScimFilterTest::testCaseRules()
{
	CPPUNIT_ASSERT(matches(R"(USERNAME EQ "ADA.LOVELACE@EXAMPLE.COM")"));
	CPPUNIT_ASSERT(matches(R"(UserName Sw "Ada")"));
	CPPUNIT_ASSERT(matches(R"(userName pR)"));
	// externalId and id are caseExact.
	CPPUNIT_ASSERT(matches(R"(externalId eq "Ada-External")"));
	CPPUNIT_ASSERT(!matches(R"(externalId eq "ada-external")"));
	CPPUNIT_ASSERT(matches(R"(id eq "2819c223-7f76-453a-919d-413861904646")"));
	CPPUNIT_ASSERT(!matches(R"(id eq "2819C223-7F76-453A-919D-413861904646")"));
	// emails.value ignores case.
	CPPUNIT_ASSERT(matches(R"(emails.value eq "ADA@WORK.EXAMPLE.COM")"));
	// Group member ids are caseExact.
	const std::string group = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1",
		"displayName":"Engineers","members":[{"value":"u-ABC","display":"Ada"}]})";
	CPPUNIT_ASSERT(matches(R"(members[value eq "u-ABC"])", group, Schema::group()));
	CPPUNIT_ASSERT(!matches(R"(members[value eq "u-abc"])", group, Schema::group()));
	CPPUNIT_ASSERT(matches(R"(displayName eq "engineers")", group, Schema::group()));
}


void ScimFilterTest::testLogicalOperators()
{
	CPPUNIT_ASSERT(matches(R"(userName sw "ada" and active eq true)"));
	CPPUNIT_ASSERT(!matches(R"(userName sw "ada" and active eq false)"));
	CPPUNIT_ASSERT(matches(R"(userName sw "bob" or active eq true)"));
	CPPUNIT_ASSERT(!matches(R"(userName sw "bob" or active eq false)"));
	// "and" binds tighter: false and false or true == (false and false) or true.
	CPPUNIT_ASSERT(matches(R"(userName sw "bob" and active eq false or displayName pr)"));
	CPPUNIT_ASSERT(!matches(R"(userName sw "bob" and (active eq false or displayName pr))"));
	CPPUNIT_ASSERT(matches(R"(not (userName sw "bob"))"));
	CPPUNIT_ASSERT(!matches(R"(NOT(userName sw "ada"))"));
	CPPUNIT_ASSERT(matches(R"(((userName sw "ada")))"));
	CPPUNIT_ASSERT(matches(R"(userName sw "ada" AND not (active eq false) Or id pr)"));
}


void ScimFilterTest::testValuePaths()
{
	CPPUNIT_ASSERT(matches(R"(emails[type eq "work"])"));
	CPPUNIT_ASSERT(!matches(R"(emails[type eq "other"])"));
	CPPUNIT_ASSERT(matches(R"(emails[type eq "work"].value eq "ada@work.example.com")"));
	// Both conditions hold for one element, not for different ones.
	CPPUNIT_ASSERT(!matches(R"(emails[type eq "work"].value eq "ada@home.example.org")"));
	CPPUNIT_ASSERT(matches(R"(emails[type eq "work" and value co "@work."])"));
	CPPUNIT_ASSERT(!matches(R"(emails[type eq "work" and value co "@home."])"));
	CPPUNIT_ASSERT(matches(R"(emails[type eq "home" or primary eq true])"));
	CPPUNIT_ASSERT(matches(R"(emails[not (type eq "home")].value sw "ada@work")"));
	CPPUNIT_ASSERT(matches(R"(emails[type eq "work"].primary eq true)"));
	CPPUNIT_ASSERT(!matches(R"(emails[type eq "home"].primary eq true)"));
	CPPUNIT_ASSERT(matches(R"(emails[type eq "home"].primary pr or emails[type eq "home"].value pr)"));
	CPPUNIT_ASSERT(matches(R"(userName pr and emails[TYPE EQ "WORK"])"));

	// A value filter alone, as Patch uses it, on one element.
	const Schema::Path emails = Schema::user().resolve("emails");
	const Filter work = Filter::parseValueFilter(R"(type eq "work")", Schema::user(), emails);
	CPPUNIT_ASSERT(work.matches(*parse(R"({"type":"Work","value":"x"})")));
	CPPUNIT_ASSERT(!work.matches(*parse(R"({"type":"home","value":"x"})")));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reasonOf<InvalidInputException>([&] {
		                     Filter::parseValueFilter(R"(display eq "x" and userName eq "y")", Schema::user(), emails);
	                     }));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reasonOf<InvalidInputException>([&] {
		                     Filter::parseValueFilter(R"(value eq "x")", Schema::user(),
		                                              Schema::user().resolve("userName"));
	                     }));
}


void ScimFilterTest::testQualifiedPaths()
{
	CPPUNIT_ASSERT(matches(R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "Ada")"));
	CPPUNIT_ASSERT(
	    matches(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "analytical engines")"));
	CPPUNIT_ASSERT(matches(R"(department co "engines")"));
	CPPUNIT_ASSERT(matches(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m-1")"));
	CPPUNIT_ASSERT(!matches(R"(manager.value eq "M-1")"));
	CPPUNIT_ASSERT(matches(R"(employeeNumber eq "1815" and costCenter eq null)"));
	CPPUNIT_ASSERT(!matches(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division pr)"));
	// A resource without the extension.
	CPPUNIT_ASSERT(!matches(R"(department pr)", R"({"userName":"bob"})"));
}


void ScimFilterTest::testTypes()
{
	CPPUNIT_ASSERT(matches("active eq true"));
	CPPUNIT_ASSERT(matches("active ne false"));
	CPPUNIT_ASSERT(matches(R"(active eq "True")"));
	// A resource encoded with "False" (as Entra sent it) still compares as a boolean.
	CPPUNIT_ASSERT(matches("active eq false", R"({"userName":"x","active":"False"})"));
	CPPUNIT_ASSERT(matches(R"(meta.lastModified gt "2024-05-01T00:00:00Z")"));
	CPPUNIT_ASSERT(!matches(R"(meta.lastModified lt "2024-05-01T00:00:00Z")"));
	CPPUNIT_ASSERT(matches(R"(meta.created ge "2024-03-01T10:00:00Z")"));
	// null: eq null holds for absent attributes.
	CPPUNIT_ASSERT(matches("name.formatted eq null"));
	CPPUNIT_ASSERT(!matches("name.givenName eq null"));
	CPPUNIT_ASSERT(matches("name.givenName ne null"));
	// pr is false for "", [] and {}.
	CPPUNIT_ASSERT(!matches("displayName pr", R"({"userName":"x","displayName":""})"));
	CPPUNIT_ASSERT(!matches("emails pr", R"({"userName":"x","emails":[]})"));
	CPPUNIT_ASSERT(!matches("name pr", R"({"userName":"x","name":{}})"));
	CPPUNIT_ASSERT(matches("emails pr"));

	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("active gt true"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("active co true"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(active eq "yes")"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("active eq 1"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("userName eq 42"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("userName eq true"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(name eq "Ada")"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("userName gt null"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(meta eq "x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason("meta.created gt 5"));
}


void ScimFilterTest::testStrings()
{
	const std::string quoted = R"({"userName":"say \"hi\"\\now","displayName":"Zoë 😀"})";
	CPPUNIT_ASSERT(matches(R"(userName eq "say \"hi\"\\now")", quoted));
	CPPUNIT_ASSERT(matches(R"(displayName eq "zo\u00eb \ud83d\ude00")", quoted));
	CPPUNIT_ASSERT(matches(R"(displayName eq "Zoë 😀")", quoted));
	CPPUNIT_ASSERT(matches(R"(userName co "(")", R"({"userName":"a(b)c"})"));
	CPPUNIT_ASSERT(matches(R"x(userName eq "a and b or not (c)")x", R"x({"userName":"A AND B OR NOT (C)"})x"));
	CPPUNIT_ASSERT(matches(R"(userName eq "x]")", R"({"userName":"x]"})"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(userName eq "open)"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(userName eq "bad \q escape")"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(userName eq "\ud83d")"));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(userName eq "\u12")"));
}


void ScimFilterTest::testIgnoredAttributes()
{
	// Attributes Orgs accepts and does not store parse and match nothing.
	CPPUNIT_ASSERT(!matches(R"(title eq "Countess")"));
	CPPUNIT_ASSERT(!matches(R"(phoneNumbers[type eq "work"].value eq "555")"));
	CPPUNIT_ASSERT(matches(R"(not (title pr))"));
	CPPUNIT_ASSERT(matches(R"(title eq "x" or userName pr)"));
}


void ScimFilterTest::testIndexedEquality()
{
	auto indexed = [](const std::string& text, const Schema& schema = Schema::user()) {
		Filter::Equality e;
		if (!Filter::parse(text, schema).indexedEquality(e))
			return std::string("(none)");
		return e.attribute + "=" + e.value;
	};
	CPPUNIT_ASSERT_EQUAL(std::string("userName=Ada@Example.com"), indexed(R"(userName eq "Ada@Example.com")"));
	CPPUNIT_ASSERT_EQUAL(std::string("userName=a"), indexed(R"(UserName EQ "a")"));
	CPPUNIT_ASSERT_EQUAL(std::string("userName=a"),
	                     indexed(R"(urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a")"));
	CPPUNIT_ASSERT_EQUAL(std::string("externalId=E1"), indexed(R"(externalId eq "E1")"));
	CPPUNIT_ASSERT_EQUAL(std::string("emails.value=a@x"), indexed(R"(emails.value eq "a@x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("emails.value=a@x"), indexed(R"(emails eq "a@x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("emails.value=a@x"), indexed(R"(emails[type eq "work"].value eq "a@x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("emails.value=a@x"), indexed(R"(emails[value eq "a@x"])"));
	CPPUNIT_ASSERT_EQUAL(std::string("emails.value=a@x"), indexed(R"(emails[type eq "work" and value eq "a@x"])"));
	CPPUNIT_ASSERT_EQUAL(std::string("displayName=Ada"), indexed(R"(displayName eq "Ada")"));
	CPPUNIT_ASSERT_EQUAL(std::string("displayName=Eng"), indexed(R"(displayName eq "Eng")", Schema::group()));
	// Inside "and", at any depth; the most selective attribute first.
	CPPUNIT_ASSERT_EQUAL(std::string("userName=a"), indexed(R"(active eq true and userName eq "a")"));
	CPPUNIT_ASSERT_EQUAL(std::string("userName=a"),
	                     indexed(R"((displayName eq "D" and (externalId eq "E" and userName eq "a")))"));
	CPPUNIT_ASSERT_EQUAL(std::string("externalId=E"), indexed(R"(displayName eq "D" and externalId eq "E")"));
	// Not required by the whole filter, or not an equality: no index.
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(userName eq "a" or userName eq "b")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(not (userName eq "a"))"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(userName co "a")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(userName ne "a")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(userName eq null)"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(emails[type eq "work"])"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(emails.type eq "work")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(name.givenName eq "Ada")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(department eq "x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(title eq "x")"));
	CPPUNIT_ASSERT_EQUAL(std::string("(none)"), indexed(R"(members[value eq "u"])", Schema::group()));
	Filter::Equality e;
	CPPUNIT_ASSERT(!Filter().indexedEquality(e));
}


void ScimFilterTest::testEqualities()
{
	const Schema::Path emails = Schema::user().resolve("emails");
	std::vector<std::pair<std::string, Poco::Dynamic::Var>> pairs;
	CPPUNIT_ASSERT(
	    Filter::parseValueFilter(R"(type eq "work" and primary eq true)", Schema::user(), emails).equalities(pairs));
	CPPUNIT_ASSERT_EQUAL(std::size_t(2), pairs.size());
	CPPUNIT_ASSERT_EQUAL(std::string("type"), pairs[0].first);
	CPPUNIT_ASSERT_EQUAL(std::string("work"), pairs[0].second.convert<std::string>());
	CPPUNIT_ASSERT_EQUAL(std::string("primary"), pairs[1].first);
	CPPUNIT_ASSERT(pairs[1].second.extract<bool>());
	CPPUNIT_ASSERT(
	    !Filter::parseValueFilter(R"(type eq "work" or type eq "home")", Schema::user(), emails).equalities(pairs));
	CPPUNIT_ASSERT(!Filter::parseValueFilter(R"(value co "@")", Schema::user(), emails).equalities(pairs));
}


void ScimFilterTest::testInvalidFilters()
{
	const char* bad[] = {"",
	                     "   ",
	                     "userName",
	                     "userName eq",
	                     R"(userName xx "a")",
	                     R"(userName eq "a" and)",
	                     R"(and userName eq "a")",
	                     R"((userName eq "a")",
	                     R"(userName eq "a"))",
	                     R"(userName eq "a" userName eq "b")",
	                     R"(shoeSize eq "42")",
	                     R"(name.shoeSize eq "42")",
	                     R"(emails[type eq "work")",
	                     R"(emails[])",
	                     R"(emails[shoe eq "x"])",
	                     R"(emails[type eq "work"].shoe eq "x")",
	                     R"(emails[type eq "work"]value eq "x")",
	                     R"(userName[value eq "x"])",
	                     R"(emails[type eq "work"][value eq "x"])",
	                     R"(emails[types[value eq "x"]])",
	                     R"(userName eq 'single')",
	                     R"(userName eq unquoted)",
	                     R"(not userName eq "a")",
	                     R"(userName eq "a" & active eq true)",
	                     R"(urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "x")"};
	for (const char* text : bad)
		CPPUNIT_ASSERT_EQUAL_MESSAGE(text, std::string("invalidFilter"), reason(text));
	CPPUNIT_ASSERT_EQUAL(std::string("invalidFilter"), reason(R"(userName eq "a")", Schema::group()));
}


void ScimFilterTest::testCanonicalText()
{
	CPPUNIT_ASSERT_EQUAL(std::string(R"(userName eq "a")"),
	                     Filter::parse(R"(USERNAME EQ "a")", Schema::user()).toString());
	CPPUNIT_ASSERT_EQUAL(
	    std::string(R"(((userName sw "a" and active eq true) or not (emails[type eq "work"].value pr)))"),
	    Filter::parse(R"(username SW "a" and ACTIVE eq true or not(emails[Type eq "work"].VALUE pr))", Schema::user())
	        .toString());
	CPPUNIT_ASSERT_EQUAL(std::string(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x")"),
	                     Filter::parse(R"(Department eq "x")", Schema::user()).toString());
	CPPUNIT_ASSERT(Filter().empty());
	CPPUNIT_ASSERT(Filter().matches(*parse("{}")));
}
