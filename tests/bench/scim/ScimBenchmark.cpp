//
// ScimBenchmark.cpp
//
// orgs-bench-scim: one sequential SCIM client, as Entra ID provisions a directory (one request
// at a time): creates the users, then the groups, then adds the members with PATCH; prints the
// total time, and the latency of a filter by userName at 10 users and at all of them. Started by
// tests/bench/scim/run.sh, which runs orgs-host on a private MariaDB and makes the connection.
//
//   orgs-bench-scim --url=http://127.0.0.1:PORT --base=/api/v1/scim/v2/ID --token=TOKEN
//                   [--users=10000] [--groups=100] [--members-per-patch=100] [--samples=500]
//


#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/NumberParser.h"
#include "Poco/StreamCopier.h"
#include "Poco/URI.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>


namespace {


using Clock = std::chrono::steady_clock;


double millisecondsSince(Clock::time_point start)
{
	return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}


class Client
	/// One keep-alive connection; every request waits for its answer (a sequential client).
{
public:
	Client(const std::string& url, const std::string& base, const std::string& token) : _base(base), _token(token)
	{
		const Poco::URI uri(url);
		_session.setHost(uri.getHost());
		_session.setPort(uri.getPort());
		_session.setKeepAlive(true);
		_session.setTimeout(Poco::Timespan(30, 0));
	}

	std::string call(const std::string& method, const std::string& path, const std::string& body, int expected)
	{
		Poco::Net::HTTPRequest request(method, _base + path, Poco::Net::HTTPMessage::HTTP_1_1);
		request.set("Authorization", "Bearer " + _token);
		request.set("Accept", "application/scim+json");
		request.setKeepAlive(true);
		if (!body.empty())
		{
			request.setContentType("application/scim+json");
			request.setContentLength(static_cast<std::streamsize>(body.size()));
		}
		std::ostream& out = _session.sendRequest(request);
		out << body;
		Poco::Net::HTTPResponse response;
		std::istream& in = _session.receiveResponse(response);
		std::string text;
		Poco::StreamCopier::copyToString(in, text);
		++_requests;
		if (static_cast<int>(response.getStatus()) != expected)
			throw std::runtime_error(method + " " + path + " answered " + std::to_string(response.getStatus()) + " (" +
			                         std::to_string(expected) + " expected): " + text.substr(0, 500));
		return text;
	}

	std::size_t requests() const { return _requests; }

private:
	Poco::Net::HTTPClientSession _session;
	std::string _base;
	std::string _token;
	std::size_t _requests = 0;
};


std::string idOf(const std::string& json)
{
	Poco::JSON::Parser parser;
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
}


std::size_t totalOf(const std::string& json)
{
	Poco::JSON::Parser parser;
	return parser.parse(json).extract<Poco::JSON::Object::Ptr>()->getValue<std::size_t>("totalResults");
}


std::string userName(std::size_t i)
{
	char text[64];
	std::snprintf(text, sizeof(text), "user%06zu@directory.example", i);
	return text;
}


std::string userBody(std::size_t i)
	/// What Entra sends for a new user (its tutorial's "Create User" body, with this user's values).
{
	const std::string name = userName(i);
	const std::string n = std::to_string(i);
	return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],)"
	       R"("externalId":"ext-)" +
	       n + R"(","userName":")" + name + R"(","active":true,)" +
	       R"("emails":[{"primary":true,"type":"work","value":")" + name + R"("}],)" +
	       R"("meta":{"resourceType":"User"},)" + R"("name":{"formatted":"Given)" + n + " Family" + n +
	       R"(","familyName":"Family)" + n + R"(","givenName":"Given)" + n + R"("},)" + R"("displayName":"Given)" + n +
	       " Family" + n + R"(",)" +
	       R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Department )" +
	       std::to_string(i % 20) + R"(","employeeNumber":")" + n + R"("},"roles":[]})";
}


