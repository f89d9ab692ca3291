/*
 * Unit tests for feed.c: iCalendar TEXT escaping and line folding.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "extern.h"

/* Every line ends in CRLF, is at most 75 octets, continuations start
 * with one space; returns the unfolded content. */
static char *
check_folding(const struct buf *b)
{
	struct buf	 u = { 0 };
	const char	*p = b->data, *end = b->data + b->len, *crlf;
	int		 first = 1;
	char		*out;

	while (p < end) {
		crlf = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(crlf);
		ck_assert_int_le((int)(crlf - p), 75);
		if (!first) {
			ck_assert_int_eq(p[0], ' ');
			p++;
		}
		buf_append(&u, p, (size_t)(crlf - p));
		first = 0;
		p = crlf + 2;
	}
	out = strdup(buf_cstr(&u));
	buf_free(&u);
	return out;
}

START_TEST(escaping)
{
	struct buf	 b = { 0 };
	char		*u;

	ck_assert_int_eq(feed_ics_line(&b, "SUMMARY", "a\\b;c,d\ne\r\nf", 1), 0);
	u = check_folding(&b);
	ck_assert_str_eq(u, "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf");
	free(u);
	buf_free(&b);
}
END_TEST

/* TEXT escaping byte by byte, as RFC 5545 reads: the reference. */
static void
escape_slowly(const char *s, char *out)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			*out++ = '\\';
			*out++ = *s;
		} else if (*s == '\n') {
			*out++ = '\\';
			*out++ = 'n';
		} else if ((unsigned char)*s >= 0x20 || *s == '\t')
			*out++ = *s;
	}
	*out = '\0';
}

/*
 * Sixteen bytes are checked at once: every byte that matters, at every
 * place in and across those blocks, among plain ASCII and UTF-8, gives
 * what the byte-by-byte reference gives (a tab in a block was dropped).
 */
START_TEST(escaping_at_every_offset)
{
	static const char special[] = "\\;,\n\r\t\x01\x1f \x7f";
	struct buf	 b = { 0 };
	char		 in[64], want[128], *u;

	for (size_t len = 1; len < 48; len++)
		for (size_t at = 0; at < len; at++)
			for (size_t k = 0; k < sizeof(special) - 1; k++) {
				for (size_t i = 0; i < len; i++)
					in[i] = i % 5 == 4 ? (char)0xE4 :
					    (char)('a' + i % 26);
				in[at] = special[k];
				in[len] = '\0';
				memcpy(want, "X:", 2);
				escape_slowly(in, want + 2);
				buf_reset(&b);
				ck_assert_int_eq(feed_ics_line(&b, "X", in, 1), 0);
				u = check_folding(&b);
				ck_assert_str_eq(u, want);
				free(u);
			}
	buf_free(&b);
}
END_TEST

START_TEST(folds_at_75_not_inside_characters)
{
	struct buf	 b = { 0 };
	char		 in[3 * 200 + 1], *u;

	for (int i = 0; i < 200; i++)
		memcpy(in + 3 * i, "中", 3);
	in[600] = '\0';
	ck_assert_int_eq(feed_ics_line(&b, "DESCRIPTION", in, 1), 0);
	u = check_folding(&b);
	ck_assert_str_eq(u + strlen("DESCRIPTION:"), in);
	/* No line break splits a character. */
	for (const char *p = b.data; (p = strstr(p, "\r\n ")) != NULL; p += 3)
		ck_assert_int_ne((unsigned char)p[3] & 0xC0, 0x80);
	free(u);
	buf_free(&b);
}
END_TEST

/*
 * Regression found by tests/fuzz/fuzz_ics.c: 74 continuation bytes after a
 * fold point made the folding loop never move on.
 */
