-- Foreign keys of the history tables (declared here so schema-facts.ts need not import schema.ts).
ALTER TABLE fact_versions ADD CONSTRAINT fact_versions_fact_id_fk FOREIGN KEY (fact_id) REFERENCES facts(id);
--> statement-breakpoint
ALTER TABLE fact_versions ADD CONSTRAINT fact_versions_assessment_id_fk FOREIGN KEY (assessment_id) REFERENCES assessments(id);
--> statement-breakpoint
ALTER TABLE fact_versions ADD CONSTRAINT fact_versions_unit_id_fk FOREIGN KEY (unit_id) REFERENCES units(id);
--> statement-breakpoint
ALTER TABLE fact_versions ADD CONSTRAINT fact_versions_report_id_fk FOREIGN KEY (report_id) REFERENCES reports(id);
--> statement-breakpoint
ALTER TABLE fact_versions ADD CONSTRAINT fact_versions_changed_by_fk FOREIGN KEY (changed_by) REFERENCES users(id);
--> statement-breakpoint
ALTER TABLE judgement_versions ADD CONSTRAINT judgement_versions_judgement_id_fk FOREIGN KEY (judgement_id) REFERENCES judgements(id);
--> statement-breakpoint
ALTER TABLE judgement_versions ADD CONSTRAINT judgement_versions_changed_by_fk FOREIGN KEY (changed_by) REFERENCES users(id);
--> statement-breakpoint
-- Fact and judgement histories are a record of every change: never rewritten.
CREATE TRIGGER fact_versions_append_only BEFORE UPDATE OR DELETE ON fact_versions
  FOR EACH ROW EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
CREATE TRIGGER judgement_versions_append_only BEFORE UPDATE OR DELETE ON judgement_versions
  FOR EACH ROW EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON fact_versions, judgement_versions FROM PUBLIC;
--> statement-breakpoint
-- Facts written by reports before reports had states were never verified: they count as submitted
-- (self-assessed) until a lead assessor verifies them.
UPDATE facts SET state = 'submitted' WHERE source = 'report';
--> statement-breakpoint
-- Version 1 of every existing fact and judgement, so each has a complete history.
INSERT INTO fact_versions (id, fact_id, version, assessment_id, unit_id, clause_key, fact_key, period, value, source, state, report_id, reason, changed_by, changed_at)
  SELECT id, id, 1, assessment_id, unit_id, clause_key, fact_key, period, value, source, state, report_id, reason, updated_by, updated_at FROM facts;
--> statement-breakpoint
INSERT INTO judgement_versions (id, judgement_id, version, kind, points, reason, status, change_reason, changed_by, changed_at)
  SELECT id, id, 1, kind, points, reason, status, NULL, entered_by, entered_at FROM judgements;