std::string encode(const std::string& value)
{
	std::string out;
	Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]\" %", out);
	return out;
}


struct Latency
{
	double median = 0;
	double p95 = 0;
	double mean = 0;
};


Latency filterLatency(Client& client, std::size_t users, std::size_t samples, std::mt19937& random)
	/// GET /Users?filter=userName eq "..." for random existing users, after a warm-up.
{
	std::uniform_int_distribution<std::size_t> pick(1, users);
	std::vector<double> times;
	for (std::size_t k = 0; k < samples + samples / 10; ++k)
	{
		const std::size_t i = pick(random);
		const std::string path = "/Users?filter=" + encode("userName eq \"" + userName(i) + "\"");
		const Clock::time_point start = Clock::now();
		const std::string answer = client.call("GET", path, std::string(), 200);
		const double ms = millisecondsSince(start);
		if (totalOf(answer) != 1)
			throw std::runtime_error("the filter on " + userName(i) + " found " + std::to_string(totalOf(answer)));
		if (k >= samples / 10)
			times.push_back(ms);
	}
	std::sort(times.begin(), times.end());
	Latency l;
	l.median = times[times.size() / 2];
	l.p95 = times[std::min(times.size() - 1, times.size() * 95 / 100)];
	double sum = 0;
	for (double t : times)
		sum += t;
	l.mean = sum / static_cast<double>(times.size());
	return l;
}


} // namespace


