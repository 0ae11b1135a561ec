-- Domains an organization claims and verifies by DNS. Same table as
-- sql/mysql/0012_organization_domains.sql.
CREATE TABLE organization_domains (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  challenge TEXT NOT NULL,
  verified_at INTEGER NULL,
  verified_domain TEXT NULL UNIQUE,
  join_mode TEXT NOT NULL DEFAULT 'off' CHECK (join_mode IN ('off', 'suggest', 'auto')),
  join_role TEXT NOT NULL,
  created_by INTEGER NULL REFERENCES accounts (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (organization_id, domain)
);
