-- Organization-wide invitation links. Same table as sql/mysql/0008_invite_links.sql.
CREATE TABLE invite_links (
  organization_id INTEGER NOT NULL PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0
);
