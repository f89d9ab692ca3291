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
		if ((rc = t->mod->tri.xTokenize(t->tri, &r, flags, text, n,
		    tok_seen)) != SQLITE_OK)
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
