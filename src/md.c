/*
 * Markdown through discount with the flags that keep it safe: no raw HTML,
 * no images, only http(s), ftp, news and relative links (SAFELINK), no
 * pseudo-protocols, no <style> blocks, no header block.  MKD_STRICT is never
 * used: it turns SAFELINK off.
 *
 * Two of discount 2.2.7's extensions are off as well, found by fuzzing:
 * ">%class%" blocks (a class name of 67 characters or more loses its closing
 * quote, so the next paragraph's text lands inside the <div> tag as
 * attributes) and discount-style definition lists (one at the end of the
 * text, followed by blank lines, leaks memory).
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <mkdio.h>

#include "extern.h"

#define MD_FLAGS (MKD_NOHTML | MKD_SAFELINK | MKD_NOIMAGE | MKD_NO_EXT | \
    MKD_NOSTYLE | MKD_NOHEADER | MKD_NOPANTS | MKD_NODIVQUOTE | \
    MKD_NODLDISCOUNT)

static char *
render(const char *src, size_t len)
{
	MMIOT	*doc;
	char	*html = NULL, *out = NULL;
	int	 n;

	if ((doc = mkd_string(src, (int)len, MD_FLAGS)) == NULL)
		return NULL;
	if (mkd_compile(doc, MD_FLAGS) &&
	    (n = mkd_document(doc, &html)) >= 0) {
		if ((out = malloc((size_t)n + 1)) != NULL) {
			memcpy(out, html, (size_t)n);
			out[n] = '\0';
		}
	}
	mkd_cleanup(doc);
	return out;
}

/*
 * Discount recurses once per level of nesting (a '>' of a quote, a list
 * in a list): 40,000 nested quotes in a meeting's minutes (50,000
 * characters allowed) ran the worker out of its 8 MiB stack, and it died
 * (SIGSEGV, a 502).  A text long enough to nest that deep is rendered on a
 * thread of its own with MD_STACK of stack, room for every level the
 * longest text can have, even with the sanitizers' larger frames; the
 * stack is only mapped, and touched as deep as the text goes.  Shorter
 * texts (most comments) cannot nest deep enough to matter and are
 * rendered where they are.
 */
#define MD_SHALLOW	2048		/* bytes rendered on the caller's stack */
#define MD_STACK	((size_t)512 << 20)

struct job {
	const char	*src;
	size_t		 len;
	char		*out;
};

static void *
render_job(void *arg)
{
	struct job	*j = arg;

	j->out = render(j->src, j->len);
	return NULL;
}

/*
 * Renders len bytes of Markdown as HTML.  Returns a NUL-terminated copy the
 * caller frees with free(), or NULL when memory runs out.  Empty input gives
 * an empty string.
 */
char *
md_render(const char *src, size_t len)
{
	struct job	 j = { src, len, NULL };
	pthread_attr_t	 a;
	pthread_t	 t;
	sigset_t	 all, old;
	int		 rc;

	if (len > 1024 * 1024)
		return NULL;
	if (len == 0)
		return strdup("");
	if (len < MD_SHALLOW)
		return render(src, len);
	if (pthread_attr_init(&a) != 0)
		return NULL;
	rc = pthread_attr_setstacksize(&a, MD_STACK);
	/* Signals stay with the worker's own thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (rc == 0)
		rc = pthread_create(&t, &a, render_job, &j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&a);
	if (rc != 0)
		return NULL;
	pthread_join(t, NULL);
	return j.out;
}
