/*
 * The search index's tokenizer, "cc_trigram": SQLite's own trigram
 * tokenizer (case folded as it folds), and after the trigrams of a text
 * its last two characters and its last one.  With those two tails every
 * character and every pair of characters of a text begins a token, so a
 * word of one or two characters, which no trigram equals, is a prefix
 * query ("交通"*) answered from the index, where it took a scan of every
 * doc (71-75 ms at 10,000 proposals and 50,000 comments).  Words of
 * three characters or more are phrases of trigrams as before; the tails
 * come after a text's last trigram, so no phrase of trigrams runs across
 * them.
 *
 * In a query a text of one or two characters is the word folded as the
 * trigram tokenizer folds it: the text with two spaces after it, whose
 * first trigram begins with the word.
 *
 * A text to index whose every character is ASCII (but NUL) or one that
 * SQLite's folding leaves as it is (tri_plain: CJK, its punctuation and
 * the full-width forms but the letters; test_db.c checks every one
 * against SQLite) has its trigrams made here, in one pass with no
 * folding but of A-Z, and the same tokens at the same offsets as the
 * trigram tokenizer gives (test_db.c compares them): that tokenizer
 * decodes and folds each character three times, through a table search
 * for all but ASCII, about 530 instructions a token of a Chinese text,
 * half of indexing it.  Any other text goes to SQLite's tokenizer whole.
 */
#include <string.h>

#include "extern.h"

#define TOK_NAME	"cc_trigram"
#define TOK_MAX		16	/* bytes of a trigram: three of up to four */

/* The trigram tokenizer as SQLite registered it on the connection. */
struct tok_mod {
	fts5_tokenizer	 tri;
	void		*tri_ctx;
};

struct tok {
	struct tok_mod	*mod;
	Fts5Tokenizer	*tri;
};

/* One xTokenize call: where the tokens go, and the last trigram seen. */
struct tok_run {
	void		*ctx;
	int		(*x)(void *, int, const char *, int, int, int);
	char		 last[TOK_MAX];
	int		 nlast, start, end, n, pass;
};

/* Bytes of the UTF-8 characters of s[0..n) that begin before char k. */
static int
chars_len(const char *s, int n, int k)
{
	int	 i = 0;

	while (i < n && k-- > 0)
		for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			continue;
	return i;
}

