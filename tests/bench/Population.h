//
// Population.h
//
// Library: OrgsBench
// Package: Bench
// Module:  Population
//
// The benchmark's realistic population: accounts, organizations and memberships.
//


#ifndef Orgs_Population_INCLUDED
#define Orgs_Population_INCLUDED


#include "Orgs/Model.h"
#include "Poco/Data/Session.h"
#include <cstdint>
#include <string>
#include <vector>


namespace Orgs {
namespace Bench {


class Population
	/// Describes, generates and bulk-loads the benchmark population. At scale 1:
	///
	///   - 100,000 accounts (ids 1..100,000) and 10,000 organizations (ids 1..10,000);
	///   - 1,000,000 memberships in all;
	///   - BIG_ORGANIZATIONS (2) organizations of 100,000 members: every account;
	///   - 100 "heavy" accounts (ids 1..100), each in 1,000 small organizations (1,002 in all);
	///   - 1,000 "light" accounts (the highest ids), each in exactly one small organization
	///     (3 in all, with the two big ones);
	///   - the rest random: every small organization has an owner (an admin member) and
	///     random members, about 70 each; one member in ten is an admin.
	///
	/// Every count scales linearly with the scale (0.01 for a quick run; at least 100 heavy and
	/// 256 light accounts at any scale). The population is a
	/// pure function of the scale (a fixed-seed mt19937_64), so the key sets the benchmarks use
	/// are regenerated in memory when the database already holds the population.
	///
	/// Loading writes straight SQL into the plugin's schema (after the Runtime migrated it):
	/// multi-row INSERTs of LOAD_BATCH rows, committed every COMMIT_ROWS rows, with foreign
	/// key and unique checks off on MariaDB, synchronous=OFF on SQLite.
{
public:
	static const int BIG_ORGANIZATIONS = 2;
	static const int LOAD_BATCH = 1000;
	static const int COMMIT_ROWS = 100000;

	struct Key
		/// One (account, organization) pair to check.
	{
		Id account;
		Id organization;
	};

	explicit Population(double scale);
		/// Generates the population of the given scale (0.01 to 1) in memory.

	double scale() const;
	Id accounts() const;
	Id organizations() const;
	std::size_t memberships() const;
	Id heavyAccounts() const;
	int heavyAccountOrganizations() const;
	Id lightAccounts() const;

	std::string description() const;
		/// Returns a one-line description, stored with a loaded population to recognise it.

	bool isLoadedIn(Poco::Data::Session& session) const;
		/// Returns true if the database holds exactly this population (its description).

	double load(Poco::Data::Session& session, bool mysql) const;
		/// Inserts the population into the migrated, empty schema. Returns the seconds it took.

	bool isAdmin(Id account, Id organization) const;
		/// Returns true if the member's role is admin (owners included).

	Id owner(Id organization) const;
		/// Returns the organization's owner.

	int organizationCount(Id account) const;
		/// Returns how many organizations the account belongs to.

	Id organizationSize(Id organization) const;
		/// Returns how many members the organization has.

	std::vector<Key> allMemberships() const;
		/// Returns every (member, organization) pair: memberships() keys.

	std::vector<Key> randomMembers(std::size_t count, std::uint64_t seed) const;
		/// Returns count distinct (member, organization) pairs drawn from every membership.

	std::vector<Key> lightInSmall(std::size_t count) const;
		/// Light accounts (3 organizations) with their one small organization.

	std::vector<Key> lightInBig(std::size_t count) const;
		/// Light accounts with a big organization (100,000 members).

	std::vector<Key> heavyInSmall(std::size_t count) const;
		/// Heavy accounts (1,002 organizations) with one of their small organizations.

	std::vector<Key> heavyInBig(std::size_t count) const;
		/// Heavy accounts with a big organization.

	Id regularMemberOf(Id organization) const;
		/// Returns a member of the organization who is neither heavy, light, admin nor owner.

private:
	static std::uint64_t pack(Id organization, Id account);
	static Id organizationOf(std::uint64_t packed);
	static Id accountOf(std::uint64_t packed);
	void generate();

	double _scale;
	Id _accounts;
	Id _organizations;
	std::size_t _memberships;
	Id _heavy;
	int _heavyOrgs;
	Id _light;
	std::vector<Id> _owners;               ///< by organization id (index 0 unused)
	std::vector<std::uint64_t> _small;     ///< memberships of small organizations, sorted (org, account)
	std::vector<std::uint32_t> _orgCounts; ///< organizations per account (index 0 unused)
	std::vector<std::uint32_t> _orgSizes;  ///< members per organization (index 0 unused)
};


//
// inlines
//
inline double Population::scale() const
{
	return _scale;
}


inline Id Population::accounts() const
{
	return _accounts;
}


inline Id Population::organizations() const
{
	return _organizations;
}


inline std::size_t Population::memberships() const
{
	return _memberships;
}


inline Id Population::heavyAccounts() const
{
	return _heavy;
}


inline int Population::heavyAccountOrganizations() const
{
	return _heavyOrgs;
}


inline Id Population::lightAccounts() const
{
	return _light;
}


} // namespace Bench
} // namespace Orgs


#endif // Orgs_Population_INCLUDED
