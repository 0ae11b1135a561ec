-- SCIM 2.0 provisioning: per-organization connections with their bearer token and mapping
-- rules, and the users and groups each connection's directory pushed. Same tables as
-- sql/sqlite/0013_scim.sql.
--
-- A connection's token is random and shown once: token_hash is its SHA-256 in hex (UNIQUE:
-- the token authenticates a SCIM request by one index probe), token_prefix its first
-- characters for people to recognise it. Rotating writes a new hash (the old token stops at
-- once); deleting the connection revokes it. default_role (NULL: the organization's default)
-- is the organization role of a provisioned user whom no organization rule maps.
CREATE TABLE scim_connections (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  token_hash CHAR(64) COLLATE utf8mb4_bin NOT NULL,
  token_prefix VARCHAR(32) NOT NULL,
  default_role VARCHAR(64) NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  token_created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY scim_connections_org_name (organization_id, name),
  UNIQUE KEY scim_connections_token (token_hash),
  KEY scim_connections_org (organization_id, id),
  CONSTRAINT scim_connections_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT scim_connections_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A connection's mapping rules, as sso_mapping_rules (claim "groups": the names of the SCIM
-- groups the user is in).
CREATE TABLE scim_mapping_rules (
  connection_id BIGINT NOT NULL,
  position INT NOT NULL,
  claim VARCHAR(100) NOT NULL,
  operator VARCHAR(16) NOT NULL,
  value VARCHAR(500) NOT NULL,
  target VARCHAR(16) NOT NULL,
  workspace_id BIGINT NULL,
  role VARCHAR(64) NOT NULL,
  PRIMARY KEY (connection_id, position),
  KEY scim_mapping_rules_workspace (workspace_id),
  CONSTRAINT scim_mapping_rules_connection FOREIGN KEY (connection_id) REFERENCES scim_connections (id) ON DELETE CASCADE,
  CONSTRAINT scim_mapping_rules_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The users a connection provisioned: each is an account (made by the connection, or an
-- existing one linked by a verified email of the organization's verified domains), a member
-- of the organization while active. user_name_key is the lower-case userName (userName
-- compares case-insensitively) and email_key the lower-case primary email: the filters on
-- userName, externalId, emails.value and displayName are index look-ups. A DELETE leaves a
-- tombstone (deleted_at set, user_name_key NULL so the userName is free again): the deleted
-- user stays blocked from joining through the organization's SSO connections.
-- account_created: the connection made the account (so its profile follows the directory).
-- attributes holds the representation's other stored attributes as JSON text. The keys
-- compare byte for byte (utf8mb4_bin), as SQLite does; externalId is case-exact.
CREATE TABLE scim_users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  connection_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  user_name VARCHAR(255) NOT NULL,
  user_name_key VARCHAR(190) COLLATE utf8mb4_bin NULL,
  external_id VARCHAR(190) COLLATE utf8mb4_bin NULL,
  display_name VARCHAR(255) NOT NULL DEFAULT '',
  given_name VARCHAR(255) NOT NULL DEFAULT '',
  family_name VARCHAR(255) NOT NULL DEFAULT '',
  formatted_name VARCHAR(255) NOT NULL DEFAULT '',
  email VARCHAR(254) NOT NULL DEFAULT '',
  email_key VARCHAR(190) COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  attributes TEXT NOT NULL,
  active TINYINT NOT NULL DEFAULT 1,
  account_created TINYINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY scim_users_user_name (connection_id, user_name_key),
  KEY scim_users_external_id (connection_id, external_id),
  KEY scim_users_email (connection_id, email_key),
  KEY scim_users_display_name (connection_id, display_name(190)),
  KEY scim_users_org_account (organization_id, account_id),
  CONSTRAINT scim_users_connection FOREIGN KEY (connection_id) REFERENCES scim_connections (id) ON DELETE CASCADE,
  CONSTRAINT scim_users_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT scim_users_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every email address of a live user, lower-cased: the filter emails.value eq "..." (also
-- emails[type eq "work"].value) is an index look-up whichever of the user's addresses it names.
CREATE TABLE scim_user_emails (
  scim_user_id BIGINT NOT NULL,
  connection_id BIGINT NOT NULL,
  email_key VARCHAR(190) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (scim_user_id, email_key),
  KEY scim_user_emails_key (connection_id, email_key),
  CONSTRAINT scim_user_emails_user FOREIGN KEY (scim_user_id) REFERENCES scim_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The groups a connection provisioned; display_name_key is the lower-case displayName,
-- unique per connection.
CREATE TABLE scim_groups (
  id BIGINT NOT NULL AUTO_INCREMENT,
  connection_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  display_name VARCHAR(255) NOT NULL,
  display_name_key VARCHAR(190) COLLATE utf8mb4_bin NOT NULL,
  external_id VARCHAR(190) COLLATE utf8mb4_bin NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY scim_groups_display_name (connection_id, display_name_key),
  KEY scim_groups_external_id (connection_id, external_id),
  CONSTRAINT scim_groups_connection FOREIGN KEY (connection_id) REFERENCES scim_connections (id) ON DELETE CASCADE,
  CONSTRAINT scim_groups_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE scim_group_members (
  group_id BIGINT NOT NULL,
  scim_user_id BIGINT NOT NULL,
  PRIMARY KEY (group_id, scim_user_id),
  KEY scim_group_members_user (scim_user_id),
  CONSTRAINT scim_group_members_group FOREIGN KEY (group_id) REFERENCES scim_groups (id) ON DELETE CASCADE,
  CONSTRAINT scim_group_members_user FOREIGN KEY (scim_user_id) REFERENCES scim_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who an event's actor acted as, when not itself: "scim:<connection name>" for the changes a
-- SCIM connection makes (the actor account is then the connection's creator). NULL otherwise.
ALTER TABLE audit_events ADD COLUMN actor_via VARCHAR(200) NULL;
