/*
 * Exports of the proposals: CSV (RFC 4180, UTF-8 with a byte-order mark,
 * CRLF), JSON, the public open data, and the reasoned-response register.
 * Shared by the web (/admin/export.*, /proposals.csv, ...) and the command
 * line (`cocreate export`): the same bytes either way.
 *
 * Every export is written as it is read: one row of the statement at a
 * time into a sink that flushes every 64 KiB, so memory stays constant
 * however many proposals there are.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"

/* Columns of STMT_EXPORT. */
enum xcol {
	XC_ID,
	XC_STATUS,
	XC_KIND,
	XC_TARGET,
	XC_T_COMMITMENT,
	XC_T_POSITION,
	XC_T_TITLE,
	XC_TITLE,
	XC_LEAD_SLUG,
	XC_LEAD_NAME,
	XC_LEAD_OTHER,
	XC_PROBLEM,
	XC_COMMITMENT,
	XC_CONTRIBUTION,
	XC_VALUES,
	XC_RELEVANCE,
	XC_SUBMITTER,
	XC_PHONE,
	XC_EMAIL,
	XC_AD_SLUG,
	XC_AD_NAME,
	XC_CREATED,
	XC_SUBMITTED,
	XC_UPDATED,
	XC_REVISIONS,
	XC_COMMENTS,
	XC_A_STATUS,
	XC_A_RESPONSE,
	XC_A_RESPONSE_HTML,
	XC_A_COMMITMENT,
	XC_A_POSITION,
	XC_A_TITLE,
	XC_A_AT,
	XC_A_AGENCY,
	XC_MILESTONES,
	XC__MAX
};

static const char *
col(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);

	return s ? (const char *)s : "";
}

/* "transparency;participation" for the ticked OGP values. */
static void
values_text(unsigned mask, char *out, size_t n)
{
	size_t	 len = 0;

	out[0] = '\0';
	for (unsigned i = 0; i < 3; i++)
		if (mask & (1u << i))
			len += (size_t)snprintf(out + len, len < n ? n - len : 0,
			    "%s%s", len ? ";" : "", valid_value_name(1u << i));
}

/*
 * Appends the stored milestones ("deliverable TAB start TAB end" lines) to
 * b as people read them, "deliverable (start–end)", with sep between two
 * ("; " in a CSV cell, a line break in the history).  Returns 0, or -1
 * when memory runs out.
 */
int
export_milestones(struct buf *b, const char *s, const char *sep)
{
	size_t	 run;
	int	 field = 0, rc = 0;

	while (*s != '\0') {
		run = strcspn(s, "\t\n");
		rc |= buf_append(b, s, run);
		s += run;
		if (*s == '\t') {
			rc |= buf_puts(b, field++ ? "–" : " (");
			s++;
		} else if (*s == '\n') {
			rc |= buf_puts(b, ")");
			if (s[1] != '\0')
				rc |= buf_puts(b, sep);
			field = 0;
			s++;
		}
	}
	return rc ? -1 : 0;
}

/*
 * The proposal's milestones for a CSV cell, made in b (emptied first; it
 * keeps its memory for the next row, so a cell of any length is written
 * whole).  Returns the text, or NULL when memory runs out.
 */
static const char *
milestones_text(sqlite3_stmt *st, struct buf *b)
{
	buf_reset(b);
	return export_milestones(b, col(st, XC_MILESTONES), "; ") == -1 ?
	    NULL : buf_cstr(b);
}

/*
 * Writes the milestones as a JSON list of objects; part holds one field at
 * a time.  Returns 0, or -1 when memory runs out.
 */
static int
milestones_json(struct sink *s, sqlite3_stmt *st, struct buf *part)
{
	static const char *const keys[] = { "deliverable", "start", "end" };
	const char	*p = col(st, XC_MILESTONES), *end;
	int		 field = 0, rows = 0;

	sink_put(s, "[", 1);
	while (*p != '\0') {
		end = p + strcspn(p, "\t\n");
		if (field == 0)
			sink_puts(s, rows++ ? ",{" : "{");
		else
			sink_put(s, ",", 1);
		export_json_string(s, keys[field]);
		sink_put(s, ":", 1);
		buf_reset(part);
		if (buf_append(part, p, (size_t)(end - p)) == -1)
			return -1;
		export_json_string(s, buf_cstr(part));
		if (*end == '\t' && field < 2)
			field++;
		else {
			sink_put(s, "}", 1);
			field = 0;
		}
		p = *end ? end + 1 : end;
	}
	if (field != 0)
		sink_put(s, "}", 1);
	sink_put(s, "]", 1);
	return 0;
}

