//
// GaleraLoad.cpp
//
// Library: OrgsTests
// Package: Galera
// Module:  GaleraLoad
//
// orgs-galera-load: the mixed load of tests/galera/fault.sh. Client threads send sign-ups,
// organizations, members, invitations (created and accepted), role changes and permission
// checks to several hosts, journal every acknowledged write so that the script can look for
// it in SQL afterwards, and classify every answer.
//


#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/NetException.h"
#include "Poco/StreamCopier.h"
#include "Poco/Timespan.h"
#include "Poco/URI.h"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>


namespace {


using Clock = std::chrono::steady_clock;


struct Options
{
	std::vector<std::string> hosts;
	int threads = 12;
	int seconds = 60;
	std::string out;
	int timeoutSeconds = 10;
	std::string prefix;
	std::string seatPlan = "team";
	int seatShare = 3;
	bool pinned = false;
};


void usage()
{
	std::fprintf(stderr, "usage: orgs-galera-load --hosts=URL[,URL...] --out=DIR [--threads=12] [--seconds=60]\n"
	                     "       [--timeout=10] [--prefix=NAME] [--seat-plan=team] [--seat-share=3] [--pinned]\n"
	                     "Runs THREADS client threads for SECONDS against the hosts (base URLs such as\n"
	                     "http://127.0.0.1:8081; the API is under /api/v1). Each thread sends its requests to the\n"
	                     "hosts in turn (--pinned: thread i only to host i mod n), so a write made through one host\n"
	                     "is read and changed through the others. One organization in SEAT-SHARE is moved to the\n"
	                     "plan SEAT-PLAN, whose seat limit the additions and invitations of every thread race for.\n"
	                     "Writes into DIR: journal.jsonl (every acknowledged write), journal.sql (the same as rows\n"
	                     "of a temporary table fault_expect), answers.csv (time ms, host, class, write, duration\n"
	                     "ms), seconds.csv (answers per second by class), violations.txt (examples); prints\n"
	                     "key=value figures. "
	                     "Usernames start with PREFIX.\n");
}


std::vector<std::string> split(const std::string& s, char separator)
{
	std::vector<std::string> parts;
	std::string part;
	std::istringstream in(s);
	while (std::getline(in, part, separator))
	{
		if (!part.empty())
			parts.push_back(part);
	}
	return parts;
}


bool parse(int argc, char** argv, Options& options)
{
	for (int i = 1; i < argc; ++i)
	{
		const std::string arg = argv[i];
		if (arg == "--pinned")
		{
			options.pinned = true;
			continue;
		}
		const std::string::size_type eq = arg.find('=');
		if (arg.compare(0, 2, "--") != 0 || eq == std::string::npos)
			return false;
		const std::string key = arg.substr(2, eq - 2);
		const std::string value = arg.substr(eq + 1);
		if (key == "hosts")
			options.hosts = split(value, ',');
		else if (key == "threads")
			options.threads = std::atoi(value.c_str());
		else if (key == "seconds")
			options.seconds = std::atoi(value.c_str());
		else if (key == "out")
			options.out = value;
		else if (key == "timeout")
			options.timeoutSeconds = std::atoi(value.c_str());
		else if (key == "prefix")
			options.prefix = value;
		else if (key == "seat-plan")
			options.seatPlan = value;
		else if (key == "seat-share")
			options.seatShare = std::atoi(value.c_str());
		else
			return false;
	}
	return !options.hosts.empty() && !options.out.empty() && options.threads > 0 && options.seconds > 0 &&
	       options.timeoutSeconds > 0 && options.seatShare > 0;
}


long long nowMs()
{
	return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
	    .count();
}


std::string quote(const std::string& s)
// A JSON string; the load's own names and server codes need no more than this.
{
	std::string q = "\"";
	for (char c : s)
	{
		if (c == '"' || c == '\\')
			q += '\\';
		if (static_cast<unsigned char>(c) < 0x20)
			q += ' ';
		else
			q += c;
	}
	return q + "\"";
}


std::string sqlQuote(const std::string& s)
{
	std::string q = "'";
	for (char c : s)
	{
		if (c == '\'' || c == '\\')
			q += '\\';
		q += c;
	}
	return q + "'";
}


enum class Kind
	/// The class of an answer: the first three are allowed, VIOLATION is everything else.
{
	SUCCESS,
	CLIENT_ERROR,
	UNAVAILABLE,
	VIOLATION
};


struct Answer
{
	Kind kind = Kind::VIOLATION;
	int status = 0;
	std::string code;
	std::string violation;
	Poco::JSON::Object::Ptr pJson;
};


class Recorder
	/// Everything the threads share about answers: counts by class, problem codes, examples of
	/// violations, and the answer log (answers.csv).
{
public:
	explicit Recorder(const std::string& out) : _answers(out + "/answers.csv"), _violationsFile(out + "/violations.txt")
	{
		_answers << "ms,host,class,write,duration_ms\n";
	}

	void record(int host, bool write, const std::string& what, const Answer& answer, const std::string& detail,
	            long long durationMs)
	{
		const long long ms = nowMs();
		std::lock_guard<std::mutex> lock(_mutex);
		const char* cls = "x";
		switch (answer.kind)
		{
		case Kind::SUCCESS:
			++_success;
			cls = "2";
			break;
		case Kind::CLIENT_ERROR:
			++_clientErrors;
			++_codes[what + " " + std::to_string(answer.status) + " " + answer.code];
			cls = "4";
			break;
		case Kind::UNAVAILABLE:
			++_unavailable;
			++_codes[what + " 503 " + answer.code];
			cls = "5";
			break;
		case Kind::VIOLATION:
			++_violations;
			++_violationKinds[answer.violation];
			if (++_examples[answer.violation] <= 5)
				_violationsFile << ms << " host " << host << " " << what << ": " << answer.violation << ": " << detail
				                << "\n";
			break;
		}
		_answers << ms << "," << host << "," << cls << "," << (write ? 1 : 0) << "," << durationMs << "\n";
		std::array<long long, 5>& second = _seconds[ms / 1000];
		++second[answer.kind == Kind::SUCCESS        ? 0
		         : answer.kind == Kind::CLIENT_ERROR ? 1
		         : answer.kind == Kind::UNAVAILABLE  ? 2
		                                             : 3];
		if (write && answer.kind == Kind::SUCCESS)
			++second[4];
	}

	void writeSeconds(const std::string& path) const
		/// Per second (since the epoch): 2xx, 4xx, 503 problem+json, other, and 2xx to writes.
	{
		std::lock_guard<std::mutex> lock(_mutex);
		std::ofstream out(path);
		out << "second,2xx,4xx,503,other,write_2xx\n";
		for (const auto& kv : _seconds)
			out << kv.first << "," << kv.second[0] << "," << kv.second[1] << "," << kv.second[2] << "," << kv.second[3]
			    << "," << kv.second[4] << "\n";
	}

	void note(const std::string& what)
	{
		std::lock_guard<std::mutex> lock(_mutex);
		++_notes[what];
	}

	void print(std::ostream& out) const
	{
		std::lock_guard<std::mutex> lock(_mutex);
		out << "answers=" << _success + _clientErrors + _unavailable + _violations << "\n";
		out << "answers_2xx=" << _success << "\n";
		out << "answers_4xx=" << _clientErrors << "\n";
		out << "answers_503_problem=" << _unavailable << "\n";
		out << "answers_other=" << _violations << "\n";
		for (const auto& kv : _violationKinds)
			out << "other: " << kv.first << "=" << kv.second << "\n";
		for (const auto& kv : _codes)
			out << "code: " << kv.first << "=" << kv.second << "\n";
		for (const auto& kv : _notes)
			out << "note: " << kv.first << "=" << kv.second << "\n";
	}

	long long success() const
	{
		std::lock_guard<std::mutex> lock(_mutex);
		return _success;
	}

	long long total() const
	{
		std::lock_guard<std::mutex> lock(_mutex);
		return _success + _clientErrors + _unavailable + _violations;
	}

private:
	mutable std::mutex _mutex;
	std::ofstream _answers;
	std::ofstream _violationsFile;
	long long _success = 0;
	long long _clientErrors = 0;
	long long _unavailable = 0;
	long long _violations = 0;
	std::map<std::string, long long> _violationKinds;
	std::map<std::string, int> _examples;
	std::map<std::string, long long> _codes;
	std::map<std::string, long long> _notes;
	std::map<long long, std::array<long long, 5>> _seconds;
};


struct Expectation
	/// One acknowledged write, as the state it implies: a row of fault_expect.
{
	long long ms = 0;
	int host = 0;
	std::string what;
	long long orgId = 0;
	long long accountId = 0;
	long long refId = 0;
	std::string name;
	std::string value;
	std::string request;
};


class Journal
	/// The acknowledged writes: journal.jsonl as they happen, journal.sql at the end.
{
public:
	explicit Journal(const std::string& out) : _out(out), _lines(out + "/journal.jsonl") {}

	void add(const Expectation& e)
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_lines << "{\"n\":" << _entries.size() + 1 << ",\"ms\":" << e.ms << ",\"host\":" << e.host
		       << ",\"what\":" << quote(e.what) << ",\"org_id\":" << e.orgId << ",\"account_id\":" << e.accountId
		       << ",\"ref_id\":" << e.refId << ",\"name\":" << quote(e.name) << ",\"value\":" << quote(e.value)
		       << ",\"request\":" << quote(e.request) << ",\"implies\":" << quote(implies(e)) << "}\n";
		_lines.flush();
		_entries.push_back(e);
	}

