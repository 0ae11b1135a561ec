-- Orgs core schema: handles, accounts, organizations, memberships, access tokens.
-- Times are UTC microseconds since the Unix epoch (BIGINT): exact, portable between
-- MariaDB and SQLite, and free of Poco::Data's DATETIME/TIMESTAMP traps.

-- One namespace for account and organization usernames. kind says who holds the handle;
-- accounts and organizations reference (handle, kind), so a handle is held at most once.
CREATE TABLE handles (
  handle VARCHAR(39) NOT NULL,
  kind CHAR(1) NOT NULL,
  PRIMARY KEY (handle),
  UNIQUE KEY handles_handle_kind (handle, kind),
  CONSTRAINT handles_kind_valid CHECK (kind IN ('a', 'o'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE accounts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  username VARCHAR(39) NOT NULL,
  handle_kind CHAR(1) NOT NULL DEFAULT 'a',
  email VARCHAR(254) NOT NULL,
  name VARCHAR(200) NOT NULL DEFAULT '',
  external_subject VARCHAR(191) NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY accounts_username (username),
  UNIQUE KEY accounts_external_subject (external_subject),
  KEY accounts_email (email),
  CONSTRAINT accounts_handle_kind CHECK (handle_kind = 'a'),
  CONSTRAINT accounts_handle FOREIGN KEY (username, handle_kind) REFERENCES handles (handle, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The owner is a column: exactly one owner per organization, whatever the races.
-- acl_version is incremented by every transaction that changes who may do what.
CREATE TABLE organizations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  username VARCHAR(39) NOT NULL,
  handle_kind CHAR(1) NOT NULL DEFAULT 'o',
  title VARCHAR(100) NOT NULL,
  region VARCHAR(32) NOT NULL,
  owner_account_id BIGINT NOT NULL,
  acl_version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY organizations_username (username),
  KEY organizations_owner (owner_account_id),
  CONSTRAINT organizations_handle_kind CHECK (handle_kind = 'o'),
  CONSTRAINT organizations_handle FOREIGN KEY (username, handle_kind) REFERENCES handles (handle, kind),
  CONSTRAINT organizations_owner FOREIGN KEY (owner_account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One membership per (organization, account). The owner has one too.
CREATE TABLE memberships (
  organization_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  role VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (organization_id, account_id),
  KEY memberships_account (account_id, organization_id),
  KEY memberships_role (organization_id, role, account_id),
  CONSTRAINT memberships_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT memberships_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Personal access tokens: only the SHA-256 of the secret is kept.
CREATE TABLE access_tokens (
  id BIGINT NOT NULL AUTO_INCREMENT,
  account_id BIGINT NOT NULL,
  name VARCHAR(100) NOT NULL,
  prefix VARCHAR(16) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NULL,
  expires_at BIGINT NULL,
  revoked_at BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY access_tokens_hash (token_hash),
  KEY access_tokens_account (account_id, id),
  CONSTRAINT access_tokens_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