/* The number of an item as the NDC writes it, "2-3", or "". */
static void
item_no(sqlite3_stmt *st, int ccol, int pcol, char *out, size_t n)
{
	if (sqlite3_column_type(st, ccol) == SQLITE_NULL)
		out[0] = '\0';
	else
		snprintf(out, n, "%d-%d", sqlite3_column_int(st, ccol),
		    sqlite3_column_int(st, pcol));
}

/* The columns of the CSV and the keys of the JSON, in order. */
enum xfield {
	XF_ID, XF_STATUS, XF_KIND, XF_TARGET_ITEM, XF_TARGET_ITEM_NO,
	XF_TARGET_ITEM_TITLE, XF_TITLE, XF_LEAD_AGENCY, XF_LEAD_AGENCY_NAME,
	XF_LEAD_AGENCY_OTHER, XF_PROBLEM, XF_COMMITMENT, XF_CONTRIBUTION,
	XF_VALUE, XF_RELEVANCE, XF_MILESTONES, XF_SUBMITTER, XF_PHONE, XF_EMAIL,
	XF_ADDRESSED_AGENCY, XF_ADDRESSED_AGENCY_NAME, XF_CREATED_AT,
	XF_SUBMITTED_AT, XF_UPDATED_AT, XF_REVISIONS, XF_COMMENTS,
	XF_ANSWER_STATUS, XF_ANSWER_ITEM_NO, XF_ANSWER_TEXT, XF_ANSWERED_AT,
	XF_URL, XF__MAX
};

static const struct {
	const char	*name;
	int		 private;	/* left out of the public data */
	int		 number;	/* a JSON number */
} xfields[XF__MAX] = {
	{ "id", 0, 1 },			/* XF_ID */
	{ "status", 0, 0 },		/* XF_STATUS */
	{ "kind", 0, 0 },		/* XF_KIND */
	{ "target_item", 0, 1 },	/* XF_TARGET_ITEM */
	{ "target_item_no", 0, 0 },	/* XF_TARGET_ITEM_NO */
	{ "target_item_title", 0, 0 },	/* XF_TARGET_ITEM_TITLE */
	{ "title", 0, 0 },		/* XF_TITLE */
	{ "lead_agency", 0, 0 },	/* XF_LEAD_AGENCY */
	{ "lead_agency_name", 0, 0 },	/* XF_LEAD_AGENCY_NAME */
	{ "lead_agency_other", 0, 0 },	/* XF_LEAD_AGENCY_OTHER */
	{ "problem", 0, 0 },		/* XF_PROBLEM */
	{ "commitment", 0, 0 },		/* XF_COMMITMENT */
	{ "contribution", 0, 0 },	/* XF_CONTRIBUTION */
	{ "value", 0, 0 },		/* XF_VALUE */
	{ "relevance", 0, 0 },		/* XF_RELEVANCE */
	{ "milestones", 0, 0 },		/* XF_MILESTONES */
	{ "submitter", 0, 0 },		/* XF_SUBMITTER */
	{ "phone", 1, 0 },		/* XF_PHONE */
	{ "email", 1, 0 },		/* XF_EMAIL */
	{ "addressed_agency", 0, 0 },	/* XF_ADDRESSED_AGENCY */
	{ "addressed_agency_name", 0, 0 }, /* XF_ADDRESSED_AGENCY_NAME */
	{ "created_at", 0, 0 },		/* XF_CREATED_AT */
	{ "submitted_at", 0, 0 },	/* XF_SUBMITTED_AT */
	{ "updated_at", 0, 0 },		/* XF_UPDATED_AT */
	{ "revisions", 0, 1 },		/* XF_REVISIONS */
	{ "comments", 0, 1 },		/* XF_COMMENTS */
	{ "answer_status", 0, 0 },	/* XF_ANSWER_STATUS */
	{ "answer_item_no", 0, 0 },	/* XF_ANSWER_ITEM_NO */
	{ "answer_text", 0, 0 },	/* XF_ANSWER_TEXT */
	{ "answered_at", 0, 0 },	/* XF_ANSWERED_AT */
	{ "url", 0, 0 },		/* XF_URL */
};

/* The register: what OGP asks governments to publish about each proposal. */
enum rfield {
	RF_ID, RF_TITLE, RF_ADDRESSED_AGENCY, RF_ADDRESSED_AGENCY_NAME,
	RF_ANSWER_STATUS, RF_ANSWER_ITEM_NO, RF_ANSWER_ITEM_TITLE,
	RF_ANSWER_TEXT, RF_ANSWERED_BY, RF_ANSWERED_AT, RF_URL, RF__MAX
};

