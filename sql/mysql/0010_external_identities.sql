-- External identities: an account's identity at an OpenID Provider, and whether an identity
-- provider verified the account's email. Same tables as sql/sqlite/0010_external_identities.sql.

-- Set when an identity provider asserted the account's email as verified (email_verified in a
-- token of a configured issuer whose email is the account's).
ALTER TABLE accounts
  ADD COLUMN email_verified TINYINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT accounts_email_verified_flag CHECK (email_verified IN (0, 1));

-- (issuer, subject) is the provider's stable name of a user (OpenID Connect Core, 5.7): one
-- account each. Both compare byte for byte: "abc" and "ABC" are two users to a provider.
-- email and email_verified are what the provider said at the last sign-in.
CREATE TABLE external_identities (
  id BIGINT NOT NULL AUTO_INCREMENT,
  account_id BIGINT NOT NULL,
  issuer VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  email VARCHAR(254) NOT NULL DEFAULT '',
  email_verified TINYINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_sign_in_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY external_identities_issuer_subject (issuer, subject),
  KEY external_identities_account (account_id, id),
  CONSTRAINT external_identities_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT external_identities_email_verified_flag CHECK (email_verified IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
