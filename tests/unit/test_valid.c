/*
 * Unit tests for src/valid.c: the UTF-8 checker, the field table and the
 * validators every form field goes through.
 *
 * Byte strings are passed from heap copies of exactly their length, so that
 * a validator reading one byte too far shows up under AddressSanitizer and
 * valgrind instead of reading a string literal's NUL by luck.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "../fuzz/fuzz.h"

/* Calls valid_utf8() on an exact-size heap copy of s[0..len). */
static int
utf8(const char *s, size_t len)
{
	char	*p;
	int	 rc;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	rc = valid_utf8(p, len);
	free(p);
	return rc;
}

/* The literal's length without its terminating NUL: literals may hold NULs. */
#define UTF8(lit)	utf8((lit), sizeof(lit) - 1)

static int
email(const char *s)
{
	char	*p;
	size_t	 len = strlen(s);
	int	 rc;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	rc = valid_email(p, len);
	free(p);
	return rc;
}

static int
phone(const char *s, size_t len)
{
	char	*p;
	int	 rc;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	rc = valid_phone(p, len);
	free(p);
	return rc;
}

#define PHONE(lit)	phone((lit), sizeof(lit) - 1)

/*
 * Normalises a copy of s and checks the result.  The buffer has one byte
 * more than the text because valid_normalise() NUL-terminates in place.
 */
static void
check_normalise(const char *s, int multiline, const char *want)
{
	size_t	 len = strlen(s), n;
	char	*p;

	p = malloc(len + 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len + 1);
	n = valid_normalise(p, len, multiline);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_str_eq(p, want);
	free(p);
}

/* ------------------------------------------------------------ valid_utf8 */

START_TEST(utf8_ascii)
{
	ck_assert_int_eq(UTF8(""), 1);
	ck_assert_int_eq(UTF8("hello, world"), 1);
	ck_assert_int_eq(UTF8("\x01\x7F"), 1);
	/* NUL is well-formed; the request parser refuses it on its own. */
	ck_assert_int_eq(UTF8("a\0b"), 1);
	ck_assert_int_eq(UTF8("\x80"), 0);
}
END_TEST

START_TEST(utf8_two_bytes)
{
	ck_assert_int_eq(UTF8("\xC2\x80"), 1);		/* U+0080 */
	ck_assert_int_eq(UTF8("\xC3\xA9"), 1);		/* U+00E9 */
	ck_assert_int_eq(UTF8("\xDF\xBF"), 1);		/* U+07FF */
	/* C0 and C1 only ever start overlong forms of ASCII. */
	ck_assert_int_eq(UTF8("\xC0\x80"), 0);
	ck_assert_int_eq(UTF8("\xC0\xAF"), 0);
	ck_assert_int_eq(UTF8("\xC1\xBF"), 0);
	/* The second byte must be a continuation byte. */
	ck_assert_int_eq(UTF8("\xC2" "A"), 0);
	ck_assert_int_eq(UTF8("\xC2\xC0"), 0);
	ck_assert_int_eq(UTF8("\xDF\x7F"), 0);
}
END_TEST

START_TEST(utf8_three_bytes)
{
	ck_assert_int_eq(UTF8("\xE0\xA0\x80"), 1);	/* U+0800 */
	ck_assert_int_eq(UTF8("\xE0\xBF\xBF"), 1);
	ck_assert_int_eq(UTF8("\xE0\x9F\xBF"), 0);	/* overlong U+07FF */
	ck_assert_int_eq(UTF8("\xE0\x80\x80"), 0);
	ck_assert_int_eq(UTF8("\xE1\x80\x80"), 1);
	ck_assert_int_eq(UTF8("\xE4\xB8\xAD"), 1);	/* 中 */
	ck_assert_int_eq(UTF8("\xEC\xBF\xBF"), 1);
	ck_assert_int_eq(UTF8("\xED\x80\x80"), 1);
	ck_assert_int_eq(UTF8("\xED\x9F\xBF"), 1);	/* U+D7FF */
	ck_assert_int_eq(UTF8("\xED\xA0\x80"), 0);	/* U+D800 surrogate */
	ck_assert_int_eq(UTF8("\xED\xBF\xBF"), 0);	/* U+DFFF surrogate */
	ck_assert_int_eq(UTF8("\xEE\x80\x80"), 1);	/* U+E000 */
	ck_assert_int_eq(UTF8("\xEF\xBF\xBF"), 1);	/* U+FFFF */
	ck_assert_int_eq(UTF8("\xE4" "A" "\xAD"), 0);
	ck_assert_int_eq(UTF8("\xE4\xB8" "A"), 0);
	ck_assert_int_eq(UTF8("\xE4\xB8\xC0"), 0);
}
END_TEST

