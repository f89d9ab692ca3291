/*
 * Helpers shared by the libFuzzer harnesses: a failed-property report,
 * reference models written from the contracts in src/ (not from the
 * code), and AddressSanitizer poisoning of arena slack.
 *
 * Everything is static inline so that each harness takes what it uses.
 */
#ifndef COCREATE_FUZZ_H
#define COCREATE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/asan_interface.h>
#define FUZZ_ASAN 1
#endif
#endif

/*
 * A violated property: say which and where, then abort() so that libFuzzer
 * reports the input as a crash and saves it.
 */
#define FUZZ_CHECK(cond, what) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property violated: %s (%s)\n",	\
		    __FILE__, __LINE__, (what), #cond);			\
		abort();						\
	}								\
} while (0)

/*
 * The reference UTF-8 decoder: decodes every sequence to its code point
 * by arithmetic and refuses what is not a Unicode scalar value in its
 * shortest form.  This accepts exactly the byte sequences of table 3-7 of
 * the Unicode standard, by another road than valid_utf8()'s byte ranges.
 * Returns 1 and sets *count (code points) when s[0..len) is well formed.
 */
static inline int
ref_utf8(const void *p, size_t len, size_t *count)
{
	const unsigned char	*s = p;
	size_t			 i = 0, n = 0, more;
	uint32_t		 cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			n++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			cp = s[i] & 0x1F;
			more = 1;
			min = 0x80;
		} else if ((s[i] & 0xF0) == 0xE0) {
			cp = s[i] & 0x0F;
			more = 2;
			min = 0x800;
		} else if ((s[i] & 0xF8) == 0xF0) {
			cp = s[i] & 0x07;
			more = 3;
			min = 0x10000;
		} else
			return 0;
		if (len - i - 1 < more)
			return 0;
		for (size_t j = 1; j <= more; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += more + 1;
		n++;
	}
	if (count != NULL)
		*count = n;
	return 1;
}

/*
 * What valid_normalise() promises, as a model: line endings (CRLF, CR,
 * LF) become one LF, tab stays, other C0 controls and DEL go; in a single
 * line a line break or tab becomes a space; then spaces, tabs and LFs are
 * trimmed from both ends.  Writes into out (room for len bytes) and
 * returns the length.
 */
static inline size_t
ref_normalise(const char *s, size_t len, int multiline, char *out)
{
	size_t	 i, j = 0, start = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;	/* the LF that follows makes the break */
		if (c == '\r' || c == '\n')
			out[j++] = multiline ? '\n' : ' ';
		else if (c == '\t')
			out[j++] = multiline ? '\t' : ' ';
		else if (c >= 0x20 && c != 0x7F)
			out[j++] = (char)c;
	}
	/* Then U+FFFE and U+FFFF (EF BF BE, EF BF BF), left to right. */
	{
		size_t	 k = 0, m = 0;

		while (k < j) {
			if (j - k >= 3 && (unsigned char)out[k] == 0xEF &&
			    (unsigned char)out[k + 1] == 0xBF &&
			    ((unsigned char)out[k + 2] == 0xBE ||
			    (unsigned char)out[k + 2] == 0xBF)) {
				k += 3;
				continue;
			}
			out[m++] = out[k++];
		}
		j = m;
	}
	while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '\t' ||
	    out[j - 1] == '\n'))
		j--;
	while (start < j && (out[start] == ' ' || out[start] == '\t' ||
	    out[start] == '\n'))
		start++;
	memmove(out, out + start, j - start);
	return j - start;
}

/* One decoded pair of the reference urlencoded parser. */
struct ref_pair {
	const char	*key;
	size_t		 klen;
	const char	*val;
	size_t		 vlen;
};

struct ref_form {
	struct ref_pair	*pair;
	size_t		 n;
	char		*pool;		/* every decoded string, NUL-ended */
};

static inline int
ref_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Percent-decodes s[0..len) ('+' is a space) to *out in the pool, and
 * checks it as req_urlencoded's contract asks: a '%' without two hex digits
 * is REQ_E_PERCENT, then a decoded NUL is REQ_E_NUL, then a result that is
 * not UTF-8 is REQ_E_UTF8.
 */
static inline enum reqerr
ref_decode(const char *s, size_t len, char **pool, const char **out,
    size_t *outlen)
{
	char	*d = *pool;
	size_t	 j = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len || ref_hex(s[i + 1]) < 0 ||
			    ref_hex(s[i + 2]) < 0)
				return REQ_E_PERCENT;
			d[j++] = (char)(ref_hex(s[i + 1]) * 16 +
			    ref_hex(s[i + 2]));
			i += 2;
		} else
			d[j++] = s[i] == '+' ? ' ' : s[i];
	}
	d[j] = '\0';
	if (memchr(d, '\0', j) != NULL)
		return REQ_E_NUL;
	if (!ref_utf8(d, j, NULL))
		return REQ_E_UTF8;
	*out = d;
	*outlen = j;
	*pool += j + 1;
	return REQ_OK;
}

/*
 * The reference model of req_urlencoded(): pairs split on '&', empty ones
 * skipped, key and value split on the first '=' (none: empty value).  A
 * raw NUL refuses the input; so does a count of '&'-separated pieces
 * beyond 2 * maxfields + 16 (the parser's cheap early refusal), and more
 * than maxfields non-empty pairs.  The caller frees with ref_form_free().
 */
