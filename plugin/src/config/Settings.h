//
// Settings.h
//
// Library: OrgsPlugin
// Package: Config
// Module:  Settings
//
// The plugin's settings: every orgs.* key it reads but the role model's, each with its default.
//


#ifndef Orgs_Settings_INCLUDED
#define Orgs_Settings_INCLUDED


#include "config/PlanCatalog.h"
#include "config/Reader.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <functional>
#include <string>
#include <vector>


namespace Orgs {
namespace Config {


struct DatabaseSettings
	/// orgs.database.*
{
	static constexpr const char* DEFAULT_SQLITE_FILE = "orgs.db"; ///< SQLite's connection string when unset

	std::string connector = "SQLite"; ///< orgs.database.connector: SQLite or MySQL
	std::string connectionString;     ///< orgs.database.connectionString (SQLite: a file path; MySQL: required)
	int minSessions = 1;              ///< orgs.database.minSessions
	int maxSessions = 16;             ///< orgs.database.maxSessions
	int idleSeconds = 60;             ///< orgs.database.idleSeconds
	int busyTimeoutMs = 10000;        ///< orgs.database.busyTimeoutMs (SQLite writers wait this long)
	int sessionWaitMs = 2000;         ///< orgs.database.sessionWaitMs: wait this long for a free session
	bool migrate = true;              ///< orgs.database.migrate: apply pending migrations at start
	std::vector<std::string> nodes;   ///< orgs.database.nodes: host:port of each cluster node, preferred first
	int failoverSeconds = 5;          ///< orgs.database.failoverSeconds: how long a move to another node may take
	int syncWait = 1;                 ///< orgs.database.syncWait: wsrep_sync_wait of sessions on a Galera node
};


struct SmtpSettings
	/// orgs.mail.smtp.*: where SmtpMailer delivers. An empty host means no SMTP.
{
	std::string host;        ///< orgs.mail.smtp.host ("" = no SMTP: messages go to the log)
	int port = 25;           ///< orgs.mail.smtp.port
	std::string from;        ///< orgs.mail.smtp.from, e.g. "Orgs <noreply@example.com>" (required with a host)
	std::string username;    ///< orgs.mail.smtp.username ("" = no authentication)
	std::string password;    ///< orgs.mail.smtp.password
	int timeoutSeconds = 10; ///< orgs.mail.smtp.timeoutSeconds: connect and each reply
	std::string heloName;    ///< orgs.mail.smtp.heloName: the name sent with EHLO ("" = this host's name)
};


struct MailSettings
	/// orgs.mail.*: the outbox sender.
{
	bool deliver = true;                       ///< orgs.mail.deliver: run the outbox sender in this process
	long pollMillis = 1000;                    ///< orgs.mail.pollMillis: how often the sender looks for due mail
	Poco::Int64 retryInitialMicros = 30000000; ///< orgs.mail.retry.initialSeconds (first back-off)
	Poco::Int64 retryMaxMicros = 3600000000;   ///< orgs.mail.retry.maxSeconds (back-off cap)
	Poco::Int64 leaseMicros = 300000000;       ///< orgs.mail.leaseSeconds: how long a claimed message is reserved
	int keepSentDays = 30;                     ///< orgs.mail.keepSentDays: sent rows kept this long (0 = forever)
	SmtpSettings smtp;
};


struct WebhookSettings
	/// orgs.webhooks.*: webhook deliveries.
{
	bool deliver = true;    ///< orgs.webhooks.deliver: run the webhook sender in this process
	long pollMillis = 1000; ///< orgs.webhooks.pollMillis: how often the sender looks for due deliveries
	std::vector<Poco::Int64> retryMicros{5000000,       300000000,     1800000000,   7200000000,
	                                     18000000000LL, 36000000000LL, 36000000000LL};
	///< orgs.webhooks.retrySchedule: seconds to wait after the 1st, 2nd, ... failed attempt; given up after the last
	double retryJitter = 0.2; ///< orgs.webhooks.retryJitterPercent (20): each wait varies by up to this fraction
	int timeoutSeconds = 10;  ///< orgs.webhooks.timeoutSeconds: connect, send and answer, each
	Poco::Int64 leaseMicros = 120000000; ///< orgs.webhooks.leaseSeconds: how long a claimed delivery is reserved
	bool allowPrivateTargets = false; ///< orgs.webhooks.allowPrivateTargets: loopback/private/link-local URLs allowed
	Poco::Int64 secretOverlapMicros = 86400000000LL; ///< orgs.webhooks.secretOverlapSeconds: old secret signs too
	Poco::Int64 disableAfterMicros =
	    432000000000LL; ///< orgs.webhooks.disableAfterSeconds: failing this long disables (0: never)
	int disableAfterFailures =
	    0;                      ///< orgs.webhooks.disableAfterFailures: this many failures in a row disable (0: never)
	int keepDeliveredDays = 30; ///< orgs.webhooks.keepDeliveredDays: finished deliveries kept this long (0: forever)
};


struct InvitationSettings
	/// orgs.invitations.*
{
	int ttlDays = 7;               ///< orgs.invitations.ttlDays: days until a pending invitation expires
	bool exposeToken = false;      ///< orgs.invitations.exposeToken: token in API answers (development)
	bool requireEmailMatch = true; ///< orgs.invitations.requireEmailMatch
	int dailyLimit = 100;          ///< orgs.invitations.dailyLimit: per organization, rolling 24 h (0: none)
	std::string acceptUrl = "{base}/invitations/{token}"; ///< orgs.invitations.acceptUrl: the link in the mail
	std::string linkRole;                                ///< orgs.invitations.linkRole: invite link role ("" = default)
	std::string linkUrl = "{base}/invite-links/{token}"; ///< orgs.invitations.linkUrl: the invite link's URL
	bool requireWorkspace = false; ///< orgs.invitations.requireWorkspace: an invitation names at least one workspace
};


struct DomainSettings
	/// orgs.domains.*: verified domains.
{
	std::vector<std::string> nameservers; ///< orgs.domains.nameservers: IPv4 address[:port], at most 3
	                                      ///< ("": the system's, /etc/resolv.conf)
	int dnsTimeoutSeconds = 2;            ///< orgs.domains.dnsTimeoutSeconds: a name server's first try
	int dnsAttempts = 2;                  ///< orgs.domains.dnsAttempts: tries per name server
	std::vector<std::string>
	    publicDomains{"gmail.com",    "googlemail.com", "outlook.com", "hotmail.com", "live.com",   "msn.com",
	                  "yahoo.com",    "ymail.com",      "icloud.com",  "me.com",      "mac.com",    "aol.com",
	                  "proton.me",    "protonmail.com", "pm.me",       "gmx.com",     "gmx.de",     "gmx.net",
	                  "web.de",       "mail.com",       "zoho.com",    "yandex.ru",   "yandex.com", "mail.ru",
	                  "qq.com",       "163.com",        "126.com",     "sina.com",    "naver.com",  "fastmail.com",
	                  "tutanota.com", "hey.com"}; ///< orgs.domains.publicDomains: mail domains nobody may claim
};


struct OidcIssuerSettings
	/// orgs.auth.oidc.<name>.*: an OpenID Provider whose tokens are accepted (see
	/// Federation::IssuerSpec, which the runtime makes of it).
{
	std::string name;                   ///< <name>
	std::string issuer;                 ///< .issuer (required): iss exactly as the provider writes it
	std::vector<std::string> audiences; ///< .audience (required): one or a comma-separated list
	std::string jwksUri;                ///< .jwksUri ("" = OpenID discovery at the issuer)
	std::vector<std::string> algorithms{"RS256", "ES256"}; ///< .allowedAlgorithms
	int clockSkewSeconds = 60;                             ///< .clockSkewSeconds: leeway on exp, nbf and iat
	std::string groupsClaim = "groups";                    ///< .groupsClaim
};


struct OidcSettings
	/// orgs.auth.oidc.*, orgs.auth.linkVerifiedEmail and orgs.auth.tls.*: signing in with tokens
	/// of OpenID Providers.
{
	std::vector<OidcIssuerSettings> issuers; ///< the configured issuers, by name
	bool linkVerifiedEmail = false;          ///< orgs.auth.linkVerifiedEmail: a configured issuer's verified email
	                                         ///< signs in to the existing account with that email
	int refetchIntervalSeconds = 60;         ///< orgs.auth.oidc.refetchIntervalSeconds: an unknown kid refetches an
	                                         ///< issuer's keys at most once per interval
	int cacheEntries = 10000;                ///< orgs.auth.oidc.cacheEntries: verified tokens remembered at most
	int fetchTimeoutSeconds = 10;            ///< orgs.auth.oidc.fetchTimeoutSeconds: discovery and key fetches
	std::string caFile;                      ///< orgs.auth.tls.caFile: CA certificates (PEM) trusted besides the
	                                         ///< system's for the fetches ("" = the system's only)
};


class Settings
	/// The plugin's settings, read once at start. Malformed values stop start-up with a
	/// Poco::DataFormatException naming the key.
	///
	/// The initial value of each member below is the key's default, and the only place that
	/// declares it: load() starts from a default-constructed Settings, and the shipped
	/// properties files set a key only to a value that differs from it (SettingsTest checks
	/// them). Rules that tie keys of different files together are Configuration's.
{
public:
	using PathResolver = std::function<std::string(const std::string&)>;

	static Settings load(const Poco::Util::AbstractConfiguration& config, const PathResolver& resolvePath);
		/// Reads every key; relative file paths are turned absolute with resolvePath.

	static Settings load(Reader& reader, const PathResolver& resolvePath);
		/// As load(config, resolvePath), through reader, which then knows every key read.

	DatabaseSettings database;
	std::string basePath = "/api/v1";       ///< orgs.http.basePath
	std::size_t maxBodyBytes = 1024 * 1024; ///< orgs.http.maxBodyBytes
	int errorLogWindowSeconds = 10;         ///< orgs.http.errorLogWindowSeconds: repeats of a 5xx cause summarised
	bool selfSignup = false;                ///< orgs.accounts.selfSignup
	std::vector<std::string> regions{"us", "eu"}; ///< orgs.regions (the first is the default)
	std::string rolesFile = "roles.properties";   ///< orgs.roles.file (absolute once loaded; "": roles inline)
	int tokenTouchSeconds = 60;                   ///< orgs.tokens.touchSeconds: last_used_at granularity
	std::string defaultWorkspace;             ///< orgs.workspaces.default: created with each organization ("" for none)
	bool workspaceMembershipRequired = false; ///< orgs.workspaces.membershipRequired: every member is in a workspace
	Poco::Int64 maxStalenessNs =
	    1000000000;                   ///< orgs.access.maxStaleness (seconds, may be fractional; 0 = always check)
	std::size_t cacheEntries = 65536; ///< orgs.access.cacheEntries
	MailSettings mail;                ///< orgs.mail.*
	WebhookSettings webhooks;         ///< orgs.webhooks.*

	int retentionDays = 30; ///< orgs.organizations.retentionDays: a deleted organization can be restored this long
	int purgeIntervalSeconds = 3600; ///< orgs.organizations.purgeIntervalSeconds: how often the purge runs (0: never)
	bool personalOnSignup = false;   ///< orgs.organizations.personalOnSignup: a personal organization per new account
	bool personalAllowsMembers = false; ///< orgs.organizations.personalAllowsMembers: others may join a personal one
	int usageFlushSeconds = 10;         ///< orgs.usage.flushSeconds: how often request counts are written
	InvitationSettings invitations;     ///< orgs.invitations.*
	DomainSettings domains;             ///< orgs.domains.*
	PlanCatalog plans;                  ///< orgs.plans.*

	// Failed authentication (Http::FailureLimiter) and the client's address (Http::ClientAddress).
	std::vector<std::string> trustedProxies; ///< orgs.http.trustedProxies: addresses or networks (10.0.0.0/8)
	int authFailureLimit = 100;              ///< orgs.auth.failureLimit: per client address and minute (0: off)
	std::size_t authMaxAddresses = 65536;    ///< orgs.auth.maxAddresses: client addresses tracked at most

	OidcSettings oidc; ///< OpenID Connect issuers (orgs.auth.oidc.*)

	bool ssoEnabled = true;          ///< orgs.sso.enabled: organizations may have SSO connections
	bool ssoRemoveUnmatched = false; ///< orgs.sso.removeUnmatched: a member no SSO rule admits any more is removed
	std::string ssoRoleClaim;        ///< orgs.sso.roleClaim: a claim naming the organization role ("": none)

	// GET /metrics and the readiness probe (Metrics::MetricsModule).
	std::string metricsExposure = "loopback"; ///< orgs.metrics.exposure: off, loopback (the client's address) or token
	std::string metricsToken;                 ///< orgs.metrics.token: the bearer token when exposure is token
	int outboxStuckSeconds = 900; ///< orgs.health.outboxStuckSeconds: a due outbox row older than this fails readiness

	std::string secretsKeyFile; ///< orgs.secrets.keyFile: the key that seals stored secrets (absolute; "": none)
};


} // namespace Config
} // namespace Orgs


#endif // Orgs_Settings_INCLUDED