START_TEST(utf8_four_bytes)
{
	ck_assert_int_eq(UTF8("\xF0\x90\x80\x80"), 1);	/* U+10000 */
	ck_assert_int_eq(UTF8("\xF0\x9F\x98\x80"), 1);	/* U+1F600 */
	ck_assert_int_eq(UTF8("\xF0\x8F\xBF\xBF"), 0);	/* overlong FFFF */
	ck_assert_int_eq(UTF8("\xF1\x80\x80\x80"), 1);
	ck_assert_int_eq(UTF8("\xF3\xBF\xBF\xBF"), 1);
	ck_assert_int_eq(UTF8("\xF4\x80\x80\x80"), 1);
	ck_assert_int_eq(UTF8("\xF4\x8F\xBF\xBF"), 1);	/* U+10FFFF */
	ck_assert_int_eq(UTF8("\xF4\x90\x80\x80"), 0);	/* U+110000 */
	ck_assert_int_eq(UTF8("\xF0\x90" "A" "\x80"), 0);
	ck_assert_int_eq(UTF8("\xF0\x90\x80" "A"), 0);
	ck_assert_int_eq(UTF8("\xF0\x90\x80\xC0"), 0);
}
END_TEST

START_TEST(utf8_bad_lead_bytes)
{
	ck_assert_int_eq(UTF8("\xF5\x80\x80\x80"), 0);
	ck_assert_int_eq(UTF8("\xF7\xBF\xBF\xBF"), 0);
	ck_assert_int_eq(UTF8("\xF8\x88\x80\x80\x80"), 0);
	ck_assert_int_eq(UTF8("\xFC\x84\x80\x80\x80\x80"), 0);
	ck_assert_int_eq(UTF8("\xFE"), 0);
	ck_assert_int_eq(UTF8("\xFF"), 0);
	ck_assert_int_eq(UTF8("ok\xFF"), 0);
}
END_TEST

START_TEST(utf8_truncated)
{
	/* A sequence cut by the end of the buffer is never well-formed. */
	ck_assert_int_eq(UTF8("\xC2"), 0);
	ck_assert_int_eq(UTF8("ab\xC2"), 0);
	ck_assert_int_eq(UTF8("\xE4"), 0);
	ck_assert_int_eq(UTF8("\xE4\xB8"), 0);
	ck_assert_int_eq(UTF8("\xF0"), 0);
	ck_assert_int_eq(UTF8("\xF0\x90"), 0);
	ck_assert_int_eq(UTF8("\xF0\x90\x80"), 0);
	ck_assert_int_eq(UTF8("\xE4\xB8\xAD\xE4\xB8"), 0);
	/* Only len bytes count, whatever follows them. */
	ck_assert_int_eq(utf8("\xE4\xB8\xAD", 2), 0);
	ck_assert_int_eq(utf8("ab\xFF", 2), 1);
}
END_TEST

START_TEST(utf8_stray_continuation)
{
	ck_assert_int_eq(UTF8("\x80"), 0);
	ck_assert_int_eq(UTF8("\xBF"), 0);
	ck_assert_int_eq(UTF8("a\x80" "b"), 0);
	ck_assert_int_eq(UTF8("\xC2\x80\x80"), 0);
	ck_assert_int_eq(UTF8("\xE4\xB8\xAD\xAD"), 0);
	ck_assert_int_eq(UTF8("\xF0\x9F\x98\x80\x80"), 0);
}
END_TEST

START_TEST(utf8_mixed_text)
{
	ck_assert_int_eq(UTF8("開放政府 Open Government \xF0\x9F\x98\x80 "
	    "caf\xC3\xA9\n\t"), 1);
}
END_TEST

