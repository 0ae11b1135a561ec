//
// AccessBenchmark.cpp
//
// Library: OrgsBench
// Package: Bench
// Module:  AccessBenchmark
//
// orgs-bench: Google Benchmark of Orgs::AccessControl::isAllowed on a realistic population
// (10,000 organizations, 100,000 accounts, 1,000,000 memberships at scale 1): a cache hit on
// 1 and 2 threads next to a plain std::unordered_map lookup (the floor), a miss on SQLite and
// on MariaDB, and a check right after an access change. See tests/bench/README.md.
//
//     orgs-bench [--scale=1] [--sqlite=FILE | --no-sqlite] [--mysql=connection.properties]
//                [--reload] [--load-only] [--export=FILE] [--benchmark_... flags]
//


#include "AllocationCounter.h"
#include "BenchDatabase.h"
#include "Population.h"
#include "Runtime.h"
#include "access/AccessControlImpl.h"
#include "service/Paging.h"
#include "Orgs/AccessControl.h"
#include "Orgs/AccountService.h"
#include "Orgs/MembershipService.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/FileStream.h"
#include "Poco/Logger.h"
#include "Poco/NumberParser.h"
#include "Poco/Path.h"
#include "Poco/Stopwatch.h"
#include "Poco/String.h"
#include "Poco/Util/MapConfiguration.h"
#include <benchmark/benchmark.h>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <unordered_map>
#include <unordered_set>
#include <unistd.h>


using Orgs::Id;
using Orgs::Permission;
using Orgs::Bench::AllocationCounter;
using Orgs::Bench::BenchDatabase;
using Orgs::Bench::Population;
using Key = Orgs::Bench::Population::Key;


