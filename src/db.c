/*
 * The database: connection, pragmas, the table of every statement
 * (prepared once per worker), transactions and `cocreate init`.
 */
#include <sys/file.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"

/*
 * Every statement of the application, with ? binds only.  The comment
 * above each names its binds and result columns, in order.
 */
/* The search filters: ?2 agency slug, ?3 value mask, ?4 answer, ?5 kind. */
#define SEARCH_FILTERS \
	"AND (?2 IS NULL OR d.agency_id = (SELECT id FROM agencies WHERE slug = ?2)) " \
	"AND (?3 = 0 OR (d.ogp_values & ?3) <> 0) " \
	"AND (?4 IS NULL OR (d.kind = 'proposal' AND (d.status = ?4 OR " \
	"(?4 = 'unanswered' AND d.status = '')))) " \
	"AND (?5 IS NULL OR d.kind = ?5) "
/* SEARCH_FILTERS for a match of the index (search_fts.rowid): its doc is
 * looked up only when a filter is set. */
#define SEARCH_MATCH_FILTERS \
	"(?2 IS NULL AND ?3 = 0 AND ?4 IS NULL AND ?5 IS NULL OR EXISTS (" \
	"SELECT 1 FROM search_docs d WHERE d.id = search_fts.rowid " \
	SEARCH_FILTERS ")) "
/* The docs marked since the index's own mark: it has yet to take them in
 * as they are now (schema.sql, search_marks). */
#define SEARCH_MARKED \
	"SELECT doc FROM search_marks WHERE id > " \
	"(SELECT mark FROM ix.index_state)"

/*
 * A list's filter of words: ?3 as an FTS5 phrase (page_fts_word), ?7 as
 * a LIKE pattern; the submitted proposals whose doc has them, through
 * the search index, and by LIKE those waiting for it.  (A scan of every
 * proposal's texts took 35 to 90 ms at 10,000 proposals.)  The index's
 * matches are taken once, by their ids alone, and the proposals' docs
 * found through the (kind, ref) index, which holds their ids: looking
 * each match up in search_docs read its whole row, text and all (a
 * common word in 33,000 docs: the count 31 -> 19 ms; a phrase in 10,000:
 * 16 -> 8 ms).  FTS5 asked once for each proposal's doc took 0.4 to 5 s.
 */
#define PROPOSAL_MATCHES \
	"SELECT d.ref FROM search_docs d WHERE d.kind = 'proposal' AND " \
	"d.id IN (SELECT rowid FROM ix.search_fts WHERE search_fts MATCH ?3 " \
	"AND rowid NOT IN (" SEARCH_MARKED ")) " \
	"UNION ALL SELECT d.ref FROM search_docs d WHERE d.id IN (" \
	SEARCH_MARKED ") AND d.kind = 'proposal' AND (d.title LIKE ?7 " \
	"ESCAPE '\\' OR d.body LIKE ?7 ESCAPE '\\')"
#define PROPOSAL_WORDS \
	"AND (?3 IS NULL OR p.id IN (" PROPOSAL_MATCHES ")) "
/* The filters of STMT_PROPOSAL_COUNT and STMT_PROPOSAL_LIST_WORDS on the
 * proposal c. */
#define PROPOSAL_FILTERS(c) \
	"AND (?1 IS NULL OR coalesce(" c ".agency_id, " c ".lead_agency_id) " \
	"= ?1) AND (?6 IS NULL OR " c ".target_item_id = ?6) " \
	"AND (?2 = 0 OR (" c ".ogp_values & ?2) <> 0) "

#define SEARCH_LIKE_WORD(n) \
	"(?" #n " IS NULL OR d.title LIKE ?" #n " ESCAPE '\\' OR " \
	"d.body LIKE ?" #n " ESCAPE '\\') "
/* Every word of the query (?21..?28) in a doc that waits. */
#define SEARCH_PENDING_LIKE \
	SEARCH_LIKE_WORD(21) "AND " SEARCH_LIKE_WORD(22) "AND " \
	SEARCH_LIKE_WORD(23) "AND " SEARCH_LIKE_WORD(24) "AND " \
	SEARCH_LIKE_WORD(25) "AND " SEARCH_LIKE_WORD(26) "AND " \
	SEARCH_LIKE_WORD(27) "AND " SEARCH_LIKE_WORD(28)

/* A meeting as the lists show it: id, agency slug, agency name, title,
 * starts, ends, place, status, published_at, has minutes, online url. */
#define MEETING_ROW \
	"SELECT m.id, a.slug, a.name, m.title, m.starts_at, m.ends_at, " \
	"m.place, m.status, m.published_at, m.minutes_at IS NOT NULL, " \
	"m.online_url FROM meetings m JOIN agencies a ON a.id = m.agency_id "
/* From the earliest start of the meetings not yet ended at ?2. */
#define MEETINGS_NOT_ENDED \
	"AND m.starts_at >= (SELECT min(e.starts_at) FROM meetings e " \
	"INDEXED BY meetings_by_end WHERE e.ends_at >= ?2) "
/* A meeting as the calendars show it: id, agency name, title, starts,
 * ends, place, online url, agenda, status, published_at, updated_at,
 * recording url, saved versions. */
#define MEETING_EVENT \
	"SELECT m.id, a.name, m.title, m.starts_at, m.ends_at, m.place, " \
	"m.online_url, m.agenda, m.status, m.published_at, m.updated_at, " \
	"m.recording_url, m.versions " \
	"FROM meetings m JOIN agencies a ON a.id = m.agency_id "
/* A comment as a thread shows it, of target ?1, id ?2 and kind ?3: id,
 * parent, name, affiliation, body html, created_at, hidden_at, hidden by
 * login, hidden reason, reports. */
#define COMMENT_ROW \
	"SELECT c.id, c.parent_id, c.name, c.affiliation, c.body_html, " \
	"c.created_at, c.hidden_at, u.login, c.hidden_reason, c.reports " \
	"FROM comments c LEFT JOIN users u ON u.id = c.hidden_by " \
	"WHERE c.target = ?1 AND c.target_id = ?2 AND c.kind = ?3 "

