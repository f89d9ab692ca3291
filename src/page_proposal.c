/*
 * Citizens' proposals in the NDC form: the list, the form, drafts behind a
 * private edit link, submission before the deadline, the public page and
 * the printable form.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "page.h"

/* Columns of STMT_PROPOSAL_GET. */
enum pcol {
	PC_ID,
	PC_STATUS,
	PC_KIND,
	PC_TARGET,
	PC_TITLE,
	PC_LEAD_SLUG,
	PC_LEAD_NAME,
	PC_LEAD_NAME_EN,
	PC_LEAD_OTHER,
	PC_PROBLEM,
	PC_COMMITMENT,
	PC_CONTRIBUTION,
	PC_VALUES,
	PC_RELEVANCE,
	PC_SUBMITTER,
	PC_PHONE,
	PC_EMAIL,
	PC_REVISION,
	PC_CREATED,
	PC_UPDATED,
	PC_SUBMITTED,
	PC_T_COMMITMENT,
	PC_T_POSITION,
	PC_T_TITLE,
	PC_AD_SLUG,
	PC_AD_NAME,
	PC_AD_NAME_EN,
	PC_MILESTONES,
	PC__MAX
};

/* A proposal as loaded from the database or as typed into the form. */
struct proposal {
	long long	 id;		/* 0 for a new one */
	const char	*status;	/* draft, submitted, withdrawn; "" new */
	const char	*text[KEY__MAX];	/* form fields, never NULL */
	unsigned	 values;
	enum ferr	 err[KEY__MAX];
	const char	*token;		/* the edit link's token, when known */
	int		 revision;
	const char	*created, *updated, *submitted;
	const char	*lead_name, *lead_name_en;
	const char	*ad_slug, *ad_name, *ad_name_en;
	int		 t_commitment, t_position;
	const char	*t_title;
	const char	*milestones;	/* deliverable TAB start TAB end lines */
};

#define MAX_MILESTONES 20
#define MAX_MS_ROWS	(MAX_MILESTONES + 3)	/* sent, blank ones included */

/* Banners the form can show above the fields. */
enum banner {
	BANNER_NONE,
	BANNER_SAVED,
	BANNER_SUBMITTED,
	BANNER_WITHDRAWN,
	BANNER_CSRF,
	BANNER_CLOSED,
	BANNER_BUSY,
	BANNER_ERRORS,
	BANNER_RATE,
	BANNER_ACTION,
	BANNER__MAX
};

static const char *const banner_sections[BANNER__MAX] = {
	NULL,			/* BANNER_NONE */
	"SAVED",		/* BANNER_SAVED */
	"SUBMITTED",		/* BANNER_SUBMITTED */
	"WITHDRAWN",		/* BANNER_WITHDRAWN */
	"CSRF_FAILED",		/* BANNER_CSRF */
	"DEADLINE_REFUSED",	/* BANNER_CLOSED */
	"BUSY",			/* BANNER_BUSY */
	"HAS_ERRORS",		/* BANNER_ERRORS */
	"RATE_LIMITED",		/* BANNER_RATE */
	"ACTION_UNKNOWN",	/* BANNER_ACTION */
};

/* The template variable name of a key: "lead_agency" -> "LEAD_AGENCY". */
static void
key_var(enum key k, const char *suffix, char *out, size_t n)
{
	size_t	 i;

	for (i = 0; valid_keys[k].name[i] != '\0' && i + 1 < n; i++)
		out[i] = (char)(valid_keys[k].name[i] >= 'a' &&
		    valid_keys[k].name[i] <= 'z' ?
		    valid_keys[k].name[i] - 'a' + 'A' : valid_keys[k].name[i]);
	out[i] = '\0';
	if (suffix != NULL)
		snprintf(out + i, n - i, "%s", suffix);
}

#define MAX_NDC_FIELDS	32

/*
 * Sets the numbered labels of the NDC form (<KEY>_NO, <KEY>_LABEL_ZH ...)
 * and, with guides (the form; a proposal's page shows none), its guidance
 * (<KEY>_GUIDE_ZH ...).  The variable names are made once per process: the
 * same strings every time let the dictionary find them by address (made
 * with snprintf on each page, they cost a proposal's page 42,000
 * instructions).
 */
static void
set_labels(struct tmpl_dict *d, int guides)
{
	static const char *const suffix[] = { "_NO", "_LABEL_ZH",
	    "_LABEL_EN", "_GUIDE_ZH", "_GUIDE_EN" };
	static char	 name[MAX_NDC_FIELDS][5][48], no[MAX_NDC_FIELDS][4];
	static size_t	 n;

	if (n == 0) {
		for (size_t i = 0; i < ndc_nfields && i < MAX_NDC_FIELDS; i++) {
			for (size_t j = 0; j < 5; j++)
				key_var(ndc_fields[i].key, suffix[j], name[i][j],
				    sizeof(name[i][j]));
			snprintf(no[i], sizeof(no[i]), "%zu", i + 1);
		}
		n = ndc_nfields < MAX_NDC_FIELDS ? ndc_nfields : MAX_NDC_FIELDS;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ndc_field *f = &ndc_fields[i];

		tmpl_set(d, name[i][0], no[i]);
		tmpl_set(d, name[i][1], f->zh);
		tmpl_set(d, name[i][2], f->en);
		if (guides) {
			tmpl_set(d, name[i][3], f->guide_zh);
			tmpl_set(d, name[i][4], f->guide_en);
		}
	}
}

static const char *
dup_col(struct req *r, sqlite3_stmt *st, int col)
{
	const char	*s = arena_strndup(r->arena, page_col(st, col),
	    (size_t)sqlite3_column_bytes(st, col));

	return s ? s : "";
}

/*
 * Loads proposal id into p (strings in the arena).  Returns 0, 1 when
 * there is no such proposal, or -1 on a database error.
 */
static int
proposal_load(struct req *r, long long id, struct proposal *p)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_PROPOSAL_GET);
	int		 rc;

	memset(p, 0, sizeof(*p));
	for (int k = 0; k < KEY__MAX; k++)
		p->text[k] = "";
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : -1;
	}
	p->id = id;
	p->status = dup_col(r, st, PC_STATUS);
	p->text[KEY_KIND] = dup_col(r, st, PC_KIND);
	p->text[KEY_TARGET_ITEM] = dup_col(r, st, PC_TARGET);
	p->text[KEY_TITLE] = dup_col(r, st, PC_TITLE);
	p->text[KEY_LEAD_AGENCY] = dup_col(r, st, PC_LEAD_SLUG);
	p->text[KEY_LEAD_AGENCY_OTHER] = dup_col(r, st, PC_LEAD_OTHER);
	p->text[KEY_PROBLEM] = dup_col(r, st, PC_PROBLEM);
	p->text[KEY_COMMITMENT] = dup_col(r, st, PC_COMMITMENT);
	p->text[KEY_CONTRIBUTION] = dup_col(r, st, PC_CONTRIBUTION);
	p->values = (unsigned)sqlite3_column_int(st, PC_VALUES) & 7u;
	p->text[KEY_RELEVANCE] = dup_col(r, st, PC_RELEVANCE);
	p->text[KEY_SUBMITTER] = dup_col(r, st, PC_SUBMITTER);
	p->text[KEY_PHONE] = dup_col(r, st, PC_PHONE);
	p->text[KEY_EMAIL] = dup_col(r, st, PC_EMAIL);
	p->revision = sqlite3_column_int(st, PC_REVISION);
	p->created = dup_col(r, st, PC_CREATED);
	p->updated = dup_col(r, st, PC_UPDATED);
	p->submitted = dup_col(r, st, PC_SUBMITTED);
	p->lead_name = dup_col(r, st, PC_LEAD_NAME);
	p->lead_name_en = dup_col(r, st, PC_LEAD_NAME_EN);
	p->t_commitment = sqlite3_column_int(st, PC_T_COMMITMENT);
	p->t_position = sqlite3_column_int(st, PC_T_POSITION);
	p->t_title = dup_col(r, st, PC_T_TITLE);
	p->ad_slug = dup_col(r, st, PC_AD_SLUG);
	p->ad_name = dup_col(r, st, PC_AD_NAME);
	p->ad_name_en = dup_col(r, st, PC_AD_NAME_EN);
	p->milestones = dup_col(r, st, PC_MILESTONES);
	sqlite3_reset(st);
	return 0;
}

