/*
 * libFuzzer harness: the urlencoded body parser and the field table.
 *
 * The input is a request body.  req_urlencoded() must agree with a model
 * written from its contract (fuzz.h), give at most maxfields pairs of
 * NUL-free UTF-8, and refuse the same body with a small limit exactly when
 * it has more pairs than that.  The pairs then go through req_fields() as
 * a handler would see them, with the slack after every string poisoned so
 * a read past a terminator is reported; every field it fills must be the
 * normalised value, counted and refused as the table says.  The arena is
 * reset and freed every run, so leak detection sees every allocation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

/* The characters an FT_WORD value may hold, as valid.c's table says. */
static int
word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':' || c == '~';
}

/* Returns the table row named key, or -1; by name, not by valid_key(). */
static int
table_key(const char *key)
{
	for (int k = 0; k < KEY__MAX; k++)
		if (strcmp(valid_keys[k].name, key) == 0)
			return k;
	return -1;
}

/*
 * Checks one filled field against the value it came from (orig[0..olen),
 * as decoded, before req_fields() normalised it in place).
 */
static void
check_field(int k, const struct field *f, const char *orig, size_t olen,
    int single)
{
	enum ftype	 t = valid_keys[k].type;
	char		*want;
	size_t		 wlen, count;

	FUZZ_CHECK(f->val != NULL, "a field that came is set");
	FUZZ_CHECK(f->val[f->len] == '\0' && strlen(f->val) == f->len,
	    "a field is NUL-terminated at its length");
	FUZZ_CHECK(f->len <= olen, "normalising never lengthens");
	if ((want = malloc(olen + 1)) == NULL)
		abort();
	if (t == FT_LINE || t == FT_TEXT)
		wlen = ref_normalise(orig, olen, t == FT_TEXT, want);
	else {
		memcpy(want, orig, olen);
		wlen = olen;
	}
	FUZZ_CHECK(f->len == wlen && memcmp(f->val, want, wlen) == 0,
	    "the field is its value, normalised as its type asks");
	free(want);

	FUZZ_CHECK(ref_utf8(f->val, f->len, &count), "a field is UTF-8");
	FUZZ_CHECK(f->nchars == count, "nchars counts code points");
	FUZZ_CHECK(f->nchars <= f->len, "nchars <= its byte length");
	FUZZ_CHECK((unsigned)f->err < FERR__MAX, "err is an enum ferr");

	if (t == FT_LINE || t == FT_TEXT)
		for (size_t i = 0; i < f->len; i++) {
			unsigned char c = (unsigned char)f->val[i];

			FUZZ_CHECK(c != '\r' && c != 0x7F && (c >= 0x20 ||
			    (t == FT_TEXT && (c == '\n' || c == '\t'))),
			    "no CR or control left in text");
		}
	if (!single)
		return;
	/* A repeated field's err may come from a later value. */
	FUZZ_CHECK((f->err == FERR_TOO_LONG) ==
	    (f->nchars > valid_keys[k].maxchars),
	    "too long exactly when over the limit in characters");
	if (f->err == FERR_TOO_LONG)
		return;
	if (t == FT_WORD) {
		int word = 1;

		for (size_t i = 0; i < f->len; i++)
			word &= word_char((unsigned char)f->val[i]);
		FUZZ_CHECK((f->err == FERR_INVALID) == !word,
		    "a word field is refused exactly when not a word");
	}
	if (f->err != FERR_NONE || f->len == 0)
		return;
	switch (t) {
	case FT_EMAIL:
		FUZZ_CHECK(strchr(f->val, '@') != NULL &&
		    strchr(f->val, '@') == strrchr(f->val, '@'),
		    "an accepted e-mail address has one '@'");
		break;
	case FT_URL:
		FUZZ_CHECK(strncmp(f->val, "http://", 7) == 0 ||
		    strncmp(f->val, "https://", 8) == 0,
		    "an accepted URL is http or https");
		for (size_t i = 0; i < f->len; i++)
			FUZZ_CHECK(strchr(" \"<>\\`", f->val[i]) == NULL &&
			    (unsigned char)f->val[i] > ' ',
			    "an accepted URL has no blank, quote or bracket");
		break;
	case FT_PHONE:
		for (size_t i = 0; i < f->len; i++)
			FUZZ_CHECK(strchr("0123456789 +-()#.", f->val[i]) !=
			    NULL, "an accepted phone has digits and +-()#.");
		break;
	case FT_TIME:
		FUZZ_CHECK(when_parse(f->val, 1, &(time_t){0}) == 0,
		    "an accepted time parses");
		break;
	default:
		break;
	}
}

