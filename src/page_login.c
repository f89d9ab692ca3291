/*
 * Staff sign-in: /login, POST /logout, the session of a request, and the
 * checks every staff route makes (signed in, organizer, or the agency's
 * own user).
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define SESSION_SECONDS	(12 * 3600)
#define FAIL_WINDOW	(15 * 60)	/* failures counted over 15 minutes */
#define FAIL_MAX_LOGIN	5		/* per login name */
#define FAIL_MAX_ADDR	20		/* per address, across names */

/*
 * Loads the signed-in user from the cc_session cookie into r->user.  An
 * unknown or expired session leaves r->user NULL.  Returns 0, or -1 on a
 * database error (the request then goes on as anonymous).
 */
int
page_session(struct req *r)
{
	const char	*cookie = req_cookie(r, "cc_session");
	unsigned char	 hash[AUTH_HASH_LEN];
	sqlite3_stmt	*st;
	struct user	*u;
	char		 now[32];
	int		 rc;

	r->user = NULL;
	if (cookie == NULL || strlen(cookie) != AUTH_TOKEN_LEN)
		return 0;
	auth_hash(cookie, AUTH_TOKEN_LEN, hash);
	when_utc(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_SESSION_GET);
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (u = arena_calloc(r->arena, 1, sizeof(*u))) != NULL) {
		u->id = sqlite3_column_int64(st, 0);
		u->login = arena_strdup(r->arena, page_col(st, 1));
		u->organizer = strcmp(page_col(st, 2), "organizer") == 0;
		u->agency_id = sqlite3_column_int64(st, 3);
		u->agency_slug = arena_strdup(r->arena, page_col(st, 4));
		u->agency_name = arena_strdup(r->arena, page_col(st, 5));
		if (u->login && u->agency_slug && u->agency_name)
			r->user = u;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Returns 1 when the form's CSRF token belongs to the browser's cookie. */
int
page_csrf_ok(struct req *r)
{
	return auth_csrf_check(req_cookie(r, "cc_csrf"),
	    r->field[KEY_CSRF].val);
}

/*
 * A safe place to go after login: a local path, not "//host".  No
 * control character, space or backslash anywhere: browsers delete tabs
 * and line breaks from a URL before reading it, so "/<TAB>/evil.example"
 * was "//evil.example", another site.
 */
static const char *
safe_next(const char *next)
{
	size_t	 i;

	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) > 200)
		return "/admin";
	for (i = 0; next[i] != '\0'; i++)
		if ((unsigned char)next[i] <= 0x20 ||
		    (unsigned char)next[i] == 0x7F || next[i] == '\\')
			return "/admin";
	return next;
}

/*
 * Requires a signed-in staff member.  Returns 0 when there is one;
 * otherwise answers 303 to the login page (coming back here afterwards)
 * and returns 1.
 */
int
page_staff(struct req *r)
{
	char	*loc;

	if (r->user != NULL)
		return 0;
	loc = arena_printf(r->arena, "/login?next=%s",
	    r->method == METHOD_GET ? r->path : "/admin");
	resp_redirect(r, 303, loc ? loc : "/login");
	return 1;
}

static int
deny(struct req *r)
{
	log_line(r, "denied login=%s", r->user->login);
	resp_error(r, 403, "您的帳號沒有權限做這件事。",
	    "Your account may not do this.");
	return 1;
}

/* Requires an organizer: 303 to log in, 403 for an agency user. */
int
page_organizer(struct req *r)
{
	if (page_staff(r))
		return 1;
	return r->user->organizer ? 0 : deny(r);
}

/*
 * Requires an organizer or a user of agency agency_id: 303 to log in, 403
 * for another agency's user.
 */
int
page_agency_ok(struct req *r, long long agency_id)
{
	if (page_staff(r))
		return 1;
	if (r->user->organizer || r->user->agency_id == agency_id)
		return 0;
	return deny(r);
}

static int
login_form(struct req *r, int status, const char *login, const char *next,
    const char *error)
{
	struct tmpl_dict *d;

	resp_csrf(r);
	if ((d = resp_page_begin(r, "login.tpl", "工作人員登入",
	    "Staff login")) == NULL)
		return resp_page_end(r, 500);
	resp_header(r, "Cache-Control", "no-store");
	tmpl_set(d, "LOGIN", login ? login : "");
	tmpl_set(d, "NEXT", safe_next(next));
	if (error != NULL)
		tmpl_show(d, error);
	return resp_page_end(r, status);
}

/* `/login`: the form; a signed-in user goes straight on. */
int
page_login(struct req *r)
{
	const char	*next = req_query(r, "next");

	if (r->user != NULL)
		return resp_redirect(r, 303, safe_next(next));
	return login_form(r, 200, NULL, next, NULL);
}

static int
failures(struct req *r, const char *key, const char *since)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_LOGIN_FAIL_COUNT);
	int		 n = -1;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static int
