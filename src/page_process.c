/*
 * `/process`: the health of the co-creation process, agency by agency,
 * against OGP's participation and co-creation standards: how long since
 * the last multi-stakeholder forum (it should meet at least every six
 * months), how many meetings were announced at least 14 days ahead, how
 * many minutes came out within 14 days, and whether every proposal got a
 * reasoned response, with the median days it took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define FORUM_DAYS	183	/* at least every six months */
#define MAX_AGENCIES	256
#define MAX_ANSWERS	100000

/* Sets KEY to "n / total (p%)" and KEY_PCT, or "—" with nothing to count. */
static void
share(struct tmpl_dict *d, const char *key, long long n, long long total)
{
	char	 k[64];

	if (total == 0) {
		tmpl_set(d, key, "—");
		return;
	}
	tmpl_setf(d, key, "%lld / %lld（%lld%%）", n, total, n * 100 / total);
	snprintf(k, sizeof(k), "%s_PCT", key);
	tmpl_set_int(d, k, n * 100 / total);
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sets MEDIAN in row: the median days to answer of agency ag (0: the
 * proposals not routed to any), or "—" when none was answered.  days holds
 * every agency's days, agency ids[i]'s from start[i] to start[i + 1].
 */
static void
median_days(struct tmpl_dict *row, long long ag, const long long *ids,
    int nag, const size_t *start, double *days)
{
	double	 median = -1;

	for (int i = 0; i < nag; i++)
		if (ids[i] == ag && start[i + 1] > start[i]) {
			size_t n = start[i + 1] - start[i];
			double *v = days + start[i];
			qsort(v, n, sizeof(*v), cmp_double);
			median = n % 2 ? v[n / 2] :
			    (v[n / 2 - 1] + v[n / 2]) / 2;
		}
	if (median >= 0)
		tmpl_setf(row, "MEDIAN", "%.1f", median);
	else
		tmpl_set(row, "MEDIAN", "—");
}

/*
 * Sets ANSWERED (a share) in row, and UNANSWERED when some of the
 * proposals have no answer.  Returns 1 for that flag, else 0.
 */
static int
answered_share(struct tmpl_dict *row, long long answered,
    long long proposals)
{
	share(row, "ANSWERED", answered, proposals);
	if (answered >= proposals)
		return 0;
	tmpl_show(row, "UNANSWERED");
	return 1;
}

int
page_process(struct req *r)
{
	struct tmpl_dict *d, *row;
	sqlite3_stmt	 *st;
	double		 *days = NULL;
	long long	  ag, ids[MAX_AGENCIES];
	size_t		  ndays = 0, cap = 0, start[MAX_AGENCIES + 1];
	char		  now[32];
	time_t		  last;
	int		  rc, nag = 0, flags = 0;

	/* Days to answer per agency, sorted by the statement. */
	st = db_stmt(r->db, STMT_HEALTH_ANSWER_DAYS);
	memset(ids, 0, sizeof(ids));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && ndays < MAX_ANSWERS) {
		if (ndays == cap) {
			double *p = realloc(days, (cap = cap ? cap * 2 : 256) *
			    sizeof(*days));
			if (p == NULL)
				break;
			days = p;
		}
		ag = sqlite3_column_int64(st, 0);
		if (nag == 0 || ids[nag - 1] != ag) {
			if (nag == MAX_AGENCIES)
				break;
			ids[nag] = ag;
			start[nag++] = ndays;
		}
		days[ndays++] = sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	start[nag] = ndays;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(days);
		return page_db_fail(r);
	}

	if ((d = resp_page_begin(r, "process.tpl", "共創過程健康度",
	    "Health of the co-creation process")) == NULL) {
		free(days);
		return resp_page_end(r, 500);
	}
	tmpl_set_int(d, "FORUM_DAYS", FORUM_DAYS);
	when_utc(r->now, now, sizeof(now));
	st = db_stmt(r->db, STMT_HEALTH_AGENCIES);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long meetings = sqlite3_column_int64(st, 4);
		long long ahead = sqlite3_column_int64(st, 5);
		long long held = sqlite3_column_int64(st, 6);
		long long due = sqlite3_column_int64(st, 7);
		long long minutes = sqlite3_column_int64(st, 8);
		long long proposals = sqlite3_column_int64(st, 9);
		long long answered = sqlite3_column_int64(st, 10);
		int committed = sqlite3_column_int(st, 11);

		ag = sqlite3_column_int64(st, 0);
		row = tmpl_section(d, "AGENCY");
		tmpl_set(row, "SLUG", page_col(st, 1));
		tmpl_set(row, "NAME", page_col(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    when_parse(page_col(st, 3), 0, &last) == 0) {
			long long since = ((long long)r->now - last) / 86400;
			tmpl_set_int(row, "SINCE", since);
			tmpl_show(row, "HELD");
			if (since > FORUM_DAYS) {
				tmpl_show(row, "FORUM_LATE");
				flags++;
			}
		} else if (meetings > 0 || proposals > 0 || committed) {
			/* Any agency with work in the plan owes a forum. */
			tmpl_show(row, "NEVER_HELD");
			tmpl_show(row, "FORUM_LATE");
			flags++;
		} else
			tmpl_show(row, "NO_DATA");
		tmpl_set_int(row, "MEETINGS", meetings);
		tmpl_set_int(row, "HELD_N", held);
		share(row, "AHEAD", ahead, meetings);
		share(row, "MINUTES", minutes, due);
		flags += answered_share(row, answered, proposals);
		median_days(row, ag, ids, nag, start, days);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(days);
		return page_db_fail(r);
	}
	/*
	 * Proposals whose lead agency is free text and that nobody has routed
	 * yet are owed a reasoned response all the same.
	 */
	st = db_stmt(r->db, STMT_DASH_UNROUTED);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = tmpl_section(d, "UNROUTED");
		flags += answered_share(row, sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 0));
		median_days(row, 0, ids, nag, start, days);
	}
	sqlite3_reset(st);
	free(days);
	if (rc != SQLITE_ROW)
		return page_db_fail(r);
	tmpl_set_int(d, "FLAGS", flags);
	tmpl_show(d, flags ? "HAS_FLAGS" : "ALL_MET");
	return resp_page_end(r, 200);
}
