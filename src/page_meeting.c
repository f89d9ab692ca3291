/*
 * Multi-stakeholder forum (MSF) meetings: notices announced in advance with
 * their agenda and experts, open registration, minutes and recordings
 * afterwards.  Agency users post and edit their own agency's; organizers
 * any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define SHORT_NOTICE	(14 * 86400)	/* OGP: announce at least 14 days ahead */
#define MAX_EXPERTS	100
#define MAX_CAPACITY	100000
#define YEAR_2000	((time_t)946684800)	/* 2000-01-01T00:00:00Z */
#define YEAR_2100	((time_t)4102444800)	/* 2100-01-01T00:00:00Z */

/* Columns of STMT_MEETING_GET. */
enum mcol {
	MC_ID,
	MC_AGENCY_SLUG,
	MC_AGENCY_NAME,
	MC_AGENCY_NAME_EN,
	MC_TITLE,
	MC_STARTS,
	MC_ENDS,
	MC_PLACE,
	MC_ONLINE_URL,
	MC_AGENDA,
	MC_AGENDA_HTML,
	MC_EXPERTS,
	MC_CAPACITY,
	MC_MINUTES,
	MC_MINUTES_HTML,
	MC_RECORDING_URL,
	MC_STATUS,
	MC_PUBLISHED,
	MC_UPDATED,
	MC_AGENCY_ID,
	MC_REGISTERED,
	MC__MAX
};

/* The fields of the meeting form that hold text, in the form's order. */
static const enum key meeting_keys[] = {
	KEY_AGENCY, KEY_TITLE, KEY_STARTS_AT, KEY_ENDS_AT, KEY_PLACE,
	KEY_ONLINE_URL, KEY_AGENDA, KEY_EXPERTS, KEY_CAPACITY, KEY_MINUTES,
	KEY_RECORDING_URL,
};

#define NMEETING_KEYS (sizeof(meeting_keys) / sizeof(meeting_keys[0]))

/* Meeting statuses (meetings.status) and their labels. */
static const struct {
	const char	*name;
	const char	*zh;
	const char	*en;
} meeting_statuses[] = {
	{ "scheduled", "已排定", "scheduled" },
	{ "cancelled", "已取消", "cancelled" },
};

#define NMEETING_STATUSES \
	(sizeof(meeting_statuses) / sizeof(meeting_statuses[0]))

/* Returns the zh-TW label of a meeting status, or the status itself. */
const char *
page_meeting_status_zh(const char *s)
{
	for (size_t i = 0; i < NMEETING_STATUSES; i++)
		if (s != NULL && strcmp(s, meeting_statuses[i].name) == 0)
			return meeting_statuses[i].zh;
	return s != NULL ? s : "";
}

/* Returns the English label of a meeting status, or "". */
const char *
page_meeting_status_en(const char *s)
{
	for (size_t i = 0; i < NMEETING_STATUSES; i++)
		if (s != NULL && strcmp(s, meeting_statuses[i].name) == 0)
			return meeting_statuses[i].en;
	return "";
}

/* A meeting as stored, or as typed into the staff form. */
struct meeting {
	long long	 id;
	long long	 agency_id;
	const char	*status;
	const char	*text[KEY__MAX];
	enum ferr	 err[KEY__MAX];
	const char	**items;
	size_t		 nitems;
};

/* A registration refused, shown back in the form. */
struct rform {
	const char	*name, *affiliation, *email;
	enum ferr	 err[3];
	const char	*banner;
};

/* Converts a stored UTC time to the form's Asia/Taipei "YYYY-MM-DDTHH:MM". */
static const char *
to_input(struct req *r, const char *utc)
{
	char	 s[32];
	time_t	 t;

	if (when_parse(utc, 0, &t) == -1)
		return "";
	when_taipei_input(t, s, sizeof(s));
	return arena_strdup(r->arena, s);
}

/* Returns 1 when the notice was published less than 14 days ahead. */
static int
short_notice(const char *published, const char *starts)
{
	time_t	 p, s;

	if (when_parse(published, 0, &p) == -1 || when_parse(starts, 0, &s) == -1)
		return 0;
	return s - p < SHORT_NOTICE;
}

/*
 * Adds one MEETING-like row from a STMT_MEETINGS_UPCOMING/PAST statement
 * to section sec of d.
 */
