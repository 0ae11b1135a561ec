-- Orgs core schema: handles, accounts, organizations, memberships, access tokens.
-- Times are UTC microseconds since the Unix epoch. Same tables and constraints as
-- sql/mysql/0001_core.sql in SQLite's dialect.

-- One namespace for account and organization usernames.
CREATE TABLE handles (
  handle TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('a', 'o')),
  UNIQUE (handle, kind)
);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  handle_kind TEXT NOT NULL DEFAULT 'a' CHECK (handle_kind = 'a'),
  email TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  external_subject TEXT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (username, handle_kind) REFERENCES handles (handle, kind)
);
CREATE INDEX accounts_email ON accounts (email);

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  handle_kind TEXT NOT NULL DEFAULT 'o' CHECK (handle_kind = 'o'),
  title TEXT NOT NULL,
  region TEXT NOT NULL,
  owner_account_id INTEGER NOT NULL REFERENCES accounts (id),
  acl_version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (username, handle_kind) REFERENCES handles (handle, kind)
);
CREATE INDEX organizations_owner ON organizations (owner_account_id);

CREATE TABLE memberships (
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, account_id)
) WITHOUT ROWID;
CREATE INDEX memberships_account ON memberships (account_id, organization_id);
CREATE INDEX memberships_role ON memberships (organization_id, role, account_id);

CREATE TABLE access_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NULL,
  expires_at INTEGER NULL,
  revoked_at INTEGER NULL
);
CREATE INDEX access_tokens_account ON access_tokens (account_id, id);
