/*
 * The FastCGI server: the listening socket, prefork workers, signals and a
 * graceful stop.
 *
 * The parent opens the socket and loads the templates, then forks N
 * workers that each open their own SQLite connection and prepare their
 * statements.  A worker that dies is replaced.  On SIGTERM or SIGINT the
 * parent shuts the listening socket down (which wakes every worker blocked
 * in accept() with an error), lets the requests in flight finish, and
 * exits when the workers have.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

/*
 * Workers leave with _exit(), which skips the sanitizers' exit handlers:
 * under AddressSanitizer they ask LeakSanitizer for its check first, so a
 * leak in a worker is reported (in the app's log) like one in the master.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CC_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(CC_ASAN)
#define CC_ASAN 1
#endif
#ifdef CC_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include "extern.h"
#include "page.h"

#define MAX_WORKERS 64

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/*
 * Writes one log line to stderr: time, request id, route, message.
 */
void
log_line(const struct req *r, const char *fmt, ...)
{
	char	 when[32], msg[512];
	va_list	 ap;

	when_utc(time(NULL), when, sizeof(when));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s pid=%d req=%s route=%s %s\n", when, (int)getpid(),
	    r && r->request_id ? r->request_id : "-",
	    r && r->route ? r->route : (r && r->path ? r->path : "-"), msg);
}

/*
 * The FastCGI parameters a request reads, found in one pass over those
 * nginx sends (FCGX_GetParam() scans them all for each name: twelve scans
 * a request, 6,000 instructions).  The first of a name counts, as with
 * FCGX_GetParam(); one not sent is "".
 */
enum param {
	P_METHOD, P_URI, P_SCRIPT, P_QUERY, P_CTYPE, P_ADDR, P_ID, P_HTTPS,
	P_ORIGIN, P_HOST, P_COOKIE, P_CLEN, P__MAX
};
#define PNAME(s)	{ s, sizeof(s) - 1 }
static const struct {
	const char	*name;
	size_t		 len;
} pnames[P__MAX] = {
	PNAME("REQUEST_METHOD"), PNAME("DOCUMENT_URI"), PNAME("SCRIPT_NAME"),
	PNAME("QUERY_STRING"), PNAME("CONTENT_TYPE"), PNAME("REMOTE_ADDR"),
	PNAME("REQUEST_ID"), PNAME("HTTPS"), PNAME("CC_ORIGIN"),
	PNAME("HTTP_HOST"), PNAME("HTTP_COOKIE"), PNAME("CONTENT_LENGTH"),
};

static void
read_params(char **envp, const char *v[P__MAX])
{
	const char	*e;
	int		 i, left = P__MAX;

	for (i = 0; i < P__MAX; i++)
		v[i] = NULL;
	for (; envp != NULL && (e = *envp) != NULL && left > 0; envp++)
		for (i = 0; i < P__MAX; i++)
			if (v[i] == NULL && e[0] == pnames[i].name[0] &&
			    strncmp(e, pnames[i].name, pnames[i].len) == 0 &&
			    e[pnames[i].len] == '=') {
				v[i] = e + pnames[i].len + 1;
				left--;
				break;
			}
	for (i = 0; i < P__MAX; i++)
		if (v[i] == NULL)
			v[i] = "";
}

/*
 * Reads the request body (CONTENT_LENGTH bytes) into the arena.  Returns
 * REQ_OK or why the body is refused.
 */
static enum reqerr
read_body(struct req *r, FCGX_Stream *in, const char *clen, char **body,
    size_t *len)
{
	char		*end, *p;
	unsigned long long n;
	int		 got;
	size_t		 have = 0;

	*body = NULL;
	*len = 0;
	if (*clen == '\0')
		return REQ_OK;
	errno = 0;
	n = strtoull(clen, &end, 10);
	if (errno != 0 || *end != '\0' || clen[0] == '-')
		return REQ_E_BODY_SHORT;
	if (n > REQ_MAX_BODY)
		return REQ_E_BODY_TOO_LARGE;
	if ((p = arena_alloc(r->arena, (size_t)n + 1)) == NULL)
		return REQ_E_BODY_TOO_LARGE;
	while (have < n) {
		got = FCGX_GetStr(p + have, (int)(n - have), in);
		if (got <= 0)
			return REQ_E_BODY_SHORT;
		have += (size_t)got;
	}
	p[n] = '\0';
	*body = p;
	*len = (size_t)n;
	return REQ_OK;
}