/* ------------------------------------------------------ valid_utf8_count */

START_TEST(utf8_count)
{
	ck_assert_uint_eq(valid_utf8_count("", 0), 0);
	ck_assert_uint_eq(valid_utf8_count("abc", 3), 3);
	ck_assert_uint_eq(valid_utf8_count("中文", strlen("中文")), 2);
	ck_assert_uint_eq(strlen("中文"), 6);
	ck_assert_uint_eq(valid_utf8_count("\xF0\x9F\x98\x80", 4), 1);
	ck_assert_uint_eq(valid_utf8_count("a中\xF0\x9F\x98\x80" "b\xC3\xA9",
	    1 + 3 + 4 + 1 + 2), 5);
	/* Only len bytes are counted. */
	ck_assert_uint_eq(valid_utf8_count("中文", 3), 1);
}
END_TEST

/*
 * Eight ASCII bytes and a three-byte character are checked and counted
 * by faster paths: every kind of character at every offset of a longer
 * text, and a broken one at each, give what the byte-by-byte rules give.
 */
START_TEST(utf8_every_offset)
{
	static const char *const pieces[] = { "a", "é", "中", "\xE0\xA0\x80",
	    "\xED\x9F\xBF", "😀" };
	static const char *const broken[] = { "\x80", "\xE4\xB8", "\xED\xA0\x80",
	    "\xE0\x9F\xBF", "\xE4\x41\xAD", "\xE4\xB8\x41", "\xC0\xAF",
	    "\xF5\x80\x80\x80" };
	char	 text[128];
	size_t	 len, chars;

	for (size_t at = 0; at < 24; at++)
		for (size_t k = 0; k < sizeof(pieces) / sizeof(pieces[0]); k++) {
			memset(text, 'x', at);
			len = at;
			memcpy(text + len, pieces[k], strlen(pieces[k]));
			len += strlen(pieces[k]);
			memcpy(text + len, "中文 abcdefgh", strlen("中文 abcdefgh"));
			len += strlen("中文 abcdefgh");
			chars = at + 1 + 2 + 9;
			ck_assert_int_eq(valid_utf8(text, len), 1);
			ck_assert_uint_eq(valid_utf8_count(text, len), chars);
			for (size_t b = 0; b < sizeof(broken) / sizeof(broken[0]);
			    b++) {
				memcpy(text + at, broken[b], strlen(broken[b]));
				ck_assert_int_eq(valid_utf8(text,
				    at + strlen(broken[b])), 0);
			}
		}
}
END_TEST

/* ------------------------------------------------------------- valid_key */

START_TEST(key_lookup)
{
	for (int i = 0; i < KEY__MAX; i++) {
		const char *name = valid_keys[i].name;

		ck_assert_int_eq(valid_key(name, strlen(name)), i);
	}
	ck_assert_int_eq(valid_key("title", 5), KEY_TITLE);
	ck_assert_int_eq(valid_key("value", 5), KEY_VALUE);
	ck_assert_int_eq(valid_key("csrf", 4), KEY_CSRF);
	/* The length delimits the name: no NUL is needed after it. */
	ck_assert_int_eq(valid_key("titlexyz", 5), KEY_TITLE);
	ck_assert_int_eq(valid_key("titl", 4), -1);
	ck_assert_int_eq(valid_key("titles", 6), -1);
	ck_assert_int_eq(valid_key("Title", 5), -1);
	ck_assert_int_eq(valid_key("", 0), -1);
	ck_assert_int_eq(valid_key("nope", 4), -1);
}
END_TEST

START_TEST(key_table)
{
	for (int i = 0; i < KEY__MAX; i++) {
		ck_assert_ptr_nonnull(valid_keys[i].name);
		ck_assert_uint_gt(strlen(valid_keys[i].name), 0);
		ck_assert_uint_gt(valid_keys[i].maxchars, 0);
		ck_assert_int_lt(valid_keys[i].type, FT__MAX);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(valid_keys[i].name,
			    valid_keys[j].name);
	}
	ck_assert_int_eq(valid_keys[KEY_TITLE].type, FT_LINE);
	ck_assert_uint_eq(valid_keys[KEY_TITLE].maxchars, 200);
	ck_assert_int_eq(valid_keys[KEY_TITLE].multi, 0);
	ck_assert_int_eq(valid_keys[KEY_PROBLEM].type, FT_TEXT);
	ck_assert_int_eq(valid_keys[KEY_EMAIL].type, FT_EMAIL);
	ck_assert_int_eq(valid_keys[KEY_PHONE].type, FT_PHONE);
	ck_assert_int_eq(valid_keys[KEY_KIND].type, FT_WORD);
	ck_assert_int_eq(valid_keys[KEY_VALUE].multi, 1);
}
END_TEST

