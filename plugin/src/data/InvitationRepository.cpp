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
#include "Poco/Data/Statement.h"
#include <map>


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


namespace {


const std::string SELECT_INVITATION(
    "SELECT i.id, i.organization_id, i.email, i.name, i.role, i.note, i.status, i.invited_by, a.username, a.name, "
    "i.created_at, i.sent_at, i.expires_at, i.responded_at, i.accepted_by "
    "FROM invitations i JOIN accounts a ON a.id = i.invited_by ");


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
		session << "INSERT INTO invitations (organization_id, email, pending_email, name, role, note, token_hash, "
		           "status, invited_by, created_at, sent_at, expires_at) "
		           "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
		    bind(row.organizationId), bind(row.email), bind(row.email), bind(row.name), bind(row.role), bind(row.note),
		    bind(row.tokenHash), bind(row.invitedBy), bind(created), bind(created),
		    bind(Database::toMicros(row.expiresAt)), now;
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
		session << "INSERT INTO invitation_workspaces (invitation_id, workspace_id, role) VALUES (?, ?, ?)",
		    bind(invitationId), bind(w.workspaceId), bind(w.role), now;
	}
}


void InvitationRepository::insertDefaultRoles(Poco::Data::Session& session, Id invitationId, const RoleMap& roles)
{
	for (const auto& kv : roles)
	{
		session << "INSERT INTO invitation_default_roles (invitation_id, resource_type, role) VALUES (?, ?, ?)",
		    bind(invitationId), bind(kv.first), bind(kv.second), now;
	}
}


std::vector<Invitation> InvitationRepository::read(Poco::Data::Statement& st)
{
	st.execute();
	Poco::Data::RecordSet rs(st);
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
	std::string in;
	for (auto& inv : invitations)
	{
		byId[inv.id] = &inv;
		in += (in.empty() ? "" : ", ") + std::to_string(inv.id); // ids read from the database
	}
	{
		std::vector<Poco::Int64> ids;
		std::vector<Poco::Int64> workspaces;
		std::vector<std::string> roles;
		session << "SELECT invitation_id, workspace_id, role FROM invitation_workspaces WHERE invitation_id IN (" + in +
		               ") ORDER BY invitation_id, workspace_id",
		    into(ids), into(workspaces), into(roles), now;
		for (std::size_t i = 0; i < ids.size(); ++i)
		{
			InvitationWorkspace w;
			w.workspaceId = workspaces[i];
			w.role = roles[i];
			byId[ids[i]]->workspaces.push_back(w);
		}
	}
	{
		std::vector<Poco::Int64> ids;
		std::vector<std::string> types;
		std::vector<std::string> roles;
		session << "SELECT invitation_id, resource_type, role FROM invitation_default_roles WHERE invitation_id IN (" +
		               in + ")",
		    into(ids), into(types), into(roles), now;
		for (std::size_t i = 0; i < ids.size(); ++i)
			byId[ids[i]]->defaultRoles[types[i]] = roles[i];
	}
}


Poco::Nullable<Invitation> InvitationRepository::find(Poco::Data::Session& session, Id orgId, Id invitationId)
{
	Poco::Data::Statement st(session);
	st << SELECT_INVITATION + "WHERE i.organization_id = ? AND i.id = ?", bind(orgId), bind(invitationId);
	std::vector<Invitation> found = read(st);
	if (found.empty())
		return Poco::Nullable<Invitation>();
	loadDetails(session, found);
	return found.front();
}


Poco::Nullable<Invitation> InvitationRepository::findByTokenHash(Poco::Data::Session& session,
                                                                 const std::string& tokenHash)
{
	Poco::Data::Statement st(session);
	st << SELECT_INVITATION + "WHERE i.token_hash = ?", bind(tokenHash);
	std::vector<Invitation> found = read(st);
	if (found.empty())
		return Poco::Nullable<Invitation>();
	loadDetails(session, found);
	return found.front();
}


