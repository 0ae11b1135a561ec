-- SCIM 2.0 provisioning. Same tables as sql/mysql/0013_scim.sql, which explains them.
CREATE TABLE scim_connections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  token_prefix TEXT NOT NULL,
  default_role TEXT NULL,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  token_created_at INTEGER NOT NULL,
  UNIQUE (organization_id, name),
  UNIQUE (token_hash)
);

CREATE TABLE scim_mapping_rules (
  connection_id INTEGER NOT NULL REFERENCES scim_connections (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  claim TEXT NOT NULL,
  operator TEXT NOT NULL,
  value TEXT NOT NULL,
  target TEXT NOT NULL,
  workspace_id INTEGER NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (connection_id, position)
);
CREATE INDEX scim_mapping_rules_workspace ON scim_mapping_rules (workspace_id);

CREATE TABLE scim_users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id INTEGER NOT NULL REFERENCES scim_connections (id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  user_name TEXT NOT NULL,
  user_name_key TEXT NULL,
  external_id TEXT NULL,
  display_name TEXT COLLATE NOCASE NOT NULL DEFAULT '',
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  formatted_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  email_key TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  account_created INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER NULL,
  UNIQUE (connection_id, user_name_key)
);
CREATE INDEX scim_users_external_id ON scim_users (connection_id, external_id);
CREATE INDEX scim_users_email ON scim_users (connection_id, email_key);
CREATE INDEX scim_users_display_name ON scim_users (connection_id, display_name);
CREATE INDEX scim_users_org_account ON scim_users (organization_id, account_id);

CREATE TABLE scim_user_emails (
  scim_user_id INTEGER NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL,
  email_key TEXT NOT NULL,
  PRIMARY KEY (scim_user_id, email_key)
);
CREATE INDEX scim_user_emails_key ON scim_user_emails (connection_id, email_key);

CREATE TABLE scim_groups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connection_id INTEGER NOT NULL REFERENCES scim_connections (id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  display_name_key TEXT NOT NULL,
  external_id TEXT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (connection_id, display_name_key)
);
CREATE INDEX scim_groups_external_id ON scim_groups (connection_id, external_id);

CREATE TABLE scim_group_members (
  group_id INTEGER NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
  scim_user_id INTEGER NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, scim_user_id)
);
CREATE INDEX scim_group_members_user ON scim_group_members (scim_user_id);

ALTER TABLE audit_events ADD COLUMN actor_via TEXT NULL;
