//
// ApiTestCase.h
//
// Library: OrgsTests
// Package: Support
// Module:  ApiTestCase
//
// The base of the suites that drive the HTTP API with one world per test.
//


#ifndef Orgs_ApiTestCase_INCLUDED
#define Orgs_ApiTestCase_INCLUDED


#include "support/HttpAssert.h"
#include "support/ReplayWorld.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <set>
#include <string>


namespace Orgs {
namespace Test {


class ApiTestCase : public CppUnit::TestFixture
	/// A fixture whose every test gets its own ReplayWorld (orgs-host on the default preset,
	/// self sign-up on, a fresh database): setUp() starts it, tearDown() stops it and fails the
	/// test unless the host stopped cleanly. A suite whose tests need other keys overrides
	/// setUp() and calls start() itself.
	///
	/// The rules of the API a client can observe are split by resource into suites built on it:
	/// HttpApi (routing, bodies, paging), AccountApi, OrganizationApi, MembershipApi,
	/// WorkspaceApi, ResourceApi and AuditApi; MeApi too.
{
public:
	using User = ReplayWorld::User;
	using Response = HttpClient::Response;

	void setUp() override { start(); }

	void tearDown() override
	{
		if (!_pWorld)
			return;
		std::unique_ptr<ReplayWorld> pWorld(std::move(_pWorld));
		pWorld->stopCleanly();
	}

protected:
	inline static const std::string API{"/api/v1"};

	void start(const HostProcess::Defines& extra = HostProcess::Defines())
		/// Starts the test's world with extra host configuration keys.
	{
		_pWorld.reset(new ReplayWorld("default", extra));
	}

	ReplayWorld& world() { return *_pWorld; }

	HttpClient& client() { return _pWorld->client(); }

	User signUp(const std::string& username, const std::string& name = std::string())
		/// Signs an account up (POST /accounts, name "Test <username>" if empty) and asserts 201.
	{
		return _pWorld->signUp(username, std::string(), std::string(), name);
	}

	Poco::Int64 createOrganization(const User& owner, const std::string& username)
		/// Creates an organization titled "Organization <username>" (POST /orgs), asserts 201 and
		/// returns its id.
	{
		return _pWorld->organization(owner, username, "Organization " + username);
	}

	void addMember(const User& actor, const std::string& org, const std::string& username,
	               const std::string& role = std::string())
		/// Adds a member (POST /orgs/{org}/members) and asserts 201.
	{
		const std::string body =
		    role.empty() ? json({{"username", username}}) : json({{"username", username}, {"role", role}});
		ASSERT_STATUS(client().post(API + "/orgs/" + org + "/members", body, actor.token), 201);
	}

	static std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key)
	{
		CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
		return o->getValue<std::string>(key);
	}

	static Poco::Int64 number(const Poco::JSON::Object::Ptr& o, const std::string& key)
	{
		CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
		return o->getValue<Poco::Int64>(key);
	}

	static bool flag(const Poco::JSON::Object::Ptr& o, const std::string& key)
	{
		CPPUNIT_ASSERT_MESSAGE("missing key " + key, o->has(key));
		return o->getValue<bool>(key);
	}

	static Poco::JSON::Object::Ptr child(const Poco::JSON::Object::Ptr& o, const std::string& key)
	{
		Poco::JSON::Object::Ptr p = o->getObject(key);
		CPPUNIT_ASSERT_MESSAGE("missing object " + key, !p.isNull());
		return p;
	}

	static Poco::JSON::Array::Ptr items(const Response& r)
	{
		Poco::JSON::Array::Ptr p = r.json()->getArray("items");
		CPPUNIT_ASSERT_MESSAGE("no items in " + r.describe(), !p.isNull());
		return p;
	}

	static std::set<std::string> usernames(const Response& r)
	{
		std::set<std::string> result;
		Poco::JSON::Array::Ptr list = items(r);
		for (std::size_t i = 0; i < list->size(); ++i)
			result.insert(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
		return result;
	}

	static bool isNull(const Poco::JSON::Object::Ptr& o, const std::string& key)
	{
		return o->has(key) && o->isNull(key);
	}

private:
	std::unique_ptr<ReplayWorld> _pWorld;
};


} // namespace Test
} // namespace Orgs


#endif // Orgs_ApiTestCase_INCLUDED
