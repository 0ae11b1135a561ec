-- Placeholder for the OpenID Connect lane's migration 0010 (see sql/mysql/0010_accounts_email_verified.sql).
ALTER TABLE accounts ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
