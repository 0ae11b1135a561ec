-- Per-organization SSO connections and their mapping rules. Same tables as
-- sql/sqlite/0011_sso_connections.sql.
--
-- A connection names the issuer whose tokens it sees: one of the configured issuers
-- (issuer_name = orgs.auth.oidc.<name>; issuer and audience empty) or its own issuer and
-- audience (issuer_name empty). domains lists the lower-case email domains it serves,
-- comma-separated: a connection on a configured (shared) issuer sees only verified emails of
-- these domains, and enforcement concerns the members whose email is in them. default_role
-- (NULL: none) is the organization role of everyone it admits whom no organization rule
-- matches. Listings are keyset-paginated by id.
CREATE TABLE sso_connections (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  issuer_name VARCHAR(64) NOT NULL DEFAULT '',
  issuer VARCHAR(500) NOT NULL DEFAULT '',
  audience VARCHAR(500) NOT NULL DEFAULT '',
  jwks_uri VARCHAR(500) NOT NULL DEFAULT '',
  domains VARCHAR(2000) NOT NULL DEFAULT '',
  enforced TINYINT NOT NULL DEFAULT 0,
  default_role VARCHAR(64) NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY sso_connections_org_name (organization_id, name),
  KEY sso_connections_org (organization_id, id),
  KEY sso_connections_issuer (issuer(190)),
  KEY sso_connections_issuer_name (issuer_name),
  CONSTRAINT sso_connections_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT sso_connections_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A connection's mapping rules, in the order they are tried (position from 0): for each
-- scope (the organization, each workspace) the first rule that matches wins. A rule of a
-- workspace that is deleted goes with it.
CREATE TABLE sso_mapping_rules (
  connection_id BIGINT NOT NULL,
  position INT NOT NULL,
  claim VARCHAR(100) NOT NULL,
  operator VARCHAR(16) NOT NULL,
  value VARCHAR(500) NOT NULL,
  target VARCHAR(16) NOT NULL,
  workspace_id BIGINT NULL,
  role VARCHAR(64) NOT NULL,
  PRIMARY KEY (connection_id, position),
  KEY sso_mapping_rules_workspace (workspace_id),
  CONSTRAINT sso_mapping_rules_connection FOREIGN KEY (connection_id) REFERENCES sso_connections (id) ON DELETE CASCADE,
  CONSTRAINT sso_mapping_rules_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The identity provider a personal access token was created through: the issuer and audience
-- of the token that signed its creator in (NULL: created otherwise). An enforced connection
-- accepts a member's personal access token only if it was created through the connection's
-- issuer; a connection is its issuer and audience, and one token of a shared issuer may be
-- seen by several organizations' connections, so the token keeps those rather than one id.
ALTER TABLE access_tokens
  ADD COLUMN created_via_issuer VARCHAR(500) NULL,
  ADD COLUMN created_via_audience VARCHAR(500) NULL;
