/*
 * Differences between two texts, word by word for Latin script and
 * character by character for Chinese: the texts are cut into tokens (a run
 * of ASCII letters and digits, a run of spaces, or any other single
 * character) and compared with Myers' O(ND) algorithm; lists (one entry
 * per line) are cut into lines instead.  The result is a list of
 * segments, each kept, deleted or inserted, that the templates show
 * escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Beyond this many differences the texts are shown as replaced whole. */
#define DIFF_MAX_D 500

struct tok {
	const char	*s;
	size_t		 len;
};

static int
is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Cuts s into tokens in the arena: words, runs of spaces and single
 * characters, or with lines set whole lines and the line breaks between
 * them.  Returns the count or -1.
 */
static long
tokenise(struct arena *a, const char *s, int lines, struct tok **out)
{
	size_t	 len = strlen(s), i = 0, n = 0, j;
	struct tok *t;

	if ((t = arena_calloc(a, len + 1, sizeof(*t))) == NULL)
		return -1;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		j = i + 1;
		if (lines) {
			if (c != '\n')
				while (j < len && s[j] != '\n')
					j++;
		} else if (is_word(c))
			while (j < len && is_word((unsigned char)s[j]))
				j++;
		else if (is_space(c))
			while (j < len && is_space((unsigned char)s[j]))
				j++;
		else
			while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
				j++;
		t[n].s = s + i;
		t[n].len = j - i;
		n++;
		i = j;
	}
	*out = t;
	return (long)n;
}

static int
same(const struct tok *x, const struct tok *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/* Appends a segment, joining it to the last one of the same kind. */
static int
emit(struct arena *a, struct diff_seg **segs, size_t *n, size_t *cap,
    int op, const char *s, size_t len)
{
	struct diff_seg	*p;

	if (len == 0)
		return 0;
	if (*n > 0 && (*segs)[*n - 1].op == op &&
	    (*segs)[*n - 1].s + (*segs)[*n - 1].len == s) {
		(*segs)[*n - 1].len += len;
		return 0;
	}
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		if ((p = arena_alloc(a, ncap * sizeof(*p))) == NULL)
			return -1;
		if (*n)
			memcpy(p, *segs, *n * sizeof(*p));
		*segs = p;
		*cap = ncap;
	}
	(*segs)[*n].op = op;
	(*segs)[*n].s = s;
	(*segs)[*n].len = len;
	(*n)++;
	return 0;
}

/*
 * Compares a and b, token by token (see tokenise).  On success *out (in
 * the arena) holds *n segments in order: op 0 for text in both, -1 for
 * text only in a, 1 only in b.  Returns 0, or -1 when memory runs out.
 */
static int
diff_tokens(struct arena *ar, const char *a, const char *b, int lines,
    struct diff_seg **out, size_t *n)
{
	struct tok	*ta, *tb;
	long		 na, nb, pre = 0, suf = 0, N, M, max, d, k, x, y;
	long		*v = NULL, *trace = NULL, off, dfound = -1;
	size_t		 cap = 0, tsize;
	struct diff_seg	*segs = NULL;
	int		 rc = -1;
	long		*ops = NULL, nops = 0;

