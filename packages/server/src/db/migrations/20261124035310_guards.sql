-- Audit rows are append-only: no UPDATE, DELETE or TRUNCATE, whoever asks (等保 安全审计 c).
CREATE OR REPLACE FUNCTION kaohe_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE PROCEDURE kaohe_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_audit_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
--> statement-breakpoint
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'genesis');
--> statement-breakpoint
-- A published scheme version is immutable: only a new version may change it.
CREATE OR REPLACE FUNCTION kaohe_scheme_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'scheme % version % is published and immutable', OLD.assessment_id, OLD.version USING ERRCODE = '42501';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER schemes_published_immutable BEFORE UPDATE OR DELETE ON schemes
  FOR EACH ROW EXECUTE PROCEDURE kaohe_scheme_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kaohe_scheme_clause_immutable() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM schemes WHERE id = OLD.scheme_id AND status = 'published') THEN
    RAISE EXCEPTION 'clauses of a published scheme are immutable' USING ERRCODE = '42501';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER scheme_clauses_published_immutable BEFORE UPDATE OR DELETE ON scheme_clauses
  FOR EACH ROW EXECUTE PROCEDURE kaohe_scheme_clause_immutable();
--> statement-breakpoint
-- Publications are a record of what was made public: never rewritten.
CREATE OR REPLACE FUNCTION kaohe_publication_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
CREATE TRIGGER published_results_append_only BEFORE UPDATE OR DELETE ON published_results
  FOR EACH ROW EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
CREATE TRIGGER scheme_clause_leads_published_immutable BEFORE UPDATE OR DELETE ON scheme_clause_leads
  FOR EACH ROW EXECUTE PROCEDURE kaohe_scheme_clause_immutable();
