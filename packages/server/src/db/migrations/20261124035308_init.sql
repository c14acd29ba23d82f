CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessments_org_year_name" UNIQUE("organisation_id","year","name")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_login" text,
	"actor_role" text,
	"source_ip" text,
	"action" text NOT NULL,
	"object_type" text,
	"object_id" text,
	"before" jsonb,
	"after" jsonb,
	"outcome" text NOT NULL,
	"algorithm" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clause_assignments" (
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"division_id" uuid NOT NULL,
	CONSTRAINT "clause_assignments_assessment_id_unit_id_clause_key_pk" PRIMARY KEY("assessment_id","unit_id","clause_key")
);
--> statement-breakpoint
CREATE TABLE "divisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "divisions_unit_name" UNIQUE("unit_id","name")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"report_id" uuid,
	"original_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"extension" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"client_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_stored_name_unique" UNIQUE("stored_name"),
	CONSTRAINT "evidence_client_key" UNIQUE("assessment_id","client_key")
);
--> statement-breakpoint
CREATE TABLE "facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"fact_key" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"report_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "facts_assessment_unit_key" UNIQUE("assessment_id","unit_id","fact_key")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"client_key" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "imports_client_key" UNIQUE("assessment_id","client_key")
);
--> statement-breakpoint
CREATE TABLE "judgements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"kind" text NOT NULL,
	"points" numeric NOT NULL,
	"reason" text NOT NULL,
	"client_key" text,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judgements_client_key" UNIQUE("assessment_id","client_key"),
	CONSTRAINT "judgements_kind_valid" CHECK ("judgements"."kind" IN ('deduction', 'bonus', 'judgement'))
);
--> statement-breakpoint
CREATE TABLE "leader_units" (
	"leader_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "leader_units_leader_id_unit_id_pk" PRIMARY KEY("leader_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "leaders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"login" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organisations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "publications_assessment_sequence" UNIQUE("assessment_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "published_results" (
	"publication_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"total" numeric NOT NULL,
	"grade" text,
	"rank" integer,
	"ledger" jsonb NOT NULL,
	CONSTRAINT "published_results_publication_id_unit_id_pk" PRIMARY KEY("publication_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"narrative" text,
	"facts" jsonb NOT NULL,
	"client_key" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_client_key" UNIQUE("assessment_id","client_key")
);
--> statement-breakpoint
CREATE TABLE "results" (
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"total" numeric NOT NULL,
	"grade" text,
	"rank" integer,
	"ledger" jsonb NOT NULL,
	"input_sha256" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "results_assessment_id_unit_id_pk" PRIMARY KEY("assessment_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "scheme_clause_leads" (
	"scheme_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"lead_unit_id" uuid NOT NULL,
	CONSTRAINT "scheme_clause_leads_scheme_id_clause_key_lead_unit_id_pk" PRIMARY KEY("scheme_id","clause_key","lead_unit_id")
);
--> statement-breakpoint
CREATE TABLE "scheme_clauses" (
	"scheme_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"title" text NOT NULL,
	"max_points" text,
	CONSTRAINT "scheme_clauses_scheme_id_clause_key_pk" PRIMARY KEY("scheme_id","clause_key")
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"document" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"diff" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "schemes_assessment_version" UNIQUE("assessment_id","version"),
	CONSTRAINT "schemes_status_valid" CHECK ("schemes"."status" IN ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"stage" text NOT NULL,
	"source_ip" text,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"clause_key" text NOT NULL,
	"target" text NOT NULL,
	"value" jsonb,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "targets_assessment_unit_clause" UNIQUE("assessment_id","unit_id","clause_key")
);
--> statement-breakpoint
CREATE TABLE "unit_categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "unit_categories_org_name" UNIQUE("organisation_id","name")
);
--> statement-breakpoint
CREATE TABLE "unit_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "unit_groups_category_name" UNIQUE("category_id","name")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category_id" uuid,
	"group_id" uuid,
	"is_assessed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "units_org_code" UNIQUE("organisation_id","code")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role_class" text NOT NULL,
	"role" text NOT NULL,
	"assessment_id" uuid,
	"unit_id" uuid,
	"division_id" uuid,
	"leader_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_roles_class_matches" CHECK (("user_roles"."role_class" = 'business' AND "user_roles"."role" IN ('assessment-admin', 'lead-assessor', 'unit-reporter', 'division-user', 'leader'))
        OR ("user_roles"."role_class" <> 'business' AND "user_roles"."role" = "user_roles"."role_class")),
	CONSTRAINT "user_roles_scope_present" CHECK (("user_roles"."role" <> 'lead-assessor' OR "user_roles"."unit_id" IS NOT NULL)
        AND ("user_roles"."role" <> 'unit-reporter' OR "user_roles"."unit_id" IS NOT NULL)
        AND ("user_roles"."role" <> 'division-user' OR ("user_roles"."unit_id" IS NOT NULL AND "user_roles"."division_id" IS NOT NULL))
        AND ("user_roles"."role" <> 'leader' OR "user_roles"."leader_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"role_class" text NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	"totp_secret" text,
	"totp_last_step" bigint,
	"is_disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_login_unique" UNIQUE("login"),
	CONSTRAINT "users_id_role_class" UNIQUE("id","role_class"),
	CONSTRAINT "users_role_class_valid" CHECK ("users"."role_class" IN ('system-admin', 'security-admin', 'audit-admin', 'business'))
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_assignments" ADD CONSTRAINT "clause_assignments_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_assignments" ADD CONSTRAINT "clause_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_assignments" ADD CONSTRAINT "clause_assignments_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "divisions" ADD CONSTRAINT "divisions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_units" ADD CONSTRAINT "leader_units_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_units" ADD CONSTRAINT "leader_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaders" ADD CONSTRAINT "leaders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_clause_leads" ADD CONSTRAINT "scheme_clause_leads_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_clause_leads" ADD CONSTRAINT "scheme_clause_leads_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_clauses" ADD CONSTRAINT "scheme_clauses_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_categories" ADD CONSTRAINT "unit_categories_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_groups" ADD CONSTRAINT "unit_groups_category_id_unit_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "unit_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_category_id_unit_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "unit_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_group_id_unit_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "unit_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_division_id_divisions_id_fk" FOREIGN KEY ("division_id") REFERENCES "divisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_leader_id_leaders_id_fk" FOREIGN KEY ("leader_id") REFERENCES "leaders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_role_class_users_id_role_class_fk" FOREIGN KEY ("user_id","role_class") REFERENCES "users"("id","role_class") ON DELETE no action ON UPDATE restrict;--> statement-breakpoint
CREATE INDEX "facts_clause" ON "facts" USING btree ("assessment_id","clause_key");--> statement-breakpoint
CREATE INDEX "judgements_unit" ON "judgements" USING btree ("assessment_id","unit_id");--> statement-breakpoint
CREATE INDEX "password_history_user" ON "password_history" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_unit_clause" ON "reports" USING btree ("assessment_id","unit_id","clause_key");--> statement-breakpoint
CREATE INDEX "scheme_clause_leads_lead" ON "scheme_clause_leads" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_one_admin_role" ON "user_roles" USING btree ("user_id") WHERE role_class <> 'business';--> statement-breakpoint
CREATE INDEX "user_roles_user" ON "user_roles" USING btree ("user_id");