/*
 * The home page and the health check.
 */
#include <string.h>

#include "extern.h"
#include "page.h"

/*
 * `/`: the consultation at a glance: the deadline and the time left, the
 * government's 5 commitments, the latest proposals.
 */
int
page_home(struct req *r)
{
	struct tmpl_dict *d;

	if ((d = resp_page_begin(r, "home.tpl", "開放政府國家行動方案 共創",
	    "Co-creating the Open Government National Action Plan")) == NULL)
		return resp_page_end(r, 500);
	page_set_deadline(r, d, page_deadline(r));
	if (page_commitment_tree(r, d, 0) == -1)
		return page_db_fail(r);

	if (page_proposal_list(r, d, "PROPOSALS", 0, 0, 0, 5, 0, 0) == -1)
		return page_db_fail(r);
	/* The meetings to come; the past ones are on /meetings. */
	if (page_meeting_lists(r, d, NULL, 5, 0) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}

/* `/healthz`: 200 "ok" when the database answers, else 503. */
int
page_healthz(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_HEALTH);
	int		 rc = sqlite3_step(st);

	sqlite3_reset(st);
	resp_header(r, "Cache-Control", "no-store");
	if (rc != SQLITE_ROW) {
		log_line(r, "health: %s", db_errmsg(r->db));
		return resp_text(r, 503, "text/plain; charset=utf-8",
		    "unavailable\n", 12);
	}
	return resp_text(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}
