-- A publication snapshot is the record of what was made public: never rewritten.
CREATE TRIGGER publication_snapshots_append_only BEFORE UPDATE OR DELETE ON publication_snapshots
  FOR EACH ROW EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
CREATE TRIGGER publication_snapshots_no_truncate BEFORE TRUNCATE ON publication_snapshots
  FOR EACH STATEMENT EXECUTE PROCEDURE kaohe_publication_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON publication_snapshots, publications, published_results FROM PUBLIC;
