/*
 * The command line: cocreate serve | init | --help.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
"  version  print the version\n"
"\n"
"`cocreate COMMAND --help` explains each command.\n";

static const char usage_init[] =
"usage: cocreate init --db PATH [--deadline ISO8601]\n"
"\n"
"Creates the database at PATH from the compiled-in schema.sql with the\n"
"agencies, the 5 commitments and 12 items of the 2020 draft.  Running it\n"
"again changes nothing.\n"
"\n"
"  --db PATH            the SQLite database file\n"
"  --deadline ISO8601   the consultation's deadline, e.g.\n"
"                       2020-03-06T23:59:59+08:00 (without an offset the time\n"
"                       is Asia/Taipei); default: 14 days from now, set only\n"
"                       when the database has none\n";

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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*db = NULL, *deadline = NULL;
	char		 utc[32];
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
	if (db_init(db, deadline) == -1)
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

int
main(int argc, char *argv[])
{
	const char	*cmd;

	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	cmd = argv[1];
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
	fprintf(stderr, "cocreate: unknown command %s\n\n%s", cmd, usage_main);
	return 2;
}