static inline enum reqerr
ref_urlencoded(const char *s, size_t len, size_t maxfields,
    struct ref_form *f)
{
	size_t		 count = 1, start, end;
	char		*pool;
	enum reqerr	 e;

	memset(f, 0, sizeof(*f));
	if (len == 0)
		return REQ_OK;
	if (memchr(s, '\0', len) != NULL)
		return REQ_E_NUL;
	for (size_t i = 0; i < len; i++)
		count += s[i] == '&';
	if (count > maxfields * 2 + 16)
		return REQ_E_TOO_MANY_FIELDS;
	if ((f->pair = calloc(count, sizeof(*f->pair))) == NULL ||
	    (f->pool = malloc(len + 2 * count)) == NULL)
		abort();
	pool = f->pool;
	for (start = 0; start < len; start = end + 1) {
		const char	*eq;
		struct ref_pair	*p = &f->pair[f->n];

		for (end = start; end < len && s[end] != '&'; end++)
			;
		if (end == start)
			continue;
		if (f->n >= maxfields)
			return REQ_E_TOO_MANY_FIELDS;
		eq = memchr(s + start, '=', end - start);
		if ((e = ref_decode(s + start, (eq ? (size_t)(eq - s) : end) -
		    start, &pool, &p->key, &p->klen)) != REQ_OK)
			return e;
		if ((e = ref_decode(eq ? eq + 1 : "", eq ? end -
		    (size_t)(eq - s) - 1 : 0, &pool, &p->val, &p->vlen)) !=
		    REQ_OK)
			return e;
		f->n++;
	}
	return REQ_OK;
}

static inline void
ref_form_free(struct ref_form *f)
{
	free(f->pair);
	free(f->pool);
	memset(f, 0, sizeof(*f));
}

/*
 * Checks what req_urlencoded() gave (e, kv[0..n)) against the model and
 * against the contract: on REQ_OK at most maxfields pairs, each key and
 * value NUL-terminated UTF-8 without an inner NUL.
 */
static inline void
check_urlencoded(enum reqerr e, const struct kv *kv, size_t n,
    const char *s, size_t len, size_t maxfields)
{
	struct ref_form	 ref;
	enum reqerr	 re;

	re = ref_urlencoded(s, len, maxfields, &ref);
	if (e != re)
		fprintf(stderr, "req_urlencoded: %d, model: %d\n", e, re);
	FUZZ_CHECK(e == re, "req_urlencoded agrees with the model");
	if (e == REQ_OK) {
		FUZZ_CHECK(n <= maxfields, "no more than maxfields pairs");
		FUZZ_CHECK(n == ref.n, "as many pairs as the model");
		FUZZ_CHECK(n == 0 || kv != NULL, "pairs are returned");
		for (size_t i = 0; i < n; i++) {
			size_t klen;

			FUZZ_CHECK(kv[i].key != NULL && kv[i].val != NULL,
			    "key and value are set");
			klen = strlen(kv[i].key);
			FUZZ_CHECK(klen == ref.pair[i].klen &&
			    memcmp(kv[i].key, ref.pair[i].key, klen) == 0,
			    "key decoded as the model");
			FUZZ_CHECK(kv[i].vlen == ref.pair[i].vlen &&
			    memcmp(kv[i].val, ref.pair[i].val, kv[i].vlen) == 0,
			    "value decoded as the model");
			FUZZ_CHECK(kv[i].val[kv[i].vlen] == '\0' &&
			    strlen(kv[i].val) == kv[i].vlen,
			    "value NUL-terminated, no NUL inside");
			FUZZ_CHECK(ref_utf8(kv[i].key, klen, NULL) &&
			    ref_utf8(kv[i].val, kv[i].vlen, NULL),
			    "key and value are UTF-8");
		}
	}
	ref_form_free(&ref);
}

/*
 * The arena hands out blocks that start 16-byte aligned and are rounded
 * up to at least the next multiple of 16, so the bytes after a string's
 * NUL up to that boundary belong to its block and nothing reads them
 * legitimately.  Poisoning them turns a read past the terminator, which
 * would otherwise land silently inside an arena chunk, into an ASan
 * report.  Every region poisoned is unpoisoned by fuzz_unpoison_all()
 * before the arena is reset.
 */
#define FUZZ_MAX_POISON 1024
static struct {
	const char	*p;
	size_t		 n;
} fuzz_poisoned[FUZZ_MAX_POISON] __attribute__((unused));
static size_t fuzz_npoisoned __attribute__((unused));

static inline void
fuzz_poison_tail(const char *s, size_t len)
{
#ifdef FUZZ_ASAN
	uintptr_t	 from = (uintptr_t)s + len + 1;
	uintptr_t	 to = (from + 15) & ~(uintptr_t)15;

	if (to == from || fuzz_npoisoned == FUZZ_MAX_POISON)
		return;
	fuzz_poisoned[fuzz_npoisoned].p = (const char *)from;
	fuzz_poisoned[fuzz_npoisoned].n = to - from;
	fuzz_npoisoned++;
	ASAN_POISON_MEMORY_REGION((const void *)from, to - from);
#else
	(void)s;
	(void)len;
#endif
}

static inline void
fuzz_unpoison_all(void)
{
#ifdef FUZZ_ASAN
	for (size_t i = 0; i < fuzz_npoisoned; i++)
		ASAN_UNPOISON_MEMORY_REGION(fuzz_poisoned[i].p,
		    fuzz_poisoned[i].n);
#endif
	fuzz_npoisoned = 0;
}

#endif /* COCREATE_FUZZ_H */
