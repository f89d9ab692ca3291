/*
 * libFuzzer harness: the CSV and JSON escapers of the exports.
 *
 * The input, as a C string (inputs with a NUL are skipped: a stored value
 * cannot hold one), is written as a record of two CSV fields through a
 * sink whose writer collects what it is given (for some inputs after
 * filling the sink to just under its chunk, so that a flush falls inside
 * the record).  An
 * RFC 4180 parser written here must read the record back as two fields
 * equal to the input, with one apostrophe before an input that starts
 * with = + - @ tab or CR, and no field may start with = + - @ in the raw
 * output.  The input is then written as a JSON string, which a decoder
 * written here must read back (RFC 8259: no raw control character) as the
 * input; valid UTF-8 must stay valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

#define SINK_CHUNK (64 * 1024)	/* as sink.c flushes */

/* The sink's writer: appends to a struct buf. */
static int
collect(void *arg, const char *p, size_t n)
{
	return buf_append(arg, p, n);
}

/*
 * Parses one RFC 4180 record (no line break after it) from s[0..len) into
 * at most maxf fields, each a malloc'd copy in f[] with its length in
 * flen[] and its first byte's offset in s in fat[].  Returns the number of
 * fields, or -1 when the text is not such a record.
 */
static int
csv_parse(const char *s, size_t len, char **f, size_t *flen, size_t *fat,
    int maxf)
{
	size_t	 i = 0;
	int	 n = 0;

	for (;;) {
		char	*v;
		size_t	 j = 0;

		if (n == maxf || (v = malloc(len + 1)) == NULL)
			return -1;
		f[n] = v;
		fat[n] = i;
		if (i < len && s[i] == '"') {
			for (i++; ; i++) {
				if (i == len)
					return -1;	/* unclosed */
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"')
						v[j++] = s[i++];
					else
						break;
				} else
					v[j++] = s[i];
			}
			i++;
		} else
			for (; i < len && s[i] != ','; i++) {
				if (s[i] == '"' || s[i] == '\r' || s[i] == '\n')
					return -1;
				v[j++] = s[i];
			}
		flen[n++] = j;
		if (i == len)
			return n;
		if (s[i] != ',')
			return -1;	/* text after a closing quote */
		i++;
	}
}

