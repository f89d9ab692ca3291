/*
 * Comments on commitment items, proposals, MSF meetings and agencies'
 * plans: a name, an optional affiliation, a Markdown body rendered once
 * when saved (md.c), one level of replies, a report button, and hiding by
 * organizers with a public reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

/* A refused comment, carried back to the page so nothing typed is lost. */
struct cform {
	const char	*name;
	const char	*affiliation;
	const char	*body;
	const char	*parent;
	enum ferr	 err[3];	/* name, affiliation, body */
	const char	*banner;	/* a section of comments.tpl */
	const char	*kind;		/* comment or review */
};

enum ctarget {
	CT_ITEM,
	CT_PROPOSAL,
	CT_MEETING,
	CT_AGENCY,
	CT__MAX
};

static const char *const ctargets[CT__MAX] = {
	"item",		/* CT_ITEM */
	"proposal",	/* CT_PROPOSAL */
	"meeting",	/* CT_MEETING */
	"agency",	/* CT_AGENCY */
};

/* The public page of a comment's target, for links and redirects. */
static char *
target_url(struct req *r, const char *target, long long id)
{
	sqlite3_stmt	*st;
	char		*url = NULL;

	if (strcmp(target, "item") == 0)
		return arena_printf(r->arena, "/commitments/%lld", id);
	if (strcmp(target, "proposal") == 0)
		return arena_printf(r->arena, "/proposals/%lld", id);
	if (strcmp(target, "meeting") == 0)
		return arena_printf(r->arena, "/meetings/%lld", id);
	st = db_stmt(r->db, STMT_AGENCY_SLUG);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		url = arena_printf(r->arena, "/agencies/%s", page_col(st, 0));
	sqlite3_reset(st);
	return url;
}

/*
 * Adds the comment thread of a target and its form to the page, through
 * the include marker COMMENTS (comments.tpl).  action is where the form
 * posts; open says whether new comments are taken.  A comment refused just
 * before (r->cform) is shown back in the form with its errors.  Returns 0
 * or -1 on a database error.
 */
int
page_comments(struct req *r, struct tmpl_dict *d, const char *target,
    long long target_id, const char *action, int open)
{
	return page_thread(r, d, "comment", target, target_id, action, open);
}

/* Threads shown on a page before "all of them" (?comments=all). */
#define THREADS 20

/*
 * The thread of one kind ("comment", or "review": the mid-term reviews of
 * an item, shown apart through the marker REVIEWS).
 */
