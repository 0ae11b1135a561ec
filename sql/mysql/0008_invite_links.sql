-- Organization-wide invitation links (Label Studio's invite link): at most one per organization.
--
-- Whoever holds the link's token and is signed in joins the organization with the link's role.
-- Only the SHA-256 of the token is kept; resetting the link replaces the hash (the old link
-- stops working) and disabling it deletes the row. uses counts the accounts that joined through
-- the current link.
CREATE TABLE invite_links (
  organization_id BIGINT NOT NULL,
  token_hash CHAR(64) NOT NULL,
  role VARCHAR(64) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  uses BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id),
  UNIQUE KEY invite_links_token (token_hash),
  CONSTRAINT invite_links_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT invite_links_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
