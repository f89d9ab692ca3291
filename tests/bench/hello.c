/*
 * The benchmark's bare libfcgi responder (F): the cost of FastCGI itself.
 *
 *	bench-hello SOCKET WORKERS RESPONSE_FILE
 *
 * Listens on the unix socket SOCKET (backlog 256, as `cocreate serve`),
 * forks WORKERS processes that accept like the app's prefork workers, and
 * answers every request with the bytes of RESPONSE_FILE: the whole CGI
 * response ("Status: 200 OK", headers, blank line, body), read once at
 * start.  Nothing else: no parsing, no database, no templates.  SIGTERM or
 * SIGINT stops the workers and then the parent; a worker also stops when
 * the parent dies.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_WORKERS 64

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static char *
slurp(const char *path, int *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (p = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (int)n;
	return p;
}

static void
worker(int sock, const char *resp, int len, pid_t parent)
{
	FCGX_Request	 fr;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() fails */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(0);
	if (FCGX_InitRequest(&fr, sock, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		_exit(2);
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		FCGX_PutStr(resp, len, fr.out);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	_exit(0);
}

int
main(int argc, char *argv[])
{
	pid_t		 pids[MAX_WORKERS], self = getpid();
	struct sigaction sa;
	char		*resp;
	int		 n, len, sock, i, st;

	if (argc != 4 || (n = atoi(argv[2])) < 1 || n > MAX_WORKERS) {
		fprintf(stderr, "usage: bench-hello SOCKET WORKERS RESPONSE_FILE\n");
		return 2;
	}
	if ((resp = slurp(argv[3], &len)) == NULL) {
		fprintf(stderr, "bench-hello: %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	if ((sock = FCGX_OpenSocket(argv[1], 256)) < 0) {
		fprintf(stderr, "bench-hello: cannot listen on %s\n", argv[1]);
		return 1;
	}
	chmod(argv[1], 0660);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0)
			worker(sock, resp, len, self);
	fprintf(stderr, "bench-hello: %d workers on %s, %d bytes a response\n",
	    n, argv[1], len);
	while (!stopping)
		if (wait(&st) == -1 && errno != EINTR)
			break;
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (wait(&st) > 0 || errno == EINTR)
		;
	unlink(argv[1]);
	return 0;
}