int
page_thread(struct req *r, struct tmpl_dict *d, const char *kind,
    const char *target, long long target_id, const char *action, int open)
{
	struct tmpl_dict *t, *c = NULL, *row, *h, *replies = NULL;
	sqlite3_stmt	 *st;
	const char	 *reply_s = req_query(r, "reply"), *reply_name = NULL;
	const char	 *all_s = req_query(r, "comments");
	const char	 *reported_s = req_query(r, "reported");
	long long	  id, top = 0, reply = 0, reported = 0;
	int		  rc, n = 0, threads = 0, total, all, report_form = 0;
	int		  threads_all = 0, comments_all = 0;

	int		  review = strcmp(kind, "review") == 0;

	tmpl_set_global(r->layout, "CSRF", resp_csrf(r));
	if ((t = tmpl_include(d, review ? "REVIEWS" : "COMMENTS",
	    "comments.tpl")) == NULL)
		return 0;
	tmpl_set(t, "ACTION", action);
	/* Where a thread's reply links go: one value, not two sections. */
	tmpl_set(t, "FORM_ID", review ? "review-form" : "comment-form");
	tmpl_show(t, review ? "IS_REVIEW" : "IS_COMMENT");
	/* ?reply=N: the form below answers comment N (checked below to be
	 * a top-level comment of this thread). */
	if (reply_s != NULL && !valid_id(reply_s, &reply))
		reply = 0;
	/* ?reported=N: comment N was just reported from this page. */
	if (reported_s != NULL && !valid_id(reported_s, &reported))
		reported = 0;
	if (r->cform != NULL && strcmp(r->cform->kind, kind) == 0 &&
	    *r->cform->parent != '\0' && !valid_id(r->cform->parent, &reply))
		reply = 0;
	/*
	 * The latest THREADS threads, unless ?comments=all asks for every
	 * one (or a reply to an older one is being written): a long
	 * discussion does not make every visit download all of it.
	 */
	all = review || reply != 0 || (all_s != NULL &&
	    strcmp(all_s, "all") == 0);
	if (!all) {
		/* How many there are (comment_counts): when every thread
		 * fits, no looking for where the latest begin. */
		st = db_stmt(r->db, STMT_COMMENT_COUNT);
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, target_id);
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			threads_all = sqlite3_column_int(st, 0);
			comments_all = sqlite3_column_int(st, 1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return -1;
		all = threads_all <= THREADS;
	}
	st = db_stmt(r->db, all ? STMT_COMMENT_LIST : STMT_COMMENT_LATEST);
	sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, target_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	if (!all)
		sqlite3_bind_int(st, 4, THREADS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			threads++;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			row = c = tmpl_section(t, "COMMENT");
			replies = NULL;
			top = id;
			tmpl_set_int(c, "ID", id);
			if (open)
				tmpl_show(c, "CAN_REPLY");
			if (id == reply && reply_name == NULL)
				reply_name = arena_strdup(r->arena,
				    page_col(st, 2));
		} else if (c != NULL && sqlite3_column_int64(st, 1) == top) {
			/* A thread's replies in one list, not a list each. */
			if (replies == NULL)
				replies = tmpl_section(c, "REPLIES");
			row = tmpl_section(replies, "REPLY");
		} else
			continue;
		n++;
		/* One comment's markup, shared by comments and replies. */
		row = tmpl_include(row, "ONE", "comment_one.tpl");
		tmpl_set_int(row, "ID", id);
		tmpl_set(row, "NAME", page_col(st, 2));
		if (*page_col(st, 3) != '\0')
			tmpl_set(tmpl_section(row, "AFFILIATION"), "TEXT",
			    page_col(st, 3));
		page_set_time(row, "CREATED", page_col(st, 5));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			h = tmpl_section(row, "HIDDEN");
			page_set_time(h, "AT", page_col(st, 6));
			tmpl_set(h, "BY", page_col(st, 7));
			tmpl_set(h, "REASON", page_col(st, 8));
			if (r->user && r->user->organizer)
				tmpl_show(h, "CAN_UNHIDE");
		} else {
			h = tmpl_section(row, "VISIBLE");
			tmpl_set(h, "BODY_HTML", page_col(st, 4));
			/*
			 * Its report button submits the page's one report
			 * form (form= and formaction=), which carries the
			 * CSRF token: a form and a token in every comment
			 * were 6 KB of a page of 20 and 2% of its time.
			 */
			if (!report_form++)
				tmpl_show(r->layout, "REPORT_FORM");
			if (id == reported)
				tmpl_show(h, "REPORT_SENT");
			if (r->user && r->user->organizer)
				tmpl_show(h, "CAN_HIDE");
			if (sqlite3_column_int(st, 9) > 0 && r->user)
				tmpl_set_int(tmpl_section(h, "REPORTED"), "N",
				    sqlite3_column_int(st, 9));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	total = n;
	if (!all && threads_all > threads) {
		h = tmpl_section(t, "EARLIER");
		tmpl_set_int(h, "SHOWN", threads);
		tmpl_set_int(h, "THREADS", threads_all);
		tmpl_set(h, "URL", arena_printf(r->arena,
		    "%s?comments=all#comments", r->path));
		total = comments_all;
	}
	tmpl_set_int(t, "COUNT", total);
	if (n == 0)
		tmpl_show(t, "NONE");
	/* A comment refused just before: its banner, and its text kept. */
	if (r->cform != NULL && strcmp(r->cform->kind, kind) == 0 &&
	    r->cform->banner != NULL)
		tmpl_show(t, r->cform->banner);
	if (!open) {
		tmpl_show(t, "CLOSED");
		if (r->cform != NULL && strcmp(r->cform->kind, kind) == 0) {
			h = tmpl_section(t, "KEPT");
			tmpl_set(h, "NAME", r->cform->name);
			tmpl_set(h, "AFFILIATION", r->cform->affiliation);
			tmpl_set(h, "BODY", r->cform->body);
		}
		return 0;
	}
	h = tmpl_section(t, "FORM");
	tmpl_set(h, "SELF", r->path);
	if (reply_name != NULL) {
		struct tmpl_dict *rp = tmpl_section(h, "REPLYING");
		tmpl_set_int(rp, "TO", reply);
		tmpl_set(rp, "TO_NAME", reply_name);
		tmpl_set_int(h, "PARENT", reply);
	}
	tmpl_set_int(h, "NAME_MAX", (long long)valid_keys[KEY_NAME].maxchars);
	tmpl_set_int(h, "BODY_MAX", (long long)valid_keys[KEY_BODY].maxchars);
	if (r->cform != NULL && strcmp(r->cform->kind, kind) == 0) {
		struct cform *f = r->cform;
		static const char *const errs[] = { "NAME_ERR",
		    "AFFILIATION_ERR", "BODY_ERR" };
		tmpl_set(h, "NAME", f->name);
		tmpl_set(h, "AFFILIATION", f->affiliation);
		tmpl_set(h, "BODY", f->body);
		tmpl_set(h, "PARENT", f->parent);
		for (int i = 0; i < 3; i++) {
			if (f->err[i] == FERR_NONE)
				continue;
			row = tmpl_section(h, errs[i]);
			tmpl_set(row, "MSG_ZH", valid_ferr_zh(f->err[i]));
			tmpl_set(row, "MSG_EN", valid_ferr_en(f->err[i]));
		}
	}
	return 0;
}

