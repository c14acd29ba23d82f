CREATE TABLE "fact_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fact_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"fact_key" text NOT NULL,
	"period" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"state" text NOT NULL,
	"report_id" uuid,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fact_versions_fact_version" UNIQUE("fact_id","version")
);
--> statement-breakpoint
CREATE TABLE "judgement_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"judgement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"points" numeric NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"change_reason" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judgement_versions_version" UNIQUE("judgement_id","version")
);
--> statement-breakpoint
ALTER TABLE "facts" DROP CONSTRAINT "facts_assessment_unit_key";--> statement-breakpoint
ALTER TABLE "judgements" DROP CONSTRAINT "judgements_kind_valid";--> statement-breakpoint
ALTER TABLE "facts" ADD COLUMN "period" text DEFAULT '全年' NOT NULL;--> statement-breakpoint
ALTER TABLE "facts" ADD COLUMN "state" text DEFAULT 'official' NOT NULL;--> statement-breakpoint
ALTER TABLE "facts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "facts" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "status" text DEFAULT 'current' NOT NULL;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "is_single" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "state" text DEFAULT 'submitted' NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "state_reason" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scheme_clauses" ADD COLUMN "ref_kind" text DEFAULT 'clause' NOT NULL;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_fact_id_facts_id_fk" FOREIGN KEY ("fact_id") REFERENCES "facts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_versions" ADD CONSTRAINT "fact_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgement_versions" ADD CONSTRAINT "judgement_versions_judgement_id_judgements_id_fk" FOREIGN KEY ("judgement_id") REFERENCES "judgements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgement_versions" ADD CONSTRAINT "judgement_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fact_versions_assessment" ON "fact_versions" USING btree ("assessment_id","unit_id");--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "judgements_one_current" ON "judgements" USING btree ("assessment_id","unit_id","clause_key") WHERE is_single AND status = 'current';--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_assessment_unit_key_period" UNIQUE("assessment_id","unit_id","fact_key","period");--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_source_valid" CHECK ("facts"."source" IN ('import', 'report', 'verification'));--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_state_valid" CHECK ("facts"."state" IN ('official', 'draft', 'submitted', 'returned', 'verified', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_status_valid" CHECK ("judgements"."status" IN ('current', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_kind_valid" CHECK ("judgements"."kind" IN ('score', 'deduction', 'bonus', 'judgement'));--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_state_valid" CHECK ("reports"."state" IN ('draft', 'submitted', 'returned', 'verified', 'locked'));