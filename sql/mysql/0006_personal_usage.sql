-- Personal organizations, the active organization of an account, and API request counts.
-- Same tables as sql/sqlite/0006_personal_usage.sql.

-- An organization created with its owner's account (orgs.organizations.personalOnSignup).
ALTER TABLE organizations
  ADD COLUMN personal TINYINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT organizations_personal_flag CHECK (personal IN (0, 1));

-- The organization the account last chose to work in (GET /me, PUT /me/active-organization).
-- It is shown only while the account is a member; deleting the organization clears it.
ALTER TABLE accounts
  ADD COLUMN active_organization_id BIGINT NULL,
  ADD CONSTRAINT accounts_active_organization FOREIGN KEY (active_organization_id)
    REFERENCES organizations (id) ON DELETE SET NULL;

-- HTTP requests per organization and calendar month (UTC), month as yyyymm (202611).
-- Each process adds what it counted since its last flush (service/ApiUsage).
CREATE TABLE api_usage (
  organization_id BIGINT NOT NULL,
  month INT NOT NULL,
  requests BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, month),
  CONSTRAINT api_usage_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
