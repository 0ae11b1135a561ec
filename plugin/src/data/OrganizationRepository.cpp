//
// OrganizationRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OrganizationRepository
//


#include "data/OrganizationRepository.h"
#include "data/Rows.h"


namespace Orgs {
namespace Data {


namespace {


const std::string COLUMNS("o.id, o.username, o.title, o.region, o.owner_account_id, o.created_at, o.updated_at, "
                          "o.personal, o.plan, o.allowed_email_domains");
const std::size_t COLUMN_COUNT = 10; ///< the position of the first column after COLUMNS


std::vector<std::string> splitDomains(const std::string& text)
{
	std::vector<std::string> result;
	std::string::size_type start = 0;
	while (start < text.size())
	{
		std::string::size_type comma = text.find(',', start);
		if (comma == std::string::npos)
			comma = text.size();
		if (comma > start)
			result.push_back(text.substr(start, comma - start));
		start = comma + 1;
	}
	return result;
}


std::string joinDomains(const std::vector<std::string>& domains)
{
	std::string result;
	for (const auto& d : domains)
		result += (result.empty() ? "" : ",") + d;
	return result;
}


Organization readOrganization(const Rows& rows, std::size_t i)
{
	Organization o;
	o.id = rows.integer(i, 0);
	o.username = rows.text(i, 1);
	o.title = rows.text(i, 2);
	o.region = rows.text(i, 3);
	o.ownerAccountId = rows.integer(i, 4);
	o.createdAt = rows.time(i, 5);
	o.updatedAt = rows.time(i, 6);
	o.personal = rows.integer(i, 7) != 0;
	o.plan = rows.text(i, 8);
	o.allowedEmailDomains = splitDomains(rows.text(i, 9));
	return o;
}


} // namespace


OrganizationRepository::OrganizationRepository(Database& database) : _database(database) {}


Organization OrganizationRepository::insert(Poco::Data::Session& session, const OrganizationSpec& spec, Id ownerId,
                                            const Poco::Timestamp& at, const std::string& plan, bool personal)
{
	const Poco::Int64 micros = Database::toMicros(at);
	const int personalFlag = personal ? 1 : 0;
	_database.execute(session,
	                  "INSERT INTO organizations (username, title, region, owner_account_id, created_at, updated_at, "
	                  "plan, personal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	                  {spec.username, spec.title, spec.region, ownerId, micros, micros, plan, personalFlag});
	Organization o;
	o.id = _database.lastInsertId(session);
	// A check of this id before it existed may be cached, and so may its username's absence.
	_database.accessChanged(session, o.id);
	_database.organizationChanged(session, o.id);
	o.username = spec.username;
	o.title = spec.title;
	o.region = spec.region;
	o.ownerAccountId = ownerId;
	o.createdAt = Poco::Timestamp(micros);
	o.updatedAt = o.createdAt;
	o.personal = personal;
	o.plan = plan;
	return o;
}


Poco::Nullable<Organization> OrganizationRepository::findOne(Poco::Data::Session& session, const std::string& column,
                                                             const std::string& value, bool lock,
                                                             Poco::Nullable<Poco::Timestamp>* pDeletedAt)
{
	// A deleted organization is found only when the caller asks for its deletion time.
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + COLUMNS + ", o.deleted_at FROM organizations o WHERE o." + column + " = ?" +
	                         (pDeletedAt ? "" : " AND o.deleted_at IS NULL") + (lock ? _database.forUpdate() : ""),
	                     {value});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Organization>();
	if (pDeletedAt)
		*pDeletedAt = rows.nullableTime(0, COLUMN_COUNT);
	return readOrganization(rows, 0);
}


Poco::Nullable<Organization> OrganizationRepository::findAny(Poco::Data::Session& session, const std::string& column,
                                                             const std::string& value, bool lock,
                                                             Poco::Nullable<Poco::Timestamp>& deletedAt)
{
	if (column != "id" && column != "username")
		throw Poco::InvalidArgumentException("OrganizationRepository::findAny: " + column);
	return findOne(session, column, value, lock, &deletedAt);
}


Poco::Nullable<Organization> OrganizationRepository::lockWithStanding(Poco::Data::Session& session,
                                                                      const std::string& column,
                                                                      const std::string& value, Id accountId,
                                                                      AccessRepository::Standing& standing)
{
	if (column != "id" && column != "username")
		throw Poco::InvalidArgumentException("OrganizationRepository::lockWithStanding: " + column);
	// The role comes from a scalar subquery, not a join: MariaDB's FOR UPDATE locks every row a
	// join reads, but not the rows of a subquery, which reads the committed version once the
	// organization row is locked.
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + COLUMNS +
	                         ", o.acl_version, (SELECT m.role FROM memberships m WHERE m.organization_id = o.id "
	                         "AND m.account_id = ?) FROM organizations o WHERE o." +
	                         column + " = ? AND o.deleted_at IS NULL" + _database.forUpdate(),
	                     {accountId, value});
	Rows rows(rs);
	standing = AccessRepository::Standing();
	if (rows.count() == 0)
		return Poco::Nullable<Organization>();
	const Organization o = readOrganization(rows, 0);
	standing.organizationExists = true;
	standing.ownerAccountId = o.ownerAccountId;
	standing.aclVersion = rows.integer(0, COLUMN_COUNT);
	standing.member = !rows.isNull(0, COLUMN_COUNT + 1);
	standing.organizationRole = rows.text(0, COLUMN_COUNT + 1);
	return o;
}


Poco::Nullable<Organization> OrganizationRepository::findById(Poco::Data::Session& session, Id id, bool lock)
{
	return findOne(session, "id", std::to_string(id), lock);
}


Poco::Nullable<Organization> OrganizationRepository::findByUsername(Poco::Data::Session& session,
                                                                    const std::string& username, bool lock)
{
	return findOne(session, "username", username, lock);
}


void OrganizationRepository::update(Poco::Data::Session& session, const Organization& org)
{
	_database.execute(session, "UPDATE organizations SET username = ?, title = ?, updated_at = ? WHERE id = ?",
	                  {org.username, org.title, Database::toMicros(org.updatedAt), org.id});
	_database.organizationChanged(session, org.id); // who may do what stays as it is
}


void OrganizationRepository::updatePlan(Poco::Data::Session& session, const Organization& org)
{
	_database.execute(session,
	                  "UPDATE organizations SET plan = ?, allowed_email_domains = ?, updated_at = ? WHERE id = ?",
	                  {org.plan, joinDomains(org.allowedEmailDomains), Database::toMicros(org.updatedAt), org.id});
	_database.organizationChanged(session, org.id); // a plan's member role is set on memberships
}


bool OrganizationRepository::setOwner(Poco::Data::Session& session, Id orgId, Id expectedOwnerId, Id newOwnerId,
                                      const Poco::Timestamp& at)
{
	if (_database.execute(session,
	                      "UPDATE organizations SET owner_account_id = ?, updated_at = ? "
	                      "WHERE id = ? AND owner_account_id = ?",
	                      {newOwnerId, Database::toMicros(at), orgId, expectedOwnerId}) != 1)
		return false;
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
	return true;
}


void OrganizationRepository::markDeleted(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	if (_database.execute(session, "UPDATE organizations SET deleted_at = ? WHERE id = ?",
	                      {Database::toMicros(at), orgId}) == 0)
		return;
	_database.accessChanged(session, orgId); // a deleted organization grants nothing
	_database.organizationChanged(session, orgId);
}


void OrganizationRepository::restore(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	if (_database.execute(session, "UPDATE organizations SET deleted_at = NULL, updated_at = ? WHERE id = ?",
	                      {Database::toMicros(at), orgId}) == 0)
		return;
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
}


std::vector<Id> OrganizationRepository::listDeletedBefore(Poco::Data::Session& session, const Poco::Timestamp& cutoff,
                                                          int limit)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT id FROM organizations WHERE deleted_at IS NOT NULL AND deleted_at <= ? ORDER BY id LIMIT ?",
	    {Database::toMicros(cutoff), limit});
	Rows rows(rs);
	std::vector<Id> ids(rows.count());
	for (std::size_t i = 0; i < ids.size(); ++i)
		ids[i] = rows.integer(i, 0);
	return ids;
}