/* Returns 1 when the path is one an application URL could be. */
static int
path_ok(const char *p)
{
	size_t	 len = strlen(p);

	if (len == 0 || len > REQ_MAX_PATH || p[0] != '/')
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F)
			return 0;
	return valid_utf8(p, len);
}

/* The origin stored by `cocreate init --origin`, read by each worker. */
static char	 site_origin[300];

/*
 * The site's origin for absolute links (the private edit link a person
 * copies, feed links and ids): nginx's CC_ORIGIN (the configured
 * https://$server_name in production), else the origin stored by
 * `cocreate init --origin` (make run stores http://127.0.0.1:PORT), else
 * the Host nginx passes.  Anything odd falls back to the loopback address.
 */
static const char *
origin(struct req *r, const char *const *pv)
{
	const char	*o = pv[P_ORIGIN];
	const char	*h;

	if (strncmp(o, "http://", 7) == 0 && valid_host(o + 7))
		return o;
	if (strncmp(o, "https://", 8) == 0 && valid_host(o + 8))
		return o;
	/* The site's own address, once known: links and feed ids stay the
	 * same however the site was reached. */
	if (site_origin[0] != '\0')
		return site_origin;
	h = pv[P_HOST];
	return arena_printf(r->arena, "%s://%s", r->https ? "https" : "http",
	    valid_host(h) ? h : "127.0.0.1");
}

/*
 * Ends a worker with status, after LeakSanitizer's check under ASan (a
 * leak found there ends it with the sanitizer's status instead).
 */
static void
worker_exit(int status)
{
#ifdef CC_ASAN
	__lsan_do_leak_check();
#endif
	_exit(status);
}

static int
refuse(struct req *r, enum reqerr e)
{
	return resp_error(r, req_errstatus(e), req_errstr_zh(e), req_errstr(e));
}

/*
 * Answers one request: checks the path, query and cookies, finds the
 * route, reads and validates a POST body, and calls the handler.  The
 * response is left in r for resp_send().
 */
static void
handle(struct req *r, FCGX_Request *fr, const char *const *pv)
{
	int		(*handler)(struct req *);
	const char	*allow, *ct;
	char		*body;
	size_t		 len;
	enum reqerr	 e;
	int		 status;

	/* An address too long is that (414), not a header (431). */
	if (strlen(r->path) > REQ_MAX_PATH ||
	    strlen(r->query_string) > REQ_MAX_QUERY) {
		resp_error(r, 414, "網址太長。", "The address is too long.");
		return;
	}
	if (!path_ok(r->path)) {
		resp_error(r, 400, "網址不正確。", "Malformed address.");
		return;
	}
	if ((e = req_urlencoded(r->arena, r->query_string,
	    strlen(r->query_string), &r->query, &r->nquery,
	    REQ_MAX_FIELDS)) != REQ_OK ||
	    (e = req_cookies(r->arena, pv[P_COOKIE], &r->cookie,
	    &r->ncookie)) != REQ_OK) {
		refuse(r, e);
		return;
	}
	/* GET and HEAD read in one transaction (db_read_begin). */
	if (r->method == METHOD_GET || r->method == METHOD_HEAD)
		db_read_begin(r->db);
	if (req_cookie(r, "cc_session") != NULL && page_session(r) == -1)
		log_line(r, "session lookup: %s", db_errmsg(r->db));
	if ((handler = route_find(r, &status, &allow)) == NULL) {
		if (status == 405) {
			resp_error(r, 405, "此網址不接受這種請求方法。",
			    "Method not allowed here.");
			resp_header(r, "Allow", allow);
		} else
			page_not_found(r);
		return;
	}
	if (r->method == METHOD_POST) {
		ct = r->content_type;
		if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
		    (ct[33] != '\0' && ct[33] != ';' && ct[33] != ' ')) {
			refuse(r, REQ_E_CONTENT_TYPE);
			return;
		}
		if ((e = read_body(r, fr->in, pv[P_CLEN], &body,
		    &len)) != REQ_OK ||
		    (e = req_urlencoded(r->arena, body, len, &r->form, &r->nform,
		    REQ_MAX_FIELDS)) != REQ_OK ||
		    (e = req_fields(r)) != REQ_OK) {
			refuse(r, e);
			return;
		}
	}
	handler(r);
	db_read_end(r->db);
}

