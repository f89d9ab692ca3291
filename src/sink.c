/*
 * Sinks and the escapers of the exports: where an export goes (flushed in
 * chunks to a writer), CSV fields (RFC 4180, safe from spreadsheet
 * formulas) and JSON strings (RFC 8259).  No database here, so the
 * escapers can be fuzzed alone.
 */
#include <string.h>

#include "extern.h"

#define SINK_CHUNK (64 * 1024)

/* Adds bytes to the sink, flushing whole chunks to its writer. */
int
sink_put(struct sink *s, const char *p, size_t n)
{
	if (s->failed)
		return -1;
	if (buf_append(&s->buf, p, n) == -1) {
		s->failed = 1;
		return -1;
	}
	if (s->buf.len >= SINK_CHUNK)
		return sink_flush(s);
	return 0;
}

int
sink_puts(struct sink *s, const char *p)
{
	return sink_put(s, p, strlen(p));
}

/* Writes out what is pending.  Returns 0, or -1 when the writer failed. */
int
sink_flush(struct sink *s)
{
	if (s->failed)
		return -1;
	if (s->buf.len > 0 && s->write(s->arg, s->buf.data, s->buf.len) == -1)
		s->failed = 1;
	buf_reset(&s->buf);
	return s->failed ? -1 : 0;
}

void
sink_free(struct sink *s)
{
	buf_free(&s->buf);
}

/*
 * Writes one CSV field.  A field that a spreadsheet would take for a
 * formula (starting with = + - @, tab or CR) gets a leading apostrophe, so
 * it shows as text; any field with a comma, quote or line break (or the
 * apostrophe) is quoted, quotes doubled.
 */
void
export_csv_field(struct sink *s, const char *v, int first)
{
	int	 formula, quote;

	if (!first)
		sink_put(s, ",", 1);
	formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
	    v[0] == '\t' || v[0] == '\r';
	quote = formula || strpbrk(v, ",\"\r\n") != NULL;
	if (!quote) {
		sink_puts(s, v);
		return;
	}
	sink_put(s, "\"", 1);
	if (formula)
		sink_put(s, "'", 1);
	for (const char *p = v; *p != '\0'; ) {
		const char *q = strchr(p, '"');
		if (q == NULL) {
			sink_puts(s, p);
			break;
		}
		sink_put(s, p, (size_t)(q - p) + 1);
		sink_put(s, "\"", 1);
		p = q + 1;
	}
	sink_put(s, "\"", 1);
}

/* Writes a JSON string, escaped as RFC 8259 asks; UTF-8 stays as it is. */
void
export_json_string(struct sink *s, const char *v)
{
	static const char hex[] = "0123456789abcdef";
	char	 esc[8];
	size_t	 run = 0;

	sink_put(s, "\"", 1);
	for (const char *p = v; ; p++) {
		unsigned char c = (unsigned char)*p;
		if (c != '\0' && c >= 0x20 && c != '"' && c != '\\') {
			run++;
			continue;
		}
		sink_put(s, p - run, run);
		run = 0;
		if (c == '\0')
			break;
		if (c == '"')
			sink_put(s, "\\\"", 2);
		else if (c == '\\')
			sink_put(s, "\\\\", 2);
		else if (c == '\n')
			sink_put(s, "\\n", 2);
		else if (c == '\t')
			sink_put(s, "\\t", 2);
		else if (c == '\r')
			sink_put(s, "\\r", 2);
		else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			sink_put(s, esc, 6);
		}
	}
	sink_put(s, "\"", 1);
}

