/*
 * cocreate: the structs and prototypes shared across modules.
 *
 * Ownership rule: a function that returns a pointer says in its comment who
 * frees it.  Everything allocated while answering one request comes from the
 * request's arena and is released in one go when the request ends.
 */
#ifndef COCREATE_EXTERN_H
#define COCREATE_EXTERN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define COCREATE_VERSION "0.1.0"

/* ------------------------------------------------------------------ buf */

/* A growable byte buffer.  Zero-initialised is empty and valid. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

int	 buf_append(struct buf *, const void *, size_t);
int	 buf_grow(struct buf *, size_t);
int	 buf_puts(struct buf *, const char *);
int	 buf_putc(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list);
const char *buf_cstr(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/* An arena: many small allocations, freed together. */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t		    total;	/* bytes handed out since reset */
};

void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*str_decimal(char *, long long);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

/* ---------------------------------------------------------------- valid */

/*
 * Every form field the application knows.  The request parser refuses a
 * body that carries any other name; handlers read req->field[KEY_X].
 */
enum key {
	KEY_KIND,
	KEY_TARGET_ITEM,
	KEY_TITLE,
	KEY_LEAD_AGENCY,
	KEY_LEAD_AGENCY_OTHER,
	KEY_PROBLEM,
	KEY_COMMITMENT,
	KEY_CONTRIBUTION,
	KEY_VALUE,
	KEY_RELEVANCE,
	KEY_SUBMITTER,
	KEY_PHONE,
	KEY_EMAIL,
	KEY_ACTION,
	KEY_TOKEN,
	KEY_CSRF,
	/* comment, registration */
	KEY_NAME,
	KEY_AFFILIATION,
	KEY_BODY,
	KEY_PARENT,
	/* login */
	KEY_LOGIN,
	KEY_PASSWORD,
	KEY_NEXT,
	/* meeting */
	KEY_AGENCY,
	KEY_ITEM,
	KEY_STARTS_AT,
	KEY_ENDS_AT,
	KEY_PLACE,
	KEY_ONLINE_URL,
	KEY_AGENDA,
	KEY_EXPERTS,
	KEY_CAPACITY,
	KEY_MINUTES,
	KEY_RECORDING_URL,
	/* answer, moderation, users, deadline */
	KEY_STATUS,
	KEY_RESPONSE,
	KEY_REASON,
	KEY_ROLE,
	KEY_DEADLINE,
	/* commitment tracking */
	KEY_DELIVERABLE,
	KEY_STARTS_ON,
	KEY_ENDS_ON,
	KEY_PROGRESS,
	KEY_NOTE,
	KEY_MILESTONE,
	/* the proposal form's optional milestones, and its e-mail choice */
	KEY_MS_DELIVERABLE,
	KEY_MS_START,
	KEY_MS_END,
	KEY_SEND_LINK,
	KEY__MAX
};

/* How a field's text is checked and normalised. */
enum ftype {
	FT_LINE,	/* one line of text: line breaks become spaces, controls go */
	FT_TEXT,	/* multi-line text: CRLF becomes LF */
	FT_WORD,	/* an ASCII token: enum value, slug, id, token */
	FT_EMAIL,
	FT_PHONE,
	FT_URL,		/* an http or https URL */
	FT_TIME,	/* YYYY-MM-DDTHH:MM in Asia/Taipei */
	FT_DATE,	/* YYYY-MM-DD */
	FT_SECRET,	/* a password: taken exactly as typed */
	FT__MAX
};

struct keyspec {
	const char	*name;		/* form field name */
	enum ftype	 type;
	size_t		 maxchars;	/* limit in characters (code points) */
	int		 multi;		/* may repeat */
};

extern const struct keyspec valid_keys[KEY__MAX];

/* Why a field was refused; the messages live in valid_ferr_msg(). */
enum ferr {
	FERR_NONE,
	FERR_REQUIRED,
	FERR_TOO_LONG,
	FERR_INVALID,
	FERR_EMAIL,
	FERR_PHONE,
	FERR_UNKNOWN,
	FERR_CONTACT,
	FERR_TARGET,
	FERR_URL,
	FERR_TIME,
	FERR_ORDER,
	FERR_NUMBER,
	FERR_LOGIN,
	FERR_DATE,
	FERR_TOO_MANY,
	FERR_YEAR,
	FERR_CAPACITY,
	FERR__MAX
};

