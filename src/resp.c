/*
 * The only writer to the FastCGI stream.  A response is built whole in
 * r->hdr and r->body (a page is rendered into a buffer before a byte is
 * sent, so an error half-way never leaves half a page), then resp_send()
 * writes it with the security headers every response carries.
 */
#include <sys/uio.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <fcgiapp.h>

#include "extern.h"

static const struct {
	int		 code;
	const char	*text;
} statuses[] = {
	{ 200, "OK" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 410, "Gone" },
	{ 413, "Content Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

static const char *
status_text(int code)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == code)
			return statuses[i].text;
	return "Unknown";
}

/* Adds a response header; name and value must not contain CR or LF. */
void
resp_header(struct req *r, const char *name, const char *value)
{
	if (strpbrk(value, "\r\n") != NULL)
		return;
	buf_printf(&r->hdr, "%s: %s\r\n", name, value);
}

/*
 * Starts a page: the layout's dictionary (r->layout) and the dictionary of
 * the page's own template included in it (r->page, returned).  The title is
 * shown as "zh · en".  Returns NULL when memory runs out.
 */
struct tmpl_dict *
resp_page_begin(struct req *r, const char *tpl, const char *title_zh,
    const char *title_en)
{
	if (r->layout != NULL)
		tmpl_dict_free(r->layout);
	r->page = NULL;
	if ((r->layout = tmpl_dict_new()) == NULL)
		return NULL;
	tmpl_set(r->layout, "TITLE_ZH", title_zh);
	tmpl_set(r->layout, "TITLE_EN", title_en);
	if (r->user != NULL) {
		struct tmpl_dict *st = tmpl_section(r->layout, "STAFF");
		resp_csrf(r);
		tmpl_set(st, "LOGIN", r->user->login);
		if (r->user->organizer)
			tmpl_show(st, "ORGANIZER");
		else
			tmpl_set(tmpl_section(st, "AGENCY"), "NAME",
			    r->user->agency_name);
	}
	if (r->csrf != NULL)
		tmpl_set_global(r->layout, "CSRF", r->csrf);
	r->page = tmpl_include(r->layout, "BODY", tpl);
	return r->page;
}

/*
 * Renders the page begun with resp_page_begin() as the response, with the
 * given status.  Returns 0, or -1 after answering 500 when the template
 * cannot be expanded.
 */
int
resp_page_end(struct req *r, int status)
{
	buf_reset(&r->body);
	if (r->layout == NULL || r->page == NULL ||
	    tmpl_render("layout.tpl", r->layout, &r->body) == -1) {
		log_line(r, "render failed");
		buf_reset(&r->body);
		buf_puts(&r->body, "500 內部錯誤 Internal error\n");
		r->status = 500;
		resp_header(r, "Content-Type", "text/plain; charset=utf-8");
		return -1;
	}
	r->status = r->status_override ? r->status_override : status;
	resp_header(r, "Content-Type", "text/html; charset=utf-8");
	return 0;
}

/*
 * Renders a template that is a whole document of its own (the print
 * layout, the Atom feed) as the response, of content type ctype.  The
 * caller still owns d.  Returns 0 or -1.
 */
int
resp_standalone(struct req *r, int status, const char *tpl,
    struct tmpl_dict *d, const char *ctype)
{
	buf_reset(&r->body);
	if (tmpl_render(tpl, d, &r->body) == -1) {
		log_line(r, "render of %s failed", tpl);
		buf_reset(&r->body);
		buf_puts(&r->body, "500 內部錯誤 Internal error\n");
		r->status = 500;
		resp_header(r, "Content-Type", "text/plain; charset=utf-8");
		return -1;
	}
	r->status = status;
	resp_header(r, "Content-Type", ctype);
	return 0;
}

/*
 * Answers with an error page: status, a message in zh-TW and English, and
 * a link back home.  Returns 0.
 */
int
resp_error(struct req *r, int status, const char *zh, const char *en)
{
	struct tmpl_dict *d;
	char		  code[8];

	buf_reset(&r->hdr);
	r->status_override = 0;
	snprintf(code, sizeof(code), "%d", status);
	if ((d = resp_page_begin(r, "error.tpl", "錯誤", status_text(status)))
	    != NULL) {
		tmpl_set(d, "CODE", code);
		tmpl_set(d, "STATUS_TEXT", status_text(status));
		tmpl_set(d, "MESSAGE_ZH", zh);
		tmpl_set(d, "MESSAGE_EN", en);
		if (status == 404)
			tmpl_show(d, "NOT_FOUND");
	}
	resp_page_end(r, status);
	return 0;
}

