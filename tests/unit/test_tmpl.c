/*
 * Unit tests for src/tmpl.cc, the C API over ctemplate: dictionaries,
 * sections, includes, template-global values, and above all that every
 * value is HTML-escaped on the way out.
 *
 * tmpl_init() loads the templates compiled into the binary and freezes the
 * cache, so main() calls it once, before Check forks a process per test.
 * The tests use error.tpl and layout.tpl: layout.tpl includes {{>BODY}};
 * error.tpl shows CODE, STATUS_TEXT, MESSAGE_ZH, MESSAGE_EN and the
 * section NOT_FOUND.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Text of the NOT_FOUND section of error.tpl. */
#define NOT_FOUND_TEXT	"網址可能打錯了"

#define EVIL		"<script>alert(\"x\")</script> & 'q'"
#define EVIL_ESCAPED	"&lt;script&gt;alert(&quot;x&quot;)" \
			"&lt;/script&gt; &amp; &#39;q&#39;"

static struct buf	 out;
static struct tmpl_dict	*d;

static void
setup(void)
{
	memset(&out, 0, sizeof(out));
	d = tmpl_dict_new();
	ck_assert_ptr_nonnull(d);
}

static void
teardown(void)
{
	tmpl_dict_free(d);
	buf_free(&out);
}

/* Returns how many times needle occurs in haystack. */
static int
count(const char *haystack, const char *needle)
{
	const char	*p;
	int		 n = 0;

	for (p = haystack; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Renders name with dict into out (emptied first) and returns the text. */
static const char *
render(const char *name, const struct tmpl_dict *dict)
{
	buf_reset(&out);
	ck_assert_int_eq(tmpl_render(name, dict, &out), 0);
	ck_assert_uint_gt(out.len, 0);
	ck_assert_int_eq(valid_utf8(out.data, out.len), 1);
	return buf_cstr(&out);
}

START_TEST(error_page_values)
{
	const char	*s;

	tmpl_set_int(d, "CODE", 418);
	tmpl_set(d, "STATUS_TEXT", "I'm a teapot");
	tmpl_set(d, "MESSAGE_ZH", "找不到這個提案。");
	tmpl_set(d, "MESSAGE_EN", "No such proposal.");
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "418"));
	ck_assert_ptr_nonnull(strstr(s, "I&#39;m a teapot"));
	ck_assert_ptr_nonnull(strstr(s, "找不到這個提案。"));
	ck_assert_ptr_nonnull(strstr(s, "No such proposal."));
	/* No marker is left unexpanded. */
	ck_assert_ptr_null(strstr(s, "{{"));
}
END_TEST

START_TEST(autoescape)
{
	const char	*s;

	tmpl_set(d, "STATUS_TEXT", EVIL);
	tmpl_set(d, "MESSAGE_ZH", EVIL);
	tmpl_set(d, "MESSAGE_EN", EVIL);
	s = render("error.tpl", d);
	ck_assert_int_eq(count(s, EVIL_ESCAPED), 3);
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "alert(\"x\")"));
	ck_assert_ptr_null(strstr(s, "'q'"));
	ck_assert_ptr_null(strstr(s, " & "));
}
END_TEST

