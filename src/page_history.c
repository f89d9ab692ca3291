/*
 * Version history: every saved version of a proposal, and every change of
 * an MSF meeting notice by staff, with the differences between two
 * versions word by word (character by character for Chinese), escaped by
 * the template.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define MAX_VERSIONS 2000

/*
 * Adds a FIELD section to d (a diff.tpl include): the label and the
 * differences between old and new as SEG sections (TEXT, and INS or DEL
 * shown), CHANGED when they differ; word by word, or with lines set line
 * by line (a list, one entry per line).
 */
static int
field_diff(struct req *r, struct tmpl_dict *d, const char *zh, const char *en,
    const char *old, const char *new, int lines)
{
	struct tmpl_dict *f, *s;
	struct diff_seg	 *segs;
	size_t		  n;

	f = tmpl_section(d, "FIELD");
	tmpl_set(f, "LABEL_ZH", zh);
	tmpl_set(f, "LABEL_EN", en);
	if (strcmp(old, new) == 0) {
		tmpl_show(f, "SAME");
		tmpl_set(f, "TEXT", new);
		return 0;
	}
	tmpl_show(f, "CHANGED");
	if ((lines ? diff_lines : diff_text)(r->arena, old, new, &segs,
	    &n) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		s = tmpl_section(f, "SEG");
		tmpl_setn(s, "TEXT", segs[i].s, segs[i].len);
		if (segs[i].op != 0)
			tmpl_show(s, segs[i].op > 0 ? "INS" : "DEL");
	}
	return 0;
}

#define VERSION_FIELDS 10

/* The public text of proposal revision rev, field by field. */
struct version {
	const char	*f[VERSION_FIELDS];
};

static const struct {
	const char	*zh;
	const char	*en;
	int		 lines;	/* a list, one entry per line */
} version_labels[VERSION_FIELDS] = {
	{ "提案類型", "Kind", 0 },
	{ "名稱", "Title", 0 },
	{ "建議主政機關", "Suggested lead agency", 0 },
	{ "承諾事項將涉及的公共問題", "The public problem", 0 },
	{ "承諾事項之描述", "The commitment", 0 },
	{ "承諾事項本身對於解決這些公共問題有何貢獻與助益？", "How it helps", 0 },
	{ "核心價值", "OGP values", 0 },
	{ "與 OGP 核心價值的相關性", "Relevance to OGP values", 0 },
	{ "填表人/機關/團體", "Submitter", 0 },
	{ "里程碑（選填）", "Milestones (optional)", 1 },
};

static int
load_version(struct req *r, long long id, long long rev, struct version *v)
{
	static const char *const zh[] = { "透明", "公共參與", "課責" };
	sqlite3_stmt	*st = db_stmt(r->db, STMT_REVISION_GET);
	struct buf	 b = { 0 };
	int		 rc;
	unsigned	 mask;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, rev);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	buf_puts(&b, page_kind_zh(page_col(st, 0)));
	if (sqlite3_column_type(st, 1) != SQLITE_NULL)
		buf_printf(&b, "：%d-%d %s", sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 2), page_col(st, 3));
	v->f[0] = arena_strdup(r->arena, buf_cstr(&b));
	v->f[1] = arena_strdup(r->arena, page_col(st, 4));
	v->f[2] = arena_strdup(r->arena, *page_col(st, 5) ? page_col(st, 5) :
	    page_col(st, 6));
	v->f[3] = arena_strdup(r->arena, page_col(st, 7));
	v->f[4] = arena_strdup(r->arena, page_col(st, 8));
	v->f[5] = arena_strdup(r->arena, page_col(st, 9));
	buf_reset(&b);
	mask = (unsigned)sqlite3_column_int(st, 10);
	for (unsigned i = 0; i < 3; i++)
		if (mask & (1u << i))
			buf_printf(&b, "%s%s", b.len ? "、" : "", zh[i]);
	v->f[6] = arena_strdup(r->arena, buf_cstr(&b));
	v->f[7] = arena_strdup(r->arena, page_col(st, 11));
	v->f[8] = arena_strdup(r->arena, page_col(st, 12));
	buf_reset(&b);
	v->f[9] = export_milestones(&b, page_col(st, 13), "\n") == -1 ? NULL :
	    arena_strdup(r->arena, buf_cstr(&b));
	sqlite3_reset(st);
	buf_free(&b);
	for (int i = 0; i < VERSION_FIELDS; i++)
		if (v->f[i] == NULL)
			return -1;
	return 0;
}

