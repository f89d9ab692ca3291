/*
 * Unit tests for src/req.c: urlencoded bodies and query strings, the Cookie
 * header, the field table check (req_fields) and the small lookups.
 *
 * Inputs go to the parser from heap copies of exactly their length, which
 * are scribbled over and freed as soon as it returns: a read past len, or a
 * result that points into the input instead of the arena, then shows up
 * under AddressSanitizer or valgrind, or as a wrong value.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

static struct arena	 arena;
static struct req	 r;
static struct kv	*kv;
static size_t		 nkv;

static void
setup(void)
{
	memset(&arena, 0, sizeof(arena));
	memset(&r, 0, sizeof(r));
	r.arena = &arena;
	kv = NULL;
	nkv = 0;
}

static void
teardown(void)
{
	arena_free(&arena);
}

/* Parses s[0..len) from an exact-size heap copy into kv and nkv. */
static enum reqerr
parse_n(const char *s, size_t len, size_t maxfields)
{
	enum reqerr	 e;
	char		*p;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	e = req_urlencoded(&arena, p, len, &kv, &nkv, maxfields);
	memset(p, '#', len);
	free(p);
	return e;
}

/* Parses a literal, which may hold NUL bytes, with the application's limit. */
#define PARSE(lit)	parse_n((lit), sizeof(lit) - 1, REQ_MAX_FIELDS)

static enum reqerr
parse(const char *s)
{
	return parse_n(s, strlen(s), REQ_MAX_FIELDS);
}

/* Checks pair i of the last parse. */
static void
check_kv(size_t i, const char *key, const char *val)
{
	ck_assert_uint_lt(i, nkv);
	ck_assert_str_eq(kv[i].key, key);
	ck_assert_str_eq(kv[i].val, val);
	ck_assert_uint_eq(kv[i].vlen, strlen(val));
}

/* Parses a body that must parse, and runs the field check over it. */
static enum reqerr
form(const char *body)
{
	ck_assert_int_eq(parse(body), REQ_OK);
	r.form = kv;
	r.nform = nkv;
	return req_fields(&r);
}

/* Returns a new heap string: prefix, then n copies of unit, then suffix. */
static char *
repeat(const char *prefix, const char *unit, size_t n, const char *suffix)
{
	size_t	 plen = strlen(prefix), ulen = strlen(unit);
	char	*s, *p;

	s = malloc(plen + ulen * n + strlen(suffix) + 1);
	ck_assert_ptr_nonnull(s);
	memcpy(s, prefix, plen);
	p = s + plen;
	for (size_t i = 0; i < n; i++, p += ulen)
		memcpy(p, unit, ulen);
	strcpy(p, suffix);
	return s;
}

/* -------------------------------------------------------- req_urlencoded */

START_TEST(ue_basic)
{
	ck_assert_int_eq(PARSE("a=1&b=two"), REQ_OK);
	ck_assert_uint_eq(nkv, 2);
	check_kv(0, "a", "1");
	check_kv(1, "b", "two");
}
END_TEST

START_TEST(ue_percent)
{
	ck_assert_int_eq(PARSE("k=%41%62c%2B%26%3D%25"), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "k", "Abc+&=%");

	/* Upper- and lower-case hex digits, in keys as in values. */
	ck_assert_int_eq(PARSE("%e4%b8%ad=%E4%B8%AD&x=%e4%B8%aD"), REQ_OK);
	ck_assert_uint_eq(nkv, 2);
	check_kv(0, "中", "中");
	check_kv(1, "x", "中");

	ck_assert_int_eq(PARSE("e=%F0%9F%98%80"), REQ_OK);
	check_kv(0, "e", "\xF0\x9F\x98\x80");
}
END_TEST

START_TEST(ue_plus_is_space)
{
	ck_assert_int_eq(PARSE("q=hello+world%20x&a+b=%2B&c=++"), REQ_OK);
	ck_assert_uint_eq(nkv, 3);
	check_kv(0, "q", "hello world x");
	check_kv(1, "a b", "+");
	check_kv(2, "c", "  ");
}
END_TEST

START_TEST(ue_repeated_keys_in_order)
{
	ck_assert_int_eq(PARSE("value=a&x=1&value=b&value=c"), REQ_OK);
	ck_assert_uint_eq(nkv, 4);
	check_kv(0, "value", "a");
	check_kv(1, "x", "1");
	check_kv(2, "value", "b");
	check_kv(3, "value", "c");
}
END_TEST