namespace {


//
// Options
//
struct Options
	/// What orgs-bench was asked to do, from its own command-line flags (Google Benchmark
	/// takes the --benchmark_* ones first).
{
	double scale = 1.0;
	std::string sqlitePath; ///< empty: <build>/tests/bench/data/orgs-bench-<tag>.db
	bool sqlite = true;
	std::string mysqlInfo; ///< connection.properties of a MariaDB; empty: no MariaDB benchmarks
	bool reload = false;
	bool loadOnly = false;
	std::string exportFile;
};


void usage(std::ostream& out)
{
	out << "usage: orgs-bench [--scale=S] [--sqlite=FILE | --no-sqlite] [--mysql=connection.properties]\n"
	       "                  [--reload] [--load-only] [--export=FILE] [--benchmark_* flags]\n"
	       "  --scale=S      population scale, 0.01 <= S <= 1 (1: 100,000 accounts, 10,000 organizations,\n"
	       "                 1,000,000 memberships); 0.01 for a quick run\n"
	       "  --sqlite=FILE  the SQLite database of the population (default: in the build tree)\n"
	       "  --no-sqlite    skip SQLite\n"
	       "  --mysql=FILE   also benchmark MariaDB: the connection.properties written by\n"
	       "                 scripts/mariadb.sh start DIR (default: $ORGS_MARIADB_INFO if set)\n"
	       "  --reload       load the population again even if the database holds it\n"
	       "  --load-only    load (or reuse) the population and exit without benchmarking\n"
	       "  --export=FILE  write shell variables for tests/bench/load/run.sh: the connection string,\n"
	       "                 the big organization, a member's access token, the last page's cursor\n";
}


bool parseOptions(int argc, char** argv, Options& options)
{
	for (int i = 1; i < argc; ++i)
	{
		const std::string arg = argv[i];
		auto value = [&](const std::string& flag, std::string& out) {
			if (arg.compare(0, flag.size() + 1, flag + "=") != 0)
				return false;
			out = arg.substr(flag.size() + 1);
			return true;
		};
		std::string text;
		if (value("--scale", text))
		{
			if (!Poco::NumberParser::tryParseFloat(text, options.scale) ||
			    !(options.scale >= 0.01 && options.scale <= 1))
			{
				std::cerr << "orgs-bench: --scale must be from 0.01 to 1\n";
				return false;
			}
		}
		else if (value("--sqlite", options.sqlitePath))
			options.sqlite = true;
		else if (arg == "--no-sqlite")
			options.sqlite = false;
		else if (value("--mysql", options.mysqlInfo))
			continue;
		else if (arg == "--reload")
			options.reload = true;
		else if (arg == "--load-only")
			options.loadOnly = true;
		else if (value("--export", options.exportFile))
			continue;
		else if (arg == "--help" || arg == "-h")
		{
			usage(std::cout);
			std::exit(0);
		}
		else
		{
			std::cerr << "orgs-bench: unknown argument " << arg << "\n";
			usage(std::cerr);
			return false;
		}
	}
	if (options.mysqlInfo.empty())
		options.mysqlInfo = Poco::Environment::get("ORGS_MARIADB_INFO", "");
	return true;
}


std::string scaleTag(double scale)
	/// Returns "s1", "s0_01", ...: part of the database's name.
{
	char text[32];
	std::snprintf(text, sizeof(text), "%g", scale);
	std::string tag = std::string("s") + text;
	std::replace(tag.begin(), tag.end(), '.', '_');
	return tag;
}


//
// Target
//
class Target
	/// One database holding the population, and the plugin runtimes the benchmarks use on it.
	/// Each runtime is an Orgs::Runtime exactly as the plugin builds it, with a few settings
	/// changed; they share the database and are built on first use.
{
public:
	Target(BenchDatabase database, const Population& population, bool reload) : _database(database)
	{
		Poco::Data::Session session = _database.session();
		if (!reload && population.isLoadedIn(session))
		{
			std::cout << _database.label() << ": reusing the population in " << where() << std::endl;
			return;
		}
		session.close();
		_database.recreate();
		runtime(DEFAULT); // migrates the empty database
		std::cout << _database.label() << ": loading " << population.description() << " into " << where() << " ..."
		          << std::endl;
		Poco::Data::Session loader = _database.session();
		_loadSeconds = population.load(loader, _database.isMySQL());
		std::printf("%s: population loaded in %.1f s\n", _database.label().c_str(), _loadSeconds);
		std::fflush(stdout);
	}

	~Target()
	{
		// Every runtime before the database goes; nothing of theirs may be held by then.
		_runtimes.clear();
	}

	enum Kind
	{
		DEFAULT,  ///< the shipped settings: 65,536 entries, maxStaleness 1 s
		CACHED,   ///< maxStaleness 3600 s: a hit never revalidates (the pure hit path)
		CACHED_2, ///< the same, for a second working set (working sets must not evict each other)
		CHANGES,  ///< the same, for the changes (which must not invalidate a working set)
		VALIDATE, ///< maxStaleness 0: every check reads the organization's acl_version
		MISS      ///< 64 entries (the minimum), for the miss benchmarks
	};

	Orgs::Runtime& runtime(Kind kind)
	{
		std::unique_ptr<Orgs::Runtime>& pRuntime = _runtimes[kind];
		if (!pRuntime)
		{
			Poco::AutoPtr<Poco::Util::MapConfiguration> pConfig = new Poco::Util::MapConfiguration;
			pConfig->setString("orgs.database.connector", _database.connector());
			pConfig->setString("orgs.database.connectionString", _database.connectionString());
			pConfig->setString("orgs.database.maxSessions", "8");
			pConfig->setString("orgs.roles.file", std::string(ORGS_SOURCE_DIR) + "/config/roles.properties");
			if (kind == CACHED || kind == CACHED_2 || kind == CHANGES || kind == MISS)
				pConfig->setString("orgs.access.maxStaleness", "3600");
			if (kind == VALIDATE)
				pConfig->setString("orgs.access.maxStaleness", "0");
			if (kind == MISS)
				pConfig->setString("orgs.access.cacheEntries", "64");
			Poco::Logger& logger = Poco::Logger::get("orgs-bench");
			logger.setLevel(Poco::Message::PRIO_WARNING);
			pRuntime.reset(new Orgs::Runtime(
			    *pConfig, [](const std::string& p) { return Poco::Path(p).makeAbsolute().toString(); }, logger));
		}
		return *pRuntime;
	}

	Orgs::AccessControl& access(Kind kind) { return *runtime(kind).accessControl(); }

	Orgs::Access::AccessControlImpl& accessImpl(Kind kind)
	{
		return dynamic_cast<Orgs::Access::AccessControlImpl&>(access(kind));
	}

	const BenchDatabase& database() const { return _database; }
	double loadSeconds() const { return _loadSeconds; }

	std::string where() const { return (_database.isMySQL() ? "database " : "") + _database.name(); }

private:
	BenchDatabase _database;
	double _loadSeconds = -1;
	std::map<Kind, std::unique_ptr<Orgs::Runtime>> _runtimes;
};


//
// StatementCounter
//
class StatementCounter
	/// Counts the statements a MariaDB server ran between start() and stop(), from its global
	/// status (the private server has no other client meanwhile): Questions (statements
	/// executed, Com_stmt_execute and plain queries) and Com_stmt_prepare. Does nothing on SQLite.
{
public:
	explicit StatementCounter(const Target& target)
	{
		if (target.database().isMySQL())
			_pSession.reset(new Poco::Data::Session(target.database().session()));
	}

	void start() { read(_questions, _prepares); }

	void stop(benchmark::State& state)
	{
		if (!_pSession)
			return;
		double questions = 0, prepares = 0;
		read(questions, prepares);
		// The second read counts itself once.
		state.counters["stmts/op"] = benchmark::Counter(questions - _questions - 1, benchmark::Counter::kAvgIterations);
		state.counters["prepares/op"] =
		    benchmark::Counter(prepares - _prepares - 1, benchmark::Counter::kAvgIterations);
	}

private:
	void read(double& questions, double& prepares)
	{
		if (!_pSession)
			return;
		std::vector<std::string> names, values;
		*_pSession << "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
		              "WHERE VARIABLE_NAME IN ('QUESTIONS', 'COM_STMT_PREPARE')",
		    Poco::Data::Keywords::into(names), Poco::Data::Keywords::into(values), Poco::Data::Keywords::now;
		for (std::size_t i = 0; i < names.size(); ++i)
		{
			if (Poco::icompare(names[i], "QUESTIONS") == 0)
				questions = Poco::NumberParser::parseFloat(values[i]);
			else
				prepares = Poco::NumberParser::parseFloat(values[i]);
		}
	}

	std::unique_ptr<Poco::Data::Session> _pSession;
	double _questions = 0;
	double _prepares = 0;
};


//
// The floor
//
struct PairHash
{
	std::size_t operator()(const std::pair<Id, Id>& p) const
	{
		return std::hash<Id>()(p.first) * 0x9e3779b97f4a7c15ULL ^ std::hash<Id>()(p.second);
	}
};


using FloorMap = std::unordered_map<std::pair<Id, Id>, std::uint64_t, PairHash>;


//
// Working sets
//
struct WorkingSet
	/// The keys of a hit benchmark, one slice per thread, every one a cache hit.
{
	std::size_t size = 0;                  ///< keys asked for per thread
	std::vector<std::vector<Key>> threads; ///< per thread: the keys that stay cached
	std::size_t dropped = 0;               ///< keys that collide in a full bucket, left out
	FloorMap hot;                          ///< the floor: these keys alone in a std::unordered_map
	FloorMap full;                         ///< the floor at the cache's size: these keys and more
};


struct PopulationFloor
	/// The floor a cache holding every membership could reach: the whole population in one
	/// std::unordered_map (1,000,000 entries at scale 1), inserted in random order.
{
	FloorMap map;
	double buildSeconds = 0;
};


void makePopulationFloor(PopulationFloor& floor, const Population& population)
{
	Poco::Stopwatch sw;
	sw.start();
	std::vector<Key> all = population.allMemberships();
	std::shuffle(all.begin(), all.end(), std::mt19937_64(42));
	floor.map.reserve(all.size());
	for (const Key& k : all)
		floor.map[{k.account, k.organization}] = Orgs::PermissionSet::all().bits();
	floor.buildSeconds = static_cast<double>(sw.elapsed()) / 1e6;
}


const std::size_t CACHE_ENTRIES = 65536; ///< orgs.access.cacheEntries by default


WorkingSet makeWorkingSet(Orgs::AccessControl& access, const Population& population, std::size_t size, int threads)
	/// Draws size random memberships per thread and warms the cache with them. A key whose
	/// bucket is full (4 ways) keeps evicting and being evicted: it allocates on every pass.
	/// Such keys are dropped until a whole pass allocates nothing, so the timed loop measures
	/// hits only; the count dropped is reported.
{
	WorkingSet set;
	set.size = size;
	std::vector<Key> all = population.randomMembers(size * threads, size);
	for (int pass = 0;; ++pass)
	{
		std::vector<Key> kept;
		for (const Key& k : all)
		{
			const std::uint64_t before = AllocationCounter::thisThread();
			access.isAllowed(k.account, k.organization, Permission::OrgRead);
			if (pass == 0 || AllocationCounter::thisThread() == before)
				kept.push_back(k);
		}
		const bool stable = pass > 0 && kept.size() == all.size();
		set.dropped += all.size() - kept.size();
		all.swap(kept);
		if (stable)
			break;
	}
	set.threads.resize(threads);
	for (std::size_t i = 0; i < all.size(); ++i)
		set.threads[std::min<std::size_t>(i * threads / all.size(), threads - 1)].push_back(all[i]);
	for (const Key& k : all)
		set.hot[{k.account, k.organization}] = Orgs::PermissionSet::all().bits();
	// The same-size floor holds as many entries as the cache has slots (or every membership
	// at a small scale), inserted in random order so that its nodes lie scattered in memory.
	std::vector<Key> entries = all;
	std::unordered_set<std::uint64_t> seen;
	auto pack = [](const Key& k) {
		return static_cast<std::uint64_t>(k.account) << 32 | static_cast<std::uint64_t>(k.organization);
	};
	for (const Key& k : all)
		seen.insert(pack(k));
	for (const Key& k : population.randomMembers(CACHE_ENTRIES, size + 1))
	{
		if (entries.size() < CACHE_ENTRIES && seen.insert(pack(k)).second)
			entries.push_back(k);
	}
	std::shuffle(entries.begin(), entries.end(), std::mt19937_64(size));
	for (const Key& k : entries)
		set.full[{k.account, k.organization}] = Orgs::PermissionSet::all().bits();
	return set;
}


//
// The benchmarks
//
void floorLookup(benchmark::State& state, const WorkingSet& set, const FloorMap& floor)
	/// The floor: the same keys looked up in a plain std::unordered_map.
{
	const std::vector<Key>& keys = set.threads[state.thread_index()];
	const std::size_t n = keys.size();
	std::size_t i = 0;
	std::uint64_t allowed = 0;
	for (auto _ : state)
	{
		const Key& k = keys[i];
		if (++i == n)
			i = 0;
		const auto it = floor.find({k.account, k.organization});
		allowed += it != floor.end() && ((it->second >> static_cast<unsigned>(Permission::OrgRead)) & 1);
	}
	benchmark::DoNotOptimize(allowed);
	if (allowed != static_cast<std::uint64_t>(state.iterations()))
		state.SkipWithError("a key is missing from the map");
}


void cachedCheck(benchmark::State& state, Orgs::AccessControl& access, const WorkingSet& set)
	/// A cache hit: isAllowed through the exported interface, as a host calls it.
{
	const std::vector<Key>& keys = set.threads[state.thread_index()];
	const std::size_t n = keys.size();
	std::size_t i = 0;
	std::uint64_t allowed = 0;
	const std::uint64_t before = AllocationCounter::thisThread();
	for (auto _ : state)
	{
		const Key& k = keys[i];
		if (++i == n)
			i = 0;
		allowed += access.isAllowed(k.account, k.organization, Permission::OrgRead);
	}
	const std::uint64_t allocations = AllocationCounter::thisThread() - before;
	benchmark::DoNotOptimize(allowed);
	state.counters["allocs/op"] =
	    benchmark::Counter(static_cast<double>(allocations), benchmark::Counter::kAvgIterations);
	if (allowed != static_cast<std::uint64_t>(state.iterations()))
		state.SkipWithError("a member was refused org.read");
}


void uncachedCheck(benchmark::State& state, Target& target, Target::Kind kind, const std::vector<Key>& keys)
	/// A check that goes to the database: a miss (MISS runtime: the key's organization is
	/// invalidated first, so that every check loads, whatever the cache holds) or a version
	/// validation (VALIDATE runtime). Counts the checks that allocated (a hit allocates
	/// nothing) and, on MariaDB, the statements.
{
	Orgs::Access::AccessControlImpl& access = target.accessImpl(kind);
	const bool invalidate = kind == Target::MISS;
	StatementCounter statements(target);
	std::size_t i = 0;
	std::uint64_t allowed = 0, misses = 0;
	statements.start();
	for (auto _ : state)
	{
		const Key& k = keys[i];
		if (++i == keys.size())
			i = 0;
		if (invalidate)
			access.invalidate(k.organization);
		const std::uint64_t before = AllocationCounter::thisThread();
		allowed += access.isAllowed(k.account, k.organization, Permission::OrgRead);
		misses += AllocationCounter::thisThread() != before;
	}
	statements.stop(state);
	state.counters["db%"] =
	    benchmark::Counter(100.0 * static_cast<double>(misses) / static_cast<double>(state.iterations()));
	if (allowed != static_cast<std::uint64_t>(state.iterations()))
		state.SkipWithError("a member was refused org.read");
}


void invalidateThenCheck(benchmark::State& state, Target& target, const std::vector<Key>& keys)
	/// An access change seen by this process: the organization's entries are invalidated (as
	/// the plugin does after a committing transaction), then the next check reloads.
{
	Orgs::Access::AccessControlImpl& access = target.accessImpl(Target::CHANGES);
	StatementCounter statements(target);
	std::size_t i = 0;
	std::uint64_t allowed = 0;
	statements.start();
	for (auto _ : state)
	{
		const Key& k = keys[i];
		if (++i == keys.size())
			i = 0;
		access.invalidate(k.organization);
		allowed += access.isAllowed(k.account, k.organization, Permission::OrgRead);
	}
	statements.stop(state);
	if (allowed != static_cast<std::uint64_t>(state.iterations()))
		state.SkipWithError("a member was refused org.read");
}


void changeThenCheck(benchmark::State& state, Target& target, const Population& population)
	/// A real access change: the owner of a small organization toggles a member between
	/// member and admin through MembershipService (one transaction that bumps acl_version),
	/// then the member's members.add is checked. Every answer must follow the change.
{
	Orgs::Runtime& runtime = target.runtime(Target::CHANGES);
	Orgs::MembershipService& memberships = *runtime.memberships();
	Orgs::AccessControl& access = *runtime.accessControl();
	const Id org = Population::BIG_ORGANIZATIONS + 1;
	const Id owner = population.owner(org);
	const Id member = population.regularMemberOf(org);
	const std::string orgRef = std::to_string(org);
	const std::string memberRef = std::to_string(member);
	StatementCounter statements(target);
	bool admin = false;
	std::uint64_t wrong = 0;
	statements.start();
	for (auto _ : state)
	{
		admin = !admin;
		memberships.changeRole(owner, orgRef, memberRef, admin ? "admin" : "member");
		wrong += access.isAllowed(member, org, Permission::MembersAdd) != admin;
	}
	statements.stop(state);
	if (admin)
		memberships.changeRole(owner, orgRef, memberRef, "member");
	if (wrong)
		state.SkipWithError("a check after a committed change returned the old answer");
}


//
// Reporting
//
class SummaryReporter : public benchmark::ConsoleReporter
	/// Prints as the console reporter does and keeps each run's time and counters for the
	/// summary.
{
public:
	SummaryReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}
		/// Colours only a terminal (the reporter given to RunSpecifiedBenchmarks does not
		/// follow --benchmark_color).