static const char *
action_zh(const char *a)
{
	if (strcmp(a, "submit") == 0)
		return "送出";
	if (strcmp(a, "withdraw") == 0)
		return "撤回";
	if (strcmp(a, "cancel") == 0)
		return "取消會議";
	if (strcmp(a, "create") == 0)
		return "發布";
	if (strcmp(a, "edit") == 0)
		return "修改";
	return "儲存";
}

/* Whether v is one of the n revisions in revs. */
static int
listed(const long long *revs, int n, long long v)
{
	for (int i = 0; i < n; i++)
		if (revs[i] == v)
			return 1;
	return 0;
}

/* Reads ?from= and ?to= within [lo, hi]; defaults: the last two. */
static void
pick(struct req *r, long long lo, long long hi, long long *from,
    long long *to)
{
	const char	*f = req_query(r, "from"), *t = req_query(r, "to");
	long long	 v;

	*to = hi;
	*from = hi > lo ? hi - 1 : hi;
	if (t && valid_id(t, &v) && v >= lo && v <= hi)
		*to = v;
	if (f && valid_id(f, &v) && v >= lo && v <= hi)
		*from = v;
}

/* An answer to a proposal as the history compares it. */
struct answer {
	const char	*f[3];		/* status, item, response (Markdown) */
	const char	*at, *by, *agency;
};

/*
 * Adds ANSWER_CHANGES to d when proposal id has more than one answer: an
 * ANSWER_CHANGE per two consecutive answers, newest first, with FROM, TO
 * (the answers' numbers, the first is 1), AT, BY, AGENCY of the later one
 * and a DIFF include of its status, item and response.  Returns 0, -1 on
 * a database error, -2 when memory runs out.
 */
static int
answer_changes(struct req *r, struct tmpl_dict *d, long long id)
{
	static const struct {
		const char	*zh, *en;
	} labels[3] = {
		{ "回應結果", "Status" }, { "納入之承諾事項", "Item" },
		{ "回應說明", "Response" },
	};
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_ANSWER_HISTORY);
	struct tmpl_dict *box = NULL, *c, *diff;
	struct answer	 *v = NULL, *nv;
	size_t		  n = 0, cap = 0;
	int		  rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < MAX_VERSIONS) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = arena_calloc(r->arena, cap, sizeof(*v))) == NULL)
				break;
			if (n > 0)
				memcpy(nv, v, n * sizeof(*v));
			v = nv;
		}
		v[n].f[0] = arena_printf(r->arena, "%s %s",
		    page_answer_zh(page_col(st, 0)),
		    page_answer_en(page_col(st, 0)));
		v[n].f[1] = sqlite3_column_type(st, 1) == SQLITE_NULL ? "" :
		    arena_printf(r->arena, "%d-%d %s", sqlite3_column_int(st, 2),
		    sqlite3_column_int(st, 3), page_col(st, 4));
		v[n].f[2] = arena_strdup(r->arena, page_col(st, 5));
		v[n].by = arena_strdup(r->arena, page_col(st, 7));
		v[n].agency = arena_strdup(r->arena, page_col(st, 8));
		v[n].at = arena_strdup(r->arena, page_col(st, 9));
		if (v[n].f[0] == NULL || v[n].f[1] == NULL || v[n].f[2] == NULL ||
		    v[n].by == NULL || v[n].agency == NULL || v[n].at == NULL)
			break;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	if (rc == SQLITE_ROW && n < MAX_VERSIONS)
		return -2;
	for (size_t i = 0; i + 1 < n; i++) {
		if (box == NULL)
			box = tmpl_section(d, "ANSWER_CHANGES");
		c = tmpl_section(box, "ANSWER_CHANGE");
		tmpl_set_int(c, "FROM", (long long)(n - i - 1));
		tmpl_set_int(c, "TO", (long long)(n - i));
		page_set_time(c, "AT", v[i].at);
		tmpl_set(c, "BY", v[i].by);
		tmpl_set(c, "AGENCY", v[i].agency);
		diff = tmpl_include(c, "DIFF", "diff.tpl");
		for (int f = 0; f < 3; f++)
			if (field_diff(r, diff, labels[f].zh, labels[f].en,
			    v[i + 1].f[f], v[i].f[f], 0) == -1)
				return -2;
	}
	return 0;
}