static const char *const rfields[RF__MAX] = {
	"id", "title", "addressed_agency", "addressed_agency_name",
	"answer_status", "answer_item_no", "answer_item_title", "answer_text",
	"answered_by", "answered_at", "url",
};

/*
 * The value of export field f for the current row, in buf when it has to
 * be made (times, numbers of items, value lists, URLs), in cell when it
 * has no bound (the milestones).  NULL when memory runs out.
 */
static const char *
xvalue(sqlite3_stmt *st, enum xfield f, const char *origin, char *buf,
    size_t n, struct buf *cell)
{
	switch (f) {
	case XF_ID:
		return col(st, XC_ID);
	case XF_STATUS:
		return col(st, XC_STATUS);
	case XF_KIND:
		return col(st, XC_KIND);
	case XF_TARGET_ITEM:
		return col(st, XC_TARGET);
	case XF_TARGET_ITEM_NO:
		item_no(st, XC_T_COMMITMENT, XC_T_POSITION, buf, n);
		return buf;
	case XF_TARGET_ITEM_TITLE:
		return col(st, XC_T_TITLE);
	case XF_TITLE:
		return col(st, XC_TITLE);
	case XF_LEAD_AGENCY:
		return col(st, XC_LEAD_SLUG);
	case XF_LEAD_AGENCY_NAME:
		return col(st, XC_LEAD_NAME);
	case XF_LEAD_AGENCY_OTHER:
		return col(st, XC_LEAD_OTHER);
	case XF_PROBLEM:
		return col(st, XC_PROBLEM);
	case XF_COMMITMENT:
		return col(st, XC_COMMITMENT);
	case XF_CONTRIBUTION:
		return col(st, XC_CONTRIBUTION);
	case XF_VALUE:
		values_text((unsigned)sqlite3_column_int(st, XC_VALUES), buf, n);
		return buf;
	case XF_RELEVANCE:
		return col(st, XC_RELEVANCE);
	case XF_MILESTONES:
		return milestones_text(st, cell);
	case XF_SUBMITTER:
		return col(st, XC_SUBMITTER);
	case XF_PHONE:
		return col(st, XC_PHONE);
	case XF_EMAIL:
		return col(st, XC_EMAIL);
	case XF_ADDRESSED_AGENCY:
		return col(st, XC_AD_SLUG);
	case XF_ADDRESSED_AGENCY_NAME:
		return col(st, XC_AD_NAME);
	case XF_CREATED_AT:
		when_iso_taipei(col(st, XC_CREATED), buf, n);
		return buf;
	case XF_SUBMITTED_AT:
		when_iso_taipei(col(st, XC_SUBMITTED), buf, n);
		return buf;
	case XF_UPDATED_AT:
		when_iso_taipei(col(st, XC_UPDATED), buf, n);
		return buf;
	case XF_REVISIONS:
		return col(st, XC_REVISIONS);
	case XF_COMMENTS:
		return col(st, XC_COMMENTS);
	case XF_ANSWER_STATUS:
		return col(st, XC_A_STATUS);
	case XF_ANSWER_ITEM_NO:
		item_no(st, XC_A_COMMITMENT, XC_A_POSITION, buf, n);
		return buf;
	case XF_ANSWER_TEXT:
		return col(st, XC_A_RESPONSE);
	case XF_ANSWERED_AT:
		when_iso_taipei(col(st, XC_A_AT), buf, n);
		return buf;
	case XF_URL:
		snprintf(buf, n, "%s/proposals/%s", origin, col(st, XC_ID));
		return buf;
	default:
		return "";
	}
}

static const char *
rvalue(sqlite3_stmt *st, enum rfield f, const char *origin, char *buf,
    size_t n)
{
	switch (f) {
	case RF_ID:
		return col(st, XC_ID);
	case RF_TITLE:
		return col(st, XC_TITLE);
	case RF_ADDRESSED_AGENCY:
		return col(st, XC_AD_SLUG);
	case RF_ADDRESSED_AGENCY_NAME:
		return col(st, XC_AD_NAME);
	case RF_ANSWER_STATUS:
		return col(st, XC_A_STATUS);
	case RF_ANSWER_ITEM_NO:
		item_no(st, XC_A_COMMITMENT, XC_A_POSITION, buf, n);
		return buf;
	case RF_ANSWER_ITEM_TITLE:
		return col(st, XC_A_TITLE);
	case RF_ANSWER_TEXT:
		return col(st, XC_A_RESPONSE);
	case RF_ANSWERED_BY:
		return col(st, XC_A_AGENCY);
	case RF_ANSWERED_AT:
		when_iso_taipei(col(st, XC_A_AT), buf, n);
		return buf;
	case RF_URL:
		snprintf(buf, n, "%s/proposals/%s", origin, col(st, XC_ID));
		return buf;
	default:
		return "";
	}
}

