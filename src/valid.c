/*
 * Validators and the table of form fields (after kcgi's struct kvalid).
 * Nothing here allocates, writes output or touches the database.
 */
#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/*
 * The fields of every form, with their limits in characters.  The long
 * texts of the NDC form allow 20,000 characters each; single lines 200.
 */
const struct keyspec valid_keys[KEY__MAX] = {
	{ "kind", FT_WORD, 16, 0 },			/* KEY_KIND */
	{ "target_item", FT_WORD, 16, 0 },		/* KEY_TARGET_ITEM */
	{ "title", FT_LINE, 200, 0 },			/* KEY_TITLE */
	{ "lead_agency", FT_WORD, 32, 0 },		/* KEY_LEAD_AGENCY */
	{ "lead_agency_other", FT_LINE, 100, 0 },	/* KEY_LEAD_AGENCY_OTHER */
	{ "problem", FT_TEXT, 20000, 0 },		/* KEY_PROBLEM */
	{ "commitment", FT_TEXT, 20000, 0 },		/* KEY_COMMITMENT */
	{ "contribution", FT_TEXT, 20000, 0 },		/* KEY_CONTRIBUTION */
	{ "value", FT_WORD, 32, 1 },			/* KEY_VALUE */
	{ "relevance", FT_TEXT, 20000, 0 },		/* KEY_RELEVANCE */
	{ "submitter", FT_LINE, 200, 0 },		/* KEY_SUBMITTER */
	{ "phone", FT_PHONE, 50, 0 },			/* KEY_PHONE */
	{ "email", FT_EMAIL, 254, 0 },			/* KEY_EMAIL */
	{ "action", FT_WORD, 16, 0 },			/* KEY_ACTION */
	{ "token", FT_WORD, 64, 0 },			/* KEY_TOKEN */
	{ "csrf", FT_WORD, 128, 0 },			/* KEY_CSRF */
	{ "name", FT_LINE, 100, 0 },			/* KEY_NAME */
	{ "affiliation", FT_LINE, 100, 0 },		/* KEY_AFFILIATION */
	{ "body", FT_TEXT, 5000, 0 },			/* KEY_BODY */
	{ "parent", FT_WORD, 16, 0 },			/* KEY_PARENT */
	{ "login", FT_WORD, 32, 0 },			/* KEY_LOGIN */
	{ "password", FT_SECRET, 1024, 0 },		/* KEY_PASSWORD */
	{ "next", FT_LINE, 200, 0 },			/* KEY_NEXT */
	{ "agency", FT_WORD, 32, 0 },			/* KEY_AGENCY */
	{ "item", FT_WORD, 16, 1 },			/* KEY_ITEM */
	{ "starts_at", FT_TIME, 16, 0 },		/* KEY_STARTS_AT */
	{ "ends_at", FT_TIME, 16, 0 },			/* KEY_ENDS_AT */
	{ "place", FT_LINE, 200, 0 },			/* KEY_PLACE */
	{ "online_url", FT_URL, 500, 0 },		/* KEY_ONLINE_URL */
	{ "agenda", FT_TEXT, 20000, 0 },		/* KEY_AGENDA */
	{ "experts", FT_TEXT, 5000, 0 },		/* KEY_EXPERTS */
	{ "capacity", FT_WORD, 6, 0 },			/* KEY_CAPACITY */
	{ "minutes", FT_TEXT, 50000, 0 },		/* KEY_MINUTES */
	{ "recording_url", FT_URL, 500, 0 },		/* KEY_RECORDING_URL */
	{ "status", FT_WORD, 32, 0 },			/* KEY_STATUS */
	{ "response", FT_TEXT, 20000, 0 },		/* KEY_RESPONSE */
	{ "reason", FT_LINE, 500, 0 },			/* KEY_REASON */
	{ "role", FT_WORD, 16, 0 },			/* KEY_ROLE */
	{ "deadline", FT_TIME, 16, 0 },			/* KEY_DEADLINE */
	{ "deliverable", FT_LINE, 200, 0 },		/* KEY_DELIVERABLE */
	{ "starts_on", FT_DATE, 10, 0 },		/* KEY_STARTS_ON */
	{ "ends_on", FT_DATE, 10, 0 },			/* KEY_ENDS_ON */
	{ "progress", FT_WORD, 3, 0 },			/* KEY_PROGRESS */
	{ "note", FT_TEXT, 5000, 0 },			/* KEY_NOTE */
	{ "milestone", FT_WORD, 16, 0 },		/* KEY_MILESTONE */
	{ "ms_deliverable", FT_LINE, 200, 1 },		/* KEY_MS_DELIVERABLE */
	{ "ms_start", FT_DATE, 10, 1 },			/* KEY_MS_START */
	{ "ms_end", FT_DATE, 10, 1 },			/* KEY_MS_END */
	{ "send_link", FT_WORD, 4, 0 },			/* KEY_SEND_LINK */
};