START_TEST(autoescape_every_setter)
{
	static const char	 img[] = "\"><img src=x onerror=alert(1)>";
	struct tmpl_dict	*body;
	const char		*s;

	tmpl_setf(d, "TITLE_ZH", "%s", "<i>t</i>");
	tmpl_setn(d, "TITLE_EN", img, strlen(img));
	body = tmpl_include(d, "BODY", "error.tpl");
	ck_assert_ptr_nonnull(body);
	tmpl_set_global(d, "MESSAGE_ZH", "<b>global</b>");
	tmpl_set(body, "MESSAGE_EN", "a<b");
	s = render("layout.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "&lt;i&gt;t&lt;/i&gt;"));
	ck_assert_ptr_nonnull(strstr(s,
	    "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
	ck_assert_ptr_nonnull(strstr(s, "&lt;b&gt;global&lt;/b&gt;"));
	ck_assert_ptr_nonnull(strstr(s, "a&lt;b"));
	ck_assert_ptr_null(strstr(s, "<i>"));
	ck_assert_ptr_null(strstr(s, "<img"));
	ck_assert_ptr_null(strstr(s, "<b>"));
}
END_TEST

START_TEST(section_hidden_by_default)
{
	const char	*s;

	s = render("error.tpl", d);
	ck_assert_ptr_null(strstr(s, NOT_FOUND_TEXT));
}
END_TEST

START_TEST(section_shown)
{
	const char	*s;

	tmpl_show(d, "NOT_FOUND");
	s = render("error.tpl", d);
	ck_assert_int_eq(count(s, NOT_FOUND_TEXT), 1);
	/* Showing twice is still once. */
	tmpl_show(d, "NOT_FOUND");
	s = render("error.tpl", d);
	ck_assert_int_eq(count(s, NOT_FOUND_TEXT), 1);
}
END_TEST

START_TEST(section_repeated)
{
	const char	*s;

	for (int i = 0; i < 3; i++)
		ck_assert_ptr_nonnull(tmpl_section(d, "NOT_FOUND"));
	s = render("error.tpl", d);
	ck_assert_int_eq(count(s, NOT_FOUND_TEXT), 3);
}
END_TEST

START_TEST(set_int)
{
	const char	*s;

	tmpl_set_int(d, "CODE", -42);
	tmpl_set_int(d, "STATUS_TEXT", 9007199254740993LL);
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "-42"));
	ck_assert_ptr_nonnull(strstr(s, "9007199254740993"));
	/* A later value replaces an earlier one. */
	tmpl_set_int(d, "CODE", 503);
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "503"));
	ck_assert_ptr_null(strstr(s, "-42"));
}
END_TEST

START_TEST(setf)
{
	const char	*s;

	tmpl_setf(d, "STATUS_TEXT", "%s #%d of %05.1f", "Item", 7, 3.14159);
	tmpl_setf(d, "MESSAGE_EN", "%s", "");
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "Item #7 of 003.1"));
}
END_TEST

START_TEST(setf_long_value)
{
	char	 title[200 * 3 + 1];

	/*
	 * A formatted value is set whole, like any other: a title may be 200
	 * CJK characters, 600 bytes, and cutting it would also cut a
	 * character in half and leave invalid UTF-8 in the page.
	 */
	for (int i = 0; i < 200; i++)
		memcpy(title + 3 * i, "中", 3);
	title[600] = '\0';
	tmpl_setf(d, "MESSAGE_ZH", "提案：%s", title);
	ck_assert_int_eq(tmpl_render("error.tpl", d, &out), 0);
	ck_assert_msg(strstr(buf_cstr(&out), title) != NULL,
	    "the value was cut short");
	ck_assert_int_eq(valid_utf8(out.data, out.len), 1);
}
END_TEST

START_TEST(setn)
{
	const char	*s;

	tmpl_setn(d, "CODE", "40499", 3);
	tmpl_setn(d, "MESSAGE_ZH", "中文字", 6);
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "404"));
	ck_assert_ptr_null(strstr(s, "40499"));
	ck_assert_ptr_nonnull(strstr(s, "中文"));
	ck_assert_ptr_null(strstr(s, "中文字"));
}
END_TEST

START_TEST(global_in_include)
{
	struct tmpl_dict	*body;
	const char		*s, *main_at, *msg_at, *end_at;

	tmpl_set(d, "TITLE_ZH", "錯誤");
	tmpl_set_global(d, "MESSAGE_ZH", "全域訊息");
	/* A plain value is the layout's own; an include does not see it. */
	tmpl_set(d, "MESSAGE_EN", "parent only");
	body = tmpl_include(d, "BODY", "error.tpl");
	ck_assert_ptr_nonnull(body);
	tmpl_set(body, "CODE", "500");
	s = render("layout.tpl", d);

	ck_assert_ptr_nonnull(strstr(s, "<title>錯誤"));
	ck_assert_ptr_null(strstr(s, "parent only"));
	main_at = strstr(s, "<main");
	msg_at = strstr(s, "全域訊息");
	end_at = strstr(s, "</main>");
	ck_assert_ptr_nonnull(main_at);
	ck_assert_ptr_nonnull(msg_at);
	ck_assert_ptr_nonnull(end_at);
	ck_assert_msg(main_at < msg_at && msg_at < end_at,
	    "the included body is not inside <main>");
	ck_assert_ptr_nonnull(strstr(main_at, "500"));
}
END_TEST