	struct Result
		/// The fastest repetition of a benchmark (with --benchmark_repetitions=N).
	{
		double ns = -1;    ///< real time per iteration
		double cpuNs = -1; ///< CPU time per iteration (per thread)
		std::map<std::string, double> counters;
	};

	void ReportRuns(const std::vector<Run>& runs) override
	{
		ConsoleReporter::ReportRuns(runs);
		for (const Run& run : runs)
		{
			if (run.run_type != Run::RT_Iteration || run.error_occurred)
				continue;
			const double toNs = 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
			const double ns = run.GetAdjustedRealTime() * toNs;
			Result& r = _results[run.run_name.function_name + "@" + std::to_string(run.threads)];
			if (r.ns >= 0 && r.ns <= ns)
				continue;
			r.ns = ns;
			r.cpuNs = run.GetAdjustedCPUTime() * toNs;
			for (const auto& kv : run.counters)
				r.counters[kv.first] = kv.second.value;
		}
	}

	const Result* find(const std::string& name, int threads = 1) const
	{
		auto it = _results.find(name + "@" + std::to_string(threads));
		return it == _results.end() ? nullptr : &it->second;
	}

private:
	std::map<std::string, Result> _results;
};


std::string format(const char* fmt, double value)
{
	if (value < 0)
		return "-";
	char text[64];
	std::snprintf(text, sizeof(text), fmt, value);
	return text;
}