/*
 * Looks up a comment target from the route: r->id, or r->slug for an
 * agency.  Returns the target's id, 0 when there is no such (commentable)
 * target, or -1 on a database error.
 */
static long long
find_target(struct req *r, enum ctarget ct)
{
	sqlite3_stmt	*st;
	long long	 id = 0;
	int		 rc;

	switch (ct) {
	case CT_ITEM:
		st = db_stmt(r->db, STMT_ITEM_GET);
		sqlite3_bind_int64(st, 1, r->id);
		break;
	case CT_PROPOSAL:
		st = db_stmt(r->db, STMT_PROPOSAL_ADDRESSED);
		sqlite3_bind_int64(st, 1, r->id);
		break;
	case CT_MEETING:
		st = db_stmt(r->db, STMT_MEETING_GET);
		sqlite3_bind_int64(st, 1, r->id);
		break;
	default:
		st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
		sqlite3_bind_text(st, 1, r->slug, -1, SQLITE_STATIC);
		break;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ct == CT_AGENCY)
			id = sqlite3_column_int64(st, 0);
		else if (ct != CT_PROPOSAL ||
		    strcmp(page_col(st, 1), "submitted") == 0)
			id = r->id;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? id : -1;
}

/* Shows the target page again with the refused comment, with status. */
static int
show_again(struct req *r, enum ctarget ct, int status)
{
	r->status_override = status;
	switch (ct) {
	case CT_ITEM:
		return page_commitment(r);
	case CT_PROPOSAL:
		return page_proposal(r);
	case CT_MEETING:
		return page_meeting(r);
	default:
		return page_agency(r);
	}
}

/*
 * Returns 1 when the parent given is a top-level comment on the same
 * target, 0 when it is not, -1 on a database error.
 */
