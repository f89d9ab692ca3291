/*
 * libFuzzer harness: the Markdown wrapper (discount with the safe flags).
 *
 * The input is Markdown anyone may post.  md_render() of a NUL-terminated
 * copy must give HTML (inputs are under its 1 MiB limit) and the HTML must
 * be inert: the harness parses its tags the way a browser starts to (a '<'
 * then a letter, '/', '!' or '?'; attributes split on blanks and '/', with
 * quoted values) and requires
 *   - only the tags discount writes with these flags, never script, img,
 *     iframe, style, svg, object, embed or a comment or declaration;
 *   - only the attributes it writes, never an event handler (on...=);
 *   - no href or src whose value, once HTML entities are decoded and tabs
 *     and line breaks dropped as a URL parser does, starts with
 *     javascript:, vbscript: or data: (in any case);
 *   - style only as discount's table and centring alignment;
 *   - every tag and every quoted value closed.
 * Discount itself is not instrumented, so coverage comes from this checker
 * and from the dictionary (fuzz_markdown.dict) more than from discount.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "fuzz.h"

/* What discount writes with MD_FLAGS: blocks, lists, tables, inline. */
static const char *const tags_ok[] = {
	"a", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre",
	"strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
};

/* Never to be written, whatever else discount learns to write. */
static const char *const tags_bad[] = {
	"script", "img", "iframe", "style", "svg", "math", "object", "embed",
	"form", "input", "button", "base", "link", "meta", "frame", "frameset",
	"video", "audio", "source", "textarea", "template", "noscript",
};

static const char *const attrs_ok[] = {
	"href", "title", "class", "style", "type", "start",
};

static const char *const styles_ok[] = {
	"text-align:left;", "text-align:right;", "text-align:center;",
};

/* Attributes a browser loads or follows as a URL. */
static const char *const url_attrs[] = {
	"href", "src", "action", "formaction", "xlink:href", "background",
	"poster", "data", "lowsrc", "dynsrc",
};

static int
in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], s, len) == 0)
			return 1;
	return 0;
}

#define IN(list, s, len) in_list((list), sizeof(list) / sizeof((list)[0]), \
	(s), (len))