Poco::Nullable<Invitation> InvitationRepository::findHoldingSlot(Poco::Data::Session& session, Id orgId,
                                                                 const std::string& email)
{
	Poco::Data::Statement st(session);
	st << SELECT_INVITATION + "WHERE i.organization_id = ? AND i.pending_email = ?", bind(orgId), bind(email);
	std::vector<Invitation> found = read(st);
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
	session << "UPDATE invitations SET pending_email = NULL WHERE id = ?", bind(invitationId), now;
}


bool InvitationRepository::respond(Poco::Data::Session& session, Id invitationId, const std::string& status,
                                   const Poco::Timestamp& at, Id acceptedBy, bool unexpiredOnly)
{
	const Poco::Int64 micros = Database::toMicros(at);
	Poco::Nullable<Poco::Int64> accepted;
	if (acceptedBy)
		accepted = acceptedBy;
	Poco::Data::Statement st(session);
	st.addBind(bind(status));
	st.addBind(bind(micros));
	st.addBind(bind(accepted));
	st.addBind(bind(invitationId));
	std::string sql = "UPDATE invitations SET status = ?, pending_email = NULL, responded_at = ?, accepted_by = ? "
	                  "WHERE id = ? AND status = 'pending'";
	if (unexpiredOnly)
	{
		sql += " AND expires_at > ?";
		st.addBind(bind(micros));
	}
	st << sql;
	return st.execute() == 1;
}


bool InvitationRepository::renew(Poco::Data::Session& session, const Invitation& invitation,
                                 const std::string& tokenHash, const Poco::Timestamp& sentAt,
                                 const Poco::Timestamp& expiresAt)
{
	Poco::Data::Statement st(session);
	st << "UPDATE invitations SET token_hash = ?, pending_email = ?, sent_at = ?, expires_at = ? "
	      "WHERE id = ? AND status = 'pending'",
	    bind(tokenHash), bind(invitation.email), bind(Database::toMicros(sentAt)), bind(Database::toMicros(expiresAt)),
	    bind(invitation.id);
	try
	{
		return st.execute() == 1;
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
	Poco::Data::Statement st(session);
	std::string sql = SELECT_INVITATION + "WHERE i.organization_id = ? AND i.id > ?";
	st.addBind(bind(orgId));
	st.addBind(bind(afterId));
	if (status == "pending" || status == "expired")
	{
		sql += status == "pending" ? " AND i.status = 'pending' AND i.expires_at > ?"
		                           : " AND i.status = 'pending' AND i.expires_at <= ?";
		st.addBind(bind(micros));
	}
	else if (!status.empty())
	{
		sql += " AND i.status = ?";
		st.addBind(bind(status));
	}
	sql += " ORDER BY i.id LIMIT ?";
	st.addBind(bind(limit));
	st << sql;
	std::vector<Invitation> result = read(st);
	loadDetails(session, result);
	return result;
}


void InvitationRepository::countCreatedSince(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& since,
                                             Poco::Int64& count, Poco::Timestamp& oldest)
{
	Poco::Nullable<Poco::Int64> first;
	count = 0;
	session << "SELECT COUNT(*), MIN(created_at) FROM invitations WHERE organization_id = ? AND created_at > ?",
	    bind(orgId), bind(Database::toMicros(since)), into(count), into(first), now;
	oldest = first.isNull() ? since : Database::fromMicros(first.value());
}


Poco::Int64 InvitationRepository::countPending(Poco::Data::Session& session, Id orgId, const Poco::Timestamp& at)
{
	Poco::Int64 n = 0;
	session << "SELECT COUNT(*) FROM invitations WHERE organization_id = ? AND status = 'pending' AND expires_at > ?",
	    bind(orgId), bind(Database::toMicros(at)), into(n), now;
	return n;
}


bool InvitationRepository::memberWithEmail(Poco::Data::Session& session, Id orgId, const std::string& email)
{
	Poco::Int64 n = 0;
	session << "SELECT COUNT(*) FROM memberships m JOIN accounts a ON a.id = m.account_id "
	           "WHERE m.organization_id = ? AND LOWER(a.email) = ?",
	    bind(orgId), bind(email), into(n), now;
	return n > 0;
}


} // namespace Data
} // namespace Orgs
