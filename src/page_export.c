/*
 * Exports on the web: the organizers' CSV, JSON and ODT with every field,
 * the public open data without anything private, and the reasoned-response
 * register.  The writers are in export.c and export_odt.c, shared with
 * `cocreate export`.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "page.h"

/* "cocreate-proposals-20200306.csv": the Taipei date of the export. */
static char *
filename(struct req *r, const char *what, const char *ext)
{
	char	 day[16];
	time_t	 t = r->now + WHEN_TAIPEI_OFFSET;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	return arena_printf(r->arena, "cocreate-%s-%s.%s", what, day, ext);
}

/* Streams an export as it is read; the response has begun when it fails. */
static int
stream(struct req *r, enum export_format fmt, int mode, int private,
    const char *ctype, const char *name)
{
	struct sink	 s = { resp_stream_write, r, { 0 }, 0 };

	if (resp_stream_begin(r, ctype, name) == -1)
		return 0;
	if (r->method != METHOD_HEAD &&
	    export_run(r->db, fmt, mode, private, r->origin ? r->origin : "",
	    &s, NULL, NULL) == -1)
		log_line(r, "export stopped: %s", s.failed ? "client gone" :
		    db_errmsg(r->db));
	sink_free(&s);
	return 0;
}

/* The organizers' exports: submitted and withdrawn, ?drafts=1 drafts too. */
static int
staff_export(struct req *r, enum export_format fmt)
{
	const char	*drafts = req_query(r, "drafts");
	int		 mode = drafts != NULL && strcmp(drafts, "1") == 0 ? 2 : 1;

	if (page_organizer(r))
		return 0;
	log_line(r, "export by %s", r->user->login);
	if (fmt == EXPORT_JSON)
		return stream(r, fmt, mode, 1, "application/json; charset=utf-8",
		    filename(r, "proposals", "json"));
	return stream(r, fmt, mode, 1, "text/csv; charset=utf-8; header=present",
	    filename(r, "proposals", "csv"));
}

/* `/admin/export.csv` (organizers). */
int
page_export_csv(struct req *r)
{
	return staff_export(r, EXPORT_CSV);
}

/* `/admin/export.json` (organizers). */
int
page_export_json(struct req *r)
{
	return staff_export(r, EXPORT_JSON);
}

/* `/admin/export-responses.csv` (organizers): the register as CSV. */
int
page_export_responses(struct req *r)
{
	if (page_organizer(r))
		return 0;
	return stream(r, EXPORT_RESPONSES, 0, 0,
	    "text/csv; charset=utf-8; header=present",
	    filename(r, "responses", "csv"));
}

/* `/proposals.csv`: public open data, submitted proposals, no contacts. */
int
page_open_csv(struct req *r)
{
	return stream(r, EXPORT_CSV, 0, 0, "text/csv; charset=utf-8; "
	    "header=present", filename(r, "proposals-public", "csv"));
}

/* `/proposals.json`: the same as JSON. */
int
page_open_json(struct req *r)
{
	return stream(r, EXPORT_JSON, 0, 0, "application/json; charset=utf-8",
	    NULL);
}

/*
 * Builds the ODT in a temporary file (libzip writes archives to files) and
 * streams the file.  Returns 0.
 */
static int
odt(struct req *r, long long only, const char *name)
{
	const char	*dir = getenv("TMPDIR");
	char		 path[512], buf[65536];
	struct sink	 s = { resp_stream_write, r, { 0 }, 0 };
	ssize_t		 n;
	int		 fd;

	snprintf(path, sizeof(path), "%s/cocreate-odt-XXXXXX",
	    dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) == -1) {
		log_line(r, "odt: %s: cannot make a temporary file", path);
		return resp_error(r, 503, "暫時無法產生檔案，請稍後再試。",
		    "The file cannot be made right now; try again shortly.");
	}
	close(fd);
	if (export_odt(r->db, 0, only, r->now, path, NULL, NULL) == -1) {
		unlink(path);
		return page_db_fail(r);
	}
	if ((fd = open(path, O_RDONLY)) == -1) {
		unlink(path);
		return page_db_fail(r);
	}
	unlink(path);
	if (resp_stream_begin(r, "application/vnd.oasis.opendocument.text",
	    name) == 0)
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (sink_put(&s, buf, (size_t)n) == -1)
				break;
	sink_flush(&s);
	sink_free(&s);
	close(fd);
	return 0;
}