static const char *const stmts[] = {
	/* STMT_SETTING_GET: ?1 key -> value */
	"SELECT value FROM settings WHERE key = ?1",
	/* STMT_SETTING_PUT: ?1 key, ?2 value */
	"INSERT INTO settings (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/* STMT_SETTING_ADD: ?1 key, ?2 value, unless the key is there */
	"INSERT INTO settings (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO NOTHING",
	/* STMT_SETTING_DEL: ?1 key */
	"DELETE FROM settings WHERE key = ?1",
	/* STMT_HEALTH: -> 1 */
	"SELECT count(*) FROM settings",
	/* STMT_AGENCY_LIST: -> id, slug, name, full_name, name_en,
	 * lead item count */
	"SELECT a.id, a.slug, a.name, a.full_name, a.name_en, "
	"(SELECT count(*) FROM items i WHERE i.lead_agency_id = a.id) "
	"FROM agencies a ORDER BY a.id",
	/* STMT_AGENCY_OPTIONS: -> id, slug, name, full_name, name_en (the
	 * agencies of a <select>: no counts) */
	"SELECT id, slug, name, full_name, name_en FROM agencies ORDER BY id",
	/* STMT_AGENCY_BY_SLUG: ?1 slug -> id, slug, name, full_name, name_en */
	"SELECT id, slug, name, full_name, name_en FROM agencies "
	"WHERE slug = ?1",
	/* STMT_COMMITMENT_LIST: -> id, title, title_en */
	"SELECT id, title, title_en FROM commitments ORDER BY id",
	/* STMT_COMMITMENT_AGENCIES_ALL: -> commitment, slug, name, name_en,
	 * every commitment's in order (one sort for the plan, not five) */
	"SELECT ca.commitment_id, a.slug, a.name, a.name_en "
	"FROM commitment_agencies ca JOIN agencies a ON a.id = ca.agency_id "
	"ORDER BY ca.commitment_id, ca.position",
	/* STMT_COMMITMENT_AGENCIES: ?1 commitment -> slug, name, name_en */
	"SELECT a.slug, a.name, a.name_en FROM commitment_agencies ca "
	"JOIN agencies a ON a.id = ca.agency_id "
	"WHERE ca.commitment_id = ?1 ORDER BY ca.position",
	/* STMT_ITEM_LIST: -> id, commitment_id, position, title, title_en,
	 * status, lead slug, lead name, lead name_en, proposals on it */
	"SELECT i.id, i.commitment_id, i.position, i.title, i.title_en, "
	"i.status, a.slug, a.name, a.name_en, "
	"coalesce((SELECT n FROM proposal_counts WHERE dim = 'item' AND "
	"key = i.id), 0) "
	"FROM items i JOIN agencies a ON a.id = i.lead_agency_id "
	"ORDER BY i.commitment_id, i.position",
	/* STMT_ITEM_GET: ?1 id -> id, commitment_id, position, title,
	 * title_en, body, status, lead slug, lead name, lead name_en,
	 * commitment title, commitment title_en */
	"SELECT i.id, i.commitment_id, i.position, i.title, i.title_en, "
	"i.body, i.status, a.slug, a.name, a.name_en, c.title, c.title_en "
	"FROM items i JOIN agencies a ON a.id = i.lead_agency_id "
	"JOIN commitments c ON c.id = i.commitment_id WHERE i.id = ?1",
	/* STMT_ITEMS_OF_AGENCY: ?1 agency id, ?2 1 for the items it leads,
	 * 0 for those of its commitments that another leads -> id,
	 * commitment_id, position, title, title_en, status, lead slug, lead
	 * name; in the plan's order, read from items_in_order (the two kinds
	 * in one statement, lead first, took a sort and a list of the
	 * commitments: 107,000 instructions -> 52,000) */
	"SELECT i.id, i.commitment_id, i.position, i.title, i.title_en, "
	"i.status, la.slug, la.name "
	"FROM items i JOIN agencies la ON la.id = i.lead_agency_id "
	"WHERE CASE WHEN ?2 THEN i.lead_agency_id = ?1 "
	"ELSE i.lead_agency_id <> ?1 AND EXISTS (SELECT 1 FROM "
	"commitment_agencies ca WHERE ca.commitment_id = i.commitment_id "
	"AND ca.agency_id = ?1) END ORDER BY i.commitment_id, i.position",
	/* STMT_PROPOSAL_INSERT: ?1 status, ?2 kind, ?3 target item, ?4 title,
	 * ?5 lead agency slug, ?6 lead other, ?7 problem, ?8 commitment,
	 * ?9 contribution, ?10 values, ?11 relevance, ?12 submitter,
	 * ?13 phone, ?14 email, ?15 token hash, ?16 now, ?17 milestones
	 * (one per line: deliverable TAB start TAB end) */
	"INSERT INTO proposals (status, kind, target_item_id, title, "
	"lead_agency_id, lead_agency_other, problem, commitment, contribution, "
	"ogp_values, relevance, submitter, phone, email, token_hash, "
	"created_at, updated_at, submitted_at, milestones) VALUES (?1, ?2, ?3, "
	"?4, (SELECT id FROM agencies WHERE slug = ?5), ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?16, "
	"CASE WHEN ?1 = 'submitted' THEN ?16 END, ?17)",
	/* STMT_PROPOSAL_UPDATE: ?1..?14 as for insert, ?15 now, ?16 id,
	 * ?17 milestones */
	"UPDATE proposals SET status = ?1, kind = ?2, target_item_id = ?3, "
	"title = ?4, lead_agency_id = (SELECT id FROM agencies WHERE slug = ?5), "
	"lead_agency_other = ?6, problem = ?7, commitment = ?8, "
	"contribution = ?9, ogp_values = ?10, relevance = ?11, submitter = ?12, "
	"phone = ?13, email = ?14, updated_at = ?15, "
	"submitted_at = CASE WHEN ?1 = 'submitted' "
	"THEN coalesce(submitted_at, ?15) ELSE submitted_at END, "
	"revision = revision + 1, milestones = ?17 WHERE id = ?16",
	/* STMT_REVISION_INSERT: ?1 id, ?2 action; copies the current row */
	"INSERT INTO proposal_revisions (proposal_id, revision, saved_at, "
	"action, status, kind, target_item_id, title, lead_agency_id, "
	"lead_agency_other, problem, commitment, contribution, ogp_values, "
	"relevance, submitter, phone, email, milestones) SELECT id, revision, "
	"updated_at, ?2, status, kind, target_item_id, title, lead_agency_id, "
	"lead_agency_other, problem, commitment, contribution, ogp_values, "
	"relevance, submitter, phone, email, milestones FROM proposals "
	"WHERE id = ?1",
	/* STMT_PROPOSAL_GET: ?1 id -> see enum pcol in page_proposal.c */
	"SELECT p.id, p.status, p.kind, p.target_item_id, p.title, "
	"a.slug, a.name, a.name_en, p.lead_agency_other, p.problem, "
	"p.commitment, p.contribution, p.ogp_values, p.relevance, "
	"p.submitter, p.phone, p.email, p.revision, p.created_at, "
	"p.updated_at, p.submitted_at, i.commitment_id, i.position, i.title, "
	"ad.slug, ad.name, ad.name_en, p.milestones "
	"FROM proposals p LEFT JOIN agencies a ON a.id = p.lead_agency_id "
	"LEFT JOIN items i ON i.id = p.target_item_id "
	"LEFT JOIN agencies ad ON ad.id = coalesce(p.agency_id, p.lead_agency_id) "
	"WHERE p.id = ?1",
	/* STMT_PROPOSAL_AUTH: ?1 id -> token_hash, status */
	"SELECT token_hash, status FROM proposals WHERE id = ?1",
	/* STMT_PROPOSAL_LIST: submitted proposals newest first, through
	 * proposals_by_time: ?1 unused, ?2 value mask or 0, ?4 limit, ?5
	 * offset (with words: STMT_PROPOSAL_LIST_WORDS) -> id, title, kind, values,
	 * submitted_at, submitter, lead name, target commitment, target
	 * position, current answer: status, then NULL in place of the
	 * answer's text, time, author and agency (STMT_PROPOSAL_LIST_AGENCY,
	 * for the agency portal, has them; public lists show only the
	 * status).  Only what a list shows: the lead's English name, the
	 * addressed agency (a join of its own) and the target's title were
	 * read for no list: /proposals 478,811 -> 452,290 instructions, an
	 * agency's page 1,077,155 -> 1,052,016) */
	"SELECT p.id, p.title, p.kind, p.ogp_values, p.submitted_at, "
	"p.submitter, coalesce(a.name, p.lead_agency_other), "
	"i.commitment_id, i.position, an.status, NULL, NULL, NULL, "
	"NULL "
	"FROM proposals p LEFT JOIN agencies a ON a.id = p.lead_agency_id "
	"LEFT JOIN items i ON i.id = p.target_item_id "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"WHERE p.status = 'submitted' "
	"AND (?2 = 0 OR (p.ogp_values & ?2) <> 0) "
	"ORDER BY p.submitted_at DESC, p.id DESC LIMIT ?4 OFFSET ?5",
	/* STMT_PROPOSAL_LIST_AGENCY: as STMT_PROPOSAL_LIST, those addressed
	 * to agency ?1 (an id), through proposals_by_addressee; on item ?6
	 * too when it is bound */
	"SELECT p.id, p.title, p.kind, p.ogp_values, p.submitted_at, "
	"p.submitter, coalesce(a.name, p.lead_agency_other), "
	"i.commitment_id, i.position, an.status, an.response_html, "
	"an.answered_at, au.login, aag.name "
	"FROM proposals p LEFT JOIN agencies a ON a.id = p.lead_agency_id "
	"LEFT JOIN items i ON i.id = p.target_item_id "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"LEFT JOIN users au ON au.id = an.user_id "
	"LEFT JOIN agencies aag ON aag.id = an.agency_id "
	"WHERE p.status = 'submitted' AND "
	"coalesce(p.agency_id, p.lead_agency_id) = ?1 "
	"AND (?2 = 0 OR (p.ogp_values & ?2) <> 0) "
	"AND (?6 IS NULL OR p.target_item_id = ?6) "
	"ORDER BY p.submitted_at DESC, p.id DESC LIMIT ?4 OFFSET ?5",
	/* STMT_PROPOSAL_LIST_ITEM: as STMT_PROPOSAL_LIST, those on item ?1,
	 * through proposals_of_item */
	"SELECT p.id, p.title, p.kind, p.ogp_values, p.submitted_at, "
	"p.submitter, coalesce(a.name, p.lead_agency_other), "
	"i.commitment_id, i.position, an.status, NULL, NULL, NULL, "
	"NULL "
	"FROM proposals p LEFT JOIN agencies a ON a.id = p.lead_agency_id "
	"LEFT JOIN items i ON i.id = p.target_item_id "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"WHERE p.target_item_id = ?1 AND p.status = 'submitted' "
	"AND (?2 = 0 OR (p.ogp_values & ?2) <> 0) "
	"ORDER BY p.submitted_at DESC, p.id DESC LIMIT ?4 OFFSET ?5",
	/* STMT_PROPOSAL_COUNT: with words to look for: ?1 agency id or NULL,
	 * ?2 value mask or 0, ?3 and ?7 words (PROPOSAL_WORDS), ?6 item or
	 * NULL -> count */
	"SELECT count(*) FROM proposals p WHERE p.status = 'submitted' "
	PROPOSAL_FILTERS("p") PROPOSAL_WORDS,
	/* STMT_PROPOSAL_LIST_WORDS: as STMT_PROPOSAL_COUNT (?3 and ?7 not
	 * NULL), ?4 limit, ?5 offset -> the columns of STMT_PROPOSAL_LIST,
	 * then how many match in all.  The index's matches are taken once
	 * for the page and its count (the list and then the count each took
	 * them: a common word, 25 -> 15 ms). */
	"WITH m(id) AS MATERIALIZED (" PROPOSAL_MATCHES ") "
	"SELECT p.id, p.title, p.kind, p.ogp_values, p.submitted_at, "
	"p.submitter, coalesce(a.name, p.lead_agency_other), "
	"i.commitment_id, i.position, an.status, NULL, NULL, NULL, "
	"NULL, (SELECT count(*) FROM proposals c WHERE c.status = 'submitted' "
	PROPOSAL_FILTERS("c") "AND c.id IN m) "
	"FROM proposals p LEFT JOIN agencies a ON a.id = p.lead_agency_id "
	"LEFT JOIN items i ON i.id = p.target_item_id "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"WHERE p.status = 'submitted' " PROPOSAL_FILTERS("p")
	"AND p.id IN m ORDER BY p.submitted_at DESC, p.id DESC LIMIT ?4 OFFSET ?5",
	/* STMT_PROPOSAL_COUNTED: ?1 dim, ?2 key -> the count kept by the
	 * triggers of proposal_counts */
	"SELECT n FROM proposal_counts WHERE dim = ?1 AND key = ?2",
	/* STMT_PROPOSALS_OF_ITEM: ?1 item, ?2 limit -> id, title, kind,
	 * submitted_at, submitter; newest first, from proposals_of_item
	 * alone */
	"SELECT id, title, kind, submitted_at, submitter FROM proposals "
	"WHERE target_item_id = ?1 AND status = 'submitted' "
	"ORDER BY submitted_at DESC, id DESC LIMIT ?2",
	/* STMT_PROPOSAL_ADDRESSED: ?1 id -> addressed agency id, status */
	"SELECT coalesce(agency_id, lead_agency_id), status FROM proposals "
	"WHERE id = ?1",
	/* STMT_USER_INSERT: ?1 login, ?2 role, ?3 agency slug, ?4 hash, ?5 now */
	"INSERT INTO users (login, role, agency_id, password_hash, created_at) "
	"VALUES (?1, ?2, (SELECT id FROM agencies WHERE slug = ?3), ?4, ?5)",
	/* STMT_USER_LIST: -> id, login, role, agency slug, agency name,
	 * disabled, created_at */
	"SELECT u.id, u.login, u.role, a.slug, a.name, u.disabled, u.created_at "
	"FROM users u LEFT JOIN agencies a ON a.id = u.agency_id "
	"ORDER BY u.role DESC, u.login",
	/* STMT_USER_BY_LOGIN: ?1 login -> id, password_hash, disabled */
	"SELECT id, password_hash, disabled FROM users WHERE login = ?1",
	/* STMT_USER_DISABLE: ?1 login */
	"UPDATE users SET disabled = 1 WHERE login = ?1",
	/* STMT_SESSION_INSERT: ?1 id hash, ?2 user, ?3 now, ?4 expires */
	"INSERT INTO sessions (id_hash, user_id, created_at, expires_at) "
	"VALUES (?1, ?2, ?3, ?4)",
	/* STMT_SESSION_GET: ?1 id hash, ?2 now -> user id, login, role,
	 * agency id, agency slug, agency name, expires_at */
	"SELECT u.id, u.login, u.role, u.agency_id, a.slug, a.name, "
	"s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
	"LEFT JOIN agencies a ON a.id = u.agency_id "
	"WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0",
	/* STMT_SESSION_DELETE: ?1 id hash */
	"DELETE FROM sessions WHERE id_hash = ?1",
	/* STMT_SESSION_DELETE_USER: ?1 login */
	"DELETE FROM sessions WHERE user_id = "
	"(SELECT id FROM users WHERE login = ?1)",
	/* STMT_SESSION_PURGE: ?1 now */
	"DELETE FROM sessions WHERE expires_at <= ?1",
	/* STMT_LOGIN_FAIL_INSERT: ?1 key, ?2 now */
	"INSERT INTO login_failures (key, at) VALUES (?1, ?2)",
	/* STMT_LOGIN_FAIL_COUNT: ?1 key, ?2 since -> count */
	"SELECT count(*) FROM login_failures WHERE key = ?1 AND at > ?2",
	/* STMT_LOGIN_FAIL_CLEAR: ?1 key */
	"DELETE FROM login_failures WHERE key = ?1",
	/* STMT_LOGIN_FAIL_PURGE: ?1 before */
	"DELETE FROM login_failures WHERE at <= ?1",
	/* STMT_MEETING_INSERT: ?1 agency slug, ?2 title, ?3 starts, ?4 ends,
	 * ?5 place, ?6 online url, ?7 agenda, ?8 agenda html, ?9 experts,
	 * ?10 capacity, ?11 minutes, ?12 minutes html, ?13 recording url,
	 * ?14 now, ?15 user */
	"INSERT INTO meetings (agency_id, title, starts_at, ends_at, place, "
	"online_url, agenda, agenda_html, experts, capacity, minutes, "
	"minutes_html, recording_url, published_at, updated_at, minutes_at, "
	"created_by, updated_by) VALUES ((SELECT id FROM agencies WHERE "
	"slug = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	"?14, CASE WHEN ?11 <> '' THEN ?14 END, ?15, ?15)",
	/* STMT_MEETING_UPDATE: ?1..?15 as for insert, ?16 id */
	"UPDATE meetings SET agency_id = (SELECT id FROM agencies WHERE "
	"slug = ?1), title = ?2, starts_at = ?3, ends_at = ?4, place = ?5, "
	"online_url = ?6, agenda = ?7, agenda_html = ?8, experts = ?9, "
	"capacity = ?10, minutes = ?11, minutes_html = ?12, "
	"recording_url = ?13, updated_at = ?14, minutes_at = CASE WHEN "
	"?11 <> '' THEN coalesce(minutes_at, ?14) END, updated_by = ?15 "
	"WHERE id = ?16",
	/* STMT_MEETING_CANCEL: ?1 now, ?2 user, ?3 id */
	"UPDATE meetings SET status = 'cancelled', updated_at = ?1, "
	"updated_by = ?2 WHERE id = ?3",
	/* STMT_MEETING_REVISION: ?1 id, ?2 user, ?3 action; copies the row */
	"INSERT INTO meeting_revisions (meeting_id, at, user_id, action, title, "
	"starts_at, ends_at, place, online_url, agenda, experts, capacity, "
	"minutes, recording_url, status) SELECT id, updated_at, ?2, ?3, title, "
	"starts_at, ends_at, place, online_url, agenda, experts, capacity, "
	"minutes, recording_url, status FROM meetings WHERE id = ?1",
	/* STMT_MEETING_GET: ?1 id -> see enum mcol in page_meeting.c */
	"SELECT m.id, a.slug, a.name, a.name_en, m.title, m.starts_at, "
	"m.ends_at, m.place, m.online_url, m.agenda, m.agenda_html, m.experts, "
	"m.capacity, m.minutes, m.minutes_html, m.recording_url, m.status, "
	"m.published_at, m.updated_at, m.agency_id, (SELECT count(*) FROM "
	"registrations r WHERE r.meeting_id = m.id) "
	"FROM meetings m JOIN agencies a ON a.id = m.agency_id WHERE m.id = ?1",
	/* STMT_MEETINGS_UPCOMING: ?2 now, ?3 limit -> MEETING_ROW; every
	 * agency's */
	MEETING_ROW "WHERE m.ends_at >= ?2 " MEETINGS_NOT_ENDED
	"ORDER BY m.starts_at, m.id LIMIT ?3",
	/* STMT_MEETINGS_PAST: as STMT_MEETINGS_UPCOMING, newest first */
	MEETING_ROW "WHERE m.ends_at < ?2 "
	"ORDER BY m.starts_at DESC, m.id DESC LIMIT ?3",
	/* STMT_MEETINGS_UPCOMING_OF: as STMT_MEETINGS_UPCOMING, agency ?1
	 * (a slug) only, through meetings_of_agency: a statement of its own,
	 * as "?1 IS NULL OR a.slug = ?1" read every meeting */
	MEETING_ROW "WHERE a.slug = ?1 AND m.ends_at >= ?2 " MEETINGS_NOT_ENDED
	"ORDER BY m.starts_at, m.id LIMIT ?3",
	/* STMT_MEETINGS_PAST_OF: as STMT_MEETINGS_PAST, agency ?1 only */
	MEETING_ROW "WHERE a.slug = ?1 AND m.ends_at < ?2 "
	"ORDER BY m.starts_at DESC, m.id DESC LIMIT ?3",
	/* STMT_MEETINGS_FEED: -> MEETING_EVENT; every agency's */
	MEETING_EVENT "ORDER BY m.starts_at, m.id",
	/* STMT_MEETINGS_FEED_OF: as STMT_MEETINGS_FEED, agency ?1 (a slug)
	 * only */
	MEETING_EVENT "WHERE a.slug = ?1 ORDER BY m.starts_at, m.id",
	/* STMT_MEETING_ITEMS_DELETE: ?1 meeting */
	"DELETE FROM meeting_items WHERE meeting_id = ?1",
	/* STMT_MEETING_ITEM_INSERT: ?1 meeting, ?2 item */
	"INSERT OR IGNORE INTO meeting_items (meeting_id, item_id) "
	"VALUES (?1, ?2)",
	/* STMT_MEETING_ITEMS: ?1 meeting -> item id, commitment, position,
	 * title */
	"SELECT i.id, i.commitment_id, i.position, i.title FROM meeting_items mi "
	"JOIN items i ON i.id = mi.item_id WHERE mi.meeting_id = ?1 "
	"ORDER BY i.commitment_id, i.position",
	/* STMT_MEETING_EXPERTS_DELETE: ?1 meeting */
	"DELETE FROM meeting_experts WHERE meeting_id = ?1",
	/* STMT_MEETING_EXPERT_INSERT: ?1 meeting, ?2 position, ?3 name,
	 * ?4 affiliation */
	"INSERT INTO meeting_experts (meeting_id, position, name, affiliation) "
	"VALUES (?1, ?2, ?3, ?4)",
	/* STMT_MEETING_EXPERTS: ?1 meeting -> name, affiliation */
	"SELECT name, affiliation FROM meeting_experts WHERE meeting_id = ?1 "
	"ORDER BY position",
	/* STMT_AGENCY_EXPERTS: ?1 agency id -> name, affiliation; one row
	 * per meeting each sits on, unordered (page_agency sorts and counts
	 * them: SQLite's sorter cost 40,000 instructions for ten rows) */
	"SELECT e.name, e.affiliation FROM meeting_experts e "
	"JOIN meetings m ON m.id = e.meeting_id "
	"WHERE m.agency_id = ?1 AND m.status = 'scheduled'",
	/* STMT_REGISTRATION_INSERT: ?1 meeting, ?2 name, ?3 affiliation,
	 * ?4 email, ?5 now, ?6 capacity; inserts nothing when full */
	"INSERT INTO registrations (meeting_id, name, affiliation, email, "
	"created_at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM "
	"registrations WHERE meeting_id = ?1) < ?6",
	/* STMT_REGISTRATION_EXISTS: ?1 meeting, ?2 email */
	"SELECT 1 FROM registrations WHERE meeting_id = ?1 AND email = ?2",
	/* STMT_REGISTRATIONS: ?1 meeting -> name, affiliation, email,
	 * created_at */
	"SELECT name, affiliation, email, created_at FROM registrations "
	"WHERE meeting_id = ?1 ORDER BY id",
	/* STMT_COMMENT_INSERT: ?1 target, ?2 target id, ?3 parent, ?4 name,
	 * ?5 affiliation, ?6 body, ?7 body html, ?8 now, ?9 address, ?10 kind */
	"INSERT INTO comments (target, target_id, parent_id, name, affiliation, "
	"body, body_html, created_at, addr, kind) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10)",
	/* STMT_COMMENT_LIST: ?1 target, ?2 target id, ?3 kind -> COMMENT_ROW;
	 * every thread, oldest first, each comment before its replies */
	COMMENT_ROW "ORDER BY coalesce(c.parent_id, c.id), c.id",
	/* STMT_COMMENT_LATEST: as STMT_COMMENT_LIST, the latest ?4 threads
	 * only, read from where they begin in comments_in_threads (a
	 * statement of its own: "?4 IS NULL OR ..." read every comment of
	 * the target; an item's page, 1,059 -> 576 VM steps) */
	COMMENT_ROW "AND coalesce(c.parent_id, c.id) >= coalesce((SELECT "
	"x.id FROM comments x WHERE x.target = ?1 AND x.target_id = ?2 "
	"AND x.kind = ?3 AND x.parent_id IS NULL "
	"ORDER BY coalesce(x.parent_id, x.id) DESC "
	"LIMIT 1 OFFSET ?4 - 1), 0) "
	"ORDER BY coalesce(c.parent_id, c.id), c.id",
	/* STMT_COMMENT_COUNT: ?1 target, ?2 target id, ?3 kind -> threads,
	 * comments, as the triggers of comment_counts keep them */
	"SELECT coalesce(max(threads), 0), coalesce(max(comments), 0) "
	"FROM comment_counts WHERE target = ?1 AND target_id = ?2 "
	"AND kind = ?3",
	/* STMT_COMMENT_GET: ?1 id -> id, target, target id, parent, hidden */
	"SELECT id, target, target_id, parent_id, hidden_at IS NOT NULL "
	"FROM comments WHERE id = ?1",
	/* STMT_COMMENT_REPORT: ?1 id */
	"UPDATE comments SET reports = reports + 1 WHERE id = ?1",
	/* STMT_COMMENT_HIDE: ?1 id, ?2 now, ?3 user, ?4 reason */
	"UPDATE comments SET hidden_at = ?2, hidden_by = ?3, hidden_reason = ?4 "
	"WHERE id = ?1",
	/* STMT_COMMENT_UNHIDE: ?1 id */
	"UPDATE comments SET hidden_at = NULL, hidden_by = NULL, "
	"hidden_reason = NULL WHERE id = ?1",
	/* STMT_COMMENTS_ADMIN: -> id, target, target id, name, body,
	 * created_at, reports, hidden_at, hidden reason; reported first */
	"SELECT id, target, target_id, name, body, created_at, reports, "
	"hidden_at, hidden_reason FROM comments "
	"ORDER BY (reports > 0 AND hidden_at IS NULL) DESC, id DESC LIMIT 200",
	/* STMT_ANSWER_INSERT: ?1 proposal, ?2 status, ?3 item, ?4 response,
	 * ?5 response html, ?6 agency id, ?7 user, ?8 now */
	"INSERT INTO answers (proposal_id, status, item_id, response, "
	"response_html, agency_id, user_id, answered_at) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8)",
	/* STMT_ANSWER_HISTORY: ?1 proposal -> status, item id, commitment,
	 * position, item title, response, response html, login, agency name,
	 * answered_at, id; newest first */
	"SELECT a.status, a.item_id, i.commitment_id, i.position, i.title, "
	"a.response, a.response_html, u.login, ag.name, a.answered_at, a.id "
	"FROM answers a JOIN users u ON u.id = a.user_id "
	"LEFT JOIN agencies ag ON ag.id = a.agency_id "
	"LEFT JOIN items i ON i.id = a.item_id "
	"WHERE a.proposal_id = ?1 ORDER BY a.id DESC",
	/* STMT_ROUTE_UPDATE: ?1 agency slug, ?2 proposal */
	"UPDATE proposals SET agency_id = (SELECT id FROM agencies WHERE "
	"slug = ?1) WHERE id = ?2",
	/* STMT_ROUTING_INSERT: ?1 proposal, ?2 new agency slug, ?3 user,
	 * ?4 now; run before STMT_ROUTE_UPDATE */
	"INSERT INTO routings (proposal_id, from_agency_id, to_agency_id, "
	"user_id, at) SELECT id, coalesce(agency_id, lead_agency_id), "
	"(SELECT id FROM agencies WHERE slug = ?2), ?3, ?4 FROM proposals "
	"WHERE id = ?1",
	/* STMT_ROUTING_HISTORY: ?1 proposal -> from name, to name, login, at */
	"SELECT fa.name, ta.name, u.login, r.at FROM routings r "
	"LEFT JOIN agencies fa ON fa.id = r.from_agency_id "
	"JOIN agencies ta ON ta.id = r.to_agency_id "
	"JOIN users u ON u.id = r.user_id WHERE r.proposal_id = ?1 ORDER BY r.id",
	/* STMT_ADMIN_PROPOSALS: ?1 addressed agency slug or NULL -> id, title,
	 * status, submitted_at, addressed slug, addressed name, answer status,
	 * submitter */
	"SELECT p.id, p.title, p.status, p.submitted_at, ad.slug, ad.name, "
	"an.status, p.submitter FROM proposals p "
	"LEFT JOIN agencies ad ON ad.id = coalesce(p.agency_id, p.lead_agency_id) "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"WHERE p.status <> 'draft' AND (?1 IS NULL OR ad.slug = ?1) "
	"ORDER BY p.id DESC",
	/* STMT_FEED: -> kind, subject id, title, at, updated, text, entry id,
	 * a meeting's start and place, a meeting's or an answer's status */
	"SELECT * FROM (SELECT 'proposal', id, title, submitted_at AS at, "
	"updated_at, problem, id, NULL, '', '' FROM proposals "
	"WHERE status = 'submitted' "
	"UNION ALL SELECT 'meeting', id, title, published_at, updated_at, "
	"agenda, id, starts_at, place, status FROM meetings "
	"UNION ALL SELECT 'answer', a.proposal_id, "
	"p.title, a.answered_at, a.answered_at, a.response, a.id, NULL, '', "
	"a.status FROM answers a "
	"JOIN proposals p ON p.id = a.proposal_id WHERE p.status = 'submitted') "
	"ORDER BY at DESC LIMIT 50",
	/* STMT_AGENCY_SLUG: ?1 id -> slug */
	"SELECT slug FROM agencies WHERE id = ?1",
	/* STMT_EXPORT: ?1 mode (0 submitted, 1 and withdrawn, 2 and drafts),
	 * ?2 one proposal or NULL -> see enum xcol in export.c.  The + on
	 * status keeps SQLite off the status indexes: it reads the table in
	 * id order and streams, where an index meant sorting every row, long
	 * texts and all, in a temporary b-tree first. */
	"SELECT p.id, p.status, p.kind, p.target_item_id, ti.commitment_id, "
	"ti.position, ti.title, p.title, la.slug, la.name, p.lead_agency_other, "
	"p.problem, p.commitment, p.contribution, p.ogp_values, p.relevance, "
	"p.submitter, p.phone, p.email, ad.slug, ad.name, p.created_at, "
	"p.submitted_at, p.updated_at, (SELECT count(*) FROM proposal_revisions "
	"pr WHERE pr.proposal_id = p.id), (SELECT count(*) FROM comments c "
	"WHERE c.target = 'proposal' AND c.target_id = p.id), an.status, "
	"an.response, an.response_html, ai.commitment_id, ai.position, ai.title, "
	"an.answered_at, aa.name, p.milestones "
	"FROM proposals p LEFT JOIN items ti ON ti.id = p.target_item_id "
	"LEFT JOIN agencies la ON la.id = p.lead_agency_id "
	"LEFT JOIN agencies ad ON ad.id = coalesce(p.agency_id, p.lead_agency_id) "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"LEFT JOIN items ai ON ai.id = an.item_id "
	"LEFT JOIN agencies aa ON aa.id = an.agency_id "
	"WHERE (+p.status = 'submitted' OR (?1 >= 1 AND +p.status = 'withdrawn') "
	"OR (?1 >= 2 AND +p.status = 'draft')) AND (?2 IS NULL OR p.id = ?2) "
	"ORDER BY p.id",
	/* STMT_RESPONSES: ?1 limit, ?2 offset -> the columns of STMT_EXPORT
	 * that the register shows (NULL for the long texts it does not),
	 * submitted proposals newest first, a page at a time */
	"SELECT p.id, p.status, p.kind, p.target_item_id, NULL, NULL, NULL, "
	"p.title, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	"NULL, ad.slug, ad.name, NULL, NULL, NULL, NULL, NULL, an.status, "
	"NULL, an.response_html, ai.commitment_id, ai.position, ai.title, "
	"an.answered_at, aa.name, NULL "
	"FROM proposals p "
	"LEFT JOIN agencies ad ON ad.id = coalesce(p.agency_id, p.lead_agency_id) "
	"LEFT JOIN answers an ON an.id = p.answer_id "
	"LEFT JOIN items ai ON ai.id = an.item_id "
	"LEFT JOIN agencies aa ON aa.id = an.agency_id "
	"WHERE p.status = 'submitted' ORDER BY p.id DESC LIMIT ?1 OFFSET ?2",
	/* STMT_RESPONSES_ANSWERED: -> submitted proposals with an answer */
	"SELECT count(*) FROM (SELECT DISTINCT proposal_id FROM answers) x "
	"CROSS JOIN proposals p ON p.id = x.proposal_id "
	"WHERE p.status = 'submitted'",
	/* STMT_EXPORT_COUNT: ?1, ?2 as for STMT_EXPORT -> count */
	"SELECT count(*) FROM proposals p WHERE (p.status = 'submitted' OR "
	"(?1 >= 1 AND p.status = 'withdrawn') OR (?1 >= 2 AND "
	"p.status = 'draft')) AND (?2 IS NULL OR p.id = ?2)",
	/* STMT_DASH_STATUS: -> status, count */
	"SELECT status, count(*) FROM proposals GROUP BY status",
	/* STMT_DASH_AGENCY: -> slug, name, submitted, answered */
	"SELECT a.slug, a.name, count(p.id), count(p.id) FILTER (WHERE EXISTS "
	"(SELECT 1 FROM answers x WHERE x.proposal_id = p.id)) FROM agencies a "
	"LEFT JOIN proposals p ON coalesce(p.agency_id, p.lead_agency_id) = a.id "
	"AND p.status = 'submitted' GROUP BY a.id ORDER BY a.id",
	/* STMT_DASH_VALUE: -> transparency, participation, accountability */
	"SELECT count(*) FILTER (WHERE ogp_values & 1), count(*) FILTER (WHERE "
	"ogp_values & 2), count(*) FILTER (WHERE ogp_values & 4) FROM proposals "
	"WHERE status = 'submitted'",
	/* STMT_DASH_KIND: -> kind, count */
	"SELECT kind, count(*) FROM proposals WHERE status = 'submitted' "
	"GROUP BY kind",
	/* STMT_DASH_DAYS: -> Taipei day, submissions */
	"SELECT date(submitted_at, '+8 hours') AS day, count(*) FROM proposals "
	"WHERE status = 'submitted' GROUP BY day ORDER BY day",
	/* STMT_DASH_INDEX -> changes the search index has yet to take in,
	 * the fault of its last failing turn (NULL when it works) */
	"SELECT (SELECT count(*) FROM search_marks WHERE id > "
	"(SELECT mark FROM ix.index_state)), "
	"(SELECT value FROM settings WHERE key = 'search_fault')",
	/* STMT_DASH_MEETINGS: ?1 now -> slug, name, held, upcoming */
	"SELECT a.slug, a.name, count(m.id) FILTER (WHERE m.ends_at < ?1), "
	"count(m.id) FILTER (WHERE m.ends_at >= ?1) FROM agencies a "
	"LEFT JOIN meetings m ON m.agency_id = a.id AND m.status = 'scheduled' "
	"GROUP BY a.id ORDER BY a.id",
	/* STMT_DASH_UNROUTED: -> submitted proposals addressed to no agency
	 * (a free-text lead agency, not routed yet), answered */
	"SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "
	"answers x WHERE x.proposal_id = p.id)) FROM proposals p "
	"WHERE p.status = 'submitted' AND coalesce(p.agency_id, "
	"p.lead_agency_id) IS NULL",
	/* STMT_RATE_COUNT: ?1 kind, ?2 address, ?3 minute an hour ago ->
	 * count since */
	"SELECT coalesce(sum(n), 0) FROM rate_counts WHERE kind = ?1 "
	"AND addr = ?2 AND minute > ?3",
	/* STMT_RATE_INSERT: ?1 kind, ?2 address, ?3 this minute */
	"INSERT INTO rate_counts (kind, addr, minute, n) VALUES (?1, ?2, ?3, 1) "
	"ON CONFLICT (kind, addr, minute) DO UPDATE SET n = n + 1",
	/* STMT_RATE_PURGE: ?1 minute before which to drop */
	"DELETE FROM rate_counts WHERE minute < ?1",
	/* STMT_SEARCH_FTS: ?1 FTS5 query, ?2 agency slug, ?3 value mask,
	 * ?4 answer status or 'unanswered', ?5 kind, ?6 the words as typed,
	 * ?7 limit, ?8 offset, ?21..?28 the words as LIKE patterns (NULL when
	 * unused) -> kind, ref, target, target id, title, body; by relevance:
	 * exact titles first, then by bm25 with titles weighing ten times.
	 * Docs marked since the index's mark are matched with LIKE, not with
	 * the index.  Every match is scored and its doc looked up for its
	 * title, about 1.5 us each, and only the page's docs are read whole:
	 * page_search asks for this order by itself up to SEARCH_RANKED
	 * matches. */
	"SELECT d.kind, d.ref, d.target, d.target_id, d.title, d.body "
	"FROM (SELECT d.id, d.title = ?6 AS exact, "
	"bm25(search_fts, 10.0, 1.0) AS score "
	"FROM ix.search_fts JOIN search_docs d ON d.id = search_fts.rowid "
	"WHERE search_fts MATCH ?1 AND d.id NOT IN (" SEARCH_MARKED ") "
	SEARCH_FILTERS
	"UNION ALL "
	"SELECT d.id, d.title = ?6, 0.0 FROM search_docs d "
	"WHERE d.id IN (" SEARCH_MARKED ") AND "
	SEARCH_PENDING_LIKE SEARCH_FILTERS
	"ORDER BY exact DESC, score, id DESC LIMIT ?7 OFFSET ?8) h "
	"JOIN search_docs d ON d.id = h.id "
	"ORDER BY h.exact DESC, h.score, h.id DESC",
	/* STMT_SEARCH_IDS: ?1..?5, ?21..?28 as above -> the id of every doc
	 * that matches, newest first: how many, and the page's when they are
	 * listed newest first, in one pass over the matches (counting them
	 * and then taking a page took the index's matches twice: a word of
	 * two characters in 33,000 docs 12.9 -> 8.1 ms; a phrase in 10,000,
	 * whose page stopped after 20, 1.4 -> 1.7 ms).  A match's doc is
	 * looked up only for the filters, only when there are any. */
	"SELECT id FROM ("
	"SELECT rowid AS id FROM ix.search_fts WHERE search_fts MATCH ?1 "
	"AND rowid NOT IN (" SEARCH_MARKED ") AND " SEARCH_MATCH_FILTERS
	"UNION ALL "
	"SELECT d.id FROM search_docs d WHERE d.id IN (" SEARCH_MARKED ") AND "
	SEARCH_PENDING_LIKE SEARCH_FILTERS
	") ORDER BY id DESC",
	/* STMT_SEARCH_DOC: ?1 id -> the columns of STMT_SEARCH_FTS */
	"SELECT kind, ref, target, target_id, title, body FROM search_docs "
	"WHERE id = ?1",
	/* STMT_INDEX_LAST: ?1 how many -> the last of the first ?1 marks
	 * after the index's mark (NULL when none) */
	"SELECT max(id) FROM (SELECT id FROM search_marks WHERE id > "
	"(SELECT mark FROM ix.index_state) ORDER BY id LIMIT ?1)",
	/* STMT_INDEX_TURN: the index's write lock, taken first */
	"UPDATE ix.index_state SET turns = turns + 1",
	/* STMT_INDEX_STAGED -> the mark up to which docs wait in ix.incoming */
	"SELECT upto FROM ix.staged",
	/* STMT_INDEX_STAGE: ?1 last: the docs marked up to it, as they are
	 * now (present 0: no longer a doc) */
	"INSERT INTO ix.incoming (id, present, title, body) "
	"SELECT m.doc, d.id IS NOT NULL, coalesce(d.title, ''), "
	"coalesce(d.body, '') FROM (SELECT DISTINCT doc FROM search_marks "
	"WHERE id > (SELECT mark FROM ix.index_state) AND id <= ?1) m "
	"LEFT JOIN search_docs d ON d.id = m.doc",
	/* STMT_INDEX_UPTO: ?1 last */
	"INSERT INTO ix.staged (one, upto) VALUES (1, ?1)",
	/* STMT_INDEX_DELETES: the staged docs' words as indexed out ... */
	"INSERT INTO ix.search_fts (search_fts, rowid, title, body) "
	"SELECT 'delete', x.id, x.title, x.body FROM ix.docs x "
	"WHERE x.id IN (SELECT id FROM ix.incoming)",
	/* STMT_INDEX_FORGET: ... with their text as indexed */
	"DELETE FROM ix.docs WHERE id IN (SELECT id FROM ix.incoming)",
	/* STMT_INDEX_COPY: the staged docs as they are now ... */
	"INSERT INTO ix.docs (id, title, body) "
	"SELECT id, title, body FROM ix.incoming WHERE present",
	/* STMT_INDEX_INSERTS: ... in */
	"INSERT INTO ix.search_fts (rowid, title, body) "
	"SELECT id, title, body FROM ix.incoming WHERE present",
	/* STMT_INDEX_DONE */
	"UPDATE ix.index_state SET mark = (SELECT upto FROM ix.staged)",
	/* STMT_INDEX_CLEAR */
	"DELETE FROM ix.incoming",
	/* STMT_INDEX_UNSTAGE */
	"DELETE FROM ix.staged",
	/* STMT_INDEX_MARK -> the index's mark */
	"SELECT mark FROM ix.index_state",
	/* STMT_INDEX_FIRST -> the first mark kept */
	"SELECT min(id) FROM search_marks",
	/* STMT_INDEX_TRIM: ?1 a mark the index has taken in, on the disk:
	 * those before it (the newest is kept: its number is not to be
	 * used again) */
	"DELETE FROM search_marks WHERE id < ?1",
	/* STMT_HEALTH_AGENCIES: ?1 now -> id, slug, name, last MSF held (end),
	 * meetings, announced 14 days ahead, held, minutes due, minutes within
	 * 14 days, proposals addressed, answered, whether it leads an item or
	 * co-hosts a commitment; cancelled meetings left out */
	"SELECT a.id, a.slug, a.name, "
	"(SELECT max(m.ends_at) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled' AND m.ends_at < ?1), "
	"(SELECT count(*) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled'), "
	"(SELECT count(*) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled' AND julianday(m.starts_at) - "
	"julianday(m.published_at) >= 14), "
	"(SELECT count(*) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled' AND m.ends_at < ?1), "
	"(SELECT count(*) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled' AND m.ends_at < ?1 AND (m.minutes_at IS NOT NULL "
	"OR julianday(?1) - julianday(m.ends_at) > 14)), "
	"(SELECT count(*) FROM meetings m WHERE m.agency_id = a.id AND "
	"m.status = 'scheduled' AND m.ends_at < ?1 AND m.minutes_at IS NOT NULL "
	"AND julianday(m.minutes_at) - julianday(m.ends_at) <= 14), "
	"coalesce((SELECT n FROM proposal_counts WHERE dim = 'agency' AND "
	"key = a.id), 0), coalesce(ans.n, 0), "
	"EXISTS (SELECT 1 FROM items i WHERE i.lead_agency_id = a.id) OR "
	"EXISTS (SELECT 1 FROM commitment_agencies ca WHERE ca.agency_id = a.id) "
	"FROM agencies a LEFT JOIN (SELECT coalesce(p.agency_id, "
	"p.lead_agency_id) AS ag, count(*) AS n FROM (SELECT DISTINCT "
	"proposal_id FROM answers) x CROSS JOIN proposals p ON p.id = "
	"x.proposal_id WHERE p.status = 'submitted' "
	"GROUP BY ag) ans ON ans.ag = a.id ORDER BY a.id",
	/* STMT_HEALTH_ANSWER_DAYS: -> agency id (NULL: not routed), days from
	 * submission to the first answer, in order */
	"SELECT coalesce(p.agency_id, p.lead_agency_id) AS ag, "
	"julianday(f.first) - julianday(p.submitted_at) AS days "
	"FROM (SELECT proposal_id, min(answered_at) AS first FROM answers "
	"GROUP BY proposal_id) f JOIN proposals p ON p.id = f.proposal_id "
	"WHERE p.status = 'submitted' ORDER BY ag, days",
	/* STMT_REVISIONS_LIST: ?1 proposal -> revision, saved_at, action,
	 * status */
	"SELECT revision, saved_at, action, status FROM proposal_revisions "
	"WHERE proposal_id = ?1 ORDER BY revision",
	/* STMT_REVISION_GET: ?1 proposal, ?2 revision -> kind, target item
	 * commitment, position, title, title, lead agency name, lead other,
	 * problem, commitment, contribution, values, relevance, submitter */
	"SELECT r.kind, ti.commitment_id, ti.position, ti.title, r.title, "
	"la.name, r.lead_agency_other, r.problem, r.commitment, r.contribution, "
	"r.ogp_values, r.relevance, r.submitter, r.milestones "
	"FROM proposal_revisions r "
	"LEFT JOIN items ti ON ti.id = r.target_item_id "
	"LEFT JOIN agencies la ON la.id = r.lead_agency_id "
	"WHERE r.proposal_id = ?1 AND r.revision = ?2",
	/* STMT_MEETING_REVISIONS: ?1 meeting -> id, at, login, action, title,
	 * starts, ends, place, online url, agenda, experts, capacity, minutes,
	 * recording url, status; oldest first */
	"SELECT mr.id, mr.at, u.login, mr.action, mr.title, mr.starts_at, "
	"mr.ends_at, mr.place, mr.online_url, mr.agenda, mr.experts, "
	"mr.capacity, mr.minutes, mr.recording_url, mr.status "
	"FROM meeting_revisions mr LEFT JOIN users u ON u.id = mr.user_id "
	"WHERE mr.meeting_id = ?1 ORDER BY mr.id",
	/* STMT_MILESTONE_INSERT: ?1 item, ?2 deliverable, ?3 starts_on,
	 * ?4 ends_on, ?5 now */
	"INSERT INTO item_milestones (item_id, deliverable, starts_on, ends_on, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* STMT_MILESTONE_SET: ?1 milestone, ?2 status, ?3 progress, ?4 now,
	 * ?5 item (the milestone must be the item's) */
	"UPDATE item_milestones SET status = ?2, progress = ?3, updated_at = ?4 "
	"WHERE id = ?1 AND item_id = ?5",
	/* STMT_MILESTONES_OF_ITEM: ?1 item -> id, deliverable, starts_on,
	 * ends_on, status, progress, updated_at */
	"SELECT id, deliverable, starts_on, ends_on, status, progress, "
	"updated_at FROM item_milestones WHERE item_id = ?1 "
	"ORDER BY starts_on, id",
	/* STMT_ITEM_UPDATE_INSERT: ?1 item, ?2 milestone, ?3 status,
	 * ?4 progress, ?5 note, ?6 note html, ?7 user, ?8 agency, ?9 now */
	"INSERT INTO item_updates (item_id, milestone_id, status, progress, note, "
	"note_html, user_id, agency_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9)",
	/* STMT_ITEM_UPDATES: ?1 item -> at, note html, login, agency name,
	 * milestone deliverable, status, progress; newest first */
	"SELECT u.at, u.note_html, us.login, a.name, m.deliverable, u.status, "
	"u.progress FROM item_updates u JOIN users us ON us.id = u.user_id "
	"LEFT JOIN agencies a ON a.id = u.agency_id "
	"LEFT JOIN item_milestones m ON m.id = u.milestone_id "
	"WHERE u.item_id = ?1 ORDER BY u.id DESC",
	/* STMT_ITEM_SET_STATUS: ?1 item, ?2 status */
	"UPDATE items SET status = ?2 WHERE id = ?1",
	/* STMT_ITEM_PROGRESS: -> item, milestones, average progress,
	 * completed, delayed (dropped milestones left out) */
	"SELECT item_id, count(*), CAST(round(avg(progress)) AS INTEGER), "
	"count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE "
	"status = 'delayed') FROM item_milestones WHERE status <> 'dropped' "
	"GROUP BY item_id",
	/* STMT_ITEM_LEAD: ?1 item -> lead agency id */
	"SELECT lead_agency_id FROM items WHERE id = ?1",
	/* STMT_ITEM_BRIEF: as STMT_ITEM_LIST, but only id, commitment_id,
	 * position, title and lead name, in the same columns: what the home
	 * page lists of each item and the forms offer as choices (the
	 * proposal form, an answer's item, a meeting's items), which read
	 * STMT_ITEM_LIST's English title, status, lead's slug and English
	 * name and count of proposals for nothing */
	"SELECT i.id, i.commitment_id, i.position, i.title, NULL, NULL, NULL, "
	"a.name FROM items i JOIN agencies a ON a.id = i.lead_agency_id "
	"ORDER BY i.commitment_id, i.position",
};