/*
 * `/proposals/{id}/history`: the versions of a submitted proposal since it
 * was first submitted; with ?token= (its author) every version, drafts too.
 */
int
page_proposal_history(struct req *r)
{
	struct tmpl_dict *d, *row, *diff;
	struct version	  a, b;
	sqlite3_stmt	 *st;
	const char	 *token = req_query(r, "token");
	char		  status[16];
	long long	  revs[MAX_VERSIONS], first = 0, last = 0, from, to;
	int		  rc, n = 0, private = 0;

	if (token != NULL) {
		if (page_proposal_token(r, token, status, sizeof(status)) != 0)
			return 0;
		private = 1;
	} else {
		st = db_stmt(r->db, STMT_PROPOSAL_AUTH);
		sqlite3_bind_int64(st, 1, r->id);
		rc = sqlite3_step(st);
		snprintf(status, sizeof(status), "%s",
		    rc == SQLITE_ROW ? page_col(st, 1) : "");
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return page_db_fail(r);
		if (strcmp(status, "submitted") != 0)
			return page_not_found(r);
	}
	if ((d = resp_page_begin(r, "history.tpl", "版本紀錄",
	    "Version history")) == NULL)
		return resp_page_end(r, 500);
	if (private)
		resp_header(r, "Cache-Control", "no-store");
	tmpl_set(d, "BACK", arena_printf(r->arena, "/proposals/%lld", r->id));
	tmpl_set(d, "SELF", arena_printf(r->arena, "/proposals/%lld/history",
	    r->id));
	tmpl_show(d, "PROPOSAL");

	st = db_stmt(r->db, STMT_REVISIONS_LIST);
	sqlite3_bind_int64(st, 1, r->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < MAX_VERSIONS) {
		/*
		 * The public sees the submitted versions only: a draft saved
		 * between a withdrawal and a new submission was never public
		 * (found by review), nor is any before the first submission.
		 */
		if (!private && strcmp(page_col(st, 3), "submitted") != 0)
			continue;
		revs[n] = sqlite3_column_int64(st, 0);
		row = tmpl_section(d, "REV");
		tmpl_set_int(row, "N", revs[n]);
		page_set_time(row, "AT", page_col(st, 1));
		tmpl_set(row, "ACTION_ZH", action_zh(page_col(st, 2)));
		tmpl_set(row, "ACTION", page_col(st, 2));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return page_db_fail(r);
	if (n == 0)
		return resp_page_end(r, 200);
	first = revs[0];
	last = revs[n - 1];
	pick(r, first, last, &from, &to);
	/* Only versions of the list: a number between two of them is not. */
	if (!listed(revs, n, to))
		to = last;
	if (!listed(revs, n, from))
		from = n > 1 ? revs[n - 2] : last;
	tmpl_set_int(d, "FROM", from);
	tmpl_set_int(d, "TO", to);
	if (private)
		tmpl_set(tmpl_section(d, "TOKEN_FIELD"), "TOKEN", token);
	if ((rc = load_version(r, r->id, from, &a)) != 0 ||
	    (rc = load_version(r, r->id, to, &b)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	diff = tmpl_include(d, "DIFF", "diff.tpl");
	for (int i = 0; i < VERSION_FIELDS; i++)
		if (field_diff(r, diff, version_labels[i].zh,
		    version_labels[i].en, a.f[i], b.f[i],
		    version_labels[i].lines) == -1)
			return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	if (page_answers(r, d, r->id, 1) == -1 ||
	    (rc = answer_changes(r, d, r->id)) == -1)
		return page_db_fail(r);
	if (rc == -2)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	return resp_page_end(r, 200);
}

/*
 * `/meetings/{id}/history`: every change of a meeting notice, who made it
 * and when, and the differences between two of them.
 */
int
page_meeting_history(struct req *r)
{
	static const struct {
		int		 col;
		const char	*zh, *en;
	} fields[] = {
		{ 4, "會議名稱", "Title" }, { 5, "開始", "Starts" },
		{ 6, "結束", "Ends" }, { 7, "地點", "Place" },
		{ 8, "線上連結", "Online link" }, { 9, "議程", "Agenda" },
		{ 10, "出席專家", "Experts" }, { 11, "名額", "Places" },
		{ 12, "會議紀錄", "Minutes" }, { 13, "錄影", "Recording" },
		{ 14, "狀態", "Status" },
	};
	struct tmpl_dict *d, *row, *diff;
	sqlite3_stmt	 *st;
	const char	 *text[2][11] = { { NULL } };
	long long	  ids[MAX_VERSIONS], from, to;
	int		  rc, n = 0;

	if ((d = resp_page_begin(r, "history.tpl", "會議通知修改紀錄",
	    "Changes to the meeting notice")) == NULL)
		return resp_page_end(r, 500);
	tmpl_set(d, "BACK", arena_printf(r->arena, "/meetings/%lld", r->id));
	tmpl_set(d, "SELF", arena_printf(r->arena, "/meetings/%lld/history",
	    r->id));
	tmpl_show(d, "MEETING");
	st = db_stmt(r->db, STMT_MEETING_REVISIONS);
	sqlite3_bind_int64(st, 1, r->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < MAX_VERSIONS) {
		ids[n] = n + 1;
		row = tmpl_section(d, "REV");
		tmpl_set_int(row, "N", n + 1);
		page_set_time(row, "AT", page_col(st, 1));
		tmpl_set(row, "ACTION_ZH", action_zh(page_col(st, 3)));
		tmpl_set(row, "ACTION", page_col(st, 3));
		tmpl_set(tmpl_section(row, "BY"), "LOGIN", page_col(st, 2));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return page_db_fail(r);
	if (n == 0)
		return page_not_found(r);
	pick(r, 1, n, &from, &to);
	tmpl_set_int(d, "FROM", from);
	tmpl_set_int(d, "TO", to);
	/* Read the two versions chosen (by their place in the list). */
	st = db_stmt(r->db, STMT_MEETING_REVISIONS);
	sqlite3_bind_int64(st, 1, r->id);
	for (long long i = 1; (rc = sqlite3_step(st)) == SQLITE_ROW; i++)
		for (int w = 0; w < 2; w++)
			if (i == (w ? to : from))
				for (size_t f = 0; f < 11; f++) {
					const char *v = page_col(st, fields[f].col);
					char t[32];
					time_t tt;
					if ((f == 1 || f == 2) &&
					    when_parse(v, 0, &tt) == 0) {
						when_taipei(tt, t, sizeof(t));
						v = t;
					}
					if (f == 10)
						text[w][f] = arena_printf(
						    r->arena, "%s %s",
						    page_meeting_status_zh(v),
						    page_meeting_status_en(v));
					else
						text[w][f] = arena_strdup(
						    r->arena, v);
				}
	sqlite3_reset(st);
	(void)ids;
	diff = tmpl_include(d, "DIFF", "diff.tpl");
	for (size_t f = 0; f < 11; f++)
		if (text[0][f] == NULL || text[1][f] == NULL ||
		    field_diff(r, diff, fields[f].zh, fields[f].en, text[0][f],
		    text[1][f], 0) == -1)
			return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	return resp_page_end(r, 200);
}
