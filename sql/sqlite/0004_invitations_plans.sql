-- Invitations, plans and allowed email domains. Same tables and constraints as
-- sql/mysql/0004_invitations_plans.sql.
ALTER TABLE organizations ADD COLUMN plan TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN allowed_email_domains TEXT NOT NULL DEFAULT '';

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  pending_email TEXT NULL,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  invited_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  responded_at INTEGER NULL,
  accepted_by INTEGER NULL REFERENCES accounts (id),
  UNIQUE (organization_id, pending_email)
);
CREATE INDEX invitations_org ON invitations (organization_id, id);
CREATE INDEX invitations_created ON invitations (organization_id, created_at);

CREATE TABLE invitation_workspaces (
  invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (invitation_id, workspace_id)
) WITHOUT ROWID;
CREATE INDEX invitation_workspaces_workspace ON invitation_workspaces (workspace_id);

CREATE TABLE invitation_default_roles (
  invitation_id INTEGER NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  resource_type TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (invitation_id, resource_type)
) WITHOUT ROWID;