START_TEST(ue_empty_pairs)
{
	ck_assert_int_eq(PARSE("a=1&&b=2"), REQ_OK);
	ck_assert_uint_eq(nkv, 2);
	check_kv(0, "a", "1");
	check_kv(1, "b", "2");

	ck_assert_int_eq(PARSE("&a=1&"), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "a", "1");

	ck_assert_int_eq(PARSE("&&&"), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
}
END_TEST

START_TEST(ue_key_without_equals)
{
	ck_assert_int_eq(PARSE("flag&x=1&y="), REQ_OK);
	ck_assert_uint_eq(nkv, 3);
	check_kv(0, "flag", "");
	check_kv(1, "x", "1");
	check_kv(2, "y", "");

	/* Only the first '=' separates; the rest is value. */
	ck_assert_int_eq(PARSE("a=b=c"), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "a", "b=c");
}
END_TEST

START_TEST(ue_bad_percent)
{
	static const char *const bad[] = {
		"a=%4", "a=%", "a=%G1", "a=%4G", "a=%%41", "a=%41%",
		"a=% 41", "a=%-1", "%4=1", "%=1", "a=1&b=%", "a=%x",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i]) == REQ_E_PERCENT,
		    "\"%s\" gave %d", bad[i], (int)parse(bad[i]));
}
END_TEST

START_TEST(ue_decoded_nul)
{
	ck_assert_int_eq(PARSE("a=%00"), REQ_E_NUL);
	ck_assert_int_eq(PARSE("a=x%00y"), REQ_E_NUL);
	ck_assert_int_eq(PARSE("%00=1"), REQ_E_NUL);
	ck_assert_int_eq(PARSE("ok=1&a=%00"), REQ_E_NUL);
}
END_TEST

START_TEST(ue_raw_nul)
{
	ck_assert_int_eq(PARSE("a=1\0b=2"), REQ_E_NUL);
	ck_assert_int_eq(PARSE("a=1\0"), REQ_E_NUL);
	ck_assert_int_eq(PARSE("\0"), REQ_E_NUL);
}
END_TEST

START_TEST(ue_bad_utf8)
{
	static const char *const bad[] = {
		"a=%FF", "a=%C0%AF", "a=%ED%A0%80", "a=%E4%B8", "a=%E4",
		"a=%F4%90%80%80", "a=%80", "a=%C2", "%FF=1", "a=\xFF",
		"a=\xC0\xAF", "a=%E4%B8%AD%AD",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i]) == REQ_E_UTF8,
		    "\"%s\" gave %d", bad[i], (int)parse(bad[i]));
	/* Raw UTF-8, not percent-encoded, is taken as it is. */
	ck_assert_int_eq(PARSE("a=中文"), REQ_OK);
	check_kv(0, "a", "中文");
}
END_TEST

START_TEST(ue_too_many_fields)
{
	char	*s;

	ck_assert_int_eq(parse_n("a=1&b=2&c=3", 11, 3), REQ_OK);
	ck_assert_uint_eq(nkv, 3);
	ck_assert_int_eq(parse_n("a=1&b=2&c=3&d=4", 15, 3),
	    REQ_E_TOO_MANY_FIELDS);
	/* Empty pairs are not fields. */
	ck_assert_int_eq(parse_n("a=1&&&&b=2&c=3", 14, 3), REQ_OK);
	ck_assert_uint_eq(nkv, 3);

	s = repeat("", "f=1&", REQ_MAX_FIELDS - 1, "f=1");
	ck_assert_int_eq(parse(s), REQ_OK);
	ck_assert_uint_eq(nkv, REQ_MAX_FIELDS);
	free(s);
	s = repeat("", "f=1&", REQ_MAX_FIELDS, "f=1");
	ck_assert_int_eq(parse(s), REQ_E_TOO_MANY_FIELDS);
	free(s);
	/* Thousands of separators are refused without a pair in sight. */
	s = repeat("", "&", 10000, "");
	ck_assert_int_eq(parse(s), REQ_E_TOO_MANY_FIELDS);
	free(s);
}
END_TEST

