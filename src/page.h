/*
 * Page handlers (one file per area, src/page_*.c) and the helpers they
 * share (src/page.c).
 */
#ifndef COCREATE_PAGE_H
#define COCREATE_PAGE_H

/* route.c */
int	(*route_find(struct req *, int *, const char **))(struct req *);

/* page_home.c */
int	 page_home(struct req *);
int	 page_healthz(struct req *);

/* page_commitment.c */
int	 page_commitments(struct req *);
int	 page_commitment(struct req *);
int	 page_commitment_tree(struct req *, struct tmpl_dict *, int);

/* page_agency.c */
int	 page_agencies(struct req *);
int	 page_agency(struct req *);

/* page_proposal.c */
int	 page_proposals(struct req *);
int	 page_proposal_new(struct req *);
int	 page_proposal_create(struct req *);
int	 page_proposal(struct req *);
int	 page_proposal_edit(struct req *);
int	 page_proposal_update(struct req *);
int	 page_proposal_print(struct req *);
int	 page_proposal_fill(struct req *, struct tmpl_dict *, long long, int);
int	 page_proposal_token(struct req *, const char *, char *, size_t);

/* page_history.c */
int	 page_proposal_history(struct req *);
int	 page_meeting_history(struct req *);
int	 page_proposal_rows(struct req *, struct tmpl_dict *, const char *,
	    sqlite3_stmt *, int);
long long page_proposal_count(struct req *, long long, long long, unsigned,
	    const char *);	/* the filter's words, or NULL */
int	 page_proposal_list(struct req *, struct tmpl_dict *, const char *,
	    long long, long long, unsigned, long long, long long, int);

/* page_meeting.c */
const char *page_meeting_status_zh(const char *);
const char *page_meeting_status_en(const char *);
int	 page_meetings(struct req *);
int	 page_meeting(struct req *);
int	 page_meeting_register(struct req *);
int	 page_meeting_lists(struct req *, struct tmpl_dict *, const char *, int,
	    int);
int	 page_admin_meetings(struct req *);
int	 page_meeting_new(struct req *);
int	 page_meeting_create(struct req *);
int	 page_meeting_edit(struct req *);
int	 page_meeting_update(struct req *);

/* page_comment.c */
int	 page_comments(struct req *, struct tmpl_dict *, const char *,
	    long long, const char *, int);
int	 page_thread(struct req *, struct tmpl_dict *, const char *,
	    const char *, long long, const char *, int);
int	 page_comment_item(struct req *);
int	 page_review_item(struct req *);
int	 page_comment_proposal(struct req *);
int	 page_comment_meeting(struct req *);
int	 page_comment_agency(struct req *);
int	 page_comment_report(struct req *);
int	 page_comment_hide(struct req *);
int	 page_comment_unhide(struct req *);
int	 page_admin_comments(struct req *);
int	 page_preview(struct req *);

/* page_admin.c */
const char *page_answer_zh(const char *);
const char *page_answer_en(const char *);
int	 page_answers(struct req *, struct tmpl_dict *, long long, int);
int	 page_admin(struct req *);
int	 page_admin_proposals(struct req *);
int	 page_admin_proposal(struct req *);
int	 page_admin_answer(struct req *);
int	 page_admin_route(struct req *);
int	 page_admin_users(struct req *);
int	 page_admin_user_add(struct req *);
int	 page_admin_deadline(struct req *);
int	 page_admin_deadline_post(struct req *);

/* page_export.c */
int	 page_export_csv(struct req *);
int	 page_export_json(struct req *);
int	 page_export_odt(struct req *);
int	 page_export_responses(struct req *);
int	 page_proposal_odt(struct req *);
int	 page_open_csv(struct req *);
int	 page_open_json(struct req *);
int	 page_responses(struct req *);

/* page_feed.c */
int	 page_meetings_ics(struct req *);
int	 page_agency_ics(struct req *);
int	 page_atom(struct req *);

/* page_login.c */
int	 page_session(struct req *);
int	 page_csrf_ok(struct req *);
int	 page_staff(struct req *);
int	 page_organizer(struct req *);
int	 page_agency_ok(struct req *, long long);
int	 page_login(struct req *);
int	 page_login_post(struct req *);
int	 page_logout(struct req *);

/* page.c */
time_t	 page_deadline(struct req *);
void	 page_set_deadline(struct req *, struct tmpl_dict *, time_t);
void	 page_set_time(struct tmpl_dict *, const char *, const char *);
void	 page_set_time_roc(struct tmpl_dict *, const char *, const char *);
int	 page_not_found(struct req *);
int	 page_db_fail(struct req *);
/* A search's or a list filter's words, in characters (the boxes' maxlength). */
#define PAGE_WORDS_MAX	100

const char *page_col(sqlite3_stmt *, int);
const char *page_kind_zh(const char *);
const char *page_kind_en(const char *);
const char *page_proposal_status_zh(const char *);
const char *page_proposal_status_en(const char *);
const char *page_item_status_zh(const char *);
const char *page_item_status_en(const char *);
void	 page_set_values(struct tmpl_dict *, unsigned);
void	 page_set_item_no(struct tmpl_dict *, const char *, int, int);
int	 page_rate_limited(struct req *, const char *, int);
char	*page_urlencode(struct req *, const char *);
char	*page_like(struct req *, const char *, size_t);
void	 page_fts_word(struct buf *, const char *, size_t);
int	 page_agency_options(struct req *, struct tmpl_dict *, const char *,
	    long long, long long);

/* page_tracking.c */
int	 page_review_open(struct req *);
int	 page_item_tracking(struct req *, struct tmpl_dict *, long long);
int	 page_milestone_add(struct req *);
int	 page_item_update(struct req *);
int	 page_admin_review(struct req *);

/* page_search.c, page_process.c */
int	 page_search(struct req *);
int	 page_process(struct req *);
int	 page_rate_count(struct req *, const char *);
void	 page_rate_purge(struct req *);

/* Default abuse limits per address per hour (settings may change them). */
#define LIMIT_PROPOSALS	100
#define LIMIT_COMMENTS	200

#endif /* COCREATE_PAGE_H */
