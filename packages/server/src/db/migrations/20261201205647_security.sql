CREATE TABLE "alert_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"source_ip" text,
	"count" integer NOT NULL,
	"details" jsonb,
	"notified_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approver_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"certificate" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "data_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"kek_id" text NOT NULL,
	"wrapped" text NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rewrapped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "integrity_seals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"purpose" text NOT NULL,
	"signer_user_id" uuid,
	"algorithm" text NOT NULL,
	"key_id" text NOT NULL,
	"public_key" text,
	"certificate" text,
	"digest_algorithm" text NOT NULL,
	"digest" text NOT NULL,
	"signature" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"config" jsonb NOT NULL,
	"secret_enc" text,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"recipient_role" text,
	"recipient_user_id" uuid,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"channel_id" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "security_labels" (
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"label" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "security_labels_object" UNIQUE("object_type","object_id"),
	CONSTRAINT "security_labels_label_valid" CHECK ("security_labels"."label" IN ('draft', 'internal', 'public'))
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key_enc" text,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"external_id" text NOT NULL,
	"user_id" uuid,
	"status" text NOT NULL,
	"external_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "sso_links_provider_external" UNIQUE("provider_id","external_id"),
	CONSTRAINT "sso_links_status_valid" CHECK ("sso_links"."status" IN ('linked', 'pending', 'rejected')),
	CONSTRAINT "sso_links_linked_has_user" CHECK ("sso_links"."status" <> 'linked' OR "sso_links"."user_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "sso_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"display_name" text NOT NULL,
	"config" jsonb NOT NULL,
	"secret_enc" text,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "alert_events_kind_ip_at" ON "alert_events" USING btree ("kind","source_ip","at");--> statement-breakpoint
CREATE INDEX "approver_keys_user" ON "approver_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "integrity_seals_object" ON "integrity_seals" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_lower" ON "users" USING btree (lower("login"));