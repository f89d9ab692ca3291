/*
 * Staff pages: the dashboard, proposals to route and answer, users and the
 * deadline.  Organizers may do everything; an agency user sees and answers
 * what is addressed to their agency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

/* Answer statuses, in the order the form offers them. */
static const struct {
	const char	*name;
	const char	*zh;
	const char	*en;
} answer_statuses[] = {
	{ "under_review", "研議中", "under review" },
	{ "adopted", "採納", "adopted" },
	{ "partly_adopted", "部分採納", "partly adopted" },
	{ "not_adopted", "不採納", "not adopted" },
	{ "merged", "併入承諾事項", "merged into an item" },
};

#define NSTATUSES (sizeof(answer_statuses) / sizeof(answer_statuses[0]))

/* Returns the zh-TW label of an answer status, or "" when unknown. */
const char *
page_answer_zh(const char *s)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (s != NULL && strcmp(s, answer_statuses[i].name) == 0)
			return answer_statuses[i].zh;
	return "";
}

const char *
page_answer_en(const char *s)
{
	for (size_t i = 0; i < NSTATUSES; i++)
		if (s != NULL && strcmp(s, answer_statuses[i].name) == 0)
			return answer_statuses[i].en;
	return "";
}

/*
 * Fills the include marker ANSWERS of d (answers.tpl) with the answers to
 * proposal id: the current one, then (with history) the earlier ones.
 * Returns the number of answers, or -1 on a database error.
 */
int
page_answers(struct req *r, struct tmpl_dict *d, long long id, int history)
{
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_ANSWER_HISTORY);
	struct tmpl_dict *a;
	int		  rc, n = 0;

	d = tmpl_include(d, "ANSWERS", "answers.tpl");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n > 0 && !history)
			continue;
		a = tmpl_section(d, n == 0 ? "CURRENT_ANSWER" : "OLD_ANSWER");
		n++;
		tmpl_set(a, "STATUS", page_col(st, 0));
		tmpl_set(a, "STATUS_ZH", page_answer_zh(page_col(st, 0)));
		tmpl_set(a, "STATUS_EN", page_answer_en(page_col(st, 0)));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			struct tmpl_dict *it = tmpl_section(a, "ITEM");
			tmpl_set_int(it, "ID", sqlite3_column_int64(st, 1));
			page_set_item_no(it, "NO", sqlite3_column_int(st, 2),
			    sqlite3_column_int(st, 3));
			tmpl_set(it, "TITLE", page_col(st, 4));
		}
		tmpl_set(a, "RESPONSE_HTML", page_col(st, 6));
		tmpl_set(a, "BY", page_col(st, 7));
		tmpl_set(a, "AGENCY", page_col(st, 8));
		page_set_time(a, "AT", page_col(st, 9));
	}
	sqlite3_reset(st);
	if (n == 0)
		tmpl_show(d, "NO_ANSWER");
	if (n > 1)
		tmpl_show(d, "HAS_OLD");
	(void)r;
	return rc == SQLITE_DONE ? n : -1;
}

#define CHART_DAYS	120	/* the chart shows at most this many days */
#define CHART_W		640
#define CHART_H		160

/* Parses "YYYY-MM-DD" as a day number since 1970-01-01, or -1. */
static long
day_number(const char *s)
{
	char	 iso[32];
	time_t	 t;

	snprintf(iso, sizeof(iso), "%.10sT00:00:00Z", s);
	if (when_parse(iso, 0, &t) == -1)
		return -1;
	return (long)(t / 86400);
}

/*
 * The submissions per day (Taipei) up to the deadline, or to the last
 * submission when the deadline was moved before it, as SVG bars: the
 * CHART section with BAR rows (X, Y, W, H, DAY, N) and a TABLE of the
 * same figures for screen readers.
 */
