/*
 * The command line: cocreate serve | init | --help.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "extern.h"

static const char usage_main[] =
"usage: cocreate COMMAND [OPTIONS]\n"
"\n"
"cocreate serves the co-creation of an Open Government national action plan:\n"
"citizens draft and submit proposals in the NDC form before a deadline.\n"
"\n"
"commands:\n"
"  init     create or upgrade the database, with the 2020 reference data\n"
"  serve    answer FastCGI requests (behind nginx) with prefork workers\n"
"  user     add, list or disable staff accounts (organizers, agencies)\n"
"  export   write the proposals as CSV, JSON, ODT, open data or the register\n"
"  backup   take an online, consistent copy of the database\n"
"  check    check the database and its search index\n"
"  version  print the version\n"
"\n"
"`cocreate COMMAND --help` explains each command.\n";

static const char usage_init[] =
"usage: cocreate init --db PATH [--deadline ISO8601] [--sendmail PATH]\n"
"                     [--mail-from ADDRESS] [--origin URL]\n"
"\n"
"Creates the database at PATH from the compiled-in schema.sql with the\n"
"agencies, the 5 commitments and 12 items of the 2020 draft.  Running it\n"
"again changes nothing.\n"
"\n"
"  --db PATH            the SQLite database file\n"
"  --deadline ISO8601   the consultation's deadline, e.g.\n"
"                       2020-03-06T23:59:59+08:00 (without an offset the time\n"
"                       is Asia/Taipei); default: 14 days from now, set only\n"
"                       when the database has none\n"
"  --sendmail PATH      the sendmail program for the edit links people ask\n"
"                       to receive (run as PATH -t -oi; default\n"
"                       /usr/sbin/sendmail, which msmtp or postfix provide)\n"
"  --mail-from ADDRESS  the From of those mails, e.g.\n"
"                       'cocreate <noreply@example.tw>'\n"
"  --origin URL         the site's address as people reach it, e.g.\n"
"                       https://cocreate.example.tw (the links of\n"
"                       `cocreate export`; `make run` sets\n"
"                       http://127.0.0.1:PORT); kept until set again\n";

static const char usage_serve[] =
"usage: cocreate serve --db PATH --socket PATH [--workers N]\n"
"\n"
"Listens for FastCGI on the unix socket PATH and answers with N prefork\n"
"workers (default: the number of CPU cores), each with its own database\n"
"connection.  A worker that dies is replaced; SIGTERM or SIGINT stops after\n"
"the requests in flight.  Logs go to stderr.\n"
"\n"
"  --db PATH        the database made by `cocreate init`\n"
"  --socket PATH    the unix socket nginx connects to\n"
"  --workers N      number of worker processes (1-64)\n";

static const char usage_user[] =
"usage: cocreate user add --db PATH --login NAME --role organizer|agency\n"
"                         [--agency SLUG] [--password-stdin]\n"
"       cocreate user list --db PATH\n"
"       cocreate user disable --db PATH --login NAME\n"
"\n"
"Staff accounts.  An organizer can do everything; an agency user acts for\n"
"one agency (its slug, see /agencies).  Without --password-stdin `add`\n"
"generates a strong password and prints it once.  Passwords are stored as\n"
"argon2id hashes.  `disable` also ends the account's sessions.\n";

static const char usage_export[] =
"usage: cocreate export --db PATH --format FORMAT [--out FILE] [--drafts]\n"
"                       [--origin URL]\n"
"\n"
"Writes the proposals as the web exports do, byte for byte:\n"
"  csv         every submitted and withdrawn proposal with all fields,\n"
"              contacts included (/admin/export.csv); --drafts adds drafts\n"
"  json        the same as JSON (/admin/export.json)\n"
"  odt         every submitted proposal as the NDC form (/admin/export.odt)\n"
"  public-csv  the open data: submitted proposals, nothing private\n"
"              (/proposals.csv)\n"
"  public-json the same as JSON (/proposals.json)\n"
"  responses   the reasoned-response register (/admin/export-responses.csv)\n"
"\n"
"  --out FILE    write FILE (replaced whole when done); default stdout\n"
"  --origin URL  the site's address for the proposals' links; default\n"
"                the one stored by `cocreate init --origin URL` (which\n"
"                `make run` sets), else http://127.0.0.1:8080\n"
"On a terminal a progress bar goes to stderr.\n";

static const char usage_backup[] =
"usage: cocreate backup --db PATH --out FILE\n"
"\n"
"Copies the database while the server runs and writes go on (SQLite's\n"
"online backup API), checks the copy with PRAGMA integrity_check and\n"
"renames it to FILE.  deploy/cocreate-backup.timer runs it daily.\n";

static const char usage_check[] =
"usage: cocreate check --db PATH\n"
"\n"
"Checks the database and its search index (PATH-search) while the server\n"
"runs: SQLite's integrity_check of both files, FTS5's own check of the\n"
"index, and the text it keeps against the proposals, items, comments and\n"
"meetings it indexes (those with a change waiting for it left out).\n"
"Prints each problem, or ok; exits 1 when there is one.  The index can be\n"
"made anew at any time: stop the service, delete PATH-search, start it.\n";

static int
is_help(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

static int
cmd_init(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "deadline", required_argument, NULL, 'D' },
		{ "sendmail", required_argument, NULL, 's' },
		{ "mail-from", required_argument, NULL, 'f' },
		{ "origin", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*db = NULL, *deadline = NULL, *sendmail = NULL;
	const char	*mail_from = NULL;
	char		 utc[32], origin[300], *o = NULL;
	size_t		 len;
	time_t		 t;
	int		 c;

	if (is_help(argc, argv)) {
		fputs(usage_init, stdout);
		return 0;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'D':
			deadline = optarg;
			break;
		case 's':
			sendmail = optarg;
			break;
		case 'f':
			mail_from = optarg;
			break;
		case 'O':
			/* The address as typed, without a trailing slash. */
			len = strlen(optarg);
			if (len > 0 && optarg[len - 1] == '/')
				len--;
			o = origin;
			snprintf(origin, sizeof(origin), "%.*s", (int)len, optarg);
			if (len >= sizeof(origin) || !valid_origin(origin)) {
				fprintf(stderr, "cocreate: --origin %s: give the "
				    "site's address, http:// or https:// and a "
				    "host (and port), e.g. "
				    "https://cocreate.example.tw\n", optarg);
				return 2;
			}
			break;
		default:
			fputs(usage_init, stderr);
			return 2;
		}
	}
	if (db == NULL || optind != argc) {
		fputs(usage_init, stderr);
		return 2;
	}
	if (deadline != NULL) {
		if (when_parse(deadline, 1, &t) == -1) {
			fprintf(stderr, "cocreate: --deadline %s: not an ISO 8601 "
			    "time such as 2020-03-06T23:59:59+08:00\n", deadline);
			return 2;
		}
		when_utc(t, utc, sizeof(utc));
		deadline = utc;
	}
	if ((sendmail && sendmail[0] != '/') ||
	    (mail_from && strpbrk(mail_from, "\r\n") != NULL)) {
		fprintf(stderr, "cocreate: --sendmail needs an absolute path; "
		    "--mail-from one line\n");
		return 2;
	}
	if (db_init(db, deadline, sendmail, mail_from, o) == -1)
		return 1;
	return 0;
}