	void taint(long long orgId, long long accountId)
		/// A role change whose outcome is unknown (no answer, or not a 2xx/4xx): the member's
		/// final role is not checked, since that change may or may not have committed.
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_tainted.insert(std::make_pair(orgId, accountId));
	}

	std::size_t size() const
	{
		std::lock_guard<std::mutex> lock(_mutex);
		return _entries.size();
	}

	std::map<std::string, long long> byKind() const
	{
		std::lock_guard<std::mutex> lock(_mutex);
		std::map<std::string, long long> kinds;
		for (const auto& e : _entries)
			++kinds[e.what];
		return kinds;
	}

	void writeSql() const
		/// Every acknowledged write as a row; a member's role only as its last acknowledged
		/// change (what = 'role'), the earlier ones as 'role_seen' (journaled, not checked).
	{
		std::lock_guard<std::mutex> lock(_mutex);
		std::map<std::pair<long long, long long>, std::size_t> lastRole;
		for (std::size_t i = 0; i < _entries.size(); ++i)
		{
			if (_entries[i].what == "role" || _entries[i].what == "membership")
				lastRole[std::make_pair(_entries[i].orgId, _entries[i].accountId)] = i;
		}
		std::ofstream sql(_out + "/journal.sql");
		sql << "CREATE TEMPORARY TABLE fault_expect (n BIGINT NOT NULL PRIMARY KEY, what VARCHAR(16) NOT NULL, "
		       "org_id BIGINT NOT NULL, account_id BIGINT NOT NULL, ref_id BIGINT NOT NULL, name VARCHAR(64) NOT "
		       "NULL, val VARCHAR(254) NOT NULL, checked TINYINT NOT NULL) ENGINE=InnoDB;\n";
		for (std::size_t i = 0; i < _entries.size(); ++i)
		{
			const Expectation& e = _entries[i];
			if (i % 500 == 0)
				sql << (i ? ";\n" : "") << "INSERT INTO fault_expect VALUES ";
			else
				sql << ",";
			bool checked = true;
			if (e.what == "role" || e.what == "membership")
			{
				const auto key = std::make_pair(e.orgId, e.accountId);
				checked = lastRole[key] == i && _tainted.count(key) == 0;
			}
			sql << "(" << i + 1 << "," << sqlQuote(e.what) << "," << e.orgId << "," << e.accountId << "," << e.refId
			    << "," << sqlQuote(e.name) << "," << sqlQuote(e.value) << "," << (checked ? 1 : 0) << ")";
		}
		if (!_entries.empty())
			sql << ";\n";
	}

