/*
 * Helpers shared by the page handlers: the deadline, times, labels.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "page.h"

/* Returns the consultation's deadline, or 0 when none is set. */
time_t
page_deadline(struct req *r)
{
	char	 s[64];
	time_t	 t;

	if (db_setting(r->db, "deadline", s, sizeof(s)) == -1 ||
	    when_parse(s, 0, &t) == -1)
		return 0;
	return t;
}

/*
 * Sets the deadline's variables: DEADLINE (Asia/Taipei), DEADLINE_ISO,
 * DEADLINE_ROC, LEFT_ZH, LEFT_EN, and the section OPEN or CLOSED.
 */
void
page_set_deadline(struct req *r, struct tmpl_dict *d, time_t deadline)
{
	char	 s[64], zh[64], en[64];

	if (deadline == 0) {
		tmpl_show(d, "OPEN");
		return;
	}
	when_taipei(deadline, s, sizeof(s));
	tmpl_set(d, "DEADLINE", s);
	when_utc(deadline, s, sizeof(s));
	tmpl_set(d, "DEADLINE_ISO", s);
	when_roc(deadline, s, sizeof(s));
	tmpl_set(d, "DEADLINE_ROC", s);
	when_left(r->now, deadline, zh, sizeof(zh), en, sizeof(en));
	tmpl_set(d, "LEFT_ZH", zh);
	tmpl_set(d, "LEFT_EN", en);
	tmpl_show(d, r->now < deadline ? "OPEN" : "CLOSED");
}

/*
 * Sets key to a stored UTC time shown in Asia/Taipei and key_ISO to the
 * time itself (for <time datetime>); with roc, key_ROC to the ROC date as
 * well.  Returns the time, or -1 when utc is empty or not a time (and sets
 * nothing).
 */
#define TIME_KEYS	32

/*
 * The names key_ISO and key_ROC, made once for each key (the callers pass
 * string literals, so the address finds them): the same strings every
 * time let the dictionary find them by address too.  NULL when the table
 * is full or the key too long (set_time() then makes them each time).
 */
static const char *const *
time_keys(const char *key)
{
	static struct {
		const char	*key;
		char		 iso[40], roc[40];
		const char	*names[2];
	}		 tab[TIME_KEYS];
	static size_t	 n;
	size_t		 len;

	for (size_t i = 0; i < n; i++)
		if (tab[i].key == key)
			return tab[i].names;
	if (n == TIME_KEYS || (len = strlen(key)) + sizeof("_ISO") >
	    sizeof(tab[n].iso))
		return NULL;
	memcpy(tab[n].iso, key, len);
	memcpy(tab[n].iso + len, "_ISO", sizeof("_ISO"));
	memcpy(tab[n].roc, key, len);
	memcpy(tab[n].roc + len, "_ROC", sizeof("_ROC"));
	tab[n].names[0] = tab[n].iso;
	tab[n].names[1] = tab[n].roc;
	tab[n].key = key;
	return tab[n++].names;
}

static void
set_time(struct tmpl_dict *d, const char *key, const char *utc, int roc)
{
	const char *const *names = time_keys(key);
	char		 s[64], iso[64], rocname[64];
	const char	*own[2] = { iso, rocname };
	time_t		 t;

	if (utc == NULL || *utc == '\0')
		return;
	/* The stored form without the ROC date: the digits shifted. */
	if (!roc && names != NULL && when_stored_taipei(utc, s) == 0) {
		tmpl_setn(d, key, s, WHEN_TAIPEI_LEN);
		tmpl_setn(d, names[0], utc, 20);
		return;
	}
	if (when_parse(utc, 0, &t) == -1)
		return;
	if (names == NULL) {
		/* A key past the table: its names made here, as slower. */
		snprintf(iso, sizeof(iso), "%s_ISO", key);
		snprintf(rocname, sizeof(rocname), "%s_ROC", key);
		names = own;
	}
	when_taipei(t, s, sizeof(s));
	tmpl_set(d, key, s);
	tmpl_set(d, names[0], utc);
	if (roc) {
		when_roc(t, s, sizeof(s));
		tmpl_set(d, names[1], s);
	}
}

void
page_set_time(struct tmpl_dict *d, const char *key, const char *utc)
{
	set_time(d, key, utc, 0);
}

