//
// GroupProvisioning.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  GroupProvisioning
//


#include "scim/GroupProvisioning.h"
#include "scim/GroupResource.h"
#include "scim/Patch.h"
#include "scim/Schema.h"
#include "scim/Value.h"
#include "service/AuditTrail.h"
#include "service/Validator.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Scim {


using Row = Data::ScimGroupRepository::Row;
using Member = Data::ScimGroupRepository::Member;


namespace {


constexpr int SCAN_CHUNK = 200;       ///< groups read at once when a filter has no indexed equality
constexpr int MAX_CANDIDATES = 10000; ///< an indexed equality's candidates (displayName: one)


const Service::AuditTarget target(const Row& row)
{
	return {"scim_group", row.id, row.displayName};
}


} // namespace


GroupProvisioning::GroupProvisioning(Data::Database& database, Directory& directory, Service::Clock::Ptr pClock)
    : _database(database), _directory(directory), _pClock(pClock), _groups(database), _users(database)
{
}


Row GroupProvisioning::require(Poco::Data::Session& session, const Call& call, const std::string& id, bool lock)
{
	Id n = 0;
	Poco::Nullable<Row> row;
	if (Service::Validator::parseId(id, n))
		row = _groups.find(session, call.connection.id, n, lock);
	if (row.isNull())
		throw NotFoundException("No Group '" + id + "'", "not_found");
	return row.value();
}


Id GroupProvisioning::memberId(Poco::Data::Session& session, const Call& call, const std::string& value, bool required)
{
	Id n = 0;
	if (Service::Validator::parseId(value, n) && !_users.find(session, call.connection.id, n).isNull())
		return n;
	if (required)
		throw InvalidInputException("members: '" + value + "' is not a User of this connection", "invalidValue");
	return 0;
}


bool GroupProvisioning::mayMatter(const ScimConnection& connection, const std::vector<std::string>& groupNames)
{
	for (const auto& rule : connection.rules)
	{
		if (rule.op == SsoMappingRule::EQUALS)
			return true;
		for (const auto& name : groupNames)
		{
			if (rule.value == name)
				return true;
		}
	}
	return false;
}


void GroupProvisioning::resync(Poco::Data::Session& session, const Organization& org, const Call& call,
                               const std::set<Id>& users, const std::vector<std::string>& groupNames)
{
	// A group no rule names changes no one's roles (until a rule names it: the connection's
	// change then applies the rules to everyone).
	if (!mayMatter(call.connection, groupNames))
		return;
	// Only active users: an inactive one is not a member, whatever its groups.
	for (Id id : users)
	{
		Poco::Nullable<Data::ScimUserRepository::Row> user = _users.find(session, call.connection.id, id);
		if (!user.isNull() && user.value().active)
			_directory.sync(session, org, call.connection, user.value());
	}
}


Poco::JSON::Object::Ptr GroupProvisioning::create(Call& call, const Poco::JSON::Object& body)
{
	Row row;
	std::vector<std::string> members;
	GroupResource::decode(*Value::normalize(body, Schema::group()), row, members);
	Service::AuditTrail::Via via(Directory::via(call.connection));
	return _database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		row.connectionId = call.connection.id;
		row.organizationId = org.id;
		row.createdAt = row.updatedAt = _pClock->now();
		row.id = _groups.insert(session, row);
		std::set<Id> added;
		for (const auto& value : members)
		{
			const Id userId = memberId(session, call, value, true);
			if (_groups.addMember(session, row.id, userId))
				added.insert(userId);
		}
		_directory.record(session, call.connection, "scim.group_created", target(row),
		                  _directory.details(call.connection)
		                      .after("display_name", row.displayName)
		                      .after("members", static_cast<Poco::Int64>(added.size())));
		resync(session, org, call, added, {row.displayName});
		const std::vector<Member> now = _groups.members(session, row.id);
		return GroupResource::encode(row, &now, call.discovery);
	});
}


Poco::JSON::Object::Ptr GroupProvisioning::get(Call& call, const std::string& id, bool members)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const Row row = require(session, call, id);
		if (!members)
			return GroupResource::encode(row, nullptr, call.discovery);
		const std::vector<Member> list = _groups.members(session, row.id);
		return GroupResource::encode(row, &list, call.discovery);
	});
}


Listing GroupProvisioning::list(Call& call, const Filter& filter, const ListResponse::Page& page, bool members)
{
	return _database.withSession([&](Poco::Data::Session& session) {
		const Id connectionId = call.connection.id;
		auto encode = [&](const Row& row, bool withMembers) {
			if (!withMembers)
				return GroupResource::encode(row, nullptr, call.discovery);
			const std::vector<Member> list = _groups.members(session, row.id);
			return GroupResource::encode(row, &list, call.discovery);
		};
		Listing::Source<Row> source;
		source.count = [&]() { return static_cast<std::size_t>(_groups.count(session, connectionId)); };
		source.rows = [&](int offset, int limit) { return _groups.list(session, connectionId, offset, limit); };
		source.indexed = [&](const Filter::Equality& eq, std::vector<Row>& candidates) {
			if (eq.attribute == "displayName")
				candidates = _groups.findByDisplayName(session, connectionId, eq.value);
			else if (eq.attribute == "externalId")
				candidates = _groups.findByExternalId(session, connectionId, eq.value, MAX_CANDIDATES);
			else
				return false;
			return true;
		};
		source.encode = [&](const Row& row) { return encode(row, members); };
		source.matching = [&](const Row& row, const Filter& f) {
			// Matched against the full representation: the filter may name members.
			Poco::JSON::Object::Ptr resource = encode(row, true);
			if (!f.matches(*resource))
				return Poco::JSON::Object::Ptr();
			if (!members)
				resource->remove("members");
			return resource;
		};
		source.scanChunk = SCAN_CHUNK;
		return Listing::of(filter, page, source);
	});
}