private:
	static std::string implies(const Expectation& e)
	{
		if (e.what == "account")
			return "accounts row id " + std::to_string(e.accountId) + " username " + e.name;
		if (e.what == "organization")
			return "organizations row id " + std::to_string(e.orgId) + " username " + e.name + " owner_account_id " +
			       std::to_string(e.accountId) + ", and the owner's membership";
		if (e.what == "plan")
			return "organization " + std::to_string(e.orgId) + " on plan " + e.value;
		if (e.what == "membership")
			return "memberships row (" + std::to_string(e.orgId) + ", " + std::to_string(e.accountId) + ") role " +
			       e.value + " unless changed later";
		if (e.what == "role")
			return "membership (" + std::to_string(e.orgId) + ", " + std::to_string(e.accountId) + ") has role " +
			       e.value + " unless changed later";
		if (e.what == "invitation")
			return "invitations row id " + std::to_string(e.refId) + " of organization " + std::to_string(e.orgId) +
			       " for " + e.name;
		if (e.what == "accepted")
			return "invitation " + std::to_string(e.refId) + " accepted by account " + std::to_string(e.accountId) +
			       ", and its membership";
		return "";
	}

	std::string _out;
	mutable std::mutex _mutex;
	std::ofstream _lines;
	std::vector<Expectation> _entries;
	std::set<std::pair<long long, long long>> _tainted;
};


