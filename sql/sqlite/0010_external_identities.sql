-- External identities. Same tables as sql/mysql/0010_external_identities.sql (SQLite compares
-- text byte for byte, as the MySQL columns' utf8mb4_bin does).
ALTER TABLE accounts ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1));

CREATE TABLE external_identities (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
  created_at INTEGER NOT NULL,
  last_sign_in_at INTEGER NOT NULL,
  UNIQUE (issuer, subject)
);
CREATE INDEX external_identities_account ON external_identities (account_id, id);
