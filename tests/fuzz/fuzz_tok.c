/*
 * libFuzzer harness: the search index's tokenizer (src/tok.c) inside FTS5.
 *
 * The first byte of the input picks where it splits into a text and a
 * query; both go through an FTS5 table of cc_trigram as they are (any
 * bytes: neither may crash, leak or read out of bounds).  When the text is
 * UTF-8 without a NUL, every run of one to four characters of it, taken
 * from where the input says, must find the text: a run of one or two as a
 * prefix query, a longer one as a phrase, as /search asks.  FTS5's own
 * integrity-check must pass with the text in the table and after it is
 * deleted (the tokens the tokenizer gives for a text are the same each
 * time).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

static sqlite3	*conn;

static void
setup(void)
{
	if (conn != NULL)
		return;
	FUZZ_CHECK(sqlite3_open(":memory:", &conn) == SQLITE_OK, "open");
	FUZZ_CHECK(tok_register(conn) == 0, "tok_register");
	FUZZ_CHECK(sqlite3_exec(conn, "CREATE VIRTUAL TABLE f USING "
	    "fts5(t, tokenize = 'cc_trigram')", NULL, NULL, NULL) == SQLITE_OK,
	    "the table");
}

/* Rows matching the FTS5 query q[0..n), or -1 when FTS5 refuses it. */
static int
matches(const char *q, size_t n)
{
	sqlite3_stmt	*st;
	int		 c = -1;

	FUZZ_CHECK(sqlite3_prepare_v2(conn, "SELECT count(*) FROM f WHERE "
	    "f MATCH ?1", -1, &st, NULL) == SQLITE_OK, "prepare");
	sqlite3_bind_text(st, 1, q, (int)n, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		c = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return c;
}

/* The word w[0..n) of k characters as /search quotes it (page_search.c). */
static size_t
quote(const char *w, size_t n, size_t k, char *out)
{
	size_t	 j = 0;

	out[j++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			out[j++] = '"';
		out[j++] = w[i];
	}
	out[j++] = '"';
	if (k < 3)
		out[j++] = '*';
	return j;
}

static void
run(const char *sql, const char *text, size_t n)
{
	sqlite3_stmt	*st;

	FUZZ_CHECK(sqlite3_prepare_v2(conn, sql, -1, &st, NULL) == SQLITE_OK,
	    "prepare");
	if (text != NULL)
		sqlite3_bind_text(st, 1, text, (int)n, SQLITE_STATIC);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE, sql);
	sqlite3_finalize(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text, *query;
	size_t		 tlen, qlen, starts[64], nstarts = 0;
	char		 q[64];

	if (size < 2)
		return 0;
	setup();
	text = (const char *)data + 1;
	tlen = data[0] % size;		/* 0 .. size - 1 */
	query = text + tlen;
	qlen = size - 1 - tlen;

	run("INSERT INTO f (rowid, t) VALUES (1, ?1)", text, tlen);
	(void)matches(query, qlen);		/* any bytes: no crash */

	if (ref_utf8(text, tlen, NULL) && memchr(text, '\0', tlen) == NULL) {
		/* Where each character begins. */
		for (size_t i = 0; i < tlen && nstarts < 64; i++)
			if (((unsigned char)text[i] & 0xC0) != 0x80)
				starts[nstarts++] = i;
		/* Runs of one to four characters, as the query's bytes say. */
		for (size_t i = 0; i < qlen && i < 8 && nstarts > 0; i++) {
			size_t	 at = (unsigned char)query[i] % nstarts;
			size_t	 k = 1 + ((unsigned char)query[i] >> 6);
			size_t	 end, n;

			if (at + k > nstarts && (k = nstarts - at) == 0)
				continue;
			end = at + k < nstarts ? starts[at + k] : tlen;
			n = end - starts[at];
			if (n > 24)
				continue;
			FUZZ_CHECK(matches(q, quote(text + starts[at], n, k,
			    q)) == 1, "every run of the text finds it");
		}
	}
	run("INSERT INTO f (f, rank) VALUES ('integrity-check', 0)", NULL, 0);
	run("DELETE FROM f", NULL, 0);
	run("INSERT INTO f (f, rank) VALUES ('integrity-check', 0)", NULL, 0);
	return 0;
}
