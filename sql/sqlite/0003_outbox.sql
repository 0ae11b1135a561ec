-- The outbox: every message is written in the transaction that causes it and delivered later
-- by the sender, so a message is never lost when the mail server is down. Same table as
-- sql/mysql/0003_outbox.sql.

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER NULL,
  last_error TEXT NULL
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at, id);
