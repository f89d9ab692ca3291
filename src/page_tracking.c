/*
 * Tracking the four-year plan: each commitment item's milestones
 * (deliverable, start, end, status, progress), the dated notes its lead
 * agency posts as work goes on (the item's timeline), and the yearly
 * mid-term checkpoint at which civil society reviews each item (reviews
 * are comments of kind "review", shown apart).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

static const struct {
	const char	*name;
	const char	*zh;
	const char	*en;
} milestone_statuses[] = {
	{ "not_started", "未開始", "not started" },
	{ "in_progress", "進行中", "in progress" },
	{ "completed", "已完成", "completed" },
	{ "delayed", "延遲", "delayed" },
	{ "dropped", "已取消", "dropped" },
};

#define NMSTATUS (sizeof(milestone_statuses) / sizeof(milestone_statuses[0]))

/* A refused tracking form, shown back on the item page. */
struct tform {
	const char	*which;		/* MILESTONE_FORM or UPDATE_FORM */
	const char	*text[KEY__MAX];
	enum ferr	 err[KEY__MAX];
	const char	*banner;
};

static int
mstatus(const char *s)
{
	for (size_t i = 0; i < NMSTATUS; i++)
		if (s != NULL && strcmp(s, milestone_statuses[i].name) == 0)
			return (int)i;
	return -1;
}

/* Returns 1 while organizers hold a mid-term checkpoint. */
int
page_review_open(struct req *r)
{
	char	 v[8];

	return db_setting(r->db, "review_open", v, sizeof(v)) == 0 &&
	    strcmp(v, "1") == 0;
}

/* Returns the lead agency of item id, 0 when there is no such item, -1. */
static long long
item_lead(struct req *r, long long id)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_ITEM_LEAD);
	long long	 lead = 0;
	int		 rc;

	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		lead = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? lead : -1;
}

static void
form_errors(struct tmpl_dict *f, struct tform *t)
{
	char	 var[64];

	for (int k = 0; k < KEY__MAX; k++) {
		struct tmpl_dict *e;
		if (t->err[k] == FERR_NONE)
			continue;
		snprintf(var, sizeof(var), "E_%s", valid_keys[k].name);
		e = tmpl_section(f, var);
		tmpl_set(e, "MSG_ZH", valid_ferr_zh(t->err[k]));
		tmpl_set(e, "MSG_EN", valid_ferr_en(t->err[k]));
	}
}

/*
 * Adds item id's tracking to the item page (d): the milestones with their
 * progress, the timeline of updates, the reviews of the mid-term
 * checkpoint, and for the lead agency's staff (and organizers) the forms.
 * Returns 0 or -1 on a database error.
 */