/* `/admin/export.odt` (organizers): every submitted proposal. */
int
page_export_odt(struct req *r)
{
	if (page_organizer(r))
		return 0;
	log_line(r, "odt export by %s", r->user->login);
	return odt(r, 0, filename(r, "proposals", "odt"));
}

/*
 * `/admin/proposals/{id}.odt`: one proposal, for organizers and the agency
 * it is addressed to.
 */
int
page_proposal_odt(struct req *r)
{
	sqlite3_stmt	*st;
	long long	 agency_id = 0;
	int		 rc;
	char		*name;

	if (page_staff(r))
		return 0;
	st = db_stmt(r->db, STMT_PROPOSAL_ADDRESSED);
	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		agency_id = sqlite3_column_int64(st, 0);
		if (strcmp(page_col(st, 1), "submitted") != 0)
			rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return page_not_found(r);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	if (page_agency_ok(r, agency_id))
		return 0;
	name = arena_printf(r->arena, "cocreate-proposal-%lld.odt", r->id);
	return odt(r, r->id, name);
}

/* Rows of the register on a page. */
#define REGISTER_PAGE 100

/*
 * `/responses?page=N`: the reasoned-response register: every submitted
 * proposal, the agency it is addressed to, the answer, the item it fed
 * into, and why; newest first, 100 a page (the whole register is one
 * file at /admin/export-responses.csv and in the open data).
 */
int
page_responses(struct req *r)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	const char	 *pg = req_query(r, "page");
	long long	  page = 1, total = 0, answered = 0, pages;
	int		  rc, n = 0;

	if (pg != NULL && *pg != '\0' && (!valid_id(pg, &page) ||
	    page > 100000))
		return resp_error(r, 400, "頁碼不正確。",
		    "The page number is not valid.");
	st = db_stmt(r->db, STMT_PROPOSAL_COUNTED);
	sqlite3_bind_text(st, 1, "all", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, 0);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return page_db_fail(r);
	st = db_stmt(r->db, STMT_RESPONSES_ANSWERED);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		answered = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	pages = total == 0 ? 1 : (total + REGISTER_PAGE - 1) / REGISTER_PAGE;

	if ((d = resp_page_begin(r, "responses.tpl", "回應登錄簿",
	    "Reasoned-response register")) == NULL)
		return resp_page_end(r, 500);
	st = db_stmt(r->db, STMT_RESPONSES);
	sqlite3_bind_int(st, 1, REGISTER_PAGE);
	sqlite3_bind_int64(st, 2, (page - 1) * REGISTER_PAGE);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		row = tmpl_section(d, "ROW");
		tmpl_set(row, "ID", page_col(st, 0));
		tmpl_set(row, "TITLE", page_col(st, 7));
		tmpl_set(row, "AGENCY_SLUG", page_col(st, 19));
		tmpl_set(row, "AGENCY", page_col(st, 20));
		if (sqlite3_column_type(st, 26) != SQLITE_NULL) {
			struct tmpl_dict *a = tmpl_section(row, "ANSWER");
			tmpl_set(a, "STATUS", page_col(st, 26));
			tmpl_set(a, "ZH", page_answer_zh(page_col(st, 26)));
			tmpl_set(a, "EN", page_answer_en(page_col(st, 26)));
			tmpl_set(a, "RESPONSE_HTML", page_col(st, 28));
			if (sqlite3_column_type(st, 29) != SQLITE_NULL) {
				struct tmpl_dict *it = tmpl_section(a, "ITEM");
				page_set_item_no(it, "NO", sqlite3_column_int(st, 29),
				    sqlite3_column_int(st, 30));
				tmpl_set(it, "TITLE", page_col(st, 31));
			}
			page_set_time(a, "AT", page_col(st, 32));
			tmpl_set(a, "BY", page_col(st, 33));
		} else
			tmpl_show(row, "UNANSWERED");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "ANSWERED", answered);
	tmpl_set_int(d, "PAGE", page);
	tmpl_set_int(d, "PAGES", pages);
	if (page > 1)
		tmpl_set(tmpl_section(d, "PREV"), "URL", arena_printf(r->arena,
		    "/responses?page=%lld", page - 1));
	if (page < pages)
		tmpl_set(tmpl_section(d, "NEXT"), "URL", arena_printf(r->arena,
		    "/responses?page=%lld", page + 1));
	if (n == 0)
		tmpl_show(d, "NONE");
	return resp_page_end(r, 200);
}
