/*
 * Feeds: MSF meetings as iCalendar (RFC 5545) for calendar apps, and new
 * proposals, meetings and answers as Atom (RFC 4287) for feed readers.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "page.h"

/* Appends text and a blank line to the description. */
static void
para(struct buf *desc, const char *label, const char *text)
{
	if (label != NULL)
		buf_puts(desc, label);
	buf_puts(desc, text);
	buf_append(desc, "\n\n", 2);
}

/*
 * Appends the VEVENT of the current row of STMT_MEETINGS_FEED(_OF); stamp is
 * the calendar's DTSTAMP, desc a buffer to write the description in.
 */
static int
vevent(struct req *r, struct buf *b, sqlite3_stmt *st, const char *stamp,
    struct buf *desc)
{
	char		 t[32], created[32], uid[128], *url, *p;
	long long	 id = sqlite3_column_int64(st, 0), versions;
	const char	*origin = r->origin ? r->origin : "";
	size_t		 olen = strlen(origin);
	int		 rc = -1;
	/* Each column read once (a read costs as much as writing a line). */
	const char	*agency = page_col(st, 1), *title = page_col(st, 2),
			*starts = page_col(st, 3), *ends = page_col(st, 4),
			*place = page_col(st, 5), *online = page_col(st, 6),
			*agenda = page_col(st, 7), *status = page_col(st, 8),
			*published = page_col(st, 9), *updated = page_col(st, 10),
			*recording = page_col(st, 11);

	/* Written by hand: snprintf() was a sixth of a calendar's time. */
	if ((url = arena_alloc(r->arena, olen + 40)) == NULL)
		return -1;
	memcpy(url, origin, olen);
	str_decimal(stpcpy(url + olen, "/meetings/"), id);
	/* Stable across edits and hosts: the id and when it was published. */
	feed_ics_time(published, created, sizeof(created));
	p = str_decimal(stpcpy(uid, "meeting-"), id);
	*p++ = '-';
	memcpy(stpcpy(p, created), "@cocreate", sizeof("@cocreate"));

	buf_reset(desc);
	para(desc, NULL, agency);
	if (*agenda != '\0')
		para(desc, NULL, agenda);
	if (*online != '\0')
		para(desc, "線上參與 Online: ", online);
	if (*recording != '\0')
		para(desc, "錄影 Recording: ", recording);
	buf_puts(desc, url);

