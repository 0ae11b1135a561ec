//
// ScopedGrantRepository.h
//
// Library: OrgsPlugin
// Package: Data
// Module:  ScopedGrantRepository
//
// SQL for the roles of organization members within a scope: workspace_members and
// resource_collaborators.
//


#ifndef Orgs_ScopedGrantRepository_INCLUDED
#define Orgs_ScopedGrantRepository_INCLUDED


#include "Orgs/Model.h"
#include "data/Database.h"
#include "Poco/Nullable.h"
#include <string>
#include <vector>


namespace Orgs {
namespace Data {


class ScopedGrantRepository
	/// One table of roles that organization members hold within a scope: a workspace's members
	/// (workspace_members, by workspace_id) or a resource's collaborators
	/// (resource_collaborators, by resource_id). Both have the same shape: (scope id,
	/// organization_id, account_id, role, created_at), primary key (scope id, account_id), and
	/// a foreign key to the organization membership, so only members hold such a role and
	/// removing a member removes its rows. Listings are keyset-paginated by account id.
{
public:
	struct Table
		/// Where one kind of scoped grant is stored. The names are constants of the schema,
		/// never input.
	{
		std::string name;        ///< "workspace_members"
		std::string scopeColumn; ///< "workspace_id"
		std::string notMember;   ///< the detail of ConflictException ("not_a_member") for a non-member
		std::string scopeTable;  ///< "workspaces": the scopes themselves (id, organization_id, name)
		std::string typeColumn;  ///< the scopes' role scope column ("type" of resources), empty for none
	};

	static const Table WORKSPACE_MEMBERS;
	static const Table RESOURCE_COLLABORATORS;

	struct Row
		/// A role held within a scope, with the account's public fields.
	{
		Id scopeId = 0;
		Id accountId = 0;
		std::string username;
		std::string name;
		std::string role;
		Poco::Timestamp createdAt;
	};

	struct Scope
		/// A workspace or resource as the grants need it.
	{
		Id id = 0;
		std::string name;
		std::string type; ///< the resource's type; empty for a workspace
	};

	ScopedGrantRepository(Database& database, const Table& table);

	Poco::Nullable<Scope> findScope(Poco::Data::Session& session, Id orgId, Id scopeId);
		/// Returns the scope (workspace or resource) if it exists in the organization.

	Poco::Nullable<Row> find(Poco::Data::Session& session, Id scopeId, Id accountId);
		/// Returns the account's role within the scope.

	void insert(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId, const std::string& role,
	            const Poco::Timestamp& at);
		/// Gives an organization member a role within the scope. Throws ConflictException
		/// ("not_a_member") if the account is not a member of the organization.
		///
		/// Every write that changes a row records it in the transaction
		/// (Database::accessChanged()): these roles decide access.

	bool update(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId, const std::string& role);
		/// Changes the role; returns false if the account holds none there or holds that one.

	bool remove(Poco::Data::Session& session, Id orgId, Id scopeId, Id accountId);
		/// Removes the role; returns false if the account held none there.

	std::vector<Row> list(Poco::Data::Session& session, Id scopeId, Id afterAccountId, int limit);
		/// Returns up to limit rows with account id above afterAccountId, by account id.

private:
	std::vector<Row> read(Poco::Data::RecordSet& rows) const;

	Database& _database;
	const Table& _table;
	const std::string _selectScope;
	const std::string _find;
	const std::string _list;
	const std::string _insert;
	const std::string _update;
	const std::string _remove;
};


} // namespace Data
} // namespace Orgs


#endif // Orgs_ScopedGrantRepository_INCLUDED