/*
 * Gathers the optional milestones rows of the form (ms_deliverable,
 * ms_start, ms_end, sent row by row, blank rows dropped) as stored text:
 * "deliverable TAB start TAB end" per line.  A row with dates but no
 * deliverable, or ending before it starts, gets an error.
 */
static void
milestones_from_form(struct req *r, struct proposal *p)
{
	const struct field *fd = &r->field[KEY_MS_DELIVERABLE];
	const struct field *fs = &r->field[KEY_MS_START];
	const struct field *fe = &r->field[KEY_MS_END];
	struct buf	 b = { 0 };
	size_t		 n = fd->nall, kept = 0;

	p->milestones = "";
	if (fs->nall != n || fe->nall != n || n > MAX_MS_ROWS) {
		if (n || fs->nall || fe->nall)
			p->err[KEY_MS_DELIVERABLE] = FERR_INVALID;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *d = fd->all[i], *a = fs->all[i], *e = fe->all[i];
		if (*d == '\0' && *a == '\0' && *e == '\0')
			continue;
		/* Over the limit: refused, and every row shown back. */
		if (++kept > MAX_MILESTONES &&
		    p->err[KEY_MS_DELIVERABLE] == FERR_NONE)
			p->err[KEY_MS_DELIVERABLE] = FERR_TOO_MANY;
		if (*d == '\0' && p->err[KEY_MS_DELIVERABLE] == FERR_NONE)
			p->err[KEY_MS_DELIVERABLE] = FERR_REQUIRED;
		if (*a && *e && strcmp(e, a) < 0 &&
		    p->err[KEY_MS_END] == FERR_NONE)
			p->err[KEY_MS_END] = FERR_ORDER;
		buf_printf(&b, "%s\t%s\t%s\n", d, a, e);
	}
	p->milestones = arena_strndup(r->arena, buf_cstr(&b), b.len);
	if (p->milestones == NULL)
		p->milestones = "";
	buf_free(&b);
}

/* Fills p from the posted form, keeping the text exactly as validated. */
static void
proposal_from_form(struct req *r, struct proposal *p)
{
	for (int k = 0; k < KEY__MAX; k++) {
		p->text[k] = r->field[k].val ? r->field[k].val : "";
		p->err[k] = r->field[k].err;
	}
	p->values = r->values;
	if (r->bad_value)
		p->err[KEY_VALUE] = FERR_INVALID;
	milestones_from_form(r, p);
}

/*
 * Adds the milestones (stored text) as MS_ROW sections (N, DELIVERABLE,
 * START, END), plus blank rows for the form when blanks is set.
 */
static void
milestone_rows(struct tmpl_dict *d, const char *text, int blanks)
{
	struct tmpl_dict *row;
	const char	 *line = text, *nl, *t1, *t2;
	int		  n = 0;

	while (line != NULL && *line != '\0' && n < MAX_MS_ROWS) {
		nl = strchr(line, '\n');
		t1 = memchr(line, '\t', nl ? (size_t)(nl - line) : strlen(line));
		t2 = t1 ? memchr(t1 + 1, '\t', nl ? (size_t)(nl - t1 - 1) :
		    strlen(t1 + 1)) : NULL;
		if (t1 != NULL && t2 != NULL) {
			row = tmpl_section(d, "MS_ROW");
			tmpl_set_int(row, "N", ++n);
			tmpl_setn(row, "DELIVERABLE", line, (size_t)(t1 - line));
			tmpl_setn(row, "START", t1 + 1, (size_t)(t2 - t1 - 1));
			tmpl_setn(row, "END", t2 + 1, nl ? (size_t)(nl - t2 - 1) :
			    strlen(t2 + 1));
		}
		line = nl ? nl + 1 : NULL;
	}
	if (n > 0)
		tmpl_show(d, "HAS_MILESTONES");
	/* One blank row to add another, three for a start; none at the most. */
	for (int i = 0; blanks && n < MAX_MILESTONES &&
	    i < (n < 2 ? 3 - n : 1); i++)
		tmpl_set_int(tmpl_section(d, "MS_ROW"), "N", ++n);
}

/* Returns 1 when s has any of the needles (ASCII compared without case). */
static int
has_any(const char *s, const char *const *needles)
{
	for (; *needles != NULL; needles++) {
		size_t	 n = strlen(*needles);
		for (const char *p = s; *p != '\0'; p++)
			if (strncasecmp(p, *needles, n) == 0)
				return 1;
	}
	return 0;
}

static int
has_digit(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	/* ASCII digits, or full-width ones: U+FF10-FF19, EF BC 90-99 (not
	 * the rest of EF BC, which holds the full-width comma, colon and
	 * brackets of every Chinese sentence). */
	for (; *u != '\0'; u++)
		if ((*u >= '0' && *u <= '9') || (u[0] == 0xEF && u[1] == 0xBC &&
		    u[2] >= 0x90 && u[2] <= 0x99))
			return 1;
	return 0;
}

/*
 * The OGP-readiness check: advice, never a refusal.  Adds a READY_CHECK
 * section per weakness found (ZH, EN, FIELD), or READY_OK.
 */
static void
readiness(struct tmpl_dict *d, const struct proposal *p)
{
	static const char *const sources[] = { "http", "www.", "資料來源",
	    "來源", "根據", "統計", "調查", "報告", "%", "％", "source",
	    "according", "survey", "report", "萬", "億", NULL };
	static const char *const dates[] = { "年", "月", "季", "底前",
	    "之前", "期限", "里程碑", "Q1", "Q2", "Q3", "Q4", "milestone",
	    "deadline", "by 20", "quarter", NULL };
	static const struct {
		unsigned	 bit;
		const char	*zh, *en, *words[4];
	} values[] = {
		{ VALUE_TRANSPARENCY, "透明", "transparency",
		  { "透明", "公開", "transparen", NULL } },
		{ VALUE_PARTICIPATION, "公共參與", "civic participation",
		  { "參與", "particip", NULL, NULL } },
		{ VALUE_ACCOUNTABILITY, "課責", "accountability",
		  { "課責", "問責", "accountab", NULL } },
	};
	struct tmpl_dict *c;
	int		  n = 0;

	if (p->text[KEY_PROBLEM][0] != '\0' && !has_digit(p->text[KEY_PROBLEM]) &&
	    !has_any(p->text[KEY_PROBLEM], sources)) {
		c = tmpl_section(d, "READY_CHECK");
		tmpl_set(c, "FIELD", "problem");
		tmpl_set(c, "ZH", "公共問題沒有提供數據或資料來源：請加上統計、事實或出處，讓問題可以被驗證。");
		tmpl_set(c, "EN", "The public problem gives no figures or sources: add statistics, facts or where they come from.");
		n++;
	}
	if (p->text[KEY_COMMITMENT][0] != '\0' && *p->milestones == '\0' &&
	    !has_digit(p->text[KEY_COMMITMENT]) &&
	    !has_any(p->text[KEY_COMMITMENT], dates)) {
		c = tmpl_section(d, "READY_CHECK");
		tmpl_set(c, "FIELD", "commitment");
		tmpl_set(c, "ZH", "承諾事項沒有可驗證的里程碑或日期：請寫出何時完成什麼，或在下方填寫里程碑。");
		tmpl_set(c, "EN", "The commitment has no verifiable milestone or date: say what will be done by when, or add milestones below.");
		n++;
	}
	for (size_t i = 0; i < 3; i++) {
		if (!(p->values & values[i].bit) ||
		    has_any(p->text[KEY_RELEVANCE], values[i].words))
			continue;
		c = tmpl_section(d, "READY_CHECK");
		tmpl_set(c, "FIELD", "relevance");
		tmpl_setf(c, "ZH", "勾選了「%s」，但說明中沒有交代它如何相關。",
		    values[i].zh);
		tmpl_setf(c, "EN", "You ticked %s but the explanation does not "
		    "say how it is relevant.", values[i].en);
		n++;
	}
	if (p->text[KEY_LEAD_AGENCY][0] == '\0' &&
	    p->text[KEY_LEAD_AGENCY_OTHER][0] != '\0') {
		c = tmpl_section(d, "READY_CHECK");
		tmpl_set(c, "FIELD", "lead_agency");
		tmpl_set(c, "ZH", "建議主政機關為自行填寫，不在草案的部會名單中：國發會需要另外判斷由誰主政。");
		tmpl_set(c, "EN", "The lead agency is free text, not one of the draft's agencies: the NDC will have to decide who leads.");
		n++;
	}
	if (n > 0)
		tmpl_set_int(tmpl_section(d, "READINESS"), "N", n);
	else if (p->text[KEY_TITLE][0] != '\0')
		tmpl_show(d, "READY_OK");
}

