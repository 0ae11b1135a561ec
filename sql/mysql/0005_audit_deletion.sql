-- The audit log and recoverable deletion.
--
-- audit_events: every change, written in the transaction that makes it. organization_id is
-- NULL for account-level events (tokens, sign-up). There is no foreign key to memberships, so
-- the events of a removed member stay; target_label keeps the name the target had at the time.
-- Purging an organization removes its events (ON DELETE CASCADE); accounts are never deleted.
-- details is a small JSON object {"before":{...},"after":{...}} kept as VARCHAR (Poco's MySQL
-- extractor cannot read JSON or LONGTEXT columns).
--
-- organizations.deleted_at: a deleted organization is invisible but kept, with its username,
-- until orgs.organizations.retentionDays have passed and the purge removes it.

ALTER TABLE organizations ADD COLUMN deleted_at BIGINT NULL;
CREATE INDEX organizations_deleted ON organizations (deleted_at);

CREATE TABLE audit_events (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organization_id BIGINT NULL,
  actor_account_id BIGINT NOT NULL,
  action VARCHAR(64) NOT NULL,
  target_type VARCHAR(32) NOT NULL,
  target_id BIGINT NULL,
  target_label VARCHAR(200) NOT NULL DEFAULT '',
  details VARCHAR(4000) NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY audit_events_org (organization_id, id),
  KEY audit_events_org_action (organization_id, action, id),
  KEY audit_events_org_actor (organization_id, actor_account_id, id),
  KEY audit_events_org_time (organization_id, created_at, id),
  KEY audit_events_actor (actor_account_id, id),
  CONSTRAINT audit_events_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
  CONSTRAINT audit_events_actor FOREIGN KEY (actor_account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
