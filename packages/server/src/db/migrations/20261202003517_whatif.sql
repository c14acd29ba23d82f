CREATE TABLE "indicator_mappings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_assessment_id" uuid NOT NULL,
	"to_assessment_id" uuid NOT NULL,
	"from_code" text NOT NULL,
	"to_code" text,
	"kind" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"group_key" text NOT NULL,
	"rater" text,
	"score" numeric NOT NULL,
	"source" text NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whatif_scenarios" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "whatif_scenarios_name" UNIQUE("assessment_id","name")
);
--> statement-breakpoint
ALTER TABLE "indicator_mappings" ADD CONSTRAINT "indicator_mappings_from_assessment_id_assessments_id_fk" FOREIGN KEY ("from_assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_mappings" ADD CONSTRAINT "indicator_mappings_to_assessment_id_assessments_id_fk" FOREIGN KEY ("to_assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatif_scenarios" ADD CONSTRAINT "whatif_scenarios_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatif_scenarios" ADD CONSTRAINT "whatif_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_mappings_pair" ON "indicator_mappings" USING btree ("from_assessment_id","to_assessment_id");--> statement-breakpoint
CREATE INDEX "survey_responses_clause" ON "survey_responses" USING btree ("assessment_id","clause_key","unit_id");