/*
 * The government's draft: `/commitments` and `/commitments/{id}` (one item).
 */
#include <string.h>

#include "extern.h"
#include "page.h"

#define MAX_COMMITMENTS 64
#define MAX_ITEMS 1024
#define ITEM_PROPOSALS 20	/* on an item's page; the rest at /proposals */

/* Adds an AGENCY section from columns col.. (slug, name, name_en). */
static void
agency_section(struct tmpl_dict *d, sqlite3_stmt *st, int col)
{
	struct tmpl_dict *a = tmpl_section(d, "AGENCY");

	tmpl_set(a, "SLUG", page_col(st, col));
	tmpl_set(a, "NAME", page_col(st, col + 1));
	tmpl_set(a, "NAME_EN", page_col(st, col + 2));
}

/* Adds AGENCY sections (slug, name) for the agencies of a commitment. */
static int
commitment_agencies(struct req *r, struct tmpl_dict *d, long long id)
{
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_COMMITMENT_AGENCIES);
	int		  rc;

	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		agency_section(d, st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Adds the 5 commitments as COMMITMENT sections, each with its items
 * (ITEM).  With full (`/commitments`), each also has its agencies (AGENCY),
 * and each item its status, English title, lead's slug and English name,
 * milestone progress and count of proposals; without (the home page, which
 * shows an item's number, title and lead), not: a third of the home
 * page's work was reading and setting them for nothing.  Returns 0 or -1
 * on a database error.
 */
int
page_commitment_tree(struct req *r, struct tmpl_dict *d, int full)
{
	struct tmpl_dict *c[MAX_COMMITMENTS] = { NULL };
	struct tmpl_dict *it;
	sqlite3_stmt	 *st;
	long long	  id, iid;
	int		  rc, pct[MAX_ITEMS];

	st = db_stmt(r->db, STMT_COMMITMENT_LIST);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || id >= MAX_COMMITMENTS)
			continue;
		c[id] = tmpl_section(d, "COMMITMENT");
		tmpl_set_int(c[id], "ID", id);
		tmpl_set(c[id], "TITLE", page_col(st, 1));
		tmpl_set(c[id], "TITLE_EN", page_col(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;

	memset(pct, -1, sizeof(pct));
	if (full) {
		st = db_stmt(r->db, STMT_COMMITMENT_AGENCIES_ALL);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			if (id >= 1 && id < MAX_COMMITMENTS && c[id] != NULL)
				agency_section(c[id], st, 1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;

		/* Milestone progress per item, for the plan at a glance. */
		st = db_stmt(r->db, STMT_ITEM_PROGRESS);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			if (id > 0 && id < MAX_ITEMS)
				pct[id] = sqlite3_column_int(st, 2);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return -1;
	}

	st = db_stmt(r->db, full ? STMT_ITEM_LIST : STMT_ITEM_BRIEF);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 1);
		if (id < 1 || id >= MAX_COMMITMENTS || c[id] == NULL)
			continue;
		it = tmpl_section(c[id], "ITEM");
		tmpl_set_int(it, "ID", sqlite3_column_int64(st, 0));
		page_set_item_no(it, "NO", (int)id, sqlite3_column_int(st, 2));
		tmpl_set(it, "TITLE", page_col(st, 3));
		tmpl_set(it, "LEAD_NAME", page_col(st, 7));
		if (!full)
			continue;
		if ((iid = sqlite3_column_int64(st, 0)) > 0 && iid < MAX_ITEMS &&
		    pct[iid] >= 0)
			tmpl_set_int(tmpl_section(it, "PROGRESS"), "PCT", pct[iid]);
		else
			tmpl_show(it, "NO_PROGRESS");
		tmpl_set(it, "TITLE_EN", page_col(st, 4));
		tmpl_set(it, "STATUS", page_col(st, 5));
		tmpl_set(it, "STATUS_ZH", page_item_status_zh(page_col(st, 5)));
		tmpl_set(it, "STATUS_EN", page_item_status_en(page_col(st, 5)));
		tmpl_set(it, "LEAD_SLUG", page_col(st, 6));
		tmpl_set(it, "LEAD_NAME_EN", page_col(st, 8));
		tmpl_set_int(it, "PROPOSALS", sqlite3_column_int64(st, 9));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* `/commitments`: the whole draft. */
int
page_commitments(struct req *r)
{
	struct tmpl_dict *d;

	if ((d = resp_page_begin(r, "commitments.tpl", "行動方案承諾事項",
	    "The government's draft commitments")) == NULL)
		return resp_page_end(r, 500);
	if (page_commitment_tree(r, d, 1) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}

/*
 * `/commitments/{id}`: one item: its text, lead agency, the commitment's
 * agencies, status and the proposals that would modify or delete it.
 */
int
page_commitment(struct req *r)
{
	struct tmpl_dict *d;
	sqlite3_stmt	 *st;
	long long	  cid, total;
	time_t		  deadline;
	int		  rc, n;
	char		 *title, *action;

	st = db_stmt(r->db, STMT_ITEM_GET);
	sqlite3_bind_int64(st, 1, r->id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? page_not_found(r) : page_db_fail(r);
	}
	title = arena_strdup(r->arena, page_col(st, 3));
	if ((d = resp_page_begin(r, "commitment.tpl", title ? title : "",
	    page_col(st, 4))) == NULL) {
		sqlite3_reset(st);
		return resp_page_end(r, 500);
	}
	cid = sqlite3_column_int64(st, 1);
	tmpl_set_int(d, "ID", r->id);
	tmpl_set_int(d, "COMMITMENT_ID", cid);
	page_set_item_no(d, "NO", (int)cid, sqlite3_column_int(st, 2));
	tmpl_set(d, "TITLE", page_col(st, 3));
	tmpl_set(d, "TITLE_EN", page_col(st, 4));
	tmpl_set(d, "BODY", page_col(st, 5));
	tmpl_set(d, "STATUS", page_col(st, 6));
	tmpl_set(d, "STATUS_ZH", page_item_status_zh(page_col(st, 6)));
	tmpl_set(d, "STATUS_EN", page_item_status_en(page_col(st, 6)));
	tmpl_set(d, "LEAD_SLUG", page_col(st, 7));
	tmpl_set(d, "LEAD_NAME", page_col(st, 8));
	tmpl_set(d, "LEAD_NAME_EN", page_col(st, 9));
	tmpl_set(d, "COMMITMENT_TITLE", page_col(st, 10));
	tmpl_set(d, "COMMITMENT_TITLE_EN", page_col(st, 11));
	sqlite3_reset(st);
	if (commitment_agencies(r, d, cid) == -1)
		return page_db_fail(r);

	/* The latest on this item; all of them at /proposals?item=. */
	if ((total = page_proposal_count(r, 0, r->id, 0, NULL)) == -1)
		return page_db_fail(r);
	tmpl_set_int(d, "PROPOSALS_TOTAL", total);
	if (total > ITEM_PROPOSALS)
		tmpl_show(d, "MORE_PROPOSALS");
	st = db_stmt(r->db, STMT_PROPOSALS_OF_ITEM);
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int(st, 2, ITEM_PROPOSALS);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct tmpl_dict *p = tmpl_section(d, "PROPOSAL");
		n++;
		tmpl_set_int(p, "ID", sqlite3_column_int64(st, 0));
		tmpl_set(p, "TITLE", page_col(st, 1));
		tmpl_set(p, "KIND_ZH", page_kind_zh(page_col(st, 2)));
		page_set_time(p, "SUBMITTED", page_col(st, 3));
		tmpl_set(p, "SUBMITTER", page_col(st, 4));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NO_PROPOSALS");
	if (page_item_tracking(r, d, r->id) == -1)
		return page_db_fail(r);
	deadline = page_deadline(r);
	action = arena_printf(r->arena, "/commitments/%lld/comments", r->id);
	if (page_comments(r, d, "item", r->id, action ? action : "",
	    deadline == 0 || r->now < deadline) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}