static void
meeting_row(struct req *r, struct tmpl_dict *d, const char *sec,
    sqlite3_stmt *st)
{
	struct tmpl_dict *m = tmpl_section(d, sec);

	(void)r;
	tmpl_set_int(m, "ID", sqlite3_column_int64(st, 0));
	tmpl_set(m, "AGENCY_SLUG", page_col(st, 1));
	tmpl_set(m, "AGENCY_NAME", page_col(st, 2));
	tmpl_set(m, "TITLE", page_col(st, 3));
	/* Its end (column 5) only selects the list: no list shows it. */
	page_set_time_roc(m, "STARTS", page_col(st, 4));
	if (*page_col(st, 6) != '\0')
		tmpl_set(tmpl_section(m, "PLACE"), "PLACE", page_col(st, 6));
	if (strcmp(page_col(st, 7), "cancelled") == 0)
		tmpl_show(m, "CANCELLED");
	if (short_notice(page_col(st, 8), page_col(st, 4)))
		tmpl_show(m, "SHORT_NOTICE");
	if (sqlite3_column_int(st, 9))
		tmpl_show(m, "HAS_MINUTES");
	if (*page_col(st, 10) != '\0')
		tmpl_show(m, "ONLINE");
}

/*
 * Adds the meetings of an agency (slug) or of all (NULL): UPCOMING rows
 * (not yet ended, soonest first) and, with with_past, PAST rows (newest
 * first), at most limit each; NO_UPCOMING or NO_PAST shown for a list
 * without any, so that no heading stands over nothing.  Returns the
 * number of rows or -1 on a database error.
 */
int
page_meeting_lists(struct req *r, struct tmpl_dict *d, const char *slug,
    int limit, int with_past)
{
	sqlite3_stmt	*st;
	char		 now[32];
	int		 rc, n = 0, rows;

	when_utc(r->now, now, sizeof(now));
	for (int past = 0; past < 1 + (with_past != 0); past++) {
		if (slug != NULL) {
			st = db_stmt(r->db, past ? STMT_MEETINGS_PAST_OF :
			    STMT_MEETINGS_UPCOMING_OF);
			sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
		} else
			st = db_stmt(r->db, past ? STMT_MEETINGS_PAST :
			    STMT_MEETINGS_UPCOMING);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, limit);
		rows = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			meeting_row(r, d, past ? "PAST" : "UPCOMING", st);
			rows++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
		if (rows == 0)
			tmpl_show(d, past ? "NO_PAST" : "NO_UPCOMING");
		n += rows;
	}
	return n;
}

/* `/meetings`: upcoming meetings first, then past ones with minutes. */
int
page_meetings(struct req *r)
{
	struct tmpl_dict *d;

	if ((d = resp_page_begin(r, "meetings.tpl", "多元利害關係人論壇",
	    "Multi-stakeholder forum meetings")) == NULL)
		return resp_page_end(r, 500);
	/* Each list says when it has none (NO_UPCOMING, NO_PAST). */
	if (page_meeting_lists(r, d, NULL, 500, 1) == -1)
		return page_db_fail(r);
	if (r->user != NULL)
		tmpl_show(d, "CAN_POST");
	return resp_page_end(r, 200);
}

/*
 * Loads meeting id into m (strings in the arena) and its items.  Returns 0,
 * 1 when there is none, -1 on a database error.
 */
static int
meeting_load(struct req *r, long long id, struct meeting *m, sqlite3_stmt **keep)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_MEETING_GET);
	int		 rc;

	memset(m, 0, sizeof(*m));
	for (int k = 0; k < KEY__MAX; k++)
		m->text[k] = "";
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	m->id = id;
	m->agency_id = sqlite3_column_int64(st, MC_AGENCY_ID);
	m->status = arena_strdup(r->arena, page_col(st, MC_STATUS));
	m->text[KEY_AGENCY] = arena_strdup(r->arena, page_col(st, MC_AGENCY_SLUG));
	m->text[KEY_TITLE] = arena_strdup(r->arena, page_col(st, MC_TITLE));
	m->text[KEY_STARTS_AT] = to_input(r, page_col(st, MC_STARTS));
	m->text[KEY_ENDS_AT] = to_input(r, page_col(st, MC_ENDS));
	m->text[KEY_PLACE] = arena_strdup(r->arena, page_col(st, MC_PLACE));
	m->text[KEY_ONLINE_URL] = arena_strdup(r->arena, page_col(st, MC_ONLINE_URL));
	m->text[KEY_AGENDA] = arena_strdup(r->arena, page_col(st, MC_AGENDA));
	m->text[KEY_EXPERTS] = arena_strdup(r->arena, page_col(st, MC_EXPERTS));
	m->text[KEY_CAPACITY] = arena_printf(r->arena, "%d",
	    sqlite3_column_int(st, MC_CAPACITY));
	m->text[KEY_MINUTES] = arena_strdup(r->arena, page_col(st, MC_MINUTES));
	m->text[KEY_RECORDING_URL] = arena_strdup(r->arena,
	    page_col(st, MC_RECORDING_URL));
	for (int k = 0; k < KEY__MAX; k++)
		if (m->text[k] == NULL)
			m->text[k] = "";
	if (keep != NULL)
		*keep = st;	/* the caller reads more columns, then resets */
	else
		sqlite3_reset(st);
	return 0;
}

