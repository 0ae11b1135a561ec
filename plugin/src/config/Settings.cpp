//
// Settings.cpp
//
// Library: OrgsPlugin
// Package: Config
// Module:  Settings
//


#include "config/Settings.h"
#include "config/RoleCatalog.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/RegularExpression.h"
#include "Poco/String.h"


namespace Orgs {
namespace Config {


namespace {


int readInt(const Poco::Util::AbstractConfiguration& config, const std::string& key, int def, int min, int max)
{
	const std::string text = Poco::trim(config.getString(key, std::to_string(def)));
	int value = 0;
	if (!Poco::NumberParser::tryParse(text, value) || value < min || value > max)
	{
		throw Poco::DataFormatException(key + ": expected an integer from " + std::to_string(min) + " to " +
		                                std::to_string(max) + ", got '" + text + "'");
	}
	return value;
}


bool readBool(const Poco::Util::AbstractConfiguration& config, const std::string& key, bool def)
{
	try
	{
		return config.getBool(key, def);
	}
	catch (Poco::SyntaxException&)
	{
		throw Poco::DataFormatException(key + ": expected true or false, got '" + config.getString(key) + "'");
	}
}


Poco::Int64 readSecondsAsMicros(const Poco::Util::AbstractConfiguration& config, const std::string& key, double def,
                                double min, double max)
{
	const std::string text = Poco::trim(config.getString(key, Poco::NumberFormatter::format(def)));
	double value = 0;
	if (!Poco::NumberParser::tryParseFloat(text, value) || !(value >= min) || !(value <= max))
	{
		throw Poco::DataFormatException(key + ": expected seconds from " + Poco::NumberFormatter::format(min) + " to " +
		                                Poco::NumberFormatter::format(max) + ", got '" + text + "'");
	}
	return static_cast<Poco::Int64>(value * 1e6);
}


MailSettings loadMail(const Poco::Util::AbstractConfiguration& config)
{
	MailSettings m;
	m.deliver = readBool(config, "orgs.mail.deliver", m.deliver);
	m.pollMillis = readInt(config, "orgs.mail.pollMillis", static_cast<int>(m.pollMillis), 10, 3600000);
	m.retryInitialMicros = readSecondsAsMicros(config, "orgs.mail.retry.initialSeconds", 30, 0.01, 86400);
	m.retryMaxMicros = readSecondsAsMicros(config, "orgs.mail.retry.maxSeconds", 3600, 0.01, 7 * 86400);
	if (m.retryMaxMicros < m.retryInitialMicros)
		throw Poco::DataFormatException(
		    "orgs.mail.retry.maxSeconds: must not be less than orgs.mail.retry.initialSeconds");
	m.leaseMicros = readSecondsAsMicros(config, "orgs.mail.leaseSeconds", 300, 1, 86400);
	m.keepSentDays = readInt(config, "orgs.mail.keepSentDays", m.keepSentDays, 0, 36500);

	SmtpSettings& smtp = m.smtp;
	smtp.host = Poco::trim(config.getString("orgs.mail.smtp.host", ""));
	smtp.port = readInt(config, "orgs.mail.smtp.port", smtp.port, 1, 65535);
	smtp.from = Poco::trim(config.getString("orgs.mail.smtp.from", ""));
	smtp.username = config.getString("orgs.mail.smtp.username", "");
	smtp.password = config.getString("orgs.mail.smtp.password", "");
	smtp.timeoutSeconds = readInt(config, "orgs.mail.smtp.timeoutSeconds", smtp.timeoutSeconds, 1, 600);
	smtp.heloName = Poco::trim(config.getString("orgs.mail.smtp.heloName", ""));
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


} // namespace


Settings Settings::load(const Poco::Util::AbstractConfiguration& config, const PathResolver& resolvePath)
{
	Settings s;

	DatabaseSettings& db = s.database;
	db.connector = Poco::trim(config.getString("orgs.database.connector", db.connector));
	if (Poco::icompare(db.connector, "sqlite") == 0)
		db.connector = "SQLite";
	else if (Poco::icompare(db.connector, "mysql") == 0 || Poco::icompare(db.connector, "mariadb") == 0)
		db.connector = "MySQL";
	else
		throw Poco::DataFormatException("orgs.database.connector: expected SQLite or MySQL, got '" + db.connector +
		                                "'");
	db.connectionString =
	    Poco::trim(config.getString("orgs.database.connectionString", db.connector == "SQLite" ? "orgs.db" : ""));
	if (db.connectionString.empty())
		throw Poco::DataFormatException("orgs.database.connectionString: required for the MySQL connector");
	if (db.connector == "SQLite")
	{
		if (db.connectionString == ":memory:")
			throw Poco::DataFormatException("orgs.database.connectionString: an in-memory SQLite database cannot be "
			                                "shared by a session pool; name a file");
		db.connectionString = resolvePath(db.connectionString);
	}
	db.minSessions = readInt(config, "orgs.database.minSessions", db.minSessions, 1, 1000);
	db.maxSessions = readInt(config, "orgs.database.maxSessions", db.maxSessions, db.minSessions, 1000);
	db.idleSeconds = readInt(config, "orgs.database.idleSeconds", db.idleSeconds, 1, 86400);
	db.busyTimeoutMs = readInt(config, "orgs.database.busyTimeoutMs", db.busyTimeoutMs, 0, 600000);
	db.sessionWaitMs = readInt(config, "orgs.database.sessionWaitMs", db.sessionWaitMs, 0, 600000);
	db.migrate = readBool(config, "orgs.database.migrate", db.migrate);

	s.basePath = Poco::trim(config.getString("orgs.http.basePath", s.basePath));
	if (s.basePath.empty() || s.basePath[0] != '/' || (s.basePath.size() > 1 && s.basePath.back() == '/'))
		throw Poco::DataFormatException("orgs.http.basePath: expected a path such as /api/v1, got '" + s.basePath +
		                                "'");
	s.maxBodyBytes = static_cast<std::size_t>(
	    readInt(config, "orgs.http.maxBodyBytes", static_cast<int>(s.maxBodyBytes), 1024, 64 * 1024 * 1024));
	s.errorLogWindowSeconds = readInt(config, "orgs.http.errorLogWindowSeconds", s.errorLogWindowSeconds, 0, 3600);
	s.selfSignup = readBool(config, "orgs.accounts.selfSignup", s.selfSignup);
	s.tokenTouchSeconds = readInt(config, "orgs.tokens.touchSeconds", s.tokenTouchSeconds, 0, 86400);

	static const Poco::RegularExpression regionRe("^[a-z][a-z0-9-]{0,31}$");
	s.regions = RoleCatalog::parseList(config.getString("orgs.regions", "us, eu"), "orgs.regions");
	if (s.regions.empty())
		throw Poco::DataFormatException("orgs.regions: at least one region is required");
	for (const auto& r : s.regions)
	{
		if (!regionRe.match(r))
			throw Poco::DataFormatException("orgs.regions: invalid region '" + r + "' (a-z, 0-9 and -)");
	}

	s.defaultWorkspace = Poco::trim(config.getString("orgs.workspaces.default", ""));
	if (s.defaultWorkspace.size() > 100)
		throw Poco::DataFormatException("orgs.workspaces.default: at most 100 characters");
	s.workspaceMembershipRequired =
	    readBool(config, "orgs.workspaces.membershipRequired", s.workspaceMembershipRequired);
	const std::string staleness = Poco::trim(config.getString("orgs.access.maxStaleness", "1"));
	double seconds = 0;
	if (!Poco::NumberParser::tryParseFloat(staleness, seconds) || seconds < 0 || seconds > 3600)
		throw Poco::DataFormatException("orgs.access.maxStaleness: expected seconds from 0 to 3600, got '" + staleness +
		                                "'");
	s.maxStalenessNs = static_cast<Poco::Int64>(seconds * 1e9);
	s.cacheEntries = static_cast<std::size_t>(
	    readInt(config, "orgs.access.cacheEntries", static_cast<int>(s.cacheEntries), 64, 1 << 26));

	s.mail = loadMail(config);
	s.retentionDays = readInt(config, "orgs.organizations.retentionDays", s.retentionDays, 0, 3650);
	s.purgeIntervalSeconds =
	    readInt(config, "orgs.organizations.purgeIntervalSeconds", s.purgeIntervalSeconds, 0, 7 * 86400);
	s.personalOnSignup = readBool(config, "orgs.organizations.personalOnSignup", s.personalOnSignup);
	s.personalAllowsMembers = readBool(config, "orgs.organizations.personalAllowsMembers", s.personalAllowsMembers);
	s.usageFlushSeconds = readInt(config, "orgs.usage.flushSeconds", s.usageFlushSeconds, 1, 86400);
	InvitationSettings& inv = s.invitations;
	inv.ttlDays = readInt(config, "orgs.invitations.ttlDays", inv.ttlDays, 1, 365);
	inv.exposeToken = readBool(config, "orgs.invitations.exposeToken", inv.exposeToken);
	inv.requireEmailMatch = readBool(config, "orgs.invitations.requireEmailMatch", inv.requireEmailMatch);
	inv.dailyLimit = readInt(config, "orgs.invitations.dailyLimit", inv.dailyLimit, 0, 1000000);
	inv.acceptUrl = Poco::trim(config.getString("orgs.invitations.acceptUrl", inv.acceptUrl));
	if (inv.acceptUrl.find("{token}") == std::string::npos)
		throw Poco::DataFormatException("orgs.invitations.acceptUrl: must contain {token}, got '" + inv.acceptUrl +
		                                "'");
	// The invite link's role is checked against the roles by the service that uses it.
	inv.linkRole = Poco::trim(config.getString("orgs.invitations.linkRole", inv.linkRole));
	inv.linkUrl = Poco::trim(config.getString("orgs.invitations.linkUrl", inv.linkUrl));
	if (inv.linkUrl.find("{token}") == std::string::npos)
		throw Poco::DataFormatException("orgs.invitations.linkUrl: must contain {token}, got '" + inv.linkUrl + "'");
	inv.requireWorkspace = readBool(config, "orgs.invitations.requireWorkspace", inv.requireWorkspace);
	s.plans = PlanCatalog::load(config);

	// The proxies are checked where they are parsed (Http::ClientAddress), naming the key.
	s.trustedProxies =
	    RoleCatalog::parseList(config.getString("orgs.http.trustedProxies", ""), "orgs.http.trustedProxies");
	s.authFailureLimit = readInt(config, "orgs.auth.failureLimit", s.authFailureLimit, 0, 1000000);
	s.authMaxAddresses = static_cast<std::size_t>(
	    readInt(config, "orgs.auth.maxAddresses", static_cast<int>(s.authMaxAddresses), 16, 1 << 24));

	// Empty: the roles are in the configuration itself (as in a preset's file).
	const std::string rolesFile = Poco::trim(config.getString("orgs.roles.file", "roles.properties"));
	s.rolesFile = rolesFile.empty() ? rolesFile : resolvePath(rolesFile);
	return s;
}


} // namespace Config
} // namespace Orgs
