/*
 * Request parsing: query strings, cookies and urlencoded bodies become
 * arrays of decoded key/value pairs, and the form's pairs become validated
 * fields.  Nothing here writes output or touches the database, so every
 * function can be unit-tested and fuzzed on its own.
 */
#include <string.h>

#include "extern.h"

/* Messages for a request-level refusal, zh-TW first, English beside. */
static const struct {
	int		 status;
	const char	*zh;
	const char	*en;
} reqerrs[REQ__MAX] = {
	{ 200, "", "" },						/* REQ_OK */
	{ 413, "送出的內容太大。", "The request body is too large." },	/* REQ_E_BODY_TOO_LARGE */
	{ 415, "只接受一般表單格式（application/x-www-form-urlencoded）。",
	    "Only application/x-www-form-urlencoded forms are accepted." }, /* REQ_E_CONTENT_TYPE */
	{ 400, "網址或表單的百分比編碼（%XX）不正確。",
	    "Bad percent-encoding in the address or form." },		/* REQ_E_PERCENT */
	{ 400, "內容不是有效的 UTF-8 文字。",
	    "The text is not valid UTF-8." },				/* REQ_E_UTF8 */
	{ 400, "內容含有不允許的空字元（NUL）。",
	    "The text contains a NUL character." },			/* REQ_E_NUL */
	{ 400, "表單欄位太多。", "Too many form fields." },		/* REQ_E_TOO_MANY_FIELDS */
	{ 413, "欄位內容太長。", "A field is too long." },		/* REQ_E_FIELD_TOO_LONG */
	{ 400, "表單含有不明的欄位。", "The form has an unknown field." }, /* REQ_E_UNKNOWN_FIELD */
	{ 400, "表單欄位重複。", "A form field is repeated." },		/* REQ_E_REPEATED_FIELD */
	{ 431, "請求標頭太大。", "Request headers too large." },	/* REQ_E_HEADER */
	{ 400, "送出的內容不完整。", "The request body is incomplete." }, /* REQ_E_BODY_SHORT */
};

const char *
req_errstr(enum reqerr e)
{
	return (unsigned)e < REQ__MAX ? reqerrs[e].en : "";
}

const char *
req_errstr_zh(enum reqerr e)
{
	return (unsigned)e < REQ__MAX ? reqerrs[e].zh : "";
}

int
req_errstatus(enum reqerr e)
{
	return (unsigned)e < REQ__MAX ? reqerrs[e].status : 400;
}

enum method
req_method(const char *m)
{
	if (m == NULL)
		return METHOD_OTHER;
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	return METHOD_OTHER;
}

/* A hex digit's value plus one; 0 for any other byte. */
static const unsigned char hex1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/*
 * Decodes s[0..len) ('+' is a space, %XX a byte) into a new string in the
 * arena, and checks the result is UTF-8 without NUL.
 */
static enum reqerr
decode(struct arena *a, const char *s, size_t len, const char **out,
    size_t *outlen)
{
	char		*d;
	size_t		 i, j;
	unsigned	 hi, lo;

	if ((d = arena_alloc(a, len + 1)) == NULL)
		return REQ_E_BODY_TOO_LARGE;
	/* Most of a Chinese text is %XX: a table, not three ranges a digit. */
	for (i = j = 0; i < len; ) {
		if (s[i] == '%') {
			if (len - i < 3 ||
			    (hi = hex1[(unsigned char)s[i + 1]]) == 0 ||
			    (lo = hex1[(unsigned char)s[i + 2]]) == 0)
				return REQ_E_PERCENT;
			d[j++] = (char)((hi - 1) << 4 | (lo - 1));
			i += 3;
		} else {
			d[j++] = s[i] == '+' ? ' ' : s[i];
			i++;
		}
	}
	d[j] = '\0';
	if (memchr(d, '\0', j) != NULL)
		return REQ_E_NUL;
	if (!valid_utf8(d, j))
		return REQ_E_UTF8;
	*out = d;
	*outlen = j;
	return REQ_OK;
}

/*
 * Parses an application/x-www-form-urlencoded string (a body or a query
 * string) of len bytes into *out, an arena array of *n pairs.  Empty pairs
 * ("a=1&&b=2") are skipped; a key without '=' has the empty value.
 * Returns REQ_OK or the reason the whole input is refused.
 */
enum reqerr
req_urlencoded(struct arena *a, const char *s, size_t len, struct kv **out,
    size_t *n, size_t maxfields)
{
	struct kv	*kv;
	const char	*p, *end, *amp, *eq;
	size_t		 count, klen;
	enum reqerr	 e;

	*out = NULL;
	*n = 0;
	if (s == NULL || len == 0)
		return REQ_OK;
	if (memchr(s, '\0', len) != NULL)
		return REQ_E_NUL;

	/* Count the pairs first so the array is allocated once. */
	count = 1;
	for (p = s, end = s + len; (p = memchr(p, '&', (size_t)(end - p))) !=
	    NULL; p++)
		count++;
	if (count > maxfields * 2 + 16)
		return REQ_E_TOO_MANY_FIELDS;
	if ((kv = arena_calloc(a, count, sizeof(*kv))) == NULL)
		return REQ_E_BODY_TOO_LARGE;

	end = s + len;
	for (p = s; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if (*n >= maxfields)
			return REQ_E_TOO_MANY_FIELDS;
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq ? eq : amp) - p);
		if ((e = decode(a, p, klen, &kv[*n].key, &(size_t){0})) != REQ_OK)
			return e;
		if (eq != NULL)
			e = decode(a, eq + 1, (size_t)(amp - eq - 1),
			    &kv[*n].val, &kv[*n].vlen);
		else
			e = decode(a, "", 0, &kv[*n].val, &kv[*n].vlen);
		if (e != REQ_OK)
			return e;
		(*n)++;
	}
	*out = kv;
	return REQ_OK;
}