static int
cmd_serve(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "socket", required_argument, NULL, 's' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct serve_opts o = { NULL, NULL, 0, 256 };
	char		*end;
	long		 n;
	int		 c;

	if (is_help(argc, argv)) {
		fputs(usage_serve, stdout);
		return 0;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	o.workers = n > 0 && n <= 64 ? (int)n : 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o.db_path = optarg;
			break;
		case 's':
			o.socket_path = optarg;
			break;
		case 'w':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 64) {
				fprintf(stderr, "cocreate: --workers %s: give 1 "
				    "to 64\n", optarg);
				return 2;
			}
			o.workers = (int)n;
			break;
		default:
			fputs(usage_serve, stderr);
			return 2;
		}
	}
	if (o.db_path == NULL || o.socket_path == NULL || optind != argc) {
		fputs(usage_serve, stderr);
		return 2;
	}
	return server_run(&o);
}

/* Reads one line (a password) from stdin into out; returns 0 or -1. */
static int
read_password(char *out, size_t n)
{
	size_t	 len;

	if (fgets(out, (int)n, stdin) == NULL)
		return -1;
	len = strlen(out);
	if (len > 0 && out[len - 1] == '\n')
		out[--len] = '\0';
	if (len > 0 && out[len - 1] == '\r')
		out[--len] = '\0';
	return 0;
}

