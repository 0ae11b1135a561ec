//
// InviteLinkRepository.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  InviteLinkRepository
//


#include "data/InviteLinkRepository.h"
#include "data/Rows.h"
#include "Poco/Data/RecordSet.h"
#include "Poco/Data/Statement.h"


using namespace Poco::Data::Keywords;
using Poco::Data::Keywords::bind;


namespace Orgs {
namespace Data {


InviteLinkRepository::InviteLinkRepository(Database& database) : _database(database) {}


namespace {


const std::string SELECT_LINK("SELECT l.organization_id, l.role, l.created_by, a.username, l.created_at, l.uses "
                              "FROM invite_links l JOIN accounts a ON a.id = l.created_by ");


Poco::Nullable<InviteLink> readLink(Poco::Data::Statement& st)
{
	st.execute();
	Poco::Data::RecordSet rs(st);
	Rows rows(rs);
	if (rows.count() == 0)
		return Poco::Nullable<InviteLink>();
	InviteLink link;
	link.organizationId = rows.integer(0, 0);
	link.role = rows.text(0, 1);
	link.createdBy = rows.integer(0, 2);
	link.creatorUsername = rows.text(0, 3);
	link.createdAt = rows.time(0, 4);
	link.uses = rows.integer(0, 5);
	return link;
}


} // namespace


Poco::Nullable<InviteLink> InviteLinkRepository::find(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::Statement st(session);
	st << SELECT_LINK + "WHERE l.organization_id = ?", bind(orgId);
	return readLink(st);
}


Poco::Nullable<InviteLink> InviteLinkRepository::findByTokenHash(Poco::Data::Session& session,
                                                                 const std::string& tokenHash)
{
	Poco::Data::Statement st(session);
	st << SELECT_LINK + "WHERE l.token_hash = ?", bind(tokenHash);
	return readLink(st);
}


void InviteLinkRepository::put(Poco::Data::Session& session, Id orgId, const std::string& tokenHash,
                               const std::string& role, Id createdBy, const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	Poco::Data::Statement update(session);
	update << "UPDATE invite_links SET token_hash = ?, role = ?, created_by = ?, created_at = ?, uses = 0 "
	          "WHERE organization_id = ?",
	    bind(tokenHash), bind(role), bind(createdBy), bind(micros), bind(orgId);
	if (update.execute() == 1)
		return;
	session << "INSERT INTO invite_links (organization_id, token_hash, role, created_by, created_at, uses) "
	           "VALUES (?, ?, ?, ?, ?, 0)",
	    bind(orgId), bind(tokenHash), bind(role), bind(createdBy), bind(micros), now;
}


bool InviteLinkRepository::remove(Poco::Data::Session& session, Id orgId)
{
	Poco::Data::Statement st(session);
	st << "DELETE FROM invite_links WHERE organization_id = ?", bind(orgId);
	return st.execute() == 1;
}


bool InviteLinkRepository::countUse(Poco::Data::Session& session, Id orgId, const std::string& tokenHash)
{
	Poco::Data::Statement st(session);
	st << "UPDATE invite_links SET uses = uses + 1 WHERE organization_id = ? AND token_hash = ?", bind(orgId),
	    bind(tokenHash);
	return st.execute() == 1;
}


} // namespace Data
} // namespace Orgs
