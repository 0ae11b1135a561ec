-- Per-organization custom roles of the workspace scope and of each resource type (issue 6).
-- Same table as sql/mysql/0007_custom_roles.sql.
--
-- permissions lists permission names ("workspace.read, resources.read"), as a roles file does:
-- names, not bits, so a vocabulary that grows never changes what a stored role means. A role
-- name is unique per organization and scope and never one of the configuration's roles of the
-- scope (checked by RoleService). Rows holding a role name (workspace_members, collaborators,
-- invitations, default roles) refer to it by name; RoleService refuses to delete a role in use.
CREATE TABLE custom_roles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  permissions TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (organization_id, scope, name)
);