void exportForLoadTest(const std::string& file, Target& target, const Population& population)
	/// Writes shell variables for tests/bench/load/run.sh: a member of the first big
	/// organization gets a fresh access token.
{
	const Id org = 1;
	const Id actor = population.regularMemberOf(org);
	const Orgs::IssuedToken token =
	    target.runtime(Target::DEFAULT).accounts()->createToken(actor, "orgs-bench load test");
	const int pageSize = 50;
	Poco::FileOutputStream out(file);
	out << "# Written by orgs-bench --export: the population for tests/bench/load/run.sh\n"
	    << "ORGS_BENCH_CONNECTOR=" << target.database().connector() << "\n"
	    << "ORGS_BENCH_CONNECTION_STRING='" << target.database().connectionString() << "'\n"
	    << "ORGS_BENCH_DESCRIPTION='" << population.description() << "'\n"
	    << "ORGS_BENCH_LOAD_SECONDS=" << format("%.1f", target.loadSeconds()) << "\n"
	    << "ORGS_BENCH_BIG_ORG=" << org << "\n"
	    << "ORGS_BENCH_BIG_ORG_MEMBERS=" << population.organizationSize(org) << "\n"
	    << "ORGS_BENCH_ACTOR=" << actor << "\n"
	    << "ORGS_BENCH_TOKEN=" << token.secret << "\n"
	    << "ORGS_BENCH_PAGE_SIZE=" << pageSize << "\n"
	    << "ORGS_BENCH_LAST_PAGE_CURSOR=" << Orgs::Service::Paging::encode(population.organizationSize(org) - pageSize)
	    << "\n";
	std::cout << "exported the load-test population to " << file << std::endl;
}