/*
 * Parses a Cookie header ("a=1; b=2") into *out.  Values are taken as they
 * are: the application only reads its own base64url cookies.
 */
enum reqerr
req_cookies(struct arena *a, const char *s, struct kv **out, size_t *n)
{
	struct kv	*kv;
	const char	*p, *semi, *eq, *ks, *ke, *vs, *ve;
	size_t		 count, len;

	*out = NULL;
	*n = 0;
	if (s == NULL || *s == '\0')
		return REQ_OK;
	if ((len = strlen(s)) > REQ_MAX_COOKIE)
		return REQ_E_HEADER;
	count = 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ';')
			count++;
	if (count > 64)
		return REQ_E_HEADER;
	if ((kv = arena_calloc(a, count, sizeof(*kv))) == NULL)
		return REQ_E_HEADER;
	for (p = s; *p != '\0'; p = *semi ? semi + 1 : semi) {
		if ((semi = strchr(p, ';')) == NULL)
			semi = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(semi - p))) == NULL)
			continue;
		for (ks = p; ks < eq && *ks == ' '; ks++)
			;
		for (ke = eq; ke > ks && ke[-1] == ' '; ke--)
			;
		for (vs = eq + 1; vs < semi && *vs == ' '; vs++)
			;
		for (ve = semi; ve > vs && ve[-1] == ' '; ve--)
			;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		if (ke == ks)
			continue;
		kv[*n].key = arena_strndup(a, ks, (size_t)(ke - ks));
		kv[*n].val = arena_strndup(a, vs, (size_t)(ve - vs));
		kv[*n].vlen = (size_t)(ve - vs);
		if (kv[*n].key == NULL || kv[*n].val == NULL)
			return REQ_E_HEADER;
		(*n)++;
	}
	*out = kv;
	return REQ_OK;
}

/* An ASCII token as enum values, ids, slugs and tokens are written. */
static int
is_word(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.' || c == ':' || c == '~'))
			return 0;
	}
	return 1;
}

/*
 * Normalises and checks one value of field k (decoded, in the arena, so it
 * may be changed in place) into f.
 */
static void
check_value(int k, struct field *f, char *v, size_t len)
{
	f->len = len;
	if (valid_keys[k].type == FT_TEXT || valid_keys[k].type == FT_LINE)
		f->len = valid_normalise(v, f->len,
		    valid_keys[k].type == FT_TEXT);
	f->val = v;
	f->nchars = valid_utf8_count(v, f->len);
	if (f->nchars > valid_keys[k].maxchars) {
		f->err = FERR_TOO_LONG;
		return;
	}
	switch (valid_keys[k].type) {
	case FT_WORD:
		if (!is_word(v, f->len))
			f->err = FERR_INVALID;
		break;
	case FT_EMAIL:
		if (f->len > 0 && !valid_email(v, f->len))
			f->err = FERR_EMAIL;
		break;
	case FT_PHONE:
		if (f->len > 0 && !valid_phone(v, f->len))
			f->err = FERR_PHONE;
		break;
	case FT_URL:
		if (f->len > 0 && !valid_url(v, f->len))
			f->err = FERR_URL;
		break;
	case FT_TIME:
		if (f->len > 0 && when_parse(v, 1, &(time_t){0}) == -1)
			f->err = FERR_TIME;
		break;
	case FT_DATE:
		if (f->len > 0 && !valid_date(v))
			f->err = FERR_DATE;
		break;
	default:
		break;
	}
}

/*
 * Checks the body's pairs against the field table and fills r->field[].
 * An unknown or repeated single field refuses the whole request; a field
 * that is too long or malformed keeps its text (so the form can show it
 * back) and gets an error code beside it.
 */
enum reqerr
req_fields(struct req *r)
{
	struct field	*f;
	int		 k;
	unsigned	 bit;

	memset(r->field, 0, sizeof(r->field));
	r->values = 0;
	r->bad_value = 0;
	for (size_t i = 0; i < r->nform; i++) {
		const struct kv *kv = &r->form[i];

		if ((k = valid_key(kv->key, strlen(kv->key))) < 0)
			return REQ_E_UNKNOWN_FIELD;
		f = &r->field[k];
		if (valid_keys[k].multi) {
			if (k == KEY_VALUE) {
				if ((bit = valid_value_bit(kv->val)) == 0)
					r->bad_value = 1;
				r->values |= bit;
			}
			if (f->all == NULL && (f->all = arena_calloc(r->arena,
			    REQ_MAX_FIELDS, sizeof(*f->all))) == NULL)
				return REQ_E_TOO_MANY_FIELDS;
			if (f->nall < REQ_MAX_FIELDS)
				f->all[f->nall++] = kv->val;
			if (f->val != NULL) {
				/* Every value is checked; the first error stays. */
				struct field extra = { 0 };
				check_value(k, &extra, (char *)kv->val, kv->vlen);
				if (f->err == FERR_NONE)
					f->err = extra.err;
				continue;
			}
		} else if (f->val != NULL)
			return REQ_E_REPEATED_FIELD;
		check_value(k, f, (char *)kv->val, kv->vlen);
	}
	return REQ_OK;
}

/* Returns the first value of a query parameter, or NULL. */
const char *
req_query(const struct req *r, const char *key)
{
	for (size_t i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].key, key) == 0)
			return r->query[i].val;
	return NULL;
}

/* Returns the value of a cookie, or NULL. */
const char *
req_cookie(const struct req *r, const char *key)
{
	for (size_t i = 0; i < r->ncookie; i++)
		if (strcmp(r->cookie[i].key, key) == 0)
			return r->cookie[i].val;
	return NULL;
}