/* ------------------------------------------------------- valid_normalise */

/*
 * Eight bytes at a time go through unchanged: a control, DEL, CR LF or a
 * tab at every offset of a longer text, one or two of them, gives what
 * the fuzzers' reference model gives.
 */
START_TEST(normalise_every_offset)
{
	static const char *const odd[] = { "\r\n", "\r", "\n", "\t", "\x01",
	    "\x7F", "\x1F", " " };
	const char	*base = "abc中文defghijklmnopqrstuvwxyz0123456789";
	char		 text[80], in[80], want[80];
	size_t		 len, n;

	for (size_t at = 0; at < 24; at++)
		for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
			for (int two = 0; two < 2; two++)
				for (int ml = 0; ml < 2; ml++) {
					len = strlen(base);
					memcpy(text, base, len);
					memcpy(text + at, odd[k], strlen(odd[k]));
					if (two)
						memcpy(text + at + 11, odd[k],
						    strlen(odd[k]));
					memcpy(in, text, len);
					n = ref_normalise(text, len, ml, want);
					want[n] = '\0';
					ck_assert_uint_eq(valid_normalise(in,
					    len, ml), n);
					ck_assert_str_eq(in, want);
				}
}
END_TEST

START_TEST(normalise_line_endings)
{
	check_normalise("a\r\nb\rc\nd", 1, "a\nb\nc\nd");
	check_normalise("a\r\n\r\nb", 1, "a\n\nb");
	check_normalise("a\r\nb\rc\nd", 0, "a b c d");
	check_normalise("a\r\r\nb", 1, "a\n\nb");
}
END_TEST

START_TEST(normalise_nonchars)
{
	char	 s[32];

	/* U+FFFE and U+FFFF are dropped: XML 1.0 (the feed, the ODT) has no
	 * room for them.  U+FFFD, U+FFEF and full-width forms stay. */
	check_normalise("a\xEF\xBF\xBE" "b\xEF\xBF\xBF" "c", 1, "abc");
	check_normalise("\xEF\xBF\xBE\xEF\xBF\xBF", 0, "");
	check_normalise(" \xEF\xBF\xBF x", 0, "x");
	check_normalise("\xEF\xBF\xBD\xEF\xBF\xAF\xEF\xBC\x8C", 1,
	    "\xEF\xBF\xBD\xEF\xBF\xAF\xEF\xBC\x8C");
	/* A lead byte at the end, or EF BF then another byte: kept. */
	memcpy(s, "ab\xEF\xBF", 4);
	ck_assert_uint_eq(valid_drop_nonchars(s, 4), 4);
	memcpy(s, "\xEF\xBF\xBEz\xEF\xBF\xBF", 7);
	ck_assert_uint_eq(valid_drop_nonchars(s, 7), 1);
	ck_assert_int_eq(s[0], 'z');
}
END_TEST

START_TEST(blank_text)
{
	ck_assert_int_eq(valid_blank(""), 1);
	ck_assert_int_eq(valid_blank(" \t\n"), 1);
	ck_assert_int_eq(valid_blank("\xE3\x80\x80"), 1);		/* U+3000 */
	ck_assert_int_eq(valid_blank("\xC2\xA0\xE2\x80\x8B\xEF\xBB\xBF"), 1);
	ck_assert_int_eq(valid_blank("\xE3\x80\x80\xE3\x80\x80 "), 1);
	ck_assert_int_eq(valid_blank("\xE3\x80\x80x"), 0);
	ck_assert_int_eq(valid_blank("\xE4\xB8\xAD"), 0);		/* 中 */
	ck_assert_int_eq(valid_blank("\xF0\x9F\x98\x80"), 0);	/* an emoji */
	ck_assert_int_eq(valid_blank("\xC2\xA9"), 0);		/* (c) */
	ck_assert_int_eq(valid_blank("."), 0);
}
END_TEST

