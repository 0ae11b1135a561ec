-- Workspaces (teams), a member's default roles per resource type, resources and their
-- collaborators. Workspace members and collaborators reference the membership itself, so only
-- organization members can be either, and removing a member removes both in the same statement.

CREATE TABLE workspaces (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  -- Compared byte for byte, as in SQLite: "My Team" and "my team" are two names.
  name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY workspaces_org_id (organization_id, id),
  UNIQUE KEY workspaces_org_name (organization_id, name),
  CONSTRAINT workspaces_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT workspaces_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE workspace_members (
  workspace_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  role VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, account_id),
  KEY workspace_members_account (organization_id, account_id, workspace_id),
  CONSTRAINT workspace_members_workspace FOREIGN KEY (organization_id, workspace_id)
    REFERENCES workspaces (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT workspace_members_membership FOREIGN KEY (organization_id, account_id)
    REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A member's role on new resources of a type; a type without a row uses the configured default.
CREATE TABLE member_default_roles (
  organization_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  role VARCHAR(64) NOT NULL,
  PRIMARY KEY (organization_id, account_id, resource_type),
  CONSTRAINT member_default_roles_membership FOREIGN KEY (organization_id, account_id)
    REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- created_by is attribution: it outlives the creator's membership.
CREATE TABLE resources (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  workspace_id BIGINT NULL,
  type VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY resources_org_id (organization_id, id),
  KEY resources_workspace (workspace_id, id),
  CONSTRAINT resources_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT resources_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE SET NULL,
  CONSTRAINT resources_created_by FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE resource_collaborators (
  resource_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  role VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (resource_id, account_id),
  KEY resource_collaborators_account (organization_id, account_id, resource_id),
  CONSTRAINT resource_collaborators_resource FOREIGN KEY (organization_id, resource_id)
    REFERENCES resources (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT resource_collaborators_membership FOREIGN KEY (organization_id, account_id)
    REFERENCES memberships (organization_id, account_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