	if (buf_puts(b, "BEGIN:VEVENT\r\n") == -1 ||
	    feed_ics_line(b, "UID", uid, 0) == -1)
		goto out;
	if (feed_ics_line(b, "DTSTAMP", stamp, 0) == -1)
		goto out;
	feed_ics_time(updated, t, sizeof(t));
	if (feed_ics_line(b, "LAST-MODIFIED", t, 0) == -1)
		goto out;
	if (feed_ics_line(b, "CREATED", created, 0) == -1)
		goto out;
	/*
	 * SEQUENCE rises with every edit (each saves a version), so
	 * calendars take the update, a cancellation a minute after
	 * publishing included.
	 */
	versions = sqlite3_column_int64(st, 12);
	str_decimal(t, versions > 1 ? versions - 1 : 0);
	if (feed_ics_line(b, "SEQUENCE", t, 0) == -1)
		goto out;
	feed_ics_time(starts, t, sizeof(t));
	if (feed_ics_line(b, "DTSTART", t, 0) == -1)
		goto out;
	feed_ics_time(ends, t, sizeof(t));
	if (feed_ics_line(b, "DTEND", t, 0) == -1 ||
	    feed_ics_line(b, "SUMMARY", title, 1) == -1)
		goto out;
	if (*place != '\0' &&
	    feed_ics_line(b, "LOCATION", place, 1) == -1)
		goto out;
	if (feed_ics_line(b, "DESCRIPTION", buf_cstr(desc), 1) == -1 ||
	    feed_ics_line(b, "URL", url, 0) == -1 ||
	    feed_ics_line(b, "STATUS", strcmp(status, "cancelled") == 0 ?
	    "CANCELLED" : "CONFIRMED", 0) == -1 ||
	    buf_puts(b, "END:VEVENT\r\n") == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

/* The calendar of all meetings, or of one agency's (slug). */
static int
calendar(struct req *r, const char *slug, const char *name)
{
	sqlite3_stmt	*st = db_stmt(r->db, slug != NULL ?
			    STMT_MEETINGS_FEED_OF : STMT_MEETINGS_FEED);
	struct buf	*b = &r->body, desc = { 0 };
	char		 stamp[32];
	int		 rc;

	/* With METHOD:PUBLISH, DTSTAMP is when this calendar was made. */
	when_utc(r->now, stamp, sizeof(stamp));
	feed_ics_time(stamp, stamp, sizeof(stamp));

	buf_reset(b);
	buf_puts(b, "BEGIN:VCALENDAR\r\n");
	feed_ics_line(b, "VERSION", "2.0", 0);
	feed_ics_line(b, "PRODID", "-//cocreate//OGP co-creation//ZH-TW", 0);
	feed_ics_line(b, "CALSCALE", "GREGORIAN", 0);
	feed_ics_line(b, "METHOD", "PUBLISH", 0);
	feed_ics_line(b, "X-WR-CALNAME", name, 1);
	feed_ics_line(b, "X-WR-TIMEZONE", "Asia/Taipei", 0);
	if (slug != NULL)
		sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (vevent(r, b, st, stamp, &desc) == -1)
			break;
	sqlite3_reset(st);
	buf_free(&desc);
	if (rc != SQLITE_DONE) {
		buf_reset(b);
		return page_db_fail(r);
	}
	buf_puts(b, "END:VCALENDAR\r\n");
	resp_header(r, "Content-Type", "text/calendar; charset=utf-8");
	resp_header(r, "Content-Disposition", "inline; filename=\"meetings.ics\"");
	r->status = 200;
	return 0;
}

/* `/meetings.ics`. */
int
page_meetings_ics(struct req *r)
{
	return calendar(r, NULL, "開放政府 MSF 會議 Open Government MSF meetings");
}

/* `/agencies/{slug}/meetings.ics`. */
int
page_agency_ics(struct req *r)
{
	sqlite3_stmt	*st = db_stmt(r->db, STMT_AGENCY_BY_SLUG);
	char		*name = NULL;
	int		 rc;

	sqlite3_bind_text(st, 1, r->slug, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		name = arena_printf(r->arena, "%s MSF 會議 %s MSF meetings",
		    page_col(st, 2), page_col(st, 4));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return page_not_found(r);
	if (rc != SQLITE_ROW || name == NULL)
		return page_db_fail(r);
	return calendar(r, r->slug, name);
}

/* Copies at most max characters of s (cut at a character boundary). */
static const char *
excerpt(struct req *r, const char *s, size_t max)
{
	size_t	 i, n = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max)
			return arena_printf(r->arena, "%.*s…", (int)i, s);
	return s;
}

/*
 * An arena copy of s without what XML 1.0 forbids and the feed's escaping
 * keeps: U+FFFE and U+FFFF (input drops them; a database from before may
 * hold some, and one made the whole feed ill-formed).
 */
static const char *
xml_clean(struct req *r, const char *s)
{
	size_t	 n = strlen(s);
	char	*c;

	if (memchr(s, 0xEF, n) == NULL ||
	    (c = arena_strdup(r->arena, s)) == NULL)
		return s;
	c[valid_drop_nonchars(c, n)] = '\0';
	return c;
}

/*
 * A meeting's summary: when (the ROC date and Taipei time) and where, then
 * its agenda.  What a subscriber needs before opening the page.
 */
static const char *
meeting_summary(struct req *r, const char *starts, const char *place,
    const char *agenda)
{
	char	 roc[64] = "", when[64] = "";
	time_t	 t;

	if (when_parse(starts, 0, &t) == 0) {
		when_roc(t, roc, sizeof(roc));
		when_taipei(t, when, sizeof(when));
	}
	return arena_printf(r->arena, "時間 When：%s %s（臺北時間 Taipei time）"
	    "%s%s\n%s", roc, when, *place ? "・地點 Place：" : "", place,
	    excerpt(r, agenda, 240));
}

/* `/feed.atom`: the latest proposals, meetings and answers. */
int
page_atom(struct req *r)
{
	struct tmpl_dict *d, *e;
	sqlite3_stmt	 *st = db_stmt(r->db, STMT_FEED);
	const char	 *origin = r->origin ? r->origin : "";
	const char	 *kind, *title, *text, *status, *summary;
	char		  updated[32] = "", *url;
	long long	  id;
	int		  rc;

	if ((d = tmpl_dict_new()) == NULL)
		return resp_error(r, 500, "記憶體不足。", "Out of memory.");
	tmpl_set(d, "ORIGIN", origin);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kind = page_col(st, 0);
		id = sqlite3_column_int64(st, 1);
		e = tmpl_section(d, "ENTRY");
		title = xml_clean(r, page_col(st, 2));
		text = xml_clean(r, page_col(st, 5));
		status = page_col(st, 9);
		if (strcmp(kind, "meeting") == 0) {
			url = arena_printf(r->arena, "%s/meetings/%lld", origin, id);
			if (strcmp(status, "cancelled") == 0)
				tmpl_setf(e, "TITLE", "MSF 會議（已取消）Meeting "
				    "(cancelled): %s", title);
			else
				tmpl_setf(e, "TITLE", "MSF 會議 Meeting: %s", title);
			tmpl_set(e, "ID", url);
			summary = meeting_summary(r, page_col(st, 7),
			    xml_clean(r, page_col(st, 8)), text);
		} else if (strcmp(kind, "answer") == 0) {
			url = arena_printf(r->arena, "%s/proposals/%lld#answer",
			    origin, id);
			tmpl_setf(e, "TITLE", "機關回應 Answer: %s", title);
			tmpl_set(e, "ID", arena_printf(r->arena,
			    "%s/proposals/%lld#answer-%lld", origin, id,
			    sqlite3_column_int64(st, 6)));
			summary = arena_printf(r->arena, "%s %s：%s",
			    page_answer_zh(status), page_answer_en(status),
			    excerpt(r, text, 300));
		} else {
			url = arena_printf(r->arena, "%s/proposals/%lld", origin, id);
			tmpl_setf(e, "TITLE", "民間提案 Proposal: %s", title);
			tmpl_set(e, "ID", url);
			summary = excerpt(r, text, 300);
		}
		tmpl_set(e, "URL", url);
		tmpl_set(e, "PUBLISHED", page_col(st, 3));
		tmpl_set(e, "UPDATED", page_col(st, 4));
		tmpl_set(e, "SUMMARY", summary ? summary : "");
		if (strcmp(page_col(st, 4), updated) > 0)
			snprintf(updated, sizeof(updated), "%s", page_col(st, 4));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		tmpl_dict_free(d);
		return page_db_fail(r);
	}
	if (updated[0] == '\0')
		when_utc(r->now, updated, sizeof(updated));
	tmpl_set(d, "UPDATED", updated);
	resp_standalone(r, 200, "feed.tpl", d,
	    "application/atom+xml; charset=utf-8");
	tmpl_dict_free(d);
	return 0;
}
