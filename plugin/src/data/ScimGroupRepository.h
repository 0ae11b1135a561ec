//
// ScimGroupRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimGroupRepository
//
// SQL for the groups SCIM connections provisioned and their members.
//


#ifndef Orgs_ScimGroupRepository_INCLUDED
#define Orgs_ScimGroupRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class ScimGroupRepository
	/// scim_groups and scim_group_members. displayName is unique per connection, ignoring
	/// case; look-ups by displayName and externalId are index probes.
{
public:
	struct Row
	{
		Id id = 0;
		Id connectionId = 0;
		Id organizationId = 0;
		std::string displayName;
		Poco::Nullable<std::string> externalId;
		Poco::Timestamp createdAt;
		Poco::Timestamp updatedAt;
	};

	struct Member
	{
		Id userId = 0; ///< the SCIM user's id
		std::string userName;
	};

	explicit ScimGroupRepository(Database& database);

	Id insert(Poco::Data::Session& session, const Row& row);
		/// Throws ConflictException ("uniqueness") for a displayName the connection has.

	void update(Poco::Data::Session& session, const Row& row);

	void remove(Poco::Data::Session& session, Id id);
		/// Deletes the group and its memberships.

	Poco::Nullable<Row> find(Poco::Data::Session& session, Id connectionId, Id id, bool lock = false);

	std::vector<Row> findByDisplayName(Poco::Data::Session& session, Id connectionId, const std::string& displayName);
		/// Returns the group of that displayName (ignoring case), if any.

	std::vector<Row> findByExternalId(Poco::Data::Session& session, Id connectionId, const std::string& externalId,
	                                  int limit);

	std::vector<Row> list(Poco::Data::Session& session, Id connectionId, int offset, int limit);
		/// Returns groups by id, skipping offset.

	int count(Poco::Data::Session& session, Id connectionId);

	std::vector<Member> members(Poco::Data::Session& session, Id groupId);
		/// Returns the group's members (live users), by user id.

	bool addMember(Poco::Data::Session& session, Id groupId, Id userId);
		/// Returns false if the user was a member already.

	bool removeMember(Poco::Data::Session& session, Id groupId, Id userId);
		/// Returns false if the user was no member.

private:
	std::vector<Row> read(Poco::Data::RecordSet& rs) const;

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ScimGroupRepository_INCLUDED