struct Organization
{
	long long id = 0;
	std::string username;
	std::string ownerToken;
	bool seatLimited = false;
};


class Registry
	/// The organizations every thread adds members to: additions to the same seat-limited
	/// organization come from several threads and hosts at once.
{
public:
	void add(const Organization& org)
	{
		std::lock_guard<std::mutex> lock(_mutex);
		_all.push_back(org);
		if (org.seatLimited)
			_limited.push_back(org);
	}

	bool pick(std::mt19937& random, Organization& org)
		/// Half the time one of the four newest seat-limited organizations (the ones whose seats
		/// are still being raced for), otherwise any.
	{
		std::lock_guard<std::mutex> lock(_mutex);
		if (_all.empty())
			return false;
		if (!_limited.empty() && random() % 2 == 0)
		{
			const std::size_t recent = std::min<std::size_t>(4, _limited.size());
			org = _limited[_limited.size() - 1 - random() % recent];
		}
		else
			org = _all[random() % _all.size()];
		return true;
	}

private:
	std::mutex _mutex;
	std::vector<Organization> _all;
	std::vector<Organization> _limited;
};


struct Account
{
	long long id = 0;
	std::string username;
	std::string email;
	std::string token;
};


struct Membership
{
	long long orgId = 0;
	std::string ownerToken;
	std::size_t account = 0;
	std::string role;
	bool tainted = false;
};


