//
// MembershipRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  MembershipRepository
//


#include "data/MembershipRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"


namespace Orgs {
namespace Data {


namespace {


const std::string MEMBER_COLUMNS("m.organization_id, m.account_id, a.username, a.name, a.email, m.role, m.created_at, "
                                 "m.default_roles");
const std::string MEMBER_FROM(" FROM memberships m JOIN accounts a ON a.id = m.account_id ");
const std::string SELECT_MEMBER("SELECT " + MEMBER_COLUMNS + MEMBER_FROM); ///< read by readMembership()


const std::size_t DEFAULT_ROLES_TEXT = 1000;   ///< characters of memberships.default_roles (migration 0009)
const std::string DEFAULT_ROLES_OVERFLOW("*"); ///< its value when the roles need more: read member_default_roles


Membership readMembership(const Rows& rows, std::size_t i, bool& overflow)
	/// Reads row i of MEMBER_COLUMNS; sets overflow if its default roles are to be read from
	/// member_default_roles (else they are read here, from the membership's copy).
{
	Membership m;
	m.organizationId = rows.integer(i, 0);
	m.accountId = rows.integer(i, 1);
	m.username = rows.text(i, 2);
	m.name = rows.text(i, 3);
	m.email = rows.text(i, 4);
	m.role = rows.text(i, 5);
	m.createdAt = rows.time(i, 6);
	const std::string defaults = rows.text(i, 7);
	if (defaults == DEFAULT_ROLES_OVERFLOW)
		overflow = true;
	else
		m.defaultRoles = MembershipRepository::decodeDefaultRoles(defaults);
	return m;
}


std::string likePattern(const std::string& search)
{
	std::string p("%");
	for (char c : search)
	{
		if (c == '%' || c == '_' || c == '!')
			p += '!';
		p += c;
	}
	p += '%';
	return p;
}


} // namespace


MembershipRepository::MembershipRepository(Database& database) : _database(database) {}


void MembershipRepository::insert(Poco::Data::Session& session, Id orgId, Id accountId, const std::string& role,
                                  const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	try
	{
		_database.execute(session,
		                  "INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at) "
		                  "VALUES (?, ?, ?, ?, ?)",
		                  {orgId, accountId, role, micros, micros});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			throw ConflictException("The account is already a member of the organization", "already_member");
		throw;
	}
	_database.accessChanged(session, orgId);
}


Poco::Nullable<Membership> MembershipRepository::find(Poco::Data::Session& session, Id orgId, Id accountId, bool lock)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            SELECT_MEMBER + "WHERE m.organization_id = ? AND m.account_id = ?" +
	                                                (lock ? _database.forUpdate() : ""),
	                                            {orgId, accountId});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Membership>();
	bool overflow = false;
	std::vector<Membership> one{readMembership(rows, 0, overflow)};
	if (overflow)
		loadDefaultRoles(session, orgId, one);
	return one.front();
}


bool MembershipRepository::updateRole(Poco::Data::Session& session, Id orgId, Id accountId, const std::string& role,
                                      const Poco::Timestamp& at)
{
	if (_database.execute(
	        session, "UPDATE memberships SET role = ?, updated_at = ? WHERE organization_id = ? AND account_id = ?",
	        {role, Database::toMicros(at), orgId, accountId}) != 1)
		return false;
	_database.accessChanged(session, orgId);
	return true;
}


std::size_t MembershipRepository::setEveryRole(Poco::Data::Session& session, Id orgId, const std::string& role,
                                               const Poco::Timestamp& at)
{
	const std::size_t changed = _database.execute(
	    session, "UPDATE memberships SET role = ?, updated_at = ? WHERE organization_id = ? AND role <> ?",
	    {role, Database::toMicros(at), orgId, role});
	if (changed > 0)
		_database.accessChanged(session, orgId);
	return changed;
}


bool MembershipRepository::remove(Poco::Data::Session& session, Id orgId, Id accountId)
{
	if (_database.execute(session, "DELETE FROM memberships WHERE organization_id = ? AND account_id = ?",
	                      {orgId, accountId}) != 1)
		return false;
	_database.accessChanged(session, orgId); // its workspace and resource roles go with it
	return true;
}