Poco::JSON::Object::Ptr GroupProvisioning::replaceIn(Poco::Data::Session& session, const Organization& org, Call& call,
                                                     const Row& before, const Poco::JSON::Object& resource)
{
	Row after = before;
	std::vector<std::string> values;
	GroupResource::decode(*Value::normalize(resource, Schema::group()), after, values);
	after.updatedAt = _pClock->now();
	_groups.update(session, after);
	std::set<Id> wanted;
	for (const auto& value : values)
		wanted.insert(memberId(session, call, value, true));
	std::set<Id> had;
	for (const Member& m : _groups.members(session, before.id))
		had.insert(m.userId);
	std::set<Id> affected;
	for (Id id : wanted)
	{
		if (had.count(id) == 0 && _groups.addMember(session, before.id, id))
			affected.insert(id);
	}
	for (Id id : had)
	{
		if (wanted.count(id) == 0 && _groups.removeMember(session, before.id, id))
			affected.insert(id);
	}
	// A new name is a new value of the "groups" claim for every member.
	if (after.displayName != before.displayName)
		affected.insert(wanted.begin(), wanted.end());
	Service::AuditDetails d = _directory.details(call.connection);
	if (after.displayName != before.displayName)
		d.change("display_name", before.displayName, after.displayName);
	d.after("members_changed", static_cast<Poco::Int64>(affected.size()));
	_directory.record(session, call.connection, "scim.group_updated", target(after), d);
	resync(session, org, call, affected, {before.displayName, after.displayName});
	const std::vector<Member> now = _groups.members(session, before.id);
	return GroupResource::encode(after, &now, call.discovery);
}


Poco::JSON::Object::Ptr GroupProvisioning::replace(Call& call, const std::string& id, const Poco::JSON::Object& body)
{
	Service::AuditTrail::Via via(Directory::via(call.connection));
	return _database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		const Row before = require(session, call, id, true);
		return replaceIn(session, org, call, before, body);
	});
}


void GroupProvisioning::patch(Call& call, const std::string& id, const Poco::JSON::Object& body)
{
	const std::vector<Patch::Operation> operations = Patch::parse(body, Schema::group());
	Patch::MemberChanges changes;
	const bool membersOnly = Patch::memberChanges(operations, changes);
	Service::AuditTrail::Via via(Directory::via(call.connection));
	_database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		const Row before = require(session, call, id, true);
		if (!membersOnly)
		{
			// Anything else: the whole representation, patched, then as a replacement.
			const std::vector<Member> members = _groups.members(session, before.id);
			Poco::JSON::Object::Ptr resource = GroupResource::encode(before, &members, call.discovery);
			Patch::apply(resource, operations, Schema::group());
			replaceIn(session, org, call, before, *resource);
			return;
		}
		// Members by id: a large group's members are not read.
		std::set<Id> affected;
		if (changes.removedAll || changes.replaced)
		{
			std::set<Id> keep;
			if (changes.replaced)
			{
				for (const auto& value : changes.added)
					keep.insert(memberId(session, call, value, true));
			}
			for (const Member& m : _groups.members(session, before.id))
			{
				if (keep.count(m.userId) == 0 && _groups.removeMember(session, before.id, m.userId))
					affected.insert(m.userId);
			}
		}
		for (const auto& value : changes.removed)
		{
			const Id userId = memberId(session, call, value, false);
			if (userId != 0 && _groups.removeMember(session, before.id, userId))
				affected.insert(userId);
		}
		for (const auto& value : changes.added)
		{
			const Id userId = memberId(session, call, value, true);
			if (_groups.addMember(session, before.id, userId))
				affected.insert(userId);
		}
		Row after = before;
		after.updatedAt = _pClock->now();
		_groups.update(session, after);
		_directory.record(
		    session, call.connection, "scim.group_updated", target(after),
		    _directory.details(call.connection).after("members_changed", static_cast<Poco::Int64>(affected.size())));
		resync(session, org, call, affected, {before.displayName});
	});
}


void GroupProvisioning::remove(Call& call, const std::string& id)
{
	Service::AuditTrail::Via via(Directory::via(call.connection));
	_database.transact([&](Poco::Data::Session& session) {
		const Organization org = _directory.open(session, call.connection, call.tokenHash);
		const Row row = require(session, call, id, true);
		std::set<Id> former;
		for (const Member& m : _groups.members(session, row.id))
			former.insert(m.userId);
		_groups.remove(session, row.id);
		_directory.record(session, call.connection, "scim.group_deleted", target(row),
		                  _directory.details(call.connection).before("display_name", row.displayName));
		resync(session, org, call, former, {row.displayName});
	});
}


} // namespace Scim
} // namespace Orgs