/* Messages for enum ferr, zh-TW first and English beside. */
static const char *const ferr_zh[FERR__MAX] = {
	"",						/* FERR_NONE */
	"此欄必填。",					/* FERR_REQUIRED */
	"超過字數上限。",				/* FERR_TOO_LONG */
	"內容格式不正確。",				/* FERR_INVALID */
	"電子郵件地址格式不正確。",			/* FERR_EMAIL */
	"電話只能包含數字、空格及 + - ( ) # . 符號。",	/* FERR_PHONE */
	"查無此項目，請重新選擇。",			/* FERR_UNKNOWN */
	"請至少填寫電話或電子郵件其中一項。",		/* FERR_CONTACT */
	"修改或刪除承諾事項時，請選擇對象項目。",	/* FERR_TARGET */
	"請填寫以 http:// 或 https:// 開頭的完整網址。",	/* FERR_URL */
	"請用「年-月-日 時:分」格式（臺北時間）填寫。",	/* FERR_TIME */
	"結束時間必須晚於開始時間。",			/* FERR_ORDER */
	"請填寫 0 以上的整數。",			/* FERR_NUMBER */
	"帳號只能用小寫英文字母、數字及 . _ -，3 至 32 字。", /* FERR_LOGIN */
	"請用「年-月-日」格式填寫日期。",		/* FERR_DATE */
	"項目太多。",					/* FERR_TOO_MANY */
	"請填寫 2000 年至 2099 年間的時間。",		/* FERR_YEAR */
	"名額請填 0 至 100000 的整數（0 表示不開放報名）。", /* FERR_CAPACITY */
};

static const char *const ferr_en[FERR__MAX] = {
	"",						/* FERR_NONE */
	"This field is required.",			/* FERR_REQUIRED */
	"Too long.",					/* FERR_TOO_LONG */
	"This value is not valid.",			/* FERR_INVALID */
	"Not a valid e-mail address.",			/* FERR_EMAIL */
	"Digits, spaces and + - ( ) # . only.",		/* FERR_PHONE */
	"No such entry; choose again.",			/* FERR_UNKNOWN */
	"Give a phone number or an e-mail address.",	/* FERR_CONTACT */
	"Choose the commitment item to modify or delete.", /* FERR_TARGET */
	"Give a full address starting with http:// or https://.", /* FERR_URL */
	"Use year-month-day hour:minute (Taipei time).",	/* FERR_TIME */
	"The end must be after the start.",		/* FERR_ORDER */
	"Give a whole number, 0 or more.",		/* FERR_NUMBER */
	"3 to 32 of a-z, 0-9, '.', '_' and '-'.",	/* FERR_LOGIN */
	"Give the date as year-month-day.",		/* FERR_DATE */
	"Too many entries.",				/* FERR_TOO_MANY */
	"Give a time between the years 2000 and 2099.",	/* FERR_YEAR */
	"Give a whole number from 0 to 100000 (0: no registration).", /* FERR_CAPACITY */
};

const char *
valid_ferr_zh(enum ferr e)
{
	return (unsigned)e < FERR__MAX ? ferr_zh[e] : "";
}