void OrganizationRepository::remove(Poco::Data::Session& session, Id orgId)
{
	_database.execute(session, "DELETE FROM memberships WHERE organization_id = ?", {orgId});
	_database.execute(session, "DELETE FROM organizations WHERE id = ?", {orgId});
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
}


std::vector<OrganizationMembership> OrganizationRepository::listForAccount(Poco::Data::Session& session, Id accountId,
                                                                           Id afterOrgId, int limit)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + COLUMNS +
	                         ", m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id "
	                         "WHERE m.account_id = ? AND m.organization_id > ? AND o.deleted_at IS NULL ORDER BY "
	                         "m.organization_id LIMIT ?",
	                     {accountId, afterOrgId, limit});
	Rows rows(rs);
	std::vector<OrganizationMembership> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
	{
		OrganizationMembership om;
		om.organization = readOrganization(rows, i);
		om.role = rows.text(i, COLUMN_COUNT);
		om.owner = om.organization.ownerAccountId == accountId;
		result.push_back(om);
	}
	return result;
}


Poco::Nullable<Organization> OrganizationRepository::findActiveForAccount(Poco::Data::Session& session, Id accountId)
{
	// Joined on the membership: an organization the account left is not its active one any more.
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT " + COLUMNS +
	                         " FROM accounts a JOIN memberships m ON m.organization_id = a.active_organization_id "
	                         "AND m.account_id = a.id JOIN organizations o ON o.id = m.organization_id "
	                         "WHERE a.id = ? AND o.deleted_at IS NULL",
	                     {accountId});
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Organization>();
	return readOrganization(rows, 0);
}


} // namespace Data
} // namespace Orgs
