/*
 * Unit tests for sink.c: the CSV field escaper of the exports (RFC 4180,
 * safe from spreadsheet formulas), the JSON string escaper, and the sink
 * that flushes them to a writer in chunks.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "extern.h"

#define SINK_CHUNK (64 * 1024)	/* as sink.c flushes */

/* The sink's writer: appends to a struct buf. */
static int
collect(void *arg, const char *p, size_t n)
{
	return buf_append(arg, p, n);
}

/* A writer that always fails, as a full disk or a closed client would. */
static int
refuse(void *arg, const char *p, size_t n)
{
	(void)arg;
	(void)p;
	(void)n;
	return -1;
}

/*
 * Writes the NULL-terminated fields as one CSV record and checks the
 * bytes written against want.
 */
static void
csv_is(const char *want, const char *const *fields)
{
	struct buf	 out = { 0 };
	struct sink	 s = { .write = collect, .arg = &out };

	for (int i = 0; fields[i] != NULL; i++)
		export_csv_field(&s, fields[i], i == 0);
	ck_assert_int_eq(sink_flush(&s), 0);
	ck_assert_int_eq(s.failed, 0);
	ck_assert_uint_eq(out.len, strlen(want));
	if (out.len > 0)	/* an empty record leaves out.data NULL */
		ck_assert_mem_eq(out.data, want, out.len);
	sink_free(&s);
	buf_free(&out);
}

/* One field alone. */
static void
field_is(const char *in, const char *want)
{
	const char	*fields[] = { in, NULL };

	csv_is(want, fields);
}

START_TEST(plain_fields_as_they_are)
{
	field_is("", "");
	field_is("abc", "abc");
	field_is("空氣品質資料公開", "空氣品質資料公開");
	field_is("2020-03-06T23:59:59+08:00", "2020-03-06T23:59:59+08:00");
	/* The formula characters matter only at the start. */
	field_is("a=b", "a=b");
	field_is("1-2", "1-2");
	field_is("x@example.org", "x@example.org");
	field_is("a+b", "a+b");
	field_is("a\tb", "a\tb");
	field_is("transparency;participation", "transparency;participation");
}
END_TEST

START_TEST(formulas_get_an_apostrophe)
{
	field_is("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"");
	field_is("+886-2-2311-7722", "\"'+886-2-2311-7722\"");
	field_is("-1", "\"'-1\"");
	field_is("-", "\"'-\"");
	field_is("@SUM(1)", "\"'@SUM(1)\"");
	field_is("\t=1", "\"'\t=1\"");
	field_is("\r=1", "\"'\r=1\"");
	field_is("=", "\"'=\"");
	/* A full-width equals sign is not a formula to a spreadsheet. */
	field_is("＝1", "＝1");
}
END_TEST

START_TEST(formulas_with_quotes_and_commas)
{
	field_is("=HYPERLINK(\"http://x.example/\",\"a\")",
	    "\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"a\"\")\"");
	field_is("=1,2", "\"'=1,2\"");
	field_is("@\"", "\"'@\"\"\"");
}
END_TEST

START_TEST(quotes_doubled)
{
	field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	field_is("\"", "\"\"\"\"");
	field_is("\"\"", "\"\"\"\"\"\"");
	field_is("「引號」與\"引號\"", "\"「引號」與\"\"引號\"\"\"");
}
END_TEST

START_TEST(commas_and_line_breaks_quoted)
{
	field_is("a,b", "\"a,b\"");
	field_is("first line\nsecond", "\"first line\nsecond\"");
	field_is("crlf\r\nhere", "\"crlf\r\nhere\"");
	field_is("cr\rhere", "\"cr\rhere\"");
	field_is("\n", "\"\n\"");
	field_is("第一行\n第二行，\"引\"", "\"第一行\n第二行，\"\"引\"\"\"");
}
END_TEST

START_TEST(records_separated_by_commas)
{
	const char	*three[] = { "1", "=cmd|' /C calc'!A0", "a,b", NULL };
	const char	*empties[] = { "", "", "", NULL };

	csv_is("1,\"'=cmd|' /C calc'!A0\",\"a,b\"", three);
	csv_is(",,", empties);
}
END_TEST

/* A field across the sink's chunk is written whole, in order. */
START_TEST(flushes_in_chunks_in_order)
{
	struct buf	 out = { 0 };
	struct sink	 s = { .write = collect, .arg = &out };
	size_t		 n = SINK_CHUNK * 2 + 17;
	char		*big;

	ck_assert_ptr_nonnull(big = malloc(n + 1));
	memset(big, 'a', n);
	big[0] = '=';
	big[n / 2] = '"';
	big[n] = '\0';
	ck_assert_int_eq(sink_put(&s, "x", 1), 0);
	export_csv_field(&s, big, 0);
	/* Whole chunks went out already; the rest is pending. */
	ck_assert_uint_ge(out.len, SINK_CHUNK);
	ck_assert_int_eq(sink_flush(&s), 0);
	ck_assert_uint_eq(out.len, 1 + 1 + 1 + 1 + n + 1 + 1);
	ck_assert_mem_eq(out.data, "x,\"'=", 5);
	ck_assert_mem_eq(out.data + 5, big + 1, n / 2 - 1);
	ck_assert_mem_eq(out.data + 4 + n / 2, "\"\"", 2);
	ck_assert_mem_eq(out.data + out.len - 2, "a\"", 2);
	free(big);
	sink_free(&s);
	buf_free(&out);
}
END_TEST

START_TEST(a_failed_writer_fails_the_sink)
{
	struct sink	 s = { .write = refuse };
	char		*big;

	ck_assert_ptr_nonnull(big = malloc(SINK_CHUNK + 1));
	memset(big, 'b', SINK_CHUNK);
	big[SINK_CHUNK] = '\0';
	ck_assert_int_eq(sink_puts(&s, big), -1);
	ck_assert_int_eq(s.failed, 1);
	ck_assert_int_eq(sink_put(&s, "x", 1), -1);
	ck_assert_int_eq(sink_flush(&s), -1);
	free(big);
	sink_free(&s);
}
END_TEST

static void
json_is(const char *in, const char *want)
{
	struct buf	 out = { 0 };
	struct sink	 s = { .write = collect, .arg = &out };

	export_json_string(&s, in);
	ck_assert_int_eq(sink_flush(&s), 0);
	ck_assert_uint_eq(out.len, strlen(want));
	ck_assert_mem_eq(out.data, want, out.len);
	sink_free(&s);
	buf_free(&out);
}

START_TEST(json_strings)
{
	json_is("", "\"\"");
	json_is("提案", "\"提案\"");
	json_is("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	json_is("\n\r\t", "\"\\n\\r\\t\"");
	json_is("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
	json_is("</script>", "\"</script>\"");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sink");
	TCase	*tc = tcase_create("sink");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, plain_fields_as_they_are);
	tcase_add_test(tc, formulas_get_an_apostrophe);
	tcase_add_test(tc, formulas_with_quotes_and_commas);
	tcase_add_test(tc, quotes_doubled);
	tcase_add_test(tc, commas_and_line_breaks_quoted);
	tcase_add_test(tc, records_separated_by_commas);
	tcase_add_test(tc, flushes_in_chunks_in_order);
	tcase_add_test(tc, a_failed_writer_fails_the_sink);
	tcase_add_test(tc, json_strings);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
