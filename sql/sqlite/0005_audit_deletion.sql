-- The audit log and recoverable deletion. Same tables as sql/mysql/0005_audit_deletion.sql.

ALTER TABLE organizations ADD COLUMN deleted_at INTEGER NULL;
CREATE INDEX organizations_deleted ON organizations (deleted_at);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NULL REFERENCES organizations (id) ON DELETE CASCADE,
  actor_account_id INTEGER NOT NULL REFERENCES accounts (id),
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id INTEGER NULL,
  target_label TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_events_org ON audit_events (organization_id, id);
CREATE INDEX audit_events_org_action ON audit_events (organization_id, action, id);
CREATE INDEX audit_events_org_actor ON audit_events (organization_id, actor_account_id, id);
CREATE INDEX audit_events_org_time ON audit_events (organization_id, created_at, id);
CREATE INDEX audit_events_actor ON audit_events (actor_account_id, id);
