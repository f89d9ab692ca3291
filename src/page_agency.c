/*
 * Agencies: `/agencies` and one agency's page `/agencies/{slug}`.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "page.h"

#define AGENCY_PROPOSALS 20	/* on the portal; the rest at /proposals */

/* `/agencies`: every agency with its slug and the items it leads. */
int
page_agencies(struct req *r)
{
	struct tmpl_dict *d, *a;
	sqlite3_stmt	 *st;
	int		  rc;

	if ((d = resp_page_begin(r, "agencies.tpl", "部會", "Agencies")) == NULL)
		return resp_page_end(r, 500);
	st = db_stmt(r->db, STMT_AGENCY_LIST);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = tmpl_section(d, "AGENCY");
		tmpl_set(a, "SLUG", page_col(st, 1));
		tmpl_set(a, "NAME", page_col(st, 2));
		tmpl_set(a, "FULL_NAME", page_col(st, 3));
		tmpl_set(a, "NAME_EN", page_col(st, 4));
		tmpl_set_int(a, "ITEMS", sqlite3_column_int64(st, 5));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}

/* An expert of an agency's meetings, as read. */
struct expert {
	const char	*name, *affiliation;
};

/* By name, then affiliation, as SQLite's BINARY collation orders them. */
static int
expert_cmp(const void *a, const void *b)
{
	const struct expert *x = a, *y = b;
	int		     c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->affiliation, y->affiliation);
}

/*
 * Adds an EXPERT section for each expert on the agency's scheduled
 * meetings, in order of name and affiliation, with how many meetings each
 * sits on.  Returns how many, or -1 on a database error or out of memory.
 */
static int
experts(struct req *r, struct tmpl_dict *d, long long agency_id)
{
	struct tmpl_dict *it;
	struct expert	 *e = NULL, *grown;
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_AGENCY_EXPERTS);
	size_t		  n = 0, cap = 0, i, j;
	int		  rc, shown = 0;

	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((grown = arena_alloc(r->arena, cap *
			    sizeof(*e))) == NULL)
				break;
			if (n > 0)
				memcpy(grown, e, n * sizeof(*e));
			e = grown;
		}
		e[n].name = arena_strdup(r->arena, page_col(st, 0));
		e[n].affiliation = arena_strdup(r->arena, page_col(st, 1));
		if (e[n].name == NULL || e[n].affiliation == NULL)
			break;
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (n > 1)
		qsort(e, n, sizeof(*e), expert_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && expert_cmp(&e[i], &e[j]) == 0; j++)
			continue;
		it = tmpl_section(d, "EXPERT");
		tmpl_set(it, "NAME", e[i].name);
		if (*e[i].affiliation != '\0')
			tmpl_set(tmpl_section(it, "AFFILIATION"), "TEXT",
			    e[i].affiliation);
		tmpl_set_int(it, "MEETINGS", (long long)(j - i));
		shown++;
	}
	return shown;
}

/*
 * `/agencies/{slug}`, the agency's portal: its commitment items (as lead
 * and as co-agency) with their status, the proposals addressed to it with
 * its answers, its MSF meetings and their experts, and a comment thread
 * for input on its plan.
 */
int
page_agency(struct req *r)
{
	struct tmpl_dict *d, *it;
	sqlite3_stmt	 *st;
	long long	  agency_id, total;
	time_t		  deadline;
	int		  rc, n, lead, open;
	char		 *name, *name_en, *action;

	st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
	sqlite3_bind_text(st, 1, r->slug, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? page_not_found(r) : page_db_fail(r);
	}
	name = arena_strdup(r->arena, page_col(st, 2));
	name_en = arena_strdup(r->arena, page_col(st, 4));
	if (name == NULL || name_en == NULL ||
	    (d = resp_page_begin(r, "agency.tpl", name, name_en)) == NULL) {
		sqlite3_reset(st);
		return resp_page_end(r, 500);
	}
	agency_id = sqlite3_column_int64(st, 0);
	tmpl_set(d, "SLUG", page_col(st, 1));
	tmpl_set(d, "NAME", page_col(st, 2));
	tmpl_set(d, "FULL_NAME", page_col(st, 3));
	tmpl_set(d, "NAME_EN", page_col(st, 4));
	sqlite3_reset(st);

	/* The items it leads, then those it helps with. */
	n = 0;
	st = db_stmt(r->db, STMT_ITEMS_OF_AGENCY);
	sqlite3_bind_int64(st, 1, agency_id);
	for (lead = 1; lead >= 0; lead--) {
		sqlite3_bind_int(st, 2, lead);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			n++;
			it = tmpl_section(d, "ITEM");
			tmpl_set_int(it, "ID", sqlite3_column_int64(st, 0));
			page_set_item_no(it, "NO", sqlite3_column_int(st, 1),
			    sqlite3_column_int(st, 2));
			tmpl_set(it, "TITLE", page_col(st, 3));
			tmpl_set(it, "TITLE_EN", page_col(st, 4));
			tmpl_set(it, "STATUS_ZH",
			    page_item_status_zh(page_col(st, 5)));
			tmpl_set(it, "STATUS_EN",
			    page_item_status_en(page_col(st, 5)));
			tmpl_set(it, "LEAD_SLUG", page_col(st, 6));
			tmpl_set(it, "LEAD_NAME", page_col(st, 7));
			tmpl_show(it, lead ? "LEAD" : "CO");
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return page_db_fail(r);
	}
	if (n == 0)
		tmpl_show(d, "NO_ITEMS");

	/* The latest 20 addressed to it, with its answers; all at /proposals. */
	if ((total = page_proposal_count(r, agency_id, 0, 0, NULL)) == -1 ||
	    page_proposal_list(r, d, "PROPOSALS", agency_id, 0, 0,
	    AGENCY_PROPOSALS, 0, 1) == -1)
		return page_db_fail(r);
	tmpl_set_int(d, "PROPOSALS_TOTAL", total);
	if (total > AGENCY_PROPOSALS)
		tmpl_show(d, "MORE_PROPOSALS");

	/*
	 * Its MSF meetings, announced and past (each list says when it has
	 * none: NO_UPCOMING, NO_PAST), and their experts.
	 */
	if (page_meeting_lists(r, d, r->slug, 100, 1) == -1)
		return page_db_fail(r);
	if ((n = experts(r, d, agency_id)) == -1)
		return page_db_fail(r);
	if (n == 0)
		tmpl_show(d, "NO_EXPERTS");

	/* Input on the agency's plan, open until the deadline. */
	deadline = page_deadline(r);
	open = deadline == 0 || r->now < deadline;
	if (open)
		tmpl_show(d, "COMMENTS_OPEN");	/* "comment below" */
	action = arena_printf(r->arena, "/agencies/%s/comments", r->slug);
	if (page_comments(r, d, "agency", agency_id, action ? action : "",
	    open) == -1)
		return page_db_fail(r);
	return resp_page_end(r, 200);
}