/* Characters (first bytes of UTF-8 sequences) in s[0..n). */
static int
chars_count(const char *s, int n)
{
	int	 k = 0;

	for (int i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/*
 * Each token of the trigram tokenizer: kept as the last and passed on, or
 * (a short text, padded: !pass) the first kept alone.
 */
static int
tok_seen(void *p, int tflags, const char *t, int nt, int start, int end)
{
	struct tok_run	*r = p;

	if (++r->n > 1 && !r->pass)
		return SQLITE_OK;
	if (nt <= TOK_MAX) {
		memcpy(r->last, t, (size_t)nt);
		r->nlast = nt;
		r->start = start;
		r->end = end;
	} else
		r->nlast = 0;
	return r->pass ? r->x(r->ctx, tflags, t, nt, start, end) : SQLITE_OK;
}

/*
 * Whether the code point c is one that sqlite3Fts5UnicodeFold leaves as it
 * is: general punctuation and currency signs, CJK radicals to Yi, Hangul
 * syllables, CJK compatibility ideographs and forms, the half- and
 * full-width forms but the letters A-Z (up to U+FFEF), and the CJK
 * extensions of planes 2 and 3.  No surrogate is among them, and
 * tri_char's three-byte forms below U+0800 (overlong) give none either.
 */
static int
tri_plain(unsigned c)
{
	return (c >= 0x2000 && c <= 0x20CF) || (c >= 0x2E80 && c <= 0xA63F) ||
	    (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/*
 * Bytes of the character at u (of the n left) when it is one the fast
 * path takes (ASCII but NUL, or tri_plain), else 0.  *upper is set when it
 * is an ASCII capital.
 */
static int
tri_char(const unsigned char *u, int n, int *upper)
{
	unsigned	 c;

	if (u[0] < 0x80) {
		*upper |= u[0] >= 'A' && u[0] <= 'Z';
		return u[0] != 0;
	}
	if (u[0] >= 0xE0 && u[0] <= 0xEF && n >= 3 &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		c = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
		return tri_plain(c) ? 3 : 0;
	}
	if (u[0] >= 0xF0 && u[0] <= 0xF4 && n >= 4 &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
	    (u[3] & 0xC0) == 0x80) {
		c = (u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 |
		    (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu);
		return tri_plain(c) ? 4 : 0;
	}
	return 0;
}

/* The byte b as the trigram tokenizer folds ASCII. */
static char
tri_fold(unsigned char b)
{
	return (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
}

/* Bytes of the UTF-8 character whose first byte is b (checked before). */
static int
tri_len(unsigned char b)
{
	return b < 0x80 ? 1 : b < 0xF0 ? 3 : 4;
}

/*
 * The trigrams of text[0..n) (three characters or more), each passed on
 * to r->x, the last kept in r, as the trigram tokenizer gives them.
 * Returns an SQLite code, or -1 (nothing passed on) when the text has a
 * character the fast path does not take.
 */
static int
tri_fast(struct tok_run *r, const char *text, int n)
{
	const unsigned char	*u = (const unsigned char *)text;
	char			*low = NULL;
	const char		*t = text;
	int			 a, b, c, d, i, len, rc = SQLITE_OK, upper = 0;

	for (i = 0; i < n; i += len)
		if ((len = tri_char(u + i, n - i, &upper)) == 0)
			return -1;
	/* With capitals, a folded copy to take the trigrams from. */
	if (upper) {
		if ((low = sqlite3_malloc(n)) == NULL)
			return SQLITE_NOMEM;
		for (i = 0; i < n; i++)
			low[i] = tri_fold(u[i]);
		t = low;
	}
	a = 0;
	b = a + tri_len(u[a]);
	c = b + tri_len(u[b]);
	for (;;) {
		d = c + tri_len(u[c]);
		if ((rc = r->x(r->ctx, 0, t + a, d - a, a, d)) != SQLITE_OK ||
		    d == n)
			break;
		a = b;
		b = c;
		c = d;
	}
	/* The last trigram, for the tails. */
	memcpy(r->last, t + a, (size_t)(d - a));
	r->nlast = d - a;
	r->start = a;
	r->end = d;
	sqlite3_free(low);
	return rc;
}

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tok_mod	*mod = ctx;
	struct tok	*t;
	int		 rc;

	if ((t = sqlite3_malloc(sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	t->mod = mod;
	if ((rc = mod->tri.xCreate(mod->tri_ctx, argv, argc, &t->tri)) !=
	    SQLITE_OK) {
		sqlite3_free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *p)
{
	struct tok	*t = (struct tok *)p;

	t->mod->tri.xDelete(t->tri);
	sqlite3_free(t);
}

/*
 * The first trigram of a short text (one or two characters) with two
 * spaces after it, folded, into r->last.  Returns an SQLite code.
 */
static int
tok_short(struct tok *t, struct tok_run *r, int flags, const char *text,
    int n)
{
	char	 pad[TOK_MAX];

	memcpy(pad, text, (size_t)n);
	memcpy(pad + n, "  ", 2);
	r->pass = 0;
	r->n = r->nlast = 0;
	return t->mod->tri.xTokenize(t->tri, r, flags, pad, n + 2, tok_seen);
}

static int
tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int n, int (*x)(void *, int, const char *, int, int, int))
{
	struct tok	*t = (struct tok *)p;
	struct tok_run	 r = { .ctx = ctx, .x = x, .pass = 1 };
	int		 rc, k, m, a, b;

	k = n <= 8 ? chars_count(text, n) : 3;
	if (flags & FTS5_TOKENIZE_QUERY) {
		/* A short word, folded, for a prefix query. */
		if (k == 0 || k >= 3)
			return t->mod->tri.xTokenize(t->tri, ctx, flags, text,
			    n, x);
		if ((rc = tok_short(t, &r, flags, text, n)) != SQLITE_OK)
			return rc;
		if (r.nlast == 0)
			return SQLITE_OK;
		return x(ctx, 0, r.last, chars_len(r.last, r.nlast, k), 0, n);
	}

	/* A text: its trigrams, then its tails from the last of them. */
	if (k >= 3) {
		if ((rc = tri_fast(&r, text, n)) == -1)
			rc = t->mod->tri.xTokenize(t->tri, &r, flags, text, n,
			    tok_seen);
		if (rc != SQLITE_OK)
			return rc;
		m = 3;
	} else if (k > 0) {
		if ((rc = tok_short(t, &r, flags, text, n)) != SQLITE_OK)
			return rc;
		r.start = 0;
		r.end = n;
		m = k;
	} else
		return SQLITE_OK;
	if (r.nlast == 0 || chars_count(r.last, r.nlast) < m)
		return SQLITE_OK;
	/* The last two characters (of three, or of two), then the last. */
	for (int from = m >= 2 ? m - 2 : m - 1; from < m; from++) {
		a = chars_len(r.last, r.nlast, from);
		b = chars_len(r.last, r.nlast, m);
		if ((rc = x(ctx, 0, r.last + a, b - a,
		    r.start + chars_len(text + r.start, r.end - r.start, from),
		    r.end)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static void
tok_mod_free(void *p)
{
	sqlite3_free(p);
}

/*
 * Registers cc_trigram on the connection (every connection that opens the
 * search index needs it).  Returns 0 or -1.
 */
int
tok_register(sqlite3 *conn)
{
	static fts5_tokenizer	 methods = { tok_create, tok_delete,
				    tok_tokenize };
	sqlite3_stmt		*st;
	fts5_api		*api = NULL;
	struct tok_mod		*mod;
	void			*tri_ctx;

	if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2 ||
	    (mod = sqlite3_malloc(sizeof(*mod))) == NULL)
		return -1;
	if (api->xFindTokenizer(api, "trigram", &tri_ctx, &mod->tri) !=
	    SQLITE_OK) {
		sqlite3_free(mod);
		return -1;
	}
	mod->tri_ctx = tri_ctx;
	if (api->xCreateTokenizer(api, TOK_NAME, mod, &methods,
	    tok_mod_free) != SQLITE_OK) {
		sqlite3_free(mod);
		return -1;
	}
	return 0;
}