static int
dash_chart(struct req *r, struct tmpl_dict *d, time_t deadline)
{
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_DASH_DAYS);
	struct tmpl_dict *c, *b;
	long		  first = -1, last, latest = -1, day, counts[CHART_DAYS];
	long		  max = 0, total = 0, ndays, i;
	int		  rc;
	char		  label[16];
	time_t		  t;
	struct tm	  tm;

	memset(counts, 0, sizeof(counts));
	last = (long)((deadline ? deadline : r->now) + WHEN_TAIPEI_OFFSET) / 86400;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((day = day_number(page_col(st, 0))) >= 0) {
			if (first == -1 || day < first)
				first = day;
			if (day > latest)
				latest = day;
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (latest > last)
		last = latest;
	if (first == -1 || first > last - 13)
		first = last - 13;
	if (last - first + 1 > CHART_DAYS)
		first = last - CHART_DAYS + 1;
	ndays = last - first + 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		day = day_number(page_col(st, 0));
		if (day >= first && day <= last) {
			counts[day - first] = sqlite3_column_int(st, 1);
			if (counts[day - first] > max)
				max = counts[day - first];
		}
		total += sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;

	c = tmpl_section(d, "CHART");
	tmpl_set_int(c, "W", CHART_W);
	tmpl_set_int(c, "H", CHART_H + 24);
	tmpl_set_int(c, "MAX", max);
	tmpl_set_int(c, "TOTAL", total);
	tmpl_set_int(c, "BASE", CHART_H);
	for (i = 0; i < ndays; i++) {
		long h = max ? counts[i] * (CHART_H - 16) / max : 0;
		long w = CHART_W / ndays;
		t = (time_t)(first + i) * 86400;
		gmtime_r(&t, &tm);
		strftime(label, sizeof(label), "%m-%d", &tm);
		b = tmpl_section(c, "BAR");
		tmpl_set_int(b, "X", i * w + 1);
		tmpl_set_int(b, "W", w > 2 ? w - 2 : 1);
		tmpl_set_int(b, "Y", CHART_H - h);
		tmpl_set_int(b, "H", h);
		tmpl_set_int(b, "N", counts[i]);
		tmpl_set(b, "DAY", label);
		tmpl_set_int(b, "TX", i * w + w / 2);
		/* A date under every seventh bar and the last (the deadline). */
		if (i % 7 == 0 || i == ndays - 1)
			tmpl_show(b, "LABEL");
		if (counts[i] > 0)
			tmpl_show(b, "HAS");
	}
	return 0;
}

/*
 * `/admin`: the dashboard: proposals by status, agency, OGP value and
 * kind; submissions per day up to the deadline; meetings held and upcoming
 * per agency; and the staff's menu.
 */