/*
 * Returns how many proposals an export of this mode (and only, when not
 * zero) holds, or -1 on a database error.
 */
long long
export_count(struct db *db, int mode, long long only)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_EXPORT_COUNT);
	long long	 n = -1;

	sqlite3_bind_int(st, 1, mode);
	if (only)
		sqlite3_bind_int64(st, 2, only);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/*
 * Writes an export to the sink: fmt EXPORT_CSV, EXPORT_JSON or
 * EXPORT_RESPONSES; mode as STMT_EXPORT (0 submitted only, 1 with
 * withdrawn, 2 with drafts); private 0 leaves out the private fields
 * (the public open data).  origin starts each proposal's URL; progress,
 * when given, is called every 1,000 rows with the count so far.  Returns
 * 0, or -1 on a database or write error (the sink has what was written).
 */
int
export_run(struct db *db, enum export_format fmt, int mode, int private,
    const char *origin, struct sink *s, void (*progress)(long long, void *),
    void *arg)
{
	sqlite3_stmt	*st = db_stmt(db, STMT_EXPORT);
	struct buf	 cell = { 0 };
	const char	*v;
	char		 buf[4096];
	long long	 rows = 0;
	int		 rc, first, oom = 0;

	sqlite3_bind_int(st, 1, mode);
	if (fmt == EXPORT_CSV || fmt == EXPORT_RESPONSES) {
		/* The byte-order mark tells Excel the file is UTF-8. */
		sink_puts(s, "\xEF\xBB\xBF");
		first = 1;
		if (fmt == EXPORT_CSV) {
			for (int f = 0; f < XF__MAX; f++) {
				if (xfields[f].private && !private)
					continue;
				export_csv_field(s, xfields[f].name, first);
				first = 0;
			}
		} else
			for (int f = 0; f < RF__MAX; f++) {
				export_csv_field(s, rfields[f], first);
				first = 0;
			}
		sink_put(s, "\r\n", 2);
	} else
		sink_puts(s, "{\"proposals\":[");

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == EXPORT_CSV) {
			first = 1;
			for (int f = 0; f < XF__MAX; f++) {
				if (xfields[f].private && !private)
					continue;
				if ((v = xvalue(st, f, origin, buf, sizeof(buf),
				    &cell)) == NULL) {
					oom = 1;
					v = "";
				}
				export_csv_field(s, v, first);
				first = 0;
			}
			sink_put(s, "\r\n", 2);
		} else if (fmt == EXPORT_RESPONSES) {
			for (int f = 0; f < RF__MAX; f++)
				export_csv_field(s, rvalue(st, f, origin, buf,
				    sizeof(buf)), f == 0);
			sink_put(s, "\r\n", 2);
		} else {
			sink_puts(s, rows ? ",\n{" : "\n{");
			first = 1;
			for (int f = 0; f < XF__MAX; f++) {
				if (xfields[f].private && !private)
					continue;
				if (!first)
					sink_put(s, ",", 1);
				first = 0;
				export_json_string(s, xfields[f].name);
				sink_put(s, ":", 1);
				if (f == XF_MILESTONES) {
					if (milestones_json(s, st, &cell) == -1)
						oom = 1;
					continue;
				}
				if ((v = xvalue(st, f, origin, buf, sizeof(buf),
				    &cell)) == NULL) {
					oom = 1;
					v = "";
				}
				if (f == XF_VALUE) {
					/* A list of the ticked values. */
					unsigned m = (unsigned)sqlite3_column_int(st,
					    XC_VALUES);
					int k = 0;
					sink_put(s, "[", 1);
					for (unsigned i = 0; i < 3; i++)
						if (m & (1u << i)) {
							if (k++)
								sink_put(s, ",", 1);
							export_json_string(s,
							    valid_value_name(1u << i));
						}
					sink_put(s, "]", 1);
				} else if (xfields[f].number)
					sink_puts(s, *v != '\0' ? v : "null");
				else
					export_json_string(s, v);
			}
			sink_put(s, "}", 1);
		}
		if (++rows % 1000 == 0 && progress != NULL)
			progress(rows, arg);
		if (oom)
			s->failed = 1;
		if (s->failed)
			break;
	}
	sqlite3_reset(st);
	buf_free(&cell);
	if (fmt == EXPORT_JSON)
		sink_puts(s, "\n]}\n");
	if (progress != NULL)
		progress(rows, arg);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	return sink_flush(s);
}
