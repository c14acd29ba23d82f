CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"line_index" integer NOT NULL,
	"line" jsonb NOT NULL,
	"reason" text NOT NULL,
	"evidence_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"lead_unit_id" uuid,
	"lead_opinion" text,
	"lead_reason" text,
	"lead_by" uuid,
	"lead_at" timestamp with time zone,
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"result_publication_id" uuid,
	"client_key" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeals_client_key" UNIQUE("assessment_id","client_key"),
	CONSTRAINT "appeals_status_valid" CHECK ("appeals"."status" IN ('submitted', 'lead-reviewed', 'upheld', 'rejected')),
	CONSTRAINT "appeals_lead_opinion_valid" CHECK ("appeals"."lead_opinion" IS NULL OR "appeals"."lead_opinion" IN ('uphold', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"stage" text,
	"result" jsonb,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"run_after" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "jobs_status_valid" CHECK ("jobs"."status" IN ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "jobs_progress_range" CHECK ("jobs"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "publication_snapshots" (
	"publication_id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"content" jsonb NOT NULL,
	"digest" text NOT NULL,
	"digest_algorithm" text NOT NULL,
	"mac" text NOT NULL,
	"mac_algorithm" text NOT NULL,
	"previous_publication_id" uuid,
	"diff" jsonb,
	"reason" text NOT NULL,
	"publicity_period_id" uuid,
	"appeals_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"ref" text,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "publicity_objections_status_valid" CHECK ("publicity_objections"."status" IN ('open', 'answered'))
);
--> statement-breakpoint
CREATE TABLE "publicity_periods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"preview" jsonb NOT NULL,
	"preview_digest" text NOT NULL,
	"input_sha256" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"publication_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "publicity_periods_sequence" UNIQUE("assessment_id","sequence"),
	CONSTRAINT "publicity_periods_status_valid" CHECK ("publicity_periods"."status" IN ('open', 'published', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "scheme_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"extension" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"client_key" text NOT NULL,
	"scheme_id" uuid,
	"report" jsonb,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scheme_uploads_client_key" UNIQUE("assessment_id","client_key")
);
--> statement-breakpoint
CREATE TABLE "unit_aliases" (
	"organisation_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "unit_aliases_organisation_id_alias_pk" PRIMARY KEY("organisation_id","alias")
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_lead_by_users_id_fk" FOREIGN KEY ("lead_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_result_publication_id_publications_id_fk" FOREIGN KEY ("result_publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_snapshots" ADD CONSTRAINT "publication_snapshots_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_snapshots" ADD CONSTRAINT "publication_snapshots_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_snapshots" ADD CONSTRAINT "publication_snapshots_previous_publication_id_publications_id_fk" FOREIGN KEY ("previous_publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_snapshots" ADD CONSTRAINT "publication_snapshots_publicity_period_id_publicity_periods_id_fk" FOREIGN KEY ("publicity_period_id") REFERENCES "publicity_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_period_id_publicity_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "publicity_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_periods" ADD CONSTRAINT "publicity_periods_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_periods" ADD CONSTRAINT "publicity_periods_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_periods" ADD CONSTRAINT "publicity_periods_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_uploads" ADD CONSTRAINT "scheme_uploads_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_uploads" ADD CONSTRAINT "scheme_uploads_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_uploads" ADD CONSTRAINT "scheme_uploads_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_uploads" ADD CONSTRAINT "scheme_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_aliases" ADD CONSTRAINT "unit_aliases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_aliases" ADD CONSTRAINT "unit_aliases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_assessment" ON "appeals" USING btree ("assessment_id","status");--> statement-breakpoint
CREATE INDEX "jobs_claim" ON "jobs" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "publicity_objections_period" ON "publicity_objections" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "unit_aliases_unit" ON "unit_aliases" USING btree ("unit_id");