const char *
valid_ferr_en(enum ferr e)
{
	return (unsigned)e < FERR__MAX ? ferr_en[e] : "";
}

/* A byte repeated in each of a word's eight: the word-at-a-time checks. */
#define BYTES(b)	(0x0101010101010101ull * (b))
#define HIGHS		BYTES(0x80)

/*
 * Returns 1 when s[0..len) is well-formed UTF-8 as the Unicode standard
 * defines it (table 3-7): no overlong forms, no surrogates, nothing above
 * U+10FFFF.  NUL is well-formed here; the request parser refuses it.
 */
int
valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + len;
	unsigned char		 lo, hi;
	int			 n;

	while (p < end) {
		/*
		 * The common cases first: eight ASCII bytes at a time, and
		 * a three-byte character without the limits of E0 and ED
		 * (most of Chinese).  Byte by byte through the table below,
		 * a submission's fields took 50,000 instructions.
		 */
		if (*p < 0x80) {
			uint64_t	 w;

			while (end - p >= 8 && (memcpy(&w, p, 8),
			    (w & HIGHS) == 0))
				p += 8;
			while (p < end && *p < 0x80)
				p++;
			continue;
		}
		if (*p >= 0xE1 && *p <= 0xEF && *p != 0xED) {
			if (end - p < 3 || (p[1] & 0xC0) != 0x80 ||
			    (p[2] & 0xC0) != 0x80)
				return 0;
			p += 3;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (*p >= 0xC2 && *p <= 0xDF)
			n = 1;
		else if (*p == 0xE0) {
			n = 2;
			lo = 0xA0;
		} else if (*p == 0xED) {
			n = 2;
			hi = 0x9F;
		} else if (*p == 0xF0) {
			n = 3;
			lo = 0x90;
		} else if (*p >= 0xF1 && *p <= 0xF3)
			n = 3;
		else if (*p == 0xF4) {
			n = 3;
			hi = 0x8F;
		} else
			return 0;
		if (end - p <= n)
			return 0;
		if (p[1] < lo || p[1] > hi)
			return 0;
		for (int i = 2; i <= n; i++)
			if (p[i] < 0x80 || p[i] > 0xBF)
				return 0;
		p += n + 1;
	}
	return 1;
}