/* Appends code point cp to out as UTF-8 (U+FFFD for what is not one). */
static size_t
put_utf8(unsigned char *out, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Decodes the character references of an attribute value v[0..len) as a
 * browser would for what matters here: numeric ones (decimal or hex, the
 * ';' optional) and the named ones that spell a scheme or a blank.  Each
 * reference is at least three bytes and gives at most four, so out needs
 * room for 2 * len bytes.  Returns the decoded length.
 */
static size_t
decode_entities(const char *v, size_t len, unsigned char *out)
{
	static const struct {
		const char	*name;
		char		 c;
	} named[] = {
		{ "colon;", ':' }, { "Tab;", '\t' }, { "NewLine;", '\n' },
		{ "amp;", '&' }, { "amp", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' }, { "sol;", '/' },
		{ "lpar;", '(' }, { "rpar;", ')' }, { "period;", '.' },
		{ "excl;", '!' }, { "num;", '#' }, { "semi;", ';' },
	};
	size_t	 i = 0, j = 0;

	while (i < len) {
		if (v[i] != '&') {
			out[j++] = (unsigned char)v[i++];
			continue;
		}
		if (i + 1 < len && v[i + 1] == '#') {
			size_t		 k = i + 2, digits = 0;
			unsigned long	 cp = 0;
			int		 hex = k < len && (v[k] | 0x20) == 'x';

			if (hex)
				k++;
			for (; k < len; k++, digits++) {
				int c = (unsigned char)v[k], d;

				if (c >= '0' && c <= '9')
					d = c - '0';
				else if (hex && (c | 0x20) >= 'a' &&
				    (c | 0x20) <= 'f')
					d = (c | 0x20) - 'a' + 10;
				else
					break;
				if (cp < 0x110000)
					cp = cp * (hex ? 16 : 10) + (unsigned)d;
			}
			if (digits > 0) {
				j += put_utf8(out + j, cp);
				i = k < len && v[k] == ';' ? k + 1 : k;
				continue;
			}
		}
		for (size_t n = 0; n < sizeof(named) / sizeof(named[0]); n++) {
			size_t nl = strlen(named[n].name);

			if (len - i - 1 >= nl &&
			    memcmp(v + i + 1, named[n].name, nl) == 0) {
				out[j++] = (unsigned char)named[n].c;
				i += nl + 1;
				goto next;
			}
		}
		out[j++] = (unsigned char)v[i++];
next:		;
	}
	return j;
}

/*
 * Checks a URL attribute's value v[0..len): its scheme, as a browser reads
 * it, is none of the ones that run or smuggle content.
 */
static void
check_url(const char *v, size_t len)
{
	static const char *const bad[] = { "javascript:", "vbscript:", "data:" };
	unsigned char	*d, *u;
	size_t		 n, m = 0, start = 0;

	if ((d = malloc(2 * len + 1)) == NULL || (u = malloc(2 * len + 1)) ==
	    NULL)
		abort();
	n = decode_entities(v, len, d);
	/* A URL parser drops tabs and line breaks and trims C0 and space. */
	for (size_t i = 0; i < n; i++)
		if (d[i] != '\t' && d[i] != '\n' && d[i] != '\r')
			u[m++] = d[i];
	while (start < m && u[start] <= 0x20)
		start++;
	for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
		size_t bl = strlen(bad[b]);

		if (m - start >= bl &&
		    strncasecmp((char *)u + start, bad[b], bl) == 0) {
			fprintf(stderr, "unsafe URL: %.*s\n", (int)len, v);
			FUZZ_CHECK(0, "no javascript:, vbscript: or data: URL");
		}
	}
	free(u);
	free(d);
}

/*
 * Checks the tag whose name starts at html[i] (after "<" or "</") and
 * returns the offset just past its '>'.
 */
static size_t
check_tag(const char *html, size_t len, size_t i, int closing)
{
	size_t	 name = i, nlen;

	while (i < len && isalnum((unsigned char)html[i]))
		i++;
	nlen = i - name;
	if (IN(tags_bad, html + name, nlen) || !IN(tags_ok, html + name, nlen)) {
		fprintf(stderr, "tag: %.*s\n", (int)nlen, html + name);
		FUZZ_CHECK(0, "only the tags discount writes, no script, img, "
		    "iframe or style");
	}
	for (;;) {
		size_t	 an, alen, vs, vlen;

		while (i < len && (isspace((unsigned char)html[i]) ||
		    html[i] == '/'))
			i++;
		FUZZ_CHECK(i < len, "every tag is closed");
		if (html[i] == '>')
			return i + 1;
		FUZZ_CHECK(!closing, "an end tag has no attributes");
		an = i;
		while (i < len && !isspace((unsigned char)html[i]) &&
		    html[i] != '/' && html[i] != '>' && html[i] != '=')
			i++;
		alen = i - an;
		if (alen > 2 && strncasecmp(html + an, "on", 2) == 0) {
			fprintf(stderr, "attribute: %.*s\n", (int)alen,
			    html + an);
			FUZZ_CHECK(0, "no event handler attribute");
		}
		if (!IN(attrs_ok, html + an, alen)) {
			fprintf(stderr, "attribute: %.*s\n", (int)alen,
			    html + an);
			FUZZ_CHECK(0, "only the attributes discount writes");
		}
		while (i < len && isspace((unsigned char)html[i]))
			i++;
		if (i >= len || html[i] != '=') {
			vs = i;
			vlen = 0;
		} else {
			i++;
			while (i < len && isspace((unsigned char)html[i]))
				i++;
			if (i < len && (html[i] == '"' || html[i] == '\'')) {
				const char *q = memchr(html + i + 1, html[i],
				    len - i - 1);

				FUZZ_CHECK(q != NULL, "every quoted value is "
				    "closed");
				vs = i + 1;
				vlen = (size_t)(q - html) - vs;
				i = (size_t)(q - html) + 1;
			} else {
				vs = i;
				while (i < len &&
				    !isspace((unsigned char)html[i]) &&
				    html[i] != '>')
					i++;
				vlen = i - vs;
			}
		}
		if (IN(url_attrs, html + an, alen))
			check_url(html + vs, vlen);
		if (alen == 5 && strncasecmp(html + an, "style", 5) == 0 &&
		    !IN(styles_ok, html + vs, vlen)) {
			fprintf(stderr, "style: %.*s\n", (int)vlen, html + vs);
			FUZZ_CHECK(0, "style only as alignment");
		}
	}
}

static void
check_html(const char *html)
{
	size_t	 len = strlen(html), i = 0;

	while (i < len) {
		if (html[i] != '<') {
			i++;
			continue;
		}
		if (i + 1 < len && isalpha((unsigned char)html[i + 1]))
			i = check_tag(html, len, i + 1, 0);
		else if (i + 2 < len && html[i + 1] == '/' &&
		    isalpha((unsigned char)html[i + 2]))
			i = check_tag(html, len, i + 2, 1);
		else {
			FUZZ_CHECK(i + 1 == len || (html[i + 1] != '!' &&
			    html[i + 1] != '?' && html[i + 1] != '/'),
			    "no comment, declaration or bogus tag");
			i++;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*src, *html;

	if ((src = malloc(size + 1)) == NULL)
		abort();
	memcpy(src, data, size);
	src[size] = '\0';
	html = md_render(src, size);
	FUZZ_CHECK(html != NULL, "md_render gives HTML under 1 MiB");
	check_html(html);
	free(html);
	free(src);
	return 0;
}