/* Returns the code unit of four hex digits at s, or -1. */
static long
hex4(const char *s, size_t left)
{
	long	 v = 0;

	if (left < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * Decodes s[0..len), which must be exactly one JSON string, into out
 * (room for len bytes).  Returns the decoded length, or -1.
 */
static long
json_decode(const char *s, size_t len, char *out)
{
	size_t	 i = 1, j = 0;

	if (len < 2 || s[0] != '"')
		return -1;
	for (;;) {
		unsigned char c;

		if (i >= len)
			return -1;
		c = (unsigned char)s[i];
		if (c == '"')
			return i + 1 == len ? (long)j : -1;
		if (c < 0x20)
			return -1;	/* RFC 8259: must be escaped */
		if (c != '\\') {
			out[j++] = (char)c;
			i++;
			continue;
		}
		if (++i >= len)
			return -1;
		switch (s[i++]) {
		case '"':	out[j++] = '"';		break;
		case '\\':	out[j++] = '\\';	break;
		case '/':	out[j++] = '/';		break;
		case 'b':	out[j++] = '\b';	break;
		case 'f':	out[j++] = '\f';	break;
		case 'n':	out[j++] = '\n';	break;
		case 'r':	out[j++] = '\r';	break;
		case 't':	out[j++] = '\t';	break;
		case 'u': {
			long	 cp = hex4(s + i, len - i), lo;

			if (cp < 0)
				return -1;
			i += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return -1;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (len - i < 6 || s[i] != '\\' ||
				    s[i + 1] != 'u' ||
				    (lo = hex4(s + i + 2, len - i - 2)) <
				    0xDC00 || lo > 0xDFFF)
					return -1;
				i += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
			}
			/* Six escaped bytes give at most four. */
			if (cp < 0x80)
				out[j++] = (char)cp;
			else if (cp < 0x800) {
				out[j++] = (char)(0xC0 | cp >> 6);
				out[j++] = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				out[j++] = (char)(0xE0 | cp >> 12);
				out[j++] = (char)(0x80 | (cp >> 6 & 0x3F));
				out[j++] = (char)(0x80 | (cp & 0x3F));
			} else {
				out[j++] = (char)(0xF0 | cp >> 18);
				out[j++] = (char)(0x80 | (cp >> 12 & 0x3F));
				out[j++] = (char)(0x80 | (cp >> 6 & 0x3F));
				out[j++] = (char)(0x80 | (cp & 0x3F));
			}
			break;
		}
		default:
			return -1;
		}
	}
}

/* Writes v as a CSV record after npad bytes of padding, and checks it. */
static void
check_csv(const char *v, size_t len, size_t npad)
{
	struct buf	 out = { 0 };
	struct sink	 s = { .write = collect, .arg = &out };
	static char	 pad[SINK_CHUNK];
	char		*f[3], *want;
	size_t		 flen[3], fat[3], wlen;
	int		 n, formula;

	if (pad[0] == '\0')
		memset(pad, 'x', npad);
	FUZZ_CHECK(sink_put(&s, pad, npad) == 0, "the sink takes the padding");
	export_csv_field(&s, v, 1);
	export_csv_field(&s, v, 0);
	FUZZ_CHECK(sink_flush(&s) == 0 && !s.failed, "the sink writes");
	FUZZ_CHECK(out.len >= npad && memcmp(out.data, pad, npad) == 0,
	    "the writer gets the bytes in order");

	n = csv_parse(out.data + npad, out.len - npad, f, flen, fat, 3);
	if (n != 2)
		fprintf(stderr, "CSV: %.*s\n", (int)(out.len - npad),
		    out.data + npad);
	FUZZ_CHECK(n == 2, "two fields written read back as two RFC 4180 "
	    "fields");

	formula = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
	    v[0] == '\t' || v[0] == '\r';
	if ((want = malloc(len + 2)) == NULL)
		abort();
	wlen = 0;
	if (formula)
		want[wlen++] = '\'';
	memcpy(want + wlen, v, len);
	wlen += len;
	for (int i = 0; i < n; i++) {
		const char *raw = out.data + npad + fat[i];

		FUZZ_CHECK(flen[i] == wlen && memcmp(f[i], want, wlen) == 0,
		    "a CSV field reads back as the input (after an "
		    "apostrophe for a formula)");
		FUZZ_CHECK(*raw != '=' && *raw != '+' && *raw != '-' &&
		    *raw != '@', "no CSV field starts with = + - @");
	}
	for (int i = 0; i < n; i++)
		free(f[i]);
	free(want);
	sink_free(&s);
	buf_free(&out);
}

static void
check_json(const char *v, size_t len)
{
	struct buf	 out = { 0 };
	struct sink	 s = { .write = collect, .arg = &out };
	char		*dec;
	long		 dlen;

	export_json_string(&s, v);
	FUZZ_CHECK(sink_flush(&s) == 0, "the sink writes");
	if ((dec = malloc(out.len + 1)) == NULL)
		abort();
	dlen = json_decode(out.data, out.len, dec);
	if (dlen < 0)
		fprintf(stderr, "JSON: %.*s\n", (int)out.len, out.data);
	FUZZ_CHECK(dlen >= 0, "the output is one JSON string");
	FUZZ_CHECK((size_t)dlen == len && memcmp(dec, v, len) == 0,
	    "the JSON string reads back as the input");
	if (ref_utf8(v, len, NULL))
		FUZZ_CHECK(ref_utf8(out.data, out.len, NULL),
		    "UTF-8 in, UTF-8 JSON out");
	free(dec);
	sink_free(&s);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*v;

	if (memchr(data, '\0', size) != NULL)
		return 0;
	if ((v = malloc(size + 1)) == NULL)
		abort();
	memcpy(v, data, size);
	v[size] = '\0';
	check_csv(v, size, 0);
	/* A sixteenth of the inputs again across a flush (it costs 64 KiB). */
	if (size % 16 == 1)
		check_csv(v, size, SINK_CHUNK - 2);
	check_json(v, size);
	free(v);
	return 0;
}
