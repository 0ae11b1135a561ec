-- Per-organization custom roles of the workspace scope and of each resource type (issue 6).
-- Same table as sql/sqlite/0007_custom_roles.sql.
--
-- permissions lists permission names ("workspace.read, resources.read"), as a roles file does:
-- names, not bits, so a vocabulary that grows never changes what a stored role means. A role
-- name is unique per organization and scope and never one of the configuration's roles of the
-- scope (checked by RoleService). Rows holding a role name (workspace_members, collaborators,
-- invitations, default roles) refer to it by name; RoleService refuses to delete a role in use.
CREATE TABLE custom_roles (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  scope VARCHAR(64) NOT NULL,
  name VARCHAR(64) NOT NULL,
  permissions VARCHAR(2000) NOT NULL,
  description VARCHAR(500) NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY custom_roles_org_scope_name (organization_id, scope, name),
  CONSTRAINT custom_roles_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT custom_roles_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
