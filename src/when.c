/*
 * Time: parsing ISO 8601, and showing times as Taiwan does.
 *
 * Taiwan has kept UTC+8 without daylight saving since 1979, so Asia/Taipei
 * is a fixed offset here and no time-zone database is consulted; every
 * stored time is UTC.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "extern.h"

static int
digits(const char *s, int n, int *out)
{
	int	 v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The days of month mo (1-12) of year y. */
static int
month_days(int y, int mo)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return mdays[mo - 1] + (mo == 2 && leap(y));
}

/*
 * Whether y-mo-d h:mi:sec is a time a stored one may be: a day that exists
 * from 1970 to 9999.
 */
static int
valid_time(int y, int mo, int d, int h, int mi, int sec)
{
	return y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	    d <= month_days(y, mo) && h <= 23 && mi <= 59 && sec <= 59;
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, by
 * counting 400-year eras of 146,097 days from a year that starts in March.
 */
static long long
days_from_civil(int y, int m, int d)
{
	long long	 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/*
 * The inverse: y-m-d of a day counted from 1970-01-01, by the same eras.
 * With gmtime_r and strftime out of the way, a page of fifty comments
 * saves a few hundred thousand instructions.
 */
struct civil {
	int	 y, m, d, hh, mm, ss, wday;
};

static void
civil_from_time(long long t, struct civil *c)
{
	long long	 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	long long	 secs = t - days * 86400, z = days + 719468, era;
	unsigned	 doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->d = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->m = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->y = (int)(yoe + era * 400) + (c->m <= 2);
	c->hh = (int)(secs / 3600);
	c->mm = (int)(secs % 3600 / 60);
	c->ss = (int)(secs % 60);
	/* 1970-01-01 was a Thursday. */
	c->wday = (int)((days % 7 + 11) % 7);
}

/* Writes v as exactly n decimal digits (0 <= v < 10^n). */
static char *
put_digits(char *p, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

/*
 * Writes "YYYY-MM-DD<sep>HH:MM[:SS]<tail>" into out (n bytes), as much as
 * fits and always terminated.  Years outside 0-9999 do not occur: stored
 * times are validated.
 */
static void
put_stamp(const struct civil *c, char sep, int seconds, const char *tail,
    char *out, size_t n)
{
	char	 s[40], *p = s;

	if (n == 0)
		return;
	p = put_digits(p, c->y % 10000, 4);
	*p++ = '-';
	p = put_digits(p, c->m, 2);
	*p++ = '-';
	p = put_digits(p, c->d, 2);
	*p++ = sep;
	p = put_digits(p, c->hh, 2);
	*p++ = ':';
	p = put_digits(p, c->mm, 2);
	if (seconds) {
		*p++ = ':';
		p = put_digits(p, c->ss, 2);
	}
	while (*tail != '\0')
		*p++ = *tail++;
	*p = '\0';
	if ((size_t)(p - s) >= n)
		p = s + n - 1;
	memcpy(out, s, (size_t)(p - s));
	out[p - s] = '\0';
}

/*
 * Parses "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]" (a space may stand for
 * the T).  Without an offset the time is taken as Asia/Taipei when taipei
 * is set, else as UTC.  Returns 0 and sets *out, or -1 when s is not such a
 * time or names a day that does not exist.
 */
int
when_parse(const char *s, int taipei, time_t *out)
{
	int		 y, mo, d, h, mi, sec = 0, oh, om, sign;
	long long	 off, t;
	size_t		 len;

	if (s == NULL || (len = strlen(s)) < 16 || len > 25)
		return -1;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &h) ||
	    s[13] != ':' || digits(s + 14, 2, &mi))
		return -1;
	s += 16;
	if (*s == ':') {
		if (digits(s + 1, 2, &sec))
			return -1;
		s += 3;
	}
	if (!valid_time(y, mo, d, h, mi, sec))
		return -1;
	if (*s == '\0')
		off = taipei ? WHEN_TAIPEI_OFFSET : 0;
	else if (strcmp(s, "Z") == 0)
		off = 0;
	else if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		if (digits(s + 1, 2, &oh))
			return -1;
		if (s[3] == ':')
			s++;
		if (digits(s + 3, 2, &om) || s[5] != '\0' || oh > 14 || om > 59)
			return -1;
		off = sign * (oh * 3600 + om * 60);
	} else
		return -1;
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off;
	*out = (time_t)t;
	return 0;
}

/* Writes t as UTC ISO 8601, "2020-03-06T15:59:59Z", the stored form. */
void
when_utc(time_t t, char *out, size_t n)
{
	struct civil	 c;

	civil_from_time((long long)t, &c);
	put_stamp(&c, 'T', 1, "Z", out, n);
}

/* Writes t in Asia/Taipei, "2020-03-06 23:59". */
void
when_taipei(time_t t, char *out, size_t n)
{
	struct civil	 c;

	civil_from_time((long long)t + WHEN_TAIPEI_OFFSET, &c);
	put_stamp(&c, ' ', 0, "", out, n);
}