START_TEST(global_set_on_include)
{
	struct tmpl_dict	*body;
	const char		*s;

	/* A global set through the child is seen by the layout too. */
	body = tmpl_include(d, "BODY", "error.tpl");
	ck_assert_ptr_nonnull(body);
	tmpl_set_global(body, "TITLE_ZH", "標題");
	s = render("layout.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "<title>標題"));
}
END_TEST

START_TEST(include_without_body)
{
	const char	*s;

	/* An include never filled expands to nothing. */
	s = render("layout.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "</main>"));
	ck_assert_ptr_null(strstr(s, "error-page"));
}
END_TEST

START_TEST(render_appends)
{
	ck_assert_int_eq(buf_puts(&out, "PREFIX"), 0);
	tmpl_set(d, "MESSAGE_EN", "once");
	ck_assert_int_eq(tmpl_render("error.tpl", d, &out), 0);
	ck_assert_int_eq(strncmp(out.data, "PREFIX", 6), 0);
	ck_assert_int_eq(tmpl_render("error.tpl", d, &out), 0);
	ck_assert_int_eq(count(buf_cstr(&out), "once"), 2);
	ck_assert_uint_eq(strlen(out.data), out.len);
}
END_TEST

START_TEST(render_unknown)
{
	struct tmpl_dict	*body;

	ck_assert_int_eq(tmpl_render("nope.tpl", d, &out), -1);
	ck_assert_int_eq(tmpl_render("", d, &out), -1);
	ck_assert_int_eq(tmpl_render("error", d, &out), -1);
	ck_assert_int_eq(tmpl_render("error.tpl", NULL, &out), -1);

	/*
	 * A page whose body template is missing is not a page.  (ctemplate
	 * logs "Failed to load included template" on stderr here.)
	 */
	body = tmpl_include(d, "BODY", "nope.tpl");
	ck_assert_ptr_nonnull(body);
	ck_assert_int_eq(tmpl_render("layout.tpl", d, &out), -1);
}
END_TEST

START_TEST(exists)
{
	ck_assert_int_eq(tmpl_exists("error.tpl"), 1);
	ck_assert_int_eq(tmpl_exists("layout.tpl"), 1);
	ck_assert_int_eq(tmpl_exists("nope.tpl"), 0);
	ck_assert_int_eq(tmpl_exists("error"), 0);
	ck_assert_int_eq(tmpl_exists("templates/error.tpl"), 0);
	ck_assert_int_eq(tmpl_exists(""), 0);
	for (size_t i = 0; i < embedded_ntemplates; i++)
		ck_assert_int_eq(tmpl_exists(embedded_templates[i].name), 1);
}
END_TEST

START_TEST(null_dictionary)
{
	/* Every setter ignores a NULL dictionary instead of crashing. */
	tmpl_set(NULL, "X", "x");
	tmpl_setn(NULL, "X", "x", 1);
	tmpl_set_int(NULL, "X", 1);
	tmpl_setf(NULL, "X", "%d", 1);
	tmpl_set_global(NULL, "X", "x");
	tmpl_show(NULL, "X");
	ck_assert_ptr_null(tmpl_section(NULL, "X"));
	ck_assert_ptr_null(tmpl_include(NULL, "BODY", "error.tpl"));
	tmpl_dict_free(NULL);
	ck_assert_int_eq(tmpl_render("error.tpl", NULL, &out), -1);
}
END_TEST

START_TEST(null_value)
{
	const char	*s;

	/* A NULL value is ignored: the earlier value stays. */
	tmpl_set(d, "MESSAGE_EN", "kept");
	tmpl_set(d, "MESSAGE_EN", NULL);
	tmpl_setn(d, "MESSAGE_EN", NULL, 3);
	tmpl_set_global(d, "MESSAGE_ZH", NULL);
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "kept"));
}
END_TEST