START_TEST(ue_empty_input)
{
	static struct kv	 stale;

	/* The outputs are reset, not left as they were. */
	kv = &stale;
	nkv = 99;
	ck_assert_int_eq(PARSE(""), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
	ck_assert_ptr_null(kv);

	kv = &stale;
	nkv = 99;
	ck_assert_int_eq(req_urlencoded(&arena, NULL, 0, &kv, &nkv,
	    REQ_MAX_FIELDS), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(ue_reads_only_len)
{
	ck_assert_int_eq(parse_n("a=1&b=2", 3, REQ_MAX_FIELDS), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "a", "1");

	ck_assert_int_eq(parse_n("abc=1", 2, REQ_MAX_FIELDS), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "ab", "");

	/* A percent sequence cut by len is truncated, not read on. */
	ck_assert_int_eq(parse_n("a=%41", 4, REQ_MAX_FIELDS), REQ_E_PERCENT);
	ck_assert_int_eq(parse_n("a=%41", 3, REQ_MAX_FIELDS), REQ_E_PERCENT);
	ck_assert_int_eq(parse_n("a=%41", 5, REQ_MAX_FIELDS), REQ_OK);
	check_kv(0, "a", "A");

	/* What lies beyond len, even a NUL or bad UTF-8, is not looked at. */
	ck_assert_int_eq(parse_n("a=1\0", 3, REQ_MAX_FIELDS), REQ_OK);
	ck_assert_int_eq(parse_n("a=1%FF", 3, REQ_MAX_FIELDS), REQ_OK);
	check_kv(0, "a", "1");
}
END_TEST

START_TEST(reqerr_messages)
{
	for (int e = REQ_OK + 1; e < REQ__MAX; e++) {
		int status = req_errstatus((enum reqerr)e);

		ck_assert_msg(req_errstr((enum reqerr)e)[0] != '\0',
		    "no message for %d", e);
		ck_assert_msg(req_errstr_zh((enum reqerr)e)[0] != '\0',
		    "no zh message for %d", e);
		ck_assert_msg(status == 400 || status == 413 || status == 415 ||
		    status == 431, "status %d for %d", status, e);
	}
	ck_assert_int_eq(req_errstatus(REQ_E_BODY_TOO_LARGE), 413);
	ck_assert_int_eq(req_errstatus(REQ_E_CONTENT_TYPE), 415);
	ck_assert_int_eq(req_errstatus(REQ_E_PERCENT), 400);
	ck_assert_int_eq(req_errstatus(REQ_E_HEADER), 431);
	ck_assert_int_eq(req_errstatus(REQ__MAX), 400);
	ck_assert_str_eq(req_errstr(REQ__MAX), "");
	ck_assert_str_eq(req_errstr_zh(REQ__MAX), "");
}
END_TEST

/* ----------------------------------------------------------- req_cookies */

START_TEST(ck_basic)
{
	ck_assert_int_eq(req_cookies(&arena, "a=1; b=2", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 2);
	check_kv(0, "a", "1");
	check_kv(1, "b", "2");

	ck_assert_int_eq(req_cookies(&arena, "a=1;", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "a", "1");

	ck_assert_int_eq(req_cookies(&arena, "a=b=c", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	check_kv(0, "a", "b=c");
}
END_TEST

START_TEST(ck_spaces)
{
	ck_assert_int_eq(req_cookies(&arena, "  a = 1 ;b=2  ;  c  =  3  ",
	    &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 3);
	check_kv(0, "a", "1");
	check_kv(1, "b", "2");
	check_kv(2, "c", "3");
}
END_TEST

START_TEST(ck_quoted)
{
	ck_assert_int_eq(req_cookies(&arena,
	    "sid=\"abc\"; e=\"\"; q=\"; s=\"a b\"", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 4);
	check_kv(0, "sid", "abc");
	check_kv(1, "e", "");
	check_kv(2, "q", "\"");
	check_kv(3, "s", "a b");
}
END_TEST

START_TEST(ck_missing_equals)
{
	ck_assert_int_eq(req_cookies(&arena, "novalue; a=1; ; =v; b=2",
	    &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 2);
	check_kv(0, "a", "1");
	check_kv(1, "b", "2");
}
END_TEST

START_TEST(ck_too_long)
{
	char	*s;

	/* "a=" and 4094 bytes of value: exactly the limit. */
	s = repeat("a=", "x", REQ_MAX_COOKIE - 2, "");
	ck_assert_int_eq(req_cookies(&arena, s, &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 1);
	ck_assert_uint_eq(kv[0].vlen, REQ_MAX_COOKIE - 2);
	free(s);

	s = repeat("a=", "x", REQ_MAX_COOKIE - 1, "");
	ck_assert_int_eq(req_cookies(&arena, s, &kv, &nkv), REQ_E_HEADER);
	free(s);
}
END_TEST

START_TEST(ck_too_many)
{
	char	 s[1024];
	size_t	 len = 0;
	int	 i;

	for (i = 0; i < 64; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%sc%d=%d",
		    i ? "; " : "", i, i);
	ck_assert_int_eq(req_cookies(&arena, s, &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 64);
	check_kv(0, "c0", "0");
	check_kv(63, "c63", "63");

	snprintf(s + len, sizeof(s) - len, "; c64=64");
	ck_assert_int_eq(req_cookies(&arena, s, &kv, &nkv), REQ_E_HEADER);
}
END_TEST

START_TEST(ck_empty)
{
	nkv = 99;
	ck_assert_int_eq(req_cookies(&arena, "", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
	nkv = 99;
	ck_assert_int_eq(req_cookies(&arena, NULL, &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
	ck_assert_int_eq(req_cookies(&arena, " ; ;", &kv, &nkv), REQ_OK);
	ck_assert_uint_eq(nkv, 0);
}
END_TEST

/* ------------------------------------------------- req_query, req_cookie */

START_TEST(lookup_query)
{
	ck_assert_int_eq(parse("a=1&b=2&a=3&flag&sp=x+y"), REQ_OK);
	r.query = kv;
	r.nquery = nkv;
	/* The first of repeated parameters wins. */
	ck_assert_str_eq(req_query(&r, "a"), "1");
	ck_assert_str_eq(req_query(&r, "b"), "2");
	ck_assert_str_eq(req_query(&r, "flag"), "");
	ck_assert_str_eq(req_query(&r, "sp"), "x y");
	ck_assert_ptr_null(req_query(&r, "c"));
	ck_assert_ptr_null(req_query(&r, "A"));
	ck_assert_ptr_null(req_query(&r, ""));

	r.query = NULL;
	r.nquery = 0;
	ck_assert_ptr_null(req_query(&r, "a"));
}
END_TEST

START_TEST(lookup_cookie)
{
	ck_assert_int_eq(req_cookies(&arena, "cc_csrf=abc; cc_s=\"q\"; x=1",
	    &kv, &nkv), REQ_OK);
	r.cookie = kv;
	r.ncookie = nkv;
	ck_assert_str_eq(req_cookie(&r, "cc_csrf"), "abc");
	ck_assert_str_eq(req_cookie(&r, "cc_s"), "q");
	ck_assert_str_eq(req_cookie(&r, "x"), "1");
	ck_assert_ptr_null(req_cookie(&r, "cc"));
	ck_assert_ptr_null(req_cookie(&r, "CC_CSRF"));

	/* The browser sends the most specific cookie first; it wins. */
	ck_assert_int_eq(req_cookies(&arena, "a=1; a=2", &kv, &nkv), REQ_OK);
	r.cookie = kv;
	r.ncookie = nkv;
	ck_assert_str_eq(req_cookie(&r, "a"), "1");

	r.cookie = NULL;
	r.ncookie = 0;
	ck_assert_ptr_null(req_cookie(&r, "a"));
}
END_TEST

START_TEST(method)
{
	ck_assert_int_eq(req_method("GET"), METHOD_GET);
	ck_assert_int_eq(req_method("HEAD"), METHOD_HEAD);
	ck_assert_int_eq(req_method("POST"), METHOD_POST);
	ck_assert_int_eq(req_method("get"), METHOD_OTHER);
	ck_assert_int_eq(req_method("Post"), METHOD_OTHER);
	ck_assert_int_eq(req_method("PUT"), METHOD_OTHER);
	ck_assert_int_eq(req_method("DELETE"), METHOD_OTHER);
	ck_assert_int_eq(req_method("GETX"), METHOD_OTHER);
	ck_assert_int_eq(req_method("GE"), METHOD_OTHER);
	ck_assert_int_eq(req_method(""), METHOD_OTHER);
	ck_assert_int_eq(req_method(NULL), METHOD_OTHER);
}
END_TEST

/* ------------------------------------------------------------ req_fields */

START_TEST(f_present_and_absent)
{
	ck_assert_int_eq(form("title=Open+data&kind=new"), REQ_OK);
	ck_assert_str_eq(r.field[KEY_TITLE].val, "Open data");
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 9);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 9);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);
	ck_assert_str_eq(r.field[KEY_KIND].val, "new");
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_NONE);
	ck_assert_ptr_null(r.field[KEY_PROBLEM].val);
	ck_assert_ptr_null(r.field[KEY_EMAIL].val);
	ck_assert_uint_eq(r.values, 0);
	ck_assert_int_eq(r.bad_value, 0);
}
END_TEST

START_TEST(f_state_reset)
{
	r.field[KEY_TITLE].val = "stale";
	r.field[KEY_TITLE].err = FERR_TOO_LONG;
	r.values = 7;
	r.bad_value = 1;
	ck_assert_int_eq(form("kind=new"), REQ_OK);
	ck_assert_ptr_null(r.field[KEY_TITLE].val);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);
	ck_assert_uint_eq(r.values, 0);
	ck_assert_int_eq(r.bad_value, 0);
}
END_TEST

START_TEST(f_unknown_field)
{
	ck_assert_int_eq(form("nope=1"), REQ_E_UNKNOWN_FIELD);
	ck_assert_int_eq(form("title=x&Title=y"), REQ_E_UNKNOWN_FIELD);
	ck_assert_int_eq(form("title=x&=y"), REQ_E_UNKNOWN_FIELD);
	ck_assert_int_eq(form("title+=x"), REQ_E_UNKNOWN_FIELD);
}
END_TEST

START_TEST(f_repeated_field)
{
	ck_assert_int_eq(form("title=a&title=b"), REQ_E_REPEATED_FIELD);
	ck_assert_int_eq(form("email=a%40b.tw&kind=x&email="),
	    REQ_E_REPEATED_FIELD);
	ck_assert_int_eq(form("csrf=a&csrf=a"), REQ_E_REPEATED_FIELD);
}
END_TEST

START_TEST(f_values)
{
	ck_assert_int_eq(form("value=transparency&title=t&"
	    "value=accountability"), REQ_OK);
	ck_assert_uint_eq(r.values, VALUE_TRANSPARENCY | VALUE_ACCOUNTABILITY);
	ck_assert_int_eq(r.bad_value, 0);
	ck_assert_int_eq(r.field[KEY_VALUE].err, FERR_NONE);
	ck_assert_str_eq(r.field[KEY_VALUE].val, "transparency");
	ck_assert_uint_eq(r.field[KEY_VALUE].nall, 2);
	ck_assert_str_eq(r.field[KEY_VALUE].all[0], "transparency");
	ck_assert_str_eq(r.field[KEY_VALUE].all[1], "accountability");

	ck_assert_int_eq(form("value=participation&value=participation"),
	    REQ_OK);
	ck_assert_uint_eq(r.values, VALUE_PARTICIPATION);
	ck_assert_int_eq(r.bad_value, 0);

	ck_assert_int_eq(form("value=transparency&value=participation&"
	    "value=accountability"), REQ_OK);
	ck_assert_uint_eq(r.values, 7);
}
END_TEST

START_TEST(f_bad_value)
{
	ck_assert_int_eq(form("value=transparency&value=bogus"), REQ_OK);
	ck_assert_uint_eq(r.values, VALUE_TRANSPARENCY);
	ck_assert_int_eq(r.bad_value, 1);

	ck_assert_int_eq(form("value=bogus"), REQ_OK);
	ck_assert_uint_eq(r.values, 0);
	ck_assert_int_eq(r.bad_value, 1);

	ck_assert_int_eq(form("value=Transparency"), REQ_OK);
	ck_assert_uint_eq(r.values, 0);
	ck_assert_int_eq(r.bad_value, 1);
}
END_TEST

START_TEST(f_multi_values_each_checked)
{
	ck_assert_int_eq(form("item=12&item=34"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_ITEM].err, FERR_NONE);
	ck_assert_uint_eq(r.field[KEY_ITEM].nall, 2);
	ck_assert_str_eq(r.field[KEY_ITEM].all[0], "12");
	ck_assert_str_eq(r.field[KEY_ITEM].all[1], "34");

	/*
	 * Every value of a repeatable field reaches the handler through
	 * all[], so a malformed second value must be flagged just as a
	 * malformed first one is.
	 */
	ck_assert_int_eq(form("item=12&item=a+b"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_ITEM].err, FERR_INVALID);
	ck_assert_int_eq(form("item=12&item=12345678901234567"), REQ_OK);
	ck_assert_int_ne(r.field[KEY_ITEM].err, FERR_NONE);
}
END_TEST

START_TEST(f_title_too_long)
{
	char	*s;

	s = repeat("title=", "a", 200, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 200);
	free(s);

	/* Too long keeps the text, so that the form can show it back. */
	s = repeat("title=", "a", 201, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_TOO_LONG);
	ck_assert_ptr_nonnull(r.field[KEY_TITLE].val);
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 201);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 201);
	ck_assert_str_eq(r.field[KEY_TITLE].val, s + strlen("title="));
	free(s);
}
END_TEST

START_TEST(f_title_counts_characters)
{
	char	*s;

	/* 200 CJK characters are 600 bytes and within the limit. */
	s = repeat("title=", "%E4%B8%AD", 200, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 600);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 200);
	free(s);

	s = repeat("title=", "%E4%B8%AD", 201, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_TOO_LONG);
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 603);
	free(s);

	s = repeat("title=", "%F0%9F%98%80", 200, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 200);
	free(s);
}
END_TEST

START_TEST(f_text_crlf)
{
	ck_assert_int_eq(form("problem=line1%0D%0Aline2%0Dline3%0A%0D%0Aline4"
	    "%0D%0A"), REQ_OK);
	ck_assert_str_eq(r.field[KEY_PROBLEM].val,
	    "line1\nline2\nline3\n\nline4");
	ck_assert_uint_eq(r.field[KEY_PROBLEM].len,
	    strlen("line1\nline2\nline3\n\nline4"));
	ck_assert_int_eq(r.field[KEY_PROBLEM].err, FERR_NONE);
}
END_TEST

START_TEST(f_line_newline_is_space)
{
	ck_assert_int_eq(form("title=a%0D%0Ab%0Ac%0Dd%09e"), REQ_OK);
	ck_assert_str_eq(r.field[KEY_TITLE].val, "a b c d e");
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 9);
	ck_assert_int_eq(r.field[KEY_TITLE].err, FERR_NONE);

	ck_assert_int_eq(form("title=+++hi+++%0A"), REQ_OK);
	ck_assert_str_eq(r.field[KEY_TITLE].val, "hi");
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 2);
	ck_assert_uint_eq(r.field[KEY_TITLE].nchars, 2);
}
END_TEST

START_TEST(f_controls_dropped)
{
	ck_assert_int_eq(form("title=a%01b%7Fc%1Bd&problem=x%07y%09z%0Cw"),
	    REQ_OK);
	ck_assert_str_eq(r.field[KEY_TITLE].val, "abcd");
	ck_assert_uint_eq(r.field[KEY_TITLE].len, 4);
	ck_assert_str_eq(r.field[KEY_PROBLEM].val, "xy\tzw");
	ck_assert_uint_eq(r.field[KEY_PROBLEM].len, 5);
}
END_TEST

START_TEST(f_email)
{
	ck_assert_int_eq(form("email=foo"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_EMAIL].err, FERR_EMAIL);
	ck_assert_str_eq(r.field[KEY_EMAIL].val, "foo");

	ck_assert_int_eq(form("email=a%40b"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_EMAIL].err, FERR_EMAIL);

	ck_assert_int_eq(form("email=a%40b.tw"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_EMAIL].err, FERR_NONE);
	ck_assert_str_eq(r.field[KEY_EMAIL].val, "a@b.tw");

	/* An empty optional field is present and not an error. */
	ck_assert_int_eq(form("email="), REQ_OK);
	ck_assert_int_eq(r.field[KEY_EMAIL].err, FERR_NONE);
	ck_assert_ptr_nonnull(r.field[KEY_EMAIL].val);
	ck_assert_uint_eq(r.field[KEY_EMAIL].len, 0);
}
END_TEST

START_TEST(f_phone)
{
	ck_assert_int_eq(form("phone=abc"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_PHONE].err, FERR_PHONE);
	ck_assert_int_eq(form("phone=123"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_PHONE].err, FERR_PHONE);
	ck_assert_int_eq(form("phone=%2B886+2+2345-6789"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_PHONE].err, FERR_NONE);
	ck_assert_str_eq(r.field[KEY_PHONE].val, "+886 2 2345-6789");
	ck_assert_int_eq(form("phone="), REQ_OK);
	ck_assert_int_eq(r.field[KEY_PHONE].err, FERR_NONE);
}
END_TEST

START_TEST(f_word)
{
	char	*s;

	ck_assert_int_eq(form("kind=a+b"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_INVALID);
	ck_assert_str_eq(r.field[KEY_KIND].val, "a b");

	ck_assert_int_eq(form("kind=new"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_NONE);

	ck_assert_int_eq(form("token=abc%3Cdef"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_TOKEN].err, FERR_INVALID);
	ck_assert_int_eq(form("kind=%E4%B8%AD"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_INVALID);
	ck_assert_int_eq(form("kind=a%0Ab"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_INVALID);

	ck_assert_int_eq(form("csrf=AbC-_9.x~y:z"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_CSRF].err, FERR_NONE);

	s = repeat("kind=", "a", 17, "");
	ck_assert_int_eq(form(s), REQ_OK);
	ck_assert_int_eq(r.field[KEY_KIND].err, FERR_TOO_LONG);
	free(s);
}
END_TEST

START_TEST(f_url_and_time)
{
	ck_assert_int_eq(form("online_url=https%3A%2F%2Fmeet.example.org%2Fx"),
	    REQ_OK);
	ck_assert_int_eq(r.field[KEY_ONLINE_URL].err, FERR_NONE);
	ck_assert_int_eq(form("online_url=javascript%3Aalert(1)"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_ONLINE_URL].err, FERR_URL);

	ck_assert_int_eq(form("starts_at=2020-03-06T23%3A59"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_STARTS_AT].err, FERR_NONE);
	ck_assert_int_eq(form("starts_at=2019-02-29T10%3A00"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_STARTS_AT].err, FERR_TIME);
	ck_assert_int_eq(form("starts_at=tomorrow"), REQ_OK);
	ck_assert_int_eq(r.field[KEY_STARTS_AT].err, FERR_TIME);
}
END_TEST

START_TEST(f_secret_as_typed)
{
	/* A password keeps its spaces: it is compared, never shown. */
	ck_assert_int_eq(form("password=+a+b%09+"), REQ_OK);
	ck_assert_uint_eq(r.field[KEY_PASSWORD].len, 6);
	ck_assert_str_eq(r.field[KEY_PASSWORD].val, " a b\t ");
	ck_assert_int_eq(r.field[KEY_PASSWORD].err, FERR_NONE);
}
END_TEST

static Suite *
req_suite(void)
{
	Suite	*s = suite_create("req");
	TCase	*tc;

	tc = tcase_create("urlencoded");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ue_basic);
	tcase_add_test(tc, ue_percent);
	tcase_add_test(tc, ue_plus_is_space);
	tcase_add_test(tc, ue_repeated_keys_in_order);
	tcase_add_test(tc, ue_empty_pairs);
	tcase_add_test(tc, ue_key_without_equals);
	tcase_add_test(tc, ue_bad_percent);
	tcase_add_test(tc, ue_decoded_nul);
	tcase_add_test(tc, ue_raw_nul);
	tcase_add_test(tc, ue_bad_utf8);
	tcase_add_test(tc, ue_too_many_fields);
	tcase_add_test(tc, ue_empty_input);
	tcase_add_test(tc, ue_reads_only_len);
	tcase_add_test(tc, reqerr_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ck_basic);
	tcase_add_test(tc, ck_spaces);
	tcase_add_test(tc, ck_quoted);
	tcase_add_test(tc, ck_missing_equals);
	tcase_add_test(tc, ck_too_long);
	tcase_add_test(tc, ck_too_many);
	tcase_add_test(tc, ck_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookups");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lookup_query);
	tcase_add_test(tc, lookup_cookie);
	tcase_add_test(tc, method);
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, f_present_and_absent);
	tcase_add_test(tc, f_state_reset);
	tcase_add_test(tc, f_unknown_field);
	tcase_add_test(tc, f_repeated_field);
	tcase_add_test(tc, f_values);
	tcase_add_test(tc, f_bad_value);
	tcase_add_test(tc, f_multi_values_each_checked);
	tcase_add_test(tc, f_title_too_long);
	tcase_add_test(tc, f_title_counts_characters);
	tcase_add_test(tc, f_text_crlf);
	tcase_add_test(tc, f_line_newline_is_space);
	tcase_add_test(tc, f_controls_dropped);
	tcase_add_test(tc, f_email);
	tcase_add_test(tc, f_phone);
	tcase_add_test(tc, f_word);
	tcase_add_test(tc, f_url_and_time);
	tcase_add_test(tc, f_secret_as_typed);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(req_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
