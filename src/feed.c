/*
 * Writers for feeds: iCalendar (RFC 5545) content lines.  Atom goes
 * through a template with XML auto-escaping instead (templates/feed.tpl).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extern.h"

/* What TEXT escaping does to a byte: 0 keep, 1 drop, else the escape's letter. */
static const unsigned char ics_esc[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0a] = 'n',
	[0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
	[0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1,
	[0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1,
	[0x1f] = 1, ['\\'] = '\\', [';'] = ';', [','] = ',',
};

/* Writes the byte c, which the SSE2 check or the table stopped at. */
static inline char *
ics_byte(char *o, unsigned char c)
{
	unsigned char	 e = ics_esc[c];

	if (e == 0)		/* a tab, or any byte that stays */
		*o++ = (char)c;
	else if (e > 1) {
		*o++ = '\\';
		*o++ = (char)e;
	}
	return o;
}

/*
 * Writes s..end to o escaped as RFC 5545 TEXT (backslash, semicolon and
 * comma get a backslash, a line break becomes "\n", CR and the other
 * controls but tab are dropped) and returns the end of what it wrote, at
 * most twice the input.  With SSE2 (every x86-64) sixteen bytes are
 * checked at once and copied whole when none needs anything: byte by byte
 * the check was a fifth of a calendar's time.
 */
static char *
ics_text(char *o, const char *s, const char *end)
{
#if defined(__SSE2__)
	const __m128i	 bs = _mm_set1_epi8('\\'), sc = _mm_set1_epi8(';'),
			 cm = _mm_set1_epi8(','), c0 = _mm_set1_epi8(0x1f);
	unsigned	 k;

	while (end - s >= 16) {
		__m128i	 v = _mm_loadu_si128((const __m128i *)(const void *)s);
		/* The controls: min(v, 0x1f) == v, unsigned. */
		__m128i	 m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, bs),
			    _mm_cmpeq_epi8(v, sc)), _mm_or_si128(
			    _mm_cmpeq_epi8(v, cm),
			    _mm_cmpeq_epi8(_mm_min_epu8(v, c0), v)));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);

		if (mask == 0) {
			_mm_storeu_si128((__m128i *)(void *)o, v);
			o += 16;
			s += 16;
			continue;
		}
		/* The bytes before the first to escape, then that one. */
		k = (unsigned)__builtin_ctz(mask);
		memcpy(o, s, k);
		o = ics_byte(o + k, (unsigned char)s[k]);
		s += k + 1;
	}
#endif
	for (; s < end; s++)
		o = ics_byte(o, (unsigned char)*s);
	return o;
}

/*
 * Appends one content line "name:value" folded at 75 octets as RFC 5545
 * asks (a continuation starts with a space, which counts), never inside a
 * UTF-8 sequence, and ended with CRLF.  With text the value is escaped as
 * TEXT; otherwise it is written as it is (dates, URIs, enumerations).
 */
int
feed_ics_line(struct buf *b, const char *name, const char *value, int text)
{
	size_t		 at = b->len, len, i, start, width, n, max, k, end;
	size_t		 nlen = strlen(name), vlen = strlen(value);
	size_t		 stack[64], *cut = stack;
	const char	*line;
	char		*p, *o;

	/*
	 * Written in place, in room made once for the worst case (an append
	 * for each piece was a fifth of a calendar's time); folded only when
	 * longer than a line.
	 */
	if (vlen > SIZE_MAX / 4 || nlen > SIZE_MAX / 4 ||
	    buf_grow(b, nlen + 1 + (text ? 2 * vlen : vlen) + 2) == -1)
		return -1;
	o = b->data + at;
	memcpy(o, name, nlen);
	o += nlen;
	*o++ = ':';
	if (text)
		o = ics_text(o, value, value + vlen);
	else {
		memcpy(o, value, vlen);
		o += vlen;
	}
	len = (size_t)(o - (b->data + at));
	if (len <= 75) {
		memcpy(o, "\r\n", 3);
		b->len = at + len + 2;
		return 0;
	}
	*o = '\0';
	b->len = at + len;

	/*
	 * Where each continuation begins, backed up to the first byte of a
	 * UTF-8 sequence (at most three bytes: text that is not UTF-8 is cut
	 * where it is, rather than never moving on).  A piece is at least
	 * 71 octets, so len / 71 + 1 cuts at most.
	 */
	max = len / 71 + 1;
	if (max > sizeof(stack) / sizeof(stack[0]) &&
	    (cut = malloc(max * sizeof(*cut))) == NULL)
		return -1;
	line = b->data + at;
	n = 0;
	start = 0;
	width = 75;
	while (len - start > width) {
		i = start + width;
		while (i > start + width - 3 &&
		    ((unsigned char)line[i] & 0xC0) == 0x80)
			i--;
		cut[n++] = i;
		start = i;
		width = 74;
	}

	/*
	 * Then the pieces moved right in the buffer itself, the last first,
	 * each behind the "CRLF space" of every cut before it: no copy of
	 * the line and no append per piece.
	 */
	if (buf_grow(b, 3 * n + 2) == -1) {
		if (cut != stack)
			free(cut);
		return -1;
	}
	p = b->data + at;
	end = len;
	for (k = n; k-- > 0; end = cut[k]) {
		memmove(p + cut[k] + 3 * (k + 1), p + cut[k], end - cut[k]);
		memcpy(p + cut[k] + 3 * k, "\r\n ", 3);
	}
	memcpy(p + len + 3 * n, "\r\n", 3);
	b->len = at + len + 3 * n + 2;
	if (cut != stack)
		free(cut);
	return 0;
}

/* A decimal digit: the stored times' own bytes. */
#define DIGIT(c)	((unsigned char)((c) - '0') < 10)

/* Writes a stored UTC time "2020-03-06T15:59:59Z" as "20200306T155959Z". */
void
feed_ics_time(const char *utc, char *out, size_t n)
{
	size_t	 j = 0;

	if (n == 0)
		return;
	/*
	 * The stored form, checked whole and in order (so no byte past the
	 * end is read), in five copies: four times a meeting, byte by byte
	 * it was a twelfth of a calendar's time.  Anything else, the slow
	 * way below.
	 */
	if (n > 16 && DIGIT(utc[0]) && DIGIT(utc[1]) && DIGIT(utc[2]) &&
	    DIGIT(utc[3]) && utc[4] == '-' && DIGIT(utc[5]) &&
	    DIGIT(utc[6]) && utc[7] == '-' && DIGIT(utc[8]) &&
	    DIGIT(utc[9]) && utc[10] == 'T' && DIGIT(utc[11]) &&
	    DIGIT(utc[12]) && utc[13] == ':' && DIGIT(utc[14]) &&
	    DIGIT(utc[15]) && utc[16] == ':' && DIGIT(utc[17]) &&
	    DIGIT(utc[18]) && utc[19] == 'Z' && utc[20] == '\0') {
		/* In place too: every piece moves left. */
		memmove(out, utc, 4);
		memmove(out + 4, utc + 5, 2);
		memmove(out + 6, utc + 8, 5);
		memmove(out + 11, utc + 14, 2);
		memmove(out + 13, utc + 17, 3);
		out[16] = '\0';
		return;
	}
	for (size_t i = 0; utc[i] != '\0' && j + 1 < n; i++)
		if (utc[i] != '-' && utc[i] != ':')
			out[j++] = utc[i];
	out[j] = '\0';
}