START_TEST(dict_free_with_children)
{
	struct tmpl_dict	*l, *body, *sec;

	/* Sub-dictionaries belong to their parent and go with it. */
	l = tmpl_dict_new();
	ck_assert_ptr_nonnull(l);
	tmpl_set_global(l, "TITLE_ZH", "t");
	body = tmpl_include(l, "BODY", "error.tpl");
	ck_assert_ptr_nonnull(body);
	for (int i = 0; i < 10; i++) {
		sec = tmpl_section(body, "NOT_FOUND");
		ck_assert_ptr_nonnull(sec);
		tmpl_setf(sec, "N", "%d", i);
	}
	ck_assert_int_eq(tmpl_render("layout.tpl", l, &out), 0);
	ck_assert_int_eq(count(buf_cstr(&out), NOT_FOUND_TEXT), 10);
	tmpl_dict_free(l);
}
END_TEST

START_TEST(values_are_copied)
{
	char		 v[16];
	const char	*s;

	strcpy(v, "original");
	tmpl_set(d, "MESSAGE_EN", v);
	strcpy(v, "changed!");
	s = render("error.tpl", d);
	ck_assert_ptr_nonnull(strstr(s, "original"));
	ck_assert_ptr_null(strstr(s, "changed!"));
}
END_TEST

/*
 * A name the template asks for before any dictionary has it is looked up
 * again once one does (tmpl.cc remembers unknown names only until the
 * table of names grows), and a name set from a buffer that later holds
 * another name is not taken for the first.
 */
START_TEST(names_known_later)
{
	struct tmpl_dict *d2;
	char		  name[16];
	const char	 *s;

	s = render("error.tpl", d);
	ck_assert_ptr_null(strstr(s, "late value"));
	d2 = tmpl_dict_new();
	ck_assert_ptr_nonnull(d2);
	tmpl_set(d2, "STATUS_TEXT", "late value");
	s = render("error.tpl", d2);
	ck_assert_int_eq(count(s, "late value"), 1);
	tmpl_dict_free(d2);

	strcpy(name, "MESSAGE_ZH");
	tmpl_set(d, name, "中文訊息");
	strcpy(name, "MESSAGE_EN");
	tmpl_set(d, name, "english message");
	s = render("error.tpl", d);
	ck_assert_int_eq(count(s, "中文訊息"), 1);
	ck_assert_int_eq(count(s, "english message"), 1);
}
END_TEST

static Suite *
tmpl_suite(void)
{
	Suite	*s = suite_create("tmpl");
	TCase	*tc;

	tc = tcase_create("render");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, error_page_values);
	tcase_add_test(tc, autoescape);
	tcase_add_test(tc, autoescape_every_setter);
	tcase_add_test(tc, section_hidden_by_default);
	tcase_add_test(tc, section_shown);
	tcase_add_test(tc, section_repeated);
	tcase_add_test(tc, set_int);
	tcase_add_test(tc, setf);
	tcase_add_test(tc, setf_long_value);
	tcase_add_test(tc, setn);
	tcase_add_test(tc, global_in_include);
	tcase_add_test(tc, global_set_on_include);
	tcase_add_test(tc, include_without_body);
	tcase_add_test(tc, render_appends);
	tcase_add_test(tc, render_unknown);
	tcase_add_test(tc, exists);
	tcase_add_test(tc, null_dictionary);
	tcase_add_test(tc, null_value);
	tcase_add_test(tc, dict_free_with_children);
	tcase_add_test(tc, values_are_copied);
	tcase_add_test(tc, names_known_later);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	/* Once per process: it freezes the cache every forked test shares. */
	if (tmpl_init() == -1) {
		fprintf(stderr, "test_tmpl: tmpl_init failed\n");
		return EXIT_FAILURE;
	}
	sr = srunner_create(tmpl_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	tmpl_shutdown();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
