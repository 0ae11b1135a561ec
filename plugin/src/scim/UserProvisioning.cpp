//
// UserProvisioning.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  UserProvisioning
//


#include "scim/UserProvisioning.h"
#include "identity/ExternalIdentities.h"
#include "scim/Patch.h"
#include "scim/Schema.h"
#include "scim/UserResource.h"
#include "scim/Value.h"
#include "service/AuditTrail.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"
#include "Poco/String.h"
#include "Poco/UTF8String.h"
#include <algorithm>


namespace Orgs {
namespace Scim {


using Data::ScimUserRepository;
using Row = Data::ScimUserRepository::Row;


namespace {


constexpr int MAX_CANDIDATES = 10000; ///< an indexed equality's candidates (userName and externalId: one)
constexpr int SCAN_CHUNK = 500;       ///< users read at once when a filter has no indexed equality


std::string profileName(const Row& row)
{
	if (!row.displayName.empty())
		return row.displayName.substr(0, 200);
	if (!row.formattedName.empty())
		return row.formattedName.substr(0, 200);
	std::string name = row.givenName;
	if (!row.familyName.empty())
		name += (name.empty() ? "" : " ") + row.familyName;
	return name.substr(0, 200);
}


std::string checkedEmail(const std::string& email)
{
	if (email.empty())
		return email;
	try
	{
		Service::Validator::email("emails.value", email);
	}
	catch (InvalidInputException& exc)
	{
		throw InvalidInputException(exc.message(), "invalidValue");
	}
	return email;
}


bool keyOf(const Filter::Equality& eq, ScimUserRepository::Key& key)
{
	if (eq.attribute == "userName")
		key = ScimUserRepository::Key::USER_NAME;
	else if (eq.attribute == "externalId")
		key = ScimUserRepository::Key::EXTERNAL_ID;
	else if (eq.attribute == "emails.value") // any of the user's addresses (scim_user_emails)
		key = ScimUserRepository::Key::EMAIL;
	else if (eq.attribute == "displayName")
		key = ScimUserRepository::Key::DISPLAY_NAME;
	else
		return false;
	return true;
}


} // namespace


UserProvisioning::UserProvisioning(Data::Database& database, Directory& directory,
                                   Service::AccountServiceImpl& accounts, Service::Clock::Ptr pClock)
    : _database(database), _directory(directory), _accountService(accounts), _pClock(pClock), _users(database),
      _accounts(database), _domains(database), _identities(database)
{
}


std::string UserProvisioning::issuer(Id connectionId)
{
	return "urn:orgs:scim:" + std::to_string(connectionId);
}


Row UserProvisioning::require(Poco::Data::Session& session, const Call& call, const std::string& id, bool lock)
{
	Id n = 0;
	Poco::Nullable<Row> row;
	if (Service::Validator::parseId(id, n))
		row = _users.find(session, call.connection.id, n, lock);
	if (row.isNull())
		throw NotFoundException("No User '" + id + "'", "not_found");
	return row.value();
}


Account UserProvisioning::provision(Poco::Data::Session& session, const Organization& org, const Call& call,
                                    const Row& row, bool& created)
{
	created = false;
	if (!row.email.empty())
	{
		// Link only an address the organization proved it owns, verified for exactly one account.
		const std::string email = Poco::UTF8::toLower(row.email);
		const std::string domain = email.substr(email.rfind('@') + 1);
		const Poco::Nullable<Id> owner = _domains.verifiedBy(session, domain);
		if (!owner.isNull() && owner.value() == org.id)
		{
			const std::vector<Account> same = _accounts.findByEmail(session, email, 2);
			std::string stored;
			if (same.size() == 1 && _domains.emailVerified(session, same.front().id, stored))
			{
				if (!_users.findByAccount(session, org.id, call.connection.id, same.front().id).isNull())
					throw ConflictException("The account with email '" + row.email +
					                            "' is provisioned by this connection as another user",
					                        "uniqueness");
				return same.front();
			}
		}
	}
	Federation::VerifiedToken names;
	const std::string::size_type at = row.userName.find('@');
	names.preferredUsername = at == std::string::npos ? row.userName : row.userName.substr(0, at);
	names.email = Poco::UTF8::toLower(row.email);
	names.name = profileName(row);
	AccountSpec spec;
	spec.username = Federation::ExternalIdentities::usernameBase(names);
	spec.email = checkedEmail(row.email);
	spec.name = profileName(row);
	created = true;
	return _accountService.provisionForIdentity(session, spec);
}


Poco::JSON::Object::Ptr UserProvisioning::create(Call& call, const Poco::JSON::Object& body)
{
	Row row;
	UserResource::decode(*Value::normalize(body, Schema::user()), row);
	Service::AuditTrail::Via via(Directory::via(call.connection));
	return _database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		if (!_users.findBy(session, call.connection.id, ScimUserRepository::Key::USER_NAME, row.userName, 1).empty())
			throw ConflictException("The connection has a user with userName '" + row.userName +
			                            "' (compared ignoring case)",
			                        "uniqueness");
		bool created = false;
		const Account account = provision(session, org, call, row, created);
		Row stored = row;
		stored.connectionId = call.connection.id;
		stored.organizationId = org.id;
		stored.accountId = account.id;
		stored.accountCreated = created;
		stored.createdAt = stored.updatedAt = _pClock->now();
		stored.id = _users.insert(session, stored);
		_identities.insert(session, account.id, issuer(call.connection.id), std::to_string(stored.id), account.email,
		                   false, stored.createdAt);
		_directory.record(session, call.connection, "scim.user_created", {"account", account.id, account.username},
		                  _directory.details(call.connection)
		                      .after("user_name", stored.userName)
		                      .after("active", stored.active)
		                      .after("account_created", created));
		_directory.sync(session, org, call.connection, stored);
		return UserResource::encode(stored, call.discovery);
	});
}