static int
parent_ok(struct req *r, const char *target, long long target_id,
    long long parent)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_COMMENT_GET);
	int		 rc, ok = 0;

	sqlite3_bind_int64(st, 1, parent);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ok = strcmp(page_col(st, 1), target) == 0 &&
		    sqlite3_column_int64(st, 2) == target_id &&
		    sqlite3_column_type(st, 3) == SQLITE_NULL;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ok : -1;
}

static int
comment_post(struct req *r, enum ctarget ct, const char *kind)
{
	struct cform	*f;
	sqlite3_stmt	*st;
	long long	 tid, parent = 0, id;
	time_t		 deadline;
	char		 now[32], *html, *url;
	int		 rc, bad = 0;

	if ((tid = find_target(r, ct)) == -1)
		return page_db_fail(r);
	if (tid == 0)
		return page_not_found(r);
	if ((f = arena_calloc(r->arena, 1, sizeof(*f))) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	f->name = r->field[KEY_NAME].val ? r->field[KEY_NAME].val : "";
	f->affiliation = r->field[KEY_AFFILIATION].val ?
	    r->field[KEY_AFFILIATION].val : "";
	f->body = r->field[KEY_BODY].val ? r->field[KEY_BODY].val : "";
	f->parent = r->field[KEY_PARENT].val ? r->field[KEY_PARENT].val : "";
	f->err[0] = r->field[KEY_NAME].err;
	f->err[1] = r->field[KEY_AFFILIATION].err;
	f->err[2] = r->field[KEY_BODY].err;
	f->kind = kind;
	r->cform = f;

	if (!page_csrf_ok(r)) {
		f->banner = "CSRF_FAILED";
		return show_again(r, ct, 403);
	}
	/*
	 * Input on meetings stays open; on the plan, until the deadline;
	 * reviews while organizers hold a mid-term checkpoint.
	 */
	deadline = page_deadline(r);
	if (strcmp(kind, "review") == 0 ? !page_review_open(r) :
	    ct != CT_MEETING && deadline != 0 && r->now >= deadline) {
		f->banner = strcmp(kind, "review") == 0 ? "REVIEW_REFUSED" :
		    "CLOSED_REFUSED";
		return show_again(r, ct, 403);
	}
	if (*f->parent != '\0') {
		/* The text shown back in the form, as a comment of its own. */
		if (!valid_id(f->parent, &parent) ||
		    (rc = parent_ok(r, ctargets[ct], tid, parent)) == 0) {
			f->parent = "";
			f->banner = "PARENT_GONE";
			return show_again(r, ct, 400);
		}
		if (rc == -1)
			return page_db_fail(r);
	}
	if (f->err[0] == FERR_NONE && valid_blank(f->name))
		f->err[0] = FERR_REQUIRED;
	if (f->err[2] == FERR_NONE && valid_blank(f->body))
		f->err[2] = FERR_REQUIRED;
	for (int i = 0; i < 3; i++)
		bad |= f->err[i] != FERR_NONE;
	if (bad) {
		f->banner = "HAS_ERRORS";
		return show_again(r, ct, 422);
	}

	if ((rc = page_rate_limited(r, "comment", LIMIT_COMMENTS)) != 0) {
		f->banner = rc == -1 ? "BUSY" : "RATE_LIMITED";
		if (rc == 1)
			resp_header(r, "Retry-After", "3600");
		return show_again(r, ct, rc == -1 ? 503 : 429);
	}
	if ((html = md_render(f->body, strlen(f->body))) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	when_utc(r->now, now, sizeof(now));
	if (db_begin(r->db) == -1) {
		free(html);
		log_line(r, "comment: %s", db_errmsg(r->db));
		db_rollback(r->db);
		f->banner = "BUSY";
		return show_again(r, ct, db_busy(r->db) ? 503 : 500);
	}
	st = db_stmt(r->db, STMT_COMMENT_INSERT);
	sqlite3_bind_text(st, 1, ctargets[ct], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, tid);
	if (parent != 0)
		sqlite3_bind_int64(st, 3, parent);
	sqlite3_bind_text(st, 4, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->affiliation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, html, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->remote_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(html);
	id = sqlite3_last_insert_rowid(r->db->conn);
	if (rc != SQLITE_DONE || page_rate_count(r, "comment") == -1 ||
	    db_commit(r->db) == -1) {
		log_line(r, "comment: %s", db_errmsg(r->db));
		db_rollback(r->db);
		f->banner = "BUSY";
		return show_again(r, ct, db_busy(r->db) ? 503 : 500);
	}
	url = arena_printf(r->arena, "%s#comment-%lld",
	    target_url(r, ctargets[ct], tid), id);
	page_rate_purge(r);
	return resp_redirect(r, 303, url ? url : "/");
}

int
page_comment_item(struct req *r)
{
	return comment_post(r, CT_ITEM, "comment");
}

/* `POST /commitments/{id}/reviews`: civil society's mid-term review. */
int
page_review_item(struct req *r)
{
	return comment_post(r, CT_ITEM, "review");
}

int
page_comment_proposal(struct req *r)
{
	return comment_post(r, CT_PROPOSAL, "comment");
}

int
page_comment_meeting(struct req *r)
{
	return comment_post(r, CT_MEETING, "comment");
}

int
page_comment_agency(struct req *r)
{
	return comment_post(r, CT_AGENCY, "comment");
}

/*
 * Loads comment r->id's target page URL into *url.  Returns 0, 1 when
 * there is no such comment (answered 404), -1 on a database error
 * (answered).
 */
static int
comment_target(struct req *r, char **url)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_COMMENT_GET);
	char		*target = NULL;
	long long	 tid = 0;
	int		 rc;

	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		target = arena_strdup(r->arena, page_col(st, 1));
		tid = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		page_not_found(r);
		return 1;
	}
	if (rc != SQLITE_ROW || target == NULL) {
		page_db_fail(r);
		return -1;
	}
	*url = target_url(r, target, tid);
	if (*url == NULL)
		*url = "/";
	return 0;
}