/*
 * Runs req_fields() over the pairs and checks its answer against the
 * table: an unknown name or a repeated single field refuses the request;
 * otherwise every field that came is filled and the others are not.
 */
static void
check_fields(struct arena *a, struct kv *kv, size_t n)
{
	struct req	 r;
	struct kv	*orig;
	size_t		 seen[KEY__MAX] = { 0 };
	enum reqerr	 want = REQ_OK, e;
	int		 k, first[KEY__MAX] = { 0 };
	unsigned	 values = 0;
	int		 bad_value = 0;

	/* Keep the decoded values: req_fields() normalises in place. */
	if ((orig = calloc(n ? n : 1, sizeof(*orig))) == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		orig[i] = kv[i];
		if ((orig[i].val = malloc(kv[i].vlen + 1)) == NULL)
			abort();
		memcpy((char *)orig[i].val, kv[i].val, kv[i].vlen + 1);
		fuzz_poison_tail(kv[i].key, strlen(kv[i].key));
		fuzz_poison_tail(kv[i].val, kv[i].vlen);
	}
	for (size_t i = 0; i < n && want == REQ_OK; i++) {
		if ((k = table_key(kv[i].key)) < 0)
			want = REQ_E_UNKNOWN_FIELD;
		else if (seen[k] && !valid_keys[k].multi)
			want = REQ_E_REPEATED_FIELD;
		else {
			if (seen[k]++ == 0)
				first[k] = (int)i;
			if (k == KEY_VALUE) {
				if (strcmp(kv[i].val, "transparency") == 0)
					values |= VALUE_TRANSPARENCY;
				else if (strcmp(kv[i].val, "participation") == 0)
					values |= VALUE_PARTICIPATION;
				else if (strcmp(kv[i].val, "accountability") == 0)
					values |= VALUE_ACCOUNTABILITY;
				else
					bad_value = 1;
			}
		}
	}

	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.form = kv;
	r.nform = n;
	e = req_fields(&r);
	FUZZ_CHECK(e == want, "req_fields refuses exactly unknown and "
	    "repeated fields");
	if (e == REQ_OK) {
		FUZZ_CHECK(r.values == values && r.bad_value == bad_value,
		    "the OGP values ticked are the ones sent");
		for (k = 0; k < KEY__MAX; k++) {
			const struct field *f = &r.field[k];

			if (seen[k] == 0) {
				FUZZ_CHECK(f->val == NULL && f->nall == 0 &&
				    f->err == FERR_NONE,
				    "a field that did not come is empty");
				continue;
			}
			check_field(k, f, orig[first[k]].val,
			    orig[first[k]].vlen, !valid_keys[k].multi);
			if (!valid_keys[k].multi)
				continue;
			FUZZ_CHECK(f->nall == (seen[k] < REQ_MAX_FIELDS ?
			    seen[k] : REQ_MAX_FIELDS) && f->all != NULL &&
			    f->all[0] == f->val,
			    "a repeated field keeps every value");
			for (size_t i = 0; i < f->nall; i++)
				FUZZ_CHECK(f->all[i] != NULL &&
				    ref_utf8(f->all[i], strlen(f->all[i]), NULL),
				    "every value of a repeated field is UTF-8");
		}
	}
	fuzz_unpoison_all();
	for (size_t i = 0; i < n; i++)
		free((char *)orig[i].val);
	free(orig);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = { 0 };
	struct kv	*kv, *kv3;
	size_t		 n, n3;
	enum reqerr	 e, e3;
	const char	*s = (const char *)data;

	e = req_urlencoded(&a, s, size, &kv, &n, REQ_MAX_FIELDS);
	check_urlencoded(e, kv, n, s, size, REQ_MAX_FIELDS);
	if (e == REQ_OK)
		check_fields(&a, kv, n);

	/*
	 * The same body with a limit of three fields: refused when it has
	 * more, else the same pairs (or refused for its many empty pairs, as
	 * the model says).  The arena is reused after a reset,
	 * as a worker does between requests.
	 */
	arena_reset(&a);
	FUZZ_CHECK(a.total == 0, "arena_reset empties the arena");
	e3 = req_urlencoded(&a, s, size, &kv3, &n3, 3);
	check_urlencoded(e3, kv3, n3, s, size, 3);
	if (e == REQ_OK && n > 3)
		FUZZ_CHECK(e3 == REQ_E_TOO_MANY_FIELDS,
		    "a lower limit refuses the bodies over it");
	if (e == REQ_OK && e3 == REQ_OK)
		FUZZ_CHECK(n3 == n, "a lower limit keeps the bodies under it");
	arena_free(&a);
	FUZZ_CHECK(a.head == NULL, "arena_free leaves nothing");
	return 0;
}
