//
// OrganizationRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  OrganizationRepository
//


#include "data/OrganizationRepository.h"
#include "data/Rows.h"
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


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
	session << "INSERT INTO organizations (username, title, region, owner_account_id, created_at, updated_at, plan, "
	           "personal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    bind(spec.username), bind(spec.title), bind(spec.region), bind(ownerId), bind(micros), bind(micros), bind(plan),
	    bind(personalFlag), now;
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
	session << "UPDATE organizations SET username = ?, title = ?, updated_at = ? WHERE id = ?", bind(org.username),
	    bind(org.title), bind(Database::toMicros(org.updatedAt)), bind(org.id), now;
	_database.organizationChanged(session, org.id); // who may do what stays as it is
}


void OrganizationRepository::updatePlan(Poco::Data::Session& session, const Organization& org)
{
	session << "UPDATE organizations SET plan = ?, allowed_email_domains = ?, updated_at = ? WHERE id = ?",
	    bind(org.plan), bind(joinDomains(org.allowedEmailDomains)), bind(Database::toMicros(org.updatedAt)),
	    bind(org.id), now;
	_database.organizationChanged(session, org.id); // a plan's member role is set on memberships
}


bool OrganizationRepository::setOwner(Poco::Data::Session& session, Id orgId, Id expectedOwnerId, Id newOwnerId,
                                      const Poco::Timestamp& at)
{
	Poco::Data::Statement st(session);
	st << "UPDATE organizations SET owner_account_id = ?, updated_at = ? "
	      "WHERE id = ? AND owner_account_id = ?",
	    bind(newOwnerId), bind(Database::toMicros(at)), bind(orgId), bind(expectedOwnerId);
	if (st.execute() != 1)
		return false;
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
	return true;
}


void OrganizationRepository::markDeleted(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	Poco::Data::Statement st(session);
	st << "UPDATE organizations SET deleted_at = ? WHERE id = ?", bind(Database::toMicros(at)), bind(orgId);
	if (st.execute() == 0)
		return;
	_database.accessChanged(session, orgId); // a deleted organization grants nothing
	_database.organizationChanged(session, orgId);
}


void OrganizationRepository::restore(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	Poco::Data::Statement st(session);
	st << "UPDATE organizations SET deleted_at = NULL, updated_at = ? WHERE id = ?", bind(Database::toMicros(at)),
	    bind(orgId);
	if (st.execute() == 0)
		return;
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
}


std::vector<Id> OrganizationRepository::listDeletedBefore(Poco::Data::Session& session, const Poco::Timestamp& cutoff,
                                                          int limit)
{
	std::vector<Poco::Int64> ids;
	session << "SELECT id FROM organizations WHERE deleted_at IS NOT NULL AND deleted_at <= ? ORDER BY id LIMIT ?",
	    bind(Database::toMicros(cutoff)), bind(limit), into(ids), now;
	return std::vector<Id>(ids.begin(), ids.end());
}


void OrganizationRepository::remove(Poco::Data::Session& session, Id orgId)
{
	session << "DELETE FROM memberships WHERE organization_id = ?", bind(orgId), now;
	session << "DELETE FROM organizations WHERE id = ?", bind(orgId), now;
	_database.accessChanged(session, orgId);
	_database.organizationChanged(session, orgId);
}


std::vector<OrganizationMembership> OrganizationRepository::listForAccount(Poco::Data::Session& session, Id accountId,
                                                                           Id afterOrgId, int limit)
{
	Poco::Data::Statement st(session);
	st << "SELECT " + COLUMNS +
	          ", m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id "
	          "WHERE m.account_id = ? AND m.organization_id > ? AND o.deleted_at IS NULL ORDER BY m.organization_id "
	          "LIMIT ?",
	    bind(accountId), bind(afterOrgId), bind(limit);
	st.execute();
	Poco::Data::RecordSet rs(st);
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
	Poco::Data::Statement st(session);
	st << "SELECT " + COLUMNS +
	          " FROM accounts a JOIN memberships m ON m.organization_id = a.active_organization_id "
	          "AND m.account_id = a.id JOIN organizations o ON o.id = m.organization_id WHERE a.id = ? AND "
	          "o.deleted_at IS "
	          "NULL",
	    bind(accountId);
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<Organization>();
	return readOrganization(rows, 0);
}


} // namespace Data
} // namespace Orgs
