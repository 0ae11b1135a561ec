//
// ScimUserRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScimUserRepository
//
// SQL for the users SCIM connections provisioned.
//


#ifndef Orgs_ScimUserRepository_INCLUDED
#define Orgs_ScimUserRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include "Poco/Timestamp.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class ScimUserRepository
	/// scim_users. A user is live until DELETE makes it a tombstone (deleted_at set,
	/// user_name_key NULL): listings and look-ups see live users only, the directory state of
	/// an account sees both. Every look-up by an attribute is an index probe (see the Key).
{
public:
	struct Row
	{
		Id id = 0;
		Id connectionId = 0;
		Id organizationId = 0;
		Id accountId = 0;
		std::string userName;
		Poco::Nullable<std::string> externalId;
		std::string displayName;
		std::string givenName;
		std::string familyName;
		std::string formattedName;
		std::string email;               ///< the primary (or first) email, as sent
		std::vector<std::string> emails; ///< every email address (written with the row, not read back)
		std::string attributes;          ///< the other stored attributes, JSON text
		bool active = true;
		bool accountCreated = false; ///< the connection made the account
		Poco::Timestamp createdAt;
		Poco::Timestamp updatedAt;
	};

	enum class Key
		/// An indexed attribute of a live user.
	{
		USER_NAME,    ///< userName, case-insensitively (the value is lower-cased)
		EXTERNAL_ID,  ///< externalId, exactly
		EMAIL,        ///< any of the user's email addresses, case-insensitively (scim_user_emails)
		DISPLAY_NAME, ///< displayName (then checked exactly by the caller)
	};

	enum class State
		/// What the organization's directories say about an account.
	{
		NONE,         ///< no SCIM connection of the organization provisioned it
		MANAGED,      ///< a connection provisioned it and it is active
		DEPROVISIONED ///< provisioned, and every such user is inactive or deleted
	};

	explicit ScimUserRepository(Database& database);

	Id insert(Poco::Data::Session& session, const Row& row);
		/// Throws ConflictException ("uniqueness", the SCIM error type) for a userName the connection has.

	void update(Poco::Data::Session& session, const Row& row);
		/// Writes every attribute; the same conflict as insert().

	void tombstone(Poco::Data::Session& session, Id id, const Poco::Timestamp& at);
		/// Marks the user deleted (and inactive), frees its userName, and takes it out of its groups.

	Poco::Nullable<Row> find(Poco::Data::Session& session, Id connectionId, Id id, bool lock = false);
		/// Returns a live user of the connection.

	std::vector<Row> findBy(Poco::Data::Session& session, Id connectionId, Key key, const std::string& value,
	                        int limit);
		/// Returns up to limit live users whose attribute key is value, by id.

	Poco::Nullable<Row> findByAccount(Poco::Data::Session& session, Id organizationId, Id connectionId, Id accountId);
		/// Returns the connection's live user of the account.

	std::vector<Row> list(Poco::Data::Session& session, Id connectionId, int offset, int limit);
		/// Returns live users by id, skipping offset.

	std::vector<Row> listByIds(Poco::Data::Session& session, Id connectionId, const std::vector<Id>& ids);
		/// Returns the live users among ids, by id.

	int count(Poco::Data::Session& session, Id connectionId);
		/// Returns how many live users the connection has.

	std::vector<Row> listActive(Poco::Data::Session& session, Id connectionId);
		/// Returns the connection's active live users, by id (rules changed: apply them again).

	State state(Poco::Data::Session& session, Id organizationId, Id accountId);
		/// Returns what the organization's connections say about the account.

	std::vector<std::string> groupNames(Poco::Data::Session& session, Id userId);
		/// Returns the displayNames of the user's groups, by group id.

	void updateAccountProfile(Poco::Data::Session& session, Id accountId, const std::string& name,
	                          const std::string& email);
		/// Writes the name and email of an account the connection made (its profile follows the
		/// directory).

private:
	std::vector<Row> read(Poco::Data::RecordSet& rs) const;
	void writeEmails(Poco::Data::Session& session, const Row& row);
	static std::string keyOf(const std::string& text);

	Database& _database;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ScimUserRepository_INCLUDED