static int
cmd_user(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "login", required_argument, NULL, 'l' },
		{ "role", required_argument, NULL, 'r' },
		{ "agency", required_argument, NULL, 'a' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*dbpath = NULL, *login = NULL, *role = NULL;
	const char	*agency = NULL, *verb, *err;
	char		 password[1100];
	struct db	 db;
	sqlite3_stmt	*st;
	int		 c, from_stdin = 0, rc = 1;

	if (argc < 2 || is_help(argc, argv)) {
		fputs(usage_user, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	verb = argv[1];
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'l':
			login = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		case 'a':
			agency = optarg;
			break;
		case 'p':
			from_stdin = 1;
			break;
		default:
			fputs(usage_user, stderr);
			return 2;
		}
	}
	if (dbpath == NULL || optind != argc) {
		fputs(usage_user, stderr);
		return 2;
	}
	if (auth_init(NULL) == -1 || db_open(&db, dbpath, 0) == -1 ||
	    db_prepare(&db) == -1) {
		fprintf(stderr, "cocreate: %s: not a cocreate database (run "
		    "cocreate init)\n", dbpath);
		db_close(&db);
		return 1;
	}
	if (strcmp(verb, "add") == 0) {
		if (login == NULL || role == NULL) {
			fputs(usage_user, stderr);
			rc = 2;
		} else if (from_stdin && read_password(password,
		    sizeof(password)) == -1) {
			fprintf(stderr, "cocreate: no password on stdin\n");
		} else {
			if (!from_stdin)
				auth_password_new(password, 21);
			if (user_add(&db, login, role, agency, password,
			    &err) == -1)
				fprintf(stderr, "cocreate: user add: %s\n", err);
			else {
				printf("login: %s\n", login);
				if (!from_stdin)
					printf("password: %s\n", password);
				rc = 0;
			}
		}
	} else if (strcmp(verb, "list") == 0) {
		st = db_stmt(&db, STMT_USER_LIST);
		printf("%-24s %-10s %-10s %-9s %s\n", "login", "role",
		    "agency", "state", "created");
		while ((c = sqlite3_step(st)) == SQLITE_ROW)
			printf("%-24s %-10s %-10s %-9s %s\n",
			    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
			    sqlite3_column_type(st, 3) == SQLITE_NULL ? "-" :
			    (const char *)sqlite3_column_text(st, 3),
			    sqlite3_column_int(st, 5) ? "disabled" : "active",
			    sqlite3_column_text(st, 6));
		sqlite3_reset(st);
		rc = c == SQLITE_DONE ? 0 : 1;
	} else if (strcmp(verb, "disable") == 0) {
		if (login == NULL) {
			fputs(usage_user, stderr);
			rc = 2;
		} else if ((c = user_disable(&db, login)) == 1)
			fprintf(stderr, "cocreate: no user %s\n", login);
		else if (c == -1)
			fprintf(stderr, "cocreate: %s\n", db_errmsg(&db));
		else {
			printf("disabled %s\n", login);
			rc = 0;
		}
	} else {
		fprintf(stderr, "cocreate: user %s: add, list or disable\n",
		    verb);
		rc = 2;
	}
	explicit_bzero(password, sizeof(password));
	db_close(&db);
	return rc;
}

/* The progress bar of `cocreate export` on a terminal. */
struct progress {
	long long	 total;
	int		 shown;
};

static void
show_progress(long long done, void *arg)
{
	struct progress	*p = arg;
	int		 width = 40, fill;

	if (p->total <= 0)
		return;
	fill = (int)(done * width / p->total);
	if (fill > width)
		fill = width;
	fprintf(stderr, "\r[%.*s%*s] %lld/%lld", fill,
	    "########################################", width - fill, "",
	    done, p->total);
	p->shown = 1;
}

