//
// Settings.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  Settings
//


#include "config/Settings.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/NumberParser.h"
#include "Poco/StringTokenizer.h"
#include "Poco/URI.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"
#include <algorithm>


namespace Orgs {
namespace Config {


namespace {


WebhookSettings loadWebhooks(Reader& reader)
{
	WebhookSettings w;
	w.deliver = reader.getBool("orgs.webhooks.deliver", w.deliver);
	w.pollMillis = reader.getInt("orgs.webhooks.pollMillis", static_cast<int>(w.pollMillis), 10, 3600000);
	std::string deflt;
	for (Poco::Int64 micros : w.retryMicros)
		deflt += (deflt.empty() ? "" : ",") + std::to_string(micros / 1000000);
	const std::string schedule = reader.getString("orgs.webhooks.retrySchedule", deflt);
	w.retryMicros.clear();
	for (const auto& item : Poco::StringTokenizer(
	         schedule, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
	{
		double seconds = 0;
		if (!Poco::NumberParser::tryParseFloat(item, seconds) || seconds < 0.001 || seconds > 7 * 86400)
			throw Poco::DataFormatException("orgs.webhooks.retrySchedule: expected seconds (0.001 to 604800) "
			                                "separated by commas, got '" +
			                                item + "'");
		w.retryMicros.push_back(static_cast<Poco::Int64>(seconds * 1e6));
	}
	if (w.retryMicros.empty() || w.retryMicros.size() > 100)
		throw Poco::DataFormatException("orgs.webhooks.retrySchedule: expected 1 to 100 waits");
	const int jitterPercent = reader.getInt("orgs.webhooks.retryJitterPercent", 20, 0, 50);
	w.retryJitter = jitterPercent / 100.0;
	w.timeoutSeconds = reader.getInt("orgs.webhooks.timeoutSeconds", w.timeoutSeconds, 1, 300);
	w.leaseMicros = reader.getSeconds("orgs.webhooks.leaseSeconds", w.leaseMicros, 1000000, 1, 86400);
	if (w.leaseMicros < 3LL * w.timeoutSeconds * 1000000)
		throw Poco::DataFormatException("orgs.webhooks.leaseSeconds: must be at least 3 x orgs.webhooks.timeoutSeconds "
		                                "(a delivery in progress must not be claimed by another host)");
	w.allowPrivateTargets = reader.getBool("orgs.webhooks.allowPrivateTargets", w.allowPrivateTargets);
	w.secretOverlapMicros =
	    reader.getSeconds("orgs.webhooks.secretOverlapSeconds", w.secretOverlapMicros, 1000000, 0, 30 * 86400);
	w.disableAfterMicros =
	    reader.getSeconds("orgs.webhooks.disableAfterSeconds", w.disableAfterMicros, 1000000, 0, 365 * 86400);
	w.disableAfterFailures = reader.getInt("orgs.webhooks.disableAfterFailures", w.disableAfterFailures, 0, 1000000);
	w.keepDeliveredDays = reader.getInt("orgs.webhooks.keepDeliveredDays", w.keepDeliveredDays, 0, 36500);
	return w;
}


MailSettings loadMail(Reader& reader)
{
	MailSettings m;
	m.deliver = reader.getBool("orgs.mail.deliver", m.deliver);
	m.pollMillis = reader.getInt("orgs.mail.pollMillis", static_cast<int>(m.pollMillis), 10, 3600000);
	m.retryInitialMicros =
	    reader.getSeconds("orgs.mail.retry.initialSeconds", m.retryInitialMicros, 1000000, 0.01, 86400);
	m.retryMaxMicros = reader.getSeconds("orgs.mail.retry.maxSeconds", m.retryMaxMicros, 1000000, 0.01, 7 * 86400);
	if (m.retryMaxMicros < m.retryInitialMicros)
		throw Poco::DataFormatException(
		    "orgs.mail.retry.maxSeconds: must not be less than orgs.mail.retry.initialSeconds");
	m.leaseMicros = reader.getSeconds("orgs.mail.leaseSeconds", m.leaseMicros, 1000000, 1, 86400);
	m.keepSentDays = reader.getInt("orgs.mail.keepSentDays", m.keepSentDays, 0, 36500);

	SmtpSettings& smtp = m.smtp;
	smtp.host = reader.getString("orgs.mail.smtp.host", smtp.host);
	smtp.port = reader.getInt("orgs.mail.smtp.port", smtp.port, 1, 65535);
	smtp.from = reader.getString("orgs.mail.smtp.from", smtp.from);
	smtp.username = reader.getRawString("orgs.mail.smtp.username", smtp.username);
	smtp.password = reader.getRawString("orgs.mail.smtp.password", smtp.password);
	smtp.timeoutSeconds = reader.getInt("orgs.mail.smtp.timeoutSeconds", smtp.timeoutSeconds, 1, 600);
	smtp.heloName = reader.getString("orgs.mail.smtp.heloName", smtp.heloName);
	if (!smtp.host.empty())
	{
		if (smtp.from.empty())
			throw Poco::DataFormatException("orgs.mail.smtp.from: required when orgs.mail.smtp.host is set");
		if (smtp.from.find('@') == std::string::npos || smtp.from.find_first_of("\r\n") != std::string::npos)
			throw Poco::DataFormatException("orgs.mail.smtp.from: expected an address such as "
			                                "\"Orgs <noreply@example.com>\", got '" +
			                                smtp.from + "'");
	}
	return m;
}


DomainSettings loadDomains(Reader& reader)
{
	DomainSettings d;
	// IPv4 literals only: libresolv takes a port with an IPv4 server alone, and a name would
	// need a resolver to find the resolver.
	static const Poco::RegularExpression serverRe("^([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})"
	                                              "(:([0-9]{1,5}))?$");
	d.nameservers = reader.getList("orgs.domains.nameservers", d.nameservers);
	if (d.nameservers.size() > 3)
		throw Poco::DataFormatException("orgs.domains.nameservers: at most 3 name servers");
	for (const auto& server : d.nameservers)
	{
		Poco::RegularExpression::MatchVec m;
		bool ok = serverRe.match(server, 0, m) > 0;
		for (int i = 1; ok && i <= 4; ++i)
			ok = std::stoi(server.substr(m[i].offset, m[i].length)) <= 255;
		if (ok && m.size() > 6 && m[6].offset != std::string::npos)
		{
			const int port = std::stoi(server.substr(m[6].offset, m[6].length));
			ok = port >= 1 && port <= 65535;
		}
		if (!ok)
			throw Poco::DataFormatException("orgs.domains.nameservers: expected an IPv4 address with an optional "
			                                ":port, got '" +
			                                server + "'");
	}
	d.dnsTimeoutSeconds = reader.getInt("orgs.domains.dnsTimeoutSeconds", d.dnsTimeoutSeconds, 1, 30);
	d.dnsAttempts = reader.getInt("orgs.domains.dnsAttempts", d.dnsAttempts, 1, 5);
	d.publicDomains = reader.getList("orgs.domains.publicDomains", d.publicDomains);
	for (auto& domain : d.publicDomains)
		domain = Poco::toLower(domain);
	return d;
}


void checkProviderUri(const std::string& key, const std::string& value)
	/// Refuses a URI the plugin would not fetch keys from: HTTPS, or plain HTTP to a loopback
	/// address only (a provider on the same machine, in development and tests).
{
	bool ok = false;
	try
	{
		const Poco::URI uri(value);
		const std::string host = uri.getHost();
		const bool loopback = host == "localhost" || host == "::1" || host.compare(0, 4, "127.") == 0;
		ok = !host.empty() && uri.getFragment().empty() &&
		     (uri.getScheme() == "https" || (uri.getScheme() == "http" && loopback));
	}
	catch (Poco::SyntaxException&)
	{
	}
	if (!ok)
		throw Poco::DataFormatException(key + ": expected an https:// URL (http:// only to a loopback address), got '" +
		                                value + "'");
}


OidcIssuerSettings loadIssuer(Reader& reader, const std::string& name)
{
	static const std::vector<std::string> SUPPORTED{"RS256", "RS384", "RS512", "ES256", "ES384"};
	static const std::vector<std::string> KEYS{"issuer",           "audience",   "jwksUri", "allowedAlgorithms",
	                                           "clockSkewSeconds", "groupsClaim"};
	const std::string key = "orgs.auth.oidc." + name;
	OidcIssuerSettings i;
	i.name = name;
	i.issuer = reader.getString(key + ".issuer", i.issuer);
	if (i.issuer.empty())
		throw Poco::DataFormatException(key + ".issuer: required (the iss its tokens carry)");
	checkProviderUri(key + ".issuer", i.issuer);
	i.audiences = reader.getList(key + ".audience", i.audiences);
	if (i.audiences.empty())
		throw Poco::DataFormatException(key + ".audience: required (the client id, or ids, its tokens are for)");
	i.jwksUri = reader.getString(key + ".jwksUri", i.jwksUri);
	if (!i.jwksUri.empty())
		checkProviderUri(key + ".jwksUri", i.jwksUri);
	i.algorithms = reader.getList(key + ".allowedAlgorithms", i.algorithms);
	if (i.algorithms.empty())
		throw Poco::DataFormatException(key + ".allowedAlgorithms: at least one algorithm is required");
	for (const auto& alg : i.algorithms)
	{
		// RFC 8725, 3.1 and 3.2: never "none", and never a shared-secret algorithm where the
		// verification key is public (an HMAC "signed" with the public key would pass).
		if (Poco::icompare(alg, "none") == 0 || Poco::icompare(alg.substr(0, 2), "HS") == 0)
			throw Poco::DataFormatException(key + ".allowedAlgorithms: '" + alg +
			                                "' is never accepted (tokens are verified with the issuer's public keys)");
		if (std::find(SUPPORTED.begin(), SUPPORTED.end(), alg) == SUPPORTED.end())
			throw Poco::DataFormatException(key + ".allowedAlgorithms: unsupported algorithm '" + alg +
			                                "' (RS256, RS384, RS512, ES256, ES384)");
	}
	i.clockSkewSeconds = reader.getInt(key + ".clockSkewSeconds", i.clockSkewSeconds, 0, 3600);
	i.groupsClaim = reader.getString(key + ".groupsClaim", i.groupsClaim);
	if (i.groupsClaim.empty())
		throw Poco::DataFormatException(key + ".groupsClaim: must name a claim");
	// A typo (".audiance") would otherwise leave a check silently off.
	Poco::Util::AbstractConfiguration::Keys keys;
	reader.keys(key, keys);
	for (const auto& k : keys)
	{
		if (std::find(KEYS.begin(), KEYS.end(), k) == KEYS.end())
			throw Poco::DataFormatException(key + "." + k +
			                                ": unknown key (issuer, audience, jwksUri, allowedAlgorithms, "
			                                "clockSkewSeconds, groupsClaim)");
	}
	return i;
}


OidcSettings loadOidc(Reader& reader, const Settings::PathResolver& resolvePath)
{
	static const Poco::RegularExpression nameRe("^[A-Za-z0-9_-]{1,64}$");
	static const std::string PREFIX("orgs.auth.oidc");
	OidcSettings o;
	o.linkVerifiedEmail = reader.getBool("orgs.auth.linkVerifiedEmail", o.linkVerifiedEmail);
	o.refetchIntervalSeconds = reader.getInt(PREFIX + ".refetchIntervalSeconds", o.refetchIntervalSeconds, 1, 86400);
	o.cacheEntries = reader.getInt(PREFIX + ".cacheEntries", o.cacheEntries, 0, 1 << 24);
	o.fetchTimeoutSeconds = reader.getInt(PREFIX + ".fetchTimeoutSeconds", o.fetchTimeoutSeconds, 1, 300);
	const std::string caFile = reader.getString("orgs.auth.tls.caFile", o.caFile);
	if (!caFile.empty())
	{
		o.caFile = resolvePath(caFile);
		const Poco::File file(o.caFile);
		if (!file.exists() || !file.isFile() || !file.canRead())
			throw Poco::DataFormatException("orgs.auth.tls.caFile: cannot read '" + o.caFile + "'");
	}
	// Every other name beneath orgs.auth.oidc is an issuer's.
	Poco::Util::AbstractConfiguration::Keys names;
	reader.keys(PREFIX, names);
	for (const auto& name : names)
	{
		if (name == "refetchIntervalSeconds" || name == "cacheEntries" || name == "fetchTimeoutSeconds")
			continue;
		if (!nameRe.match(name))
			throw Poco::DataFormatException(PREFIX + "." + name + ": invalid issuer name (A-Z, a-z, 0-9, _ and -)");
		OidcIssuerSettings issuer = loadIssuer(reader, name);
		for (const auto& other : o.issuers)
		{
			if (other.issuer == issuer.issuer)
				throw Poco::DataFormatException(PREFIX + "." + name + ".issuer: '" + issuer.issuer +
				                                "' is configured already as " + PREFIX + "." + other.name);
		}
		o.issuers.push_back(issuer);
	}
	return o;
}


} // namespace


Settings Settings::load(const Poco::Util::AbstractConfiguration& config, const PathResolver& resolvePath)
{
	Reader reader(config);
	return load(reader, resolvePath);
}


Settings Settings::load(Reader& reader, const PathResolver& resolvePath)
{
	Settings s;

	DatabaseSettings& db = s.database;
	db.connector = reader.getString("orgs.database.connector", db.connector);
	if (Poco::icompare(db.connector, "sqlite") == 0)
		db.connector = "SQLite";
	else if (Poco::icompare(db.connector, "mysql") == 0 || Poco::icompare(db.connector, "mariadb") == 0)
		db.connector = "MySQL";
	else
		throw Poco::DataFormatException("orgs.database.connector: expected SQLite or MySQL, got '" + db.connector +
		                                "'");
	db.connectionString = reader.getString("orgs.database.connectionString",
	                                       db.connector == "SQLite" ? DatabaseSettings::DEFAULT_SQLITE_FILE : "");
	if (db.connectionString.empty())
		throw Poco::DataFormatException("orgs.database.connectionString: required for the MySQL connector");
	if (db.connector == "SQLite")
	{
		if (db.connectionString == ":memory:")
			throw Poco::DataFormatException("orgs.database.connectionString: an in-memory SQLite database cannot be "
			                                "shared by a session pool; name a file");
		db.connectionString = resolvePath(db.connectionString);
	}
	db.minSessions = reader.getInt("orgs.database.minSessions", db.minSessions, 1, 1000);
	db.maxSessions = reader.getInt("orgs.database.maxSessions", db.maxSessions, db.minSessions, 1000);
	db.idleSeconds = reader.getInt("orgs.database.idleSeconds", db.idleSeconds, 1, 86400);
	db.busyTimeoutMs = reader.getInt("orgs.database.busyTimeoutMs", db.busyTimeoutMs, 0, 600000);
	db.sessionWaitMs = reader.getInt("orgs.database.sessionWaitMs", db.sessionWaitMs, 0, 600000);
	db.migrate = reader.getBool("orgs.database.migrate", db.migrate);
	db.nodes = reader.getList("orgs.database.nodes", db.nodes);
	if (!db.nodes.empty() && db.connector != "MySQL")
		throw Poco::DataFormatException("orgs.database.nodes: only the MySQL connector connects to several nodes");
	for (const std::string& node : db.nodes)
	{
		const std::string::size_type colon = node.rfind(':');
		unsigned port = 0;
		if (colon == std::string::npos || colon == 0 ||
		    !Poco::NumberParser::tryParseUnsigned(node.substr(colon + 1), port) || port == 0 || port > 65535)
			throw Poco::DataFormatException(
			    "orgs.database.nodes: expected host:port entries separated by commas, got '" + node + "'");
	}
	db.failoverSeconds = reader.getInt("orgs.database.failoverSeconds", db.failoverSeconds, 1, 300);
	db.syncWait = reader.getInt("orgs.database.syncWait", db.syncWait, 0, 15);

	s.basePath = reader.getString("orgs.http.basePath", s.basePath);
	if (s.basePath.empty() || s.basePath[0] != '/' || (s.basePath.size() > 1 && s.basePath.back() == '/'))
		throw Poco::DataFormatException("orgs.http.basePath: expected a path such as /api/v1, got '" + s.basePath +
		                                "'");
	s.maxBodyBytes = static_cast<std::size_t>(
	    reader.getInt("orgs.http.maxBodyBytes", static_cast<int>(s.maxBodyBytes), 1024, 64 * 1024 * 1024));
	s.errorLogWindowSeconds = reader.getInt("orgs.http.errorLogWindowSeconds", s.errorLogWindowSeconds, 0, 3600);
	s.selfSignup = reader.getBool("orgs.accounts.selfSignup", s.selfSignup);
	s.tokenTouchSeconds = reader.getInt("orgs.tokens.touchSeconds", s.tokenTouchSeconds, 0, 86400);

	static const Poco::RegularExpression regionRe("^[a-z][a-z0-9-]{0,31}$");
	s.regions = reader.getList("orgs.regions", s.regions);
	if (s.regions.empty())
		throw Poco::DataFormatException("orgs.regions: at least one region is required");
	for (const auto& r : s.regions)
	{
		if (!regionRe.match(r))
			throw Poco::DataFormatException("orgs.regions: invalid region '" + r + "' (a-z, 0-9 and -)");
	}

	s.defaultWorkspace = reader.getString("orgs.workspaces.default", s.defaultWorkspace);
	if (s.defaultWorkspace.size() > 100)
		throw Poco::DataFormatException("orgs.workspaces.default: at most 100 characters");
	s.workspaceMembershipRequired = reader.getBool("orgs.workspaces.membershipRequired", s.workspaceMembershipRequired);
	s.maxStalenessNs = reader.getSeconds("orgs.access.maxStaleness", s.maxStalenessNs, 1000000000, 0, 3600);
	s.cacheEntries = static_cast<std::size_t>(
	    reader.getInt("orgs.access.cacheEntries", static_cast<int>(s.cacheEntries), 64, 1 << 26));

	s.mail = loadMail(reader);
	s.webhooks = loadWebhooks(reader);
	s.retentionDays = reader.getInt("orgs.organizations.retentionDays", s.retentionDays, 0, 3650);
	s.purgeIntervalSeconds =
	    reader.getInt("orgs.organizations.purgeIntervalSeconds", s.purgeIntervalSeconds, 0, 7 * 86400);
	s.personalOnSignup = reader.getBool("orgs.organizations.personalOnSignup", s.personalOnSignup);
	s.personalAllowsMembers = reader.getBool("orgs.organizations.personalAllowsMembers", s.personalAllowsMembers);
	s.usageFlushSeconds = reader.getInt("orgs.usage.flushSeconds", s.usageFlushSeconds, 1, 86400);
	InvitationSettings& inv = s.invitations;
	inv.ttlDays = reader.getInt("orgs.invitations.ttlDays", inv.ttlDays, 1, 365);
	inv.exposeToken = reader.getBool("orgs.invitations.exposeToken", inv.exposeToken);
	inv.requireEmailMatch = reader.getBool("orgs.invitations.requireEmailMatch", inv.requireEmailMatch);
	inv.dailyLimit = reader.getInt("orgs.invitations.dailyLimit", inv.dailyLimit, 0, 1000000);
	inv.acceptUrl = reader.getString("orgs.invitations.acceptUrl", inv.acceptUrl);
	if (inv.acceptUrl.find("{token}") == std::string::npos)
		throw Poco::DataFormatException("orgs.invitations.acceptUrl: must contain {token}, got '" + inv.acceptUrl +
		                                "'");
	// Whether the invite link's role is a role is Configuration's check: the roles are another file.
	inv.linkRole = reader.getString("orgs.invitations.linkRole", inv.linkRole);
	inv.linkUrl = reader.getString("orgs.invitations.linkUrl", inv.linkUrl);
	if (inv.linkUrl.find("{token}") == std::string::npos)
		throw Poco::DataFormatException("orgs.invitations.linkUrl: must contain {token}, got '" + inv.linkUrl + "'");
	inv.requireWorkspace = reader.getBool("orgs.invitations.requireWorkspace", inv.requireWorkspace);
	s.plans = PlanCatalog::load(reader);
	s.domains = loadDomains(reader);

	// The proxies are checked where they are parsed (Http::ClientAddress), naming the key.
	s.trustedProxies = reader.getList("orgs.http.trustedProxies", s.trustedProxies);
	s.authFailureLimit = reader.getInt("orgs.auth.failureLimit", s.authFailureLimit, 0, 1000000);
	s.authMaxAddresses = static_cast<std::size_t>(
	    reader.getInt("orgs.auth.maxAddresses", static_cast<int>(s.authMaxAddresses), 16, 1 << 24));
	s.ssoEnabled = reader.getBool("orgs.sso.enabled", s.ssoEnabled);
	s.ssoRemoveUnmatched = reader.getBool("orgs.sso.removeUnmatched", s.ssoRemoveUnmatched);
	s.ssoRoleClaim = Poco::trim(reader.getString("orgs.sso.roleClaim", s.ssoRoleClaim));
	s.oidc = loadOidc(reader, resolvePath);
	s.metricsExposure = Poco::trim(reader.getString("orgs.metrics.exposure", s.metricsExposure));
	if (s.metricsExposure != "off" && s.metricsExposure != "loopback" && s.metricsExposure != "token")
		throw Poco::DataFormatException("orgs.metrics.exposure: off, loopback or token, got '" + s.metricsExposure +
		                                "'");
	s.metricsToken = Poco::trim(reader.getString("orgs.metrics.token", s.metricsToken));
	// The token is never echoed: an error names the key only.
	if (s.metricsExposure == "token" && s.metricsToken.size() < 16)
		throw Poco::DataFormatException("orgs.metrics.token: at least 16 characters are required when "
		                                "orgs.metrics.exposure is token");
	s.outboxStuckSeconds = reader.getInt("orgs.health.outboxStuckSeconds", s.outboxStuckSeconds, 1, 86400 * 30);

	// Read by InfrastructureModule (Service::SecretBox::fromFile), which refuses a bad key; the
	// key itself never passes through the configuration.
	const std::string keyFile = Poco::trim(reader.getString("orgs.secrets.keyFile", s.secretsKeyFile));
	s.secretsKeyFile = keyFile.empty() ? keyFile : resolvePath(keyFile);

	// Empty: the roles are in the configuration itself (as in a preset's file).
	const std::string rolesFile = reader.getString("orgs.roles.file", s.rolesFile);
	s.rolesFile = rolesFile.empty() ? rolesFile : resolvePath(rolesFile);
	return s;
}


} // namespace Config
} // namespace Orgs
