/*
 * E-mail through the system's sendmail interface (`sendmail -t -oi`, which
 * msmtp or postfix provide), without making the person wait: the worker
 * forks a child that forks again and exits at once, so the grandchild,
 * which feeds sendmail, belongs to init and the request is answered
 * straight away.  The headers are built here from validated parts only:
 * the recipient passed valid_email() (no spaces, CR, LF or brackets) and
 * the subject is RFC 2047 encoded, so nothing typed can add a header.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "extern.h"

/* Writes all of p to fd; returns 0 or -1. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Builds the message: From, To, an encoded Subject, MIME headers and the
 * body (UTF-8, 8bit).  Returns 0, or -1 when a part is unfit for a header.
 */
int
mail_message(struct buf *m, const char *from, const char *to,
    const char *subject, const char *body)
{
	char	 b64[1024];
	size_t	 len = strlen(subject);

	if (!valid_email(to, strlen(to)) || strpbrk(from, "\r\n") != NULL ||
	    len > (sizeof(b64) - 1) / 4 * 3 - 3)
		return -1;
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)subject, len,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_printf(m, "From: %s\n", from);
	buf_printf(m, "To: <%s>\n", to);
	buf_printf(m, "Subject: =?UTF-8?B?%s?=\n", b64);
	buf_puts(m, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n"
	    "Auto-Submitted: auto-generated\n\n");
	buf_puts(m, body);
	if (m->len == 0 || m->data[m->len - 1] != '\n')
		buf_putc(m, '\n');
	return 0;
}

/*
 * Hands a message to sendmail (cmd, run without a shell as `cmd -t -oi`)
 * in the background.  Returns 0 when it is on its way, -1 when the message
 * could not be built or no process started; sendmail's own failure is
 * logged by the grandchild on stderr.
 */
int
mail_send(const char *cmd, const char *from, const char *to,
    const char *subject, const char *body)
{
	struct buf	 m = { 0 };
	pid_t		 pid, mpid;
	int		 p[2], status, fd;

	if (mail_message(&m, from, to, subject, body) == -1) {
		buf_free(&m);
		return -1;
	}
	if ((pid = fork()) == -1) {
		buf_free(&m);
		return -1;
	}
	if (pid == 0) {
		/* The child: start the grandchild and leave at once. */
		if ((pid = fork()) != 0)
			_exit(pid < 0);
		setsid();
		/* Hold nothing of the worker's: sockets, database. */
		for (fd = 3; fd < 1024; fd++)
			close(fd);
		if (pipe(p) == -1 || (mpid = fork()) == -1)
			_exit(1);
		if (mpid == 0) {
			char *argv[] = { (char *)cmd, "-t", "-oi", NULL };
			dup2(p[0], 0);
			close(p[0]);
			close(p[1]);
			if ((fd = open("/dev/null", O_WRONLY)) != -1)
				dup2(fd, 1);
			execv(cmd, argv);
			fprintf(stderr, "cocreate: mail: cannot run %s\n", cmd);
			_exit(127);
		}
		close(p[0]);
		if (write_all(p[1], m.data, m.len) == -1)
			fprintf(stderr, "cocreate: mail: %s stopped reading\n", cmd);
		close(p[1]);
		while (waitpid(mpid, &status, 0) == -1 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fprintf(stderr, "cocreate: mail: %s failed\n", cmd);
		_exit(0);
	}
	buf_free(&m);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
