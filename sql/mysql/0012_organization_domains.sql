-- Domains an organization claims and proves it owns with a DNS TXT record.
--
-- A claim gets a random challenge, published by the domain's owner as the TXT record
-- _orgs-challenge.<domain>. Several organizations may claim the same domain, but only one
-- verifies it: verified_domain holds the domain while it is verified (NULL before), and its
-- UNIQUE index makes a second verification fail even when two race. join_mode says what a
-- verified domain does for accounts whose verified email is in it: nothing ('off'), list the
-- organization to them ('suggest') or make them members at their first sign-in ('auto'),
-- with join_role. Times are microseconds since the epoch, as elsewhere.
CREATE TABLE organization_domains (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  domain VARCHAR(253) NOT NULL,
  challenge VARCHAR(100) NOT NULL,
  verified_at BIGINT NULL,
  verified_domain VARCHAR(253) NULL,
  join_mode VARCHAR(16) NOT NULL DEFAULT 'off',
  join_role VARCHAR(64) NOT NULL,
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY organization_domains_domain (organization_id, domain),
  UNIQUE KEY organization_domains_verified (verified_domain),
  CONSTRAINT organization_domains_organization FOREIGN KEY (organization_id) REFERENCES organizations (id)
    ON DELETE CASCADE,
  CONSTRAINT organization_domains_created_by FOREIGN KEY (created_by) REFERENCES accounts (id) ON DELETE SET NULL,
  CONSTRAINT organization_domains_join_mode CHECK (join_mode IN ('off', 'suggest', 'auto'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