/* OGP values, a bitmask in the order of DOMAIN.md. */
enum ogpvalue {
	VALUE_TRANSPARENCY = 1,
	VALUE_PARTICIPATION = 2,
	VALUE_ACCOUNTABILITY = 4
};

int	 valid_utf8(const char *, size_t);
size_t	 valid_utf8_count(const char *, size_t);
int	 valid_key(const char *, size_t);
const char *valid_ferr_zh(enum ferr);
const char *valid_ferr_en(enum ferr);
int	 valid_email(const char *, size_t);
int	 valid_url(const char *, size_t);
int	 valid_host(const char *);
int	 valid_origin(const char *);
int	 valid_login(const char *);
int	 valid_date(const char *);
int	 valid_phone(const char *, size_t);
int	 valid_slug(const char *);
int	 valid_id(const char *, long long *);
unsigned valid_value_bit(const char *);
const char *valid_value_name(unsigned);
size_t	 valid_normalise(char *, size_t, int);
size_t	 valid_drop_nonchars(char *, size_t);

/* Whether the left bytes at p begin with U+FFFE or U+FFFF (EF BF BE/BF). */
static inline int
valid_nonchar_at(const char *p, size_t left)
{
	return left >= 3 && (unsigned char)p[0] == 0xEF &&
	    (unsigned char)p[1] == 0xBF && ((unsigned char)p[2] & 0xFE) == 0xBE;
}
int	 valid_blank(const char *);

/* ------------------------------------------------------------------ req */

enum method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,
	METHOD__MAX
};

/* A request-level refusal: the whole request is answered with an error page. */
enum reqerr {
	REQ_OK,
	REQ_E_BODY_TOO_LARGE,	/* 413 */
	REQ_E_CONTENT_TYPE,	/* 415 */
	REQ_E_PERCENT,		/* 400 */
	REQ_E_UTF8,		/* 400 */
	REQ_E_NUL,		/* 400 */
	REQ_E_TOO_MANY_FIELDS,	/* 400 */
	REQ_E_FIELD_TOO_LONG,	/* 413 */
	REQ_E_UNKNOWN_FIELD,	/* 400 */
	REQ_E_REPEATED_FIELD,	/* 400 */
	REQ_E_HEADER,		/* 431 */
	REQ_E_BODY_SHORT,	/* 400 */
	REQ__MAX
};

/* Request limits; nginx enforces the body limit too. */
#define REQ_MAX_BODY	(2 * 1024 * 1024)
/*
 * The largest form, a proposal's: 18 fields and 3 a milestone row, of 20
 * milestones and the blank rows the form adds (81); 64 refused a proposal
 * of 16 milestones saved back from its own form, losing the text.
 */
#define REQ_MAX_FIELDS	128
#define REQ_MAX_QUERY	4096
#define REQ_MAX_COOKIE	4096
#define REQ_MAX_PATH	1024

struct kv {
	const char	*key;
	const char	*val;
	size_t		 vlen;
};

/*
 * One validated field: val is NULL when the field was absent.  A field that
 * may repeat keeps every value in all[0..nall).
 */
struct field {
	const char	*val;
	size_t		 len;
	size_t		 nchars;
	enum ferr	 err;
	const char	**all;
	size_t		 nall;
};

struct tmpl_dict;
struct db;
struct FCGX_Request;
struct FCGX_Stream;
struct cform;
struct tform;

/* The signed-in staff member of a request. */
struct user {
	long long	 id;
	const char	*login;
	int		 organizer;	/* else an agency user */
	long long	 agency_id;	/* 0 for organizers */
	const char	*agency_slug;
	const char	*agency_name;
};

struct req {
	struct arena	*arena;
	struct db	*db;
	time_t		 now;
	enum method	 method;
	const char	*method_name;
	const char	*path;
	const char	*query_string;
	const char	*content_type;
	const char	*remote_addr;
	const char	*request_id;
	const char	*origin;	/* "http://host:port", for links to copy */
	const char	*route;		/* pattern matched, for the log */
	int		 https;

