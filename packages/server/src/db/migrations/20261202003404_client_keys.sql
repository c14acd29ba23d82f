CREATE TABLE "client_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_sha256" text NOT NULL,
	"user_id" uuid NOT NULL,
	"response" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_keys_pkey" PRIMARY KEY("scope","key")
);