START_TEST(normalise_controls)
{
	/* C0 controls other than tab and LF, and DEL, are dropped. */
	check_normalise("a\x01" "b\x1B" "c\x7F" "d\x1F" "e", 1, "abcde");
	check_normalise("a\x01" "b\x1B" "c\x7F" "d", 0, "abcd");
	check_normalise("a\tb", 1, "a\tb");
	check_normalise("a\tb", 0, "a b");
	check_normalise("\x07", 0, "");
}
END_TEST

START_TEST(normalise_trim)
{
	check_normalise("  \t\n hello world \n\t ", 1, "hello world");
	check_normalise("  hello  ", 0, "hello");
	check_normalise("\r\n\r\nx\r\n", 1, "x");
	check_normalise("   ", 0, "");
	check_normalise("", 1, "");
	/* Inner runs of blanks are text, not layout. */
	check_normalise("a  b\n\n\nc", 1, "a  b\n\n\nc");
}
END_TEST

START_TEST(normalise_keeps_utf8)
{
	check_normalise("中\r\n文 \xF0\x9F\x98\x80", 1, "中\n文 \xF0\x9F\x98\x80");
	check_normalise(" 臺灣\n開放政府 ", 0, "臺灣 開放政府");
}
END_TEST

/* ------------------------------------------------------------ valid_email */

START_TEST(email_valid)
{
	char	 s[300];

	ck_assert_int_eq(email("a@b.tw"), 1);
	ck_assert_int_eq(email("first.last+tag@example.org"), 1);
	ck_assert_int_eq(email("x_y-z@mail.gov.tw"), 1);
	ck_assert_int_eq(email("user@例子.台灣"), 1);

	/* A local part of 64 characters is the most RFC 5321 allows. */
	memset(s, 'a', 64);
	strcpy(s + 64, "@b.tw");
	ck_assert_int_eq(email(s), 1);

	/* 254 characters in all is the longest usable address. */
	memset(s, 'a', 10);
	s[10] = '@';
	memset(s + 11, 'b', 240);
	strcpy(s + 251, ".tw");
	ck_assert_uint_eq(strlen(s), 254);
	ck_assert_int_eq(email(s), 1);
}
END_TEST

START_TEST(email_invalid)
{
	static const char *const bad[] = {
		"", "a", "ab.tw", "@b.tw", "a@", "a@b", "a@.b.tw", "a@b.tw.",
		"a@b..tw", "a@@b.tw", "a@b@c.tw", "a b@c.tw", "a@b .tw",
		" a@b.tw", "a@b.tw ", "<a@b.tw>", "a,b@c.tw", "a;b@c.tw",
		"a\"b@c.tw", "a@[1.2.3.4]", "a(b)@c.tw", "a\\b@c.tw",
		"a@b.tw\n", "a\t@b.tw", "a\x7F@b.tw",
	};
	char	 s[300];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(email(bad[i]) == 0, "accepted \"%s\"", bad[i]);

	memset(s, 'a', 65);
	strcpy(s + 65, "@b.tw");
	ck_assert_int_eq(email(s), 0);

	memset(s, 'a', 10);
	s[10] = '@';
	memset(s + 11, 'b', 241);
	strcpy(s + 252, ".tw");
	ck_assert_uint_eq(strlen(s), 255);
	ck_assert_int_eq(email(s), 0);

	/* Only len bytes count: "a@b." is not an address. */
	ck_assert_int_eq(valid_email("a@b.tw", 4), 0);
}
END_TEST

/* -------------------------------------------------------------- valid_url */

static int
url(const char *s)
{
	char	*p;
	size_t	 len = strlen(s);
	int	 rc;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	rc = valid_url(p, len);
	free(p);
	return rc;
}

START_TEST(url_valid)
{
	ck_assert_int_eq(url("http://example.org"), 1);
	ck_assert_int_eq(url("https://x"), 1);
	ck_assert_int_eq(url("https://meet.google.com/abc-defg-hij"), 1);
	ck_assert_int_eq(url("https://example.org:8443/a/b?c=1&d=%20#frag"), 1);
	ck_assert_int_eq(url("https://例子.台灣/會議"), 1);
}
END_TEST

