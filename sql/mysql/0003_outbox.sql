-- The outbox: every message is written in the transaction that causes it and delivered later
-- by the sender, so a message is never lost when the mail server is down. body is TEXT (64 KiB),
-- not MEDIUMTEXT: Poco's MySQL extractor allocates the declared maximum for every row it reads.

CREATE TABLE outbox (
  id BIGINT NOT NULL AUTO_INCREMENT,
  recipient VARCHAR(320) NOT NULL,
  subject VARCHAR(998) NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT NULL,
  last_error VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  KEY outbox_due (sent_at, next_attempt_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
