-- Indexes proposed for schema.sql, measured with
--   make bench BENCH_SQL=tests/bench/proposed-indexes.sql
-- (bench.py runs this on its copies of the databases before the run; the
-- statements of src/db.c are unchanged).
--
-- A proposal's row is mostly its four long texts, and the small columns the
-- lists need (submitter, agency_id, ogp_values) come after them, so reading
-- them follows the row's overflow pages: every query that scans proposals
-- by status reads the whole table.  These indexes let the planner answer
-- the counts and lists from the index alone.

-- The proposals on an item (/commitments/{id}) and their count on the
-- home page's tree: by item first, then status and time, with what the
-- list shows.  Replaces proposals_by_item.
CREATE INDEX IF NOT EXISTS proposals_by_item_status ON proposals
	(target_item_id, status, submitted_at, id, kind, title, submitter);

-- The list of submitted proposals, newest first, filtered by the
-- addressed agency or OGP value (/proposals, /agencies/{slug}, /): covering
-- what the filters and the row need.  Replaces proposals_by_status.
CREATE INDEX IF NOT EXISTS proposals_listing ON proposals
	(status, submitted_at, id, agency_id, lead_agency_id, ogp_values, kind,
	 target_item_id, title, submitter);
DROP INDEX IF EXISTS proposals_by_status;
DROP INDEX IF EXISTS proposals_by_item;