/* Writes t in Asia/Taipei as an <input type="datetime-local"> value. */
void
when_taipei_input(time_t t, char *out, size_t n)
{
	struct civil	 c;

	civil_from_time((long long)t + WHEN_TAIPEI_OFFSET, &c);
	put_stamp(&c, 'T', 0, "", out, n);
}

/*
 * The same with its seconds, "2020-03-06T23:59:59", for an input with
 * step="1": a deadline of 23:59:59 saved back unchanged stays that, not
 * 23:59:00, which refused the last minute's submissions.
 */
void
when_taipei_input_sec(time_t t, char *out, size_t n)
{
	struct civil	 c;

	civil_from_time((long long)t + WHEN_TAIPEI_OFFSET, &c);
	put_stamp(&c, 'T', 1, "", out, n);
}

/* Writes the Asia/Taipei date in the ROC calendar, "民國109年3月6日（星期五）". */
void
when_roc(time_t t, char *out, size_t n)
{
	static const char *const wday[] = { "日", "一", "二", "三", "四",
	    "五", "六" };
	struct civil	 c;
	char		 s[64], *p = s;

	if (n == 0)
		return;
	civil_from_time((long long)t + WHEN_TAIPEI_OFFSET, &c);
	p = stpcpy(p, "民國");
	p = str_decimal(p, c.y - 1911);
	p = stpcpy(p, "年");
	p = str_decimal(p, c.m);
	p = stpcpy(p, "月");
	p = str_decimal(p, c.d);
	p = stpcpy(p, "日（星期");
	p = stpcpy(p, wday[c.wday]);
	p = stpcpy(p, "）");
	if ((size_t)(p - s) >= n)
		p = s + n - 1;
	memcpy(out, s, (size_t)(p - s));
	out[p - s] = '\0';
}

/*
 * Writes the time left until deadline in words, zh-TW and English:
 * "還有 13 天 5 小時" / "13 days 5 hours left", or that it has passed.
 */
void
when_left(time_t now, time_t deadline, char *zh, size_t zhn, char *en,
    size_t enn)
{
	long long	 left = (long long)deadline - (long long)now;
	long long	 d, h, m;

	if (left <= 0) {
		snprintf(zh, zhn, "已截止");
		snprintf(en, enn, "closed");
		return;
	}
	d = left / 86400;
	h = left % 86400 / 3600;
	m = left % 3600 / 60;
	if (d > 0) {
		snprintf(zh, zhn, "還有 %lld 天 %lld 小時", d, h);
		snprintf(en, enn, "%lld day%s %lld hour%s left", d,
		    d == 1 ? "" : "s", h, h == 1 ? "" : "s");
	} else {
		snprintf(zh, zhn, "還有 %lld 小時 %lld 分鐘", h, m);
		snprintf(en, enn, "%lld hour%s %lld minute%s left", h,
		    h == 1 ? "" : "s", m, m == 1 ? "" : "s");
	}
}

/*
 * Rewrites a stored UTC time as ISO 8601 in Asia/Taipei,
 * "2020-03-06T23:59:59+08:00"; an empty or unreadable time gives "".
 */
void
when_iso_taipei(const char *utc, char *out, size_t n)
{
	struct civil	 c;
	time_t		 t;

	if (utc == NULL || when_parse(utc, 0, &t) == -1) {
		if (n > 0)
			out[0] = '\0';
		return;
	}
	civil_from_time((long long)t + WHEN_TAIPEI_OFFSET, &c);
	put_stamp(&c, 'T', 1, "+08:00", out, n);
}

/*
 * Writes the Asia/Taipei "YYYY-MM-DD HH:MM" of a time stored as
 * "YYYY-MM-DDTHH:MM:SSZ" (when_utc) into out, as when_parse and
 * when_taipei together write it, by adding the eight hours to the digits.
 * Returns 0, or -1 when s is not a valid time in exactly that form (the
 * caller takes the general way).  A page shows up to fifty times, and the
 * general way cost 600 instructions each.
 */
int
when_stored_taipei(const char *s, char out[WHEN_TAIPEI_LEN + 1])
{
	int		 y, mo, d, h, mi, sec;

	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || s[10] != 'T' ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
	    s[16] != ':' || digits(s + 17, 2, &sec) || s[19] != 'Z' ||
	    s[20] != '\0')
		return -1;
	if (!valid_time(y, mo, d, h, mi, sec))
		return -1;
	if ((h += WHEN_TAIPEI_OFFSET / 3600) >= 24) {
		h -= 24;
		if (++d > month_days(y, mo)) {
			d = 1;
			if (++mo > 12) {
				mo = 1;
				y++;
			}
		}
	}
	if (y > 9999)
		return -1;
	/* The stored bytes, and what the eight hours changed. */
	memcpy(out, s, WHEN_TAIPEI_LEN);
	out[10] = ' ';
	out[WHEN_TAIPEI_LEN] = '\0';
	out[11] = (char)('0' + h / 10);
	out[12] = (char)('0' + h % 10);
	if (d != (s[8] - '0') * 10 + (s[9] - '0')) {
		put_digits(out + 8, d, 2);
		put_digits(out + 5, mo, 2);
		put_digits(out, y, 4);
	}
	return 0;
}

/* Milliseconds of the monotonic clock: for intervals, never for dates. */
long long
when_mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}
