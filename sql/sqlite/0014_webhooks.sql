-- Events and webhooks. Same tables as sql/mysql/0014_webhooks.sql, which explains them
-- (SQLite serialises writers with BEGIN IMMEDIATE, so the sequence is commit order here too).

ALTER TABLE organizations ADD COLUMN event_seq INTEGER NOT NULL DEFAULT 0;

-- How many webhook endpoints the organization has (enabled or not), kept by their creation and
-- deletion: read with the event's number, it spares the organizations without endpoints (most)
-- a query for them on every change.
ALTER TABLE organizations ADD COLUMN webhook_endpoints INTEGER NOT NULL DEFAULT 0;

ALTER TABLE audit_events ADD COLUMN seq INTEGER NULL;

UPDATE audit_events SET seq = (SELECT COUNT(*) FROM audit_events p
                                WHERE p.organization_id = audit_events.organization_id AND p.id <= audit_events.id)
  WHERE organization_id IS NOT NULL;

UPDATE organizations
  SET event_seq = COALESCE((SELECT MAX(e.seq) FROM audit_events e WHERE e.organization_id = organizations.id), 0);

CREATE UNIQUE INDEX audit_events_org_seq ON audit_events (organization_id, seq);

CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  event_types TEXT NOT NULL DEFAULT '',
  secret TEXT NOT NULL,
  previous_secret TEXT NULL,
  previous_secret_until INTEGER NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT NULL,
  disabled_at INTEGER NULL,
  failing_since INTEGER NULL,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (organization_id, id);

ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'mail';
ALTER TABLE outbox ADD COLUMN webhook_endpoint_id INTEGER NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN event_id INTEGER NULL;
ALTER TABLE outbox ADD COLUMN event_seq INTEGER NULL;
ALTER TABLE outbox ADD COLUMN given_up_at INTEGER NULL;
ALTER TABLE outbox ADD COLUMN last_status INTEGER NULL;
ALTER TABLE outbox ADD COLUMN last_duration_ms INTEGER NULL;
ALTER TABLE outbox ADD COLUMN last_error_class TEXT NULL;

CREATE INDEX outbox_kind_due ON outbox (kind, sent_at, next_attempt_at, id);
CREATE INDEX outbox_webhook_order ON outbox (webhook_endpoint_id, sent_at, given_up_at, event_seq);