void
page_set_time_roc(struct tmpl_dict *d, const char *key, const char *utc)
{
	set_time(d, key, utc, 1);
}

int
page_not_found(struct req *r)
{
	return resp_error(r, 404, "找不到這個頁面。",
	    "There is no page at this address.");
}

/*
 * Answers a database failure: 503 with a "try again" page when the
 * database is busy, locked, full or read-only (a fault that passes), 500
 * otherwise.  Either way one log line says why.
 */
int
page_db_fail(struct req *r)
{
	int	 busy = db_busy(r->db);

	log_line(r, "database: %s", db_errmsg(r->db));
	db_rollback(r->db);
	if (busy)
		return resp_error(r, 503, "系統暫時無法存取資料，請稍候再試。",
		    "The database is unavailable for a moment; please try "
		    "again shortly.");
	return resp_error(r, 500, "系統發生錯誤，已記錄下來。",
	    "Something went wrong on our side; it has been logged.");
}

/* Returns a text column, or "" for NULL. */
const char *
page_col(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

const char *
page_kind_zh(const char *kind)
{
	if (strcmp(kind, "modify") == 0)
		return "修改承諾事項";
	if (strcmp(kind, "delete") == 0)
		return "刪除承諾事項";
	return "新增承諾事項";
}

const char *
page_kind_en(const char *kind)
{
	if (strcmp(kind, "modify") == 0)
		return "modify an item";
	if (strcmp(kind, "delete") == 0)
		return "delete an item";
	return "add a commitment";
}

/* A proposal's status, "draft", "submitted" or "withdrawn", in words. */
const char *
page_proposal_status_zh(const char *s)
{
	if (strcmp(s, "submitted") == 0)
		return "已送出";
	if (strcmp(s, "withdrawn") == 0)
		return "已撤回";
	return "草稿";
}

const char *
page_proposal_status_en(const char *s)
{
	if (strcmp(s, "submitted") == 0)
		return "submitted";
	if (strcmp(s, "withdrawn") == 0)
		return "withdrawn";
	return "draft";
}

const char *
page_item_status_zh(const char *s)
{
	if (strcmp(s, "in_progress") == 0)
		return "執行中";
	if (strcmp(s, "completed") == 0)
		return "已完成";
	if (strcmp(s, "dropped") == 0)
		return "已刪除";
	return "草案";
}

const char *
page_item_status_en(const char *s)
{
	if (strcmp(s, "in_progress") == 0)
		return "in progress";
	if (strcmp(s, "completed") == 0)
		return "completed";
	if (strcmp(s, "dropped") == 0)
		return "dropped";
	return "draft";
}

/* Adds one VALUE section per OGP value in mask, with ZH, EN and NAME. */
void
page_set_values(struct tmpl_dict *d, unsigned mask)
{
	static const char *const zh[] = { "透明", "公共參與", "課責" };
	static const char *const en[] = { "transparency", "civic participation",
	    "accountability" };
	struct tmpl_dict *v;

	for (unsigned i = 0; i < 3; i++) {
		if (!(mask & (1u << i)))
			continue;
		v = tmpl_section(d, "VALUE");
		tmpl_set(v, "ZH", zh[i]);
		tmpl_set(v, "EN", en[i]);
		tmpl_set(v, "NAME", valid_value_name(1u << i));
	}
}

/* Sets key to an item's number as the NDC writes it, "2-3". */
void
page_set_item_no(struct tmpl_dict *d, const char *key, int commitment,
    int position)
{
	char	 s[48], *p;

	/* "%d-%d" without snprintf(): lists set one a row. */
	p = str_decimal(s, commitment);
	*p++ = '-';
	p = str_decimal(p, position);
	tmpl_setn(d, key, s, (size_t)(p - s));
}

/*
 * The abuse limit on creations of kind ("proposal", "comment") from the
 * request's address: at most the setting limit_<kind>s per hour (default
 * def; 0 turns the limit off, for a workshop behind one address).
 * Returns 1 when the limit is reached, 0 when not, -1 on a database error.
 */
/* The UTC minute of t, "2020-03-06T15:59": rate_counts' buckets. */
static void
rate_minute(time_t t, char *out, size_t n)
{
	when_utc(t, out, n);
	if (n > 16)
		out[16] = '\0';
}

int
page_rate_limited(struct req *r, const char *kind, int def)
{
	sqlite3_stmt	*st;
	char		 key[64], v[32], since[32];
	long long	 limit = def, n = -1;

	snprintf(key, sizeof(key), "limit_%ss", kind);
	if (db_setting(r->db, key, v, sizeof(v)) == 0 && !valid_id(v, &limit))
		limit = strcmp(v, "0") == 0 ? 0 : def;
	if (limit == 0)
		return 0;
	rate_minute(r->now - 3600, since, sizeof(since));
	st = db_stmt(r->db, STMT_RATE_COUNT);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->remote_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (n < 0)
		return -1;
	if (n >= limit) {
		log_line(r, "rate limit: %s from %s (%lld in the last hour)",
		    kind, r->remote_addr, n);
		return 1;
	}
	return 0;
}

/*
 * Counts one creation for the limit.  Call it inside the transaction that
 * creates the thing, so that it costs no commit of its own.  Returns 0 or
 * -1 (the caller rolls back).
 */
int
page_rate_count(struct req *r, const char *kind)
{
	sqlite3_stmt	*st;
	char		 now[32];
	int		 rc;

	rate_minute(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_RATE_INSERT);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->remote_addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Drops the events older than a day, at most once every ten minutes per
 * worker: a write of its own, off the path of every submission.
 */
void
page_rate_purge(struct req *r)
{
	static time_t	 last;
	sqlite3_stmt	*st;
	char		 old[32];

	if (r->now - last < 600)
		return;
	last = r->now;
	rate_minute(r->now - 86400, old, sizeof(old));
	st = db_stmt(r->db, STMT_RATE_PURGE);
	sqlite3_bind_text(st, 1, old, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		log_line(r, "rate events purge: %s", db_errmsg(r->db));
	sqlite3_reset(st);
}

/* "%s[0..len)%" with LIKE's wildcards escaped (ESCAPE '\\'), in the arena. */
char *
page_like(struct req *r, const char *s, size_t len)
{
	char	*p = arena_alloc(r->arena, len * 2 + 3);
	size_t	 j = 0;

	if (p == NULL)
		return NULL;
	p[j++] = '%';
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			p[j++] = '\\';
		p[j++] = s[i];
	}
	p[j++] = '%';
	p[j] = '\0';
	return p;
}

/*
 * Appends s[0..len) to b as a phrase of the search index's FTS5 query:
 * quoted, and a word of one or two characters as a prefix ("交通"*),
 * which the tails of tok.c make whole.
 */
void
page_fts_word(struct buf *b, const char *s, size_t len)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '"');
	if (valid_utf8_count(s, len) < 3)
		buf_putc(b, '*');
}