int main(int argc, char** argv)
{
	std::map<std::string, std::string> options{
	    {"users", "10000"}, {"groups", "100"}, {"members-per-patch", "100"}, {"samples", "500"}};
	for (int i = 1; i < argc; ++i)
	{
		const std::string arg = argv[i];
		const std::size_t eq = arg.find('=');
		if (arg.compare(0, 2, "--") != 0 || eq == std::string::npos)
		{
			std::cerr << "usage: orgs-bench-scim --url=URL --base=PATH --token=TOKEN [--users=N] [--groups=N] "
			             "[--members-per-patch=N] [--samples=N]"
			          << std::endl;
			return 2;
		}
		options[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
	}
	try
	{
		const std::size_t users = Poco::NumberParser::parseUnsigned(options["users"]);
		const std::size_t groups = Poco::NumberParser::parseUnsigned(options["groups"]);
		const std::size_t perPatch =
		    std::max<std::size_t>(1, Poco::NumberParser::parseUnsigned(options["members-per-patch"]));
		const std::size_t samples = std::max<std::size_t>(10, Poco::NumberParser::parseUnsigned(options["samples"]));
		const std::size_t small = std::min<std::size_t>(10, users);
		Client client(options["url"], options["base"], options["token"]);
		std::mt19937 random(42);

		std::vector<std::string> userIds(users + 1);
		double usersMs = 0;
		Clock::time_point start = Clock::now();
		for (std::size_t i = 1; i <= small; ++i)
			userIds[i] = idOf(client.call("POST", "/Users", userBody(i), 201));
		usersMs += millisecondsSince(start);
		const Latency atSmall = filterLatency(client, small, samples, random);

		const std::size_t before = client.requests();
		start = Clock::now();
		for (std::size_t i = small + 1; i <= users; ++i)
			userIds[i] = idOf(client.call("POST", "/Users", userBody(i), 201));
		usersMs += millisecondsSince(start);
		const std::size_t userRequests = small + client.requests() - before;

		start = Clock::now();
		std::vector<std::string> groupIds;
		for (std::size_t g = 0; g < groups; ++g)
		{
			char name[32];
			std::snprintf(name, sizeof(name), "Group %03zu", g);
			groupIds.push_back(idOf(client.call(
			    "POST", "/Groups",
			    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"grp-)" + std::to_string(g) +
			        R"(","displayName":")" + name + R"(","meta":{"resourceType":"Group"}})",
			    201)));
		}
		const double groupsMs = millisecondsSince(start);

		// User i is in group i % groups; each PATCH adds up to perPatch members (Entra's
		// "Add Members" body).
		start = Clock::now();
		std::size_t patches = 0;
		for (std::size_t g = 0; g < groups; ++g)
		{
			std::vector<std::string> members;
			for (std::size_t i = 1; i <= users; ++i)
			{
				if (i % groups == g)
					members.push_back(userIds[i]);
			}
			for (std::size_t from = 0; from < members.size(); from += perPatch)
			{
				std::string value;
				for (std::size_t k = from; k < std::min(members.size(), from + perPatch); ++k)
					value += (value.empty() ? "" : ",") + std::string(R"({"$ref":null,"value":")") + members[k] + "\"}";
				client.call(
				    "PATCH", "/Groups/" + groupIds[g],
				    R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[)" +
				        value + "]}]}",
				    204);
				++patches;
			}
		}
		const double membersMs = millisecondsSince(start);

		const Latency atLarge = filterLatency(client, users, samples, random);

		// What was provisioned is there.
		const std::size_t listed = totalOf(client.call("GET", "/Users?count=0", std::string(), 200));
		Poco::JSON::Parser parser;
		const auto pGroup = parser.parse(client.call("GET", "/Groups/" + groupIds[1 % groups], std::string(), 200))
		                        .extract<Poco::JSON::Object::Ptr>();
		const std::size_t groupMembers = pGroup->has("members") ? pGroup->getArray("members")->size() : 0;
		const std::size_t expectedMembers = users / groups + (1 % groups != 0 && users % groups >= 1 ? 1 : 0);
		if (listed != users || groupMembers < users / groups || groupMembers > expectedMembers)
			throw std::runtime_error("provisioned " + std::to_string(listed) + " users, group 1 has " +
			                         std::to_string(groupMembers) + " members");

		const double totalMs = usersMs + groupsMs + membersMs;
		const std::size_t totalRequests = userRequests + groups + patches;
		std::printf("SCIM provisioning, one sequential client: %zu users, %zu groups, %zu member PATCHes "
		            "(%zu members each at most)\n",
		            users, groups, patches, perPatch);
		std::printf("  users:   %8.1f s  (%zu POST /Users, %.2f ms each)\n", usersMs / 1000, userRequests,
		            usersMs / static_cast<double>(userRequests));
		std::printf("  groups:  %8.1f s  (%zu POST /Groups, %.2f ms each)\n", groupsMs / 1000, groups,
		            groupsMs / static_cast<double>(groups));
		std::printf("  members: %8.1f s  (%zu PATCH /Groups/{id}, %.2f ms each)\n", membersMs / 1000, patches,
		            membersMs / static_cast<double>(std::max<std::size_t>(1, patches)));
		std::printf("  TOTAL:   %8.1f s  for %zu requests (target < 60 s)\n", totalMs / 1000, totalRequests);
		std::printf("filter by userName (GET /Users?filter=userName eq \"...\"), %zu requests each:\n", samples);
		std::printf("  at %6zu users: median %.2f ms, p95 %.2f ms, mean %.2f ms\n", small, atSmall.median, atSmall.p95,
		            atSmall.mean);
		std::printf("  at %6zu users: median %.2f ms, p95 %.2f ms, mean %.2f ms (median ratio %.2f)\n", users,
		            atLarge.median, atLarge.p95, atLarge.mean, atLarge.median / atSmall.median);
		std::printf("SCIM_RESULT total_s=%.1f users=%zu groups=%zu patches=%zu filter_median_ms_small=%.2f "
		            "filter_median_ms_large=%.2f\n",
		            totalMs / 1000, users, groups, patches, atSmall.median, atLarge.median);
		return 0;
	}
	catch (std::exception& exc)
	{
		std::cerr << "orgs-bench-scim: " << exc.what() << std::endl;
		return 1;
	}
}
