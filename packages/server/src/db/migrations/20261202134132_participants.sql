CREATE TABLE "clause_participants" (
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"division_id" uuid NOT NULL,
	CONSTRAINT "clause_participants_assessment_id_unit_id_clause_key_division_id_pk" PRIMARY KEY("assessment_id","unit_id","clause_key","division_id")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "participant_division_id" uuid;--> statement-breakpoint
ALTER TABLE "clause_participants" ADD CONSTRAINT "clause_participants_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_participants" ADD CONSTRAINT "clause_participants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_participants" ADD CONSTRAINT "clause_participants_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_participant_division_id_divisions_id_fk" FOREIGN KEY ("participant_division_id") REFERENCES "divisions"("id") ON DELETE no action ON UPDATE no action;