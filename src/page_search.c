/*
 * `/search`: proposals, commitment items, comments and MSF meetings, in
 * Chinese and English, through the FTS5 index (tok.c): a word of three
 * characters or more as a phrase of its trigrams, a shorter one as the
 * prefix of a token (every character and pair of characters begins one);
 * ranked with exact titles first, then bm25 with titles weighing more,
 * or newest first: by choice (sort=relevance, sort=new) and, when none is
 * made, by how many match (SEARCH_RANKED).
 * The matched words are highlighted by the template (PART sections), so
 * the text stays escaped.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define MAX_TERMS	8
#define SEARCH_PAGE	20
#define SNIPPET_BEFORE	30	/* characters shown before the first match */
#define SNIPPET_CHARS	140
/*
 * Up to this many matches, a search is ranked by relevance unless newest
 * first is asked for; past it, newest first unless relevance is.  Ranking
 * scores every match and looks its doc up, about 1.5 us each: a word in
 * 33,000 of the bench's 60,000 docs took 60-70 ms to rank, 8 ms newest
 * first (most of it FTS5 merging the tokens the word begins); a phrase in
 * 10,000, 23 ms and 1.7 ms.  Past a thousand matches, more words narrow a
 * search better than any order of them does.
 */
#define SEARCH_RANKED	1000

struct terms {
	const char	*t[MAX_TERMS];
	size_t		 len[MAX_TERMS];
	size_t		 n;
};

/*
 * Splits q (in the arena, changed in place) at ASCII and ideographic
 * spaces.  Returns 0, or -1 when there are too many words.
 */
static int
split_terms(char *q, struct terms *t)
{
	char	*p = q, *start;

	memset(t, 0, sizeof(*t));
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' ||
		    strncmp(p, "\xE3\x80\x80", 3) == 0)
			p += *p == ' ' || *p == '\t' ? 1 : 3;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' &&
		    strncmp(p, "\xE3\x80\x80", 3) != 0)
			p++;
		if (t->n == MAX_TERMS)
			return -1;
		t->t[t->n] = start;
		t->len[t->n] = (size_t)(p - start);
		t->n++;
		if (*p != '\0') {
			if (*p == ' ' || *p == '\t')
				*p++ = '\0';
			else {
				*p = '\0';
				p += 3;
			}
		}
	}
	return 0;
}

/* ASCII letters compare without case; everything else byte for byte. */
static int
match_at(const char *s, size_t left, const char *term, size_t len)
{
	if (len == 0 || len > left)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)term[i];
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return 1;
}

/* The length of the longest term matching at s, or 0. */
static size_t
match_any(const char *s, size_t left, const struct terms *t)
{
	size_t	 best = 0;

	for (size_t i = 0; i < t->n; i++)
		if (t->len[i] > best && match_at(s, left, t->t[i], t->len[i]))
			best = t->len[i];
	return best;
}

/*
 * Adds the text s[0..len) to section sec of d as PART sections, TEXT each,
 * with M shown for the matched words.
 */
static void
highlight(struct tmpl_dict *d, const char *sec, const char *s, size_t len,
    const struct terms *t)
{
	struct tmpl_dict *p;
	size_t		  i = 0, plain = 0, m;

	while (i < len) {
		if ((m = match_any(s + i, len - i, t)) == 0) {
			i++;
			continue;
		}
		if (i > plain)
			tmpl_setn(tmpl_section(d, sec), "TEXT", s + plain, i - plain);
		p = tmpl_section(d, sec);
		tmpl_setn(p, "TEXT", s + i, m);
		tmpl_show(p, "M");
		i += m;
		plain = i;
	}
	if (len > plain)
		tmpl_setn(tmpl_section(d, sec), "TEXT", s + plain, len - plain);
}

/* Moves back n characters from s + pos (not before s). */
static size_t
back_chars(const char *s, size_t pos, size_t n)
{
	while (pos > 0 && n > 0) {
		pos--;
		if (((unsigned char)s[pos] & 0xC0) != 0x80)
			n--;
	}
	return pos;
}

static size_t
forward_chars(const char *s, size_t len, size_t pos, size_t n)
{
	while (pos < len && n > 0) {
		pos++;
		while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
			pos++;
		n--;
	}
	return pos;
}