int run(int argc, char** argv)
{
	benchmark::Initialize(&argc, argv);
	Options options;
	if (!parseOptions(argc, argv, options))
		return 2;

	Poco::Stopwatch total;
	total.start();
	std::cout << "generating the population at scale " << options.scale << " ..." << std::endl;
	const Population population(options.scale);
	std::cout << population.description() << std::endl;

	std::vector<std::unique_ptr<Target>> targets;
	if (options.sqlite)
	{
		const std::string path = options.sqlitePath.empty() ? std::string(ORGS_BENCH_DATA_DIR) + "/orgs-bench-" +
		                                                          scaleTag(options.scale) + ".db"
		                                                    : options.sqlitePath;
		targets.emplace_back(new Target(BenchDatabase::sqlite(path), population, options.reload));
	}
	if (!options.mysqlInfo.empty())
	{
		targets.emplace_back(
		    new Target(BenchDatabase::mysql(options.mysqlInfo, "orgs_bench_" + scaleTag(options.scale)), population,
		               options.reload));
	}
	else
	{
		std::cout << "MariaDB: not benchmarked (give --mysql=DIR/connection.properties, see tests/bench/README.md)"
		          << std::endl;
	}
	if (targets.empty())
	{
		std::cerr << "orgs-bench: no database to use\n";
		return 2;
	}
	if (!options.exportFile.empty())
		exportForLoadTest(options.exportFile, *targets.back(), population);
	if (options.loadOnly)
		return 0;

	// The hit benchmarks need no database beyond the warm-up: they run on the first target.
	Target& first = *targets.front();
	const std::vector<std::size_t> sizes{1024, 16384};
	std::map<std::size_t, Target::Kind> runtimes{{1024, Target::CACHED}, {16384, Target::CACHED_2}};
	std::map<std::size_t, WorkingSet> cached, defaults;
	for (std::size_t size : sizes)
	{
		cached[size] = makeWorkingSet(first.access(runtimes[size]), population, size, 2);
		std::cout << "working set of " << size << " keys per thread: " << cached[size].dropped
		          << " dropped (a full 4-way bucket)" << std::endl;
	}
	defaults[1024] = makeWorkingSet(first.access(Target::DEFAULT), population, 1024, 1);
	PopulationFloor populationFloor;
	makePopulationFloor(populationFloor, population);
	std::cout << "population floor: " << populationFloor.map.size() << " memberships in a std::unordered_map, built in "
	          << format("%.1f", populationFloor.buildSeconds) << " s" << std::endl;

	for (std::size_t size : sizes)
	{
		const std::string suffix = "/keys:" + std::to_string(size);
		const WorkingSet& set = cached[size];
		benchmark::RegisterBenchmark(("floor_unordered_map_hot" + suffix).c_str(),
		                             [&set](benchmark::State& s) { floorLookup(s, set, set.hot); })
		    ->Threads(1)
		    ->Threads(2)
		    ->UseRealTime();
		benchmark::RegisterBenchmark(("floor_unordered_map_65536" + suffix).c_str(),
		                             [&set](benchmark::State& s) { floorLookup(s, set, set.full); })
		    ->Threads(1)
		    ->Threads(2)
		    ->UseRealTime();
		const FloorMap& everyone = populationFloor.map;
		benchmark::RegisterBenchmark(("floor_unordered_map_population" + suffix).c_str(),
		                             [&set, &everyone](benchmark::State& s) { floorLookup(s, set, everyone); })
		    ->Threads(1)
		    ->Threads(2)
		    ->UseRealTime();
		Orgs::AccessControl& access = first.access(runtimes[size]);
		benchmark::RegisterBenchmark(("isAllowed_hit" + suffix).c_str(),
		                             [&access, &set](benchmark::State& s) { cachedCheck(s, access, set); })
		    ->Threads(1)
		    ->Threads(2)
		    ->UseRealTime();
	}
	{
		Orgs::AccessControl& access = first.access(Target::DEFAULT);
		const WorkingSet& set = defaults[1024];
		benchmark::RegisterBenchmark("isAllowed_hit_staleness_1s/keys:1024", [&access, &set](benchmark::State& s) {
			cachedCheck(s, access, set);
		})->UseRealTime();
	}

	// Misses: up to 2,000 keys per class in a cycle, each organization invalidated before its check.
	const std::size_t missKeys = 2000;
	struct MissClass
	{
		std::string name;
		std::vector<Key> keys;
	};
	const std::vector<MissClass> missClasses{
	    {"small_org.account_in_3_orgs", population.lightInSmall(missKeys)},
	    {"big_org.account_in_3_orgs", population.lightInBig(missKeys)},
	    {"small_org.account_in_" + std::to_string(population.heavyAccountOrganizations() + 2) + "_orgs",
	     population.heavyInSmall(missKeys)},
	    {"big_org.account_in_" + std::to_string(population.heavyAccountOrganizations() + 2) + "_orgs",
	     population.heavyInBig(missKeys)}};
	const std::vector<Key> validateKeys = population.randomMembers(missKeys, 7);
	const std::vector<Key> changeKeys = population.randomMembers(256, 11);
	for (auto& pTarget : targets)
	{
		Target& target = *pTarget;
		const std::string db = target.database().label();
		for (const MissClass& c : missClasses)
		{
			const std::vector<Key>& keys = c.keys;
			benchmark::RegisterBenchmark(
			    ("isAllowed_miss/" + db + "/" + c.name).c_str(),
			    [&target, &keys](benchmark::State& s) { uncachedCheck(s, target, Target::MISS, keys); })
			    ->Unit(benchmark::kMicrosecond)
			    ->UseRealTime();
		}
		benchmark::RegisterBenchmark(
		    ("isAllowed_validate_every_call/" + db).c_str(),
		    [&target, &validateKeys](benchmark::State& s) { uncachedCheck(s, target, Target::VALIDATE, validateKeys); })
		    ->Unit(benchmark::kMicrosecond)
		    ->UseRealTime();
		benchmark::RegisterBenchmark(
		    ("after_change/invalidate_then_check/" + db).c_str(),
		    [&target, &changeKeys](benchmark::State& s) { invalidateThenCheck(s, target, changeKeys); })
		    ->Unit(benchmark::kMicrosecond)
		    ->UseRealTime();
		benchmark::RegisterBenchmark(
		    ("after_change/change_role_then_check/" + db).c_str(),
		    [&target, &population](benchmark::State& s) { changeThenCheck(s, target, population); })
		    ->Unit(benchmark::kMicrosecond)
		    ->UseRealTime();
	}
	for (const MissClass& c : missClasses)
	{
		std::cout << "miss keys " << c.name << ": " << c.keys.size() << " keys; organization sizes "
		          << population.organizationSize(c.keys.front().organization) << " (first key); account in "
		          << population.organizationCount(c.keys.front().account) << " organizations" << std::endl;
	}

	SummaryReporter reporter;
	benchmark::RunSpecifiedBenchmarks(&reporter);

	// Summary
	std::printf("\n=== Summary (%s) ===\n", population.description().c_str());
	for (auto& pTarget : targets)
	{
		if (pTarget->loadSeconds() >= 0)
			std::printf("population load into %s: %.1f s\n", pTarget->database().label().c_str(),
			            pTarget->loadSeconds());
		else
			std::printf("population in %s: reused from an earlier run\n", pTarget->database().label().c_str());
	}
	std::printf(
	    "\nCache hit vs the floor: ns per check, real time (CPU time per thread in brackets; with 2 threads the\n"
	    "real time is per check across both threads, the inverse of the throughput). Floors: the working set\n"
	    "alone in a std::unordered_map (hot), in one of 65,536 entries (the cache's size), and in one holding\n"
	    "every membership of the population (what caching everything would cost). The ratios compare CPU\n"
	    "time per check, which a busy second core does not distort. Target: hit / floor <= 1.2, 0 allocations\n"
	    "per hit.\n");
	std::printf("%-6s %-7s %17s %17s %17s %17s %7s %7s %7s %10s\n", "keys", "threads", "floor hot", "floor 65536",
	            "floor population", "hit", "/hot", "/65536", "/popul.", "allocs/hit");
	auto cell = [](const SummaryReporter::Result* p) {
		char text[64];
		std::snprintf(text, sizeof(text), "%.1f (%.1f)", p->ns, p->cpuNs);
		return std::string(text);
	};
	for (std::size_t size : sizes)
	{
		for (int threads : {1, 2})
		{
			const std::string suffix = "/keys:" + std::to_string(size);
			const SummaryReporter::Result* pHot = reporter.find("floor_unordered_map_hot" + suffix, threads);
			const SummaryReporter::Result* pFull = reporter.find("floor_unordered_map_65536" + suffix, threads);
			const SummaryReporter::Result* pPopulation =
			    reporter.find("floor_unordered_map_population" + suffix, threads);
			const SummaryReporter::Result* pHit = reporter.find("isAllowed_hit" + suffix, threads);
			if (!pHot || !pFull || !pHit)
				continue;
			std::printf("%-6zu %-7d %17s %17s %17s %17s %7.2f %7.2f %7s %10.4f\n", size, threads, cell(pHot).c_str(),
			            cell(pFull).c_str(), pPopulation ? cell(pPopulation).c_str() : "-", cell(pHit).c_str(),
			            pHit->cpuNs / pHot->cpuNs, pHit->cpuNs / pFull->cpuNs,
			            format("%.2f", pPopulation ? pHit->cpuNs / pPopulation->cpuNs : -1).c_str(),
			            pHit->counters.at("allocs/op"));
		}
	}
	if (const SummaryReporter::Result* p = reporter.find("isAllowed_hit_staleness_1s/keys:1024"))
	{
		std::printf("default maxStaleness (1 s), 1024 keys: %.1f ns/check, %.4f allocations/check "
		            "(each entry revalidated once a second)\n",
		            p->ns, p->counters.at("allocs/op"));
	}

	std::printf("\nChecks that reach the database (real time per check, microseconds)\n");
	std::printf("%-52s", "check");
	for (auto& pTarget : targets)
		std::printf(" %10s", pTarget->database().label().c_str());
	std::printf(" %10s %10s\n", "stmts/op", "prepares");
	auto row = [&](const std::string& label, const std::string& name) {
		std::printf("%-52s", label.c_str());
		const SummaryReporter::Result* pMySQL = nullptr;
		for (auto& pTarget : targets)
		{
			const SummaryReporter::Result* p = reporter.find(name + "/" + pTarget->database().label());
			std::printf(" %10s", format("%.1f", p ? p->ns / 1000 : -1).c_str());
			if (p && pTarget->database().isMySQL())
				pMySQL = p;
		}
		std::printf(" %10s %10s\n", format("%.2f", pMySQL ? pMySQL->counters.at("stmts/op") : -1).c_str(),
		            format("%.2f", pMySQL ? pMySQL->counters.at("prepares/op") : -1).c_str());
	};
	for (const MissClass& c : missClasses)
	{
		const std::string name = "isAllowed_miss/";
		std::printf("%-52s", ("miss: " + c.name).c_str());
		const SummaryReporter::Result* pMySQL = nullptr;
		for (auto& pTarget : targets)
		{
			const SummaryReporter::Result* p = reporter.find(name + pTarget->database().label() + "/" + c.name);
			std::printf(" %10s", format("%.1f", p ? p->ns / 1000 : -1).c_str());
			if (p && pTarget->database().isMySQL())
				pMySQL = p;
		}
		std::printf(" %10s %10s\n", format("%.2f", pMySQL ? pMySQL->counters.at("stmts/op") : -1).c_str(),
		            format("%.2f", pMySQL ? pMySQL->counters.at("prepares/op") : -1).c_str());
	}
	row("validate acl_version on every check (maxStaleness=0)", "isAllowed_validate_every_call");
	row("after a change: invalidate, then check", "after_change/invalidate_then_check");
	row("after a change: changeRole (transaction), then check", "after_change/change_role_then_check");
	for (auto& pTarget : targets)
	{
		double lo = -1, hi = -1;
		for (const MissClass& c : missClasses)
		{
			const SummaryReporter::Result* p =
			    reporter.find("isAllowed_miss/" + pTarget->database().label() + "/" + c.name);
			if (!p)
				continue;
			lo = lo < 0 ? p->ns : std::min(lo, p->ns);
			hi = std::max(hi, p->ns);
		}
		if (lo > 0)
		{
			std::printf("miss spread on %s (slowest / fastest class): %.2f\n", pTarget->database().label().c_str(),
			            hi / lo);
		}
	}
	std::printf("\ntotal run time: %.0f s\n", static_cast<double>(total.elapsed()) / 1e6);
	benchmark::Shutdown();
	return 0;
}


} // namespace


int main(int argc, char** argv)
{
	try
	{
		return run(argc, argv);
	}
	catch (Poco::Exception& exc)
	{
		std::cerr << "orgs-bench: " << exc.displayText() << std::endl;
	}
	catch (std::exception& exc)
	{
		std::cerr << "orgs-bench: " << exc.what() << std::endl;
	}
	return 1;
}
