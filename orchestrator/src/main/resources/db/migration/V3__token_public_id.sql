-- A public identifier for each token ("tok_..."), safe to show and log, so the numeric key stays internal.
ALTER TABLE api_tokens ADD COLUMN public_id VARCHAR(40);
CREATE UNIQUE INDEX ux_api_tokens_public_id ON api_tokens (public_id);
