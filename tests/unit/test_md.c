/*
 * Unit tests for src/md.c: Markdown through discount with the safe flags.
 * Proposals and comments are written by anyone, so what matters most is
 * what never comes out: raw HTML, images, and links a click on which runs
 * script.
 *
 * Input is passed from heap copies of exactly its length (md_render takes
 * a length, not a C string), so a read past it shows under AddressSanitizer
 * and valgrind.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"

/* Renders s[0..len) from an exact-size copy; the caller frees the result. */
static char *
md_n(const char *s, size_t len)
{
	char	*p, *html;

	p = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, len);
	html = md_render(p, len);
	free(p);
	ck_assert_ptr_nonnull(html);
	return html;
}

static char *
md(const char *s)
{
	return md_n(s, strlen(s));
}

/* Returns 1 when needle occurs in haystack, ignoring ASCII case. */
static int
has_ci(const char *haystack, const char *needle)
{
	size_t	 n = strlen(needle);

	for (const char *p = haystack; *p != '\0'; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

/*
 * Returns 1 when the URL at v (up to a quote, blank or '>') is one a browser
 * follows without running anything: http, https, ftp, mailto or news, or
 * relative (no scheme before the first '/', '?' or '#').
 */
static int
url_safe(const char *v)
{
	static const char *const ok[] = { "http:", "https:", "ftp:",
	    "mailto:", "news:" };
	const char	*end, *colon;

	/* Browsers skip leading blanks in a URL. */
	while (*v != '\0' && isspace((unsigned char)*v))
		v++;
	end = v + strcspn(v, "\"' >");
	colon = memchr(v, ':', (size_t)(end - v));
	if (colon == NULL || (size_t)(colon - v) > strcspn(v, "/?#"))
		return 1;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncasecmp(v, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/*
 * Returns 1 when every href, src and action attribute of every tag in html
 * is a safe URL.  Only real tags count: text such as "&lt;a href=..." is
 * inert however it reads.
 */
static int
links_safe(const char *html)
{
	static const char *const attrs[] = { "href=", "src=", "action=" };

	for (const char *p = html; (p = strchr(p, '<')) != NULL; p++) {
		const char	*q;
		char		 quote = 0;

		if (!isalpha((unsigned char)p[1]))
			continue;
		/* The tag runs to the first '>' outside quotes. */
		for (q = p + 1; *q != '\0' && (quote || *q != '>'); q++) {
			if (quote && *q == quote)
				quote = 0;
			else if (!quote && (*q == '"' || *q == '\''))
				quote = *q;
			else if (!quote && isspace((unsigned char)q[-1])) {
				for (size_t a = 0; a < sizeof(attrs) /
				    sizeof(attrs[0]); a++) {
					size_t alen = strlen(attrs[a]);
					const char *v = q + alen;

					if (strncasecmp(q, attrs[a], alen) != 0)
						continue;
					if (*v == '"' || *v == '\'')
						v++;
					if (!url_safe(v))
						return 0;
				}
			}
		}
	}
	return 1;
}

/* Renders s and checks the output holds no live markup of any kind. */
static void
check_inert(const char *s)
{
	char	*h = md(s);

	ck_assert_msg(!has_ci(h, "<script"), "<script from \"%s\": %s", s, h);
	ck_assert_msg(!has_ci(h, "<img"), "<img from \"%s\": %s", s, h);
	ck_assert_msg(!has_ci(h, "<style"), "<style from \"%s\": %s", s, h);
	ck_assert_msg(!has_ci(h, "<iframe"), "<iframe from \"%s\": %s", s, h);
	ck_assert_msg(!has_ci(h, "<svg"), "<svg from \"%s\": %s", s, h);
	ck_assert_msg(links_safe(h), "unsafe link from \"%s\": %s", s, h);
	free(h);
}

/* --------------------------------------------------------------- markup */

START_TEST(paragraphs)
{
	char	*h;

	h = md("hello");
	ck_assert_str_eq(h, "<p>hello</p>");
	free(h);

	h = md("first\n\nsecond\nline");
	ck_assert_ptr_nonnull(strstr(h, "<p>first</p>"));
	ck_assert_ptr_nonnull(strstr(h, "<p>second\nline</p>"));
	free(h);

	h = md("開放政府，共同參與。");
	ck_assert_str_eq(h, "<p>開放政府，共同參與。</p>");
	free(h);
}
END_TEST

START_TEST(emphasis)
{
	char	*h;

	h = md("*em* **strong**");
	ck_assert_str_eq(h, "<p><em>em</em> <strong>strong</strong></p>");
	free(h);
}
END_TEST

START_TEST(lists)
{
	char	*h;

	h = md("- a\n- b\n");
	ck_assert_ptr_nonnull(strstr(h, "<ul>"));
	ck_assert_ptr_nonnull(strstr(h, "<li>a</li>"));
	ck_assert_ptr_nonnull(strstr(h, "<li>b</li>"));
	ck_assert_ptr_nonnull(strstr(h, "</ul>"));
	free(h);

	h = md("1. one\n2. two\n");
	ck_assert_ptr_nonnull(strstr(h, "<ol>"));
	ck_assert_ptr_nonnull(strstr(h, "<li>one</li>"));
	ck_assert_ptr_nonnull(strstr(h, "<li>two</li>"));
	free(h);
}
END_TEST

START_TEST(text_escaped)
{
	char	*h;

	h = md("a < b & c > d");
	ck_assert_ptr_nonnull(strstr(h, "a &lt; b &amp; c"));
	ck_assert_ptr_null(strstr(h, " < "));
	ck_assert_ptr_null(strstr(h, " & "));
	free(h);

	h = md("`<b>x</b>`");
	ck_assert_ptr_nonnull(strstr(h, "<code>&lt;b&gt;x&lt;/b&gt;</code>"));
	free(h);
}
END_TEST

START_TEST(no_smartypants)
{
	char	*h;

	/* Straight quotes and dots stay as typed (MKD_NOPANTS). */
	h = md("\"quoted\" -- and so on...");
	ck_assert_ptr_null(strstr(h, "&ldquo;"));
	ck_assert_ptr_null(strstr(h, "&hellip;"));
	ck_assert_ptr_null(strstr(h, "&ndash;"));
	free(h);
}
END_TEST

/* ---------------------------------------------------------------- safety */

START_TEST(checker_catches_unsafe_links)
{
	/* The link checker the safety tests rely on must itself work. */
	ck_assert_int_eq(links_safe("<a href=\"javascript:alert(1)\">x</a>"),
	    0);
	ck_assert_int_eq(links_safe("<p>t <a title=\"a\" HREF=' JaVaScRiPt:x'>"
	    "y</a>"), 0);
	ck_assert_int_eq(links_safe("<img src=data:text/html,x>"), 0);
	ck_assert_int_eq(links_safe("<a href=\"vbscript:x\">"), 0);
	ck_assert_int_eq(links_safe("<a href=\"https://e/\">x</a> "
	    "<a href=\"/p/1?a=b:c\">y</a> <a href=\"mailto:a@b.tw\">z</a>"), 1);
	ck_assert_int_eq(links_safe("<p>&lt;a href=\"javascript:x\">t</p>"), 1);
	ck_assert_int_eq(links_safe("<a title=\"href=javascript:x\">"), 1);
}
END_TEST

START_TEST(script_not_raw)
{
	char	*h;

	h = md("<script>alert(1)</script>");
	ck_assert(!has_ci(h, "<script"));
	free(h);

	check_inert("<script>alert(1)</script>");
	check_inert("a <script>alert(1)</script> b");
	check_inert("<SCRIPT SRC=//evil.example/x.js></SCRIPT>");
	check_inert("<div>\n<script>alert(1)</script>\n</div>");
	check_inert("    <script>alert(1)</script>");
	check_inert("> <script>alert(1)</script>");
	check_inert("- <script>alert(1)</script>");
	check_inert("<style>body{display:none}</style>");
	check_inert("<iframe src=\"javascript:alert(1)\"></iframe>");
	check_inert("<svg onload=alert(1)>");
}
END_TEST

START_TEST(raw_html_not_passed)
{
	char	*h;

	h = md("<b onclick=x>hi</b>");
	ck_assert(!has_ci(h, "<b"));
	free(h);

	h = md("<a href=\"http://example.org\" onmouseover=\"alert(1)\">x</a>");
	ck_assert(!has_ci(h, "<a "));
	free(h);

	h = md("<p style=\"x\">para</p>");
	ck_assert(!has_ci(h, "<p style"));
	free(h);
}
END_TEST

START_TEST(javascript_links)
{
	char	*h;

	h = md("[x](javascript:alert(1))");
	ck_assert(!has_ci(h, "href=\"javascript"));
	ck_assert(links_safe(h));
	free(h);

	check_inert("[x](javascript:alert(1))");
	check_inert("[x](JaVaScRiPt:alert(1))");
	check_inert("[x]( javascript:alert(1))");
	check_inert("[x](<javascript:alert(1)>)");
	check_inert("[x](javascript&#58;alert(1))");
	check_inert("[x](&#106;avascript:alert(1))");
	check_inert("[x](vbscript:msgbox(1))");
	check_inert("<javascript:alert(1)>");
	check_inert("[x][r]\n\n[r]: javascript:alert(1)\n");
	check_inert("[x](javascript:alert(1) \"title\")");
}
END_TEST

START_TEST(data_links)
{
	char	*h;

	h = md("[x](data:text/html,<script>alert(1)</script>)");
	ck_assert(!has_ci(h, "href=\"data:"));
	free(h);

	check_inert("[x](data:text/html,<script>alert(1)</script>)");
	check_inert("[x](data:text/html;base64,"
	    "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)");
	check_inert("[x](DATA:text/html,x)");
}
END_TEST

START_TEST(no_images)
{
	char	*h;

	h = md("![i](http://x/y.png)");
	ck_assert_ptr_null(strstr(h, "<img"));
	free(h);

	check_inert("![i](http://x/y.png)");
	check_inert("![i](http://x/y.png \"t\")");
	check_inert("![i][r]\n\n[r]: http://x/y.png\n");
	check_inert("[![i](http://x/y.png)](http://example.org/)");
	check_inert("<img src=x onerror=alert(1)>");
	check_inert("<IMG SRC=x onerror=alert(1)>");
}
END_TEST

START_TEST(no_pseudo_protocols)
{
	char	*h;

	/* Discount's extensions (raw:, class:, id:, abbr:) stay off. */
	h = md("[<script>alert(1)</script>](raw:x)");
	ck_assert(!has_ci(h, "<script"));
	free(h);
	h = md("[x](raw:<script>alert(1)</script>)");
	ck_assert(!has_ci(h, "<script"));
	free(h);
	h = md("[x](class:evil)");
	ck_assert(!has_ci(h, "class="));
	free(h);
	h = md("[x](id:evil)");
	ck_assert(!has_ci(h, "id="));
	free(h);
	h = md("[x](abbr:evil)");
	ck_assert(!has_ci(h, "<abbr"));
	free(h);
}
END_TEST

START_TEST(attribute_not_broken_out_of)
{
	char	*h;

	/* A quote in a URL or title cannot end the attribute early. */
	h = md("[x](http://e/\"onmouseover=alert(1))");
	ck_assert_ptr_null(strstr(h, "\"onmouseover"));
	ck_assert_ptr_null(strstr(h, "\" onmouseover"));
	free(h);

	h = md("[x](http://e/ \"t\\\" onmouseover=alert(1)\")");
	ck_assert_ptr_null(strstr(h, "\" onmouseover"));
	free(h);

	h = md("[x](http://e/?a=<b>)");
	ck_assert_ptr_null(strstr(h, "<b>"));
	free(h);
}
END_TEST

START_TEST(http_links_kept)
{
	char	*h;

	h = md("[a](http://example.org/)");
	ck_assert_str_eq(h, "<p><a href=\"http://example.org/\">a</a></p>");
	free(h);

	h = md("[b](https://example.org/a?b=1&c=2)");
	ck_assert_ptr_nonnull(strstr(h,
	    "<a href=\"https://example.org/a?b=1&amp;c=2\">b</a>"));
	free(h);

	h = md("<https://ogp.ndc.gov.tw/>");
	ck_assert_ptr_nonnull(strstr(h, "href=\"https://ogp.ndc.gov.tw/\""));
	free(h);

	/* Links within the site are relative. */
	h = md("[p](/proposals/1)");
	ck_assert_ptr_nonnull(strstr(h, "<a href=\"/proposals/1\">p</a>"));
	free(h);
}
END_TEST

/* ------------------------------------------------------------- edge cases */

START_TEST(empty_input)
{
	char	*h;

	h = md_render("", 0);
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h, "");
	free(h);

	/* Blank input renders to nothing, not to a failure. */
	h = md("   ");
	ck_assert_uint_eq(strspn(h, " \n"), strlen(h));
	free(h);
	h = md("\n\n\n");
	ck_assert_uint_eq(strspn(h, " \n"), strlen(h));
	free(h);
}
END_TEST

START_TEST(reads_only_len)
{
	char	*h;

	h = md_n("hello world", 5);
	ck_assert_str_eq(h, "<p>hello</p>");
	free(h);
	h = md_n("*em*<script>", 4);
	ck_assert_str_eq(h, "<p><em>em</em></p>");
	free(h);
}
END_TEST

START_TEST(too_large)
{
	size_t	 len = 1024 * 1024 + 1;
	char	*big, *h;

	big = malloc(len);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', len);
	h = md_render(big, len);
	ck_assert_ptr_null(h);
	free(big);
}
END_TEST

START_TEST(long_document)
{
	static const char para[] = "段落 [link](https://example.org/) text\n\n";
	size_t	 n = 2000, plen = sizeof(para) - 1;
	char	*src, *h;

	/* A long proposal: many paragraphs of Chinese and links. */
	src = malloc(n * plen);
	ck_assert_ptr_nonnull(src);
	for (size_t i = 0; i < n; i++)
		memcpy(src + i * plen, para, plen);
	h = md_n(src, n * plen);
	ck_assert_ptr_nonnull(strstr(h,
	    "<p>段落 <a href=\"https://example.org/\">link</a> text</p>"));
	ck_assert_int_eq(valid_utf8(h, strlen(h)), 1);
	free(h);
	free(src);
}
END_TEST

/*
 * Regressions found by tests/fuzz/fuzz_markdown.c: a ">%class%" block with
 * a long class name lost its closing quote, and the next paragraph's text
 * became attributes of the <div>; a definition list at the end followed by
 * blank lines leaked memory (valgrind and LeakSanitizer see it).
 */
START_TEST(no_divquote_attribute_injection)
{
	char	 in[256], *out;
	int	 n;

	n = snprintf(in, sizeof(in), ">%%%s%%\n> quote\n\n\" onmouseover="
	    "\"alert(document.cookie)\" x=\"\n",
	    "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ");
	out = md_render(in, (size_t)n);
	ck_assert_ptr_nonnull(out);
	/* No <div> tag, and the text stays text inside its paragraph. */
	ck_assert_ptr_null(strstr(out, "<div"));
	ck_assert_ptr_nonnull(strstr(out, "<p>\" onmouseover="));
	free(out);
}
END_TEST

START_TEST(no_definition_list_leak)
{
	static const char in[] = "=x=\n    \n    \n    ";
	char	*out = md_render(in, sizeof(in) - 1);

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_null(strstr(out, "<dl"));
	free(out);
}
END_TEST

static Suite *
md_suite(void)
{
	Suite	*s = suite_create("md");
	TCase	*tc;

	tc = tcase_create("markup");
	tcase_add_test(tc, paragraphs);
	tcase_add_test(tc, emphasis);
	tcase_add_test(tc, lists);
	tcase_add_test(tc, text_escaped);
	tcase_add_test(tc, no_smartypants);
	suite_add_tcase(s, tc);

	tc = tcase_create("safety");
	tcase_add_test(tc, checker_catches_unsafe_links);
	tcase_add_test(tc, script_not_raw);
	tcase_add_test(tc, raw_html_not_passed);
	tcase_add_test(tc, javascript_links);
	tcase_add_test(tc, data_links);
	tcase_add_test(tc, no_images);
	tcase_add_test(tc, no_pseudo_protocols);
	tcase_add_test(tc, attribute_not_broken_out_of);
	tcase_add_test(tc, http_links_kept);
	tcase_add_test(tc, no_divquote_attribute_injection);
	tcase_add_test(tc, no_definition_list_leak);
	suite_add_tcase(s, tc);

	tc = tcase_create("edges");
	tcase_add_test(tc, empty_input);
	tcase_add_test(tc, reads_only_len);
	tcase_add_test(tc, too_large);
	tcase_add_test(tc, long_document);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(md_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
