//
// InvitationRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  InvitationRepository
//


#include "data/InvitationRepository.h"
#include "data/Rows.h"
#include "Orgs/Errors.h"
#include <algorithm>
#include <map>


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_INVITATION(
    "SELECT i.id, i.organization_id, i.email, i.name, i.role, i.note, i.status, i.invited_by, a.username, a.name, "
    "i.created_at, i.sent_at, i.expires_at, i.responded_at, i.accepted_by "
    "FROM invitations i JOIN accounts a ON a.id = i.invited_by ");


const std::string PENDING("organization_id = ? AND status = 'pending' AND expires_at > ?"); ///< countPending()'s rows


Invitation readInvitation(const Rows& rows, std::size_t i)
{
	Invitation inv;
	inv.id = rows.integer(i, 0);
	inv.organizationId = rows.integer(i, 1);
	inv.email = rows.text(i, 2);
	inv.name = rows.text(i, 3);
	inv.role = rows.text(i, 4);
	inv.note = rows.text(i, 5);
	inv.status = rows.text(i, 6);
	inv.invitedBy = rows.integer(i, 7);
	inv.inviterUsername = rows.text(i, 8);
	inv.inviterName = rows.text(i, 9);
	inv.createdAt = rows.time(i, 10);
	inv.sentAt = rows.time(i, 11);
	inv.expiresAt = rows.time(i, 12);
	inv.respondedAt = rows.nullableTime(i, 13);
	if (!rows.isNull(i, 14))
		inv.acceptedBy = rows.integer(i, 14);
	return inv;
}


std::string idList(const std::vector<Invitation>& invitations, std::vector<Param>& params)
	/// Returns "?, ?, ..." for the invitations' ids and appends them to params, padded to a power
	/// of two by repeating the last id: a list of any length takes one of a few SQL texts, so
	/// the statement cache keeps a few statements, not one per length.
{
	std::size_t size = 1;
	while (size < invitations.size())
		size *= 2;
	std::string sql;
	for (std::size_t i = 0; i < size; ++i)
	{
		sql += i ? ", ?" : "?";
		params.emplace_back(invitations[std::min(i, invitations.size() - 1)].id);
	}
	return sql;
}


[[noreturn]] void alreadyInvited(const std::string& email)
{
	throw ConflictException("'" + email + "' already has a pending invitation; resend it instead", "already_invited");
}


} // namespace


InvitationRepository::InvitationRepository(Database& database) : _database(database) {}


Id InvitationRepository::insert(Poco::Data::Session& session, const Row& row)
{
	const Poco::Int64 created = Database::toMicros(row.createdAt);
	try
	{
		_database.execute(
		    session,
		    "INSERT INTO invitations (organization_id, email, pending_email, name, role, note, token_hash, "
		    "status, invited_by, created_at, sent_at, expires_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
		    {row.organizationId, row.email, row.email, row.name, row.role, row.note, row.tokenHash, row.invitedBy,
		     created, created, Database::toMicros(row.expiresAt)});
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			alreadyInvited(row.email);
		throw;
	}
	return _database.lastInsertId(session);
}


void InvitationRepository::insertWorkspaces(Poco::Data::Session& session, Id invitationId,
                                            const std::vector<InvitationWorkspace>& workspaces)
{
	for (const auto& w : workspaces)
	{
		_database.execute(session,
		                  "INSERT INTO invitation_workspaces (invitation_id, workspace_id, role) VALUES (?, ?, ?)",
		                  {invitationId, w.workspaceId, w.role});
	}
}


void InvitationRepository::insertDefaultRoles(Poco::Data::Session& session, Id invitationId, const RoleMap& roles)
{
	for (const auto& kv : roles)
	{
		_database.execute(session,
		                  "INSERT INTO invitation_default_roles (invitation_id, resource_type, role) VALUES (?, ?, ?)",
		                  {invitationId, kv.first, kv.second});
	}
}