std::vector<Membership> MembershipRepository::list(Poco::Data::Session& session, Id orgId, const std::string& role,
                                                   const std::string& search, Id afterAccountId, int limit)
{
	// One statement per page, with no derived table, temporary table, sort or subquery: a
	// range of the primary key joined to accounts. Default roles come from the membership's
	// own copy of them (memberships.default_roles, see setDefaultRoles()).
	std::string sql = "SELECT " + MEMBER_COLUMNS + MEMBER_FROM + "WHERE m.organization_id = ? AND m.account_id > ?";
	std::vector<Param> params{orgId, afterAccountId};
	if (!role.empty())
	{
		sql += " AND m.role = ?";
		params.emplace_back(role);
	}
	if (!search.empty())
	{
		sql += " AND (a.username LIKE ? ESCAPE '!' OR a.name LIKE ? ESCAPE '!')";
		const std::string pattern = likePattern(search);
		params.emplace_back(pattern);
		params.emplace_back(pattern);
	}
	sql += " ORDER BY m.account_id LIMIT ?";
	params.emplace_back(limit);
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	Rows rows(rs);
	std::vector<Membership> result(rows.count());
	bool overflow = false;
	for (std::size_t i = 0; i < result.size(); ++i)
		result[i] = readMembership(rows, i, overflow);
	if (overflow) // some member has more default roles than the column holds: read them all
	{
		for (Membership& m : result)
			m.defaultRoles.clear();
		loadDefaultRoles(session, orgId, result);
	}
	return result;
}


void MembershipRepository::setDefaultRoles(Poco::Data::Session& session, Id orgId, Id accountId, const RoleMap& roles)
{
	if (roles.empty())
		return;
	for (const auto& kv : roles)
	{
		_database.execute(
		    session,
		    "DELETE FROM member_default_roles WHERE organization_id = ? AND account_id = ? AND resource_type = ?",
		    {orgId, accountId, kv.first});
		_database.execute(session,
		                  "INSERT INTO member_default_roles (organization_id, account_id, resource_type, role) "
		                  "VALUES (?, ?, ?, ?)",
		                  {orgId, accountId, kv.first, kv.second});
	}
	// The membership's copy for listings, rewritten from the rows in the same transaction.
	std::vector<Membership> one(1);
	one.front().accountId = accountId;
	loadDefaultRoles(session, orgId, one);
	std::string text = encodeDefaultRoles(one.front().defaultRoles);
	if (text.size() > DEFAULT_ROLES_TEXT)
		text = DEFAULT_ROLES_OVERFLOW;
	_database.execute(session, "UPDATE memberships SET default_roles = ? WHERE organization_id = ? AND account_id = ?",
	                  {text, orgId, accountId});
}


std::string MembershipRepository::encodeDefaultRoles(const RoleMap& roles)
{
	// Types and roles are [a-z0-9_-] names: neither separator can occur in them.
	std::string text;
	for (const auto& kv : roles)
	{
		if (!text.empty())
			text += ',';
		text += kv.first;
		text += '=';
		text += kv.second;
	}
	return text;
}


RoleMap MembershipRepository::decodeDefaultRoles(const std::string& text)
{
	RoleMap roles;
	for (std::size_t start = 0; start < text.size();)
	{
		std::size_t end = text.find(',', start);
		if (end == std::string::npos)
			end = text.size();
		const std::size_t eq = text.find('=', start);
		if (eq != std::string::npos && eq < end)
			roles[text.substr(start, eq - start)] = text.substr(eq + 1, end - eq - 1);
		start = end + 1;
	}
	return roles;
}


void MembershipRepository::loadDefaultRoles(Poco::Data::Session& session, Id orgId, std::vector<Membership>& members)
{
	if (members.empty())
		return;
	// The members of a page are sorted by account id: one range query covers them all.
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT account_id, resource_type, role FROM member_default_roles "
	                     "WHERE organization_id = ? AND account_id BETWEEN ? AND ? ORDER BY account_id",
	                     {orgId, members.front().accountId, members.back().accountId});
	Rows rows(rs);
	std::size_t m = 0;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		const Id accountId = rows.integer(i, 0);
		while (m < members.size() && members[m].accountId < accountId)
			++m;
		if (m < members.size() && members[m].accountId == accountId)
			members[m].defaultRoles[rows.text(i, 1)] = rows.text(i, 2);
	}
}


} // namespace Data
} // namespace Orgs