	struct kv	*query;
	size_t		 nquery;
	struct kv	*form;
	size_t		 nform;
	struct kv	*cookie;
	size_t		 ncookie;

	struct field	 field[KEY__MAX];
	unsigned	 values;	/* OGP values ticked in the form */
	int		 bad_value;	/* a value outside the three */

	struct user	*user;		/* NULL when not signed in */
	long long	 id;		/* {id} of the route */
	const char	*slug;		/* {slug} of the route */

	/* A refused comment, shown back on the page it was for. */
	struct cform	*cform;
	struct tform	*tform;		/* a refused tracking form, likewise */

	/* The response under construction (resp.c). */
	int		 status;
	int		 status_override;	/* for resp_page_end() */
	struct buf	 hdr;
	struct buf	 body;
	struct tmpl_dict *layout;
	struct tmpl_dict *page;
	char		*csrf;		/* token for forms on this page */
	int		 sent;
	struct FCGX_Stream *out;	/* for responses streamed as written */
};

const char *req_errstr(enum reqerr);
const char *req_errstr_zh(enum reqerr);
int	 req_errstatus(enum reqerr);
enum reqerr req_urlencoded(struct arena *, const char *, size_t,
	    struct kv **, size_t *, size_t);
enum reqerr req_cookies(struct arena *, const char *, struct kv **, size_t *);
enum reqerr req_fields(struct req *);
const char *req_query(const struct req *, const char *);
const char *req_cookie(const struct req *, const char *);
enum method req_method(const char *);

/* ------------------------------------------------------------------ tmpl */

