CREATE TABLE "audit_anchor" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"mac" text NOT NULL,
	"purged_before" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone NOT NULL,
	"purged_records" bigint NOT NULL
);
