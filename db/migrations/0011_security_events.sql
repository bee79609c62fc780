CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"head_seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"records" bigint NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"samples" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_alg" text DEFAULT 'sha256' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "security_events_bucket_idx" ON "security_events" USING btree ("kind","source","bucket");--> statement-breakpoint
CREATE INDEX "security_events_last_at_idx" ON "security_events" USING btree ("last_at");--> statement-breakpoint
-- Signed checkpoints of the audit chain are as append-only as the chain itself.
CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- A change to the user register is announced, so every API process drops its cached roles at once.
CREATE OR REPLACE FUNCTION users_changed_notify() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('users_changed', OLD.id);
  ELSE
    PERFORM pg_notify('users_changed', NEW.id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION users_changed_notify();
