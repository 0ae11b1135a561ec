-- Invitations, plans and allowed email domains.
--
-- An organization's plan names one of orgs.plans; '' (organizations created before this
-- migration) means the configured default plan. allowed_email_domains is a comma-separated
-- list of lower-case domains ('' allows every domain).
ALTER TABLE organizations ADD COLUMN plan VARCHAR(32) NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN allowed_email_domains VARCHAR(5200) NOT NULL DEFAULT '';

-- An invitation's status is pending, accepted, declined or revoked; a pending invitation whose
-- expires_at has passed is expired (computed, never stored). pending_email is the email while
-- the invitation holds its (organization, email) slot and NULL otherwise, so the unique key
-- allows one live pending invitation per organization and email. Only the SHA-256 of the
-- token is kept.
CREATE TABLE invitations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  email VARCHAR(254) NOT NULL,
  pending_email VARCHAR(254) NULL,
  name VARCHAR(200) NOT NULL DEFAULT '',
  role VARCHAR(64) NOT NULL,
  note VARCHAR(1000) NOT NULL DEFAULT '',
  token_hash CHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  invited_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  responded_at BIGINT NULL,
  accepted_by BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY invitations_token (token_hash),
  UNIQUE KEY invitations_pending (organization_id, pending_email),
  KEY invitations_org (organization_id, id),
  KEY invitations_created (organization_id, created_at),
  CONSTRAINT invitations_status_valid CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  CONSTRAINT invitations_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT invitations_invited_by FOREIGN KEY (invited_by) REFERENCES accounts (id),
  CONSTRAINT invitations_accepted_by FOREIGN KEY (accepted_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The workspaces an invitation joins on acceptance; a deleted workspace drops out.
CREATE TABLE invitation_workspaces (
  invitation_id BIGINT NOT NULL,
  workspace_id BIGINT NOT NULL,
  role VARCHAR(64) NOT NULL,
  PRIMARY KEY (invitation_id, workspace_id),
  KEY invitation_workspaces_workspace (workspace_id),
  CONSTRAINT invitation_workspaces_invitation FOREIGN KEY (invitation_id) REFERENCES invitations (id) ON DELETE CASCADE,
  CONSTRAINT invitation_workspaces_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The default roles per resource type the invitee gets as a member.
CREATE TABLE invitation_default_roles (
  invitation_id BIGINT NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  role VARCHAR(64) NOT NULL,
  PRIMARY KEY (invitation_id, resource_type),
  CONSTRAINT invitation_default_roles_invitation FOREIGN KEY (invitation_id) REFERENCES invitations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
