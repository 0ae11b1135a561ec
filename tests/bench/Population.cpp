//
// Population.cpp
//
// Library: OrgsBench
// Package: Bench
// Module:  Population
//


#include "Population.h"
#include "Poco/Data/Statement.h"
#include "Poco/Exception.h"
#include "Poco/Stopwatch.h"
#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <unordered_set>


using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;


namespace Orgs {
namespace Bench {


namespace {


const Poco::Int64 CREATED_AT = 1700000000000000; // microseconds, as the schema keeps times
const std::uint64_t SEED = 0x6f7267732d62656eULL;


Id scaled(double scale, double count, Id minimum)
{
	return std::max<Id>(minimum, static_cast<Id>(std::llround(count * scale)));
}


std::uint64_t mix(std::uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}


Id uniform(std::mt19937_64& rng, Id from, Id to)
	/// A uniform draw from [from, to]; the modulo bias is irrelevant here.
{
	return from + static_cast<Id>(rng() % static_cast<std::uint64_t>(to - from + 1));
}


void insertRows(Poco::Data::Session& session, const std::string& head, std::size_t count,
                const std::function<void(std::string&, std::size_t)>& appendRow)
	/// Inserts count rows with multi-row INSERTs of LOAD_BATCH rows, committing every
	/// COMMIT_ROWS rows.
{
	std::string sql;
	sql.reserve(head.size() + Population::LOAD_BATCH * 128);
	std::size_t uncommitted = 0;
	session.begin();
	for (std::size_t i = 0; i < count;)
	{
		sql = head;
		const std::size_t end = std::min(count, i + Population::LOAD_BATCH);
		for (const std::size_t first = i; i < end; ++i)
		{
			if (i != first)
				sql += ',';
			appendRow(sql, i);
		}
		session << sql, now;
		uncommitted += Population::LOAD_BATCH;
		if (uncommitted >= static_cast<std::size_t>(Population::COMMIT_ROWS))
		{
			session.commit();
			session.begin();
			uncommitted = 0;
		}
	}
	session.commit();
}


} // namespace


Population::Population(double scale) : _scale(scale)
{
	if (!(scale >= 0.01 && scale <= 1))
		throw Poco::InvalidArgumentException("the scale must be from 0.01 to 1");
	_accounts = scaled(scale, 100000, 1000);
	_organizations = scaled(scale, 10000, 100);
	_memberships = static_cast<std::size_t>(scaled(scale, 1000000, 10000));
	// At least 100 heavy and 256 light accounts at any scale: the miss benchmarks need a few
	// hundred distinct keys of each kind to keep missing a 64-entry cache.
	_heavy = scaled(scale, 100, 100);
	_heavyOrgs = static_cast<int>(std::min<Id>(_organizations - BIG_ORGANIZATIONS, scaled(scale, 1000, 10)));
	_light = scaled(scale, 1000, 256);
	generate();
}


std::uint64_t Population::pack(Id organization, Id account)
{
	return (static_cast<std::uint64_t>(organization) << 32) | static_cast<std::uint64_t>(account);
}


Id Population::organizationOf(std::uint64_t packed)
{
	return static_cast<Id>(packed >> 32);
}


Id Population::accountOf(std::uint64_t packed)
{
	return static_cast<Id>(packed & 0xffffffffULL);
}


void Population::generate()
{
	std::mt19937_64 rng(SEED);
	const Id firstSmall = BIG_ORGANIZATIONS + 1;
	const Id firstRegular = _heavy + 1;
	const Id lastRegular = _accounts - _light;

	// Owners: the big organizations are owned by heavy accounts, small ones by regular accounts.
	_owners.assign(static_cast<std::size_t>(_organizations + 1), 0);
	for (Id o = 1; o <= BIG_ORGANIZATIONS; ++o)
		_owners[o] = std::min<Id>(o, _heavy);
	std::vector<std::uint64_t> small;
	small.reserve(_memberships);
	for (Id o = firstSmall; o <= _organizations; ++o)
	{
		_owners[o] = uniform(rng, firstRegular, lastRegular);
		small.push_back(pack(o, _owners[o]));
	}
	// Heavy accounts: each in _heavyOrgs distinct small organizations.
	std::vector<Id> smallOrgs;
	for (Id o = firstSmall; o <= _organizations; ++o)
		smallOrgs.push_back(o);
	for (Id h = 1; h <= _heavy; ++h)
	{
		for (int j = 0; j < _heavyOrgs; ++j)
		{
			std::swap(smallOrgs[j], smallOrgs[j + rng() % (smallOrgs.size() - j)]);
			small.push_back(pack(smallOrgs[j], h));
		}
	}
	// Light accounts: exactly one small organization each.
	for (Id a = lastRegular + 1; a <= _accounts; ++a)
		small.push_back(pack(uniform(rng, firstSmall, _organizations), a));

	// The rest: random regular accounts in random small organizations, until the total is reached.
	const std::size_t bigMemberships = static_cast<std::size_t>(BIG_ORGANIZATIONS * _accounts);
	const std::size_t target = _memberships > bigMemberships ? _memberships - bigMemberships : 0;
	std::sort(small.begin(), small.end());
	small.erase(std::unique(small.begin(), small.end()), small.end());
	while (small.size() < target)
	{
		for (std::size_t need = target - small.size(); need > 0; --need)
			small.push_back(pack(uniform(rng, firstSmall, _organizations), uniform(rng, firstRegular, lastRegular)));
		std::sort(small.begin(), small.end());
		small.erase(std::unique(small.begin(), small.end()), small.end());
	}
	_small.swap(small);
	_memberships = bigMemberships + _small.size();

	_orgCounts.assign(static_cast<std::size_t>(_accounts + 1), BIG_ORGANIZATIONS);
	_orgSizes.assign(static_cast<std::size_t>(_organizations + 1), 0);
	for (Id o = 1; o <= BIG_ORGANIZATIONS; ++o)
		_orgSizes[o] = static_cast<std::uint32_t>(_accounts);
	for (std::uint64_t m : _small)
	{
		++_orgCounts[accountOf(m)];
		++_orgSizes[organizationOf(m)];
	}
}


std::string Population::description() const
{
	return "orgs-bench population v1: scale=" + std::to_string(_scale) + " accounts=" + std::to_string(_accounts) +
	       " organizations=" + std::to_string(_organizations) + " memberships=" + std::to_string(_memberships) +
	       " big=" + std::to_string(BIG_ORGANIZATIONS) + "x" + std::to_string(_accounts) +
	       " heavy=" + std::to_string(_heavy) + "x" + std::to_string(_heavyOrgs) + " light=" + std::to_string(_light);
}


bool Population::isLoadedIn(Poco::Data::Session& session) const
{
	std::vector<std::string> values;
	try
	{
		session << "SELECT v FROM orgs_bench_meta WHERE k = 'population'", into(values), now;
	}
	catch (Poco::Exception&)
	{
		return false; // no such table: nothing loaded, or a load that did not finish
	}
	return values.size() == 1 && values.front() == description();
}


double Population::load(Poco::Data::Session& session, bool mysql) const
{
	Poco::Stopwatch watch;
	watch.start();
	if (mysql)
	{
		// Bulk-load settings of this session only; the data satisfies every constraint.
		session << "SET SESSION foreign_key_checks = 0", now;
		session << "SET SESSION unique_checks = 0", now;
	}
	else
	{
		session << "PRAGMA synchronous = OFF", now;
		session << "PRAGMA cache_size = -262144", now;
	}
	const std::size_t accounts = static_cast<std::size_t>(_accounts);
	const std::size_t organizations = static_cast<std::size_t>(_organizations);
	const std::string created = std::to_string(CREATED_AT);

	insertRows(session, "INSERT INTO handles (handle, kind) VALUES ", accounts + organizations,
	           [&](std::string& sql, std::size_t i) {
		           if (i < accounts)
			           sql += "('u" + std::to_string(i + 1) + "','a')";
		           else
			           sql += "('o" + std::to_string(i - accounts + 1) + "','o')";
	           });
	insertRows(session, "INSERT INTO accounts (id, username, email, name, created_at) VALUES ", accounts,
	           [&](std::string& sql, std::size_t i) {
		           const std::string id = std::to_string(i + 1);
		           sql +=
		               "(" + id + ",'u" + id + "','u" + id + "@bench.example','Bench user " + id + "'," + created + ")";
	           });
	insertRows(session,
	           "INSERT INTO organizations (id, username, title, region, owner_account_id, acl_version, created_at, "
	           "updated_at) VALUES ",
	           organizations, [&](std::string& sql, std::size_t i) {
		           const std::string id = std::to_string(i + 1);
		           sql += "(" + id + ",'o" + id + "','Bench organization " + id + "','us'," +
		                  std::to_string(_owners[i + 1]) + ",1," + created + "," + created + ")";
	           });
	const std::size_t bigMemberships = static_cast<std::size_t>(BIG_ORGANIZATIONS) * accounts;
	insertRows(session, "INSERT INTO memberships (organization_id, account_id, role, created_at, updated_at) VALUES ",
	           _memberships, [&](std::string& sql, std::size_t i) {
		           Id o, a;
		           if (i < bigMemberships)
		           {
			           o = static_cast<Id>(i / accounts) + 1;
			           a = static_cast<Id>(i % accounts) + 1;
		           }
		           else
		           {
			           o = organizationOf(_small[i - bigMemberships]);
			           a = accountOf(_small[i - bigMemberships]);
		           }
		           sql += "(" + std::to_string(o) + "," + std::to_string(a) +
		                  (isAdmin(a, o) ? ",'admin'," : ",'member',") + created + "," + created + ")";
	           });

	if (mysql)
	{
		session << "SET SESSION foreign_key_checks = 1", now;
		session << "SET SESSION unique_checks = 1", now;
		session << "ANALYZE TABLE handles, accounts, organizations, memberships", now;
	}
	else
	{
		session << "ANALYZE", now;
	}
	// Written last, in a transaction of its own: a load that did not finish is not taken for one.
	session << "CREATE TABLE orgs_bench_meta (k VARCHAR(64) NOT NULL PRIMARY KEY, v VARCHAR(255) NOT NULL)", now;
	const std::string text = description();
	session.begin();
	session << "INSERT INTO orgs_bench_meta (k, v) VALUES ('population', ?)", Poco::Data::Keywords::useRef(text), now;
	session.commit();
	if (!mysql)
	{
		std::vector<int> result;
		session << "PRAGMA wal_checkpoint(TRUNCATE)", into(result), now;
	}
	return static_cast<double>(watch.elapsed()) / 1e6;
}


bool Population::isAdmin(Id account, Id organization) const
{
	return _owners[organization] == account || mix(pack(organization, account)) % 10 == 0;
}


Id Population::owner(Id organization) const
{
	return _owners[organization];
}


int Population::organizationCount(Id account) const
{
	return static_cast<int>(_orgCounts[account]);
}


Id Population::organizationSize(Id organization) const
{
	return static_cast<Id>(_orgSizes[organization]);
}


std::vector<Population::Key> Population::allMemberships() const
{
	std::vector<Key> keys;
	keys.reserve(_memberships);
	for (Id o = 1; o <= BIG_ORGANIZATIONS; ++o)
	{
		for (Id a = 1; a <= _accounts; ++a)
			keys.push_back({a, o});
	}
	for (std::uint64_t m : _small)
		keys.push_back({accountOf(m), organizationOf(m)});
	return keys;
}


std::vector<Population::Key> Population::randomMembers(std::size_t count, std::uint64_t seed) const
{
	std::mt19937_64 rng(SEED ^ seed);
	std::unordered_set<std::uint64_t> seen;
	std::vector<Key> keys;
	const std::size_t bigMemberships = static_cast<std::size_t>(BIG_ORGANIZATIONS * _accounts);
	count = std::min(count, _memberships);
	while (keys.size() < count)
	{
		const std::size_t i = static_cast<std::size_t>(rng() % _memberships);
		const std::uint64_t m = i < bigMemberships
		                            ? pack(static_cast<Id>(i / _accounts) + 1, static_cast<Id>(i % _accounts) + 1)
		                            : _small[i - bigMemberships];
		if (seen.insert(m).second)
			keys.push_back({accountOf(m), organizationOf(m)});
	}
	return keys;
}


std::vector<Population::Key> Population::lightInSmall(std::size_t count) const
{
	std::vector<Key> keys;
	const Id firstLight = _accounts - _light + 1;
	// The small memberships are sorted by organization: collect the light accounts' ones.
	for (std::uint64_t m : _small)
	{
		if (accountOf(m) >= firstLight)
			keys.push_back({accountOf(m), organizationOf(m)});
	}
	std::shuffle(keys.begin(), keys.end(), std::mt19937_64(SEED + 1));
	keys.resize(std::min(count, keys.size()));
	return keys;
}


std::vector<Population::Key> Population::lightInBig(std::size_t count) const
{
	std::vector<Key> keys;
	for (Id a = _accounts - _light + 1; a <= _accounts; ++a)
	{
		for (Id o = 1; o <= BIG_ORGANIZATIONS; ++o)
			keys.push_back({a, o});
	}
	std::shuffle(keys.begin(), keys.end(), std::mt19937_64(SEED + 2));
	keys.resize(std::min(count, keys.size()));
	return keys;
}


std::vector<Population::Key> Population::heavyInSmall(std::size_t count) const
{
	std::vector<Key> keys;
	for (std::uint64_t m : _small)
	{
		if (accountOf(m) <= _heavy)
			keys.push_back({accountOf(m), organizationOf(m)});
	}
	std::shuffle(keys.begin(), keys.end(), std::mt19937_64(SEED + 3));
	keys.resize(std::min(count, keys.size()));
	return keys;
}


std::vector<Population::Key> Population::heavyInBig(std::size_t count) const
{
	std::vector<Key> keys;
	for (Id h = 1; h <= _heavy; ++h)
	{
		for (Id o = 1; o <= BIG_ORGANIZATIONS; ++o)
			keys.push_back({h, o});
	}
	std::shuffle(keys.begin(), keys.end(), std::mt19937_64(SEED + 4));
	keys.resize(std::min(count, keys.size()));
	return keys;
}


Id Population::regularMemberOf(Id organization) const
{
	const Id lastRegular = _accounts - _light;
	auto regular = [&](Id a) { return a > _heavy && a <= lastRegular && !isAdmin(a, organization); };
	if (organization <= BIG_ORGANIZATIONS)
	{
		for (Id a = _heavy + 1; a <= lastRegular; ++a)
		{
			if (regular(a))
				return a;
		}
	}
	auto it = std::lower_bound(_small.begin(), _small.end(), pack(organization, 0));
	for (; it != _small.end() && organizationOf(*it) == organization; ++it)
	{
		if (regular(accountOf(*it)))
			return accountOf(*it);
	}
	throw Poco::NotFoundException("no regular member in organization " + std::to_string(organization));
}


} // namespace Bench
} // namespace Orgs
