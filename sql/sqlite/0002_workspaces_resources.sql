-- Workspaces (teams), a member's default roles per resource type, resources and their
-- collaborators. Same tables and constraints as sql/mysql/0002_workspaces_resources.sql.

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (organization_id, id),
  UNIQUE (organization_id, name)
);

CREATE TABLE workspace_members (
  workspace_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, account_id),
  FOREIGN KEY (organization_id, workspace_id) REFERENCES workspaces (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX workspace_members_account ON workspace_members (organization_id, account_id, workspace_id);

CREATE TABLE member_default_roles (
  organization_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  resource_type TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (organization_id, account_id, resource_type),
  FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE resources (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  workspace_id INTEGER NULL REFERENCES workspaces (id) ON DELETE SET NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  UNIQUE (organization_id, id)
);
CREATE INDEX resources_workspace ON resources (workspace_id, id);

CREATE TABLE resource_collaborators (
  resource_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resource_id, account_id),
  FOREIGN KEY (organization_id, resource_id) REFERENCES resources (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, account_id) REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX resource_collaborators_account ON resource_collaborators (organization_id, account_id, resource_id);