/*
 * Adds a SNIPPET of the body around its first match (line breaks as
 * spaces), with MORE_BEFORE / MORE_AFTER when it is cut.
 */
static void
snippet(struct req *r, struct tmpl_dict *d, const char *body,
    const struct terms *t)
{
	size_t	 len = strlen(body), first = len, start, end;
	char	*copy;

	for (size_t i = 0; i < len; i++)
		if (match_any(body + i, len - i, t)) {
			first = i;
			break;
		}
	if (first == len)
		first = 0;
	start = back_chars(body, first, SNIPPET_BEFORE);
	end = forward_chars(body, len, start, SNIPPET_CHARS);
	if ((copy = arena_strndup(r->arena, body + start, end - start)) == NULL)
		return;
	for (char *p = copy; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	if (start > 0)
		tmpl_show(d, "MORE_BEFORE");
	if (end < len)
		tmpl_show(d, "MORE_AFTER");
	highlight(d, "SNIPPET", copy, end - start, t);
}

static const struct {
	const char	*kind;
	const char	*zh;
	const char	*en;
} kinds[] = {
	{ "proposal", "民間提案", "proposal" },
	{ "item", "承諾事項", "commitment item" },
	{ "comment", "留言", "comment" },
	{ "meeting", "MSF 會議", "MSF meeting" },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *const answer_filters[] = {
	"under_review", "adopted", "partly_adopted", "not_adopted", "merged",
	"unanswered",
};

#define NANSWER_FILTERS (sizeof(answer_filters) / sizeof(answer_filters[0]))

/* Builds the FTS5 query: every word a phrase (page_fts_word), all required. */
static char *
fts_query(struct req *r, const struct terms *t)
{
	struct buf	 b = { 0 };
	char		*q;

	for (size_t i = 0; i < t->n; i++) {
		if (i)
			buf_putc(&b, ' ');
		page_fts_word(&b, t->t[i], t->len[i]);
	}
	q = arena_strndup(r->arena, buf_cstr(&b), b.len);
	buf_free(&b);
	return q;
}

/* Binds the filters (?2..?5) shared by both statements. */
static void
bind_filters(sqlite3_stmt *st, const char *agency, unsigned bit,
    const char *status, const char *kind)
{
	if (agency)
		sqlite3_bind_text(st, 2, agency, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)bit);
	if (status)
		sqlite3_bind_text(st, 4, status, -1, SQLITE_STATIC);
	if (kind)
		sqlite3_bind_text(st, 5, kind, -1, SQLITE_STATIC);
}

/*
 * Binds the words of a search: its FTS5 query (?1) and its words as LIKE
 * patterns for the docs waiting for the index (?21..?28).
 */
static void
bind_words(sqlite3_stmt *st, const char *fts, char *const *like, size_t n)
{
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	for (size_t i = 0; i < n; i++)
		if (like[i])
			sqlite3_bind_text(st, 21 + (int)i, like[i], -1,
			    SQLITE_STATIC);
}

/* The page of a hit. */
static char *
hit_url(struct req *r, sqlite3_stmt *st)
{
	const char	*kind = page_col(st, 0);
	long long	 ref = sqlite3_column_int64(st, 1);
	const char	*target = page_col(st, 2);
	long long	 tid = sqlite3_column_int64(st, 3);

	if (strcmp(kind, "proposal") == 0)
		return arena_printf(r->arena, "/proposals/%lld", ref);
	if (strcmp(kind, "item") == 0)
		return arena_printf(r->arena, "/commitments/%lld", ref);
	if (strcmp(kind, "meeting") == 0)
		return arena_printf(r->arena, "/meetings/%lld", ref);
	if (strcmp(target, "proposal") == 0)
		return arena_printf(r->arena, "/proposals/%lld#comment-%lld", tid, ref);
	if (strcmp(target, "item") == 0)
		return arena_printf(r->arena, "/commitments/%lld#comment-%lld", tid, ref);
	if (strcmp(target, "meeting") == 0)
		return arena_printf(r->arena, "/meetings/%lld#comment-%lld", tid, ref);
	return arena_printf(r->arena, "/search#comment-%lld", ref);
}

/* One hit: a row of the columns of STMT_SEARCH_FTS, as a HIT section. */
static void
hit_add(struct req *r, struct tmpl_dict *d, sqlite3_stmt *st,
    const struct terms *t)
{
	struct tmpl_dict *row = tmpl_section(d, "HIT");
	const char	 *k = page_col(st, 0), *title = page_col(st, 4);

	tmpl_set(row, "URL", hit_url(r, st));
	tmpl_set(row, "KIND", k);
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(k, kinds[i].kind) == 0) {
			tmpl_set(row, "KIND_ZH", kinds[i].zh);
			tmpl_set(row, "KIND_EN", kinds[i].en);
		}
	highlight(row, "TITLE", title, strlen(title), t);
	snippet(r, row, page_col(st, 5), t);
}

