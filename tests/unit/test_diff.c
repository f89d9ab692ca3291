/*
 * Unit tests for diff.c: word-by-word for Latin script, character by
 * character for Chinese, and the segments put back together give both
 * texts.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "extern.h"

/* Rebuilds the old (op <= 0) or the new (op >= 0) text from segments. */
static char *
rebuild(const struct diff_seg *s, size_t n, int new)
{
	struct buf	 b = { 0 };
	char		*out;

	buf_puts(&b, "");
	for (size_t i = 0; i < n; i++)
		if (new ? s[i].op >= 0 : s[i].op <= 0)
			buf_append(&b, s[i].s, s[i].len);
	out = strdup(buf_cstr(&b));
	buf_free(&b);
	return out;
}

static void
check_roundtrip(const char *a, const char *b, size_t *nseg,
    struct diff_seg **segs, struct arena *ar)
{
	char	*x, *y;

	ck_assert_int_eq(diff_text(ar, a, b, segs, nseg), 0);
	x = rebuild(*segs, *nseg, 0);
	y = rebuild(*segs, *nseg, 1);
	ck_assert_str_eq(x, a);
	ck_assert_str_eq(y, b);
	free(x);
	free(y);
}

START_TEST(chinese_by_character)
{
	struct arena	 ar = { 0 };
	struct diff_seg	*s;
	size_t		 n;

	check_roundtrip("開放國會資料", "開放國會議事資料", &n, &s, &ar);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(s[1].op, 1);
	ck_assert_int_eq((int)s[1].len, 6);
	ck_assert(memcmp(s[1].s, "議事", 6) == 0);
	arena_free(&ar);
}
END_TEST

START_TEST(english_by_word)
{
	struct arena	 ar = { 0 };
	struct diff_seg	*s;
	size_t		 n;

	check_roundtrip("open parliament data", "open parliamentary data", &n,
	    &s, &ar);
	/* A whole word changes, not a few letters of it. */
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(s[1].op, -1);
	ck_assert(s[1].len == 10 && memcmp(s[1].s, "parliament", 10) == 0);
	ck_assert_int_eq(s[2].op, 1);
	ck_assert(s[2].len == 13 && memcmp(s[2].s, "parliamentary", 13) == 0);
	arena_free(&ar);
}
END_TEST

START_TEST(lists_by_line)
{
	struct arena	 ar = { 0 };
	struct diff_seg	*s;
	size_t		 n;
	char		*x, *y;
	const char	*a = "盤點 (2021-01-01–2021-03-31)\n"
	    "試辦 (2021-04-01–2021-09-30)\n報告 (2021-10-01–2021-12-31)";
	const char	*b = "盤點 (2021-01-01–2021-03-31)\n"
	    "試辦 (2021-04-01–2021-10-31)";

	ck_assert_int_eq(diff_lines(&ar, a, b, &s, &n), 0);
	x = rebuild(s, n, 0);
	y = rebuild(s, n, 1);
	ck_assert_str_eq(x, a);
	ck_assert_str_eq(y, b);
	free(x);
	free(y);
	/* A changed line goes out and comes in whole, not a few digits. */
	for (size_t i = 0; i < n; i++) {
		if (s[i].op == 0)
			continue;
		const char *t = s[i].s[0] == '\n' ? s[i].s + 1 : s[i].s;
		ck_assert(memcmp(t, "試辦", 6) == 0);
		if (s[i].op > 0)
			ck_assert(s[i].len == strlen("試辦 (2021-04-01–2021-10-31)"));
	}
	ck_assert(memcmp(s[0].s, "盤點", 6) == 0 && s[0].op == 0);
	/* An added last line leaves the line before it as it was. */
	ck_assert_int_eq(diff_lines(&ar, "A", "A\nB", &s, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(s[0].op == 0 && s[0].len == 1);
	ck_assert(s[1].op == 1 && s[1].len == 2);
	arena_free(&ar);
}
END_TEST

START_TEST(edge_cases)
{
	struct arena	 ar = { 0 };
	struct diff_seg	*s;
	size_t		 n;

	check_roundtrip("", "", &n, &s, &ar);
	ck_assert_uint_eq(n, 0);
	check_roundtrip("", "新", &n, &s, &ar);
	ck_assert(n == 1 && s[0].op == 1);
	check_roundtrip("舊", "", &n, &s, &ar);
	ck_assert(n == 1 && s[0].op == -1);
	check_roundtrip("same 一樣", "same 一樣", &n, &s, &ar);
	ck_assert(n == 1 && s[0].op == 0);
	check_roundtrip("a\nb\nc", "a\nx\nc\nd", &n, &s, &ar);
	arena_free(&ar);
}
END_TEST

START_TEST(large_and_unrelated)
{
	struct arena	 ar = { 0 };
	struct diff_seg	*s;
	size_t		 n;
	char		*a = malloc(30001), *b = malloc(30001);

	/* 10,000 CJK characters each, entirely different: beyond the limit
	 * of differences the texts come out as replaced whole. */
	for (int i = 0; i < 10000; i++) {
		memcpy(a + i * 3, "甲", 3);
		memcpy(b + i * 3, "乙", 3);
	}
	a[30000] = b[30000] = '\0';
	check_roundtrip(a, b, &n, &s, &ar);
	/* A small change in a long text stays small. */
	b[15000] = a[15000];
	memcpy(b, a, 30000);
	memcpy(b + 15000, "丙", 3);
	check_roundtrip(a, b, &n, &s, &ar);
	ck_assert_uint_eq(n, 4);
	free(a);
	free(b);
	arena_free(&ar);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("diff");
	TCase	*tc = tcase_create("diff");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, chinese_by_character);
	tcase_add_test(tc, english_by_word);
	tcase_add_test(tc, lists_by_line);
	tcase_add_test(tc, edge_cases);
	tcase_add_test(tc, large_and_unrelated);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