_Static_assert(sizeof(stmts) / sizeof(stmts[0]) == STMT__MAX,
    "one SQL text per enum stmt");

#define BUSY_TIMEOUT_MS 5000

/*
 * Waits for another connection's lock, up to BUSY_TIMEOUT_MS: first in
 * steps of 50 microseconds, then 200, then a millisecond.  SQLite's own
 * handler sleeps 1, 2, 5, 10 ... 100 ms, so two workers writing by turns
 * spent most of their time asleep with the lock free; a commit here takes
 * a fraction of a millisecond.  Returns 1 to try again, 0 to give up.
 */
static int
busy_wait(void *arg, int count)
{
	struct db	*db = arg;
	struct timespec	 now;
	long long	 waited;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		db->busy_since = now;
	waited = (now.tv_sec - db->busy_since.tv_sec) * 1000LL +
	    (now.tv_nsec - db->busy_since.tv_nsec) / 1000000;
	if (waited >= (db->wait_ms ? db->wait_ms : BUSY_TIMEOUT_MS) ||
	    db->no_wait)
		return 0;
	usleep(count < 20 ? 50 : count < 200 ? 200 : 1000);
	return 1;
}

#define CHECKPOINT_PAGES 1000	/* SQLite's own wal_autocheckpoint */
#define CHECKPOINT_EVERY_MS 100	/* a connection's passive ones, at most */
#ifndef RESTART_PAGES
#define RESTART_PAGES	4000	/* the WAL made to start over (db_commit) */
#endif
#define RESTART_WAIT_MS	500	/* for the readers of its frames, at most */

