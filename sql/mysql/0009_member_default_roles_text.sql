-- Each membership's default roles, also as one text column read by the member listing.
--
-- member_default_roles stays the source of truth (resource creation joins it, set-based);
-- memberships.default_roles is its copy as "type=role,type=role" (types in order), written in
-- the same transaction by the only code that changes it (MembershipRepository::setDefaultRoles).
-- A page of members then reads one row per member: the correlated subquery per row it replaces
-- was half of MariaDB's CPU time on a 50-member page. A text longer than the column holds '*':
-- read member_default_roles.
ALTER TABLE memberships ADD COLUMN default_roles VARCHAR(1000) NOT NULL DEFAULT '';

-- Only the memberships that have default roles are written (one pass over member_default_roles).
UPDATE memberships m
JOIN (
  SELECT d.organization_id, d.account_id,
         GROUP_CONCAT(d.resource_type, '=', d.role ORDER BY d.resource_type SEPARATOR ',') AS roles
  FROM member_default_roles d
  GROUP BY d.organization_id, d.account_id
) t ON t.organization_id = m.organization_id AND t.account_id = m.account_id
SET m.default_roles = IF(LENGTH(t.roles) > 1000, '*', t.roles);
