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
