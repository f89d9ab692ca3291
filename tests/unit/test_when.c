/*
 * Unit tests for src/when.c: ISO 8601 parsing and Taiwan's ways of showing
 * a time (UTC+8, the ROC calendar, time left until a deadline).
 *
 * Expected instants were computed independently with GNU date, e.g.
 * `date -u -d 2020-03-06T15:59:59Z +%s`.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extern.h"

/* 2020-03-06T15:59:59Z, which is 23:59:59 on a Friday in Taipei. */
#define T_DEADLINE	((time_t)1583510399)

/* Parses s, which must parse, and returns the instant. */
static time_t
parse_ok(const char *s, int taipei)
{
	time_t	 t = (time_t)-12345;

	ck_assert_msg(when_parse(s, taipei, &t) == 0, "refused \"%s\"", s);
	return t;
}

/* Checks that s is refused and the output left alone. */
static void
parse_bad(const char *s, int taipei)
{
	time_t	 t = (time_t)-12345;

	ck_assert_msg(when_parse(s, taipei, &t) == -1, "accepted \"%s\"", s);
	ck_assert_msg(t == (time_t)-12345, "\"%s\" changed the output", s);
}

/* ------------------------------------------------------------ when_parse */

START_TEST(parse_offsets)
{
	ck_assert_int_eq(parse_ok("2020-03-06T15:59:59Z", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T15:59:59Z", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T23:59:59+08:00", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T23:59:59+0800", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T10:59:59-05:00", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T10:59:59-0500", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T15:59:59+00:00", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T21:29:59+05:30", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-07T05:59:59+14:00", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("1970-01-01T00:00:00Z", 0), 0);
	ck_assert_int_eq(parse_ok("1970-01-01T08:00+08:00", 0), 0);
}
END_TEST

START_TEST(parse_without_offset)
{
	/* Without an offset the time is Taipei's, or UTC when asked. */
	ck_assert_int_eq(parse_ok("2020-03-06T23:59:59", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T15:59:59", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06T23:59:59", 0),
	    T_DEADLINE + WHEN_TAIPEI_OFFSET);
}
END_TEST

START_TEST(parse_seconds_optional)
{
	ck_assert_int_eq(parse_ok("2020-03-06T23:59", 1), 1583510340);
	ck_assert_int_eq(parse_ok("2020-03-06T23:59+08:00", 0), 1583510340);
	ck_assert_int_eq(parse_ok("2020-03-06T15:59Z", 1), 1583510340);
	ck_assert_int_eq(parse_ok("2020-03-06T23:59:00", 1), 1583510340);
}
END_TEST

START_TEST(parse_space_for_t)
{
	ck_assert_int_eq(parse_ok("2020-03-06 23:59:59", 1), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06 23:59:59+08:00", 0), T_DEADLINE);
	ck_assert_int_eq(parse_ok("2020-03-06 23:59", 1), 1583510340);
}
END_TEST

START_TEST(parse_leap_days)
{
	ck_assert_int_eq(parse_ok("2020-02-29T00:00:00Z", 0), 1582934400);
	ck_assert_int_eq(parse_ok("2000-02-29T12:00Z", 0), 951825600);
	ck_assert_int_eq(parse_ok("2024-02-29T23:59:59", 1), 1709222399);
	parse_bad("2019-02-29T00:00Z", 0);
	parse_bad("2100-02-29T00:00Z", 0);
	parse_bad("2020-02-30T00:00Z", 0);
	ck_assert_int_eq(parse_ok("2019-02-28T00:00Z", 0) + 86400,
	    parse_ok("2019-03-01T00:00Z", 0));
}
END_TEST

START_TEST(parse_far_future)
{
	/* time_t is 64 bits on every platform cocreate runs on. */
	ck_assert_int_eq(parse_ok("9999-12-31T23:59:59Z", 0),
	    (time_t)253402300799LL);
}
END_TEST

START_TEST(parse_bad_fields)
{
	static const char *const bad[] = {
		"2020-00-06T12:00", "2020-13-06T12:00", "2020-99-06T12:00",
		"2020-03-00T12:00", "2020-03-32T12:00", "2020-04-31T12:00",
		"2020-06-31T12:00", "2020-09-31T12:00", "2020-11-31T12:00",
		"2020-03-06T24:00", "2020-03-06T12:60", "2020-03-06T12:00:60",
		"2020-03-06T12:00+15:00", "2020-03-06T12:00+08:60",
		"1969-12-31T23:59Z", "0000-01-01T00:00Z",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		parse_bad(bad[i], 1);
	/* The last day of each month is accepted. */
	parse_ok("2020-04-30T12:00", 1);
	parse_ok("2020-12-31T23:59:59", 1);
	parse_ok("2020-01-31T00:00", 1);
}
END_TEST

START_TEST(parse_garbage)
{
	static const char *const bad[] = {
		"", "hello", "tomorrow at noon", "2020-03-06",
		"2020-03-06X23:59", "2020/03/06T23:59", "2020-3-6T23:59:00",
		"2020-03-06t23:59", "2020-03-06T23.59", "20200306T235959Z",
		"2020-03-06T23:59:59z", "2020-03-06T23:59:59 ",
		"2020-03-06T23:59:59Zjunk", "2020-03-06T23:59:59+8",
		"2020-03-06T23:59:59+08:", "2020-03-06T23:59:59+08:00x",
		"2020-03-06T23:59:59+08:0", "2020-03-06T23:59:59 +08:00",
		"2020-03-06T23:59:5", "2020-03-06T23:59:", "2020-03-06T2:59:59",
		"+020-03-06T23:59", "2020-03-06T23:59:59UTC",
		"2020-03-06T23:59:59+x8:00", "2020-03-06T23:59:59+08:x0",
		" 2020-03-06T23:59", "２０２０-03-06T23:59",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		parse_bad(bad[i], 0);
		parse_bad(bad[i], 1);
	}
	parse_bad(NULL, 1);
}
END_TEST

START_TEST(parse_length_limits)
{
	/* 15 characters is one short of the shortest form. */
	parse_bad("2020-03-06T23:5", 1);
	/* Fractions of a second are not taken: 29 characters. */
	parse_bad("2020-03-06T23:59:59.000+08:00", 1);
	parse_bad("2020-03-06T23:59:59+08:00:00", 1);
	/* The longest form, 25 characters, is. */
	ck_assert_uint_eq(strlen("2020-03-06T23:59:59+08:00"), 25);
	parse_ok("2020-03-06T23:59:59+08:00", 1);
}
END_TEST

/* ---------------------------------------------------- when_utc, _taipei */

START_TEST(format_utc)
{
	char	 s[64];

	when_utc(T_DEADLINE, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-06T15:59:59Z");
	when_utc(0, s, sizeof(s));
	ck_assert_str_eq(s, "1970-01-01T00:00:00Z");
	/* What when_utc writes, when_parse reads back. */
	ck_assert_int_eq(parse_ok("2020-03-06T15:59:59Z", 0), T_DEADLINE);
}
END_TEST

START_TEST(format_taipei)
{
	char	 s[64];

	when_taipei(T_DEADLINE, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-06 23:59");
	/* One second later it is midnight, the next day, in Taipei. */
	when_taipei(T_DEADLINE + 1, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-07 00:00");
	/* 16:00 UTC on New Year's Eve is New Year in Taipei. */
	when_taipei(1577808000, s, sizeof(s));
	ck_assert_str_eq(s, "2020-01-01 00:00");
	when_taipei(1577808000 - 1, s, sizeof(s));
	ck_assert_str_eq(s, "2019-12-31 23:59");
	/* The leap day begins at 16:00 UTC on 28 February. */
	when_taipei(1582905600, s, sizeof(s));
	ck_assert_str_eq(s, "2020-02-29 00:00");
	when_taipei(0, s, sizeof(s));
	ck_assert_str_eq(s, "1970-01-01 08:00");
}
END_TEST

START_TEST(format_taipei_input)
{
	char	 s[64];
	time_t	 t;

	when_taipei_input(T_DEADLINE, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-06T23:59");
	when_taipei_input(1577808000, s, sizeof(s));
	ck_assert_str_eq(s, "2020-01-01T00:00");
	when_taipei_input(1577808000 - 60, s, sizeof(s));
	ck_assert_str_eq(s, "2019-12-31T23:59");

	/* The form's value, sent back, is the same minute. */
	t = parse_ok("2020-03-06T23:59", 1);
	when_taipei_input(t, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-06T23:59");

	/* The deadline's input keeps the seconds: 23:59:59 stays that. */
	when_taipei_input_sec(T_DEADLINE, s, sizeof(s));
	ck_assert_str_eq(s, "2020-03-06T23:59:59");
	ck_assert_int_eq(parse_ok(s, 1), T_DEADLINE);
	when_taipei_input_sec(1577808000, s, sizeof(s));
	ck_assert_str_eq(s, "2020-01-01T00:00:00");
}
END_TEST

/* Check's assertions are slow in a loop of a million: compare, then fail. */
#define SAME(got, want) do {						\
	if (strcmp((got), (want)) != 0)					\
		ck_abort_msg("%lld: \"%s\", not \"%s\"", (long long)t,	\
		    (got), (want));					\
} while (0)

/*
 * The hand-written calendar against the C library's: every format over a
 * 300,000 instants from 1970 to 2200, and each day's edges.
 */
START_TEST(format_matches_libc)
{
	static const char *const wday[] = { "日", "一", "二", "三", "四",
	    "五", "六" };
	char		 got[64], want[64];
	struct tm	 tm;
	unsigned long	 x = 88172645463325252UL;
	time_t		 t, tp, back;

	for (int i = 0; i < 300000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t = (time_t)(x % 7258118400UL);		/* to 2200 */
		if (i % 3 == 0)
			t -= t % 86400 + (i % 2);	/* midnight, and before */
		if (t < 0)
			t = 0;
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
		when_utc(t, got, sizeof(got));
		SAME(got, want);
		if (when_parse(got, 0, &back) != 0 || back != t)
			ck_abort_msg("%s does not parse back to %lld", got,
			    (long long)t);

		tp = t + 8 * 3600;
		gmtime_r(&tp, &tm);
		strftime(want, sizeof(want), "%Y-%m-%d %H:%M", &tm);
		when_taipei(t, got, sizeof(got));
		SAME(got, want);
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M", &tm);
		when_taipei_input(t, got, sizeof(got));
		SAME(got, want);
		snprintf(want, sizeof(want), "民國%d年%d月%d日（星期%s）",
		    tm.tm_year + 1900 - 1911, tm.tm_mon + 1, tm.tm_mday,
		    wday[tm.tm_wday]);
		when_roc(t, got, sizeof(got));
		SAME(got, want);
	}
}
END_TEST

/* --------------------------------------------------------------- when_roc */

/*
 * The stored form's shortcut writes what when_parse and when_taipei write:
 * for every day from 1970 to 2110, the last minute before midnight in
 * Taipei and the first after it (month ends, year ends and leap days among
 * them), and refuses whatever is not a valid time in exactly the stored
 * form.
 */
START_TEST(format_stored_taipei)
{
	static const char *const bad[] = { "", "2020-03-06T15:59:59",
	    "2020-03-06T15:59Z", "2020-03-06 15:59:59Z", "2020-03-06T15:59:59+00:00",
	    "2020-03-06T15:59:59Zx", "2020-13-06T15:59:59Z",
	    "2020-00-06T15:59:59Z", "2020-02-30T15:59:59Z",
	    "2019-02-29T15:59:59Z", "2020-03-32T15:59:59Z",
	    "2020-03-06T24:00:00Z", "2020-03-06T23:60:00Z",
	    "2020-03-06T23:59:60Z", "1969-12-31T23:59:59Z",
	    "2020-03-0xT15:59:59Z", "9999-12-31T16:00:00Z", "２020-03-06T15:59:59Z" };
	char		 want[64], got[WHEN_TAIPEI_LEN + 1 + 8], stored[32];
	time_t		 t, back;
	long long	 n = 0, wrong = 0;

	for (t = 15 * 3600 + 59 * 60 + 59; t < (time_t)4417977600LL;
	    t += n % 2 ? 1 : 86400 - 1) {
		when_utc(t, stored, sizeof(stored));
		when_taipei(t, want, sizeof(want));
		memset(got, '#', sizeof(got));
		if (when_parse(stored, 0, &back) != 0 || back != t ||
		    when_stored_taipei(stored, got) != 0 ||
		    strcmp(got, want) != 0 || got[WHEN_TAIPEI_LEN + 1] != '#')
			if (wrong++ == 0)
				ck_abort_msg("%s: %s, not %s", stored, got, want);
		n++;
	}
	ck_assert_int_eq(wrong, 0);
	ck_assert(n > 100000);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(when_stored_taipei(bad[i], got) == -1, "%s", bad[i]);
	/* The last minute before the year 10000 in Taipei is still shown. */
	ck_assert_int_eq(when_stored_taipei("9999-12-31T15:59:59Z", got), 0);
	ck_assert_str_eq(got, "9999-12-31 23:59");
	ck_assert_int_eq(when_stored_taipei("2020-02-28T16:00:00Z", got), 0);
	ck_assert_str_eq(got, "2020-02-29 00:00");
	ck_assert_int_eq(when_stored_taipei("2021-02-28T16:00:00Z", got), 0);
	ck_assert_str_eq(got, "2021-03-01 00:00");
	ck_assert_int_eq(when_stored_taipei("2019-12-31T16:00:00Z", got), 0);
	ck_assert_str_eq(got, "2020-01-01 00:00");
}
END_TEST

START_TEST(format_roc)
{
	char	 s[128];

	when_roc(parse_ok("2020-03-06T23:59:59+08:00", 0), s, sizeof(s));
	ck_assert_str_eq(s, "民國109年3月6日（星期五）");
	/* One second later: Saturday the 7th. */
	when_roc(T_DEADLINE + 1, s, sizeof(s));
	ck_assert_str_eq(s, "民國109年3月7日（星期六）");
	/* 1 January 2012, a Sunday, began at 16:00 UTC the day before. */
	when_roc(1325347200, s, sizeof(s));
	ck_assert_str_eq(s, "民國101年1月1日（星期日）");
	when_roc(1325347200 - 1, s, sizeof(s));
	ck_assert_str_eq(s, "民國100年12月31日（星期六）");
	when_roc(parse_ok("2024-02-29T12:00", 1), s, sizeof(s));
	ck_assert_str_eq(s, "民國113年2月29日（星期四）");
}
END_TEST

/* -------------------------------------------------------------- when_left */

static void
check_left(time_t now, time_t deadline, const char *zh, const char *en)
{
	char	 z[128], e[128];

	when_left(now, deadline, z, sizeof(z), e, sizeof(e));
	ck_assert_str_eq(z, zh);
	ck_assert_str_eq(e, en);
}

START_TEST(left_days)
{
	time_t	 now = T_DEADLINE - 30 * 86400;

	check_left(now, now + 13 * 86400 + 5 * 3600 + 59 * 60,
	    "還有 13 天 5 小時", "13 days 5 hours left");
	check_left(now, now + 86400 + 3600, "還有 1 天 1 小時",
	    "1 day 1 hour left");
	check_left(now, now + 86400, "還有 1 天 0 小時", "1 day 0 hours left");
	check_left(now, now + 2 * 86400 + 23 * 3600 + 3599,
	    "還有 2 天 23 小時", "2 days 23 hours left");
}
END_TEST

START_TEST(left_under_a_day)
{
	time_t	 now = T_DEADLINE - 3600;

	check_left(now, now + 5 * 3600 + 3 * 60 + 30, "還有 5 小時 3 分鐘",
	    "5 hours 3 minutes left");
	check_left(now, now + 86399, "還有 23 小時 59 分鐘",
	    "23 hours 59 minutes left");
	check_left(now, now + 3600 + 60, "還有 1 小時 1 分鐘",
	    "1 hour 1 minute left");
	check_left(now, now + 60, "還有 0 小時 1 分鐘", "0 hours 1 minute left");
}
END_TEST

START_TEST(left_passed)
{
	check_left(T_DEADLINE, T_DEADLINE, "已截止", "closed");
	check_left(T_DEADLINE + 1, T_DEADLINE, "已截止", "closed");
	check_left(T_DEADLINE + 400 * 86400, T_DEADLINE, "已截止", "closed");
}
END_TEST

START_TEST(left_small_buffers)
{
	char	 z[8], e[8];

	/* Small buffers are filled, not overrun, and stay terminated. */
	when_left(0, 13 * 86400, z, sizeof(z), e, sizeof(e));
	ck_assert_uint_lt(strlen(z), sizeof(z));
	ck_assert_uint_lt(strlen(e), sizeof(e));
	ck_assert_str_eq(e, "13 days");
}
END_TEST

/* str_decimal() (buf.c), which the ROC dates and feeds write with. */
START_TEST(decimal)
{
	char		 s[32];
	const struct { long long v; const char *want; } cases[] = {
		{ 0, "0" }, { 7, "7" }, { 109, "109" }, { -1, "-1" },
		{ 9223372036854775807LL, "9223372036854775807" },
		{ -9223372036854775807LL - 1, "-9223372036854775808" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(s, 'x', sizeof(s));
		ck_assert_ptr_eq(str_decimal(s, cases[i].v),
		    s + strlen(cases[i].want));
		ck_assert_str_eq(s, cases[i].want);
	}
}
END_TEST

static Suite *
when_suite(void)
{
	Suite	*s = suite_create("when");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, parse_offsets);
	tcase_add_test(tc, parse_without_offset);
	tcase_add_test(tc, parse_seconds_optional);
	tcase_add_test(tc, parse_space_for_t);
	tcase_add_test(tc, parse_leap_days);
	tcase_add_test(tc, parse_far_future);
	tcase_add_test(tc, parse_bad_fields);
	tcase_add_test(tc, parse_garbage);
	tcase_add_test(tc, parse_length_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, format_utc);
	tcase_add_test(tc, format_taipei);
	tcase_add_test(tc, format_taipei_input);
	tcase_add_test(tc, format_roc);
	tcase_add_test(tc, format_stored_taipei);
	tcase_add_test(tc, format_matches_libc);
	tcase_add_test(tc, left_days);
	tcase_add_test(tc, left_under_a_day);
	tcase_add_test(tc, left_passed);
	tcase_add_test(tc, left_small_buffers);
	tcase_add_test(tc, decimal);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(when_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
