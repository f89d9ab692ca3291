/*
 * libFuzzer harness: the query-string and Cookie-header parsers.
 *
 * The input is taken both as a query string (req_urlencoded() with
 * REQ_MAX_FIELDS, checked against the model in fuzz.h) and, as a
 * NUL-terminated copy, as a Cookie header.  The cookie parser must agree
 * with a model of its contract ("a=1; b=2": pairs split on ';', blanks
 * around names and values dropped, one pair of quotes around a value
 * dropped, pieces without '=' or with an empty name skipped), never give a
 * name that is empty or holds ';', and refuse headers over REQ_MAX_COOKIE
 * bytes or 64 pieces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

#define COOKIE_MAX_PIECES 64

/* Checks req_cookies()' answer for the header s against the model. */
static void
check_cookies(enum reqerr e, const struct kv *kv, size_t n, const char *s)
{
	size_t		 len = strlen(s), pieces = 1, m = 0;
	const char	*p, *end;

	for (size_t i = 0; i < len; i++)
		pieces += s[i] == ';';
	if (len > REQ_MAX_COOKIE || (len > 0 && pieces > COOKIE_MAX_PIECES)) {
		FUZZ_CHECK(e == REQ_E_HEADER, "a header over the limits is "
		    "refused");
		return;
	}
	FUZZ_CHECK(e == REQ_OK, "a header within the limits is taken");
	FUZZ_CHECK(n <= pieces, "no more cookies than pieces");
	FUZZ_CHECK(n == 0 || kv != NULL, "cookies are returned");

	for (p = s; ; p = end + 1) {
		const char	*eq, *ks, *ke, *vs, *ve;

		if ((end = strchr(p, ';')) == NULL)
			end = s + len;
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL) {
			for (ks = p; ks < eq && *ks == ' '; ks++)
				;
			for (ke = eq; ke > ks && ke[-1] == ' '; ke--)
				;
			for (vs = eq + 1; vs < end && *vs == ' '; vs++)
				;
			for (ve = end; ve > vs && ve[-1] == ' '; ve--)
				;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			if (ke > ks) {
				FUZZ_CHECK(m < n, "every named piece is a cookie");
				FUZZ_CHECK(strlen(kv[m].key) == (size_t)(ke - ks) &&
				    memcmp(kv[m].key, ks, (size_t)(ke - ks)) == 0,
				    "cookie name as the model");
				FUZZ_CHECK(kv[m].vlen == (size_t)(ve - vs) &&
				    strlen(kv[m].val) == kv[m].vlen &&
				    memcmp(kv[m].val, vs, kv[m].vlen) == 0,
				    "cookie value as the model");
				m++;
			}
		}
		if (*end == '\0')
			break;
	}
	FUZZ_CHECK(m == n, "no cookie beyond the model's");

	for (size_t i = 0; i < n; i++) {
		size_t klen = strlen(kv[i].key);

		FUZZ_CHECK(klen > 0, "no cookie name is empty");
		FUZZ_CHECK(strchr(kv[i].key, ';') == NULL &&
		    strchr(kv[i].key, '=') == NULL,
		    "no ';' or '=' in a cookie name");
		FUZZ_CHECK(kv[i].key[0] != ' ' && kv[i].key[klen - 1] != ' ',
		    "no blank around a cookie name");
		FUZZ_CHECK(strchr(kv[i].val, ';') == NULL,
		    "no ';' in a cookie value");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { 0 };
	struct kv	*kv;
	size_t		 n;
	enum reqerr	 e;
	char		*s;

	/* As a query string (QUERY_STRING is not NUL-safe; the length is). */
	e = req_urlencoded(&a, (const char *)data, size, &kv, &n,
	    REQ_MAX_FIELDS);
	check_urlencoded(e, kv, n, (const char *)data, size, REQ_MAX_FIELDS);
	arena_reset(&a);

	/* As a Cookie header: a C string, so it ends at the first NUL. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	e = req_cookies(&a, s, &kv, &n);
	check_cookies(e, kv, n, s);
	if (e == REQ_OK) {
		FUZZ_CHECK(req_cookie(&(struct req){ .cookie = kv,
		    .ncookie = n }, "no;such") == NULL,
		    "req_cookie finds no cookie that is not there");
		if (n > 0)
			FUZZ_CHECK(req_cookie(&(struct req){ .cookie = kv,
			    .ncookie = n }, kv[n - 1].key) != NULL,
			    "req_cookie finds a cookie that is there");
	}
	free(s);
	arena_free(&a);
	return 0;
}
