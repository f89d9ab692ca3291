/*
 * Dispatch: one table of method, path pattern and handler (after kcgi's
 * disps[]), matched segment by segment.  "{id}" matches a positive decimal
 * id and "{slug}" an agency slug; anything else must match literally.
 */
#include <string.h>

#include "extern.h"
#include "page.h"

#define M_GET	(1u << METHOD_GET | 1u << METHOD_HEAD)
#define M_POST	(1u << METHOD_POST)

struct route {
	unsigned	  methods;
	const char	 *pattern;
	int		(*handler)(struct req *);
};

static const struct route routes[] = {
	{ M_GET,  "/",				page_home },
	{ M_GET,  "/healthz",			page_healthz },
	{ M_GET,  "/commitments",		page_commitments },
	{ M_GET,  "/commitments/{id}",		page_commitment },
	{ M_GET,  "/agencies",			page_agencies },
	{ M_GET,  "/agencies/{slug}",		page_agency },
	{ M_GET,  "/proposals",			page_proposals },
	{ M_GET,  "/proposals.csv",		page_open_csv },
	{ M_GET,  "/proposals.json",		page_open_json },
	{ M_GET,  "/responses",			page_responses },
	{ M_GET,  "/search",			page_search },
	{ M_GET,  "/process",			page_process },
	{ M_POST, "/proposals",			page_proposal_create },
	{ M_GET,  "/proposals/new",		page_proposal_new },
	{ M_GET,  "/proposals/{id}",		page_proposal },
	{ M_POST, "/proposals/{id}",		page_proposal_update },
	{ M_GET,  "/proposals/{id}/edit",	page_proposal_edit },
	{ M_GET,  "/proposals/{id}/print",	page_proposal_print },
	{ M_GET,  "/proposals/{id}/history",	page_proposal_history },
	{ M_GET,  "/meetings/{id}/history",	page_meeting_history },
	{ M_GET,  "/login",			page_login },
	{ M_POST, "/login",			page_login_post },
	{ M_POST, "/logout",			page_logout },
	{ M_GET,  "/meetings",			page_meetings },
	{ M_GET,  "/meetings.ics",		page_meetings_ics },
	{ M_GET,  "/agencies/{slug}/meetings.ics", page_agency_ics },
	{ M_GET,  "/feed.atom",			page_atom },
	{ M_GET,  "/meetings/{id}",		page_meeting },
	{ M_POST, "/meetings/{id}/register",	page_meeting_register },
	{ M_POST, "/commitments/{id}/comments",	page_comment_item },
	{ M_POST, "/commitments/{id}/reviews",	page_review_item },
	{ M_POST, "/admin/items/{id}/milestones", page_milestone_add },
	{ M_POST, "/admin/items/{id}/updates",	page_item_update },
	{ M_POST, "/admin/review",		page_admin_review },
	{ M_POST, "/proposals/{id}/comments",	page_comment_proposal },
	{ M_POST, "/meetings/{id}/comments",	page_comment_meeting },
	{ M_POST, "/agencies/{slug}/comments",	page_comment_agency },
	{ M_POST, "/comments/{id}/report",	page_comment_report },
	{ M_POST, "/preview",			page_preview },
	{ M_GET,  "/admin/meetings",		page_admin_meetings },
	{ M_POST, "/admin/meetings",		page_meeting_create },
	{ M_GET,  "/admin/meetings/new",	page_meeting_new },
	{ M_GET,  "/admin/meetings/{id}/edit",	page_meeting_edit },
	{ M_POST, "/admin/meetings/{id}",	page_meeting_update },
	{ M_GET,  "/admin",			page_admin },
	{ M_GET,  "/admin/proposals",		page_admin_proposals },
	{ M_GET,  "/admin/proposals/{id}",	page_admin_proposal },
	{ M_GET,  "/admin/proposals/{id}.odt",	page_proposal_odt },
	{ M_GET,  "/admin/export.csv",		page_export_csv },
	{ M_GET,  "/admin/export.json",		page_export_json },
	{ M_GET,  "/admin/export.odt",		page_export_odt },
	{ M_GET,  "/admin/export-responses.csv", page_export_responses },
	{ M_POST, "/admin/proposals/{id}/answer", page_admin_answer },
	{ M_POST, "/admin/proposals/{id}/route", page_admin_route },
	{ M_GET,  "/admin/users",		page_admin_users },
	{ M_POST, "/admin/users",		page_admin_user_add },
	{ M_GET,  "/admin/deadline",		page_admin_deadline },
	{ M_POST, "/admin/deadline",		page_admin_deadline_post },
	{ M_GET,  "/admin/comments",		page_admin_comments },
	{ M_POST, "/admin/comments/{id}/hide",	page_comment_hide },
	{ M_POST, "/admin/comments/{id}/unhide", page_comment_unhide },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/*
 * Matches path against pattern, setting r->id or r->slug for a
 * placeholder.  Returns 1 on a match.
 */
static int
match(struct req *r, const char *pattern, const char *path)
{
	const char	*pe, *se;
	char		 seg[64];
	size_t		 n;

	if (strcmp(pattern, "/") == 0)
		return strcmp(path, "/") == 0;
	while (*pattern != '\0' && *path != '\0') {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++;
		path++;
		pe = strchr(pattern, '/');
		se = strchr(path, '/');
		if (pe == NULL)
			pe = pattern + strlen(pattern);
		if (se == NULL)
			se = path + strlen(path);
		n = (size_t)(se - path);
		if (n == 0 || n >= sizeof(seg))
			return 0;
		memcpy(seg, path, n);
		seg[n] = '\0';
		if ((size_t)(pe - pattern) >= 4 && memcmp(pattern, "{id}", 4) == 0) {
			/* "{id}" or "{id}.odt": the id, then the suffix. */
			size_t suf = (size_t)(pe - pattern) - 4;
			if (n <= suf || memcmp(seg + n - suf, pattern + 4, suf) != 0)
				return 0;
			seg[n - suf] = '\0';
			if (!valid_id(seg, &r->id))
				return 0;
		} else if ((size_t)(pe - pattern) == 6 &&
		    memcmp(pattern, "{slug}", 6) == 0) {
			if (!valid_slug(seg))
				return 0;
			r->slug = arena_strdup(r->arena, seg);
		} else if ((size_t)(pe - pattern) != n ||
		    memcmp(pattern, seg, n) != 0)
			return 0;
		pattern = pe;
		path = se;
	}
	return *pattern == '\0' && *path == '\0';
}

/*
 * Finds the route for r.  Returns its handler and sets r->route; or NULL,
 * with *status 404 (no such path) or 405 (and *allow set to the methods the
 * path has).
 */
int
(*route_find(struct req *r, int *status, const char **allow))(struct req *)
{
	unsigned	 have = 0;

	*allow = NULL;
	for (size_t i = 0; i < NROUTES; i++) {
		if (!match(r, routes[i].pattern, r->path))
			continue;
		if (r->method != METHOD_OTHER &&
		    (routes[i].methods & (1u << r->method))) {
			r->route = routes[i].pattern;
			return routes[i].handler;
		}
		have |= routes[i].methods;
	}
	if (have == 0) {
		*status = 404;
		return NULL;
	}
	*status = 405;
	if ((have & M_GET) && (have & M_POST))
		*allow = "GET, HEAD, POST";
	else if (have & M_GET)
		*allow = "GET, HEAD";
	else
		*allow = "POST";
	return NULL;
}