	*out = NULL;
	*n = 0;
	if ((na = tokenise(ar, a, lines, &ta)) < 0 ||
	    (nb = tokenise(ar, b, lines, &tb)) < 0)
		return -1;
	while (pre < na && pre < nb && same(&ta[pre], &tb[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	    same(&ta[na - 1 - suf], &tb[nb - 1 - suf]))
		suf++;
	N = na - pre - suf;
	M = nb - pre - suf;

	if (pre > 0 && emit(ar, &segs, n, &cap, 0, ta[0].s,
	    (size_t)(ta[pre - 1].s + ta[pre - 1].len - ta[0].s)) == -1)
		return -1;

	max = N + M;
	if (max > 0) {
		long dmax = max < DIFF_MAX_D ? max : DIFF_MAX_D;
		/* V for each d, kept to walk the path back. */
		tsize = (size_t)(dmax + 1) * (size_t)(2 * dmax + 3);
		if ((trace = calloc(tsize, sizeof(*trace))) == NULL ||
		    (v = calloc((size_t)(2 * dmax + 3), sizeof(*v))) == NULL)
			goto out;
		off = dmax + 1;
		for (d = 0; d <= dmax && dfound < 0; d++) {
			for (k = -d; k <= d; k += 2) {
				if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
					x = v[off + k + 1];
				else
					x = v[off + k - 1] + 1;
				y = x - k;
				while (x < N && y < M && same(&ta[pre + x], &tb[pre + y])) {
					x++;
					y++;
				}
				v[off + k] = x;
				if (x >= N && y >= M) {
					dfound = d;
					break;
				}
			}
			memcpy(trace + (size_t)d * (size_t)(2 * dmax + 3), v,
			    (size_t)(2 * dmax + 3) * sizeof(*v));
		}
		if (dfound >= 0) {
			/* Walk back: for each d, whether it was an insert. */
			if ((ops = calloc((size_t)dfound + 1, sizeof(*ops) * 3)) == NULL)
				goto out;
			x = N;
			y = M;
			for (d = dfound; d > 0; d--) {
				long *pv = trace + (size_t)(d - 1) * (size_t)(2 * dmax + 3);
				long px, py, pk;
				k = x - y;
				if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
					pk = k + 1;
				else
					pk = k - 1;
				px = pv[off + pk];
				py = px - pk;
				/* Record (x_start, y_start, was insert) of this edit. */
				ops[nops * 3] = px;
				ops[nops * 3 + 1] = py;
				ops[nops * 3 + 2] = pk == k + 1;
				nops++;
				x = px;
				y = py;
			}
			/* Replay forwards: snakes between the edits. */
			x = y = 0;
			for (long i = nops - 1; i >= -1; i--) {
				long ex, ey;
				if (i >= 0) {
					long sx = ops[i * 3], sy = ops[i * 3 + 1];
					/* The snake before this edit ends at (sx, sy). */
					(void)sy;
					while (x < sx) {
						if (emit(ar, &segs, n, &cap, 0, ta[pre + x].s,
						    ta[pre + x].len) == -1)
							goto out;
						x++;
						y++;
					}
					if (ops[i * 3 + 2]) {
						if (emit(ar, &segs, n, &cap, 1, tb[pre + y].s,
						    tb[pre + y].len) == -1)
							goto out;
						y++;
					} else {
						if (emit(ar, &segs, n, &cap, -1, ta[pre + x].s,
						    ta[pre + x].len) == -1)
							goto out;
						x++;
					}
				} else {
					ex = N;
					ey = M;
					while (x < ex && y < ey) {
						if (emit(ar, &segs, n, &cap, 0, ta[pre + x].s,
						    ta[pre + x].len) == -1)
							goto out;
						x++;
						y++;
					}
				}
			}
		} else {
			/* Too different: all of a out, all of b in. */
			for (x = 0; x < N; x++)
				if (emit(ar, &segs, n, &cap, -1, ta[pre + x].s,
				    ta[pre + x].len) == -1)
					goto out;
			for (y = 0; y < M; y++)
				if (emit(ar, &segs, n, &cap, 1, tb[pre + y].s,
				    tb[pre + y].len) == -1)
					goto out;
		}
	}
	if (suf > 0 && emit(ar, &segs, n, &cap, 0, ta[na - suf].s,
	    (size_t)(ta[na - 1].s + ta[na - 1].len - ta[na - suf].s)) == -1)
		goto out;
	*out = segs;
	rc = 0;
out:
	free(trace);
	free(v);
	free(ops);
	return rc;
}

/*
 * Compares a and b word by word (character by character for Chinese); the
 * segments as diff_tokens.
 */
int
diff_text(struct arena *ar, const char *a, const char *b,
    struct diff_seg **out, size_t *n)
{
	return diff_tokens(ar, a, b, 0, out, n);
}

/*
 * Compares a and b line by line: a line is kept, deleted or inserted
 * whole (lists such as milestones, one per line).  Segments as
 * diff_tokens.
 */
int
diff_lines(struct arena *ar, const char *a, const char *b,
    struct diff_seg **out, size_t *n)
{
	return diff_tokens(ar, a, b, 1, out, n);
}