/* Percent-encodes s for a query string, into the arena ("" if NULL). */
char *
page_urlencode(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 len, j = 0;
	char	*out;

	if (s == NULL)
		s = "";
	len = strlen(s);
	if ((out = arena_alloc(r->arena, len * 3 + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			out[j++] = (char)c;
		else {
			out[j++] = '%';
			out[j++] = hex[c >> 4];
			out[j++] = hex[c & 15];
		}
	}
	out[j] = '\0';
	return out;
}


/*
 * Adds an AGENCY_OPTION section (SLUG, NAME, NAME_EN, SELECTED) per agency
 * for a <select>: the one whose slug is selected (or whose id is
 * selected_id) is marked; with only non-zero, just that agency is offered.
 * Returns 0 or -1 on a database error.
 */
int
page_agency_options(struct req *r, struct tmpl_dict *d, const char *selected,
    long long selected_id, long long only)
{
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_AGENCY_OPTIONS);
	struct tmpl_dict *o;
	long long	  id;
	int		  rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (only != 0 && id != only)
			continue;
		o = tmpl_section(d, "AGENCY_OPTION");
		tmpl_set(o, "SLUG", page_col(st, 1));
		tmpl_set(o, "NAME", page_col(st, 2));
		tmpl_set(o, "NAME_EN", page_col(st, 4));
		if ((selected && strcmp(selected, page_col(st, 1)) == 0) ||
		    (selected_id != 0 && id == selected_id))
			tmpl_show(o, "SELECTED");
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