/*
 * Whether item id exists: 1, 0, or -1 on a database error.  With lead,
 * *lead is set to its lead agency's slug (in the arena), or "".
 */
static int
item_exists(struct req *r, long long id, const char **lead)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_ITEM_GET);
	int		 rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && lead != NULL &&
	    (*lead = arena_strdup(r->arena, page_col(st, 7))) == NULL)
		*lead = "";
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int
agency_exists(struct req *r, const char *slug)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
	int		 rc;

	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static void
require(struct proposal *p, enum key k)
{
	if (p->err[k] == FERR_NONE && valid_blank(p->text[k]))
		p->err[k] = FERR_REQUIRED;
}

/*
 * Checks a posted proposal.  A draft may be incomplete; a submission
 * (submit) needs every required field.  Returns 0 when it may be saved,
 * -1 on a database error, or the status to answer with: 400 for values
 * no form offers (a malformed request), 422 for what a person left out.
 */
static int
proposal_check(struct req *r, struct proposal *p, int submit)
{
	long long	 id;
	int		 rc, status = 0;
	const char	*kind = p->text[KEY_KIND];

	if (*kind == '\0')
		p->text[KEY_KIND] = kind = "add";
	if (strcmp(kind, "add") && strcmp(kind, "modify") &&
	    strcmp(kind, "delete"))
		p->err[KEY_KIND] = FERR_INVALID;
	if (p->text[KEY_TARGET_ITEM][0] != '\0' &&
	    p->err[KEY_TARGET_ITEM] == FERR_NONE) {
		if (!valid_id(p->text[KEY_TARGET_ITEM], &id))
			p->err[KEY_TARGET_ITEM] = FERR_INVALID;
		else if ((rc = item_exists(r, id, NULL)) == -1)
			return -1;
		else if (rc == 0)
			p->err[KEY_TARGET_ITEM] = FERR_UNKNOWN;
	}
	if (p->text[KEY_LEAD_AGENCY][0] != '\0' &&
	    p->err[KEY_LEAD_AGENCY] == FERR_NONE) {
		if (!valid_slug(p->text[KEY_LEAD_AGENCY]))
			p->err[KEY_LEAD_AGENCY] = FERR_INVALID;
		else if ((rc = agency_exists(r, p->text[KEY_LEAD_AGENCY])) == -1)
			return -1;
		else if (rc == 0)
			p->err[KEY_LEAD_AGENCY] = FERR_UNKNOWN;
		else {
			/* A chosen agency makes the free-text one moot, and
			 * its error with it (shown beside an emptied box). */
			p->text[KEY_LEAD_AGENCY_OTHER] = "";
			p->err[KEY_LEAD_AGENCY_OTHER] = FERR_NONE;
		}
	}
	if (submit) {
		require(p, KEY_TITLE);
		if (p->text[KEY_LEAD_AGENCY][0] == '\0' &&
		    valid_blank(p->text[KEY_LEAD_AGENCY_OTHER]) &&
		    p->err[KEY_LEAD_AGENCY] == FERR_NONE &&
		    p->err[KEY_LEAD_AGENCY_OTHER] == FERR_NONE)
			p->err[KEY_LEAD_AGENCY] = FERR_REQUIRED;
		require(p, KEY_PROBLEM);
		require(p, KEY_COMMITMENT);
		require(p, KEY_CONTRIBUTION);
		if (p->values == 0 && p->err[KEY_VALUE] == FERR_NONE)
			p->err[KEY_VALUE] = FERR_REQUIRED;
		require(p, KEY_RELEVANCE);
		require(p, KEY_SUBMITTER);
		if (p->text[KEY_PHONE][0] == '\0' &&
		    p->text[KEY_EMAIL][0] == '\0' &&
		    p->err[KEY_PHONE] == FERR_NONE &&
		    p->err[KEY_EMAIL] == FERR_NONE)
			p->err[KEY_PHONE] = p->err[KEY_EMAIL] = FERR_CONTACT;
		if (strcmp(kind, "add") != 0 &&
		    p->text[KEY_TARGET_ITEM][0] == '\0' &&
		    p->err[KEY_TARGET_ITEM] == FERR_NONE)
			p->err[KEY_TARGET_ITEM] = FERR_TARGET;
	}
	for (int k = 0; k < KEY__MAX; k++) {
		if (p->err[k] == FERR_INVALID || p->err[k] == FERR_UNKNOWN)
			status = 400;
		else if (p->err[k] != FERR_NONE && status == 0)
			status = 422;
	}
	return status;
}

/* Returns the absolute URL of path on this site, for links to copy. */
static const char *
absolute(struct req *r, const char *path)
{
	char		*s = arena_printf(r->arena, "%s%s",
	    r->origin ? r->origin : "", path);

	return s ? s : path;
}