static int
simple_update(struct req *r, enum stmt which, const char *reason)
{
	sqlite3_stmt	*st = db_stmt(r->db, which);
	char		 now[32];
	int		 rc;

	sqlite3_bind_int64(st, 1, r->id);
	if (which == STMT_COMMENT_HIDE) {
		when_utc(r->now, now, sizeof(now));
		sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, r->user->id);
		sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* `POST /comments/{id}/report`: anyone may flag a comment for organizers. */
int
page_comment_report(struct req *r)
{
	char	*url, *loc;
	int	 rc;

	if ((rc = comment_target(r, &url)) != 0)
		return 0;
	if (!page_csrf_ok(r))
		return resp_error(r, 403, "安全驗證已過期，請重新整理頁面後再檢舉。",
		    "The security check expired; reload the page and report "
		    "again.");
	if (simple_update(r, STMT_COMMENT_REPORT, NULL) == -1)
		return page_db_fail(r);
	log_line(r, "comment %lld reported", r->id);
	loc = arena_printf(r->arena, "%s?reported=%lld#comment-%lld", url,
	    r->id, r->id);
	return resp_redirect(r, 303, loc ? loc : url);
}

static int admin_comments_page(struct req *, int, long long, const char *,
    const char *);

static int
moderate(struct req *r, int hide)
{
	const char	*reason = r->field[KEY_REASON].val;
	char		*url, *loc;
	int		 rc;

	if (page_organizer(r))
		return 0;
	if ((rc = comment_target(r, &url)) != 0)
		return 0;
	/* Refused: the list again, the reason typed back in its row. */
	if (!page_csrf_ok(r))
		return admin_comments_page(r, 403, r->id, reason, "CSRF_FAILED");
	if (hide && (reason == NULL || valid_blank(reason) ||
	    r->field[KEY_REASON].err != FERR_NONE))
		return admin_comments_page(r, 422, r->id, reason, "REASON_ERR");
	if (simple_update(r, hide ? STMT_COMMENT_HIDE : STMT_COMMENT_UNHIDE,
	    reason) == -1)
		return page_db_fail(r);
	log_line(r, "comment %lld %s by %s", r->id, hide ? "hidden" : "unhidden",
	    r->user->login);
	loc = arena_printf(r->arena, "%s#comment-%lld", url, r->id);
	return resp_redirect(r, 303, loc ? loc : url);
}

/* `POST /admin/comments/{id}/hide` (organizers): hides with a reason. */
int
page_comment_hide(struct req *r)
{
	return moderate(r, 1);
}

/* `POST /admin/comments/{id}/unhide` (organizers). */
int
page_comment_unhide(struct req *r)
{
	return moderate(r, 0);
}

/* `/admin/comments` (organizers): reported comments first, then the rest. */
int
page_admin_comments(struct req *r)
{
	if (page_organizer(r))
		return 0;
	return admin_comments_page(r, 200, 0, NULL, NULL);
}

/*
 * The moderation list, with status; a hide of comment id refused just
 * before shows its banner and the reason typed, in that comment's row.
 */
static int
admin_comments_page(struct req *r, int status, long long id,
    const char *reason, const char *banner)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	int		  rc;

	resp_csrf(r);
	if ((d = resp_page_begin(r, "admin_comments.tpl", "留言管理",
	    "Moderate comments")) == NULL)
		return resp_page_end(r, 500);
	st = db_stmt(r->db, STMT_COMMENTS_ADMIN);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *url = target_url(r, page_col(st, 1),
		    sqlite3_column_int64(st, 2));
		row = tmpl_section(d, "COMMENT");
		tmpl_set_int(row, "ID", sqlite3_column_int64(st, 0));
		tmpl_set(row, "URL", url ? url : "/");
		tmpl_set(row, "TARGET", page_col(st, 1));
		tmpl_set(row, "NAME", page_col(st, 3));
		tmpl_set(row, "BODY", page_col(st, 4));
		page_set_time(row, "CREATED", page_col(st, 5));
		if (sqlite3_column_int(st, 6) > 0)
			tmpl_set_int(tmpl_section(row, "REPORTED"), "N",
			    sqlite3_column_int(st, 6));
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			tmpl_set(tmpl_section(row, "HIDDEN"), "REASON",
			    page_col(st, 8));
		else
			tmpl_show(row, "VISIBLE");
		if (id != 0 && sqlite3_column_int64(st, 0) == id) {
			tmpl_set(row, "REASON_TYPED", reason ? reason : "");
			if (banner != NULL && strcmp(banner, "REASON_ERR") == 0)
				tmpl_show(row, "REASON_INVALID");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (banner != NULL)
		tmpl_show(d, banner);
	return resp_page_end(r, status);
}

/*
 * `POST /preview`: the comment form's Markdown preview (body), rendered
 * exactly as a saved comment would be.  Answers an HTML fragment.
 */
int
page_preview(struct req *r)
{
	struct tmpl_dict *d;
	const char	 *body = r->field[KEY_BODY].val;
	char		 *html;

	if (!page_csrf_ok(r))
		return resp_error(r, 403, "安全驗證已過期，請重新整理頁面。",
		    "The security check expired; reload the page.");
	if (r->field[KEY_BODY].err != FERR_NONE)
		return resp_error(r, 422, "內容超過字數上限。", "Too long.");
	if (body == NULL)
		body = "";
	if ((html = md_render(body, strlen(body))) == NULL ||
	    (d = tmpl_dict_new()) == NULL) {
		free(html);
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	}
	tmpl_set(d, "BODY_HTML", html);
	free(html);
	resp_header(r, "Cache-Control", "no-store");
	resp_standalone(r, 200, "preview.tpl", d, "text/html; charset=utf-8");
	tmpl_dict_free(d);
	return 0;
}