std::vector<Invitation> InvitationRepository::read(Poco::Data::Session& session, const std::string& sql,
                                                   const std::vector<Param>& params)
{
	Poco::Data::RecordSet rs = _database.select(session, sql, params);
	Rows rows(rs);
	std::vector<Invitation> result;
	for (std::size_t i = 0; i < rows.count(); ++i)
		result.push_back(readInvitation(rows, i));
	return result;
}


void InvitationRepository::loadDetails(Poco::Data::Session& session, std::vector<Invitation>& invitations)
{
	if (invitations.empty())
		return;
	std::map<Id, Invitation*> byId;
	for (auto& inv : invitations)
		byId[inv.id] = &inv;
	std::vector<Param> params;
	const std::string in = idList(invitations, params);
	{
		Poco::Data::RecordSet rs = _database.select(
		    session,
		    "SELECT invitation_id, workspace_id, role FROM invitation_workspaces WHERE invitation_id IN (" + in +
		        ") ORDER BY invitation_id, workspace_id",
		    params);
		Rows rows(rs);
		for (std::size_t i = 0; i < rows.count(); ++i)
		{
			InvitationWorkspace w;
			w.workspaceId = rows.integer(i, 1);
			w.role = rows.text(i, 2);
			byId[rows.integer(i, 0)]->workspaces.push_back(w);
		}
	}
	{
		Poco::Data::RecordSet rs = _database.select(
		    session,
		    "SELECT invitation_id, resource_type, role FROM invitation_default_roles WHERE invitation_id IN (" + in +
		        ")",
		    params);
		Rows rows(rs);
		for (std::size_t i = 0; i < rows.count(); ++i)
			byId[rows.integer(i, 0)]->defaultRoles[rows.text(i, 1)] = rows.text(i, 2);
	}
}


Poco::Nullable<Invitation> InvitationRepository::find(Poco::Data::Session& session, Id orgId, Id invitationId)
{
	std::vector<Invitation> found =
	    read(session, SELECT_INVITATION + "WHERE i.organization_id = ? AND i.id = ?", {orgId, invitationId});
	if (found.empty())
		return Poco::Nullable<Invitation>();
	loadDetails(session, found);
	return found.front();
}


Poco::Nullable<Invitation> InvitationRepository::findByTokenHash(Poco::Data::Session& session,
                                                                 const std::string& tokenHash)
{
	std::vector<Invitation> found = read(session, SELECT_INVITATION + "WHERE i.token_hash = ?", {tokenHash});
	if (found.empty())
		return Poco::Nullable<Invitation>();
	loadDetails(session, found);
	return found.front();
}


Poco::Nullable<Invitation> InvitationRepository::findHoldingSlot(Poco::Data::Session& session, Id orgId,
                                                                 const std::string& email)
{
	std::vector<Invitation> found =
	    read(session, SELECT_INVITATION + "WHERE i.organization_id = ? AND i.pending_email = ?", {orgId, email});
	if (found.empty())
		return Poco::Nullable<Invitation>();
	return found.front();
}


bool InvitationRepository::expired(const Invitation& invitation, const Poco::Timestamp& at)
{
	return invitation.status == "pending" && invitation.expiresAt <= at;
}


void InvitationRepository::releaseSlot(Poco::Data::Session& session, Id invitationId)
{
	_database.execute(session, "UPDATE invitations SET pending_email = NULL WHERE id = ?", {invitationId});
}


bool InvitationRepository::respond(Poco::Data::Session& session, Id invitationId, const std::string& status,
                                   const Poco::Timestamp& at, Id acceptedBy, bool unexpiredOnly)
{
	const Poco::Int64 micros = Database::toMicros(at);
	Poco::Nullable<Poco::Int64> accepted;
	if (acceptedBy)
		accepted = acceptedBy;
	std::vector<Param> params{status, micros, accepted, invitationId};
	std::string sql = "UPDATE invitations SET status = ?, pending_email = NULL, responded_at = ?, accepted_by = ? "
	                  "WHERE id = ? AND status = 'pending'";
	if (unexpiredOnly)
	{
		sql += " AND expires_at > ?";
		params.emplace_back(micros);
	}
	return _database.execute(session, sql, params) == 1;
}