int
page_admin(struct req *r)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	time_t		  deadline;
	char		  now[32];
	int		  rc;

	if (page_staff(r))
		return 0;
	if ((d = resp_page_begin(r, "admin.tpl", "管理", "Admin")) == NULL)
		return resp_page_end(r, 500);
	deadline = page_deadline(r);
	page_set_deadline(r, d, deadline);
	if (r->user->organizer)
		tmpl_show(d, "ORGANIZER");
	else
		tmpl_set(tmpl_section(d, "AGENCY_USER"), "NAME",
		    r->user->agency_name);

	st = db_stmt(r->db, STMT_DASH_STATUS);
	tmpl_set_int(d, "N_DRAFT", 0);
	tmpl_set_int(d, "N_SUBMITTED", 0);
	tmpl_set_int(d, "N_WITHDRAWN", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = page_col(st, 0);
		tmpl_set_int(d, strcmp(s, "draft") == 0 ? "N_DRAFT" :
		    strcmp(s, "submitted") == 0 ? "N_SUBMITTED" : "N_WITHDRAWN",
		    sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);

	st = db_stmt(r->db, STMT_DASH_KIND);
	tmpl_set_int(d, "N_ADD", 0);
	tmpl_set_int(d, "N_MODIFY", 0);
	tmpl_set_int(d, "N_DELETE", 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = page_col(st, 0);
		tmpl_set_int(d, strcmp(k, "modify") == 0 ? "N_MODIFY" :
		    strcmp(k, "delete") == 0 ? "N_DELETE" : "N_ADD",
		    sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);

	st = db_stmt(r->db, STMT_DASH_VALUE);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tmpl_set_int(d, "N_TRANSPARENCY", sqlite3_column_int64(st, 0));
		tmpl_set_int(d, "N_PARTICIPATION", sqlite3_column_int64(st, 1));
		tmpl_set_int(d, "N_ACCOUNTABILITY", sqlite3_column_int64(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);

	when_utc(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_DASH_AGENCY);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = tmpl_section(d, "AGENCY");
		tmpl_set(row, "SLUG", page_col(st, 0));
		tmpl_set(row, "NAME", page_col(st, 1));
		tmpl_set_int(row, "PROPOSALS", sqlite3_column_int64(st, 2));
		tmpl_set_int(row, "ANSWERED", sqlite3_column_int64(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	/* Proposals whose lead agency is free text wait for routing. */
	st = db_stmt(r->db, STMT_DASH_UNROUTED);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = tmpl_section(d, "UNROUTED");
		tmpl_set_int(row, "PROPOSALS", sqlite3_column_int64(st, 0));
		tmpl_set_int(row, "ANSWERED", sqlite3_column_int64(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	/* The search index: how far behind, and whether it fails. */
	st = db_stmt(r->db, STMT_DASH_INDEX);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && r->user->organizer) {
		row = tmpl_section(d, "INDEX");
		tmpl_set_int(row, "WAITING", sqlite3_column_int64(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			tmpl_set(tmpl_section(row, "FAULT"), "WHY",
			    page_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	st = db_stmt(r->db, STMT_DASH_MEETINGS);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = tmpl_section(d, "MEETINGS");
		tmpl_set(row, "SLUG", page_col(st, 0));
		tmpl_set(row, "NAME", page_col(st, 1));
		tmpl_set_int(row, "HELD", sqlite3_column_int64(st, 2));
		tmpl_set_int(row, "UPCOMING", sqlite3_column_int64(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || dash_chart(r, d, deadline) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}

/* `/admin/proposals`: submitted proposals to route and answer. */
int
page_admin_proposals(struct req *r)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	int		  rc, n = 0;

	if (page_staff(r))
		return 0;
	if ((d = resp_page_begin(r, "admin_proposals.tpl", "提案處理",
	    "Proposals to answer")) == NULL)
		return resp_page_end(r, 500);
	st = db_stmt(r->db, STMT_ADMIN_PROPOSALS);
	if (!r->user->organizer)
		sqlite3_bind_text(st, 1, r->user->agency_slug, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		row = tmpl_section(d, "PROPOSAL");
		tmpl_set_int(row, "ID", sqlite3_column_int64(st, 0));
		tmpl_set(row, "TITLE", page_col(st, 1));
		tmpl_set(row, "STATUS_ZH", page_proposal_status_zh(page_col(st, 2)));
		tmpl_set(row, "STATUS_EN", page_proposal_status_en(page_col(st, 2)));
		page_set_time(row, "SUBMITTED", page_col(st, 3));
		tmpl_set(row, "AGENCY", page_col(st, 5));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			struct tmpl_dict *a = tmpl_section(row, "ANSWERED");
			tmpl_set(a, "ZH", page_answer_zh(page_col(st, 6)));
			tmpl_set(a, "EN", page_answer_en(page_col(st, 6)));
		} else if (strcmp(page_col(st, 2), "submitted") == 0)
			tmpl_show(row, "UNANSWERED");
		tmpl_set(row, "SUBMITTER", page_col(st, 7));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NONE");
	return resp_page_end(r, 200);
}

/*
 * Loads the addressed agency and status of proposal r->id and checks the
 * staff member may act on it.  Returns 0, or 1 when answered.
 */
static int
proposal_for_staff(struct req *r, long long *agency_id, char *status,
    size_t n)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (page_staff(r))
		return 1;
	st = db_stmt(r->db, STMT_PROPOSAL_ADDRESSED);
	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*agency_id = sqlite3_column_int64(st, 0);
		snprintf(status, n, "%s", page_col(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			page_not_found(r);
		else
			page_db_fail(r);
		return 1;
	}
	/* Drafts are private to their author; organizers may look. */
	if (strcmp(status, "draft") == 0 && !r->user->organizer) {
		page_not_found(r);
		return 1;
	}
	return page_agency_ok(r, *agency_id);
}

/* The answer form as typed, shown back with its errors. */
struct aform {
	const char	*status, *item, *response, *agency;
	enum ferr	 err_status, err_item, err_response, err_agency;
	const char	*banner;
};

/*
 * `/admin/proposals/{id}`: the whole proposal with its contacts, the
 * routing form (organizers), the answer form, and the history of both.
 */
static int
admin_proposal_page(struct req *r, struct aform *af, int status)
{
	struct tmpl_dict *d, *o, *e;
	sqlite3_stmt	 *st;
	long long	  agency_id;
	char		  pstatus[16];
	int		  rc;

	if (proposal_for_staff(r, &agency_id, pstatus, sizeof(pstatus)))
		return 0;
	resp_csrf(r);
	if ((d = resp_page_begin(r, "admin_proposal.tpl", "處理提案",
	    "Route and answer")) == NULL)
		return resp_page_end(r, 500);
	resp_header(r, "Cache-Control", "no-store");
	if (page_proposal_fill(r, d, r->id, 1) == -1 ||
	    page_answers(r, d, r->id, 1) == -1)
		return page_db_fail(r);
	if (strcmp(pstatus, "submitted") == 0)
		tmpl_show(d, "ANSWERABLE");
	if (r->user->organizer) {
		struct tmpl_dict *rt = tmpl_section(d, "ROUTING");
		if (page_agency_options(r, rt, NULL, agency_id, 0) == -1)
			return page_db_fail(r);
		if (af != NULL && af->err_agency != FERR_NONE) {
			e = tmpl_section(rt, "AGENCY_ERR");
			tmpl_set(e, "MSG_ZH", valid_ferr_zh(af->err_agency));
			tmpl_set(e, "MSG_EN", valid_ferr_en(af->err_agency));
		}
	}
	for (size_t i = 0; i < NSTATUSES; i++) {
		o = tmpl_section(d, "STATUS_OPTION");
		tmpl_set(o, "NAME", answer_statuses[i].name);
		tmpl_set(o, "ZH", answer_statuses[i].zh);
		tmpl_set(o, "EN", answer_statuses[i].en);
		if (af != NULL && af->status != NULL &&
		    strcmp(af->status, answer_statuses[i].name) == 0)
			tmpl_show(o, "SELECTED");
	}
	st = db_stmt(r->db, STMT_ITEM_BRIEF);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o = tmpl_section(d, "ITEM_OPTION");
		tmpl_set_int(o, "ID", sqlite3_column_int64(st, 0));
		page_set_item_no(o, "NO", sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 2));
		tmpl_set(o, "TITLE", page_col(st, 3));
		if (af != NULL && af->item != NULL &&
		    strcmp(af->item, page_col(st, 0)) == 0)
			tmpl_show(o, "SELECTED");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (af != NULL) {
		tmpl_set(d, "A_RESPONSE", af->response);
		if (af->err_status) {
			e = tmpl_section(d, "E_STATUS");
			tmpl_set(e, "MSG_ZH", valid_ferr_zh(af->err_status));
			tmpl_set(e, "MSG_EN", valid_ferr_en(af->err_status));
		}
		if (af->err_item) {
			e = tmpl_section(d, "E_ITEM");
			tmpl_set(e, "MSG_ZH", valid_ferr_zh(af->err_item));
			tmpl_set(e, "MSG_EN", valid_ferr_en(af->err_item));
		}
		if (af->err_response) {
			e = tmpl_section(d, "E_RESPONSE");
			tmpl_set(e, "MSG_ZH", valid_ferr_zh(af->err_response));
			tmpl_set(e, "MSG_EN", valid_ferr_en(af->err_response));
		}
		if (af->banner)
			tmpl_show(d, af->banner);
		/* Not answerable (withdrawn meanwhile): the text to copy. */
		if (af->banner && strcmp(af->banner, "NOT_ANSWERABLE") == 0)
			tmpl_set(d, "KEPT_RESPONSE", af->response);
	}
	if (req_query(r, "answered") != NULL)
		tmpl_show(d, "ANSWERED_OK");
	if (req_query(r, "routed") != NULL)
		tmpl_show(d, "ROUTED_OK");
	st = db_stmt(r->db, STMT_ROUTING_HISTORY);
	sqlite3_bind_int64(st, 1, r->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o = tmpl_section(d, "ROUTED");
		tmpl_set(o, "FROM", page_col(st, 0));
		tmpl_set(o, "TO", page_col(st, 1));
		tmpl_set(o, "BY", page_col(st, 2));
		page_set_time(o, "AT", page_col(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	return resp_page_end(r, status);
}

int
page_admin_proposal(struct req *r)
{
	return admin_proposal_page(r, NULL, 200);
}

/* `POST /admin/proposals/{id}/answer`: a reasoned response, kept forever. */
int
page_admin_answer(struct req *r)
{
	struct aform	 af;
	sqlite3_stmt	*st;
	long long	 agency_id, item = 0;
	char		 pstatus[16], now[32], *html, *loc;
	int		 rc, known = 0;

	if (proposal_for_staff(r, &agency_id, pstatus, sizeof(pstatus)))
		return 0;
	memset(&af, 0, sizeof(af));
	af.status = r->field[KEY_STATUS].val ? r->field[KEY_STATUS].val : "";
	af.item = r->field[KEY_ITEM].val ? r->field[KEY_ITEM].val : "";
	af.response = r->field[KEY_RESPONSE].val ? r->field[KEY_RESPONSE].val : "";
	af.err_response = r->field[KEY_RESPONSE].err;
	if (!page_csrf_ok(r)) {
		af.banner = "CSRF_FAILED";
		return admin_proposal_page(r, &af, 403);
	}
	if (strcmp(pstatus, "submitted") != 0) {
		af.banner = "NOT_ANSWERABLE";
		return admin_proposal_page(r, &af, 409);
	}
	for (size_t i = 0; i < NSTATUSES; i++)
		known |= strcmp(af.status, answer_statuses[i].name) == 0;
	if (*af.status == '\0')
		af.err_status = FERR_REQUIRED;
	else if (!known)
		af.err_status = FERR_INVALID;
	if (*af.item != '\0') {
		if (!valid_id(af.item, &item))
			af.err_item = FERR_INVALID;
		else {
			st = db_stmt(r->db, STMT_ITEM_GET);
			sqlite3_bind_int64(st, 1, item);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc == SQLITE_DONE)
				af.err_item = FERR_UNKNOWN;
			else if (rc != SQLITE_ROW)
				return page_db_fail(r);
		}
	} else if (strcmp(af.status, "merged") == 0)
		af.err_item = FERR_REQUIRED;
	if (af.err_response == FERR_NONE && valid_blank(af.response))
		af.err_response = FERR_REQUIRED;
	if (af.err_status || af.err_item || af.err_response) {
		af.banner = "ANSWER_ERRORS";
		return admin_proposal_page(r, &af,
		    af.err_status == FERR_INVALID || af.err_item == FERR_INVALID ||
		    af.err_item == FERR_UNKNOWN ? 400 : 422);
	}
	if ((html = md_render(af.response, strlen(af.response))) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	when_utc(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_ANSWER_INSERT);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, af.status, -1, SQLITE_STATIC);
	if (item)
		sqlite3_bind_int64(st, 3, item);
	sqlite3_bind_text(st, 4, af.response, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, html, -1, SQLITE_STATIC);
	/*
	 * The answering agency: the user's, or for an organizer the one the
	 * proposal is addressed to, and none (NULL, not 0, which is no
	 * agency's id) for a proposal not yet routed whose lead is free text.
	 */
	if (!r->user->organizer)
		sqlite3_bind_int64(st, 6, r->user->agency_id);
	else if (agency_id > 0)
		sqlite3_bind_int64(st, 6, agency_id);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int64(st, 7, r->user->id);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(html);
	if (rc != SQLITE_DONE) {
		log_line(r, "answer: %s", db_errmsg(r->db));
		af.banner = "BUSY";
		return admin_proposal_page(r, &af, db_busy(r->db) ? 503 : 500);
	}
	log_line(r, "proposal %lld answered %s by %s", r->id, af.status,
	    r->user->login);
	loc = arena_printf(r->arena, "/admin/proposals/%lld?answered=1", r->id);
	return resp_redirect(r, 303, loc ? loc : "/admin/proposals");
}

/* `POST /admin/proposals/{id}/route` (organizers): address another agency. */
int
page_admin_route(struct req *r)
{
	struct aform	 af;
	sqlite3_stmt	*st;
	const char	*slug = r->field[KEY_AGENCY].val;
	long long	 agency_id;
	char		 pstatus[16], now[32], *loc;
	int		 rc;

	if (page_organizer(r))
		return 0;
	if (proposal_for_staff(r, &agency_id, pstatus, sizeof(pstatus)))
		return 0;
	memset(&af, 0, sizeof(af));
	if (!page_csrf_ok(r)) {
		af.banner = "CSRF_FAILED";
		return admin_proposal_page(r, &af, 403);
	}
	if (slug == NULL || *slug == '\0' || !valid_slug(slug)) {
		af.err_agency = slug && *slug ? FERR_INVALID : FERR_REQUIRED;
		return admin_proposal_page(r, &af, slug && *slug ? 400 : 422);
	}
	st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		af.err_agency = FERR_UNKNOWN;
		return admin_proposal_page(r, &af, 400);
	}
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	when_utc(r->now, now, sizeof(now));
	if (db_begin(r->db) == -1)
		return page_db_fail(r);
	st = db_stmt(r->db, STMT_ROUTING_INSERT);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->user->id);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		st = db_stmt(r->db, STMT_ROUTE_UPDATE);
		sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, r->id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE || db_commit(r->db) == -1)
		return page_db_fail(r);
	log_line(r, "proposal %lld routed to %s by %s", r->id, slug,
	    r->user->login);
	loc = arena_printf(r->arena, "/admin/proposals/%lld?routed=1", r->id);
	return resp_redirect(r, 303, loc ? loc : "/admin/proposals");
}

/* The user list and the form to add one, with a result or errors. */
static int
users_page(struct req *r, int status, const char *login, const char *role,
    const char *agency, const char *error_zh, const char *error_en,
    const char *password)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	int		  rc;

	resp_csrf(r);
	if ((d = resp_page_begin(r, "admin_users.tpl", "帳號管理",
	    "Staff accounts")) == NULL)
		return resp_page_end(r, 500);
	resp_header(r, "Cache-Control", "no-store");
	st = db_stmt(r->db, STMT_USER_LIST);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = tmpl_section(d, "USER");
		tmpl_set(row, "LOGIN", page_col(st, 1));
		tmpl_show(row, strcmp(page_col(st, 2), "organizer") == 0 ?
		    "ORGANIZER" : "AGENCY");
		tmpl_set(row, "AGENCY_NAME", page_col(st, 4));
		if (sqlite3_column_int(st, 5))
			tmpl_show(row, "DISABLED");
		page_set_time(row, "CREATED", page_col(st, 6));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (page_agency_options(r, d, agency, 0, 0) == -1)
		return page_db_fail(r);
	tmpl_set(d, "F_LOGIN", login ? login : "");
	tmpl_show(d, role && strcmp(role, "organizer") == 0 ? "ROLE_ORGANIZER" :
	    "ROLE_AGENCY");
	if (error_zh != NULL) {
		row = tmpl_section(d, "ERROR");
		tmpl_set(row, "ZH", error_zh);
		tmpl_set(row, "EN", error_en);
	}
	if (password != NULL) {
		row = tmpl_section(d, "CREATED_USER");
		tmpl_set(row, "LOGIN", login);
		tmpl_set(row, "PASSWORD", password);
	}
	return resp_page_end(r, status);
}

/* `/admin/users` (organizers). */
int
page_admin_users(struct req *r)
{
	if (page_organizer(r))
		return 0;
	return users_page(r, 200, NULL, NULL, NULL, NULL, NULL, NULL);
}

/*
 * `POST /admin/users` (organizers): adds an account with a generated
 * password, shown once.
 */
int
page_admin_user_add(struct req *r)
{
	const char	*login = r->field[KEY_LOGIN].val;
	const char	*role = r->field[KEY_ROLE].val;
	const char	*agency = r->field[KEY_AGENCY].val;
	const char	*err;
	char		 password[24];

	if (page_organizer(r))
		return 0;
	if (!page_csrf_ok(r))
		return users_page(r, 403, login, role, agency,
		    "安全驗證已過期，請再送出一次。",
		    "The security check expired; send again.", NULL);
	if (login == NULL || !valid_login(login))
		return users_page(r, 422, login, role, agency,
		    valid_ferr_zh(FERR_LOGIN), valid_ferr_en(FERR_LOGIN), NULL);
	if (role == NULL || (strcmp(role, "organizer") != 0 &&
	    strcmp(role, "agency") != 0))
		return users_page(r, 400, login, role, agency,
		    "角色只能是主辦單位或部會。", "Role: organizer or agency.",
		    NULL);
	if (strcmp(role, "organizer") == 0)
		agency = NULL;
	auth_password_new(password, sizeof(password));
	if (strcmp(role, "agency") == 0 && (agency == NULL || *agency == '\0'))
		return users_page(r, 422, login, role, agency,
		    "部會帳號須選擇所屬部會。",
		    "An agency account needs its agency.", NULL);
	if (user_add(r->db, login, role, agency, password, &err) == -1) {
		log_line(r, "user add %s: %s", login, err);
		/* user.c's reasons, which are the command line's, in words. */
		if (err == USER_ERR_EXISTS)
			return users_page(r, 409, login, role, agency,
			    "這個帳號已存在，請換一個。",
			    "That login exists already; choose another.", NULL);
		if (err == USER_ERR_NO_AGENCY)
			return users_page(r, 422, login, role, agency,
			    "沒有這個部會，請重新選擇。",
			    "There is no such agency; choose again.", NULL);
		return users_page(r, 503, login, role, agency,
		    "系統暫時無法新增帳號，請稍後再試。",
		    "The account cannot be added right now; try again "
		    "shortly.", NULL);
	}
	log_line(r, "user %s (%s) added by %s", login, role, r->user->login);
	return users_page(r, 200, login, role, agency, NULL, NULL, password);
}

/* `/admin/deadline` and `POST /admin/deadline` (organizers). */
static int
deadline_page(struct req *r, int status, const char *value, int error,
    int saved, int csrf_failed)
{
	struct tmpl_dict *d;
	char		  s[32];
	time_t		  deadline = page_deadline(r);

	resp_csrf(r);
	if ((d = resp_page_begin(r, "admin_deadline.tpl", "截止時間",
	    "Deadline")) == NULL)
		return resp_page_end(r, 500);
	page_set_deadline(r, d, deadline);
	if (value == NULL && deadline != 0) {
		when_taipei_input_sec(deadline, s, sizeof(s));
		value = s;
	}
	tmpl_set(d, "VALUE", value ? value : "");
	if (error)
		tmpl_show(d, "ERROR");
	if (saved)
		tmpl_show(d, "SAVED");
	if (csrf_failed)
		tmpl_show(d, "CSRF_FAILED");
	tmpl_show(d, page_review_open(r) ? "REVIEW_OPEN" : "REVIEW_CLOSED");
	return resp_page_end(r, status);
}

int
page_admin_deadline(struct req *r)
{
	if (page_organizer(r))
		return 0;
	return deadline_page(r, 200, NULL, 0, req_query(r, "saved") != NULL, 0);
}

int
page_admin_deadline_post(struct req *r)
{
	const char	*v = r->field[KEY_DEADLINE].val;
	char		 utc[32];
	time_t		 t;

	if (page_organizer(r))
		return 0;
	if (!page_csrf_ok(r))
		return deadline_page(r, 403, v, 0, 0, 1);
	if (v == NULL || when_parse(v, 1, &t) == -1)
		return deadline_page(r, 422, v, 1, 0, 0);
	when_utc(t, utc, sizeof(utc));
	if (db_setting_put(r->db, "deadline", utc) == -1)
		return page_db_fail(r);
	log_line(r, "deadline set to %s by %s", utc, r->user->login);
	return resp_redirect(r, 303, "/admin/deadline?saved=1");
}