/*
 * Syncs the WAL of the schema name ("main", "ix"): what was committed
 * before is on the disk.  0 or -1.
 */
static int
wal_sync(struct db *db, const char *name)
{
	sqlite3_file	*f = NULL;

	if (sqlite3_file_control(db->conn, name,
	    SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK || f == NULL ||
	    f->pMethods == NULL)
		return -1;
	return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) == SQLITE_OK ? 0 : -1;
}

/*
 * After a commit: the WAL synced, then a checkpoint if one is due (it
 * does not wait for readers or writers).  0, or -1 when the sync failed.
 */
static int
wal_settle(struct db *db, const char *name)
{
	if (wal_sync(db, "main") == -1)
		return -1;
	if (db->checkpoint) {
		db->checkpoint = 0;
		db->checkpoints++;
		sqlite3_wal_checkpoint_v2(db->conn, name,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return 0;
}

/*
 * Called by SQLite after every commit of this connection that wrote to the
 * WAL, with its length in pages (it replaces the automatic checkpoint).
 * The connection runs with synchronous=NORMAL, so the commit wrote the WAL
 * but did not sync it: this does, before the write's statement returns,
 * so an acknowledged write is on the disk as with synchronous=FULL.  In
 * the writers' queue (db_begin .. db_commit) both the sync and a due
 * checkpoint wait until db_commit has let the queue go: the next writer
 * appends to the WAL while this one waits for the disk, and its sync
 * then also carries the writes before it.  Returns SQLITE_OK, or the
 * sync's error for the statement (its commit has happened).
 */
static int
wal_committed(void *arg, sqlite3 *conn, const char *name, int pages)
{
	struct db	*db = arg;

	/*
	 * The search index's file: nothing waits on it, and what it loses to
	 * a power cut is taken in again from the marks (db_index_pending,
	 * which also checkpoints it after the transaction: from here, inside
	 * it, the checkpoint could not reach the frames just written, and its
	 * WAL would never start over).
	 */
	(void)conn;
	if (strcmp(name, "main") != 0) {
		if (pages >= CHECKPOINT_PAGES)
			db->ix_checkpoint = pages;
		return SQLITE_OK;
	}
	/*
	 * A long WAL is checkpointed (passive: it syncs the WAL, copies what
	 * no reader still needs into the database and, when that is all of
	 * it, syncs the database), but by this connection at most once per
	 * checkpoint_every_ms.  Readers hold snapshots, so the WAL seldom
	 * starts over by itself, and SQLite's rule (a checkpoint after every
	 * commit past CHECKPOINT_PAGES) ran one for nearly every submission
	 * (255 syncs of the database for 342): two more syncs each, and the
	 * pages every submission writes (the header, the counts, the ends of
	 * the indexes) copied every time.  Spaced in time, a checkpoint
	 * takes dozens of submissions in one copy, and most submitters no
	 * longer wait for one before their answer (8 workers at 64
	 * connections: 2,585-2,708 -> 2,749-3,049 submissions/s, the app's
	 * CPU 547-574 -> 474-526 us a submission, three A/B rounds).  The
	 * WAL's length stays bounded by the restart at RESTART_PAGES.
	 */
	if (pages >= CHECKPOINT_PAGES) {
		long long	 now = when_mono_ms();

		if (now >= db->checkpoint_at) {
			db->checkpoint = 1;
			db->checkpoint_at = now + db->checkpoint_every_ms;
		}
	}
	if (pages < db->wal_pages)
		db->restart_after = 0;	/* it started over meanwhile */
	db->wal_pages = pages;
	if (pages >= RESTART_PAGES && pages >= db->restart_after)
		db->restart = 1;
	if (db->queued) {
		db->unsynced = 1;
		return SQLITE_OK;
	}
	return wal_settle(db, name) == 0 ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

/* The search index's tokenizer (tok.c). */
#define IX_TOKENIZER	"cc_trigram"

/* The search index's file, attached as "ix" (schema.sql, search_marks). */
static const char ix_schema[] =
	"CREATE TABLE IF NOT EXISTS ix.index_state ("
	"one INTEGER PRIMARY KEY CHECK (one = 1), "
	"source TEXT NOT NULL, "		/* main's search_source */
	"mark INTEGER NOT NULL, "		/* search_marks taken in */
	"turns INTEGER NOT NULL DEFAULT 0);"
	/* Each doc's title and body as indexed: what takes its words out. */
	"CREATE TABLE IF NOT EXISTS ix.docs (id INTEGER PRIMARY KEY, "
	"title TEXT NOT NULL, body TEXT NOT NULL);"
	/*
	 * The docs of a turn, copied from the main file (present 0: removed)
	 * in a short transaction of their own, up to the mark upto: the turn
	 * then indexes them without holding a snapshot of the main file,
	 * which would keep its checkpoints from finishing (db_commit).
	 */
	"CREATE TABLE IF NOT EXISTS ix.incoming (id INTEGER PRIMARY KEY, "
	"present INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS ix.staged ("
	"one INTEGER PRIMARY KEY CHECK (one = 1), upto INTEGER NOT NULL);"
	/* tok.c: trigrams, and each text's last two characters and last
	 * one, so that words of one or two characters are found too. */
	"CREATE VIRTUAL TABLE IF NOT EXISTS ix.search_fts USING fts5(title, "
	"body, content = 'docs', content_rowid = 'id', "
	"tokenize = '" IX_TOKENIZER "');"
	/*
	 * Segments merged 16 at a time, not 4: a proposal's trigrams are
	 * rewritten at fewer levels (2,000 proposals indexed 20 at a time:
	 * 353 -> 190 us each).  A level is merged all at once (a "crisis
	 * merge") only at 64 segments.
	 */
	"INSERT INTO ix.search_fts (search_fts, rank) SELECT 'automerge', 16 "
	"WHERE NOT EXISTS (SELECT 1 FROM ix.search_fts_config "
	"WHERE k = 'automerge' AND v = 16);"
	"INSERT INTO ix.search_fts (search_fts, rank) SELECT 'crisismerge', 64 "
	"WHERE NOT EXISTS (SELECT 1 FROM ix.search_fts_config "
	"WHERE k = 'crisismerge' AND v = 64);";

/*
 * Whether the search index's file has all its tables, its words made by
 * IX_TOKENIZER: 1, 0 when not, or -1.
 */
static int
ix_current(struct db *db)
{
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	if (sqlite3_prepare_v2(db->conn, "SELECT count(*) FROM ix.sqlite_master "
	    "WHERE name IN ('index_state', 'docs', 'incoming', 'staged') OR "
	    "(name = 'search_fts' AND sql LIKE '%" IX_TOKENIZER "%')",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) == 5;
	sqlite3_finalize(st);
	return rc;
}

/*
 * Attaches the search index's file, PATH-search (made when missing), as
 * "ix" in WAL mode, with its tables when they are missing.  Writes to the
 * main file take only its lock (db_begin), the index's turns only the
 * index's (db_index_pending).  Returns 0 or -1.
 */
static int
ix_attach(struct db *db, const char *path)
{
	sqlite3_stmt	*st = NULL;
	char		 ipath[4096];
	int		 fd, rc = -1, mem = strcmp(path, ":memory:") == 0 ||
			    *path == '\0';

	if (!mem) {
		if (snprintf(ipath, sizeof(ipath), "%s-search", path) >=
		    (int)sizeof(ipath))
			return -1;
		/* ATTACH makes no file unless the main one was opened so. */
		if ((fd = open(ipath, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) != -1)
			close(fd);
	}
	if (sqlite3_prepare_v2(db->conn, "ATTACH ?1 AS ix", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, mem ? ":memory:" : ipath, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
	sqlite3_finalize(st);
	if (rc == -1 || (!mem &&
	    (db_exec(db, "PRAGMA ix.journal_mode = WAL") == -1 ||
	    db_exec(db, "PRAGMA ix.synchronous = NORMAL") == -1)))
		return -1;
	/* Tables already there: a read, no write lock taken. */
	if ((rc = ix_current(db)) != 0)
		return rc == 1 ? 0 : -1;
	/*
	 * Made, or made again: an index of an older tokenizer (the trigram
	 * tokenizer alone, before tok.c) is dropped with its state, and
	 * db_index_check builds it anew.  Looked at again under the lock, in
	 * case another connection did it first.
	 */
	if (db_exec(db, "BEGIN IMMEDIATE") == -1)
		return -1;
	if ((rc = ix_current(db)) == 0 &&
	    (db_exec(db, "DROP TABLE IF EXISTS ix.search_fts; "
	    "DROP TABLE IF EXISTS ix.index_state") == -1 ||
	    db_exec(db, ix_schema) == -1))
		rc = -1;
	if (rc == -1) {
		db_exec(db, "ROLLBACK");
		return -1;
	}
	return db_exec(db, "COMMIT");
}

/*
 * Opens the database at path with the pragmas every connection needs:
 * WAL, synchronous=NORMAL with the WAL synced after every commit
 * (wal_committed: an acknowledged write survives power loss),
 * foreign keys, and a busy timeout long enough that writers queue instead
 * of failing.  With create, a missing file is created.  Returns 0 or -1
 * (db->conn may then be set: db_errmsg() says why; db_close() it).
 */
int
db_open(struct db *db, const char *path, int create)
{
	int	 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	char	 qpath[4096];

	memset(db, 0, sizeof(*db));
	db->queue = -1;
	db->checkpoint_every_ms = CHECKPOINT_EVERY_MS;
	if (strcmp(path, ":memory:") != 0 && *path != '\0' &&
	    snprintf(qpath, sizeof(qpath), "%s-writers", path) <
	    (int)sizeof(qpath))
		db->queue = open(qpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK)
		return -1;
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_handler(db->conn, busy_wait, db);
	/*
	 * One plan a statement whatever its bound values (the query planner
	 * stability guarantee).  Without it a statement with "column LIKE ?"
	 * is marked to be prepared again whenever that parameter is bound or
	 * the bindings cleared (db_stmt clears them), in case the pattern
	 * allows an index: our patterns all begin with '%', and the lists,
	 * whose word filter has a LIKE for the docs waiting for the index,
	 * were prepared again on every page (0.6 million instructions, / at
	 * 9,224 requests/s instead of 17,000).
	 */
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int *)0);
	if (db_exec(db, "PRAGMA journal_mode = WAL") == -1 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") == -1 ||
	    db_exec(db, "PRAGMA foreign_keys = ON") == -1)
		return -1;
	/*
	 * No memory map: in WAL mode a connection drops its map whenever
	 * another one has written (munmap and mmap of the whole file, then a
	 * page fault per page read again), and eight workers submitting spent
	 * more time in the kernel than in SQLite (1,150 submissions/s with a
	 * 1 GiB map, 1,450 without; pages the same within noise).  Each
	 * connection keeps up to 16 MiB of pages instead of 2: /proposals
	 * at 64 connections, p99 5.5 ms rather than 9-10 ms.
	 */
	db_exec(db, "PRAGMA cache_size = -16384");
	sqlite3_wal_hook(db->conn, wal_committed, db);
	if (tok_register(db->conn) == -1)
		return -1;
	return ix_attach(db, path);
}

/* Prepares every statement of the table once.  Returns 0 or -1. */
int
db_prepare(struct db *db)
{
	for (int i = 0; i < STMT__MAX; i++) {
		if (sqlite3_prepare_v3(db->conn, stmts[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &db->stmt[i], NULL) != SQLITE_OK) {
			fprintf(stderr, "cocreate: statement %d: %s\n", i,
			    sqlite3_errmsg(db->conn));
			return -1;
		}
	}
	return 0;
}

void
db_close(struct db *db)
{
	for (int i = 0; i < STMT__MAX; i++) {
		sqlite3_finalize(db->stmt[i]);
		db->stmt[i] = NULL;
	}
	sqlite3_finalize(db->read_begin);
	sqlite3_finalize(db->read_end);
	sqlite3_finalize(db->write_begin);
	sqlite3_finalize(db->write_lock);
	db->read_begin = db->read_end = NULL;
	db->write_begin = db->write_lock = NULL;
	if (db->conn != NULL)
		sqlite3_close(db->conn);
	db->conn = NULL;
	if (db->queue != -1)
		close(db->queue);
	db->queue = -1;
	db->queued = 0;
}

/*
 * Returns a prepared statement, reset and with its bindings cleared.  The
 * caller binds, steps, and should sqlite3_reset() it when done; the server
 * also resets every statement after each request so that no read
 * transaction outlives its request.
 */
sqlite3_stmt *
db_stmt(struct db *db, enum stmt s)
{
	/* A write ends the request's read transaction first (db_read). */
	if (db->reading && !sqlite3_stmt_readonly(db->stmt[s]))
		db_read_end(db);
	sqlite3_reset(db->stmt[s]);
	sqlite3_clear_bindings(db->stmt[s]);
	return db->stmt[s];
}

void
db_reset_all(struct db *db)
{
	db->err = 0;
	for (int i = 0; i < STMT__MAX; i++)
		if (db->stmt[i] != NULL && sqlite3_stmt_busy(db->stmt[i]))
			sqlite3_reset(db->stmt[i]);
	if (db->conn != NULL && !sqlite3_get_autocommit(db->conn))
		db_rollback(db);
}

/*
 * Runs SQL without results (pragmas, transactions).  Returns 0 or -1; the
 * caller says what failed (db_errmsg) where it belongs: at start-up on
 * stderr, in a request in its one log line.
 */
int
db_exec(struct db *db, const char *sql)
{
	if (db->reading)
		db_read_end(db);
	return sqlite3_exec(db->conn, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Steps a statement of its own, prepared on first use: 0 or -1. */
static int
db_step_once(struct db *db, sqlite3_stmt **st, const char *sql)
{
	int	 rc;

	if (*st == NULL && sqlite3_prepare_v3(db->conn, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(*st);
	sqlite3_reset(*st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * A page's reads in one transaction: one snapshot for the whole page, and
 * the file locks taken and released once instead of once per statement
 * (a home page ran a dozen statements, each locking, checking the WAL
 * and unlocking: 24 fcntl and 12 fstat calls a request).  Anything that
 * writes ends it first: db_stmt() on a statement that writes, db_exec()
 * (pragmas), db_begin(), so writes keep their own transactions.
 * BEGIN and COMMIT are prepared once (parsing them for every page cost
 * some 7,000 instructions a request).
 */
void
db_read_begin(struct db *db)
{
	if (db->conn != NULL && !db->reading &&
	    sqlite3_get_autocommit(db->conn) &&
	    db_step_once(db, &db->read_begin, "BEGIN") == 0)
		db->reading = 1;
}

void
db_read_end(struct db *db)
{
	if (!db->reading)
		return;
	db->reading = 0;
	/* COMMIT of a read transaction lets pending reads go on. */
	if (!sqlite3_get_autocommit(db->conn) &&
	    db_step_once(db, &db->read_end, "COMMIT") == -1)
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

static void
queue_alarm(int sig)
{
	(void)sig;
}

/*
 * Waits in the writers' queue: an flock() on the file beside the database
 * (path-writers), which every process of ours that writes takes before
 * its transaction begins and lets go after COMMIT or ROLLBACK.  A writer waits
 * asleep in the kernel and is woken the moment the lock is let go, where
 * SQLite's lock can only be tried again and again (busy_wait): eight
 * workers submitting at once spent the two cores waking each other.  The
 * wait ends after BUSY_TIMEOUT_MS (SIGALRM interrupts it); the write then
 * goes on to SQLite's lock and its busy handler, which also keep out any
 * writer not in the queue (sqlite3 on the command line).  With no_wait, a
 * queue that is not empty is not joined.  Returns 0, or -1 for no_wait
 * and a taken lock.
 */
static int
queue_join(struct db *db)
{
	struct sigaction	 sa, old;
	struct itimerval	 t, off;
	int			 rc;

	if (db->queue == -1 || db->queued)
		return 0;
	if (flock(db->queue, LOCK_EX | LOCK_NB) == 0) {
		db->queued = 1;
		return 0;
	}
	if (errno != EWOULDBLOCK)
		return 0;
	if (db->no_wait)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = queue_alarm;	/* no SA_RESTART: flock() ends */
	sigemptyset(&sa.sa_mask);
	memset(&t, 0, sizeof(t));
	memset(&off, 0, sizeof(off));
	t.it_value.tv_sec = BUSY_TIMEOUT_MS / 1000;
	t.it_value.tv_usec = BUSY_TIMEOUT_MS % 1000 * 1000;
	sigaction(SIGALRM, &sa, &old);
	setitimer(ITIMER_REAL, &t, NULL);
	rc = flock(db->queue, LOCK_EX);
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old, NULL);
	if (rc == 0)
		db->queued = 1;
	return 0;
}

static void
queue_leave(struct db *db)
{
	if (db->queued)
		flock(db->queue, LOCK_UN);
	db->queued = 0;
}

/*
 * Begins a write transaction, taking the main file's write lock now, so a
 * busy database shows up here (and waits out the busy timeout) rather than
 * half-way through the changes.
 */
int
db_begin(struct db *db)
{
	/*
	 * A read transaction of the request let go before the queue is
	 * joined: a writer ahead in it may wait for the readers of old WAL
	 * frames (the restart in db_commit), and a reader queued behind it
	 * would hold them all that time.  Measured with POSTs reading in a
	 * transaction of their own before they write: 87 submissions a
	 * second and p99 1 s with the snapshot kept in the queue, 3,319 to
	 * 3,401 let go first (which was no faster than reading without one,
	 * so POSTs do not).
	 */
	if (db->reading)
		db_read_end(db);
	if (queue_join(db) == -1) {
		db->err = SQLITE_BUSY;
		return -1;
	}
	/*
	 * Not BEGIN IMMEDIATE, which takes the write lock of every attached
	 * file, the search index's too: a statement that may write to the
	 * main file takes its lock, and only its, before anything is read.
	 * A database without the settings table (a new one, before init's
	 * schema) takes both.
	 */
	if (db->write_lock == NULL && sqlite3_prepare_v3(db->conn,
	    "UPDATE main.settings SET value = value WHERE 0", -1,
	    SQLITE_PREPARE_PERSISTENT, &db->write_lock, NULL) != SQLITE_OK) {
		if (db_exec(db, "BEGIN IMMEDIATE") == -1) {
			queue_leave(db);
			return -1;
		}
		return 0;
	}
	if (db_step_once(db, &db->write_begin, "BEGIN") == -1) {
		queue_leave(db);
		return -1;
	}
	if (db_step_once(db, &db->write_lock, NULL) == -1) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/*
 * Commits, lets the writers' queue go, and only then syncs the WAL and
 * checkpoints when it is due (wal_committed).  Returns 0 when the write
 * is on the disk, or -1.
 */
int
db_commit(struct db *db)
{
	int	 rc = db_exec(db, "COMMIT");

	if (!sqlite3_get_autocommit(db->conn))
		return rc;
	/*
	 * A WAL of RESTART_PAGES: checkpointed whole, in the queue (no
	 * writer of ours appends meanwhile), waiting for the readers of its
	 * frames to finish, so that the next commit writes it from the start.
	 * Passive checkpoints never reach the end of a WAL that writers keep
	 * appending to, and it only starts over when one has: under a steady
	 * stream of submissions it grew by 100 MB a second (1.1 GB after 10 s
	 * at 64 connections), for every reader to search and for a restart
	 * after a crash to read whole.  It costs the writers a pause now and
	 * then, lost in the noise since indexing turns hold no snapshot of
	 * this file for long (db_index_pending): 2,737-2,752 submissions/s,
	 * POST p99 46-50 ms, a WAL of 17 MB, against 2,692-2,700/s, 42-46
	 * ms and 348-449 MB unbounded (two alternations).  A long read (an
	 * export of every proposal) is waited for RESTART_WAIT_MS at most;
	 * this connection then tries again RESTART_PAGES later, so the
	 * writers never queue behind it.
	 */
	if (db->restart && db->queued) {
		db->restart = 0;
		db->checkpoint = 0;
		db->restart_tries++;
		db->wait_ms = RESTART_WAIT_MS;
		if (sqlite3_wal_checkpoint_v2(db->conn, "main",
		    SQLITE_CHECKPOINT_RESTART, NULL, NULL) == SQLITE_OK)
			db->restart_after = 0;
		else
			db->restart_after = db->wal_pages + RESTART_PAGES;
		db->wait_ms = 0;
	}
	queue_leave(db);
	if (db->unsynced) {
		db->unsynced = 0;
		if (wal_settle(db, "main") == -1)
			rc = -1;
	}
	return rc;
}

/*
 * Rolls back the open transaction, if any, keeping the error that led here
 * for db_busy() (a successful ROLLBACK would clear it).
 */
void
db_rollback(struct db *db)
{
	db->reading = 0;
	if (db->conn == NULL)
		return;
	if (sqlite3_errcode(db->conn) != SQLITE_OK)
		db->err = sqlite3_extended_errcode(db->conn);
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	queue_leave(db);
}

/* The last of the first n changes waiting for the index, or 0. */
static long long
index_last(struct db *db, int n)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_INDEX_LAST);
	long long	 last = 0;

	sqlite3_bind_int(st, 1, n);
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return last;
}

static int
index_step(struct db *db, enum stmt s, long long last)
{
	sqlite3_stmt	*st = db_stmt(db, s);
	int		 rc;

	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, last);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Marks taken in after which a turn deletes them from search_marks. */
#define TRIM_AFTER	2000

/*
 * Begins a transaction of the index's file: its write lock taken first,
 * not waited for when another turn holds it.  0, 1 when it is taken
 * elsewhere, or -1.
 */
static int
index_begin(struct db *db)
{
	int	 rc;

	db->no_wait = 1;
	if (db->reading)
		db_read_end(db);
	rc = db_step_once(db, &db->write_begin, "BEGIN") == -1 ||
	    index_step(db, STMT_INDEX_TURN, 0) == -1;
	db->no_wait = 0;
	if (!rc)
		return 0;
	db_rollback(db);
	rc = db->err & 0xff;
	db->err = 0;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? 1 : -1;
}

/*
 * Brings the search index up to date with the first n marks after its
 * own (search_marks), in two transactions of the index's file: the first
 * copies the marked docs as they are now into ix.incoming (one short
 * snapshot of the main file), the second takes the words each was
 * indexed with out (ix.docs keeps its text as indexed), puts it in as it
 * is now, if it still is, and moves the index's mark on.  Submissions
 * never wait for a turn: it takes the index's write lock, not the main
 * file's.  A turn is idempotent: what a crash or a power cut loses
 * (before the index's file was synced) is done again from the marks, and
 * docs left staged are indexed by the next turn.  A look that finds
 * nothing marked takes no lock, and a turn taken elsewhere is not waited
 * for: the next one will do.  Once TRIM_AFTER marks have been taken in,
 * they are deleted, after the index's file is synced (the marks are what
 * a lost turn is done again from).  Returns 1 when it took marks in, 0
 * when none waited or the lock was taken, or -1.
 */
int
db_index_pending(struct db *db, int n)
{
	sqlite3_stmt	*st;
	long long	 last = 0, first = 0;
	char		 upto[24];
	int		 rc;

	if (index_last(db, 1) == 0)
		return 0;
	if ((rc = index_begin(db)) != 0)
		return rc == 1 ? 0 : -1;
	st = db_stmt(db, STMT_INDEX_STAGED);
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (last == 0) {
		if ((last = index_last(db, n)) == 0) {
			db_rollback(db);
			return 0;
		}
		if (index_step(db, STMT_INDEX_STAGE, last) == -1 ||
		    index_step(db, STMT_INDEX_UPTO, last) == -1 ||
		    db_exec(db, "COMMIT") == -1) {
			db_rollback(db);
			return -1;
		}
		/* Taken elsewhere meanwhile: that turn indexes them. */
		if ((rc = index_begin(db)) != 0)
			return rc == 1 ? 1 : -1;
	}
	if (index_step(db, STMT_INDEX_DELETES, 0) == -1 ||
	    index_step(db, STMT_INDEX_FORGET, 0) == -1 ||
	    index_step(db, STMT_INDEX_COPY, 0) == -1 ||
	    index_step(db, STMT_INDEX_INSERTS, 0) == -1 ||
	    index_step(db, STMT_INDEX_DONE, 0) == -1 ||
	    index_step(db, STMT_INDEX_CLEAR, 0) == -1 ||
	    index_step(db, STMT_INDEX_UNSTAGE, 0) == -1 ||
	    db_exec(db, "COMMIT") == -1) {
		db_rollback(db);
		return -1;
	}
	/*
	 * The index's WAL checkpointed after the turn, and whole, waiting for
	 * the searches that read its frames, when it is long (db_commit):
	 * left to passive checkpoints it grew to 370-490 MB in 10 s of
	 * submissions at 64 connections.  Other turns meanwhile find the
	 * lock taken and leave it.
	 */
	if (db->ix_checkpoint) {
		sqlite3_wal_checkpoint_v2(db->conn, "ix",
		    db->ix_checkpoint >= RESTART_PAGES ?
		    SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
		db->ix_checkpoint = 0;
	}
	/* The marks taken in, deleted now and then. */
	st = db_stmt(db, STMT_INDEX_FIRST);
	if (sqlite3_step(st) == SQLITE_ROW)
		first = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (first != 0 && last - first >= TRIM_AFTER &&
	    wal_sync(db, "ix") == 0) {
		db->no_wait = 1;
		rc = db_begin(db);
		db->no_wait = 0;
		snprintf(upto, sizeof(upto), "%lld", last - 1);
		/* What is deleted is kept in mind: db_index_check. */
		if (rc == 0 && (index_step(db, STMT_INDEX_TRIM, last) == -1 ||
		    db_setting_put(db, "search_trimmed", upto) == -1 ||
		    db_commit(db) == -1))
			db_rollback(db);
		db->err = 0;
	}
	return 1;
}

/* Marks waiting beyond which the index is built anew rather than caught up. */
#define REBUILD_OVER	20000

/*
 * Makes the search index (the file PATH-search) one of this database: built
 * anew from search_docs when it has no mark, was built for another
 * database (main's setting search_source), is ahead of this one's marks
 * (a backup restored over the database) or behind the marks deleted
 * (search_trimmed: an old copy of the index file), or when more than
 * REBUILD_OVER marks wait; else caught up with the marks waiting.  Run by
 * `cocreate init` and by `cocreate serve` before its workers start.
 * Returns 0 or -1 (db_errmsg says why).
 */
int
db_index_check(struct db *db)
{
	sqlite3_stmt	*st = NULL;
	char		 source[65], upto[24];
	long long	 mark;
	int		 rebuild = 1, rc;

	if (db_setting(db, "search_source", source, sizeof(source)) == -1)
		return -1;
	if (sqlite3_prepare_v2(db->conn, "SELECT s.source = ?1 "
	    "AND max(s.mark, coalesce(g.upto, 0)) <= m.top "
	    "AND m.top - s.mark <= ?2 AND s.mark >= coalesce(CAST(t.value "
	    "AS INTEGER), 0) FROM ix.index_state s "
	    "JOIN (SELECT coalesce(max(id), 0) AS top FROM main.search_marks) m "
	    "LEFT JOIN ix.staged g "
	    "LEFT JOIN main.settings t ON t.key = 'search_trimmed'", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, REBUILD_OVER);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1)
		rebuild = 0;
	sqlite3_finalize(st);
	st = NULL;
	if (!rebuild) {
		while ((rc = db_index_pending(db, 1000)) == 1)
			;
		return rc;
	}
	/*
	 * The index's lock first (its first statement writes), then one
	 * snapshot of the main file for the docs and the last mark.
	 */
	if (db_step_once(db, &db->write_begin, "BEGIN") == -1)
		return -1;
	if (db_exec(db, "DELETE FROM ix.index_state; DELETE FROM ix.docs; "
	    "DELETE FROM ix.incoming; DELETE FROM ix.staged; "
	    "INSERT INTO ix.docs (id, title, body) "
	    "SELECT id, title, body FROM search_docs; "
	    "INSERT INTO ix.search_fts (search_fts) VALUES ('rebuild')") == -1 ||
	    sqlite3_prepare_v2(db->conn, "INSERT INTO ix.index_state "
	    "(one, source, mark) VALUES (1, ?1, coalesce((SELECT max(id) "
	    "FROM main.search_marks), 0))", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || db_exec(db, "COMMIT") == -1 ||
	    wal_sync(db, "ix") == -1)
		goto fail;
	db->ix_checkpoint = 0;
	sqlite3_wal_checkpoint_v2(db->conn, "ix", SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	/* The marks it has taken in, all but the newest (STMT_INDEX_TRIM). */
	st = db_stmt(db, STMT_INDEX_MARK);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		goto fail;
	}
	mark = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(upto, sizeof(upto), "%lld", mark - 1);
	if (db_begin(db) == -1 || index_step(db, STMT_INDEX_TRIM, mark) == -1 ||
	    db_setting_put(db, "search_trimmed", upto) == -1 ||
	    db_commit(db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* Appends each row of sql but "ok" to out, after label.  Returns them. */
static int
check_rows(struct db *db, const char *sql, const char *label,
    struct buf *out)
{
	sqlite3_stmt	*st;
	const char	*v;
	int		 n = 0, rc;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
		buf_printf(out, "%s: %s\n", label, sqlite3_errmsg(db->conn));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = (const char *)sqlite3_column_text(st, 0);
		if (v == NULL || strcmp(v, "ok") != 0) {
			buf_printf(out, "%s: %s\n", label, v ? v : "?");
			n++;
		}
	}
	if (rc != SQLITE_DONE) {
		buf_printf(out, "%s: %s\n", label, sqlite3_errmsg(db->conn));
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/*
 * `cocreate check`: SQLite's integrity_check of the database and of its
 * search index's file, each proposal's current answer (answer_id) against
 * its answers, FTS5's own check of the index against the text it
 * keeps (which needs tok.c: no other program can run it), and that text
 * against the docs, those with a change waiting left out.  Appends each
 * problem, a line each, to out.  Returns how many.
 */
int
db_check(struct db *db, struct buf *out)
{
	int	 n;

	n = check_rows(db, "PRAGMA main.integrity_check", "database", out);
	n += check_rows(db, "SELECT 'proposal ' || p.id || ': current answer "
	    "' || coalesce(p.answer_id, 'none') || ', the latest ' || "
	    "coalesce(m.id, 'none') FROM proposals p LEFT JOIN (SELECT "
	    "proposal_id, max(id) AS id FROM answers GROUP BY proposal_id) m "
	    "ON m.proposal_id = p.id WHERE p.answer_id IS NOT m.id LIMIT 20",
	    "answers", out);
	n += check_rows(db, "PRAGMA ix.integrity_check", "search index file",
	    out);
	if (db_exec(db, "INSERT INTO ix.search_fts (search_fts, rank) "
	    "VALUES ('integrity-check', 1)") == -1) {
		buf_printf(out, "search index, FTS5 integrity-check: %s\n",
		    db_errmsg(db));
		n++;
	}
	/* The docs and the marks waiting, from one snapshot. */
	if (db_exec(db, "BEGIN") == -1)
		return n + 1;
	n += check_rows(db, "SELECT 'never built' WHERE NOT EXISTS "
	    "(SELECT 1 FROM ix.index_state)", "search index", out);
	n += check_rows(db, "WITH waiting AS (SELECT doc FROM search_marks "
	    "WHERE id > coalesce((SELECT mark FROM ix.index_state), 0)) "
	    "SELECT 'doc ' || d.id || ' indexed not as it is' FROM search_docs "
	    "d LEFT JOIN ix.docs x ON x.id = d.id WHERE (x.id IS NULL OR "
	    "x.title IS NOT d.title OR x.body IS NOT d.body) AND d.id NOT IN "
	    "waiting UNION ALL SELECT 'doc ' || x.id || ' indexed, not a doc' "
	    "FROM ix.docs x WHERE NOT EXISTS (SELECT 1 FROM search_docs d "
	    "WHERE d.id = x.id) AND x.id NOT IN waiting LIMIT 20",
	    "search index", out);
	db_exec(db, "COMMIT");
	return n;
}

/*
 * Returns 1 when the connection could only open the file for reading (it
 * was not writable then; SQLite never tries again on its own).
 */
int
db_readonly(struct db *db)
{
	return db->conn != NULL && sqlite3_db_readonly(db->conn, "main") == 1;
}

const char *
db_errmsg(struct db *db)
{
	if (db->conn == NULL)
		return "no connection";
	/* A rollback after the error (db_rollback) leaves "not an error". */
	if (db->err != 0 && sqlite3_errcode(db->conn) == SQLITE_OK)
		return sqlite3_errstr(db->err);
	return sqlite3_errmsg(db->conn);
}

/* Returns 1 when the last error was a lock or I/O fault, not a bug. */
int
db_busy(struct db *db)
{
	int	 rc = (db->err ? db->err : sqlite3_errcode(db->conn)) & 0xff;

	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_FULL ||
	    rc == SQLITE_IOERR || rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN;
}

/*
 * Copies the setting key into out (of size n).  Returns 0, or -1 when it
 * is absent or does not fit.
 */
int
db_setting(struct db *db, const char *key, char *out, size_t n)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_SETTING_GET);
	const unsigned char *v;
	int		 rc = -1;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = sqlite3_column_text(st, 0)) != NULL &&
	    (size_t)sqlite3_column_bytes(st, 0) < n) {
		memcpy(out, v, (size_t)sqlite3_column_bytes(st, 0) + 1);
		rc = 0;
	}
	sqlite3_reset(st);
	return rc;
}

/* Runs a statement on the setting key (and value): rows changed, or -1. */
static int
setting_write(struct db *db, enum stmt s, const char *key, const char *value)
{
	sqlite3_stmt	*st = db_stmt(db, s);
	int		 rc;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (value != NULL)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? sqlite3_changes(db->conn) : -1;
}

int
db_setting_put(struct db *db, const char *key, const char *value)
{
	return setting_write(db, STMT_SETTING_PUT, key, value) == -1 ? -1 : 0;
}

/* Adds the setting unless it is there: 1 when added, 0 when not, or -1. */
int
db_setting_add(struct db *db, const char *key, const char *value)
{
	return setting_write(db, STMT_SETTING_ADD, key, value);
}

/* Deletes the setting: 1 when it was there, 0 when not, or -1. */
int
db_setting_del(struct db *db, const char *key)
{
	return setting_write(db, STMT_SETTING_DEL, key, NULL);
}

/*
 * Columns added after a table first shipped.  CREATE TABLE IF NOT EXISTS in
 * schema.sql makes new tables; these bring old tables up to date, before
 * the schema runs (its triggers and indexes may use them).  Each is added
 * only when the table exists and lacks it, so init stays idempotent.
 */
static const struct {
	const char	*table;
	const char	*column;
	const char	*sql;
} columns[] = {
	{ "comments", "kind", "ALTER TABLE comments ADD COLUMN kind TEXT "
	    "NOT NULL DEFAULT 'comment'" },
	{ "proposals", "milestones", "ALTER TABLE proposals ADD COLUMN "
	    "milestones TEXT NOT NULL DEFAULT ''" },
	{ "proposal_revisions", "milestones", "ALTER TABLE proposal_revisions "
	    "ADD COLUMN milestones TEXT NOT NULL DEFAULT ''" },
	{ "proposals", "answer_id", "ALTER TABLE proposals ADD COLUMN "
	    "answer_id INTEGER REFERENCES answers(id)" },
	{ "meetings", "versions", "ALTER TABLE meetings ADD COLUMN versions "
	    "INTEGER NOT NULL DEFAULT 0; UPDATE meetings SET versions = "
	    "(SELECT count(*) FROM meeting_revisions v "
	    "WHERE v.meeting_id = meetings.id)" },
};

static int
add_columns(struct db *db)
{
	sqlite3_stmt	*st;
	int		 have, exists, rc;

	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		if (sqlite3_prepare_v2(db->conn, "SELECT count(*) FROM "
		    "pragma_table_info(?1) WHERE name = ?2", -1, &st,
		    NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(st, 1, columns[i].table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, columns[i].column, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		have = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
		if (sqlite3_prepare_v2(db->conn, "SELECT count(*) FROM "
		    "sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
		    NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(st, 1, columns[i].table, -1, SQLITE_STATIC);
		exists = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) > 0;
		sqlite3_finalize(st);
		if (have < 0)
			return -1;
		if (exists && have == 0 && db_exec(db, columns[i].sql) == -1)
			return -1;
	}
	return 0;
}

/*
 * `cocreate init`: creates or upgrades the database at path from the
 * compiled-in schema.sql, in one transaction.  The deadline (UTC ISO 8601)
 * is set when given, or to 14 days from now when the database has none;
 * the server secret is made once; sendmail and mail_from, when given, set
 * how edit links are mailed; origin, when given, is the site's address
 * that `cocreate export` starts links with.  Running it again with the
 * same arguments changes nothing.  Returns 0 or -1.
 */
int
db_init(const char *path, const char *deadline, const char *sendmail,
    const char *mail_from, const char *origin)
{
	struct db	 db;
	char		*schema = NULL;
	char		 have[256], secret[65], when[32];
	int		 rc = -1;

	if (db_open(&db, path, 1) == -1) {
		fprintf(stderr, "cocreate: %s: %s\n", path, db_errmsg(&db));
		goto out;
	}
	if ((schema = sqlite3_malloc64(embedded_schema.len + 1)) == NULL)
		goto out;
	memcpy(schema, embedded_schema.data, embedded_schema.len);
	schema[embedded_schema.len] = '\0';
	if (db_begin(&db) == -1)
		goto out;
	if (add_columns(&db) == -1 || db_exec(&db, schema) == -1 ||
	    db_prepare(&db) == -1) {
		fprintf(stderr, "cocreate: init %s: %s\n", path, db_errmsg(&db));
		goto out;
	}
	/* What the search index's file is checked against (db_index_check). */
	if (db_setting(&db, "search_source", have, sizeof(have)) == -1) {
		auth_random_hex(secret, sizeof(secret));
		if (db_setting_put(&db, "search_source", secret) == -1)
			goto out;
	}
	if (deadline != NULL) {
		if (db_setting(&db, "deadline", have, sizeof(have)) == -1 ||
		    strcmp(have, deadline) != 0)
			if (db_setting_put(&db, "deadline", deadline) == -1)
				goto out;
	} else if (db_setting(&db, "deadline", have, sizeof(have)) == -1) {
		when_utc(time(NULL) + 14 * 86400, when, sizeof(when));
		if (db_setting_put(&db, "deadline", when) == -1)
			goto out;
	}
	if ((sendmail && db_setting_put(&db, "sendmail", sendmail) == -1) ||
	    (mail_from && db_setting_put(&db, "mail_from", mail_from) == -1) ||
	    (origin && db_setting_put(&db, "origin", origin) == -1))
		goto out;
	if (db_setting(&db, "secret", have, sizeof(have)) == -1) {
		auth_random_hex(secret, sizeof(secret));
		if (db_setting_put(&db, "secret", secret) == -1)
			goto out;
	}
	if (db_commit(&db) == -1)
		goto out;
	if (db_index_check(&db) == -1) {
		fprintf(stderr, "cocreate: init %s: the search index: %s\n",
		    path, db_errmsg(&db));
		goto out;
	}
	rc = 0;
out:
	if (rc == -1 && db.conn != NULL)
		db_rollback(&db);
	sqlite3_free(schema);
	db_close(&db);
	return rc;
}

/*
 * `cocreate backup`: an online, consistent copy of the database at path
 * into out, taken with SQLite's backup API in one step while writers go on
 * (a step that finds the database busy waits and tries again).  The copy is written beside out and renamed into
 * place, then checked with PRAGMA integrity_check.  Returns 0 or -1.
 */
int
db_backup(const char *path, const char *out)
{
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b = NULL;
	sqlite3_stmt	*st = NULL;
	char		 tmp[4096];
	int		 rc, ok = -1;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.partial", out) >= sizeof(tmp))
		return -1;
	unlink(tmp);
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fprintf(stderr, "cocreate: backup: %s\n",
		    sqlite3_errmsg(dst ? dst : src));
		goto out;
	}
	sqlite3_busy_timeout(src, 5000);
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "cocreate: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	/*
	 * One step copies everything from one snapshot: in WAL mode the read
	 * it holds does not stop the writers, while steps of a few pages start
	 * over whenever another connection commits between them, and under
	 * steady writes might never end.
	 */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		fprintf(stderr, "cocreate: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	/* The copy is a plain rollback-journal file, checked before use. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		fprintf(stderr, "cocreate: backup: the copy is not sound\n");
		goto out;
	}
	ok = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(dst);
	sqlite3_close(src);
	if (ok == 0 && rename(tmp, out) == -1) {
		fprintf(stderr, "cocreate: backup: %s: cannot rename\n", out);
		ok = -1;
	}
	if (ok == -1)
		unlink(tmp);
	return ok;
}
