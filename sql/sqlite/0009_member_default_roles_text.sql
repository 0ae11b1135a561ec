-- Each membership's default roles, also as one text column read by the member listing.
-- Same column as sql/mysql/0009_member_default_roles_text.sql.
ALTER TABLE memberships ADD COLUMN default_roles TEXT NOT NULL DEFAULT '';

UPDATE memberships
SET default_roles = (
  SELECT CASE WHEN length(group_concat(d.resource_type || '=' || d.role, ',')) > 1000 THEN '*'
              ELSE group_concat(d.resource_type || '=' || d.role, ',') END
  FROM member_default_roles d
  WHERE d.organization_id = memberships.organization_id AND d.account_id = memberships.account_id)
WHERE EXISTS (SELECT 1 FROM member_default_roles d
              WHERE d.organization_id = memberships.organization_id AND d.account_id = memberships.account_id);
