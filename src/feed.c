/*
 * Writers for feeds: iCalendar (RFC 5545) content lines.  Atom goes
 * through a template with XML auto-escaping instead (templates/feed.tpl).
 */
#include <string.h>

#include "extern.h"

/*
 * Appends s to b with RFC 5545 TEXT escaping: backslash, semicolon and
 * comma get a backslash, a line break becomes "\n", CR is dropped.
 */
int
feed_ics_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			if (buf_puts(b, "\\\\") == -1)
				return -1;
			break;
		case ';':
			if (buf_puts(b, "\\;") == -1)
				return -1;
			break;
		case ',':
			if (buf_puts(b, "\\,") == -1)
				return -1;
			break;
		case '\n':
			if (buf_puts(b, "\\n") == -1)
				return -1;
			break;
		case '\r':
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t')
				break;
			if (buf_putc(b, *s) == -1)
				return -1;
		}
	}
	return 0;
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
	struct buf	 line = { 0 };
	size_t		 i, width, start;
	int		 rc = -1;

	if (buf_puts(&line, name) == -1 || buf_putc(&line, ':') == -1)
		goto out;
	if (text ? feed_ics_escape(&line, value) : buf_puts(&line, value))
		goto out;
	start = 0;
	width = 75;
	while (line.len - start > width) {
		i = start + width;
		/*
		 * Back up to the first byte of a UTF-8 sequence (at most three
		 * bytes: text that is not UTF-8 is cut where it is, rather than
		 * never moving on).
		 */
		while (i > start + width - 3 &&
		    ((unsigned char)line.data[i] & 0xC0) == 0x80)
			i--;
		if (buf_append(b, line.data + start, i - start) == -1 ||
		    buf_puts(b, "\r\n ") == -1)
			goto out;
		start = i;
		width = 74;
	}
	if (buf_append(b, line.data + start, line.len - start) == -1 ||
	    buf_puts(b, "\r\n") == -1)
		goto out;
	rc = 0;
out:
	buf_free(&line);
	return rc;
}

/* Writes a stored UTC time "2020-03-06T15:59:59Z" as "20200306T155959Z". */
void
feed_ics_time(const char *utc, char *out, size_t n)
{
	size_t	 j = 0;

	if (n == 0)
		return;
	for (size_t i = 0; utc[i] != '\0' && j + 1 < n; i++)
		if (utc[i] != '-' && utc[i] != ':')
			out[j++] = utc[i];
	out[j] = '\0';
}