int	 tmpl_init(void);
void	 tmpl_shutdown(void);
struct tmpl_dict *tmpl_dict_new(void);
void	 tmpl_dict_free(struct tmpl_dict *);
void	 tmpl_set(struct tmpl_dict *, const char *, const char *);
void	 tmpl_setn(struct tmpl_dict *, const char *, const char *, size_t);
void	 tmpl_set_int(struct tmpl_dict *, const char *, long long);
void	 tmpl_setf(struct tmpl_dict *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 tmpl_set_global(struct tmpl_dict *, const char *, const char *);
void	 tmpl_show(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_section(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_include(struct tmpl_dict *, const char *, const char *);
int	 tmpl_render(const char *, const struct tmpl_dict *, struct buf *);
int	 tmpl_exists(const char *);

/* ------------------------------------------------------------------ when */

#define WHEN_TAIPEI_OFFSET (8 * 3600)
#define WHEN_TAIPEI_LEN	16	/* "YYYY-MM-DD HH:MM" */

int	 when_parse(const char *, int, time_t *);
void	 when_utc(time_t, char *, size_t);
void	 when_taipei(time_t, char *, size_t);
void	 when_taipei_input(time_t, char *, size_t);
void	 when_taipei_input_sec(time_t, char *, size_t);
void	 when_roc(time_t, char *, size_t);
void	 when_left(time_t, time_t, char *, size_t, char *, size_t);
void	 when_iso_taipei(const char *, char *, size_t);
int	 when_stored_taipei(const char *, char [WHEN_TAIPEI_LEN + 1]);
long long when_mono_ms(void);

/* ------------------------------------------------------------------ auth */

#define AUTH_TOKEN_LEN 43	/* 32 random bytes, base64url without padding */
#define AUTH_HASH_LEN 32
#define AUTH_PWHASH_LEN 128	/* crypto_pwhash_STRBYTES */

int	 auth_init(const char *);
int	 auth_token_new(char *, unsigned char *);
int	 auth_token_check(const char *, size_t, const void *, size_t);
void	 auth_random_hex(char *, size_t);
void	 auth_random_token(char *);
void	 auth_hash(const char *, size_t, unsigned char *);
int	 auth_password_hash(const char *, char *);
int	 auth_password_check(const char *, const char *);
void	 auth_password_new(char *, size_t);
char	*auth_csrf_for(struct arena *, const char *);
int	 auth_csrf_check(const char *, const char *);

/* ------------------------------------------------------------------ db */

#include <sqlite3.h>

/* Every SQL statement of the application; the text is in db.c's stmts[]. */
enum stmt {
	STMT_SETTING_GET,
	STMT_SETTING_PUT,
	STMT_SETTING_ADD,
	STMT_SETTING_DEL,
	STMT_HEALTH,
	STMT_AGENCY_LIST,
	STMT_AGENCY_OPTIONS,
	STMT_AGENCY_BY_SLUG,
	STMT_COMMITMENT_LIST,
	STMT_COMMITMENT_AGENCIES_ALL,
	STMT_COMMITMENT_AGENCIES,
	STMT_ITEM_LIST,
	STMT_ITEM_GET,
	STMT_ITEMS_OF_AGENCY,
	STMT_PROPOSAL_INSERT,
	STMT_PROPOSAL_UPDATE,
	STMT_REVISION_INSERT,
	STMT_PROPOSAL_GET,
	STMT_PROPOSAL_AUTH,
	STMT_PROPOSAL_LIST,
	STMT_PROPOSAL_LIST_AGENCY,
	STMT_PROPOSAL_LIST_ITEM,
	STMT_PROPOSAL_COUNT,
	STMT_PROPOSAL_LIST_WORDS,
	STMT_PROPOSAL_COUNTED,
	STMT_PROPOSALS_OF_ITEM,
	STMT_PROPOSAL_ADDRESSED,
	STMT_USER_INSERT,
	STMT_USER_LIST,
	STMT_USER_BY_LOGIN,
	STMT_USER_DISABLE,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_LOGIN_FAIL_INSERT,
	STMT_LOGIN_FAIL_COUNT,
	STMT_LOGIN_FAIL_CLEAR,
	STMT_LOGIN_FAIL_PURGE,
	STMT_MEETING_INSERT,
	STMT_MEETING_UPDATE,
	STMT_MEETING_CANCEL,
	STMT_MEETING_REVISION,
	STMT_MEETING_GET,
	STMT_MEETINGS_UPCOMING,
	STMT_MEETINGS_PAST,
	STMT_MEETINGS_UPCOMING_OF,
	STMT_MEETINGS_PAST_OF,
	STMT_MEETINGS_FEED,
	STMT_MEETINGS_FEED_OF,
	STMT_MEETING_ITEMS_DELETE,
	STMT_MEETING_ITEM_INSERT,
	STMT_MEETING_ITEMS,
	STMT_MEETING_EXPERTS_DELETE,
	STMT_MEETING_EXPERT_INSERT,
	STMT_MEETING_EXPERTS,
	STMT_AGENCY_EXPERTS,
	STMT_REGISTRATION_INSERT,
	STMT_REGISTRATION_EXISTS,
	STMT_REGISTRATIONS,
	STMT_COMMENT_INSERT,
	STMT_COMMENT_LIST,
	STMT_COMMENT_LATEST,
	STMT_COMMENT_COUNT,
	STMT_COMMENT_GET,
	STMT_COMMENT_REPORT,
	STMT_COMMENT_HIDE,
	STMT_COMMENT_UNHIDE,
	STMT_COMMENTS_ADMIN,
	STMT_ANSWER_INSERT,
	STMT_ANSWER_HISTORY,
	STMT_ROUTE_UPDATE,
	STMT_ROUTING_INSERT,
	STMT_ROUTING_HISTORY,
	STMT_ADMIN_PROPOSALS,
	STMT_FEED,
	STMT_AGENCY_SLUG,
	STMT_EXPORT,
	STMT_RESPONSES,
	STMT_RESPONSES_ANSWERED,
	STMT_EXPORT_COUNT,
	STMT_DASH_STATUS,
	STMT_DASH_AGENCY,
	STMT_DASH_VALUE,
	STMT_DASH_KIND,
	STMT_DASH_DAYS,
	STMT_DASH_INDEX,
	STMT_DASH_MEETINGS,
	STMT_DASH_UNROUTED,
	STMT_RATE_COUNT,
	STMT_RATE_INSERT,
	STMT_RATE_PURGE,
	STMT_SEARCH_FTS,
	STMT_SEARCH_IDS,
	STMT_SEARCH_DOC,
	STMT_INDEX_LAST,
	STMT_INDEX_TURN,
	STMT_INDEX_STAGED,
	STMT_INDEX_STAGE,
	STMT_INDEX_UPTO,
	STMT_INDEX_DELETES,
	STMT_INDEX_FORGET,
	STMT_INDEX_COPY,
	STMT_INDEX_INSERTS,
	STMT_INDEX_DONE,
	STMT_INDEX_CLEAR,
	STMT_INDEX_UNSTAGE,
	STMT_INDEX_MARK,
	STMT_INDEX_FIRST,
	STMT_INDEX_TRIM,
	STMT_HEALTH_AGENCIES,
	STMT_HEALTH_ANSWER_DAYS,
	STMT_REVISIONS_LIST,
	STMT_REVISION_GET,
	STMT_MEETING_REVISIONS,
	STMT_MILESTONE_INSERT,
	STMT_MILESTONE_SET,
	STMT_MILESTONES_OF_ITEM,
	STMT_ITEM_UPDATE_INSERT,
	STMT_ITEM_UPDATES,
	STMT_ITEM_SET_STATUS,
	STMT_ITEM_PROGRESS,
	STMT_ITEM_LEAD,
	STMT_ITEM_BRIEF,
	STMT__MAX
};

struct db {
	sqlite3		*conn;
	sqlite3_stmt	*stmt[STMT__MAX];
	int		 err;	/* the error a rollback followed, for db_busy() */
	struct timespec	 busy_since;	/* when the current wait for a lock began */
	int		 reading;	/* in db_read_begin()'s transaction */
	int		 no_wait;	/* a lock held elsewhere is not waited for */
	int		 queue;	/* the writers' queue (db_begin), or -1 */
	int		 queued;	/* holds the queue's lock */
	int		 unsynced;	/* committed in the queue, not yet synced */
	int		 checkpoint;	/* the WAL is long: checkpoint after the queue */
	int		 ix_checkpoint;	/* the index's WAL, when long: its pages */
	int		 restart;	/* the WAL is too long: start it over */
	int		 restart_after;	/* ... once it is this long (a read held) */
	int		 restart_tries;
	int		 wal_pages;	/* the WAL's length at the last commit */
	long long	 checkpoint_at;	/* no passive checkpoint before (ms) */
	int		 checkpoint_every_ms; /* ... one at most this often */
	unsigned long	 checkpoints;	/* passive ones run (tests) */
	int		 wait_ms;	/* busy_wait's limit when not the default */
	sqlite3_stmt	*read_begin;	/* BEGIN and COMMIT of db_read_begin(), */
	sqlite3_stmt	*read_end;	/* prepared once */
	sqlite3_stmt	*write_begin;	/* BEGIN and the main file's write */
	sqlite3_stmt	*write_lock;	/* lock of db_begin(), prepared once */
};

int	 db_open(struct db *, const char *, int);
void	 db_close(struct db *);
int	 db_prepare(struct db *);
sqlite3_stmt *db_stmt(struct db *, enum stmt);
void	 db_reset_all(struct db *);
int	 db_exec(struct db *, const char *);
void	 db_read_begin(struct db *);
void	 db_read_end(struct db *);
int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);
int	 db_setting(struct db *, const char *, char *, size_t);
int	 db_setting_put(struct db *, const char *, const char *);
int	 db_setting_add(struct db *, const char *, const char *);
int	 db_setting_del(struct db *, const char *);
int	 db_init(const char *, const char *, const char *, const char *,
	    const char *);
int	 db_backup(const char *, const char *);
const char *db_errmsg(struct db *);
int	 db_busy(struct db *);
int	 db_readonly(struct db *);
int	 db_index_pending(struct db *, int);
int	 db_index_check(struct db *);
int	 db_check(struct db *, struct buf *);

/* tok.c: the search index's tokenizer, registered on a connection */
int	 tok_register(sqlite3 *);

/* Files compiled into the binary by the Makefile (build/embed.c). */
struct embedded {
	const char		*name;
	const unsigned char	*data;
	size_t			 len;
};
extern const struct embedded embedded_templates[];
extern const size_t embedded_ntemplates;
extern const struct embedded embedded_schema;

/* ------------------------------------------------------------------ ndc */

/* One field of the NDC proposal form (ndc.c). */
struct ndc_field {
	enum key	 key;
	const char	*zh;
	const char	*en;
	const char	*guide_zh;
	const char	*guide_en;
};

extern const struct ndc_field ndc_fields[];
extern const size_t ndc_nfields;

/* ------------------------------------------------------------------ export */

/* Where an export goes: a writer called with every 64 KiB. */
struct sink {
	int		(*write)(void *, const char *, size_t);
	void		 *arg;
	struct buf	  buf;
	int		  failed;
};

enum export_format {
	EXPORT_CSV,
	EXPORT_JSON,
	EXPORT_RESPONSES,
	EXPORT_ODT,
	EXPORT__MAX
};

int	 sink_put(struct sink *, const char *, size_t);
int	 sink_puts(struct sink *, const char *);
int	 sink_flush(struct sink *);
void	 sink_free(struct sink *);
void	 export_csv_field(struct sink *, const char *, int);
void	 export_json_string(struct sink *, const char *);
long long export_count(struct db *, int, long long);
int	 export_run(struct db *, enum export_format, int, int, const char *,
	    struct sink *, void (*)(long long, void *), void *);
int	 export_odt(struct db *, int, long long, time_t, const char *,
	    void (*)(long long, void *), void *);
int	 export_milestones(struct buf *, const char *, const char *);

/* ------------------------------------------------------------------ feed */

int	 feed_ics_line(struct buf *, const char *, const char *, int);
void	 feed_ics_time(const char *, char *, size_t);

/* ------------------------------------------------------------------ diff */

struct diff_seg {
	int		 op;	/* 0 in both, -1 only in the old, 1 only in the new */
	const char	*s;
	size_t		 len;
};

int	 diff_text(struct arena *, const char *, const char *,
	    struct diff_seg **, size_t *);
int	 diff_lines(struct arena *, const char *, const char *,
	    struct diff_seg **, size_t *);

/* ------------------------------------------------------------------ mail */

int	 mail_message(struct buf *, const char *, const char *, const char *,
	    const char *);
int	 mail_send(const char *, const char *, const char *, const char *,
	    const char *);

/* ------------------------------------------------------------------ md */

char	*md_render(const char *, size_t);

/* ------------------------------------------------------------------ user */

/* user_add's reasons a caller tells apart (the same pointers, *err). */
extern const char USER_ERR_EXISTS[];
extern const char USER_ERR_NO_AGENCY[];
int	 user_add(struct db *, const char *, const char *, const char *,
	    const char *, const char **);
int	 user_disable(struct db *, const char *);

/* ------------------------------------------------------------------ server */

struct serve_opts {
	const char	*db_path;
	const char	*socket_path;
	int		 workers;
	int		 backlog;
};

int	 server_run(const struct serve_opts *);
int	 server_handle(struct req *);

/* ------------------------------------------------------------------ resp */

struct FCGX_Stream;

void	 resp_header(struct req *, const char *, const char *);
struct tmpl_dict *resp_page_begin(struct req *, const char *, const char *,
	    const char *);
int	 resp_page_end(struct req *, int);
int	 resp_standalone(struct req *, int, const char *, struct tmpl_dict *,
	    const char *);
int	 resp_error(struct req *, int, const char *, const char *);
int	 resp_redirect(struct req *, int, const char *);
int	 resp_text(struct req *, int, const char *, const char *, size_t);
const char *resp_csrf(struct req *);
void	 resp_csrf_rotate(struct req *);
int	 resp_send(struct req *, struct FCGX_Request *);
int	 resp_stream_begin(struct req *, const char *, const char *);
int	 resp_stream_write(void *, const char *, size_t);

/* ------------------------------------------------------------------ misc */

void	 log_line(const struct req *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif /* COCREATE_EXTERN_H */