/* Answers 303 (or another 3xx) to location, a path on this site. */
int
resp_redirect(struct req *r, int status, const char *location)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char		*enc, *q;

	/*
	 * A header is ASCII: bytes of UTF-8 (a search's words carried on
	 * after login) go percent-encoded, as a browser would send them.
	 */
	for (p = (const unsigned char *)location; *p != '\0' && *p < 0x80; p++)
		continue;
	if (*p != '\0' && (enc = arena_alloc(r->arena,
	    strlen(location) * 3 + 1)) != NULL) {
		for (p = (const unsigned char *)location, q = enc; *p; p++)
			if (*p < 0x80)
				*q++ = (char)*p;
			else {
				*q++ = '%';
				*q++ = hex[*p >> 4];
				*q++ = hex[*p & 15];
			}
		*q = '\0';
		location = enc;
	}
	resp_header(r, "Location", location);
	resp_header(r, "Content-Type", "text/plain; charset=utf-8");
	buf_reset(&r->body);
	buf_printf(&r->body, "%s\n", location);
	r->status = status;
	return 0;
}

/* Answers with a body of the given type.  Returns 0. */
int
resp_text(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	resp_header(r, "Content-Type", ctype);
	buf_reset(&r->body);
	buf_append(&r->body, body, len);
	r->status = status;
	return 0;
}

/* Sets a new cc_csrf cookie and the token that goes with it. */
static void
csrf_new(struct req *r)
{
	char	 fresh[AUTH_TOKEN_LEN + 1];
	char	*hdr;

	auth_random_token(fresh);
	/*
	 * Long-lived, so that a form left open for a day still saves;
	 * SameSite=Lax keeps it off cross-site POSTs, HttpOnly off scripts.
	 */
	hdr = arena_printf(r->arena, "cc_csrf=%s; Path=/; Max-Age=31536000; "
	    "HttpOnly; SameSite=Lax%s", fresh, r->https ? "; Secure" : "");
	if (hdr != NULL)
		resp_header(r, "Set-Cookie", hdr);
	r->csrf = auth_csrf_for(r->arena, fresh);
}

/*
 * Makes sure the browser has a cc_csrf cookie (setting a new one when it
 * sent none or a malformed one) and returns the token that forms on this
 * page carry.  Call before resp_page_begin().
 */
const char *
resp_csrf(struct req *r)
{
	const char	*c = req_cookie(r, "cc_csrf");

	if (r->csrf != NULL)
		return r->csrf;
	if (c == NULL || strlen(c) != AUTH_TOKEN_LEN)
		csrf_new(r);
	else
		r->csrf = auth_csrf_for(r->arena, c);
	return r->csrf != NULL ? r->csrf : "";
}

/* Gives the browser a new cc_csrf cookie, as at login: old tokens die. */
void
resp_csrf_rotate(struct req *r)
{
	csrf_new(r);
}

/* The security headers every response carries (DESIGN.md). */
static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Frame-Options: DENY\r\n";

/*
 * Starts a response that is written as it is made (the exports): 200, the
 * headers so far, the type, and a download file name when given.  Then
 * resp_stream_write() (a sink writer, arg r) sends the body.  Returns 0 or
 * -1 when the client has gone.
 */
int
resp_stream_begin(struct req *r, const char *ctype, const char *filename)
{
	struct buf	 h = { 0 };
	int		 rc = 0;

	r->sent = 1;
	r->status = 200;
	buf_puts(&h, "Status: 200 OK\r\n");
	buf_puts(&h, security_headers);
	buf_append(&h, r->hdr.data, r->hdr.len);
	buf_printf(&h, "Content-Type: %s\r\nCache-Control: no-store\r\n", ctype);
	if (filename != NULL)
		buf_printf(&h, "Content-Disposition: attachment; "
		    "filename=\"%s\"\r\n", filename);
	buf_puts(&h, "\r\n");
	if (FCGX_PutStr(h.data, (int)h.len, r->out) < 0)
		rc = -1;
	buf_free(&h);
	return rc;
}