bool InvitationRepository::renew(Poco::Data::Session& session, const Invitation& invitation,
                                 const std::string& tokenHash, const Poco::Timestamp& sentAt,
                                 const Poco::Timestamp& expiresAt)
{
	try
	{
		return _database.execute(
		           session,
		           "UPDATE invitations SET token_hash = ?, pending_email = ?, sent_at = ?, expires_at = ? "
		           "WHERE id = ? AND status = 'pending'",
		           {tokenHash, invitation.email, Database::toMicros(sentAt), Database::toMicros(expiresAt),
		            invitation.id}) == 1;
	}
	catch (Poco::Exception& exc)
	{
		if (Database::classify(exc) == Database::ErrorKind::Duplicate)
			alreadyInvited(invitation.email);
		throw;
	}
}


std::vector<Invitation> InvitationRepository::list(Poco::Data::Session& session, Id orgId, const std::string& status,
                                                   const Poco::Timestamp& at, Id afterId, int limit)
{
	const Poco::Int64 micros = Database::toMicros(at);
	std::string sql = SELECT_INVITATION + "WHERE i.organization_id = ? AND i.id > ?";
	std::vector<Param> params{orgId, afterId};
	if (status == "pending" || status == "expired")
	{
		sql += status == "pending" ? " AND i.status = 'pending' AND i.expires_at > ?"
		                           : " AND i.status = 'pending' AND i.expires_at <= ?";
		params.emplace_back(micros);
	}
	else if (!status.empty())
	{
		sql += " AND i.status = ?";
		params.emplace_back(status);
	}
	sql += " ORDER BY i.id LIMIT ?";
	params.emplace_back(limit);
	std::vector<Invitation> result = read(session, sql, params);
	loadDetails(session, result);
	return result;
}


void InvitationRepository::countCreatedSince(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& since,
                                             Poco::Int64& count, Poco::Timestamp& oldest)
{
	Poco::Data::RecordSet rs = _database.select(
	    session, "SELECT COUNT(*), MIN(created_at) FROM invitations WHERE organization_id = ? AND created_at > ?",
	    {orgId, Database::toMicros(since)});
	Rows rows(rs);
	count = rows.integer(0, 0);
	oldest = rows.isNull(0, 1) ? since : rows.time(0, 1);
}


Poco::Int64 InvitationRepository::countPending(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	Poco::Data::RecordSet rs =
	    _database.select(session, "SELECT COUNT(*) FROM invitations WHERE " + PENDING, {orgId, Database::toMicros(at)});
	return Rows(rs).integer(0, 0);
}


Poco::Int64 InvitationRepository::countSeats(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	Poco::Data::RecordSet rs = _database.select(session,
	                                            "SELECT (SELECT COUNT(*) FROM memberships WHERE organization_id = ?) + "
	                                            "(SELECT COUNT(*) FROM invitations WHERE " +
	                                                PENDING + ")",
	                                            {orgId, orgId, Database::toMicros(at)});
	return Rows(rs).integer(0, 0);
}


bool InvitationRepository::memberWithEmail(Poco::Data::Session& session, Id orgId, const std::string& email)
{
	Poco::Data::RecordSet rs =
	    _database.select(session,
	                     "SELECT COUNT(*) FROM memberships m JOIN accounts a ON a.id = m.account_id "
	                     "WHERE m.organization_id = ? AND LOWER(a.email) = ?",
	                     {orgId, email});
	return Rows(rs).integer(0, 0) > 0;
}


} // namespace Data
} // namespace Orgs
