-- Per-organization SSO connections and their mapping rules. Same tables as
-- sql/mysql/0011_sso_connections.sql, which explains them.
CREATE TABLE sso_connections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  issuer_name TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '',
  jwks_uri TEXT NOT NULL DEFAULT '',
  domains TEXT NOT NULL DEFAULT '',
  enforced INTEGER NOT NULL DEFAULT 0,
  default_role TEXT NULL,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (organization_id, name)
);
CREATE INDEX sso_connections_issuer ON sso_connections (issuer);
CREATE INDEX sso_connections_issuer_name ON sso_connections (issuer_name);

CREATE TABLE sso_mapping_rules (
  connection_id INTEGER NOT NULL REFERENCES sso_connections (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  claim TEXT NOT NULL,
  operator TEXT NOT NULL,
  value TEXT NOT NULL,
  target TEXT NOT NULL,
  workspace_id INTEGER NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (connection_id, position)
);
CREATE INDEX sso_mapping_rules_workspace ON sso_mapping_rules (workspace_id);

-- The identity provider a personal access token was created through (see the MySQL file).
ALTER TABLE access_tokens ADD COLUMN created_via_issuer TEXT NULL;
ALTER TABLE access_tokens ADD COLUMN created_via_audience TEXT NULL;