class Client
	/// One client thread: its accounts, the memberships it made, a keep-alive session per host.
{
public:
	Client(int index, const Options& options, Recorder& recorder, Journal& journal, Registry& registry)
	    : _index(index), _options(options), _recorder(recorder), _journal(journal), _registry(registry),
	      _random(static_cast<unsigned>(nowMs()) * 7919u + static_cast<unsigned>(index)),
	      _sessions(options.hosts.size())
	{
		_next = static_cast<std::size_t>(index) % options.hosts.size();
	}

	void run(Clock::time_point deadline)
	{
		while (Clock::now() < deadline)
		{
			const unsigned roll = _random() % 100;
			if (_accounts.size() < 2 || roll < 10)
				signUp();
			else if (roll < 18)
				createOrganization();
			else if (roll < 43)
				addMember();
			else if (roll < 55)
				invite();
			else if (roll < 70)
				changeRole();
			else
				checkPermissions();
		}
	}

private:
	int nextHost()
	{
		if (_options.pinned)
			return static_cast<int>(_next);
		const std::size_t host = _next;
		_next = (_next + 1) % _options.hosts.size();
		return static_cast<int>(host);
	}

	Answer send(int host, const std::string& what, bool write, const std::string& method, const std::string& path,
	            const std::string& body, const std::string& token)
	{
		Answer answer;
		const Clock::time_point sent = Clock::now();
		_request = _options.prefix + "-t" + std::to_string(_index) + "-r" + std::to_string(++_requests);
		std::string detail = "request " + _request + ": " + method + " " + path;
		std::unique_ptr<Poco::Net::HTTPClientSession>& pSession = _sessions[static_cast<std::size_t>(host)];
		try
		{
			if (!pSession)
			{
				const Poco::URI uri(_options.hosts[static_cast<std::size_t>(host)]);
				pSession.reset(new Poco::Net::HTTPClientSession(uri.getHost(), uri.getPort()));
				pSession->setTimeout(Poco::Timespan(_options.timeoutSeconds, 0));
				pSession->setKeepAlive(true);
			}
			Poco::Net::HTTPRequest request(method, "/api/v1" + path, Poco::Net::HTTPMessage::HTTP_1_1);
			request.setKeepAlive(true);
			// Our own request id: the journal names it, and the host's log lines name it too.
			request.set("X-Request-Id", _request);
			if (!token.empty())
				request.set("Authorization", "Bearer " + token);
			if (!body.empty())
			{
				request.setContentType("application/json");
				request.setContentLength(static_cast<std::streamsize>(body.size()));
			}
			else if (method != "GET")
				request.setContentLength(0);
			std::ostream& requestBody = pSession->sendRequest(request);
			requestBody << body;
			Poco::Net::HTTPResponse response;
			std::istream& in = pSession->receiveResponse(response);
			std::string text;
			Poco::StreamCopier::copyToString(in, text);
			answer.status = static_cast<int>(response.getStatus());
			const std::string type = response.getContentType();
			detail += " -> " + std::to_string(answer.status) + " " + type + " " + text.substr(0, 300);
			Poco::JSON::Object::Ptr pJson;
			if (!text.empty())
			{
				try
				{
					pJson = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
				}
				catch (const Poco::Exception&)
				{
				}
			}
			answer.pJson = pJson;
			if (pJson && pJson->has("code"))
				answer.code = pJson->optValue<std::string>("code", "");
			const bool problem = type.find("application/problem+json") == 0 && pJson;
			if (answer.status >= 200 && answer.status < 300)
			{
				if (answer.status != 204 && !pJson)
				{
					answer.kind = Kind::VIOLATION;
					answer.violation = "2xx with a malformed body";
				}
				else
					answer.kind = Kind::SUCCESS;
			}
			else if (answer.status >= 400 && answer.status < 500)
				answer.kind = Kind::CLIENT_ERROR;
			else if (answer.status == 503 && problem)
				answer.kind = Kind::UNAVAILABLE;
			else
			{
				answer.kind = Kind::VIOLATION;
				answer.violation =
				    answer.status == 503 ? "503 without problem+json" : "status " + std::to_string(answer.status);
			}
		}
		catch (const Poco::TimeoutException& e)
		{
			answer.violation = "hang (no answer within " + std::to_string(_options.timeoutSeconds) + " s)";
			detail += ": " + e.displayText();
			pSession.reset();
		}
		catch (const Poco::Exception& e)
		{
			answer.violation = "connection error";
			detail += ": " + e.displayText();
			pSession.reset();
		}
		catch (const std::exception& e)
		{
			answer.violation = "connection error";
			detail += ": " + std::string(e.what());
			pSession.reset();
		}
		_recorder.record(host, write, what, answer, detail,
		                 std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent).count());
		return answer;
	}

	static std::string body(std::initializer_list<std::pair<std::string, std::string>> fields)
	{
		std::string s = "{";
		for (const auto& kv : fields)
			s += (s.size() > 1 ? "," : "") + quote(kv.first) + ":" + quote(kv.second);
		return s + "}";
	}

	static bool ambiguous(const Answer& a)
		/// No 2xx and no 4xx: the write may or may not have committed.
	{
		return a.kind != Kind::SUCCESS && a.kind != Kind::CLIENT_ERROR;
	}

	void journal(int host, const std::string& what, long long orgId, long long accountId, long long refId,
	             const std::string& name, const std::string& value)
	{
		Expectation e;
		e.ms = nowMs();
		e.host = host;
		e.what = what;
		e.orgId = orgId;
		e.accountId = accountId;
		e.refId = refId;
		e.name = name;
		e.value = value;
		e.request = _request;
		_journal.add(e);
	}

	std::string name(const char* kind)
	{
		return _options.prefix + "-t" + std::to_string(_index) + "-" + kind + std::to_string(++_names);
	}

	void signUp()
	{
		Account a;
		a.username = name("a");
		a.email = a.username + "@example.com";
		const int host = nextHost();
		const Answer r = send(host, "sign-up", true, "POST", "/accounts",
		                      body({{"username", a.username}, {"email", a.email}, {"name", "Load " + a.username}}), "");
		if (r.kind != Kind::SUCCESS)
			return;
		try
		{
			a.id = r.pJson->getObject("account")->getValue<Poco::Int64>("id");
			a.token = r.pJson->getObject("token")->getValue<std::string>("token");
		}
		catch (const Poco::Exception&)
		{
			_recorder.note("sign-up answer without account.id or token.token");
			return;
		}
		journal(host, "account", 0, a.id, 0, a.username, a.email);
		_accounts.push_back(a);
	}

	void createOrganization()
	{
		const Account& owner = _accounts[_random() % _accounts.size()];
		Organization org;
		org.username = name("o");
		org.ownerToken = owner.token;
		const int host = nextHost();
		const Answer r = send(host, "create organization", true, "POST", "/orgs",
		                      body({{"username", org.username}, {"title", "Org " + org.username}}), owner.token);
		if (r.kind != Kind::SUCCESS)
			return;
		org.id = r.pJson->optValue<Poco::Int64>("id", 0);
		journal(host, "organization", org.id, owner.id, 0, org.username, "");
		if (++_organizations % _options.seatShare == 0)
		{
			const int planHost = nextHost();
			const Answer p = send(planHost, "change plan", true, "PATCH", "/orgs/" + std::to_string(org.id),
			                      body({{"plan", _options.seatPlan}}), owner.token);
			if (p.kind == Kind::SUCCESS)
			{
				journal(planHost, "plan", org.id, 0, 0, org.username, _options.seatPlan);
				org.seatLimited = true;
			}
		}
		_registry.add(org);
	}

	bool pickNewMember(Organization& org, std::size_t& account)
		/// An organization and one of this thread's accounts never yet added to or invited into it.
	{
		for (int attempt = 0; attempt < 8; ++attempt)
		{
			if (!_registry.pick(_random, org))
				return false;
			account = _random() % _accounts.size();
			if (_tried.insert(std::make_pair(org.id, account)).second)
				return true;
		}
		return false;
	}

	void addMember()
	{
		Organization org;
		std::size_t account = 0;
		if (!pickNewMember(org, account))
			return signUp();
		const Account& a = _accounts[account];
		const int host = nextHost();
		const Answer r = send(host, "add member", true, "POST", "/orgs/" + std::to_string(org.id) + "/members",
		                      body({{"username", a.username}, {"role", "member"}}), org.ownerToken);
		if (r.kind != Kind::SUCCESS)
			return;
		journal(host, "membership", org.id, a.id, 0, a.username, "member");
		_memberships.push_back(Membership{org.id, org.ownerToken, account, "member", false});
	}

	void invite()
	{
		Organization org;
		std::size_t account = 0;
		if (!pickNewMember(org, account))
			return signUp();
		const Account& a = _accounts[account];
		int host = nextHost();
		const Answer r = send(host, "invite", true, "POST", "/orgs/" + std::to_string(org.id) + "/invitations",
		                      body({{"email", a.email}, {"role", "member"}}), org.ownerToken);
		if (r.kind != Kind::SUCCESS)
			return;
		const long long invitation = r.pJson->optValue<Poco::Int64>("id", 0);
		const std::string token = r.pJson->optValue<std::string>("token", "");
		journal(host, "invitation", org.id, 0, invitation, a.email, "");
		if (token.empty())
		{
			_recorder.note("invitation answer without token (orgs.invitations.exposeToken=false?)");
			return;
		}
		host = nextHost();
		const Answer accepted =
		    send(host, "accept invitation", true, "POST", "/invitations/" + token + "/accept", "", a.token);
		if (accepted.kind == Kind::CLIENT_ERROR && accepted.status == 404)
			_recorder.note("accept invitation: 404 for an acknowledged invitation (stale read, or lost)");
		if (accepted.kind != Kind::SUCCESS)
			return;
		journal(host, "accepted", org.id, a.id, invitation, a.username, "");
		journal(host, "membership", org.id, a.id, 0, a.username, "member");
		_memberships.push_back(Membership{org.id, org.ownerToken, account, "member", false});
	}

	void changeRole()
	{
		if (_memberships.empty())
			return addMember();
		Membership& m = _memberships[_random() % _memberships.size()];
		if (m.tainted)
			return checkPermissions();
		const Account& a = _accounts[m.account];
		const std::string role = m.role == "member" ? "admin" : "member";
		const int host = nextHost();
		const Answer r =
		    send(host, "change role", true, "PATCH", "/orgs/" + std::to_string(m.orgId) + "/members/" + a.username,
		         body({{"role", role}}), m.ownerToken);
		if (r.kind == Kind::SUCCESS)
		{
			m.role = role;
			journal(host, "role", m.orgId, a.id, 0, a.username, role);
		}
		else if (ambiguous(r))
		{
			m.tainted = true;
			_journal.taint(m.orgId, a.id);
		}
	}

	void checkPermissions()
		/// A member asks for its own permissions, through the next host: the membership was
		/// acknowledged earlier, maybe through another host on another node.
	{
		if (_memberships.empty())
		{
			const Account& a = _accounts[_random() % _accounts.size()];
			send(nextHost(), "read me", false, "GET", "/me", "", a.token);
			return;
		}
		const Membership& m = _memberships[_random() % _memberships.size()];
		const Account& a = _accounts[m.account];
		const Answer r = send(nextHost(), "check permissions", false, "GET",
		                      "/orgs/" + std::to_string(m.orgId) + "/permissions?account=" + a.username, "", a.token);
		if (r.kind == Kind::CLIENT_ERROR && r.status == 404)
			_recorder.note("permission check: an acknowledged member answered 404 (stale read)");
		else if (r.kind == Kind::SUCCESS && !m.tainted)
		{
			bool isAdmin = false;
			Poco::JSON::Array::Ptr pPermissions = r.pJson->getArray("permissions");
			for (std::size_t i = 0; pPermissions && i < pPermissions->size(); ++i)
			{
				if (pPermissions->getElement<std::string>(static_cast<unsigned>(i)) == "members.add")
					isAdmin = true;
			}
			if (isAdmin != (m.role == "admin"))
				_recorder.note("permission check: permissions of the role before the last acknowledged change");
		}
	}

	int _index;
	const Options& _options;
	Recorder& _recorder;
	Journal& _journal;
	Registry& _registry;
	std::mt19937 _random;
	std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> _sessions;
	std::size_t _next = 0;
	std::vector<Account> _accounts;
	std::vector<Membership> _memberships;
	std::set<std::pair<long long, std::size_t>> _tried;
	int _names = 0;
	int _organizations = 0;
	long long _requests = 0;
	std::string _request;
};


} // namespace