START_TEST(url_invalid)
{
	static const char *const bad[] = {
		"", "http://", "https://", "http:/x", "http:x", "//example.org",
		"example.org", "ftp://example.org", "javascript:alert(1)",
		"data:text/html,x", "mailto:a@b.tw", " https://x", "https://x ",
		"https:///x", "https://.x", "https://:80", "https://@evil",
		"https://a b", "https://a\"b", "https://a<b", "https://a>b",
		"https://a\\b", "https://a`b", "https://a{b}", "https://a|b",
		"https://a^b", "https://a\nb", "https://a\x7F",
		"javascript://x%0Aalert(1)",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(url(bad[i]) == 0, "accepted \"%s\"", bad[i]);
	/* Only len bytes count. */
	ck_assert_int_eq(valid_url("https://x", 8), 0);
	ck_assert_int_eq(valid_url("https://a\0b", 11), 0);
}
END_TEST

/* ----------------------------------------------------------- valid_origin */

START_TEST(origin)
{
	static const char *const good[] = {
		"http://127.0.0.1:8080", "https://ogp.example.tw",
		"https://cocreate.ndc.gov.tw", "http://[::1]:8080", "https://x",
	};
	static const char *const bad[] = {
		"", "http://", "https://", "ftp://x.tw", "//x.tw", "x.tw",
		"javascript:alert(1)", "https://x.tw/", "https://x.tw/path",
		"https://a b", "https://x.tw?q", "https://x.tw#f", "https://u@x.tw",
		"https://.x", "https://:80", "https://-x", "https://x\n",
		"HTTPS://x.tw",
	};
	char	 longhost[300];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(valid_origin(good[i]) == 1, "refused \"%s\"",
		    good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(valid_origin(bad[i]) == 0, "accepted \"%s\"",
		    bad[i]);
	ck_assert_int_eq(valid_origin(NULL), 0);
	memcpy(longhost, "https://", 8);
	memset(longhost + 8, 'a', 256);
	longhost[8 + 256] = '\0';
	ck_assert_int_eq(valid_origin(longhost), 0);
	longhost[8 + 255] = '\0';
	ck_assert_int_eq(valid_origin(longhost), 1);
}
END_TEST

/* ------------------------------------------------------------ valid_login */

START_TEST(login)
{
	char	 s[40];

	ck_assert_int_eq(valid_login("abc"), 1);
	ck_assert_int_eq(valid_login("ndc.admin"), 1);
	ck_assert_int_eq(valid_login("a_b-c.d"), 1);
	ck_assert_int_eq(valid_login("007"), 1);
	memset(s, 'a', 32);
	s[32] = '\0';
	ck_assert_int_eq(valid_login(s), 1);
	s[32] = 'a';
	s[33] = '\0';
	ck_assert_int_eq(valid_login(s), 0);

	ck_assert_int_eq(valid_login(NULL), 0);
	ck_assert_int_eq(valid_login(""), 0);
	ck_assert_int_eq(valid_login("ab"), 0);
	ck_assert_int_eq(valid_login("Abc"), 0);
	ck_assert_int_eq(valid_login(".abc"), 0);
	ck_assert_int_eq(valid_login("-abc"), 0);
	ck_assert_int_eq(valid_login("_abc"), 0);
	ck_assert_int_eq(valid_login("a bc"), 0);
	ck_assert_int_eq(valid_login("abc@d"), 0);
	ck_assert_int_eq(valid_login("使用者"), 0);
}
END_TEST

/* ------------------------------------------------------------ valid_phone */

START_TEST(phone_valid)
{
	ck_assert_int_eq(PHONE("0912345678"), 1);
	ck_assert_int_eq(PHONE("+886 2 2345-6789"), 1);
	ck_assert_int_eq(PHONE("(02) 2345-6789 #123"), 1);
	ck_assert_int_eq(PHONE("02.2345.6789"), 1);
	ck_assert_int_eq(PHONE("123456"), 1);
	ck_assert_int_eq(PHONE("12345678901234567890"), 1);
}
END_TEST

START_TEST(phone_invalid)
{
	ck_assert_int_eq(PHONE(""), 0);
	ck_assert_int_eq(PHONE("12345"), 0);
	ck_assert_int_eq(PHONE("+-() #."), 0);
	ck_assert_int_eq(PHONE("123456789012345678901"), 0);
	ck_assert_int_eq(PHONE("0912345678 ext"), 0);
	ck_assert_int_eq(PHONE("abcdefgh"), 0);
	ck_assert_int_eq(PHONE("0912\n345678"), 0);
	ck_assert_int_eq(PHONE("0912/345678"), 0);
	ck_assert_int_eq(PHONE("０９１２３４５６７８"), 0);
	/* A NUL inside the length is refused, not taken as an end. */
	ck_assert_int_eq(PHONE("091234\0" "5678"), 0);
}
END_TEST

/* ------------------------------------------------------------- valid_slug */

START_TEST(slug)
{
	char	 s[40];

	ck_assert_int_eq(valid_slug("ndc"), 1);
	ck_assert_int_eq(valid_slug("moj-2"), 1);
	ck_assert_int_eq(valid_slug("0"), 1);
	memset(s, 'a', 32);
	s[32] = '\0';
	ck_assert_int_eq(valid_slug(s), 1);
	s[32] = 'a';
	s[33] = '\0';
	ck_assert_int_eq(valid_slug(s), 0);

	ck_assert_int_eq(valid_slug(NULL), 0);
	ck_assert_int_eq(valid_slug(""), 0);
	ck_assert_int_eq(valid_slug("-ndc"), 0);
	ck_assert_int_eq(valid_slug("NDC"), 0);
	ck_assert_int_eq(valid_slug("a_b"), 0);
	ck_assert_int_eq(valid_slug("a b"), 0);
	ck_assert_int_eq(valid_slug("a/b"), 0);
	ck_assert_int_eq(valid_slug("../x"), 0);
	ck_assert_int_eq(valid_slug("中文"), 0);
}
END_TEST

/* --------------------------------------------------------------- valid_id */

START_TEST(id_valid)
{
	long long	 v = -1;

	ck_assert_int_eq(valid_id("1", &v), 1);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(valid_id("42", &v), 1);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(valid_id("100", &v), 1);
	ck_assert_int_eq(v, 100);
	ck_assert_int_eq(valid_id("999999999999999", &v), 1);
	ck_assert_int_eq(v, 999999999999999LL);
	ck_assert_int_eq(valid_id("123456789012345", &v), 1);
	ck_assert_int_eq(v, 123456789012345LL);
}
END_TEST

START_TEST(id_invalid)
{
	static const char *const bad[] = {
		"", "0", "00", "01", "007", "+1", "-1", " 1", "1 ", "1a", "a1",
		"1.0", "0x10", "1e3", "1234567890123456",
		"9999999999999999999999", "１",
	};
	long long	 v;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -7;
		ck_assert_msg(valid_id(bad[i], &v) == 0, "accepted \"%s\"",
		    bad[i]);
		/* A refused id leaves the output alone. */
		ck_assert_int_eq(v, -7);
	}
	v = -7;
	ck_assert_int_eq(valid_id(NULL, &v), 0);
	ck_assert_int_eq(v, -7);
}
END_TEST

/* ------------------------------------------------- valid_value_bit/name */

START_TEST(value_bits)
{
	ck_assert_uint_eq(valid_value_bit("transparency"), VALUE_TRANSPARENCY);
	ck_assert_uint_eq(valid_value_bit("participation"),
	    VALUE_PARTICIPATION);
	ck_assert_uint_eq(valid_value_bit("accountability"),
	    VALUE_ACCOUNTABILITY);
	ck_assert_uint_eq(valid_value_bit(""), 0);
	ck_assert_uint_eq(valid_value_bit("Transparency"), 0);
	ck_assert_uint_eq(valid_value_bit("transparency "), 0);
	ck_assert_uint_eq(valid_value_bit("transparenc"), 0);
	ck_assert_uint_eq(valid_value_bit("innovation"), 0);
}
END_TEST

START_TEST(value_names)
{
	static const unsigned bits[] = { VALUE_TRANSPARENCY,
	    VALUE_PARTICIPATION, VALUE_ACCOUNTABILITY };

	ck_assert_str_eq(valid_value_name(VALUE_TRANSPARENCY), "transparency");
	ck_assert_str_eq(valid_value_name(VALUE_PARTICIPATION),
	    "participation");
	ck_assert_str_eq(valid_value_name(VALUE_ACCOUNTABILITY),
	    "accountability");
	for (size_t i = 0; i < 3; i++)
		ck_assert_uint_eq(valid_value_bit(valid_value_name(bits[i])),
		    bits[i]);
	/* Only single bits have names. */
	ck_assert_ptr_null(valid_value_name(0));
	ck_assert_ptr_null(valid_value_name(3));
	ck_assert_ptr_null(valid_value_name(7));
	ck_assert_ptr_null(valid_value_name(8));
	ck_assert_ptr_null(valid_value_name(~0u));
}
END_TEST

/* ------------------------------------------------------- valid_ferr_zh/en */

START_TEST(ferr_messages)
{
	ck_assert_str_eq(valid_ferr_zh(FERR_NONE), "");
	ck_assert_str_eq(valid_ferr_en(FERR_NONE), "");
	for (int e = FERR_NONE + 1; e < FERR__MAX; e++) {
		const char *zh = valid_ferr_zh((enum ferr)e);
		const char *en = valid_ferr_en((enum ferr)e);

		ck_assert_ptr_nonnull(zh);
		ck_assert_ptr_nonnull(en);
		ck_assert_msg(zh[0] != '\0', "no zh message for %d", e);
		ck_assert_msg(en[0] != '\0', "no en message for %d", e);
		ck_assert_str_ne(zh, en);
		ck_assert_int_eq(valid_utf8(zh, strlen(zh)), 1);
		/* Each error has its own message. */
		for (int f = FERR_NONE + 1; f < e; f++) {
			ck_assert_str_ne(zh, valid_ferr_zh((enum ferr)f));
			ck_assert_str_ne(en, valid_ferr_en((enum ferr)f));
		}
	}
	ck_assert_str_eq(valid_ferr_zh(FERR__MAX), "");
	ck_assert_str_eq(valid_ferr_en(FERR__MAX), "");
	ck_assert_str_eq(valid_ferr_en((enum ferr)1000), "");
}
END_TEST

static Suite *
valid_suite(void)
{
	Suite	*s = suite_create("valid");
	TCase	*tc;

	tc = tcase_create("utf8");
	tcase_add_test(tc, utf8_ascii);
	tcase_add_test(tc, utf8_two_bytes);
	tcase_add_test(tc, utf8_three_bytes);
	tcase_add_test(tc, utf8_four_bytes);
	tcase_add_test(tc, utf8_bad_lead_bytes);
	tcase_add_test(tc, utf8_truncated);
	tcase_add_test(tc, utf8_stray_continuation);
	tcase_add_test(tc, utf8_mixed_text);
	tcase_add_test(tc, utf8_count);
	tcase_add_test(tc, utf8_every_offset);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, key_lookup);
	tcase_add_test(tc, key_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("normalise");
	tcase_add_test(tc, normalise_line_endings);
	tcase_add_test(tc, normalise_every_offset);
	tcase_add_test(tc, normalise_controls);
	tcase_add_test(tc, normalise_nonchars);
	tcase_add_test(tc, blank_text);
	tcase_add_test(tc, normalise_trim);
	tcase_add_test(tc, normalise_keeps_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("validators");
	tcase_add_test(tc, email_valid);
	tcase_add_test(tc, email_invalid);
	tcase_add_test(tc, url_valid);
	tcase_add_test(tc, url_invalid);
	tcase_add_test(tc, origin);
	tcase_add_test(tc, login);
	tcase_add_test(tc, phone_valid);
	tcase_add_test(tc, phone_invalid);
	tcase_add_test(tc, slug);
	tcase_add_test(tc, id_valid);
	tcase_add_test(tc, id_invalid);
	tcase_add_test(tc, value_bits);
	tcase_add_test(tc, value_names);
	tcase_add_test(tc, ferr_messages);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(valid_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