/*
 * Opens the worker's connection, prepares its statements and loads the
 * secret.  Returns 0, or -1 with the connection closed.
 */
static int
worker_db(struct db *db, const char *db_path, char *why, size_t n)
{
	char	 secret[80];

	if (db_open(db, db_path, 0) == -1 || db_prepare(db) == -1 ||
	    db_setting(db, "secret", secret, sizeof(secret)) == -1 ||
	    auth_init(secret) == -1) {
		snprintf(why, n, "%s", db_errmsg(db));
		db_close(db);
		return -1;
	}
	if (db_setting(db, "origin", site_origin, sizeof(site_origin)) == -1 ||
	    !valid_origin(site_origin))
		site_origin[0] = '\0';
	return 0;
}

#define INDEX_EVERY_MS	100	/* a worker's turns at the search index */
#define INDEX_BATCH	1000	/* changes taken in at one turn, at most */

/*
 * After an answer has gone out: the search index takes in what waits for
 * it (db_index_pending), at most once per INDEX_EVERY_MS in each worker.
 * A quiet site indexes each submission as soon as it is answered; a busy
 * one, a batch of them in one transaction (submissions at 64 connections:
 * 704/s indexing each in its own transaction, 968/s so).  What waits is
 * found by search all the same (STMT_SEARCH_FTS).
 */
static void
index_pending(struct db *db, long long *at)
{
	long long	 now = when_mono_ms();
	char		 why[256];
	int		 rc;

	if (now < *at)
		return;
	*at = now + INDEX_EVERY_MS;
	/*
	 * No request waits on the index's file (a file of its own, db.c), so
	 * no request would tell of a fault in it: the first turn of any
	 * worker that fails says so, once (the fault recorded in the
	 * settings by the first to add it), and the first that works again.  Meanwhile search reads the docs marked since
	 * with a scan, and submissions go on.  A fault the database cannot
	 * record is the database's own (a full disk): the writes that fail
	 * tell of it.
	 */
	if ((rc = db_index_pending(db, INDEX_BATCH)) == -1) {
		snprintf(why, sizeof(why), "%s", db_errmsg(db));
		db_reset_all(db);
		if (db_setting_add(db, "search_fault", why) == 1)
			log_line(NULL, "search index: %s; search scans what "
			    "has changed since, until it works again", why);
		db_reset_all(db);
	} else if (rc == 1 && db_setting(db, "search_fault", why,
	    sizeof(why)) == 0 && db_setting_del(db, "search_fault") == 1)
		/* A read first: a turn that works takes no write lock here. */
		log_line(NULL, "search index: working again");
}

/*
 * The worker: accept, answer, repeat, until told to stop.  A database that
 * cannot be opened (missing, unreadable, on a full or read-only disk) does
 * not stop it: it answers 503 with a clear page, tries again at most once a
 * second, and carries on by itself once the fault is gone.
 */