START_TEST(invalid_utf8_terminates)
{
	struct buf	 b = { 0 };
	char		 in[300], *u;

	memset(in, 0x80, sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	ck_assert_int_eq(feed_ics_line(&b, "X", in, 0), 0);
	u = check_folding(&b);
	ck_assert_uint_eq(strlen(u), strlen("X:") + sizeof(in) - 1);
	free(u);
	buf_free(&b);
}
END_TEST

/* A line of 10,000 characters: more cuts than fit on the stack. */
START_TEST(folds_a_long_line)
{
	struct buf	 b = { 0 };
	char		*in, *u, *q;
	const char	*p, *crlf;
	size_t		 n = 10000, at = 0;

	in = malloc(3 * n + 1);
	ck_assert_ptr_nonnull(in);
	for (size_t i = 0; i < n; i++) {
		memcpy(in + at, i % 7 ? "中" : "a;", i % 7 ? 3 : 2);
		at += i % 7 ? 3 : 2;
	}
	in[at] = '\0';
	ck_assert_int_eq(feed_ics_line(&b, "DESCRIPTION", in, 0), 0);
	ck_assert_uint_eq(strlen(b.data), b.len);
	u = check_folding(&b);
	ck_assert_int_eq(strncmp(u, "DESCRIPTION:", 12), 0);
	ck_assert_str_eq(u + 12, in);
	/* Every line but the last is as full as it can be: 75 octets, less
	 * the at most two bytes of a character that would not fit. */
	for (p = b.data; (crlf = strstr(p, "\r\n")) != NULL &&
	    crlf + 2 < b.data + b.len; p = crlf + 2)
		ck_assert_int_ge((int)(crlf - p), 73);
	for (q = b.data; (q = strstr(q, "\r\n ")) != NULL; q += 3)
		ck_assert_int_ne((unsigned char)q[3] & 0xC0, 0x80);
	free(u);
	free(in);
	buf_free(&b);
}
END_TEST

START_TEST(times)
{
	char	 t[32];

	feed_ics_time("2020-03-06T15:59:59Z", t, sizeof(t));
	ck_assert_str_eq(t, "20200306T155959Z");
	strcpy(t, "2026-11-28T15:42:34Z");
	feed_ics_time(t, t, sizeof(t));
	ck_assert_str_eq(t, "20261128T154234Z");
	feed_ics_time("2020-03-06T15:59", t, sizeof(t));
	ck_assert_str_eq(t, "20200306T1559");
	/* Found by tests/fuzz/fuzz_ics.c against a fast path for the stored
	 * form that trusted the positions of the separators. */
	feed_ics_time("2020-03-06T15:59::9Z", t, sizeof(t));
	ck_assert_str_eq(t, "20200306T15599Z");
	feed_ics_time("2020-03-06T15:59:59Z", t, 10);
	ck_assert_str_eq(t, "20200306T");
	/* The stored form in exactly the room it needs; the form with a
	 * byte out of place or one more at the end, as it is. */
	feed_ics_time("2020-03-06T15:59:59Z", t, 17);
	ck_assert_str_eq(t, "20200306T155959Z");
	feed_ics_time("2020-03-06T15:59:59Z", t, 16);
	ck_assert_str_eq(t, "20200306T155959");
	feed_ics_time("2020-03-06T15:5x:59Z", t, sizeof(t));
	ck_assert_str_eq(t, "20200306T155x59Z");
	feed_ics_time("2020-03-06T15:59:59ZZ", t, sizeof(t));
	ck_assert_str_eq(t, "20200306T155959ZZ");
	feed_ics_time("2020-03-06 15:59:59Z", t, sizeof(t));
	ck_assert_str_eq(t, "20200306 155959Z");
	t[0] = 'x';
	feed_ics_time("2020-03-06T15:59:59Z", t, 0);
	ck_assert_int_eq(t[0], 'x');
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("feed");
	TCase	*tc = tcase_create("ics");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, escaping);
	tcase_add_test(tc, escaping_at_every_offset);
	tcase_add_test(tc, folds_at_75_not_inside_characters);
	tcase_add_test(tc, folds_a_long_line);
	tcase_add_test(tc, invalid_utf8_terminates);
	tcase_add_test(tc, times);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