Poco::JSON::Object::Ptr UserProvisioning::get(Call& call, const std::string& id)
{
	return _database.withSession(
	    [&](Poco::Data::Session& session) { return UserResource::encode(require(session, call, id), call.discovery); });
}


Listing UserProvisioning::list(Call& call, const Filter& filter, const ListResponse::Page& page)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const Id connectionId = call.connection.id;
		Listing::Source<Row> source;
		source.count = [&]() { return static_cast<std::size_t>(_users.count(session, connectionId)); };
		source.rows = [&](int offset, int limit) { return _users.list(session, connectionId, offset, limit); };
		source.indexed = [&](const Filter::Equality& eq, std::vector<Row>& candidates) {
			ScimUserRepository::Key key;
			if (!keyOf(eq, key))
				return false;
			candidates = _users.findBy(session, connectionId, key, eq.value, MAX_CANDIDATES);
			return true;
		};
		source.encode = [&](const Row& row) { return UserResource::encode(row, call.discovery); };
		source.matching = [&](const Row& row, const Filter& f) {
			Poco::JSON::Object::Ptr resource = UserResource::encode(row, call.discovery);
			return f.matches(*resource) ? resource : Poco::JSON::Object::Ptr();
		};
		source.scanChunk = SCAN_CHUNK;
		return Listing::of(filter, page, source);
	});
}


Poco::JSON::Object::Ptr UserProvisioning::write(Call& call, const std::string& id,
                                                const std::function<Poco::JSON::Object::Ptr(const Row&)>& next)
{
	Service::AuditTrail::Via via(Directory::via(call.connection));
	return _database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		const Row before = require(session, call, id, true);
		Row after = before;
		UserResource::decode(*Value::normalize(*next(before), Schema::user()), after);
		after.updatedAt = _pClock->now();
		if (Poco::UTF8::icompare(after.userName, before.userName) != 0)
		{
			const std::vector<Row> same =
			    _users.findBy(session, call.connection.id, ScimUserRepository::Key::USER_NAME, after.userName, 1);
			if (!same.empty() && same.front().id != before.id)
				throw ConflictException("The connection has a user with userName '" + after.userName +
				                            "' (compared ignoring case)",
				                        "uniqueness");
		}
		_users.update(session, after);
		// The directory owns the profile of an account it made; a linked account keeps its own.
		if (before.accountCreated)
		{
			const Poco::Nullable<Account> account = _accounts.findById(session, before.accountId);
			if (!account.isNull())
			{
				const std::string email = after.email.empty() ? account.value().email : checkedEmail(after.email);
				const std::string name = profileName(after);
				if (account.value().name != name || account.value().email != email)
					_users.updateAccountProfile(session, before.accountId, name, email);
			}
		}
		Service::AuditDetails d = _directory.details(call.connection);
		if (before.userName != after.userName)
			d.change("user_name", before.userName, after.userName);
		if (before.active != after.active)
			d.change("active", before.active, after.active);
		_directory.record(session, call.connection, "scim.user_updated", {"account", before.accountId, after.userName},
		                  d);
		_directory.sync(session, org, call.connection, after);
		return UserResource::encode(after, call.discovery);
	});
}


Poco::JSON::Object::Ptr UserProvisioning::replace(Call& call, const std::string& id, const Poco::JSON::Object& body)
{
	Poco::JSON::Object::Ptr pBody = new Poco::JSON::Object(body);
	return write(call, id, [&](const Row&) { return pBody; });
}


Poco::JSON::Object::Ptr UserProvisioning::patch(Call& call, const std::string& id, const Poco::JSON::Object& body)
{
	const std::vector<Patch::Operation> operations = Patch::parse(body, Schema::user());
	return write(call, id, [&](const Row& current) {
		Poco::JSON::Object::Ptr resource = UserResource::encode(current, call.discovery);
		Patch::apply(resource, operations, Schema::user());
		return resource;
	});
}


void UserProvisioning::remove(Call& call, const std::string& id)
{
	Service::AuditTrail::Via via(Directory::via(call.connection));
	_database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		const Row row = require(session, call, id, true);
		_directory.sync(session, org, call.connection, row, false); // the owner: refused before anything changes
		_users.tombstone(session, row.id, _pClock->now());
		_directory.record(session, call.connection, "scim.user_deleted", {"account", row.accountId, row.userName},
		                  _directory.details(call.connection).before("user_name", row.userName));
	});
}


} // namespace Scim
} // namespace Orgs