int
page_search(struct req *r)
{
	struct tmpl_dict *d, *o;
	struct terms	  t;
	sqlite3_stmt	 *st;
	const char	 *q = req_query(r, "q"), *agency = req_query(r, "agency");
	const char	 *value = req_query(r, "value"), *status = req_query(r, "status");
	const char	 *kind = req_query(r, "kind"), *pg = req_query(r, "page");
	const char	 *sort = req_query(r, "sort"), *base;
	char		 *qcopy, *fts = NULL, *like[MAX_TERMS] = { NULL };
	unsigned	  bit = 0;
	long long	  page = 1, total = 0, pages, first;
	long long	  ids[SEARCH_PAGE];
	int		  rc, known, ranked;
	const char	 *q_err = NULL;

	if (agency && !*agency)
		agency = NULL;
	if (value && !*value)
		value = NULL;
	if (status && !*status)
		status = NULL;
	if (kind && !*kind)
		kind = NULL;
	if (sort && !*sort)
		sort = NULL;
	if ((agency && !valid_slug(agency)) ||
	    (value && (bit = valid_value_bit(value)) == 0) ||
	    (pg && *pg && (!valid_id(pg, &page) || page > 10000)) ||
	    (sort && strcmp(sort, "relevance") != 0 &&
	    strcmp(sort, "new") != 0))
		return resp_error(r, 400, "搜尋條件不正確。",
		    "The search is not valid.");
	if (status) {
		known = 0;
		for (size_t i = 0; i < NANSWER_FILTERS; i++)
			known |= strcmp(status, answer_filters[i]) == 0;
		if (!known)
			return resp_error(r, 400, "搜尋條件不正確。",
			    "The search is not valid.");
	}
	if (kind) {
		known = 0;
		for (size_t i = 0; i < NKINDS; i++)
			known |= strcmp(kind, kinds[i].kind) == 0;
		if (!known)
			return resp_error(r, 400, "搜尋條件不正確。",
			    "The search is not valid.");
	}
	/*
	 * Words too long, or too many: the search page says so, with the
	 * words in the box to shorten (a pasted sentence does it), not a bare
	 * error page that lost them.
	 */
	t.n = 0;
	if (q && valid_utf8_count(q, strlen(q)) > PAGE_WORDS_MAX)
		q_err = "Q_TOO_LONG";
	else if ((qcopy = arena_strdup(r->arena, q ? q : "")) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	else if (split_terms(qcopy, &t) == -1) {
		q_err = "Q_TOO_MANY";
		t.n = 0;
	}

	if ((d = resp_page_begin(r, "search.tpl", "搜尋", "Search")) == NULL)
		return resp_page_end(r, 500);
	tmpl_set(d, "Q", q ? q : "");
	for (size_t i = 0; i < NKINDS; i++) {
		o = tmpl_section(d, "KIND_OPTION");
		tmpl_set(o, "KIND", kinds[i].kind);
		tmpl_set(o, "ZH", kinds[i].zh);
		tmpl_set(o, "EN", kinds[i].en);
		if (kind && strcmp(kind, kinds[i].kind) == 0)
			tmpl_show(o, "SELECTED");
	}
	for (size_t i = 0; i < NANSWER_FILTERS; i++) {
		o = tmpl_section(d, "STATUS_OPTION");
		tmpl_set(o, "STATUS", answer_filters[i]);
		tmpl_set(o, "ZH", i + 1 == NANSWER_FILTERS ? "尚未回應" :
		    page_answer_zh(answer_filters[i]));
		tmpl_set(o, "EN", i + 1 == NANSWER_FILTERS ? "not answered yet" :
		    page_answer_en(answer_filters[i]));
		if (status && strcmp(status, answer_filters[i]) == 0)
			tmpl_show(o, "SELECTED");
	}
	if (bit)
		tmpl_show(d, bit == VALUE_TRANSPARENCY ? "V_TRANSPARENCY" :
		    bit == VALUE_PARTICIPATION ? "V_PARTICIPATION" :
		    "V_ACCOUNTABILITY");
	if (page_agency_options(r, d, agency, 0, 0) == -1)
		return page_db_fail(r);
	if (q_err != NULL) {
		tmpl_show(d, q_err);
		return resp_page_end(r, 400);
	}
	if (t.n == 0)
		return resp_page_end(r, 200);

	/* The words as LIKE patterns, for the docs waiting for the index. */
	for (size_t i = 0; i < t.n; i++)
		like[i] = page_like(r, t.t[i], t.len[i]);
	fts = fts_query(r, &t);

	/*
	 * Every match's id, newest first, in one pass: how many, and the
	 * page's ids should they be listed newest first.  Then the page's
	 * docs, by relevance (STMT_SEARCH_FTS ranks them) or by those ids.
	 */
	st = db_stmt(r->db, STMT_SEARCH_IDS);
	bind_words(st, fts, like, t.n);
	bind_filters(st, agency, bit, status, kind);
	first = (page - 1) * SEARCH_PAGE;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (total >= first && total < first + SEARCH_PAGE)
			ids[total - first] = sqlite3_column_int64(st, 0);
		total++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	ranked = sort ? strcmp(sort, "relevance") == 0 : total <= SEARCH_RANKED;
	if (ranked && total > first) {
		st = db_stmt(r->db, STMT_SEARCH_FTS);
		bind_words(st, fts, like, t.n);
		bind_filters(st, agency, bit, status, kind);
		sqlite3_bind_text(st, 6, q, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, SEARCH_PAGE);
		sqlite3_bind_int64(st, 8, first);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			hit_add(r, d, st, &t);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return page_db_fail(r);
	} else
		for (long long i = first; i < total && i < first + SEARCH_PAGE;
		    i++) {
			st = db_stmt(r->db, STMT_SEARCH_DOC);
			sqlite3_bind_int64(st, 1, ids[i - first]);
			if ((rc = sqlite3_step(st)) == SQLITE_ROW)
				hit_add(r, d, st, &t);
			sqlite3_reset(st);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				return page_db_fail(r);
		}

	pages = total ? (total + SEARCH_PAGE - 1) / SEARCH_PAGE : 1;
	tmpl_set_int(d, "TOTAL", total);
	tmpl_set_int(d, "PAGE", page);
	tmpl_set_int(d, "PAGES", pages);
	tmpl_show(d, total ? "RESULTS" : "NO_RESULTS");
	/* The links keep the order shown, so the pages follow one another. */
	base = arena_printf(r->arena, "/search?q=%s&agency=%s&value=%s"
	    "&status=%s&kind=%s&sort=", page_urlencode(r, q),
	    agency ? agency : "", value ? value : "", status ? status : "",
	    kind ? kind : "");
	if (base == NULL)
		return resp_page_end(r, 500);
	if (total > 1) {
		o = tmpl_section(d, ranked ? "BY_RELEVANCE" : "BY_NEW");
		tmpl_set(o, "URL", arena_printf(r->arena, "%s%s", base,
		    ranked ? "new" : "relevance"));
		if (!ranked && sort == NULL)
			tmpl_set_int(tmpl_section(o, "MANY"), "LIMIT",
			    SEARCH_RANKED);
	}
	if (page > 1)
		tmpl_set(tmpl_section(d, "PREV"), "URL", arena_printf(r->arena,
		    "%s%s&page=%lld", base, ranked ? "relevance" : "new",
		    page - 1));
	if (page < pages)
		tmpl_set(tmpl_section(d, "NEXT"), "URL", arena_printf(r->arena,
		    "%s%s&page=%lld", base, ranked ? "relevance" : "new",
		    page + 1));
	return resp_page_end(r, 200);
}
