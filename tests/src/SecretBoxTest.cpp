//
// SecretBoxTest.cpp
//
// Library: OrgsTests
// Package: Service
// Module:  SecretBoxTest
//


#include "SecretBoxTest.h"
#include "service/SecretBox.h"
#include "support/Suites.h"
#include "Poco/File.h"
#include "Poco/FileStream.h"
#include "Poco/TemporaryFile.h"
#include <string>


using Orgs::Service::SealedSecretException;
using Orgs::Service::SecretBox;


ORGS_TEST_SUITE(SecretBoxTest, "SecretBox", UNIT);


namespace {


const std::string KEY_A(32, 'a');
const std::string KEY_B(32, 'b');
const std::string SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";


std::string fileWith(Poco::TemporaryFile& file, const std::string& content)
{
	Poco::FileOutputStream out(file.path());
	out << content;
	out.close();
	return file.path();
}


} // namespace


void SecretBoxTest::testSealedOpensWithItsKeyAndContextOnly()
{
	const SecretBox box(KEY_A);
	const std::string sealed = box.seal(SECRET, "org=1");
	CPPUNIT_ASSERT(SecretBox::isSealed(sealed));
	CPPUNIT_ASSERT_EQUAL(std::string::npos, sealed.find(SECRET));
	CPPUNIT_ASSERT_EQUAL(SECRET, box.open(sealed, "org=1"));
	// A fresh nonce each time: the same secret never looks the same twice.
	CPPUNIT_ASSERT(box.seal(SECRET, "org=1") != sealed);
	CPPUNIT_ASSERT_EQUAL(SECRET, SecretBox(KEY_A).open(sealed, "org=1"));
	CPPUNIT_ASSERT_THROW(box.open(sealed, "org=2"), SealedSecretException);
	CPPUNIT_ASSERT_THROW(SecretBox(KEY_B).open(sealed, "org=1"), SealedSecretException);
	CPPUNIT_ASSERT_EQUAL(std::string(), box.open(box.seal("", "org=1"), "org=1"));
}


void SecretBoxTest::testAlteredValuesDoNotOpen()
{
	const SecretBox box(KEY_A);
	const std::string sealed = box.seal(SECRET, "org=1");
	// Every character of the sealed part changed in turn: the tag refuses each.
	for (std::size_t i = SecretBox::PREFIX.size(); i < sealed.size(); ++i)
	{
		std::string altered = sealed;
		altered[i] = altered[i] == 'A' ? 'B' : 'A';
		if (altered == sealed)
			continue;
		CPPUNIT_ASSERT_THROW_MESSAGE(std::to_string(i), box.open(altered, "org=1"), SealedSecretException);
	}
	CPPUNIT_ASSERT_THROW(box.open(sealed.substr(0, sealed.size() - 4), "org=1"), SealedSecretException);
	CPPUNIT_ASSERT_THROW(box.open(SecretBox::PREFIX + "not base64!", "org=1"), SealedSecretException);
	CPPUNIT_ASSERT_THROW(box.open(SecretBox::PREFIX, "org=1"), SealedSecretException);
}


void SecretBoxTest::testWithoutKeyNothingIsSealed()
{
	const SecretBox none;
	CPPUNIT_ASSERT(!none.hasKey());
	CPPUNIT_ASSERT_EQUAL(SECRET, none.seal(SECRET, "org=1"));
	CPPUNIT_ASSERT_EQUAL(SECRET, none.open(SECRET, "org=1"));
	// A value sealed elsewhere does not open without the key; one stored before a key was set
	// opens with it.
	CPPUNIT_ASSERT_THROW(none.open(SecretBox(KEY_A).seal(SECRET, "org=1"), "org=1"), SealedSecretException);
	CPPUNIT_ASSERT_EQUAL(SECRET, SecretBox(KEY_A).open(SECRET, "org=1"));
	CPPUNIT_ASSERT_THROW(SecretBox("short"), Poco::InvalidArgumentException);
}


void SecretBoxTest::testKeyFiles()
{
	Poco::TemporaryFile hex, base64, wrong, empty;
	const std::string hexKey = "6161616161616161616161616161616161616161616161616161616161616161\n";
	const std::string sealed = SecretBox(KEY_A).seal(SECRET, "org=1");
	CPPUNIT_ASSERT_EQUAL(SECRET, SecretBox::fromFile(fileWith(hex, hexKey)).open(sealed, "org=1"));
	CPPUNIT_ASSERT_EQUAL(SECRET,
	                     SecretBox::fromFile(fileWith(base64, "  YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=  "))
	                         .open(sealed, "org=1"));
	// A key of another length, or text that is neither, is refused without showing it.
	try
	{
		SecretBox::fromFile(fileWith(wrong, "61616161not-a-key"));
		CPPUNIT_FAIL("a bad key file was accepted");
	}
	catch (Poco::DataFormatException& exc)
	{
		CPPUNIT_ASSERT_EQUAL(std::string::npos, exc.displayText().find("not-a-key"));
	}
	CPPUNIT_ASSERT_THROW(SecretBox::fromFile(fileWith(empty, "")), Poco::DataFormatException);
	CPPUNIT_ASSERT_THROW(SecretBox::fromFile("/nonexistent/orgs/secrets.key"), Poco::FileException);
}