/* A sink writer to the FastCGI stream of the request arg. */
int
resp_stream_write(void *arg, const char *p, size_t n)
{
	struct req	*r = arg;

	if (r->method == METHOD_HEAD)
		return 0;
	return FCGX_PutStr(p, (int)n, r->out) < 0 ? -1 : 0;
}

/*
 * Writes all of the iov (at most 96) to fd, going on after a short write;
 * 0 or -1.
 */
static int
write_all(int fd, struct iovec *iov, int n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = writev(fd, iov, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/*
 * Writes head and body as FCGI_STDOUT records of the request, straight to
 * its connection in one writev(): libfcgi's stream would copy them into
 * 8 KiB records, one write() each (seven for a 53 KB page, and as many
 * wake-ups of nginx).  libfcgi then ends the stream and the request as
 * ever (FCGX_Finish_r), its own stream having had nothing written.  The
 * records carry no padding, which the protocol allows.  0, -1, or 1 for
 * a response of more than 2 MiB (32 records), left to the caller.
 */
static int
send_records(FCGX_Request *fr, const char *head, size_t hlen,
    const char *body, size_t blen)
{
	enum { MAXREC = 65535, NREC = 32 };
	unsigned char	 hdr[NREC][8];
	struct iovec	 iov[NREC * 3];
	const char	*part[2] = { head, body };
	size_t		 plen[2] = { hlen, blen }, left = hlen + blen, take, n;
	int		 rec = 0, v = 0, i = 0;
	size_t		 off = 0;

	if (left > (size_t)MAXREC * NREC)
		return 1;	/* too big for one go: the stream will do */
	while (left > 0) {
		take = left > MAXREC ? MAXREC : left;
		hdr[rec][0] = 1;		/* FCGI_VERSION_1 */
		hdr[rec][1] = 6;		/* FCGI_STDOUT */
		hdr[rec][2] = (unsigned char)(fr->requestId >> 8);
		hdr[rec][3] = (unsigned char)fr->requestId;
		hdr[rec][4] = (unsigned char)(take >> 8);
		hdr[rec][5] = (unsigned char)take;
		hdr[rec][6] = 0;		/* no padding */
		hdr[rec][7] = 0;
		iov[v].iov_base = hdr[rec];
		iov[v++].iov_len = 8;
		rec++;
		left -= take;
		/* The record's content: the rest of one part, then the next. */
		while (take > 0) {
			n = plen[i] - off;
			if (n > take)
				n = take;
			if (n > 0) {
				iov[v].iov_base = (char *)part[i] + off;
				iov[v++].iov_len = n;
			}
			off += n;
			take -= n;
			if (off == plen[i]) {
				i++;
				off = 0;
			}
		}
	}
	return write_all(fr->ipcFd, iov, v);
}

/*
 * Writes the response to the request's connection: status, the security
 * headers of DESIGN.md, the headers set so far, Content-Length and (but for
 * HEAD) the body.  Returns 0 or -1 when the client has gone.
 */
int
resp_send(struct req *r, FCGX_Request *fr)
{
	struct buf	 h = { 0 };
	size_t		 blen;
	int		 rc = 0;

	if (r->sent)
		return 0;
	r->sent = 1;
	if (r->status == 0)
		r->status = 200;
	buf_printf(&h, "Status: %d %s\r\n", r->status, status_text(r->status));
	buf_puts(&h, security_headers);
	buf_append(&h, r->hdr.data, r->hdr.len);
	buf_printf(&h, "Content-Length: %zu\r\n\r\n", r->body.len);
	blen = r->method != METHOD_HEAD ? r->body.len : 0;
	if (h.data == NULL)
		rc = -1;
	else if (fr->ipcFd < 0 || (rc = send_records(fr, h.data, h.len,
	    r->body.data, blen)) == 1) {
		/* Larger than send_records() takes: libfcgi's stream. */
		rc = FCGX_PutStr(h.data, (int)h.len, fr->out) < 0 ||
		    (blen > 0 && FCGX_PutStr(r->body.data, (int)blen,
		    fr->out) < 0) ? -1 : 0;
	}
	buf_free(&h);
	return rc;
}