/*
 * Adds ITEM sections for the items of meeting id (or, with m, keeps their
 * ids in it).  Returns how many, or -1.
 */
static int
meeting_items(struct req *r, struct tmpl_dict *d, long long id,
    struct meeting *m)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_MEETING_ITEMS);
	struct tmpl_dict *it;
	int		 rc, n = 0;

	sqlite3_bind_int64(st, 1, id);
	if (m != NULL && (m->items = arena_calloc(r->arena, 64,
	    sizeof(*m->items))) == NULL) {
		sqlite3_reset(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m != NULL) {
			if (m->nitems < 64)
				m->items[m->nitems++] = arena_strdup(r->arena,
				    page_col(st, 0));
			continue;
		}
		n++;
		it = tmpl_section(d, "ITEM");
		tmpl_set_int(it, "ID", sqlite3_column_int64(st, 0));
		page_set_item_no(it, "NO", sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 2));
		tmpl_set(it, "TITLE", page_col(st, 3));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : -1;
}

/*
 * The meeting page, with a registration refused just before (rf) shown
 * back.  Returns 0.
 */
static int
meeting_page(struct req *r, struct rform *rf, int status)
{
	struct tmpl_dict *d, *x = NULL;
	sqlite3_stmt	 *st;
	struct meeting	  m;
	time_t		  starts = 0;
	long long	  agency_id;
	int		  rc, n, capacity, registered, staff, open;
	char		 *title, *action, *slug;

	if ((rc = meeting_load(r, r->id, &m, &st)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	title = arena_strdup(r->arena, page_col(st, MC_TITLE));
	resp_csrf(r);
	if ((d = resp_page_begin(r, "meeting.tpl", title ? title : "",
	    "MSF meeting")) == NULL) {
		sqlite3_reset(st);
		return resp_page_end(r, 500);
	}
	agency_id = m.agency_id;
	slug = arena_strdup(r->arena, page_col(st, MC_AGENCY_SLUG));
	staff = r->user != NULL && (r->user->organizer ||
	    r->user->agency_id == agency_id);
	tmpl_set_int(d, "ID", r->id);
	tmpl_set(d, "TITLE", page_col(st, MC_TITLE));
	tmpl_set(d, "AGENCY_SLUG", page_col(st, MC_AGENCY_SLUG));
	tmpl_set(d, "AGENCY_NAME", page_col(st, MC_AGENCY_NAME));
	tmpl_set(d, "AGENCY_NAME_EN", page_col(st, MC_AGENCY_NAME_EN));
	page_set_time_roc(d, "STARTS", page_col(st, MC_STARTS));
	page_set_time(d, "ENDS", page_col(st, MC_ENDS));
	page_set_time(d, "PUBLISHED", page_col(st, MC_PUBLISHED));
	page_set_time(d, "UPDATED", page_col(st, MC_UPDATED));
	when_parse(page_col(st, MC_STARTS), 0, &starts);
	if (*page_col(st, MC_PLACE) != '\0')
		tmpl_set(tmpl_section(d, "PLACE"), "TEXT", page_col(st, MC_PLACE));
	if (*page_col(st, MC_ONLINE_URL) != '\0')
		tmpl_set(tmpl_section(d, "ONLINE"), "URL",
		    page_col(st, MC_ONLINE_URL));
	/* Every heading has something under it, if only that it has none. */
	if (*page_col(st, MC_AGENDA_HTML) != '\0')
		tmpl_set(tmpl_section(d, "AGENDA"), "AGENDA_HTML",
		    page_col(st, MC_AGENDA_HTML));
	else
		tmpl_show(d, "NO_AGENDA");
	if (*page_col(st, MC_MINUTES_HTML) != '\0')
		tmpl_set(tmpl_section(d, "MINUTES"), "MINUTES_HTML",
		    page_col(st, MC_MINUTES_HTML));
	else if (strcmp(m.status, "cancelled") == 0)
		tmpl_show(d, "NO_MINUTES");
	else if (r->now > starts)
		tmpl_show(d, "MINUTES_PENDING");
	else
		tmpl_show(d, "MINUTES_LATER");
	if (*page_col(st, MC_RECORDING_URL) != '\0')
		tmpl_set(tmpl_section(d, "RECORDING"), "URL",
		    page_col(st, MC_RECORDING_URL));
	if (strcmp(m.status, "cancelled") == 0)
		tmpl_show(d, "CANCELLED");
	/* Announced after it began: a record entered afterwards, which is
	 * no notice at all rather than a short one. */
	if (strcmp(page_col(st, MC_PUBLISHED), page_col(st, MC_STARTS)) >= 0)
		tmpl_show(d, "ENTERED_AFTER");
	else if (short_notice(page_col(st, MC_PUBLISHED),
	    page_col(st, MC_STARTS)))
		tmpl_show(d, "SHORT_NOTICE");
	capacity = sqlite3_column_int(st, MC_CAPACITY);
	registered = sqlite3_column_int(st, MC_REGISTERED);
	sqlite3_reset(st);

	if ((n = meeting_items(r, d, r->id, NULL)) == -1)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NO_ITEMS");
	st = db_stmt(r->db, STMT_MEETING_EXPERTS);
	sqlite3_bind_int64(st, 1, r->id);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		x = tmpl_section(d, "EXPERT");
		tmpl_set(x, "NAME", page_col(st, 0));
		if (*page_col(st, 1) != '\0')
			tmpl_set(tmpl_section(x, "AFFILIATION"), "TEXT",
			    page_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NO_EXPERTS");

	/* Registration: open to anyone until the start, up to capacity. */
	open = strcmp(m.status, "scheduled") == 0 && capacity > 0 &&
	    r->now < starts && registered < capacity;
	/*
	 * The section, with what became of a registration just sent (its
	 * banner under the heading the form's action and the redirect after
	 * it point to, #registration, where the registrant is looking).
	 */
	if (capacity > 0 || (rf != NULL && rf->banner != NULL) ||
	    req_query(r, "registered") != NULL) {
		x = tmpl_section(d, "REGISTRATION");
		if (rf != NULL && rf->banner != NULL)
			tmpl_show(x, rf->banner);
		if (req_query(r, "registered") != NULL)
			tmpl_show(x, "JUST_REGISTERED");
	}
	if (capacity > 0) {
		struct tmpl_dict *p = tmpl_section(x, "PLACES");

		tmpl_set_int(p, "CAPACITY", capacity);
		tmpl_set_int(p, "REGISTERED", registered);
		tmpl_set_int(p, "LEFT", capacity > registered ?
		    capacity - registered : 0);
		if (open) {
			struct tmpl_dict *f = tmpl_section(x, "REG_FORM");
			if (rf != NULL) {
				static const char *const errs[] = {
				    "NAME_ERR", "AFFILIATION_ERR", "EMAIL_ERR" };
				tmpl_set(f, "NAME", rf->name);
				tmpl_set(f, "AFFILIATION", rf->affiliation);
				tmpl_set(f, "EMAIL", rf->email);
				for (int i = 0; i < 3; i++)
					if (rf->err[i] != FERR_NONE) {
						struct tmpl_dict *e =
						    tmpl_section(f, errs[i]);
						tmpl_set(e, "MSG_ZH",
						    valid_ferr_zh(rf->err[i]));
						tmpl_set(e, "MSG_EN",
						    valid_ferr_en(rf->err[i]));
					}
			}
		} else if (registered >= capacity)
			tmpl_show(x, "REG_FULL");
		else
			tmpl_show(x, "REG_CLOSED");
	}

	if (staff) {
		x = tmpl_section(d, "STAFF_TOOLS");
		st = db_stmt(r->db, STMT_REGISTRATIONS);
		sqlite3_bind_int64(st, 1, r->id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct tmpl_dict *g = tmpl_section(x, "REGISTRANT");
			tmpl_set(g, "NAME", page_col(st, 0));
			tmpl_set(g, "AFFILIATION", page_col(st, 1));
			tmpl_set(g, "EMAIL", page_col(st, 2));
			page_set_time(g, "AT", page_col(st, 3));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return page_db_fail(r);
	}
	action = arena_printf(r->arena, "/meetings/%lld/comments", r->id);
	if (page_comments(r, d, "meeting", r->id, action ? action : "", 1) == -1)
		return page_db_fail(r);
	(void)slug;
	return resp_page_end(r, status);
}

/* `/meetings/{id}`: one notice, its registration, minutes and comments. */
int
page_meeting(struct req *r)
{
	return meeting_page(r, NULL, 200);
}

/* `POST /meetings/{id}/register`: open registration until the start. */
int
page_meeting_register(struct req *r)
{
	struct rform	 rf;
	struct meeting	 m;
	sqlite3_stmt	*st;
	time_t		 starts = 0;
	char		 now[32];
	int		 rc, capacity;
	char		*loc;

	memset(&rf, 0, sizeof(rf));
	rf.name = r->field[KEY_NAME].val ? r->field[KEY_NAME].val : "";
	rf.affiliation = r->field[KEY_AFFILIATION].val ?
	    r->field[KEY_AFFILIATION].val : "";
	rf.email = r->field[KEY_EMAIL].val ? r->field[KEY_EMAIL].val : "";
	rf.err[0] = r->field[KEY_NAME].err;
	rf.err[1] = r->field[KEY_AFFILIATION].err;
	rf.err[2] = r->field[KEY_EMAIL].err;

	if ((rc = meeting_load(r, r->id, &m, &st)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	when_parse(page_col(st, MC_STARTS), 0, &starts);
	capacity = sqlite3_column_int(st, MC_CAPACITY);
	sqlite3_reset(st);

	if (!page_csrf_ok(r)) {
		rf.banner = "REG_CSRF";
		return meeting_page(r, &rf, 403);
	}
	if (strcmp(m.status, "scheduled") != 0 || capacity <= 0 ||
	    r->now >= starts) {
		rf.banner = "REG_REFUSED_CLOSED";
		return meeting_page(r, &rf, 409);
	}
	if (rf.err[0] == FERR_NONE && valid_blank(rf.name))
		rf.err[0] = FERR_REQUIRED;
	if (rf.err[2] == FERR_NONE && *rf.email == '\0')
		rf.err[2] = FERR_REQUIRED;
	if (rf.err[0] || rf.err[1] || rf.err[2]) {
		rf.banner = "REG_ERRORS";
		return meeting_page(r, &rf, 422);
	}
	when_utc(r->now, now, sizeof(now));
	if (db_begin(r->db) == -1)
		return page_db_fail(r);
	st = db_stmt(r->db, STMT_REGISTRATION_EXISTS);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, rf.email, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		db_rollback(r->db);
		rf.banner = "REG_DUPLICATE";
		return meeting_page(r, &rf, 409);
	}
	st = db_stmt(r->db, STMT_REGISTRATION_INSERT);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, rf.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, rf.affiliation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, rf.email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, capacity);
	if (rc != SQLITE_DONE || (rc = sqlite3_step(st)) != SQLITE_DONE) {
		sqlite3_reset(st);
		return page_db_fail(r);
	}
	sqlite3_reset(st);
	if (sqlite3_changes(r->db->conn) == 0) {
		db_rollback(r->db);
		rf.banner = "REG_REFUSED_FULL";
		return meeting_page(r, &rf, 409);
	}
	if (db_commit(r->db) == -1)
		return page_db_fail(r);
	log_line(r, "meeting %lld registration", r->id);
	loc = arena_printf(r->arena, "/meetings/%lld?registered=1#registration",
	    r->id);
	return resp_redirect(r, 303, loc ? loc : "/meetings");
}

/* ---------------------------------------------------------------- staff */

/* Adds a checkbox per commitment item, ticked when in m->items. */
static int
form_items(struct req *r, struct tmpl_dict *d, struct meeting *m)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_ITEM_BRIEF);
	struct tmpl_dict *o;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o = tmpl_section(d, "ITEM_OPTION");
		tmpl_set_int(o, "ID", sqlite3_column_int64(st, 0));
		page_set_item_no(o, "NO", sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 2));
		tmpl_set(o, "TITLE", page_col(st, 3));
		for (size_t i = 0; i < m->nitems; i++)
			if (strcmp(m->items[i], page_col(st, 0)) == 0)
				tmpl_show(o, "CHECKED");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The staff form for a new or existing meeting, with errors beside fields. */
static int
meeting_form(struct req *r, struct meeting *m, int status, const char *banner)
{
	struct tmpl_dict *d, *e;
	char		  var[64], path[64];
	int		  nerr = 0;

	resp_csrf(r);
	if ((d = resp_page_begin(r, "meeting_form.tpl", m->id ? "編輯會議通知" :
	    "新增會議通知", m->id ? "Edit meeting notice" :
	    "New meeting notice")) == NULL)
		return resp_page_end(r, 500);
	resp_header(r, "Cache-Control", "no-store");
	if (m->id) {
		snprintf(path, sizeof(path), "/admin/meetings/%lld", m->id);
		tmpl_set(d, "ACTION_URL", path);
		tmpl_set_int(d, "ID", m->id);
		tmpl_show(d, "EXISTING");
		if (m->status != NULL && strcmp(m->status, "cancelled") == 0)
			tmpl_show(d, "IS_CANCELLED");
		else
			tmpl_show(d, "CAN_CANCEL");
	} else {
		tmpl_set(d, "ACTION_URL", "/admin/meetings");
		tmpl_show(d, "NEW");
	}
	for (size_t i = 0; i < NMEETING_KEYS; i++) {
		enum key k = meeting_keys[i];
		snprintf(var, sizeof(var), "V_%s", valid_keys[k].name);
		tmpl_set(d, var, m->text[k]);
	}
	for (int k = 0; k < KEY__MAX; k++) {
		if (m->err[k] == FERR_NONE)
			continue;
		nerr++;
		snprintf(var, sizeof(var), "E_%s", valid_keys[k].name);
		e = tmpl_section(d, var);
		tmpl_set(e, "MSG_ZH", valid_ferr_zh(m->err[k]));
		tmpl_set(e, "MSG_EN", valid_ferr_en(m->err[k]));
	}
	if (nerr > 0)
		tmpl_set_int(tmpl_section(d, "HAS_ERRORS"), "N", nerr);
	if (banner != NULL)
		tmpl_show(d, banner);
	/* Organizers choose any agency; an agency user has just their own. */
	if (page_agency_options(r, d, m->text[KEY_AGENCY], 0,
	    r->user->organizer ? 0 : r->user->agency_id) == -1 ||
	    form_items(r, d, m) == -1)
		return page_db_fail(r);
	return resp_page_end(r, status);
}

/* `/admin/meetings`: the staff member's meetings (all for organizers). */
int
page_admin_meetings(struct req *r)
{
	struct tmpl_dict *d;
	int		  n;

	if (page_staff(r))
		return 0;
	if ((d = resp_page_begin(r, "admin_meetings.tpl", "會議通知管理",
	    "Meeting notices")) == NULL)
		return resp_page_end(r, 500);
	if ((n = page_meeting_lists(r, d, r->user->organizer ? NULL :
	    r->user->agency_slug, 1000, 1)) == -1)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NONE");
	return resp_page_end(r, 200);
}

/* `/admin/meetings/new`: an empty notice for the staff member's agency. */
int
page_meeting_new(struct req *r)
{
	struct meeting	 m;

	if (page_staff(r))
		return 0;
	memset(&m, 0, sizeof(m));
	for (int k = 0; k < KEY__MAX; k++)
		m.text[k] = "";
	m.text[KEY_CAPACITY] = "0";
	if (!r->user->organizer)
		m.text[KEY_AGENCY] = r->user->agency_slug;
	return meeting_form(r, &m, 200, NULL);
}

/*
 * Checks a posted meeting.  Returns 0 when it may be saved, a 4xx status
 * to show the form again with, or -1 on a database error.  *agency_id gets
 * the chosen agency.
 */
static int
meeting_check(struct req *r, struct meeting *m, long long *agency_id,
    time_t *starts, time_t *ends)
{
	sqlite3_stmt	*st;
	long long	 id, cap;
	int		 rc, status = 0;

	/* An agency user posts for their own agency only. */
	if (!r->user->organizer && *m->text[KEY_AGENCY] == '\0')
		m->text[KEY_AGENCY] = r->user->agency_slug;
	*agency_id = 0;
	if (*m->text[KEY_AGENCY] == '\0')
		m->err[KEY_AGENCY] = FERR_REQUIRED;
	else if (m->err[KEY_AGENCY] == FERR_NONE) {
		st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
		sqlite3_bind_text(st, 1, m->text[KEY_AGENCY], -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			*agency_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		if (rc == SQLITE_DONE)
			m->err[KEY_AGENCY] = FERR_UNKNOWN;
	}
	if (valid_blank(m->text[KEY_TITLE]) && m->err[KEY_TITLE] == FERR_NONE)
		m->err[KEY_TITLE] = FERR_REQUIRED;
	if (m->err[KEY_STARTS_AT] == FERR_NONE &&
	    when_parse(m->text[KEY_STARTS_AT], 1, starts) == -1)
		m->err[KEY_STARTS_AT] = *m->text[KEY_STARTS_AT] ? FERR_TIME :
		    FERR_REQUIRED;
	if (m->err[KEY_ENDS_AT] == FERR_NONE &&
	    when_parse(m->text[KEY_ENDS_AT], 1, ends) == -1)
		m->err[KEY_ENDS_AT] = *m->text[KEY_ENDS_AT] ? FERR_TIME :
		    FERR_REQUIRED;
	/* This century's: a time before 1970 was taken and then shown as
	 * nothing (the stored form has no negative times). */
	if (m->err[KEY_STARTS_AT] == FERR_NONE &&
	    (*starts < YEAR_2000 || *starts >= YEAR_2100))
		m->err[KEY_STARTS_AT] = FERR_YEAR;
	if (m->err[KEY_ENDS_AT] == FERR_NONE &&
	    (*ends < YEAR_2000 || *ends >= YEAR_2100))
		m->err[KEY_ENDS_AT] = FERR_YEAR;
	if (m->err[KEY_STARTS_AT] == FERR_NONE &&
	    m->err[KEY_ENDS_AT] == FERR_NONE && *ends <= *starts)
		m->err[KEY_ENDS_AT] = FERR_ORDER;
	if (*m->text[KEY_CAPACITY] == '\0')
		m->text[KEY_CAPACITY] = "0";
	else if (strcmp(m->text[KEY_CAPACITY], "0") != 0 &&
	    (!valid_id(m->text[KEY_CAPACITY], &cap) || cap > MAX_CAPACITY))
		m->err[KEY_CAPACITY] = valid_id(m->text[KEY_CAPACITY], &cap) ?
		    FERR_CAPACITY : FERR_NUMBER;
	for (size_t i = 0; i < m->nitems && m->err[KEY_ITEM] == FERR_NONE; i++) {
		if (!valid_id(m->items[i], &id)) {
			m->err[KEY_ITEM] = FERR_INVALID;
			break;
		}
		st = db_stmt(r->db, STMT_ITEM_GET);
		sqlite3_bind_int64(st, 1, id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			m->err[KEY_ITEM] = FERR_UNKNOWN;
		else if (rc != SQLITE_ROW)
			return -1;
	}
	for (int k = 0; k < KEY__MAX; k++) {
		if (m->err[k] == FERR_INVALID || m->err[k] == FERR_UNKNOWN)
			status = 400;
		else if (m->err[k] != FERR_NONE && status == 0)
			status = 422;
	}
	return status;
}

/*
 * Splits the expert list ("name, affiliation" per line; a full-width comma
 * or 、 also separates) and stores it for meeting id.  Returns 0 or -1.
 */
static int
store_experts(struct req *r, long long id, const char *text)
{
	sqlite3_stmt	*st;
	char		*copy, *line, *next, *sep, *aff;
	int		 pos = 0, rc;
	size_t		 seplen;

	st = db_stmt(r->db, STMT_MEETING_EXPERTS_DELETE);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || (copy = arena_strdup(r->arena, text)) == NULL)
		return -1;
	for (line = copy; line != NULL && pos < MAX_EXPERTS; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		/* An expert without an affiliation: the end of the line. */
		aff = line + strlen(line);
		seplen = 1;
		if ((sep = strchr(line, ',')) == NULL) {
			seplen = 3;
			if ((sep = strstr(line, "，")) == NULL)
				sep = strstr(line, "、");
		}
		if (sep != NULL) {
			*sep = '\0';
			aff = sep + seplen;
		}
		valid_normalise(line, strlen(line), 0);
		valid_normalise(aff, strlen(aff), 0);
		if (*line == '\0')
			continue;
		st = db_stmt(r->db, STMT_MEETING_EXPERT_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, ++pos);
		sqlite3_bind_text(st, 3, line, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, aff, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/*
 * Writes meeting m (new when m->id is 0) with its items, experts and a
 * revision in one transaction.  Returns its id or -1.
 */
static long long
meeting_write(struct req *r, struct meeting *m, time_t starts, time_t ends)
{
	sqlite3_stmt	*st;
	char		 now[32], s[32], e[32], *agenda, *minutes;
	long long	 id = m->id, item;
	int		 rc;

	agenda = md_render(m->text[KEY_AGENDA], strlen(m->text[KEY_AGENDA]));
	minutes = md_render(m->text[KEY_MINUTES], strlen(m->text[KEY_MINUTES]));
	if (agenda == NULL || minutes == NULL) {
		free(agenda);
		free(minutes);
		return -1;
	}
	when_utc(r->now, now, sizeof(now));
	when_utc(starts, s, sizeof(s));
	when_utc(ends, e, sizeof(e));
	if (db_begin(r->db) == -1)
		goto fail;
	st = db_stmt(r->db, id ? STMT_MEETING_UPDATE : STMT_MEETING_INSERT);
	sqlite3_bind_text(st, 1, m->text[KEY_AGENCY], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->text[KEY_TITLE], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, m->text[KEY_PLACE], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, m->text[KEY_ONLINE_URL], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, m->text[KEY_AGENDA], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, agenda, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, m->text[KEY_EXPERTS], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, atoi(m->text[KEY_CAPACITY]));
	sqlite3_bind_text(st, 11, m->text[KEY_MINUTES], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, minutes, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, m->text[KEY_RECORDING_URL], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 15, r->user->id);
	if (id)
		sqlite3_bind_int64(st, 16, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (id == 0)
		id = sqlite3_last_insert_rowid(r->db->conn);
	st = db_stmt(r->db, STMT_MEETING_ITEMS_DELETE);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;
	for (size_t i = 0; i < m->nitems; i++) {
		if (!valid_id(m->items[i], &item))
			continue;
		st = db_stmt(r->db, STMT_MEETING_ITEM_INSERT);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, item);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (store_experts(r, id, m->text[KEY_EXPERTS]) == -1)
		goto fail;
	st = db_stmt(r->db, STMT_MEETING_REVISION);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, r->user->id);
	sqlite3_bind_text(st, 3, m->id ? "edit" : "create", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || db_commit(r->db) == -1)
		goto fail;
	free(agenda);
	free(minutes);
	return id;
fail:
	log_line(r, "meeting write: %s", db_errmsg(r->db));
	db_rollback(r->db);
	free(agenda);
	free(minutes);
	return -1;
}

/* Fills m from the posted form. */
static void
meeting_from_form(struct req *r, struct meeting *m)
{
	for (int k = 0; k < KEY__MAX; k++) {
		m->text[k] = r->field[k].val ? r->field[k].val : "";
		m->err[k] = r->field[k].err;
	}
	m->items = r->field[KEY_ITEM].all;
	m->nitems = r->field[KEY_ITEM].nall;
}

/* Saves a posted meeting (new when id is 0); answers 303 to its page. */
static int
meeting_save(struct req *r, struct meeting *m)
{
	long long	 agency_id;
	time_t		 starts = 0, ends = 0;
	int		 rc;
	char		*loc;

	if (!page_csrf_ok(r))
		return meeting_form(r, m, 403, "CSRF_FAILED");
	if ((rc = meeting_check(r, m, &agency_id, &starts, &ends)) == -1)
		return meeting_form(r, m, 503, "BUSY");
	if (rc != 0)
		return meeting_form(r, m, rc, NULL);
	if (!r->user->organizer && agency_id != r->user->agency_id) {
		log_line(r, "denied login=%s meeting for another agency",
		    r->user->login);
		return resp_error(r, 403, "您只能為自己的機關發布會議通知。",
		    "You may post notices for your own agency only.");
	}
	if ((m->id = meeting_write(r, m, starts, ends)) == -1) {
		m->id = 0;
		return meeting_form(r, m, db_busy(r->db) ? 503 : 500, "BUSY");
	}
	log_line(r, "meeting %lld saved by %s", m->id, r->user->login);
	loc = arena_printf(r->arena, "/meetings/%lld", m->id);
	return resp_redirect(r, 303, loc ? loc : "/meetings");
}

/* `POST /admin/meetings`: a new notice. */
int
page_meeting_create(struct req *r)
{
	struct meeting	 m;

	if (page_staff(r))
		return 0;
	memset(&m, 0, sizeof(m));
	meeting_from_form(r, &m);
	return meeting_save(r, &m);
}

/*
 * Loads meeting r->id for a staff route and checks the user may act on it.
 * Returns 0, or 1 when answered (303, 403, 404 or a database error).
 */
static int
meeting_for_staff(struct req *r, struct meeting *m)
{
	int	 rc;

	if (page_staff(r))
		return 1;
	if ((rc = meeting_load(r, r->id, m, NULL)) != 0) {
		if (rc == 1)
			page_not_found(r);
		else
			page_db_fail(r);
		return 1;
	}
	return page_agency_ok(r, m->agency_id);
}

/* `/admin/meetings/{id}/edit`. */
int
page_meeting_edit(struct req *r)
{
	struct meeting	 m;

	if (meeting_for_staff(r, &m))
		return 0;
	if (meeting_items(r, NULL, r->id, &m) == -1)
		return page_db_fail(r);
	return meeting_form(r, &m, 200, NULL);
}

/* `POST /admin/meetings/{id}`: action=save, or cancel the meeting. */
int
page_meeting_update(struct req *r)
{
	struct meeting	 cur, m;
	sqlite3_stmt	*st;
	const char	*action = r->field[KEY_ACTION].val;
	char		 now[32], *loc;
	int		 rc;

	if (meeting_for_staff(r, &cur))
		return 0;
	if (action != NULL && strcmp(action, "cancel") == 0) {
		if (!page_csrf_ok(r))
			return resp_error(r, 403, "安全驗證已過期，請重新整理後再試。",
			    "The security check expired; reload and try again.");
		when_utc(r->now, now, sizeof(now));
		if (db_begin(r->db) == -1)
			return page_db_fail(r);
		st = db_stmt(r->db, STMT_MEETING_CANCEL);
		sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, r->user->id);
		sqlite3_bind_int64(st, 3, r->id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			st = db_stmt(r->db, STMT_MEETING_REVISION);
			sqlite3_bind_int64(st, 1, r->id);
			sqlite3_bind_int64(st, 2, r->user->id);
			sqlite3_bind_text(st, 3, "cancel", -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
		}
		if (rc != SQLITE_DONE || db_commit(r->db) == -1)
			return page_db_fail(r);
		log_line(r, "meeting %lld cancelled by %s", r->id, r->user->login);
		loc = arena_printf(r->arena, "/meetings/%lld", r->id);
		return resp_redirect(r, 303, loc ? loc : "/meetings");
	}
	if (action != NULL && *action != '\0' && strcmp(action, "save") != 0)
		return resp_error(r, 400, "不明的動作。", "Unknown action.");
	memset(&m, 0, sizeof(m));
	meeting_from_form(r, &m);
	m.id = r->id;
	m.status = cur.status;
	return meeting_save(r, &m);
}