/* Adds the select options of the 12 items, grouped by commitment. */
static int
form_items(struct req *r, struct tmpl_dict *d, const char *selected)
{
	struct tmpl_dict *g = NULL, *o;
	sqlite3_stmt	 *st;
	const char	 *titles[64] = { NULL };
	long long	  cid, last = 0, id;
	int		  rc;

	st = db_stmt(r->db, STMT_COMMITMENT_LIST);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cid = sqlite3_column_int64(st, 0);
		if (cid > 0 && cid < 64)
			titles[cid] = dup_col(r, st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	st = db_stmt(r->db, STMT_ITEM_BRIEF);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cid = sqlite3_column_int64(st, 1);
		if (g == NULL || cid != last) {
			g = tmpl_section(d, "ITEM_GROUP");
			tmpl_setf(g, "LABEL", "承諾事項%lld：%s", cid,
			    cid > 0 && cid < 64 && titles[cid] ? titles[cid] : "");
			last = cid;
		}
		id = sqlite3_column_int64(st, 0);
		o = tmpl_section(g, "ITEM_OPTION");
		tmpl_set_int(o, "ID", id);
		page_set_item_no(o, "NO", (int)cid, sqlite3_column_int(st, 2));
		tmpl_set(o, "TITLE", page_col(st, 3));
		tmpl_set(o, "LEAD_NAME", page_col(st, 7));
		if (strcmp(selected, page_col(st, 0)) == 0)
			tmpl_show(o, "SELECTED");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Renders the NDC form for p with status: its text as typed or saved,
 * each error beside its field, a summary of the errors on top, the
 * deadline, and the banner.  Returns 0.
 */
static int
proposal_form(struct req *r, struct proposal *p, int status, enum banner b)
{
	static const enum key text_keys[] = { KEY_TITLE, KEY_LEAD_AGENCY_OTHER,
	    KEY_PROBLEM, KEY_COMMITMENT, KEY_CONTRIBUTION, KEY_RELEVANCE,
	    KEY_SUBMITTER, KEY_PHONE, KEY_EMAIL };
	struct tmpl_dict *d, *e;
	char		  var[64], path[128];
	time_t		  deadline = page_deadline(r);
	int		  nerr = 0, open;

	resp_csrf(r);
	if (p->id == 0)
		d = resp_page_begin(r, "proposal_form.tpl", "撰寫提案",
		    "Write a proposal");
	else
		d = resp_page_begin(r, "proposal_form.tpl", "編輯提案",
		    "Edit your proposal");
	if (d == NULL)
		return resp_page_end(r, 500);
	resp_header(r, "Cache-Control", "no-store");
	set_labels(d, 1);
	page_set_deadline(r, d, deadline);
	open = deadline == 0 || r->now < deadline;

	if (p->id == 0) {
		tmpl_set(d, "ACTION_URL", "/proposals");
		tmpl_show(d, "NEW");
	} else {
		snprintf(path, sizeof(path), "/proposals/%lld", p->id);
		tmpl_set(d, "ACTION_URL", path);
		tmpl_set_int(d, "ID", p->id);
		tmpl_set(d, "PUBLIC_URL", path);
		tmpl_set(d, "TOKEN", p->token);
		snprintf(path, sizeof(path), "/proposals/%lld/edit?token=%s",
		    p->id, p->token ? p->token : "");
		tmpl_set(d, "EDIT_URL", absolute(r, path));
		tmpl_show(d, "EXISTING");
		if (strcmp(p->status, "submitted") == 0)
			tmpl_show(d, "IS_SUBMITTED");
		else if (strcmp(p->status, "withdrawn") == 0)
			tmpl_show(d, "IS_WITHDRAWN");
		else
			tmpl_show(d, "IS_DRAFT");
		if (p->updated && *p->updated)
			page_set_time(d, "UPDATED", p->updated);
		tmpl_set_int(d, "REVISION", p->revision);
	}
	if (open)
		tmpl_show(d, p->id != 0 && strcmp(p->status, "submitted") == 0 ?
		    "BUTTONS_SUBMITTED" : "BUTTONS");

	/* Fields: the text, its length and limit, and its error. */
	for (size_t i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++) {
		enum key k = text_keys[i];

		key_var(k, NULL, var, sizeof(var));
		tmpl_set(d, var, p->text[k]);
		key_var(k, "_MAX", var, sizeof(var));
		tmpl_set_int(d, var, (long long)valid_keys[k].maxchars);
		key_var(k, "_COUNT", var, sizeof(var));
		tmpl_set_int(d, var, (long long)valid_utf8_count(p->text[k],
		    strlen(p->text[k])));
	}
	for (int k = 0; k < KEY__MAX; k++) {
		if (p->err[k] == FERR_NONE)
			continue;
		/* Both contact fields carry FERR_CONTACT; name it once. */
		if (k == KEY_EMAIL && p->err[KEY_PHONE] == FERR_CONTACT &&
		    p->err[k] == FERR_CONTACT) {
			key_var(k, "_ERR", var, sizeof(var));
			e = tmpl_section(d, var);
			tmpl_set(e, "MSG_ZH", valid_ferr_zh(p->err[k]));
			tmpl_set(e, "MSG_EN", valid_ferr_en(p->err[k]));
			continue;
		}
		nerr++;
		key_var(k, "_ERR", var, sizeof(var));
		e = tmpl_section(d, var);
		tmpl_set(e, "MSG_ZH", valid_ferr_zh(p->err[k]));
		tmpl_set(e, "MSG_EN", valid_ferr_en(p->err[k]));
		if (p->err[k] == FERR_TOO_LONG) {
			tmpl_setf(e, "LIMIT_ZH", "上限 %zu 字，目前 %zu 字。",
			    valid_keys[k].maxchars, valid_utf8_count(p->text[k],
			    strlen(p->text[k])));
			tmpl_setf(e, "LIMIT_EN", "At most %zu characters; "
			    "this has %zu.", valid_keys[k].maxchars,
			    valid_utf8_count(p->text[k], strlen(p->text[k])));
		}
		e = tmpl_section(d, "ERROR");
		tmpl_set(e, "FIELD", valid_keys[k].name);
		tmpl_set(e, "MSG_ZH", valid_ferr_zh(p->err[k]));
		tmpl_set(e, "MSG_EN", valid_ferr_en(p->err[k]));
		for (size_t i = 0; i < ndc_nfields; i++)
			if (ndc_fields[i].key == (enum key)k ||
			    (ndc_fields[i].key == KEY_PHONE && k == KEY_EMAIL) ||
			    (ndc_fields[i].key == KEY_LEAD_AGENCY &&
			    k == KEY_LEAD_AGENCY_OTHER) ||
			    (ndc_fields[i].key == KEY_RELEVANCE &&
			    k == KEY_VALUE)) {
				tmpl_set(e, "LABEL_ZH", ndc_fields[i].zh);
				tmpl_set(e, "LABEL_EN", ndc_fields[i].en);
			}
		if (k == KEY_KIND || k == KEY_TARGET_ITEM) {
			tmpl_set(e, "LABEL_ZH", k == KEY_KIND ? "提案類型" :
			    "對象承諾事項");
			tmpl_set(e, "LABEL_EN", k == KEY_KIND ? "Kind" :
			    "Commitment item");
		}
		if (k == KEY_MS_DELIVERABLE || k == KEY_MS_START ||
		    k == KEY_MS_END) {
			/* The link goes to the first row's field of that kind. */
			tmpl_set(e, "FIELD", k == KEY_MS_DELIVERABLE ? "ms-d-1" :
			    k == KEY_MS_START ? "ms-s-1" : "ms-e-1");
			tmpl_set(e, "LABEL_ZH", k == KEY_MS_DELIVERABLE ?
			    "里程碑：交付成果" : k == KEY_MS_START ?
			    "里程碑：開始日期" : "里程碑：結束日期");
			tmpl_set(e, "LABEL_EN", k == KEY_MS_DELIVERABLE ?
			    "Milestone deliverable" : k == KEY_MS_START ?
			    "Milestone start" : "Milestone end");
		}
	}
	if (nerr > 0) {
		tmpl_set_int(d, "NERRORS", nerr);
		if (b == BANNER_NONE)
			b = BANNER_ERRORS;
	}
	if (b != BANNER_NONE)
		tmpl_show(d, banner_sections[b]);

	/* Choices: kind, target item, lead agency, OGP values. */
	if (strcmp(p->text[KEY_KIND], "modify") == 0)
		tmpl_show(d, "KIND_MODIFY");
	else if (strcmp(p->text[KEY_KIND], "delete") == 0)
		tmpl_show(d, "KIND_DELETE");
	else
		tmpl_show(d, "KIND_ADD");
	if (p->values & VALUE_TRANSPARENCY)
		tmpl_show(d, "VALUE_TRANSPARENCY");
	if (p->values & VALUE_PARTICIPATION)
		tmpl_show(d, "VALUE_PARTICIPATION");
	if (p->values & VALUE_ACCOUNTABILITY)
		tmpl_show(d, "VALUE_ACCOUNTABILITY");
	milestone_rows(d, p->milestones ? p->milestones : "", open);
	readiness(d, p);
	if (p->text[KEY_SEND_LINK][0] != '\0')
		tmpl_show(d, "SEND_LINK");
	if (form_items(r, d, p->text[KEY_TARGET_ITEM]) == -1 ||
	    page_agency_options(r, d, p->text[KEY_LEAD_AGENCY], 0, 0) == -1)
		return page_db_fail(r);
	return resp_page_end(r, status);
}

/* `/proposals/new`: the empty form. */
int
page_proposal_new(struct req *r)
{
	struct proposal	 p;
	const char	*target = req_query(r, "target_item");
	const char	*kind = req_query(r, "kind");
	long long	 id;
	int		 rc;

	memset(&p, 0, sizeof(p));
	for (int k = 0; k < KEY__MAX; k++)
		p.text[k] = "";
	p.status = "";
	/*
	 * Links from an item's page preselect it ("propose a change"), and
	 * its lead agency as the suggested one: a citizen changing an item
	 * most often addresses its lead, and an empty choice read as
	 * "another agency" and was refused on submit.
	 */
	if (target != NULL && valid_id(target, &id)) {
		if ((rc = item_exists(r, id, &p.text[KEY_LEAD_AGENCY])) == -1)
			return page_db_fail(r);
		if (rc == 1)
			p.text[KEY_TARGET_ITEM] = target;
	}
	if (kind != NULL && (strcmp(kind, "modify") == 0 ||
	    strcmp(kind, "delete") == 0))
		p.text[KEY_KIND] = kind;
	return proposal_form(r, &p, 200, BANNER_NONE);
}

/*
 * Writes p with the given status in one transaction: the proposal row and
 * its revision.  hash is the edit token's hash for a new proposal.
 * Returns the proposal's id, or -1 (rolled back).
 */
static long long
proposal_write(struct req *r, struct proposal *p, const char *status,
    const unsigned char *hash, const char *action)
{
	sqlite3_stmt	*st = NULL;
	char		 now[32];
	long long	 id = p->id, target;
	const char	*t;

	when_utc(r->now, now, sizeof(now));
	if (db_begin(r->db) == -1)
		goto fail;
	st = db_stmt(r->db, id ? STMT_PROPOSAL_UPDATE : STMT_PROPOSAL_INSERT);
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->text[KEY_KIND], -1, SQLITE_STATIC);
	t = p->text[KEY_TARGET_ITEM];
	if (*t != '\0' && valid_id(t, &target))
		sqlite3_bind_int64(st, 3, target);
	sqlite3_bind_text(st, 4, p->text[KEY_TITLE], -1, SQLITE_STATIC);
	if (p->text[KEY_LEAD_AGENCY][0] != '\0')
		sqlite3_bind_text(st, 5, p->text[KEY_LEAD_AGENCY], -1,
		    SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->text[KEY_LEAD_AGENCY_OTHER], -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->text[KEY_PROBLEM], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, p->text[KEY_COMMITMENT], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, p->text[KEY_CONTRIBUTION], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, (int)p->values);
	sqlite3_bind_text(st, 11, p->text[KEY_RELEVANCE], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, p->text[KEY_SUBMITTER], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, p->text[KEY_PHONE], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, p->text[KEY_EMAIL], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 17, p->milestones ? p->milestones : "", -1,
	    SQLITE_STATIC);
	if (id == 0) {
		sqlite3_bind_blob(st, 15, hash, AUTH_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_text(st, 16, now, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(st, 15, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 16, id);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(st);
	if (id == 0) {
		id = sqlite3_last_insert_rowid(r->db->conn);
		if (page_rate_count(r, "proposal") == -1)
			goto fail;
	}
	st = db_stmt(r->db, STMT_REVISION_INSERT);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(st);
	if (db_commit(r->db) == -1)
		goto fail;
	return id;
fail:
	log_line(r, "proposal write: %s", db_errmsg(r->db));
	sqlite3_reset(st);
	db_rollback(r->db);
	return -1;
}

/* The agency's name for its slug, or the slug when it is unknown. */
static const char *
agency_name(struct req *r, const char *slug)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
	const char	*name = slug;

	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		name = arena_printf(r->arena, "%s %s", page_col(st, 2),
		    page_col(st, 4));
	sqlite3_reset(st);
	return name != NULL ? name : slug;
}

/* The stored milestones (deliverable TAB start TAB end lines), listed. */
static void
mail_milestones(struct buf *b, const char *ms)
{
	const char	*end, *t1, *t2;

	buf_puts(b, "里程碑 Milestones\n");
	for (; *ms != '\0'; ms = *end ? end + 1 : end) {
		end = strchr(ms, '\n');
		if (end == NULL)
			end = ms + strlen(ms);
		t1 = memchr(ms, '\t', (size_t)(end - ms));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(end - t1 - 1)) : NULL;
		if (t1 == NULL || t2 == NULL)
			continue;
		buf_printf(b, "- %.*s（%.*s – %.*s）\n", (int)(t1 - ms), ms,
		    (int)(t2 - t1 - 1), t1 + 1, (int)(end - t2 - 1), t2 + 1);
	}
	buf_puts(b, "\n");
}

/*
 * E-mails the private edit link to the address of the form when the person
 * asked for it (send_link), with a copy of the text when it was submitted.
 * The mail goes out in the background; a failure is logged, never shown
 * as a failed save (the link is on the page anyway).
 */
static void
mail_link(struct req *r, struct proposal *p, long long id, const char *token,
    int submitted)
{
	static const char *const vzh[] = { "透明", "公共參與", "課責" };
	static const char *const ven[] = { "Transparency",
	    "Civic participation", "Public accountability" };
	struct buf	 b = { 0 };
	char		 cmd[256], from[256], when[64];
	const char	*to = p->text[KEY_EMAIL];
	time_t		 deadline = page_deadline(r);

	if (strcmp(p->text[KEY_SEND_LINK], "1") != 0 || *to == '\0' ||
	    !valid_email(to, strlen(to)))
		return;
	if (db_setting(r->db, "sendmail", cmd, sizeof(cmd)) == -1)
		snprintf(cmd, sizeof(cmd), "/usr/sbin/sendmail");
	if (db_setting(r->db, "mail_from", from, sizeof(from)) == -1)
		snprintf(from, sizeof(from), "cocreate <noreply@localhost>");
	buf_printf(&b, "您好：\n\n您在開放政府國家行動方案共創平台%s了提案「%s」。\n"
	    "這是您的私人編輯連結，請妥善保存，勿分享給他人：\n\n%s/proposals/"
	    "%lld/edit?token=%s\n\n", submitted ? "送出" : "儲存",
	    p->text[KEY_TITLE][0] ? p->text[KEY_TITLE] : "（未命名）",
	    r->origin ? r->origin : "", id, token);
	if (deadline != 0) {
		when_roc(deadline, when, sizeof(when));
		buf_printf(&b, "截止前都可以用這個連結修改或撤回。截止時間：%s ", when);
		when_taipei(deadline, when, sizeof(when));
		buf_printf(&b, "%s（臺北時間）\n\n", when);
	}
	buf_printf(&b, "Hello,\n\nYou %s the proposal above. This is your "
	    "private edit link; keep it, and do not share it:\n\n%s/proposals/"
	    "%lld/edit?token=%s\n", submitted ? "submitted" : "saved",
	    r->origin ? r->origin : "", id, token);
	if (submitted) {
		buf_puts(&b, "\n--------------------------------------------\n"
		    "您送出的內容 The text you submitted\n\n");
		for (size_t i = 0; i < ndc_nfields; i++) {
			enum key k = ndc_fields[i].key;
			buf_printf(&b, "%zu. %s %s\n", i + 1, ndc_fields[i].zh,
			    ndc_fields[i].en);
			if (k == KEY_LEAD_AGENCY)
				buf_printf(&b, "%s\n\n", p->text[KEY_LEAD_AGENCY][0] ?
				    agency_name(r, p->text[KEY_LEAD_AGENCY]) :
				    p->text[KEY_LEAD_AGENCY_OTHER]);
			else if (k == KEY_RELEVANCE) {
				for (unsigned v = 0; v < 3; v++)
					if (p->values & (1u << v))
						buf_printf(&b, "☑%s %s ", vzh[v],
						    ven[v]);
				buf_printf(&b, "\n%s\n\n", p->text[k]);
			} else if (k == KEY_PHONE)
				buf_printf(&b, "電話 Phone：%s\n電子郵件 E-mail："
				    "%s\n\n", p->text[KEY_PHONE],
				    p->text[KEY_EMAIL]);
			else
				buf_printf(&b, "%s\n\n", p->text[k]);
			if (k == KEY_COMMITMENT && p->milestones != NULL &&
			    *p->milestones != '\0')
				mail_milestones(&b, p->milestones);
		}
	}
	if (mail_send(cmd, from, to, submitted ?
	    "您送出的提案與私人編輯連結 Your proposal and its private edit link" :
	    "您的提案草稿私人編輯連結 The private edit link of your draft",
	    buf_cstr(&b)) == -1)
		log_line(r, "mail for proposal %lld not sent", id);
	else
		log_line(r, "mail for proposal %lld sent to sendmail", id);
	buf_free(&b);
}

/* Shows the form again after a failed write, text intact: 503 or 500. */
static int
write_failed(struct req *r, struct proposal *p)
{
	return proposal_form(r, p, db_busy(r->db) ? 503 : 500, BANNER_BUSY);
}

static int
deadline_passed(struct req *r)
{
	time_t	 deadline = page_deadline(r);

	return deadline != 0 && r->now >= deadline;
}

/* The action pressed; a form sent with Enter carries none and saves. */
static const char *
form_action(struct req *r)
{
	const char	*a = r->field[KEY_ACTION].val;

	if (a == NULL || *a == '\0')
		return "save";
	if (strcmp(a, "save") == 0 || strcmp(a, "submit") == 0 ||
	    strcmp(a, "withdraw") == 0)
		return a;
	return NULL;
}

static int
redirect_edit(struct req *r, long long id, const char *token, const char *flag)
{
	char	*loc = arena_printf(r->arena, "/proposals/%lld/edit?token=%s&%s=1",
	    id, token, flag);

	return resp_redirect(r, 303, loc ? loc : "/");
}

/*
 * `POST /proposals`: a new proposal, saved as a draft (action=save) or
 * submitted (action=submit).  Answers 303 to the private edit link.
 */
int
page_proposal_create(struct req *r)
{
	struct proposal	 p;
	const char	*action = form_action(r);
	char		 token[AUTH_TOKEN_LEN + 1];
	unsigned char	 hash[AUTH_HASH_LEN];
	long long	 id;
	int		 status, submit;

	memset(&p, 0, sizeof(p));
	p.status = "";
	proposal_from_form(r, &p);
	p.token = NULL;
	/* No button of the form's: the form again, nothing lost. */
	if (action == NULL || strcmp(action, "withdraw") == 0)
		return proposal_form(r, &p, 400, BANNER_ACTION);
	if (!page_csrf_ok(r))
		return proposal_form(r, &p, 403, BANNER_CSRF);
	if (deadline_passed(r))
		return proposal_form(r, &p, 403, BANNER_CLOSED);
	submit = strcmp(action, "submit") == 0;
	if ((status = proposal_check(r, &p, submit)) == -1)
		return write_failed(r, &p);
	if (status != 0)
		return proposal_form(r, &p, status, BANNER_NONE);
	if ((status = page_rate_limited(r, "proposal", LIMIT_PROPOSALS)) != 0) {
		if (status == -1)
			return write_failed(r, &p);
		resp_header(r, "Retry-After", "3600");
		return proposal_form(r, &p, 429, BANNER_RATE);
	}
	auth_token_new(token, hash);
	if ((id = proposal_write(r, &p, submit ? "submitted" : "draft", hash,
	    action)) == -1)
		return write_failed(r, &p);
	page_rate_purge(r);
	log_line(r, "proposal %lld %s", id, submit ? "submitted" : "saved");
	mail_link(r, &p, id, token, submit);
	return redirect_edit(r, id, token, submit ? "submitted" : "saved");
}

/*
 * Checks the edit token of proposal id.  Returns 0 when it is right, or
 * answers (404 no such proposal, 403 wrong token) and returns 1; -1 on a
 * database error (answered too).  *status gets the stored status.
 */
int
page_proposal_token(struct req *r, const char *token, char *status, size_t n)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_PROPOSAL_AUTH);
	int		 rc, ok;

	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE) {
			page_not_found(r);
			return 1;
		}
		page_db_fail(r);
		return -1;
	}
	ok = token != NULL && auth_token_check(token, strlen(token),
	    sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	snprintf(status, n, "%s", page_col(st, 1));
	sqlite3_reset(st);
	if (!ok) {
		log_line(r, "wrong edit token for proposal %lld", r->id);
		resp_error(r, 403, "編輯連結不正確或不完整，請確認您複製了完整的連結。",
		    "This edit link is wrong or incomplete; check that you "
		    "copied all of it.");
		return 1;
	}
	return 0;
}