int main(int argc, char** argv)
{
	Options options;
	if (!parse(argc, argv, options))
	{
		usage();
		return 2;
	}
	if (options.prefix.empty())
		options.prefix = "l" + std::to_string(nowMs() % 100000000);

	Recorder recorder(options.out);
	Journal journal(options.out);
	Registry registry;
	std::vector<std::unique_ptr<Client>> clients;
	for (int i = 0; i < options.threads; ++i)
		clients.emplace_back(new Client(i, options, recorder, journal, registry));

	const long long startMs = nowMs();
	const Clock::time_point started = Clock::now();
	const Clock::time_point deadline = started + std::chrono::seconds(options.seconds);
	std::vector<std::thread> threads;
	for (auto& pClient : clients)
	{
		Client* p = pClient.get();
		threads.emplace_back([p, deadline]() { p->run(deadline); });
	}
	for (auto& t : threads)
		t.join();
	const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
	journal.writeSql();

	std::ostringstream figures;
	figures << "start_ms=" << startMs << "\n";
	figures << "end_ms=" << nowMs() << "\n";
	figures << "hosts=" << options.hosts.size() << "\n";
	figures << "threads=" << options.threads << "\n";
	figures << "routing=" << (options.pinned ? "pinned" : "round-robin") << "\n";
	figures << "elapsed_seconds=" << elapsed << "\n";
	recorder.print(figures);
	recorder.writeSeconds(options.out + "/seconds.csv");
	char rate[64];
	std::snprintf(rate, sizeof(rate), "%.1f", static_cast<double>(recorder.total()) / elapsed);
	figures << "requests_per_second=" << rate << "\n";
	std::snprintf(rate, sizeof(rate), "%.1f", static_cast<double>(recorder.success()) / elapsed);
	figures << "successes_per_second=" << rate << "\n";
	figures << "acknowledged_writes=" << journal.size() << "\n";
	for (const auto& kv : journal.byKind())
		figures << "acknowledged: " << kv.first << "=" << kv.second << "\n";
	std::ofstream(options.out + "/figures.txt") << figures.str();
	std::fputs(figures.str().c_str(), stdout);
	return 0;
}