step_done(struct req *r, enum stmt which, const char *a, const char *b)
{
	sqlite3_stmt	*st = db_stmt(r->db, which);
	int		 rc;

	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * `POST /login`: checks the password (argon2id), refuses after repeated
 * failures for the login or the address, and on success starts a new
 * session (a new id and a new CSRF cookie: nothing from before the login
 * carries over) and goes to `next`.
 */
int
page_login_post(struct req *r)
{
	const char	*login = r->field[KEY_LOGIN].val;
	const char	*pw = r->field[KEY_PASSWORD].val;
	const char	*next = r->field[KEY_NEXT].val;
	const char	*old = req_cookie(r, "cc_session");
	char		 now[32], since[32], expires[32], token[AUTH_TOKEN_LEN + 1];
	char		 hash_pw[AUTH_PWHASH_LEN + 1], *klogin, *kaddr, *cookie;
	unsigned char	 hash[AUTH_HASH_LEN];
	sqlite3_stmt	*st;
	long long	 uid = 0;
	int		 rc, disabled = 0, have = 0, ok;

	if (login == NULL || r->field[KEY_LOGIN].err != FERR_NONE)
		login = "";
	if (pw == NULL)
		pw = "";
	if (!page_csrf_ok(r))
		return login_form(r, 403, login, next, "CSRF_FAILED");

	when_utc(r->now, now, sizeof(now));
	when_utc(r->now - FAIL_WINDOW, since, sizeof(since));
	klogin = arena_printf(r->arena, "login:%s", login);
	kaddr = arena_printf(r->arena, "addr:%s", r->remote_addr);
	if (klogin == NULL || kaddr == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	if ((rc = failures(r, klogin, since)) >= FAIL_MAX_LOGIN ||
	    (rc >= 0 && failures(r, kaddr, since) >= FAIL_MAX_ADDR)) {
		log_line(r, "login throttled login=%s addr=%s", login,
		    r->remote_addr);
		resp_header(r, "Retry-After", "900");
		return login_form(r, 429, login, next, "THROTTLED");
	}
	if (rc < 0)
		return page_db_fail(r);

	st = db_stmt(r->db, STMT_USER_BY_LOGIN);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uid = sqlite3_column_int64(st, 0);
		snprintf(hash_pw, sizeof(hash_pw), "%s", page_col(st, 1));
		disabled = sqlite3_column_int(st, 2);
		have = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return page_db_fail(r);
	ok = auth_password_check(have ? hash_pw : NULL, pw) && !disabled;
	explicit_bzero(hash_pw, sizeof(hash_pw));

	if (db_begin(r->db) == -1)
		return page_db_fail(r);
	if (!ok) {
		if (step_done(r, STMT_LOGIN_FAIL_INSERT, klogin, now) == -1 ||
		    step_done(r, STMT_LOGIN_FAIL_INSERT, kaddr, now) == -1 ||
		    db_commit(r->db) == -1)
			return page_db_fail(r);
		log_line(r, "login failed login=%s addr=%s%s", login,
		    r->remote_addr, disabled ? " (disabled)" : "");
		return login_form(r, 403, login, next, "FAILED");
	}

	auth_token_new(token, hash);
	when_utc(r->now + SESSION_SECONDS, expires, sizeof(expires));
	st = db_stmt(r->db, STMT_SESSION_INSERT);
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, uid);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, expires, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE ||
	    step_done(r, STMT_LOGIN_FAIL_CLEAR, klogin, NULL) == -1 ||
	    step_done(r, STMT_SESSION_PURGE, now, NULL) == -1 ||
	    step_done(r, STMT_LOGIN_FAIL_PURGE, since, NULL) == -1)
		return page_db_fail(r);
	if (old != NULL && strlen(old) == AUTH_TOKEN_LEN) {
		/* The session the browser had before is over. */
		auth_hash(old, AUTH_TOKEN_LEN, hash);
		st = db_stmt(r->db, STMT_SESSION_DELETE);
		sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return page_db_fail(r);
	}
	if (db_commit(r->db) == -1)
		return page_db_fail(r);
	log_line(r, "login ok login=%s addr=%s", login, r->remote_addr);
	cookie = arena_printf(r->arena, "cc_session=%s; Path=/; Max-Age=%d; "
	    "HttpOnly; SameSite=Lax%s", token, SESSION_SECONDS,
	    r->https ? "; Secure" : "");
	if (cookie != NULL)
		resp_header(r, "Set-Cookie", cookie);
	resp_csrf_rotate(r);
	return resp_redirect(r, 303, safe_next(next));
}

/* `POST /logout`: ends the session on the server and forgets the cookie. */
int
page_logout(struct req *r)
{
	const char	*cookie = req_cookie(r, "cc_session");
	unsigned char	 hash[AUTH_HASH_LEN];
	sqlite3_stmt	*st;
	int		 rc;

	if (!page_csrf_ok(r))
		return resp_error(r, 403, "安全驗證已過期，請回上一頁重新整理後再登出。",
		    "The security check expired; reload the page and log out "
		    "again.");
	if (cookie != NULL && strlen(cookie) == AUTH_TOKEN_LEN) {
		auth_hash(cookie, AUTH_TOKEN_LEN, hash);
		st = db_stmt(r->db, STMT_SESSION_DELETE);
		sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return page_db_fail(r);
	}
	if (r->user != NULL)
		log_line(r, "logout login=%s", r->user->login);
	resp_header(r, "Set-Cookie", r->https ?
	    "cc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure" :
	    "cc_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	return resp_redirect(r, 303, "/");
}
