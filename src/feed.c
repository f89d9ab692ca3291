/*
 * Writers for feeds: iCalendar (RFC 5545) content lines.  Atom goes
 * through a template with XML auto-escaping instead (templates/feed.tpl).
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/*
 * Appends s to b with RFC 5545 TEXT escaping: backslash, semicolon and
 * comma get a backslash, a line break becomes "\n", CR is dropped.
 */
int
feed_ics_escape(struct buf *b, const char *s)
{
	/* The bytes that end a run: controls but tab, \\ ; and ,. */
	static const unsigned char stop[256] = {
		[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
		[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0a] = 1,
		[0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
		[0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
		[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1,
		[0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1,
		[0x1f] = 1, ['\\'] = 1, [';'] = 1, [','] = 1,
	};
	const char	*run;

	for (;;) {
		/* A run of bytes written as they are, in one copy. */
		for (run = s; !stop[(unsigned char)*s]; s++)
			continue;
		if (s > run && buf_append(b, run, (size_t)(s - run)) == -1)
			return -1;
		switch (*s) {
		case '\0':
			return 0;
		case '\\':
			if (buf_append(b, "\\\\", 2) == -1)
				return -1;
			break;
		case ';':
			if (buf_append(b, "\\;", 2) == -1)
				return -1;
			break;
		case ',':
			if (buf_append(b, "\\,", 2) == -1)
				return -1;
			break;
		case '\n':
			if (buf_append(b, "\\n", 2) == -1)
				return -1;
			break;
		default:
			/* CR and other controls are dropped. */
			break;
		}
		s++;
	}
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
	size_t		 stack[64], *cut = stack;
	const char	*line;
	char		*p;

	/* Written in place; folded only when longer than a line. */
	if (buf_puts(b, name) == -1 || buf_putc(b, ':') == -1 ||
	    (text ? feed_ics_escape(b, value) : buf_puts(b, value)) == -1)
		return -1;
	len = b->len - at;
	if (len <= 75)
		return buf_append(b, "\r\n", 2);

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
