-- cocreate database schema and the reference data of the 2020 round.
--
-- Applied by `cocreate init` (compiled into the binary): every statement is
-- idempotent, so running init again changes nothing.  Times are UTC ISO 8601
-- text ('2020-03-06T15:59:59Z'); pages show them in Asia/Taipei.

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS settings (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) WITHOUT ROWID;

-- Agencies (部會) with stable ASCII slugs for URLs and form values.
CREATE TABLE IF NOT EXISTS agencies (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,		-- short name as the NDC writes it
	full_name	TEXT NOT NULL,
	name_en		TEXT NOT NULL
);

-- The government's draft: 5 commitments (承諾事項) of 12 items.
CREATE TABLE IF NOT EXISTS commitments (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	title_en	TEXT NOT NULL
);

-- Lead and co-agencies of a commitment (主(協)辦機關), in the draft's order.
CREATE TABLE IF NOT EXISTS commitment_agencies (
	commitment_id	INTEGER NOT NULL REFERENCES commitments(id),
	agency_id	INTEGER NOT NULL REFERENCES agencies(id),
	position	INTEGER NOT NULL,
	PRIMARY KEY (commitment_id, agency_id)
) WITHOUT ROWID;
-- The plan's agencies in the draft's order, read without a sort (the home
-- page's 27 rows: 95,000 instructions sorted, 43,000 so).
CREATE INDEX IF NOT EXISTS commitment_agencies_in_order ON
	commitment_agencies (commitment_id, position, agency_id);

CREATE TABLE IF NOT EXISTS items (
	id		INTEGER PRIMARY KEY,
	commitment_id	INTEGER NOT NULL REFERENCES commitments(id),
	position	INTEGER NOT NULL,
	title		TEXT NOT NULL,
	title_en	TEXT NOT NULL,
	body		TEXT NOT NULL,
	lead_agency_id	INTEGER NOT NULL REFERENCES agencies(id),
	status		TEXT NOT NULL DEFAULT 'draft'
			CHECK (status IN ('draft', 'in_progress', 'completed', 'dropped')),
	UNIQUE (commitment_id, position)
);
-- The plan's items in order with what its lists show, not their text.
CREATE INDEX IF NOT EXISTS items_in_order ON items (commitment_id, position,
	id, title, title_en, status, lead_agency_id);

-- A citizen's proposal in the NDC form.  Drafts are private to the holder of
-- the edit link; token_hash is BLAKE2b of the link's token, never the token.
-- The small columns come first: the lists and counts read only them, and
-- never follow a row into the overflow pages of its long texts.
CREATE TABLE IF NOT EXISTS proposals (
	id			INTEGER PRIMARY KEY,
	status			TEXT NOT NULL DEFAULT 'draft'
				CHECK (status IN ('draft', 'submitted', 'withdrawn')),
	kind			TEXT NOT NULL DEFAULT 'add'
				CHECK (kind IN ('add', 'modify', 'delete')),
	target_item_id		INTEGER REFERENCES items(id),
	lead_agency_id		INTEGER REFERENCES agencies(id),
	agency_id		INTEGER REFERENCES agencies(id),	-- routed by an organizer; else the lead agency
	ogp_values		INTEGER NOT NULL DEFAULT 0,	-- 1 transparency, 2 participation, 4 accountability
	answer_id		INTEGER REFERENCES answers(id),	-- the current (latest) answer: answer_current_ai
	revision		INTEGER NOT NULL DEFAULT 1,
	created_at		TEXT NOT NULL,
	updated_at		TEXT NOT NULL,
	submitted_at		TEXT,
	title			TEXT NOT NULL DEFAULT '',
	submitter		TEXT NOT NULL DEFAULT '',
	lead_agency_other	TEXT NOT NULL DEFAULT '',
	token_hash		BLOB NOT NULL,			-- private
	phone			TEXT NOT NULL DEFAULT '',	-- private
	email			TEXT NOT NULL DEFAULT '',	-- private
	problem			TEXT NOT NULL DEFAULT '',
	commitment		TEXT NOT NULL DEFAULT '',
	contribution		TEXT NOT NULL DEFAULT '',
	relevance		TEXT NOT NULL DEFAULT '',
	milestones		TEXT NOT NULL DEFAULT ''	-- deliverable TAB start TAB end, one per line
);
-- The lists: submitted proposals newest first, all of them or those
-- addressed to one agency, and those on one item.
CREATE INDEX IF NOT EXISTS proposals_by_time ON proposals
	(status, submitted_at, id);
CREATE INDEX IF NOT EXISTS proposals_by_addressee ON proposals
	(status, coalesce(agency_id, lead_agency_id), submitted_at, id);
-- Those on an item only: a proposal for a new commitment has none, and
-- its entry (NULLs first, each new one in the middle of the index) was a
-- page or two more written a submission for no list (18 WAL frames a
-- submission -> 16.5).  It carries what an item's page lists of each
-- (kind, title, submitter), so that list reads no proposal rows: a
-- commitment item's page, 715,000 instructions -> 682,000.
DROP INDEX IF EXISTS proposals_by_target;
DROP INDEX IF EXISTS proposals_on_item;
CREATE INDEX IF NOT EXISTS proposals_of_item ON proposals
	(target_item_id, status, submitted_at, id, kind, title, submitter)
	WHERE target_item_id IS NOT NULL;
DROP INDEX IF EXISTS proposals_by_status;
DROP INDEX IF EXISTS proposals_by_item;

-- How many submitted proposals there are, in all ('all', 0), per addressed
-- agency ('agency', id; 0 for a free-text lead), per OGP value ('value',
-- bit), per agency and value ('agency_value', id * 8 + bit) and per item
-- ('item', id): kept by the triggers below in the same transactions as
-- the proposals, so a list's count is one lookup, not a scan.
CREATE TABLE IF NOT EXISTS proposal_counts (
	dim	TEXT NOT NULL,
	key	INTEGER NOT NULL,
	n	INTEGER NOT NULL,
	PRIMARY KEY (dim, key)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS proposal_counts_ai AFTER INSERT ON proposals
WHEN NEW.status = 'submitted' BEGIN
	INSERT INTO proposal_counts (dim, key, n)
	SELECT dim, key, 1 FROM (
	    SELECT 'all' AS dim, 0 AS key
	    UNION ALL SELECT 'agency', coalesce(NEW.agency_id, NEW.lead_agency_id, 0)
	    UNION ALL SELECT 'value', 1 WHERE NEW.ogp_values & 1
	    UNION ALL SELECT 'value', 2 WHERE NEW.ogp_values & 2
	    UNION ALL SELECT 'value', 4 WHERE NEW.ogp_values & 4
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 1 WHERE NEW.ogp_values & 1
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 2 WHERE NEW.ogp_values & 2
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 4 WHERE NEW.ogp_values & 4
	    UNION ALL SELECT 'item', NEW.target_item_id WHERE NEW.target_item_id IS NOT NULL)
	WHERE true ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS proposal_counts_au AFTER UPDATE ON proposals
WHEN (OLD.status = 'submitted' OR NEW.status = 'submitted') AND
    (OLD.status IS NOT NEW.status OR OLD.ogp_values IS NOT NEW.ogp_values OR
    OLD.target_item_id IS NOT NEW.target_item_id OR
    coalesce(OLD.agency_id, OLD.lead_agency_id) IS NOT
    coalesce(NEW.agency_id, NEW.lead_agency_id)) BEGIN
	UPDATE proposal_counts SET n = n - 1 WHERE OLD.status = 'submitted' AND (
	    (dim = 'all' AND key = 0)
	    OR (dim = 'agency' AND key = coalesce(OLD.agency_id, OLD.lead_agency_id, 0))
	    OR (dim = 'value' AND (OLD.ogp_values & key) <> 0)
	    OR (dim = 'agency_value' AND key / 8 = coalesce(OLD.agency_id, OLD.lead_agency_id, 0)
		AND (OLD.ogp_values & (key % 8)) <> 0)
	    OR (dim = 'item' AND key = OLD.target_item_id));
	INSERT INTO proposal_counts (dim, key, n)
	SELECT dim, key, 1 FROM (
	    SELECT 'all' AS dim, 0 AS key
	    UNION ALL SELECT 'agency', coalesce(NEW.agency_id, NEW.lead_agency_id, 0)
	    UNION ALL SELECT 'value', 1 WHERE NEW.ogp_values & 1
	    UNION ALL SELECT 'value', 2 WHERE NEW.ogp_values & 2
	    UNION ALL SELECT 'value', 4 WHERE NEW.ogp_values & 4
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 1 WHERE NEW.ogp_values & 1
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 2 WHERE NEW.ogp_values & 2
	    UNION ALL SELECT 'agency_value', coalesce(NEW.agency_id, NEW.lead_agency_id, 0) * 8 + 4 WHERE NEW.ogp_values & 4
	    UNION ALL SELECT 'item', NEW.target_item_id WHERE NEW.target_item_id IS NOT NULL)
	WHERE NEW.status = 'submitted' ON CONFLICT (dim, key) DO UPDATE SET n = n + 1;
END;

-- Every saved version of a proposal, the current one included.
CREATE TABLE IF NOT EXISTS proposal_revisions (
	proposal_id		INTEGER NOT NULL REFERENCES proposals(id),
	revision		INTEGER NOT NULL,
	saved_at		TEXT NOT NULL,
	action			TEXT NOT NULL,
	status			TEXT NOT NULL,
	kind			TEXT NOT NULL,
	target_item_id		INTEGER,
	title			TEXT NOT NULL,
	lead_agency_id		INTEGER,
	lead_agency_other	TEXT NOT NULL,
	problem			TEXT NOT NULL,
	commitment		TEXT NOT NULL,
	contribution		TEXT NOT NULL,
	ogp_values		INTEGER NOT NULL,
	relevance		TEXT NOT NULL,
	submitter		TEXT NOT NULL,
	phone			TEXT NOT NULL,
	email			TEXT NOT NULL,
	milestones		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (proposal_id, revision)
) WITHOUT ROWID;

-- Staff: organizers (everything) and agency users (bound to one agency).
CREATE TABLE IF NOT EXISTS users (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	role		TEXT NOT NULL CHECK (role IN ('organizer', 'agency')),
	agency_id	INTEGER REFERENCES agencies(id),
	password_hash	TEXT NOT NULL,			-- argon2id, crypto_pwhash_str
	disabled	INTEGER NOT NULL DEFAULT 0,
	created_at	TEXT NOT NULL,
	CHECK ((role = 'agency') = (agency_id IS NOT NULL))
);

-- Signed-in sessions: the cookie carries 256 random bits, the table their hash.
CREATE TABLE IF NOT EXISTS sessions (
	id_hash		BLOB PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	created_at	TEXT NOT NULL,
	expires_at	TEXT NOT NULL
) WITHOUT ROWID;

-- Failed logins, per login name ('login:NAME') and per address ('addr:IP'),
-- to slow down guessing.
CREATE TABLE IF NOT EXISTS login_failures (
	key	TEXT NOT NULL,
	at	TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_by_key ON login_failures (key, at);

-- Multi-stakeholder forum (MSF) meeting notices.  Markdown is rendered when
-- saved (agenda_html, minutes_html), never on every view.
CREATE TABLE IF NOT EXISTS meetings (
	id		INTEGER PRIMARY KEY,
	agency_id	INTEGER NOT NULL REFERENCES agencies(id),
	title		TEXT NOT NULL,
	starts_at	TEXT NOT NULL,
	ends_at		TEXT NOT NULL,
	place		TEXT NOT NULL DEFAULT '',
	online_url	TEXT NOT NULL DEFAULT '',
	agenda		TEXT NOT NULL DEFAULT '',
	agenda_html	TEXT NOT NULL DEFAULT '',
	experts		TEXT NOT NULL DEFAULT '',	-- as typed: "name, affiliation" per line
	capacity	INTEGER NOT NULL DEFAULT 0,	-- 0: no open registration
	minutes		TEXT NOT NULL DEFAULT '',
	minutes_html	TEXT NOT NULL DEFAULT '',
	recording_url	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'scheduled'
			CHECK (status IN ('scheduled', 'cancelled')),
	published_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	minutes_at	TEXT,
	created_by	INTEGER REFERENCES users(id),
	updated_by	INTEGER REFERENCES users(id),
	versions	INTEGER NOT NULL DEFAULT 0	-- its meeting_revisions
);
-- The meeting lists and the calendar feeds read only this index
-- (covering): the rows themselves carry expert lists and minutes that
-- neither shows, and a row with long minutes puts updated_at and
-- recording_url in an overflow page.  The agenda comes last, so that a
-- long one never pushes the columns before it out of the index page.
-- (The feed of 60 meetings: 51 us of SQLite with the table and a count
-- of revisions per meeting, 25 us from this index and versions.)
DROP INDEX IF EXISTS meetings_by_start;
DROP INDEX IF EXISTS meetings_list;
CREATE INDEX IF NOT EXISTS meetings_in_order ON meetings (starts_at, id,
	ends_at, agency_id, status, title, place, published_at, minutes_at,
	online_url, updated_at, recording_url, versions, agenda);
-- Where the meetings to come begin: the earliest start of those not yet
-- ended, so that the upcoming list starts there instead of reading every
-- past meeting first (a home page in four years' time reads hundreds).
CREATE INDEX IF NOT EXISTS meetings_by_end ON meetings (ends_at, starts_at);
-- An agency's meetings, covering what its lists and /process read.
DROP INDEX IF EXISTS meetings_by_agency;
CREATE INDEX IF NOT EXISTS meetings_of_agency ON meetings (agency_id, starts_at,
	id, status, ends_at, published_at, minutes_at, title, place,
	online_url);

CREATE TABLE IF NOT EXISTS meeting_items (
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id),
	item_id		INTEGER NOT NULL REFERENCES items(id),
	PRIMARY KEY (meeting_id, item_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS meeting_experts (
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id),
	position	INTEGER NOT NULL,
	name		TEXT NOT NULL,
	affiliation	TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;

-- Open registration: name and affiliation for staff, e-mail private.
CREATE TABLE IF NOT EXISTS registrations (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id),
	name		TEXT NOT NULL,
	affiliation	TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL,
	created_at	TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registrations_by_meeting ON registrations (meeting_id);

-- Every saved version of a meeting notice: who changed what, when.
CREATE TABLE IF NOT EXISTS meeting_revisions (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES meetings(id),
	at		TEXT NOT NULL,
	user_id		INTEGER REFERENCES users(id),
	action		TEXT NOT NULL,
	title		TEXT NOT NULL,
	starts_at	TEXT NOT NULL,
	ends_at		TEXT NOT NULL,
	place		TEXT NOT NULL,
	online_url	TEXT NOT NULL,
	agenda		TEXT NOT NULL,
	experts		TEXT NOT NULL,
	capacity	INTEGER NOT NULL,
	minutes		TEXT NOT NULL,
	recording_url	TEXT NOT NULL,
	status		TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meeting_revisions_by_meeting ON meeting_revisions (meeting_id);
-- The calendar's SEQUENCE, counted as versions are saved rather than on
-- every read of the feed.
CREATE TRIGGER IF NOT EXISTS meeting_versions_ai AFTER INSERT ON meeting_revisions
BEGIN
	UPDATE meetings SET versions = versions + 1 WHERE id = NEW.meeting_id;
END;

-- Comments on items, proposals, meetings and agencies' plans; one level of
-- replies.  A hidden comment keeps its row: the page says who hid it and why.
CREATE TABLE IF NOT EXISTS comments (
	id		INTEGER PRIMARY KEY,
	target		TEXT NOT NULL
			CHECK (target IN ('item', 'proposal', 'meeting', 'agency')),
	target_id	INTEGER NOT NULL,
	parent_id	INTEGER REFERENCES comments(id),
	name		TEXT NOT NULL,
	affiliation	TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL,
	body_html	TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	addr		TEXT NOT NULL DEFAULT '',	-- private: for abuse limits
	reports		INTEGER NOT NULL DEFAULT 0,
	hidden_at	TEXT,
	hidden_by	INTEGER REFERENCES users(id),
	hidden_reason	TEXT,
	kind		TEXT NOT NULL DEFAULT 'comment'	-- or 'review': a mid-term review
);
CREATE INDEX IF NOT EXISTS comments_by_target ON comments (target, target_id, id);
-- A thread's comments in the order the page shows them (each thread's
-- first comment, then its replies): read in order, not sorted (10
-- comments: 125,000 instructions sorted); with parent_id, where the
-- latest threads begin comes from it alone.
DROP INDEX IF EXISTS comments_threads;
CREATE INDEX IF NOT EXISTS comments_in_threads ON comments (target,
	target_id, kind, coalesce(parent_id, id), id, parent_id);

-- How many threads and comments each discussion has (a page's comments,
-- or an item's reviews), kept by the triggers below in the same
-- transactions as the comments: "the latest 20 of N threads" is one
-- lookup, not a count of every comment (55 comments: 56,000 instructions,
-- 8% of an item's page).
CREATE TABLE IF NOT EXISTS comment_counts (
	target		TEXT NOT NULL,
	target_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	threads		INTEGER NOT NULL,
	comments	INTEGER NOT NULL,
	PRIMARY KEY (target, target_id, kind)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS comment_counts_ai AFTER INSERT ON comments
BEGIN
	INSERT INTO comment_counts (target, target_id, kind, threads, comments)
	VALUES (NEW.target, NEW.target_id, NEW.kind, NEW.parent_id IS NULL, 1)
	ON CONFLICT (target, target_id, kind) DO UPDATE SET
	    threads = threads + excluded.threads, comments = comments + 1;
END;
-- Comments are not deleted or moved by the app; an operator's hand in the
-- database keeps the counts right too.
CREATE TRIGGER IF NOT EXISTS comment_counts_ad AFTER DELETE ON comments
BEGIN
	UPDATE comment_counts SET threads = threads - (OLD.parent_id IS NULL),
	    comments = comments - 1
	WHERE target = OLD.target AND target_id = OLD.target_id AND
	    kind = OLD.kind;
END;
CREATE TRIGGER IF NOT EXISTS comment_counts_au AFTER UPDATE OF target,
    target_id, kind, parent_id ON comments BEGIN
	UPDATE comment_counts SET threads = threads - (OLD.parent_id IS NULL),
	    comments = comments - 1
	WHERE target = OLD.target AND target_id = OLD.target_id AND
	    kind = OLD.kind;
	INSERT INTO comment_counts (target, target_id, kind, threads, comments)
	VALUES (NEW.target, NEW.target_id, NEW.kind, NEW.parent_id IS NULL, 1)
	ON CONFLICT (target, target_id, kind) DO UPDATE SET
	    threads = threads + excluded.threads, comments = comments + 1;
END;

-- Tracking the four-year plan: each item's milestones, and the dated notes
-- its lead agency posts as it goes (the item's timeline).
CREATE TABLE IF NOT EXISTS item_milestones (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES items(id),
	deliverable	TEXT NOT NULL,
	starts_on	TEXT NOT NULL,		-- YYYY-MM-DD
	ends_on		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'not_started'
			CHECK (status IN ('not_started', 'in_progress',
			'completed', 'delayed', 'dropped')),
	progress	INTEGER NOT NULL DEFAULT 0
			CHECK (progress BETWEEN 0 AND 100),
	updated_at	TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS item_milestones_by_item ON item_milestones (item_id, starts_on);

CREATE TABLE IF NOT EXISTS item_updates (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES items(id),
	milestone_id	INTEGER REFERENCES item_milestones(id),
	status		TEXT,
	progress	INTEGER,
	note		TEXT NOT NULL,
	note_html	TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	agency_id	INTEGER REFERENCES agencies(id),
	at		TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS item_updates_by_item ON item_updates (item_id, id);

-- Answers to proposals, every one kept; the latest is the current answer.
CREATE TABLE IF NOT EXISTS answers (
	id		INTEGER PRIMARY KEY,
	proposal_id	INTEGER NOT NULL REFERENCES proposals(id),
	status		TEXT NOT NULL CHECK (status IN ('under_review', 'adopted',
			'partly_adopted', 'not_adopted', 'merged')),
	item_id		INTEGER REFERENCES items(id),
	response	TEXT NOT NULL,
	response_html	TEXT NOT NULL,
	agency_id	INTEGER REFERENCES agencies(id),
	user_id		INTEGER NOT NULL REFERENCES users(id),
	answered_at	TEXT NOT NULL
);
-- A proposal's answers in order, with when (the first answer's time is
-- read from here, not from rows that carry the response texts).
DROP INDEX IF EXISTS answers_by_proposal;
CREATE INDEX IF NOT EXISTS answers_of_proposal ON answers (proposal_id, id,
	answered_at);

-- Every routing of a proposal to an agency by an organizer.
CREATE TABLE IF NOT EXISTS routings (
	id		INTEGER PRIMARY KEY,
	proposal_id	INTEGER NOT NULL REFERENCES proposals(id),
	from_agency_id	INTEGER REFERENCES agencies(id),
	to_agency_id	INTEGER NOT NULL REFERENCES agencies(id),
	user_id		INTEGER NOT NULL REFERENCES users(id),
	at		TEXT NOT NULL
);

-- Creations per address and minute, for the abuse limits (settings
-- limit_proposals and limit_comments: per address in the last hour, the
-- minutes after the one an hour ago).  Kept one day.  A count per minute,
-- not a row per creation: a submission updates one row in place instead
-- of adding a row and two index entries (three pages written), and the
-- check sums at most 60 rows instead of counting every creation of the
-- hour (thousands, under load, for every submission).
DROP TABLE IF EXISTS rate_events;
CREATE TABLE IF NOT EXISTS rate_counts (
	kind	TEXT NOT NULL,
	addr	TEXT NOT NULL,
	minute	TEXT NOT NULL,		-- UTC, "2020-03-06T15:59"
	n	INTEGER NOT NULL,
	PRIMARY KEY (kind, addr, minute)
) WITHOUT ROWID;

-- Search: one row per searchable thing (submitted proposals, items,
-- visible comments, meetings), kept by the triggers below, and a trigram
-- FTS5 index over it (Chinese has no spaces).  Queries of one or two
-- characters scan search_docs with LIKE instead.
CREATE TABLE IF NOT EXISTS search_docs (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL,		-- proposal, item, comment, meeting
	ref		INTEGER NOT NULL,
	target		TEXT,			-- a comment's target and its id
	target_id	INTEGER,
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	agency_id	INTEGER,
	ogp_values	INTEGER NOT NULL DEFAULT 0,
	status		TEXT NOT NULL DEFAULT '',	-- a proposal's answer
	UNIQUE (kind, ref)
);
-- The trigram FTS5 index over search_docs lives in a file of its own
-- beside this one (db.c: the schema "ix", PATH-search), so that indexing
-- never holds this file's write lock: submissions waited behind the
-- indexing turns (1,744-1,908 submissions/s with POST p99 121-132 ms,
-- against 3,050-3,417/s and 25-29 ms with indexing held off).  What
-- changes here is marked in search_marks, in the same transaction as the
-- change; a worker, after answering, takes the docs marked after the
-- index's own mark into it as they are then (db_index_pending), and
-- search reads the few docs marked after it with LIKE, so a result never
-- lags the data.  A mark's number is never used twice: the marks the
-- index has taken in are deleted all but the newest (not AUTOINCREMENT,
-- whose counter was one more page written by every submission, 19 -> 18
-- WAL frames).  The index is built
-- again by `cocreate init` when it is missing, belongs to another
-- database, or is ahead of this one (a restored backup).
DROP TRIGGER IF EXISTS main.search_pending_ai;
DROP TRIGGER IF EXISTS main.search_pending_ad;
DROP TRIGGER IF EXISTS main.search_pending_au;
DROP TABLE IF EXISTS main.search_pending;
DROP TABLE IF EXISTS main.search_fts;
CREATE TABLE IF NOT EXISTS search_marks (
	id	INTEGER PRIMARY KEY,
	doc	INTEGER NOT NULL		-- search_docs.id
);
CREATE TRIGGER IF NOT EXISTS search_mark_ai AFTER INSERT ON search_docs BEGIN
	INSERT INTO search_marks (doc) VALUES (NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS search_mark_ad AFTER DELETE ON search_docs BEGIN
	INSERT INTO search_marks (doc) VALUES (OLD.id);
END;
CREATE TRIGGER IF NOT EXISTS search_mark_au AFTER UPDATE OF title, body
ON search_docs WHEN OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body
BEGIN
	INSERT INTO search_marks (doc) VALUES (NEW.id);
END;

-- The docs: an upsert keeps a doc's id (INSERT OR REPLACE deleted the old
-- row without its delete trigger, leaving its words in the index).
DROP TRIGGER IF EXISTS search_proposal_ai;
DROP TRIGGER IF EXISTS search_proposal_au;
DROP TRIGGER IF EXISTS search_item_ai;
DROP TRIGGER IF EXISTS search_item_au;
DROP TRIGGER IF EXISTS search_comment_ai;
DROP TRIGGER IF EXISTS search_meeting_ai;
DROP TRIGGER IF EXISTS search_meeting_au;
CREATE TRIGGER IF NOT EXISTS search_doc_proposal_ai AFTER INSERT ON proposals
WHEN NEW.status = 'submitted' BEGIN
	INSERT INTO search_docs (kind, ref, title, body, agency_id,
	    ogp_values, status)
	VALUES ('proposal', NEW.id, NEW.title, NEW.problem || char(10) ||
	    NEW.commitment || char(10) || NEW.contribution || char(10) ||
	    NEW.relevance || char(10) || NEW.submitter,
	    coalesce(NEW.agency_id, NEW.lead_agency_id), NEW.ogp_values, '')
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id,
	    ogp_values = excluded.ogp_values, status = excluded.status;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_proposal_au AFTER UPDATE ON proposals
BEGIN
	DELETE FROM search_docs WHERE kind = 'proposal' AND ref = OLD.id
	    AND NEW.status <> 'submitted';
	INSERT INTO search_docs (kind, ref, title, body, agency_id,
	    ogp_values, status)
	SELECT 'proposal', NEW.id, NEW.title, NEW.problem || char(10) ||
	    NEW.commitment || char(10) || NEW.contribution || char(10) ||
	    NEW.relevance || char(10) || NEW.submitter,
	    coalesce(NEW.agency_id, NEW.lead_agency_id), NEW.ogp_values,
	    coalesce((SELECT a.status FROM answers a WHERE a.proposal_id = NEW.id
	    ORDER BY a.id DESC LIMIT 1), '')
	WHERE NEW.status = 'submitted'
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id,
	    ogp_values = excluded.ogp_values, status = excluded.status;
END;
-- A proposal's current answer, the latest, kept on the proposal: the lists
-- and exports join it by id, where each row looked it up in
-- answers_of_proposal (a correlated SELECT max(id)): /proposals' statement
-- 189,446 -> 148,467 instructions for its 20 rows, every list page of 20
-- some 40,000 less.  Answers are never deleted; the UPDATE at the end of
-- this file sets it for proposals answered before the column was.
CREATE TRIGGER IF NOT EXISTS answer_current_ai AFTER INSERT ON answers BEGIN
	UPDATE proposals SET answer_id = NEW.id
	WHERE id = NEW.proposal_id AND (answer_id IS NULL OR answer_id < NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS search_answer_ai AFTER INSERT ON answers BEGIN
	UPDATE search_docs SET status = NEW.status
	WHERE kind = 'proposal' AND ref = NEW.proposal_id;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_item_ai AFTER INSERT ON items BEGIN
	INSERT INTO search_docs (kind, ref, title, body, agency_id)
	VALUES ('item', NEW.id, NEW.title || ' ' || NEW.title_en, NEW.body,
	    NEW.lead_agency_id)
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_item_au AFTER UPDATE ON items BEGIN
	INSERT INTO search_docs (kind, ref, title, body, agency_id)
	VALUES ('item', NEW.id, NEW.title || ' ' || NEW.title_en, NEW.body,
	    NEW.lead_agency_id)
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_comment_ai AFTER INSERT ON comments
WHEN NEW.hidden_at IS NULL BEGIN
	INSERT INTO search_docs (kind, ref, target, target_id, title, body)
	VALUES ('comment', NEW.id, NEW.target, NEW.target_id, NEW.name, NEW.body)
	ON CONFLICT (kind, ref) DO UPDATE SET target = excluded.target,
	    target_id = excluded.target_id, title = excluded.title,
	    body = excluded.body;
END;
CREATE TRIGGER IF NOT EXISTS search_comment_au AFTER UPDATE ON comments BEGIN
	DELETE FROM search_docs WHERE kind = 'comment' AND ref = OLD.id;
	INSERT INTO search_docs (kind, ref, target, target_id, title, body)
	SELECT 'comment', NEW.id, NEW.target, NEW.target_id, NEW.name, NEW.body
	WHERE NEW.hidden_at IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_meeting_ai AFTER INSERT ON meetings
BEGIN
	INSERT INTO search_docs (kind, ref, title, body, agency_id)
	VALUES ('meeting', NEW.id, NEW.title, NEW.agenda || char(10) ||
	    NEW.minutes || char(10) || NEW.experts || char(10) || NEW.place,
	    NEW.agency_id)
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id;
END;
CREATE TRIGGER IF NOT EXISTS search_doc_meeting_au AFTER UPDATE ON meetings
BEGIN
	INSERT INTO search_docs (kind, ref, title, body, agency_id)
	VALUES ('meeting', NEW.id, NEW.title, NEW.agenda || char(10) ||
	    NEW.minutes || char(10) || NEW.experts || char(10) || NEW.place,
	    NEW.agency_id)
	ON CONFLICT (kind, ref) DO UPDATE SET title = excluded.title,
	    body = excluded.body, agency_id = excluded.agency_id;
END;

-- Reference data of the 2020 round (seed: 行動方案承諾事項（國發會版）).

INSERT OR IGNORE INTO agencies (id, slug, name, full_name, name_en) VALUES
	(1, 'ndc', '國發會', '國家發展委員會', 'National Development Council'),
	(2, 'most', '科技部', '科技部', 'Ministry of Science and Technology'),
	(3, 'moea', '經濟部', '經濟部', 'Ministry of Economic Affairs'),
	(4, 'moi', '內政部', '內政部', 'Ministry of the Interior'),
	(5, 'motc', '交通部', '交通部', 'Ministry of Transportation and Communications'),
	(6, 'epa', '環保署', '行政院環境保護署', 'Environmental Protection Administration'),
	(7, 'mofa', '外交部', '外交部', 'Ministry of Foreign Affairs'),
	(8, 'cec', '中選會', '中央選舉委員會', 'Central Election Commission'),
	(9, 'moe', '教育部', '教育部', 'Ministry of Education'),
	(10, 'local', '各地方政府', '各地方政府', 'Local governments'),
	(11, 'gec', '行政院性平處', '行政院性別平等處', 'Department of Gender Equality, Executive Yuan'),
	(12, 'cip', '原民會', '原住民族委員會', 'Council of Indigenous Peoples'),
	(13, 'hac', '客委會', '客家委員會', 'Hakka Affairs Council'),
	(14, 'cy', '監察院', '監察院', 'Control Yuan'),
	(15, 'moj', '法務部', '法務部', 'Ministry of Justice'),
	(16, 'ministries', '各部會', '各部會', 'All ministries');

INSERT OR IGNORE INTO commitments (id, title, title_en) VALUES
	(1, '極大化開放資料加值應用', 'Maximise the value-added use of open data'),
	(2, '擴大民眾參與公共政策機制', 'Broaden public participation in policy-making'),
	(3, '增加性別及族群包容性對話機制', 'Inclusive dialogue across genders and ethnic groups'),
	(4, '落實清廉施政', 'Clean government'),
	(5, '執行洗錢防制', 'Anti-money laundering');

INSERT OR IGNORE INTO commitment_agencies (commitment_id, agency_id, position) VALUES
	(1, 1, 1),
	(1, 2, 2),
	(1, 3, 3),
	(1, 4, 4),
	(1, 5, 5),
	(1, 6, 6),
	(1, 7, 7),
	(2, 8, 1),
	(2, 9, 2),
	(2, 1, 3),
	(2, 3, 4),
	(2, 10, 5),
	(2, 7, 6),
	(3, 11, 1),
	(3, 4, 2),
	(3, 12, 3),
	(3, 13, 4),
	(3, 16, 5),
	(3, 7, 6),
	(4, 4, 1),
	(4, 14, 2),
	(4, 15, 3),
	(4, 16, 4),
	(4, 7, 5),
	(5, 15, 1),
	(5, 3, 2),
	(5, 7, 3);

INSERT OR IGNORE INTO items (id, commitment_id, position, title, title_en, body, lead_agency_id) VALUES
	(1, 1, 1, '政府資料開放與運用法制化', 'A law on opening and using government data',
	 '啟動政府資料開放與運用專法之研議，建立資料共享及利用機制，明確定義資料格式、品質、資料利用權利義務關係等項目，以完備我國資料共享應用環境。',
	 1),
	(2, 1, 2, '建立開放資料集平臺，提供加值運用', 'An open dataset platform for value-added use',
	 '彙整空氣品質、水資源、地震、災防等領域資料，提供各界申請及運用高效能運算資源，擴大資料加值應用成效。',
	 2),
	(3, 2, 1, '公民投票電子連署', 'Electronic co-signing of referendum petitions',
	 '提升民眾公投連署便利度，擴大政治參與，配合公民投票法規定，訂定公民投票電子連署草案暨相關配套措施。',
	 8),
	(4, 2, 2, '青年政策參與', 'Youth participation in policy-making',
	 '優化青年好政Let’s Talk系列活動，辦理公私協力的青年政策行動平台，深化青年政策參與管道，達成青年賦權。',
	 9),
	(5, 2, 3, '地方創生互動平台機制建置', 'An interactive platform for regional revitalisation',
	 '建構地方創生資訊共享交流平臺，結合創生事業推動者、在地社群、青創新創等以共同協作模式，即時分享動態訊息、優良推動案例與媒體報導，促進地方創生交流學習。',
	 1),
	(6, 3, 1, '促進性別包容對話與參與', 'Gender-inclusive dialogue and participation',
	 '落實CEDAW規定，採取一切適當措施，消除政治和公共生活中對婦女的歧視；促進公部門決策參與之性別平等，提升婦女參與公共事務機會。',
	 11),
	(7, 3, 2, '促進新住民公共參與及發展', 'Public participation and development of new immigrants',
	 '鼓勵新住民參與公共事務，深化臺灣民主；提供培力措施，協助新住民在臺灣安居樂業。',
	 4),
	(8, 3, 3, '擴大原住民族國際合作與交流', 'International cooperation and exchange of indigenous peoples',
	 '推動原住民族國際間交流與合作，促進原住民族社會、經濟與文化發展。',
	 12),
	(9, 3, 4, '推動客家議題公共參與', 'Public participation in Hakka affairs',
	 '推動政府重大客家政策，鼓勵公私協力推廣並保障客家文化。',
	 13),
	(10, 4, 1, '強化政治獻金透明化', 'Transparency of political donations',
	 '推動政治獻金法修正，規範政黨、政治團體及擬參選人政治獻金支用情形之透明，並透過申報系統與公開查閱平臺，強化公開政治獻金資訊管理機制，防杜不當利益輸送。',
	 4),
	(11, 4, 2, '建置與精進機關採購廉政平臺', 'Integrity platforms for public procurement',
	 '配合各機關廉政平臺需求，針對機關重大採購案，提高辦理過程之透明度，促進民眾監督之可及性。',
	 15),
	(12, 5, 1, '實質受益人資訊透明', 'Transparency of beneficial ownership',
	 '配合亞太防制洗錢組織（APG）及防制洗錢金融行動工作組織（FATF）建議，修正洗錢防制法、公司法，納入實質受益人資訊揭露及股東資訊申報機制之規範，提升洗錢防制強度，與國際接軌。',
	 15);

-- Databases made before search existed: index what is there (ignored when
-- it is indexed already, so running init again changes nothing).
INSERT OR IGNORE INTO search_docs (kind, ref, title, body, agency_id)
SELECT 'item', id, title || ' ' || title_en, body, lead_agency_id FROM items;
INSERT OR IGNORE INTO search_docs (kind, ref, title, body, agency_id,
    ogp_values, status)
SELECT 'proposal', p.id, p.title, p.problem || char(10) || p.commitment ||
    char(10) || p.contribution || char(10) || p.relevance || char(10) ||
    p.submitter, coalesce(p.agency_id, p.lead_agency_id), p.ogp_values,
    coalesce((SELECT a.status FROM answers a WHERE a.proposal_id = p.id
    ORDER BY a.id DESC LIMIT 1), '')
FROM proposals p WHERE p.status = 'submitted';
INSERT OR IGNORE INTO search_docs (kind, ref, target, target_id, title, body)
SELECT 'comment', id, target, target_id, name, body FROM comments
WHERE hidden_at IS NULL;
INSERT OR IGNORE INTO search_docs (kind, ref, title, body, agency_id)
SELECT 'meeting', id, title, agenda || char(10) || minutes || char(10) ||
    experts || char(10) || place, agency_id FROM meetings;

-- Databases made before comment_counts existed: the same, for comments.
INSERT INTO comment_counts (target, target_id, kind, threads, comments)
SELECT target, target_id, kind, count(*) FILTER (WHERE parent_id IS NULL),
    count(*) FROM comments
WHERE NOT EXISTS (SELECT 1 FROM comment_counts)
GROUP BY target, target_id, kind;

-- Databases made before proposal_counts existed: count what is there (only
-- when the table is empty, so running init again changes nothing).
INSERT INTO proposal_counts (dim, key, n)
SELECT dim, key, count(*) FROM (
    SELECT 'all' AS dim, 0 AS key FROM proposals WHERE status = 'submitted'
    UNION ALL SELECT 'agency', coalesce(agency_id, lead_agency_id, 0)
	FROM proposals WHERE status = 'submitted'
    UNION ALL SELECT 'value', b.bit FROM proposals, (SELECT 1 AS bit UNION ALL
	SELECT 2 UNION ALL SELECT 4) b WHERE status = 'submitted'
	AND (ogp_values & b.bit) <> 0
    UNION ALL SELECT 'agency_value', coalesce(agency_id, lead_agency_id, 0) * 8
	+ b.bit FROM proposals, (SELECT 1 AS bit UNION ALL SELECT 2 UNION ALL
	SELECT 4) b WHERE status = 'submitted' AND (ogp_values & b.bit) <> 0
    UNION ALL SELECT 'item', target_item_id FROM proposals
	WHERE status = 'submitted' AND target_item_id IS NOT NULL)
WHERE NOT EXISTS (SELECT 1 FROM proposal_counts)
GROUP BY dim, key;

-- Databases made before proposals kept their current answer (answer_id):
-- set from the answers.  Only rows that differ are written, so running
-- init again changes nothing.
UPDATE proposals SET answer_id = (SELECT max(a.id) FROM answers a
    WHERE a.proposal_id = proposals.id)
WHERE answer_id IS NOT (SELECT max(a.id) FROM answers a
    WHERE a.proposal_id = proposals.id);
