-- Events and webhooks.
--
-- Events are the audit events of organizations. Each gets a per-organization sequence number,
-- assigned in the change's transaction by incrementing organizations.event_seq: that UPDATE
-- takes the organization row's lock, held until COMMIT, so two writers of one organization
-- take numbers one after the other and the later number always commits later. A feed that
-- reads "seq > cursor" therefore never skips an event that commits late (an AUTO_INCREMENT
-- id can: it is assigned at INSERT, and a lower id may become visible after a higher one).
-- Events written before this migration are numbered in id order.
--
-- webhook_endpoints: where an organization's events are POSTed. secret is the signing key in
-- the Standard Webhooks form (whsec_<base64>), kept so the server can sign (see the README);
-- previous_secret signs alongside it until previous_secret_until after a rotation.
--
-- Deliveries are outbox rows of kind 'webhook', one per (event, endpoint), written in the
-- change's transaction: subject holds the event type, body the payload; recipient is unused.

ALTER TABLE organizations ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;

-- How many webhook endpoints the organization has (enabled or not), kept by their creation and
-- deletion: read with the event's number by the same UPDATE, it spares the organizations
-- without endpoints (most) a query for them on every change.
ALTER TABLE organizations ADD COLUMN webhook_endpoints INT NOT NULL DEFAULT 0;

ALTER TABLE audit_events ADD COLUMN seq BIGINT NULL;

UPDATE audit_events e
  JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY id) AS n
          FROM audit_events WHERE organization_id IS NOT NULL) numbered ON numbered.id = e.id
  SET e.seq = numbered.n;

UPDATE organizations o
  SET o.event_seq = COALESCE((SELECT MAX(e.seq) FROM audit_events e WHERE e.organization_id = o.id), 0);

CREATE UNIQUE INDEX audit_events_org_seq ON audit_events (organization_id, seq);

CREATE TABLE webhook_endpoints (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NOT NULL,
  url VARCHAR(2000) NOT NULL,
  description VARCHAR(200) NOT NULL DEFAULT '',
  event_types VARCHAR(2000) NOT NULL DEFAULT '',
  secret VARCHAR(200) NOT NULL,
  previous_secret VARCHAR(200) NULL,
  previous_secret_until BIGINT NULL,
  enabled TINYINT NOT NULL DEFAULT 1,
  disabled_reason VARCHAR(200) NULL,
  disabled_at BIGINT NULL,
  failing_since BIGINT NULL,
  consecutive_failures INT NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY webhook_endpoints_org (organization_id, id),
  CONSTRAINT webhook_endpoints_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT webhook_endpoints_creator FOREIGN KEY (created_by) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE outbox
  ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'mail',
  ADD COLUMN webhook_endpoint_id BIGINT NULL,
  ADD COLUMN event_id BIGINT NULL,
  ADD COLUMN event_seq BIGINT NULL,
  ADD COLUMN given_up_at BIGINT NULL,
  ADD COLUMN last_status INT NULL,
  ADD COLUMN last_duration_ms INT NULL,
  ADD COLUMN last_error_class VARCHAR(40) NULL,
  ADD CONSTRAINT outbox_webhook_endpoint FOREIGN KEY (webhook_endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE;

CREATE INDEX outbox_kind_due ON outbox (kind, sent_at, next_attempt_at, id);
CREATE INDEX outbox_webhook_order ON outbox (webhook_endpoint_id, sent_at, given_up_at, event_seq);