int
page_item_tracking(struct req *r, struct tmpl_dict *d, long long id)
{
	struct tmpl_dict *m, *u, *f, *o;
	sqlite3_stmt	 *st;
	long long	  lead;
	int		  rc, n = 0, sum = 0, s, open;
	char		 *action;

	if ((lead = item_lead(r, id)) == -1)
		return -1;
	st = db_stmt(r->db, STMT_MILESTONES_OF_ITEM);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m = tmpl_section(d, "MILESTONE");
		tmpl_set_int(m, "ID", sqlite3_column_int64(st, 0));
		tmpl_set(m, "DELIVERABLE", page_col(st, 1));
		tmpl_set(m, "STARTS", page_col(st, 2));
		tmpl_set(m, "ENDS", page_col(st, 3));
		s = mstatus(page_col(st, 4));
		tmpl_set(m, "STATUS", page_col(st, 4));
		tmpl_set(m, "STATUS_ZH", s >= 0 ? milestone_statuses[s].zh : "");
		tmpl_set(m, "STATUS_EN", s >= 0 ? milestone_statuses[s].en : "");
		tmpl_set_int(m, "PROGRESS", sqlite3_column_int(st, 5));
		page_set_time(m, "UPDATED", page_col(st, 6));
		if (strcmp(page_col(st, 4), "dropped") != 0) {
			sum += sqlite3_column_int(st, 5);
			n++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (n > 0)
		tmpl_set_int(tmpl_section(d, "HAS_PROGRESS"), "PCT",
		    (sum + n / 2) / n);
	else
		tmpl_show(d, "NO_MILESTONES");

	st = db_stmt(r->db, STMT_ITEM_UPDATES);
	sqlite3_bind_int64(st, 1, id);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		u = tmpl_section(d, "UPDATE");
		page_set_time(u, "AT", page_col(st, 0));
		tmpl_set(u, "NOTE_HTML", page_col(st, 1));
		tmpl_set(u, "BY", page_col(st, 2));
		tmpl_set(u, "AGENCY", page_col(st, 3));
		if (*page_col(st, 4) != '\0') {
			o = tmpl_section(u, "ON");
			tmpl_set(o, "DELIVERABLE", page_col(st, 4));
			s = mstatus(page_col(st, 5));
			if (s >= 0)
				tmpl_set(o, "STATUS_ZH", milestone_statuses[s].zh);
			if (sqlite3_column_type(st, 6) != SQLITE_NULL)
				tmpl_set_int(tmpl_section(o, "PCT"), "N",
				    sqlite3_column_int(st, 6));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (n == 0)
		tmpl_show(d, "NO_UPDATES");

	/* The lead agency's staff, and organizers, keep it up to date. */
	if (r->user != NULL && (r->user->organizer || r->user->agency_id == lead)) {
		struct tform *t = r->tform;
		f = tmpl_section(d, "MILESTONE_FORM");
		if (t != NULL && strcmp(t->which, "MILESTONE_FORM") == 0) {
			tmpl_set(f, "V_DELIVERABLE", t->text[KEY_DELIVERABLE]);
			tmpl_set(f, "V_STARTS_ON", t->text[KEY_STARTS_ON]);
			tmpl_set(f, "V_ENDS_ON", t->text[KEY_ENDS_ON]);
			form_errors(f, t);
			if (t->banner)
				tmpl_show(f, t->banner);
		}
		f = tmpl_section(d, "UPDATE_FORM");
		st = db_stmt(r->db, STMT_MILESTONES_OF_ITEM);
		sqlite3_bind_int64(st, 1, id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			o = tmpl_section(f, "MILESTONE_OPTION");
			tmpl_set_int(o, "ID", sqlite3_column_int64(st, 0));
			tmpl_set(o, "DELIVERABLE", page_col(st, 1));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
		for (size_t i = 0; i < NMSTATUS; i++) {
			o = tmpl_section(f, "STATUS_OPTION");
			tmpl_set(o, "NAME", milestone_statuses[i].name);
			tmpl_set(o, "ZH", milestone_statuses[i].zh);
			tmpl_set(o, "EN", milestone_statuses[i].en);
		}
		if (t != NULL && strcmp(t->which, "UPDATE_FORM") == 0) {
			tmpl_set(f, "V_NOTE", t->text[KEY_NOTE]);
			tmpl_set(f, "V_PROGRESS", t->text[KEY_PROGRESS]);
			form_errors(f, t);
			if (t->banner)
				tmpl_show(f, t->banner);
		}
	}

	/* The mid-term reviews, apart from the comments. */
	action = arena_printf(r->arena, "/commitments/%lld/reviews", id);
	if ((open = page_review_open(r)))
		tmpl_show(d, "REVIEW_OPEN");
	return page_thread(r, d, "review", "item", id, action ? action : "",
	    open);
}

/* Shows the item page again with a refused form, with status. */
static int
again(struct req *r, struct tform *t, int status)
{
	r->tform = t;
	r->status_override = status;
	return page_commitment(r);
}

static struct tform *
tform_new(struct req *r, const char *which)
{
	struct tform	*t = arena_calloc(r->arena, 1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->which = which;
	for (int k = 0; k < KEY__MAX; k++) {
		t->text[k] = r->field[k].val ? r->field[k].val : "";
		t->err[k] = r->field[k].err;
	}
	return t;
}

/* Checks the staff member may track item r->id.  0, or 1 when answered. */
static int
tracker(struct req *r)
{
	long long	 lead;

	if (page_staff(r))
		return 1;
	if ((lead = item_lead(r, r->id)) == -1) {
		page_db_fail(r);
		return 1;
	}
	if (lead == 0) {
		page_not_found(r);
		return 1;
	}
	return page_agency_ok(r, lead);
}

/* `POST /admin/items/{id}/milestones`: a new milestone of the item. */
int
page_milestone_add(struct req *r)
{
	struct tform	*t;
	sqlite3_stmt	*st;
	char		 now[32], *loc;
	int		 rc;

	if (tracker(r))
		return 0;
	if ((t = tform_new(r, "MILESTONE_FORM")) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	if (!page_csrf_ok(r)) {
		t->banner = "CSRF_FAILED";
		return again(r, t, 403);
	}
	if (valid_blank(t->text[KEY_DELIVERABLE]) && !t->err[KEY_DELIVERABLE])
		t->err[KEY_DELIVERABLE] = FERR_REQUIRED;
	if (*t->text[KEY_STARTS_ON] == '\0' && !t->err[KEY_STARTS_ON])
		t->err[KEY_STARTS_ON] = FERR_REQUIRED;
	if (*t->text[KEY_ENDS_ON] == '\0' && !t->err[KEY_ENDS_ON])
		t->err[KEY_ENDS_ON] = FERR_REQUIRED;
	if (!t->err[KEY_STARTS_ON] && !t->err[KEY_ENDS_ON] &&
	    strcmp(t->text[KEY_ENDS_ON], t->text[KEY_STARTS_ON]) < 0)
		t->err[KEY_ENDS_ON] = FERR_ORDER;
	if (t->err[KEY_DELIVERABLE] || t->err[KEY_STARTS_ON] ||
	    t->err[KEY_ENDS_ON]) {
		t->banner = "HAS_ERRORS";
		return again(r, t, 422);
	}
	when_utc(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_MILESTONE_INSERT);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, t->text[KEY_DELIVERABLE], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->text[KEY_STARTS_ON], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, t->text[KEY_ENDS_ON], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		t->banner = "BUSY";
		log_line(r, "milestone: %s", db_errmsg(r->db));
		return again(r, t, db_busy(r->db) ? 503 : 500);
	}
	log_line(r, "item %lld milestone added by %s", r->id, r->user->login);
	loc = arena_printf(r->arena, "/commitments/%lld#tracking", r->id);
	return resp_redirect(r, 303, loc ? loc : "/commitments");
}

/*
 * `POST /admin/items/{id}/updates`: a dated note on the item's progress,
 * optionally moving one of its milestones (status, progress %).
 */
int
page_item_update(struct req *r)
{
	struct tform	*t;
	sqlite3_stmt	*st;
	long long	 mid = 0, pct = -1;
	char		 now[32], *html, *loc;
	const char	*status;
	int		 rc, bad = 0;

	if (tracker(r))
		return 0;
	if ((t = tform_new(r, "UPDATE_FORM")) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	if (!page_csrf_ok(r)) {
		t->banner = "CSRF_FAILED";
		return again(r, t, 403);
	}
	status = t->text[KEY_STATUS];
	if (*t->text[KEY_MILESTONE] != '\0' &&
	    !valid_id(t->text[KEY_MILESTONE], &mid))
		t->err[KEY_MILESTONE] = FERR_INVALID, bad = 400;
	if (*status != '\0' && mstatus(status) < 0)
		t->err[KEY_STATUS] = FERR_INVALID, bad = 400;
	if (*t->text[KEY_PROGRESS] != '\0') {
		if (strcmp(t->text[KEY_PROGRESS], "0") == 0)
			pct = 0;
		else if (!valid_id(t->text[KEY_PROGRESS], &pct) || pct > 100)
			t->err[KEY_PROGRESS] = FERR_NUMBER, bad = bad ? bad : 422;
	}
	if (mid == 0 && (*status != '\0' || pct >= 0) && !bad)
		t->err[KEY_MILESTONE] = FERR_REQUIRED, bad = 422;
	if (valid_blank(t->text[KEY_NOTE]) && !t->err[KEY_NOTE])
		t->err[KEY_NOTE] = FERR_REQUIRED;
	if (t->err[KEY_NOTE] && !bad)
		bad = 422;
	if (bad) {
		t->banner = "HAS_ERRORS";
		return again(r, t, bad);
	}
	if ((html = md_render(t->text[KEY_NOTE], strlen(t->text[KEY_NOTE]))) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	when_utc(r->now, now, sizeof(now));
	if (db_begin(r->db) == -1) {
		free(html);
		t->banner = "BUSY";
		return again(r, t, 503);
	}
	rc = SQLITE_DONE;
	if (mid != 0) {
		/* Only the item's own milestone moves; else nothing changes. */
		st = db_stmt(r->db, STMT_MILESTONE_SET);
		sqlite3_bind_int64(st, 1, mid);
		sqlite3_bind_text(st, 2, *status ? status : "in_progress", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, pct >= 0 ? pct :
		    strcmp(status, "completed") == 0 ? 100 : 0);
		sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, r->id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE && sqlite3_changes(r->db->conn) == 0) {
			db_rollback(r->db);
			free(html);
			t->err[KEY_MILESTONE] = FERR_UNKNOWN;
			t->banner = "HAS_ERRORS";
			return again(r, t, 400);
		}
	}
	if (rc == SQLITE_DONE) {
		st = db_stmt(r->db, STMT_ITEM_UPDATE_INSERT);
		sqlite3_bind_int64(st, 1, r->id);
		if (mid)
			sqlite3_bind_int64(st, 2, mid);
		if (*status)
			sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
		if (pct >= 0)
			sqlite3_bind_int64(st, 4, pct);
		sqlite3_bind_text(st, 5, t->text[KEY_NOTE], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, html, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, r->user->id);
		if (r->user->agency_id)
			sqlite3_bind_int64(st, 8, r->user->agency_id);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (rc == SQLITE_DONE) {
		/* The item is under way once it reports progress. */
		st = db_stmt(r->db, STMT_ITEM_SET_STATUS);
		sqlite3_bind_int64(st, 1, r->id);
		sqlite3_bind_text(st, 2, "in_progress", -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	free(html);
	if (rc != SQLITE_DONE || db_commit(r->db) == -1) {
		log_line(r, "item update: %s", db_errmsg(r->db));
		db_rollback(r->db);
		t->banner = "BUSY";
		return again(r, t, db_busy(r->db) ? 503 : 500);
	}
	log_line(r, "item %lld updated by %s", r->id, r->user->login);
	loc = arena_printf(r->arena, "/commitments/%lld#tracking", r->id);
	return resp_redirect(r, 303, loc ? loc : "/commitments");
}

/* `POST /admin/review` (organizers): opens or closes the checkpoint. */
int
page_admin_review(struct req *r)
{
	const char	*s = r->field[KEY_STATUS].val;

	if (page_organizer(r))
		return 0;
	if (!page_csrf_ok(r))
		return resp_error(r, 403, "安全驗證已過期，請重新整理後再試。",
		    "The security check expired; reload and try again.");
	if (s == NULL || (strcmp(s, "open") != 0 && strcmp(s, "closed") != 0))
		return resp_error(r, 400, "請選擇開放或關閉。",
		    "Choose open or closed.");
	if (db_setting_put(r->db, "review_open", strcmp(s, "open") == 0 ?
	    "1" : "0") == -1)
		return page_db_fail(r);
	log_line(r, "mid-term review %s by %s", s, r->user->login);
	return resp_redirect(r, 303, "/admin/deadline?saved=1");
}