/* `/proposals/{id}/edit?token=...`: the private edit link. */
int
page_proposal_edit(struct req *r)
{
	struct proposal	 p;
	const char	*token = req_query(r, "token");
	char		 status[16];
	enum banner	 b = BANNER_NONE;
	int		 rc;

	if (page_proposal_token(r, token, status, sizeof(status)) != 0)
		return 0;
	if ((rc = proposal_load(r, r->id, &p)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	p.token = token;
	if (req_query(r, "saved") != NULL)
		b = BANNER_SAVED;
	else if (req_query(r, "submitted") != NULL)
		b = BANNER_SUBMITTED;
	else if (req_query(r, "withdrawn") != NULL)
		b = BANNER_WITHDRAWN;
	return proposal_form(r, &p, 200, b);
}

/*
 * `POST /proposals/{id}`: with the edit token, save, submit or withdraw,
 * until the deadline.
 */
int
page_proposal_update(struct req *r)
{
	struct proposal	 p, cur;
	const char	*token = r->field[KEY_TOKEN].val;
	const char	*action = form_action(r);
	const char	*to;
	char		 status[16];
	int		 rc, submit;

	if (page_proposal_token(r, token, status, sizeof(status)) != 0)
		return 0;
	if ((rc = proposal_load(r, r->id, &cur)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	memset(&p, 0, sizeof(p));
	proposal_from_form(r, &p);
	p.id = r->id;
	p.status = cur.status;
	p.token = token;
	p.revision = cur.revision;
	p.updated = cur.updated;
	if (action == NULL)
		return proposal_form(r, &p, 400, BANNER_ACTION);

	if (strcmp(action, "withdraw") == 0) {
		/* Nothing typed is kept on withdrawal: show what is stored. */
		cur.token = token;
		if (!page_csrf_ok(r))
			return proposal_form(r, &cur, 403, BANNER_CSRF);
		if (deadline_passed(r))
			return proposal_form(r, &cur, 403, BANNER_CLOSED);
		if (strcmp(cur.status, "withdrawn") == 0)
			return redirect_edit(r, r->id, token, "withdrawn");
		if (proposal_write(r, &cur, "withdrawn", NULL, action) == -1)
			return write_failed(r, &cur);
		log_line(r, "proposal %lld withdrawn", r->id);
		return redirect_edit(r, r->id, token, "withdrawn");
	}
	if (!page_csrf_ok(r))
		return proposal_form(r, &p, 403, BANNER_CSRF);
	if (deadline_passed(r))
		return proposal_form(r, &p, 403, BANNER_CLOSED);
	/*
	 * A published proposal stays published: saving it is submitting it
	 * again, so it must stay complete.
	 */
	submit = strcmp(action, "submit") == 0 ||
	    strcmp(cur.status, "submitted") == 0;
	if ((rc = proposal_check(r, &p, submit)) == -1)
		return write_failed(r, &p);
	if (rc != 0)
		return proposal_form(r, &p, rc, BANNER_NONE);
	to = submit ? "submitted" : "draft";
	if (proposal_write(r, &p, to, NULL, action) == -1)
		return write_failed(r, &p);
	log_line(r, "proposal %lld %s", r->id, to);
	mail_link(r, &p, r->id, token, strcmp(action, "submit") == 0);
	return redirect_edit(r, r->id, token,
	    strcmp(action, "submit") == 0 ? "submitted" : "saved");
}

/* Sets the public fields of p as NDC rows (ROW) and named variables. */
static void
proposal_public(struct req *r, struct tmpl_dict *d, struct proposal *p,
    int private)
{
	struct tmpl_dict *row;

	(void)r;
	set_labels(d, 0);
	tmpl_set_int(d, "ID", p->id);
	tmpl_set(d, "TITLE", p->text[KEY_TITLE]);
	tmpl_set(d, "KIND", p->text[KEY_KIND]);
	tmpl_set(d, "KIND_ZH", page_kind_zh(p->text[KEY_KIND]));
	tmpl_set(d, "KIND_EN", page_kind_en(p->text[KEY_KIND]));
	if (p->t_commitment > 0) {
		struct tmpl_dict *t = tmpl_section(d, "TARGET");
		tmpl_set(t, "ID", p->text[KEY_TARGET_ITEM]);
		page_set_item_no(t, "NO", p->t_commitment, p->t_position);
		tmpl_set(t, "TITLE", p->t_title);
	}
	if (p->text[KEY_LEAD_AGENCY][0] != '\0') {
		struct tmpl_dict *a = tmpl_section(d, "LEAD_AGENCY");
		tmpl_set(a, "SLUG", p->text[KEY_LEAD_AGENCY]);
		tmpl_set(a, "NAME", p->lead_name);
		tmpl_set(a, "NAME_EN", p->lead_name_en);
	} else
		tmpl_set(d, "LEAD_AGENCY_OTHER", p->text[KEY_LEAD_AGENCY_OTHER]);
	if (p->ad_slug && *p->ad_slug) {
		struct tmpl_dict *a = tmpl_section(d, "ADDRESSED");
		tmpl_set(a, "SLUG", p->ad_slug);
		tmpl_set(a, "NAME", p->ad_name);
		tmpl_set(a, "NAME_EN", p->ad_name_en);
	}
	tmpl_set(d, "PROBLEM", p->text[KEY_PROBLEM]);
	tmpl_set(d, "COMMITMENT", p->text[KEY_COMMITMENT]);
	tmpl_set(d, "CONTRIBUTION", p->text[KEY_CONTRIBUTION]);
	tmpl_set(d, "RELEVANCE", p->text[KEY_RELEVANCE]);
	tmpl_set(d, "SUBMITTER", p->text[KEY_SUBMITTER]);
	page_set_values(d, p->values);
	page_set_time_roc(d, "SUBMITTED", p->submitted);
	page_set_time(d, "UPDATED", p->updated);
	tmpl_set_int(d, "REVISION", p->revision);
	milestone_rows(d, p->milestones ? p->milestones : "", 0);
	if (private) {
		row = tmpl_section(d, "CONTACT");
		tmpl_set(row, "PHONE", p->text[KEY_PHONE]);
		tmpl_set(row, "EMAIL", p->text[KEY_EMAIL]);
	} else
		tmpl_show(d, "CONTACT_HIDDEN");
}

/*
 * Fills the include marker FIELDS of d with proposal id as the NDC form
 * (proposal_fields.tpl), contacts included when private.  Returns 0, 1
 * when there is no such proposal, -1 on a database error.
 */
int
page_proposal_fill(struct req *r, struct tmpl_dict *d, long long id,
    int private)
{
	struct proposal	 p;
	int		 rc;

	if ((rc = proposal_load(r, id, &p)) != 0)
		return rc;
	tmpl_set(d, "TITLE", p.text[KEY_TITLE]);
	tmpl_set_int(d, "ID", id);
	tmpl_set(d, "STATUS_ZH", page_proposal_status_zh(p.status));
	tmpl_set(d, "STATUS_EN", page_proposal_status_en(p.status));
	proposal_public(r, tmpl_include(d, "FIELDS", "proposal_fields.tpl"), &p,
	    private);
	return 0;
}

/*
 * `/proposals/{id}`: a submitted proposal with its answer and comments; a
 * withdrawn one says so; drafts are not found.
 */
int
page_proposal(struct req *r)
{
	struct proposal	 p;
	struct tmpl_dict *d;
	time_t		 deadline;
	char		*action;
	int		 rc;

	if ((rc = proposal_load(r, r->id, &p)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	if (strcmp(p.status, "draft") == 0)
		return page_not_found(r);
	if ((d = resp_page_begin(r, "proposal.tpl", p.text[KEY_TITLE],
	    "Proposal")) == NULL)
		return resp_page_end(r, 500);
	tmpl_set_int(d, "ID", p.id);
	tmpl_set(d, "TITLE", p.text[KEY_TITLE]);
	if (strcmp(p.status, "withdrawn") == 0) {
		tmpl_show(d, "WITHDRAWN");
		return resp_page_end(r, 200);
	}
	proposal_public(r, tmpl_include(tmpl_section(d, "PUBLISHED"), "FIELDS",
	    "proposal_fields.tpl"), &p, 0);
	if (page_answers(r, d, p.id, 1) == -1)
		return page_db_fail(r);
	if (r->user != NULL && (r->user->organizer ||
	    strcmp(r->user->agency_slug, p.ad_slug) == 0))
		tmpl_show(d, "CAN_ANSWER");
	deadline = page_deadline(r);
	action = arena_printf(r->arena, "/proposals/%lld/comments", p.id);
	if (page_comments(r, d, "proposal", p.id, action ? action : "",
	    deadline == 0 || r->now < deadline) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}

/*
 * `/proposals/{id}/print`: the proposal laid out as the NDC form, in
 * 標楷體 12 pt with a fixed 20 pt line height.  Public for a submitted
 * proposal; with the edit token also for a draft, contacts included.
 */
int
page_proposal_print(struct req *r)
{
	struct proposal	 p;
	struct tmpl_dict *d;
	const char	*token = req_query(r, "token");
	char		 status[16], roc[64];
	int		 rc, private = 0;

	if (token != NULL) {
		if (page_proposal_token(r, token, status, sizeof(status)) != 0)
			return 0;
		private = 1;
	}
	if ((rc = proposal_load(r, r->id, &p)) != 0)
		return rc == 1 ? page_not_found(r) : page_db_fail(r);
	if (!private && strcmp(p.status, "submitted") != 0)
		return page_not_found(r);
	if ((d = tmpl_dict_new()) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	proposal_public(r, d, &p, private);
	/* The form's three boxes, ticked or not, as the NDC's form has them. */
	for (unsigned i = 0; i < 3; i++) {
		static const char *const zh[] = { "透明", "公共參與", "課責" };
		struct tmpl_dict *b = tmpl_section(d, "VALUE_BOX");

		tmpl_set(b, "MARK", p.values & (1u << i) ? "☑" : "☐");
		tmpl_set(b, "ZH", zh[i]);
	}
	when_roc(r->now, roc, sizeof(roc));
	tmpl_set(d, "TODAY_ROC", roc);
	if (strcmp(p.status, "submitted") != 0)
		tmpl_show(d, "NOT_SUBMITTED");
	if (private)
		resp_header(r, "Cache-Control", "no-store");
	resp_standalone(r, 200, "print.tpl", d, "text/html; charset=utf-8");
	tmpl_dict_free(d);
	return 0;
}

static int	proposal_rows(struct tmpl_dict *, const char *, sqlite3_stmt *,
		    int, long long *);

/*
 * Binds the words q of a list's filter (PROPOSAL_WORDS in db.c): ?3 the
 * index's phrase, ?7 the LIKE pattern for the docs waiting for it.
 * Returns 0, or -1 out of memory.
 */
static int
bind_words(struct req *r, sqlite3_stmt *st, const char *q)
{
	struct buf	 b = { 0 };
	size_t		 len = strlen(q);
	char		*fts, *like;

	page_fts_word(&b, q, len);
	fts = arena_strndup(r->arena, buf_cstr(&b), b.len);
	buf_free(&b);
	if (fts == NULL || (like = page_like(r, q, len)) == NULL)
		return -1;
	sqlite3_bind_text(st, 3, fts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, like, -1, SQLITE_STATIC);
	return 0;
}

/*
 * How many submitted proposals match: addressed to agency (an id, or 0 for
 * any), on item (0 for any), with value bit (0 for any), with the words q
 * as typed (NULL for any).  Without words to look for it is the count the
 * triggers keep in proposal_counts; with them, the search index's.
 * Returns the count or -1 on a database error.
 */
long long
page_proposal_count(struct req *r, long long agency, long long item,
    unsigned bit, const char *q)
{
	sqlite3_stmt	*st;
	const char	*dim = "all";
	long long	 key = 0, n = 0;
	int		 rc;

	if (q == NULL && !(item && (agency || bit))) {
		if (item)
			dim = "item", key = item;
		else if (agency && bit)
			dim = "agency_value", key = agency * 8 + bit;
		else if (agency)
			dim = "agency", key = agency;
		else if (bit)
			dim = "value", key = bit;
		st = db_stmt(r->db, STMT_PROPOSAL_COUNTED);
		sqlite3_bind_text(st, 1, dim, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, key);
	} else {
		st = db_stmt(r->db, STMT_PROPOSAL_COUNT);
		if (agency)
			sqlite3_bind_int64(st, 1, agency);
		sqlite3_bind_int(st, 2, (int)bit);
		if (q && bind_words(r, st, q) == -1) {
			sqlite3_reset(st);
			return -1;
		}
		if (item)
			sqlite3_bind_int64(st, 6, item);
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

/*
 * Lists submitted proposals newest first into the include marker of d:
 * those addressed to agency (id) or on item (id) when given, with value
 * bit, limit from offset, with the answers in full when answers is set
 * (with words: page_proposals).  Returns the number listed or -1.
 */
int
page_proposal_list(struct req *r, struct tmpl_dict *d, const char *marker,
    long long agency, long long item, unsigned bit, long long limit,
    long long offset, int answers)
{
	sqlite3_stmt	*st;

	st = db_stmt(r->db, agency ? STMT_PROPOSAL_LIST_AGENCY :
	    item ? STMT_PROPOSAL_LIST_ITEM : STMT_PROPOSAL_LIST);
	if (agency || item)
		sqlite3_bind_int64(st, 1, agency ? agency : item);
	if (agency && item)	/* both: the agency's, on the item */
		sqlite3_bind_int64(st, 6, item);
	sqlite3_bind_int(st, 2, (int)bit);
	sqlite3_bind_int64(st, 4, limit);
	sqlite3_bind_int64(st, 5, offset);
	return page_proposal_rows(r, d, marker, st, answers);
}

/*
 * Fills the include marker with proposal_list.tpl and one PROPOSAL section
 * per row of a STMT_PROPOSAL_LIST statement (bound by the caller), then
 * resets the statement.  Returns the number of rows, or -1 on a database
 * error.
 */
int
page_proposal_rows(struct req *r, struct tmpl_dict *d, const char *marker,
    sqlite3_stmt *st, int answers)
{
	(void)r;
	return proposal_rows(d, marker, st, answers, NULL);
}

/*
 * page_proposal_rows, and with total not NULL, *total from the column
 * after the list's (STMT_PROPOSAL_LIST_WORDS; left as it is when there is
 * no row).
 */
static int
proposal_rows(struct tmpl_dict *d, const char *marker, sqlite3_stmt *st,
    int answers, long long *total)
{
	struct tmpl_dict *list, *row;
	unsigned	  values;
	int		  rc, n = 0;

	list = tmpl_include(d, marker, "proposal_list.tpl");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0 && total != NULL)
			*total = sqlite3_column_int64(st, 14);
		row = tmpl_section(list, "PROPOSAL");
		tmpl_set_int(row, "ID", sqlite3_column_int64(st, 0));
		tmpl_set(row, "TITLE", page_col(st, 1));
		tmpl_set(row, "KIND", page_col(st, 2));
		tmpl_set(row, "KIND_ZH", page_kind_zh(page_col(st, 2)));
		/* The values as fixed sections of the template (a list shows
		 * the same three words on every row). */
		values = (unsigned)sqlite3_column_int(st, 3);
		if (values & VALUE_TRANSPARENCY)
			tmpl_show(row, "HAS_TRANSPARENCY");
		if (values & VALUE_PARTICIPATION)
			tmpl_show(row, "HAS_PARTICIPATION");
		if (values & VALUE_ACCOUNTABILITY)
			tmpl_show(row, "HAS_ACCOUNTABILITY");
		page_set_time(row, "SUBMITTED", page_col(st, 4));
		tmpl_set(row, "SUBMITTER", page_col(st, 5));
		tmpl_set(row, "LEAD_NAME", page_col(st, 6));
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			page_set_item_no(tmpl_section(row, "TARGET"), "NO",
			    sqlite3_column_int(st, 7), sqlite3_column_int(st, 8));
		if (sqlite3_column_type(st, 9) != SQLITE_NULL) {
			const char *status = page_col(st, 9);

			/*
			 * The agency portal shows the answer itself, its
			 * status at its head; other lists a tag of the
			 * status (both on the portal said it twice).
			 */
			if (!answers) {
				struct tmpl_dict *a = tmpl_section(row, "ANSWER");
				tmpl_set(a, "STATUS", status);
				tmpl_set(a, "ZH", page_answer_zh(status));
				tmpl_set(a, "EN", page_answer_en(status));
			} else {
				struct tmpl_dict *f = tmpl_section(row, "FULL_ANSWER");
				tmpl_set(f, "ZH", page_answer_zh(status));
				tmpl_set(f, "EN", page_answer_en(status));
				tmpl_set(f, "RESPONSE_HTML", page_col(st, 10));
				page_set_time(f, "AT", page_col(st, 11));
				tmpl_set(f, "BY", page_col(st, 12));
				tmpl_set(f, "AGENCY", page_col(st, 13));
			}
		} else if (answers)
			tmpl_show(row, "NOT_ANSWERED");
	}
	sqlite3_reset(st);
	if (n == 0)
		tmpl_show(list, "EMPTY");
	return rc == SQLITE_DONE ? n : -1;
}

#define PAGE_SIZE 20

/*
 * `/proposals?agency=slug&value=...&q=words&item=N&page=N`: submitted
 * proposals, newest first, 20 a page.
 */
int
page_proposals(struct req *r)
{
	struct tmpl_dict *d;
	sqlite3_stmt	 *st;
	const char	 *agency = req_query(r, "agency");
	const char	 *value = req_query(r, "value");
	const char	 *q = req_query(r, "q"), *long_q = NULL;
	const char	 *pg = req_query(r, "page");
	const char	 *item_s = req_query(r, "item");
	char		 *base;
	unsigned	  bit = 0;
	long long	  page = 1, total, pages, agency_id = 0, item = 0;
	int		  rc;

	if (agency != NULL && *agency == '\0')
		agency = NULL;
	if (value != NULL && *value == '\0')
		value = NULL;
	if (q != NULL && *q == '\0')
		q = NULL;
	if ((agency != NULL && !valid_slug(agency)) ||
	    (value != NULL && (bit = valid_value_bit(value)) == 0) ||
	    (pg != NULL && *pg != '\0' && (!valid_id(pg, &page) || page > 100000)))
		return resp_error(r, 400, "篩選條件不正確。",
		    "The filter is not valid.");
	/* Words too long: said above the list, and kept in the box. */
	if (q != NULL && valid_utf8_count(q, strlen(q)) > PAGE_WORDS_MAX) {
		long_q = q;
		q = NULL;
	}

	/* An agency's slug as its id; an unknown one is refused like any
	 * other filter value that does not exist. */
	if (agency != NULL) {
		st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
		sqlite3_bind_text(st, 1, agency, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		agency_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return page_db_fail(r);
		if (rc == SQLITE_DONE)
			return resp_error(r, 400, "篩選條件不正確：沒有這個機關。",
			    "The filter is not valid: there is no such agency.");
	}
	if (item_s != NULL && *item_s != '\0' && !valid_id(item_s, &item))
		return resp_error(r, 400, "篩選條件不正確。",
		    "The filter is not valid.");
	if ((d = resp_page_begin(r, "proposals.tpl", "民間提案",
	    "Proposals")) == NULL)
		return resp_page_end(r, 500);
	/*
	 * Words: the page and the count in one statement, which takes the
	 * index's matches once; a page with nothing on it asks for the count
	 * alone.  Else the count the triggers keep, and the page.
	 */
	total = -1;
	if (q != NULL) {
		st = db_stmt(r->db, STMT_PROPOSAL_LIST_WORDS);
		if (agency_id)
			sqlite3_bind_int64(st, 1, agency_id);
		sqlite3_bind_int(st, 2, (int)bit);
		if (item)
			sqlite3_bind_int64(st, 6, item);
		sqlite3_bind_int64(st, 4, PAGE_SIZE);
		sqlite3_bind_int64(st, 5, (page - 1) * PAGE_SIZE);
		if (bind_words(r, st, q) == -1) {
			sqlite3_reset(st);
			return page_db_fail(r);
		}
		if ((rc = proposal_rows(d, "PROPOSALS", st, 0, &total)) == -1)
			return page_db_fail(r);
		if (rc == 0)
			total = -1;
	}
	if (total == -1 &&
	    (total = page_proposal_count(r, agency_id, item, bit, q)) == -1)
		return page_db_fail(r);
	pages = total == 0 ? 1 : (total + PAGE_SIZE - 1) / PAGE_SIZE;
	tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "PAGE", page);
	tmpl_set_int(d, "PAGES", pages);
	if (q)
		tmpl_set(d, "Q", q);
	else if (long_q) {
		tmpl_set(d, "Q", long_q);
		tmpl_show(d, "Q_TOO_LONG");
	}
	if (bit)
		tmpl_show(d, bit == VALUE_TRANSPARENCY ? "V_TRANSPARENCY" :
		    bit == VALUE_PARTICIPATION ? "V_PARTICIPATION" :
		    "V_ACCOUNTABILITY");
	if (agency || bit || q)
		tmpl_show(d, "FILTERED");

	if (page_agency_options(r, d, agency, 0, 0) == -1)
		return page_db_fail(r);

	if (q == NULL && page_proposal_list(r, d, "PROPOSALS", agency_id,
	    item, bit, PAGE_SIZE, (page - 1) * PAGE_SIZE, 0) == -1)
		return page_db_fail(r);

	/* Pager links keep the filters. */
	base = arena_printf(r->arena, "/proposals?agency=%s&value=%s&q=%s%s%s"
	    "&page=", agency ? agency : "", value ? value : "",
	    q ? page_urlencode(r, q) : "", item ? "&item=" : "",
	    item ? item_s : "");
	if (base != NULL && page > 1)
		tmpl_set(tmpl_section(d, "PREV"), "URL",
		    arena_printf(r->arena, "%s%lld", base, page - 1));
	if (base != NULL && page < pages)
		tmpl_set(tmpl_section(d, "NEXT"), "URL",
		    arena_printf(r->arena, "%s%lld", base, page + 1));
	return resp_page_end(r, long_q ? 400 : 200);
}
