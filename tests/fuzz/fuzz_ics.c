/*
 * libFuzzer harness: the iCalendar (RFC 5545) content-line writer.
 *
 * The input, as a C string (it ends at a NUL as a stored value would), is
 * written with feed_ics_line() as DESCRIPTION, escaped as TEXT; and, when
 * it is UTF-8 without a line break, written as it is (text = 0, as dates
 * and URIs are).  Every physical line must end in CRLF and be at most 75
 * octets, every continuation must start with a space, and, for UTF-8
 * input, no fold may split a UTF-8 sequence.  Unfolding must give back
 * "DESCRIPTION:" and the value; the TEXT value, unescaped, must be the
 * input with CR and the C0 controls other than tab and LF dropped (as
 * feed_ics_line() promises for TEXT), with no bare ';' or ','.
 * feed_ics_time() is checked on the same string into exact-size buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

#define NAME "DESCRIPTION"

/*
 * Checks the folding of the content line at b->data[i..] and unfolds it
 * into *u, a malloc'd string the caller frees.  Returns its length.
 */
static size_t
unfold(const struct buf *b, size_t i, int utf8, char **u)
{
	size_t	 n = 0, lines = 0;

	FUZZ_CHECK(b->len >= 2 && b->data[b->len - 2] == '\r' &&
	    b->data[b->len - 1] == '\n', "the output ends in CRLF");
	if ((*u = malloc(b->len + 1)) == NULL)
		abort();
	while (i < b->len) {
		const char	*crlf = NULL;
		size_t		 len;

		for (size_t k = i; k + 1 < b->len; k++)
			if (b->data[k] == '\r' && b->data[k + 1] == '\n') {
				crlf = b->data + k;
				break;
			}
		FUZZ_CHECK(crlf != NULL, "every line ends in CRLF");
		len = (size_t)(crlf - (b->data + i));
		FUZZ_CHECK(len <= 75, "no line is longer than 75 octets");
		FUZZ_CHECK(memchr(b->data + i, '\r', len) == NULL &&
		    memchr(b->data + i, '\n', len) == NULL,
		    "no bare CR or LF inside a line");
		if (lines++ > 0) {
			FUZZ_CHECK(len >= 1 && b->data[i] == ' ',
			    "a continuation line starts with a space");
			FUZZ_CHECK(len >= 2, "a continuation carries content");
			if (utf8)
				FUZZ_CHECK(((unsigned char)b->data[i + 1] &
				    0xC0) != 0x80,
				    "no fold splits a UTF-8 sequence");
			memcpy(*u + n, b->data + i + 1, len - 1);
			n += len - 1;
		} else {
			memcpy(*u + n, b->data + i, len);
			n += len;
		}
		i += len + 2;
	}
	(*u)[n] = '\0';
	return n;
}

/* The TEXT value feed_ics_line() keeps: no CR, no C0 control but tab and LF. */
static size_t
kept(const char *v, char *out)
{
	size_t	 j = 0;

	for (; *v != '\0'; v++)
		if ((unsigned char)*v >= 0x20 || *v == '\t' || *v == '\n')
			out[j++] = *v;
	return j;
}

static void
check_text(const char *v, size_t len, int utf8)
{
	struct buf	 b = { 0 };
	char		*u, *want, *got;
	size_t		 ulen, wlen, glen = 0, i;

	FUZZ_CHECK(feed_ics_line(&b, NAME, v, 1) == 0, "feed_ics_line writes");
	ulen = unfold(&b, 0, utf8, &u);
	FUZZ_CHECK(ulen >= strlen(NAME) + 1 &&
	    memcmp(u, NAME ":", strlen(NAME) + 1) == 0,
	    "the line starts with its name");
	if ((want = malloc(len + 1)) == NULL || (got = malloc(ulen + 1)) ==
	    NULL)
		abort();
	wlen = kept(v, want);
	for (i = strlen(NAME) + 1; i < ulen; i++) {
		char c = u[i];

		FUZZ_CHECK(c != ';' && c != ',' && c != '\n',
		    "no bare ';', ',' or line break in TEXT");
		if (c != '\\') {
			got[glen++] = c;
			continue;
		}
		FUZZ_CHECK(++i < ulen, "no lone backslash at the end");
		switch (u[i]) {
		case '\\':
		case ';':
		case ',':
			got[glen++] = u[i];
			break;
		case 'n':
		case 'N':
			got[glen++] = '\n';
			break;
		default:
			FUZZ_CHECK(0, "only \\\\ \\; \\, \\n escapes in TEXT");
		}
	}
	FUZZ_CHECK(glen == wlen && memcmp(got, want, wlen) == 0,
	    "unfolded and unescaped TEXT is the input less CR and controls");
	free(got);
	free(want);
	free(u);
	buf_free(&b);
}

static void
check_raw(const char *v, size_t len)
{
	struct buf	 b = { 0 };
	char		*u;
	size_t		 ulen;

	/* A raw value is appended to what the buffer holds. */
	FUZZ_CHECK(buf_puts(&b, "BEGIN:VEVENT\r\n") == 0, "buf_puts");
	FUZZ_CHECK(feed_ics_line(&b, NAME, v, 0) == 0, "feed_ics_line writes");
	FUZZ_CHECK(b.len > 14 && memcmp(b.data, "BEGIN:VEVENT\r\n", 14) == 0,
	    "what was in the buffer stays");
	ulen = unfold(&b, 14, 1, &u);
	FUZZ_CHECK(ulen == strlen(NAME) + 1 + len &&
	    memcmp(u, NAME ":", strlen(NAME) + 1) == 0 &&
	    memcmp(u + strlen(NAME) + 1, v, len) == 0,
	    "unfolded, a raw line is its name and value");
	free(u);
	buf_free(&b);
}

/* feed_ics_time() into a buffer of exactly n bytes. */
static void
check_time(const char *v, size_t n)
{
	char	*out;
	size_t	 j = 0;

	if ((out = malloc(n)) == NULL)
		abort();
	feed_ics_time(v, out, n);
	for (const char *p = v; *p != '\0' && j + 1 < n; p++) {
		if (*p == '-' || *p == ':')
			continue;
		FUZZ_CHECK(out[j] == *p, "feed_ics_time drops only - and :");
		j++;
	}
	FUZZ_CHECK(out[j] == '\0', "feed_ics_time ends its output");
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*v;
	size_t	 len;
	int	 utf8;

	if ((v = malloc(size + 1)) == NULL)
		abort();
	memcpy(v, data, size);
	v[size] = '\0';
	len = strlen(v);
	utf8 = ref_utf8(v, len, NULL);

	check_text(v, len, utf8);
	if (utf8 && strpbrk(v, "\r\n") == NULL)
		check_raw(v, len);
	check_time(v, 17);	/* "20200306T155959Z" */
	check_time(v, 1);
	free(v);
	return 0;
}