static void
worker(int sock, const char *db_path)
{
	FCGX_Request	 fr;
	const char	*pv[P__MAX];
	struct db	 db;
	struct arena	 arena = { 0 };
	struct buf	 hdr = { 0 }, body = { 0 };
	struct req	 r;
	const char	*uri;
	struct sigaction sa;
	int		 db_ok;
	time_t		 retry = 0;
	long long	 index_at = 0;
	char		 why[256];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() fails */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	memset(&db, 0, sizeof(db));
	if (!(db_ok = worker_db(&db, db_path, why, sizeof(why)) == 0))
		log_line(NULL, "worker cannot open %s (%s); answering 503 until "
		    "it can", db_path, why);
	if (FCGX_InitRequest(&fr, sock, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		worker_exit(2);

	while (!stopping) {
		if (FCGX_Accept_r(&fr) < 0)
			break;
		memset(&r, 0, sizeof(r));
		r.arena = &arena;
		r.db = &db;
		r.now = time(NULL);
		r.hdr = hdr;
		r.body = body;
		buf_reset(&r.hdr);
		buf_reset(&r.body);
		read_params(fr.envp, pv);
		r.method_name = pv[P_METHOD];
		r.method = req_method(r.method_name);
		uri = pv[P_URI];
		r.path = *uri ? uri : pv[P_SCRIPT];
		r.query_string = pv[P_QUERY];
		r.content_type = pv[P_CTYPE];
		r.remote_addr = pv[P_ADDR];
		r.request_id = pv[P_ID];
		r.https = strcmp(pv[P_HTTPS], "on") == 0;
		r.origin = origin(&r, pv);
		r.out = fr.out;

		if (!db_ok && r.now >= retry) {
			retry = r.now + 1;
			if ((db_ok = worker_db(&db, db_path, why,
			    sizeof(why)) == 0))
				log_line(&r, "database open again");
		}
		/*
		 * A connection opened while the file could not be written is
		 * read-only for good: before a write, try a new one.
		 */
		if (db_ok && r.method == METHOD_POST && db_readonly(&db)) {
			db_close(&db);
			if (!(db_ok = worker_db(&db, db_path, why,
			    sizeof(why)) == 0))
				retry = r.now + 1;
			else if (!db_readonly(&db))
				log_line(&r, "database writable again");
		}
		if (db_ok)
			handle(&r, &fr, pv);
		else {
			log_line(&r, "database unavailable: %s: %s", db_path, why);
			resp_error(&r, 503, "系統暫時無法存取資料，請稍候再試；"
			    "如果您正在送出表單，請按「上一頁」，內容應該還在。",
			    "The database is unavailable for a moment; please try "
			    "again shortly. If you were sending a form, go back: "
			    "your text should still be there.");
			resp_header(&r, "Retry-After", "5");
		}
		resp_send(&r, &fr);
		/*
		 * When nginx has sent all it will (the request's stdin read to
		 * its end: one more read of the buffer libfcgi already holds
		 * for a GET), the connection is closed at once.  Else libfcgi
		 * shuts it down and sleeps until nginx has closed its end: a
		 * guard for data still unread (a body refused unread), which
		 * a close would turn into a reset before nginx had read the
		 * answer.  Skipping that wait where nothing is unread spares
		 * each request a sleep and a wake-up of its worker and three
		 * system calls.
		 */
		if (FCGX_HasSeenEOF(fr.in) == EOF || FCGX_GetChar(fr.in) == EOF)
			FCGX_Detach(&fr);
		FCGX_Finish_r(&fr);

		/* Keep the buffers' memory for the next request. */
		hdr = r.hdr;
		body = r.body;
		tmpl_dict_free(r.layout);
		if (db_ok)
			db_reset_all(&db);
		arena_reset(&arena);
		if (db_ok)
			index_pending(&db, &index_at);

	}
	FCGX_Free(&fr, 1);
	buf_free(&hdr);
	buf_free(&body);
	arena_free(&arena);
	db_close(&db);
	worker_exit(0);
}

static pid_t
spawn(int sock, const char *db_path)
{
	pid_t	 master = getpid(), pid = fork();

	if (pid == 0) {
		/*
		 * A worker outlives a master killed with -9 otherwise, and
		 * keeps a listening socket nobody else can see: ask for a
		 * SIGTERM (finish the request, then leave) when it goes, and
		 * leave now if it went before the request was made.
		 */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != master)
			worker_exit(0);
		worker(sock, db_path);
	}
	return pid;
}

/*
 * `cocreate serve`.  Returns the exit status: 0 after a clean stop, 1 when
 * the server cannot start.
 */
/* Whether a server accepts connections on the Unix socket at path. */
static int
socket_live(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd, live;

	if (strlen(path) >= sizeof(sun.sun_path) ||
	    (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	live = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return live;
}

int
server_run(const struct serve_opts *o)
{
	pid_t		 pids[MAX_WORKERS];
	time_t		 born[MAX_WORKERS];
	struct sigaction sa;
	struct stat	 st, own;
	struct db	 probe;
	int		 sock, n, wstatus, i;
	pid_t		 pid;
	time_t		 deadline;

	n = o->workers;
	if (n < 1 || n > MAX_WORKERS) {
		fprintf(stderr, "cocreate: --workers must be 1 to %d\n",
		    MAX_WORKERS);
		return 1;
	}
	/* Fail early, in the foreground, when the database is not there. */
	if (stat(o->db_path, &st) == -1) {
		fprintf(stderr, "cocreate: %s: no database (run cocreate init "
		    "--db %s first)\n", o->db_path, o->db_path);
		return 1;
	}
	if (db_open(&probe, o->db_path, 0) == -1 || db_prepare(&probe) == -1) {
		fprintf(stderr, "cocreate: %s: %s: not a cocreate database, or "
		    "not one of this version (run cocreate init)\n", o->db_path,
		    db_errmsg(&probe));
		db_close(&probe);
		return 1;
	}
	/*
	 * The search index's file made one of this database (a backup put in
	 * its place, the file lost) before any worker searches it.  A fault
	 * (a full or read-only disk) does not stop the server: search then
	 * finds the docs waiting by their marks, and init tries again.
	 */
	if (db_index_check(&probe) == -1)
		fprintf(stderr, "cocreate: %s: the search index: %s\n",
		    o->db_path, db_errmsg(&probe));
	db_close(&probe);
	if (tmpl_init() == -1)
		return 1;

	if (FCGX_Init() != 0)
		return 1;
	/*
	 * A socket left by a server that died is removed; one a server still
	 * answers on is not taken over (two servers on one database, and the
	 * first one's exit removing the second's socket).
	 */
	if (stat(o->socket_path, &st) == 0 && S_ISSOCK(st.st_mode)) {
		if (socket_live(o->socket_path)) {
			fprintf(stderr, "cocreate: %s: another server is "
			    "listening there\n", o->socket_path);
			return 1;
		}
		unlink(o->socket_path);
	}
	if ((sock = FCGX_OpenSocket(o->socket_path, o->backlog)) < 0) {
		fprintf(stderr, "cocreate: cannot listen on %s: %s\n",
		    o->socket_path, strerror(errno));
		return 1;
	}
	chmod(o->socket_path, 0660);
	if (stat(o->socket_path, &own) == -1)
		memset(&own, 0, sizeof(own));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	for (i = 0; i < n; i++) {
		pids[i] = spawn(sock, o->db_path);
		born[i] = time(NULL);
	}
	fprintf(stderr, "cocreate: serving on %s with %d workers (pid %d)\n",
	    o->socket_path, n, (int)getpid());

	while (!stopping) {
		pid = waitpid(-1, &wstatus, 0);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n; i++)
			if (pids[i] == pid)
				break;
		if (i == n)
			continue;
		if (stopping) {
			/* Reaped here: the stop loop below must not wait for it. */
			pids[i] = 0;
			continue;
		}
		fprintf(stderr, "cocreate: worker %d %s %d; starting another\n",
		    (int)pid, WIFSIGNALED(wstatus) ? "killed by signal" :
		    "exited with", WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) :
		    WEXITSTATUS(wstatus));
		/* A worker that cannot even start must not spin the CPU. */
		if (time(NULL) - born[i] < 1)
			sleep(1);
		pids[i] = spawn(sock, o->db_path);
		born[i] = time(NULL);
	}

	/* Stop: no new connections; requests in flight finish. */
	shutdown(sock, SHUT_RDWR);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	deadline = time(NULL) + 10;
	for (;;) {
		int left = 0;
		for (i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], &wstatus, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				left++;
		}
		if (left == 0)
			break;
		if (time(NULL) > deadline) {
			for (i = 0; i < n; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGKILL);
		}
		usleep(20000);
	}
	close(sock);
	/* Only our own socket: a server started since may have replaced it. */
	if (stat(o->socket_path, &st) == 0 && st.st_ino == own.st_ino &&
	    st.st_dev == own.st_dev)
		unlink(o->socket_path);
	tmpl_shutdown();
	fprintf(stderr, "cocreate: stopped\n");
	return 0;
}
