-- Placeholder for the OpenID Connect lane's migration 0010, which adds accounts.email_verified
-- with the external identities: verified domains read it. Replaced by that migration on merge.
ALTER TABLE accounts ADD COLUMN email_verified TINYINT NOT NULL DEFAULT 0;