/* Counts code points in valid UTF-8: every byte that is not a continuation. */
size_t
valid_utf8_count(const char *s, size_t len)
{
	size_t		 n = 0, i = 0;
	uint64_t	 w, c;

	/*
	 * Eight bytes at a time: a continuation byte has its top bit set
	 * and the next one clear; the marks of those are counted, and the
	 * rest are the characters (byte by byte was 9 instructions a byte).
	 */
	for (; len - i >= 8; i += 8) {
		memcpy(&w, s + i, 8);
		c = w & ~(w << 1) & HIGHS;
		c = (c >> 7) * BYTES(1) >> 56;	/* how many */
		n += 8 - (size_t)c;
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Returns the enum key of a field name, or -1 when the name is unknown. */
int
valid_key(const char *name, size_t len)
{
	for (int i = 0; i < KEY__MAX; i++)
		if (strlen(valid_keys[i].name) == len &&
		    memcmp(valid_keys[i].name, name, len) == 0)
			return i;
	return -1;
}

/*
 * Normalises text in place (s has room for len + 1 bytes: the result is
 * NUL-terminated) and returns its new length.  Line endings
 * become LF, C0 controls other than tab and LF and DEL are dropped (they
 * arrive with text pasted from word processors and would only confuse),
 * U+FFFE and U+FFFF are dropped (valid_drop_nonchars),
 * and surrounding whitespace is trimmed.  In a single-line field a line
 * break or tab becomes a space (a title pasted from elsewhere often ends
 * with one).
 */
/*
 * Drops U+FFFE and U+FFFF (EF BF BE, EF BF BF) from s[0..len) in place and
 * returns the new length.  Well-formed UTF-8, but not characters: XML 1.0
 * forbids them, and one in a title made the Atom feed and the ODT exports
 * ill-formed for everyone (a feed reader or LibreOffice refuses the file
 * whole).  The other noncharacters are allowed in XML and kept.
 */
size_t
valid_drop_nonchars(char *s, size_t len)
{
	char	*p = s, *end = s + len, *out = NULL;

	/* Most text has none: found by memchr, nothing moved. */
	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		if (valid_nonchar_at(p, (size_t)(end - p))) {
			out = p;
			break;
		}
		p++;
	}
	if (out == NULL)
		return len;
	while (p < end) {
		if (valid_nonchar_at(p, (size_t)(end - p))) {
			p += 3;
			continue;
		}
		*out++ = *p++;
	}
	return (size_t)(out - s);
}

size_t
valid_normalise(char *s, size_t len, int multiline)
{
	size_t		 i, j, start, end;
	unsigned char	 c;
	uint64_t	 w, d;

	for (i = j = 0; i < len; i++) {
		/*
		 * Eight bytes at a time while none of them is a control or
		 * DEL (most text): moved as they are, and only when
		 * something before them was dropped.
		 */
		while (len - i >= 8) {
			memcpy(&w, s + i, 8);
			d = w ^ BYTES(0x7F);
			if ((((w - BYTES(0x20)) & ~w) | ((d - BYTES(1)) & ~d)) &
			    HIGHS)
				break;
			if (j != i)
				memmove(s + j, s + i, 8);
			i += 8;
			j += 8;
		}
		if (i == len)
			break;
		c = (unsigned char)s[i];
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			s[j++] = multiline ? '\n' : ' ';
		} else if (c == '\n')
			s[j++] = multiline ? '\n' : ' '; else if (c == '\t')
			s[j++] = multiline ? '\t' : ' ';
		else if (c < 0x20 || c == 0x7F)
			continue;
		else
			s[j++] = (char)c;
	}
	j = valid_drop_nonchars(s, j);
	start = 0;
	end = j;
	while (start < end && (s[start] == ' ' || s[start] == '\t' ||
	    s[start] == '\n'))
		start++;
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '\n'))
		end--;
	if (start > 0)
		memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return end - start;
}

/*
 * Returns 1 when the valid UTF-8 string s has nothing to read: empty, or
 * only spaces, line breaks and invisible characters: the no-break space,
 * the ideographic space (U+3000, which a Chinese input method types), the
 * other Unicode spaces, zero-width space and joiners, and the byte order
 * mark.  A required field of them looked filled and was not.  Normalising
 * keeps them (U+3000 begins a Chinese paragraph), so this is for the
 * "required" checks.
 */
int
valid_blank(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 c;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				return 0;
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0 && p[1] != '\0') {
			c = (unsigned)(*p & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else if ((*p & 0xF0) == 0xE0 && p[1] != '\0' && p[2] != '\0') {
			c = (unsigned)(*p & 0x0F) << 12 |
			    (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
			p += 3;
		} else
			return 0;
		if (!(c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) ||
		    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
		    c == 0x2060 || c == 0x3000 || c == 0xFEFF))
			return 0;
	}
	return 1;
}

/*
 * A pragmatic e-mail check: one '@', a non-empty local part of printable
 * ASCII without spaces, and a domain with a dot and no empty label.
 * Internationalised addresses are accepted in the domain as UTF-8.
 */
int
valid_email(const char *s, size_t len)
{
	const char	*at = memchr(s, '@', len);
	size_t		 local, i;

	if (at == NULL || len > 254)
		return 0;
	local = (size_t)(at - s);
	if (local == 0 || local > 64 || local + 1 >= len)
		return 0;
	if (memchr(at + 1, '@', len - local - 1) != NULL)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || c == '<' || c == '>' ||
		    c == '"' || c == ',' || c == ';' || c == '\\' ||
		    c == '(' || c == ')' || c == '[' || c == ']')
			return 0;
	}
	if (at[1] == '.' || s[len - 1] == '.' ||
	    memchr(at + 1, '.', len - local - 1) == NULL)
		return 0;
	for (i = local + 1; i + 1 < len; i++)
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
	return 1;
}