static int
write_file(void *arg, const char *p, size_t n)
{
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

/* Copies a finished file to stdout. */
static int
copy_out(const char *path)
{
	char	 buf[65536];
	size_t	 n;
	FILE	*f;
	int	 rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rc = -1;
	fclose(f);
	return rc;
}

static int
cmd_export(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "origin", required_argument, NULL, 'O' },
		{ "drafts", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*dbpath = NULL, *format = NULL, *out = NULL;
	const char	*origin = NULL;
	char		 stored[300];
	enum export_format fmt;
	struct progress	 prog = { 0, 0 };
	struct sink	 sink = { write_file, NULL, { 0 }, 0 };
	struct db	 db;
	char		 tmp[4096];
	FILE		*f = NULL;
	int		 c, mode = 0, private = 1, drafts = 0, rc = 1;

	if (is_help(argc, argv)) {
		fputs(usage_export, stdout);
		return 0;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'O':
			origin = optarg;
			break;
		case 'D':
			drafts = 1;
			break;
		default:
			fputs(usage_export, stderr);
			return 2;
		}
	}
	if (dbpath == NULL || format == NULL || optind != argc) {
		fputs(usage_export, stderr);
		return 2;
	}
	if (strcmp(format, "csv") == 0 || strcmp(format, "json") == 0) {
		fmt = format[0] == 'c' ? EXPORT_CSV : EXPORT_JSON;
		mode = drafts ? 2 : 1;
	} else if (strcmp(format, "public-csv") == 0 ||
	    strcmp(format, "public-json") == 0) {
		fmt = format[7] == 'c' ? EXPORT_CSV : EXPORT_JSON;
		private = 0;
	} else if (strcmp(format, "odt") == 0)
		fmt = EXPORT_ODT;
	else if (strcmp(format, "responses") == 0) {
		fmt = EXPORT_RESPONSES;
		private = 0;
	} else {
		fprintf(stderr, "cocreate: --format %s: csv, json, odt, "
		    "public-csv, public-json or responses\n", format);
		return 2;
	}
	if (db_open(&db, dbpath, 0) == -1 || db_prepare(&db) == -1) {
		fprintf(stderr, "cocreate: %s: not a cocreate database\n", dbpath);
		db_close(&db);
		return 1;
	}
	/*
	 * One pass over the tables reads each page once: SQLite's default
	 * 2 MiB of cached pages will do, not the workers' 16 MiB (db_open).
	 */
	db_exec(&db, "PRAGMA cache_size = -2000");
	/* The site's own address, as the web export has it, when init kept it. */
	if (origin == NULL)
		origin = db_setting(&db, "origin", stored, sizeof(stored)) == 0 &&
		    valid_origin(stored) ? stored : "http://127.0.0.1:8080";
	if (isatty(STDERR_FILENO))
		prog.total = export_count(&db, fmt == EXPORT_CSV ||
		    fmt == EXPORT_JSON ? mode : 0, 0);

	/* Write beside the target, then rename: a reader never sees half. */
	if (out != NULL)
		snprintf(tmp, sizeof(tmp), "%s.tmp%ld", out, (long)getpid());
	else
		snprintf(tmp, sizeof(tmp), "/tmp/cocreate-export-%ld.odt",
		    (long)getpid());
	if (fmt == EXPORT_ODT) {
		if (export_odt(&db, 0, 0, time(NULL), out ? out : tmp,
		    prog.total ? show_progress : NULL, &prog) >= 0)
			rc = out != NULL ? 0 : copy_out(tmp) == 0 ? 0 : 1;
		if (out == NULL)
			unlink(tmp);
	} else {
		if ((f = out ? fopen(tmp, "wb") : stdout) == NULL) {
			fprintf(stderr, "cocreate: %s: cannot write\n", tmp);
			goto done;
		}
		sink.arg = f;
		if (export_run(&db, fmt, mode, private, origin, &sink,
		    prog.total ? show_progress : NULL, &prog) == 0)
			rc = 0;
		if (out != NULL) {
			if (fclose(f) != 0)
				rc = 1;
			if (rc == 0 && rename(tmp, out) == -1)
				rc = 1;
			if (rc != 0)
				unlink(tmp);
		} else if (fflush(stdout) != 0)
			rc = 1;
	}
	if (prog.shown)
		fputc('\n', stderr);
	if (rc != 0)
		fprintf(stderr, "cocreate: export failed: %s\n", db_errmsg(&db));
done:
	sink_free(&sink);
	db_close(&db);
	return rc;
}

static int
cmd_backup(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*db = NULL, *out = NULL;
	int		 c;

	if (is_help(argc, argv)) {
		fputs(usage_backup, stdout);
		return 0;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'o')
			out = optarg;
		else {
			fputs(usage_backup, stderr);
			return 2;
		}
	}
	if (db == NULL || out == NULL || optind != argc) {
		fputs(usage_backup, stderr);
		return 2;
	}
	return db_backup(db, out) == 0 ? 0 : 1;
}

static int
cmd_check(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*path = NULL;
	struct db	 db;
	struct buf	 out = { 0 };
	int		 c, n;

	if (is_help(argc, argv)) {
		fputs(usage_check, stdout);
		return 0;
	}
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			path = optarg;
		else {
			fputs(usage_check, stderr);
			return 2;
		}
	}
	if (path == NULL || optind != argc) {
		fputs(usage_check, stderr);
		return 2;
	}
	if (db_open(&db, path, 0) == -1) {
		fprintf(stderr, "cocreate: %s: %s\n", path, db_errmsg(&db));
		db_close(&db);
		return 1;
	}
	n = db_check(&db, &out);
	db_close(&db);
	fputs(n ? buf_cstr(&out) : "ok\n", stdout);
	buf_free(&out);
	return n ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	const char	*cmd;

	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	cmd = argv[1];
	/*
	 * Every process of cocreate has one thread: SQLite's mutexes and its
	 * count of memory in use are work for nothing (about 50,000
	 * instructions a page).  Before anything else touches SQLite.
	 */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("cocreate %s\n", COCREATE_VERSION);
		return 0;
	}
	/* getopt_long sees the command as argv[0]. */
	if (strcmp(cmd, "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "user") == 0)
		return cmd_user(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	fprintf(stderr, "cocreate: unknown command %s\n\n%s", cmd, usage_main);
	return 2;
}
