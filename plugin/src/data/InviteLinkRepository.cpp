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


namespace Orgs {
namespace Data {


InviteLinkRepository::InviteLinkRepository(Database& database) : _database(database) {}


namespace {


const std::string SELECT_LINK("SELECT l.organization_id, l.role, l.created_by, a.username, l.created_at, l.uses "
                              "FROM invite_links l JOIN accounts a ON a.id = l.created_by ");


Poco::Nullable<InviteLink> readLink(Poco::Data::RecordSet& rs)
{
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
	Poco::Data::RecordSet rs = _database.select(session, SELECT_LINK + "WHERE l.organization_id = ?", {orgId});
	return readLink(rs);
}


Poco::Nullable<InviteLink> InviteLinkRepository::findByTokenHash(Poco::Data::Session& session,
                                                                 const std::string& tokenHash)
{
	Poco::Data::RecordSet rs = _database.select(session, SELECT_LINK + "WHERE l.token_hash = ?", {tokenHash});
	return readLink(rs);
}


void InviteLinkRepository::put(Poco::Data::Session& session, Id orgId, const std::string& tokenHash,
                               const std::string& role, Id createdBy, const Poco::Timestamp& at)
{
	const Poco::Int64 micros = Database::toMicros(at);
	if (_database.execute(session,
	                      "UPDATE invite_links SET token_hash = ?, role = ?, created_by = ?, created_at = ?, uses = 0 "
	                      "WHERE organization_id = ?",
	                      {tokenHash, role, createdBy, micros, orgId}) == 1)
		return;
	_database.execute(session,
	                  "INSERT INTO invite_links (organization_id, token_hash, role, created_by, created_at, uses) "
	                  "VALUES (?, ?, ?, ?, ?, 0)",
	                  {orgId, tokenHash, role, createdBy, micros});
}


bool InviteLinkRepository::remove(Poco::Data::Session& session, Id orgId)
{
	return _database.execute(session, "DELETE FROM invite_links WHERE organization_id = ?", {orgId}) == 1;
}


bool InviteLinkRepository::countUse(Poco::Data::Session& session, Id orgId, const std::string& tokenHash)
{
	return _database.execute(session,
	                         "UPDATE invite_links SET uses = uses + 1 WHERE organization_id = ? AND token_hash = ?",
	                         {orgId, tokenHash}) == 1;
}


} // namespace Data
} // namespace Orgs