/*
 * An absolute http or https URL without spaces, quotes or angle brackets,
 * with a host.  (The templates escape every URL too; this keeps links to
 * what a browser would open.)
 */
int
valid_url(const char *s, size_t len)
{
	size_t	 skip;

	if (len > 7 && strncmp(s, "http://", 7) == 0)
		skip = 7;
	else if (len > 8 && strncmp(s, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	if (s[skip] == '/' || s[skip] == '.' || s[skip] == ':' || s[skip] == '@')
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || c == '"' || c == '<' || c == '>' ||
		    c == '\\' || c == '`' || c == '{' || c == '}' || c == '|' ||
		    c == '^')
			return 0;
	}
	return 1;
}

/*
 * A plain host name or address with an optional port, as a Host header or
 * an origin carries it: letters, digits, dots, hyphens, colons and the
 * brackets of an IPv6 address, 1 to 255 of them.
 */
int
valid_host(const char *h)
{
	size_t	 len = strlen(h);

	if (len == 0 || len > 255)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') || (h[i] >= 'A' &&
		    h[i] <= 'Z') || (h[i] >= '0' && h[i] <= '9') ||
		    strchr(".-:[]", h[i]) != NULL))
			return 0;
	return 1;
}

/*
 * A site's origin as the exports and feeds start their links with:
 * "http://" or "https://" and a host (valid_host) that starts with a
 * letter, a digit or "[", nothing after it.
 */
int
valid_origin(const char *s)
{
	if (s == NULL)
		return 0;
	if (strncmp(s, "http://", 7) == 0)
		s += 7;
	else if (strncmp(s, "https://", 8) == 0)
		s += 8;
	else
		return 0;
	return s[0] != '.' && s[0] != ':' && s[0] != '-' && valid_host(s);
}

/* A calendar date "YYYY-MM-DD" that exists. */
int
valid_date(const char *s)
{
	char	 t[32];
	time_t	 x;

	if (s == NULL || strlen(s) != 10)
		return 0;
	snprintf(t, sizeof(t), "%sT00:00", s);
	return when_parse(t, 0, &x) == 0;
}

/* A staff login: 3 to 32 of [a-z0-9._-], starting with a letter or digit. */
int
valid_login(const char *s)
{
	size_t	 i;

	if (s == NULL || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return i >= 3;
}

/* Digits, spaces and + - ( ) # . with at least six digits. */
int
valid_phone(const char *s, size_t len)
{
	size_t	 digits = 0;

	for (size_t i = 0; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (strchr(" +-()#.", s[i]) == NULL || s[i] == '\0')
			return 0;
	}
	return digits >= 6 && digits <= 20;
}

/* A slug: 1 to 32 of [a-z0-9-], not starting with '-'. */
int
valid_slug(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] == '\0' || s[0] == '-')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= 32 || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/*
 * Parses a positive decimal id of at most 15 digits without sign, space or
 * leading zero.  Returns 1 and sets *out, or 0.
 */
int
valid_id(const char *s, long long *out)
{
	long long	 v = 0;
	size_t		 i;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 15 || s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static const char *const value_names[] = {
	"transparency",		/* VALUE_TRANSPARENCY */
	"participation",	/* VALUE_PARTICIPATION */
	"accountability",	/* VALUE_ACCOUNTABILITY */
};

/* Returns the bit of an OGP value name, or 0 when it is not one. */
unsigned
valid_value_bit(const char *s)
{
	for (unsigned i = 0; i < 3; i++)
		if (strcmp(s, value_names[i]) == 0)
			return 1u << i;
	return 0;
}

/* Returns the name of one value bit, or NULL. */
const char *
valid_value_name(unsigned bit)
{
	for (unsigned i = 0; i < 3; i++)
		if (bit == (1u << i))
			return value_names[i];
	return NULL;
}
