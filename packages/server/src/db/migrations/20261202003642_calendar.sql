CREATE TABLE "calendar_settings" (
	"assessment_id" uuid PRIMARY KEY NOT NULL,
	"holidays" jsonb NOT NULL,
	"rounds_cap" integer,
	"reminders" jsonb NOT NULL,
	"utc_offset_minutes" integer DEFAULT 480 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "due_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"window_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"period" text NOT NULL,
	"fact_period" text NOT NULL,
	"label" text NOT NULL,
	"due_date" text NOT NULL,
	"nominal_due" text NOT NULL,
	"unit_due" text NOT NULL,
	"division_due" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "due_items_unit_ref_period" UNIQUE("assessment_id","unit_id","ref","period")
);
--> statement-breakpoint
CREATE TABLE "late_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"due_item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"due_date" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"as_of" text NOT NULL,
	"days_late" integer NOT NULL,
	"business_days_late" integer NOT NULL,
	"fact" jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"fact_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "late_proposals_due_item" UNIQUE("due_item_id"),
	CONSTRAINT "late_proposals_kind_valid" CHECK ("late_proposals"."kind" IN ('late', 'missing')),
	CONSTRAINT "late_proposals_status_valid" CHECK ("late_proposals"."status" IN ('proposed', 'confirmed', 'waived'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"assessment_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"due_item_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_user_key" UNIQUE("user_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "report_windows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"unit_category" text,
	"window" jsonb NOT NULL,
	"cascade" jsonb,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_settings" ADD CONSTRAINT "calendar_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_items" ADD CONSTRAINT "due_items_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_items" ADD CONSTRAINT "due_items_window_id_report_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "report_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_items" ADD CONSTRAINT "due_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_proposals" ADD CONSTRAINT "late_proposals_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_proposals" ADD CONSTRAINT "late_proposals_due_item_id_due_items_id_fk" FOREIGN KEY ("due_item_id") REFERENCES "due_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_proposals" ADD CONSTRAINT "late_proposals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "late_proposals" ADD CONSTRAINT "late_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_due_item_id_due_items_id_fk" FOREIGN KEY ("due_item_id") REFERENCES "due_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_windows" ADD CONSTRAINT "report_windows_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_windows" ADD CONSTRAINT "report_windows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "due_items_due" ON "due_items" USING btree ("assessment_id","due_date");--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "report_windows_assessment" ON "report_windows" USING btree ("assessment_id");