"""The feeds (issue 3, point 5): /meetings.ics and
/agencies/{slug}/meetings.ics read by Debian's python3-icalendar, and
/feed.atom read by an XML parser."""

import datetime
import json
import re
import subprocess
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
DAY = datetime.timedelta(days=1)

# Parses an iCalendar body with python3-icalendar.  Runs in this process
# when it is Debian's /usr/bin/python3 with the module, else in a
# subprocess of /usr/bin/python3.
ICS_PARSER = r'''
import json, sys
import icalendar

def parse(data):
    cal = icalendar.Calendar.from_ical(data)
    out = {"name": cal.name, "errors": [list(map(str, e)) for e in
                                        getattr(cal, "errors", [])],
           "props": {k: str(v) for k, v in cal.items()},
           "events": [], "others": []}
    for comp in cal.subcomponents:
        if comp.name != "VEVENT":
            out["others"].append(comp.name)
            continue
        e = {"errors": [list(map(str, x)) for x in getattr(comp, "errors",
                                                           [])]}
        for k in ("UID", "SUMMARY", "LOCATION", "DESCRIPTION", "URL",
                  "STATUS", "SEQUENCE"):
            if k in comp:
                e[k] = str(comp[k])
        for k in ("DTSTART", "DTEND", "DTSTAMP", "CREATED", "LAST-MODIFIED"):
            if k in comp:
                dt = comp.decoded(k)
                e[k] = dt.isoformat()
                off = dt.utcoffset() if hasattr(dt, "utcoffset") else None
                e[k + ".offset"] = None if off is None else \
                    off.total_seconds()
        out["events"].append(e)
    return out

if __name__ == "__main__":
    json.dump(parse(sys.stdin.buffer.read()), sys.stdout)
'''


def parse_ics(data):
    """{"events": [...], ...} of an iCalendar body, as python3-icalendar
    reads it."""
    try:
        import icalendar   # noqa: F401  (Debian's, under /usr/bin/python3)
        ns = {}
        exec(ICS_PARSER, ns)
        return json.loads(json.dumps(ns["parse"](data)))
    except ImportError:
        p = subprocess.run(["/usr/bin/python3", "-c", ICS_PARSER], input=data,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60)
        assert p.returncode == 0, "python3-icalendar could not read it: %s" % (
            p.stderr.decode("utf-8", "replace")[-2000:])
        return json.loads(p.stdout)


def ics_escape(s):
    """RFC 5545 TEXT escaping, for what the feed should say."""
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def physical_lines(body):
    assert body.endswith(b"\r\n"), "the calendar does not end with CRLF"
    lines = body[:-2].split(b"\r\n")
    for i, ln in enumerate(lines):
        assert b"\n" not in ln and b"\r" not in ln, \
            "line %d has a bare LF or CR: %r" % (i + 1, ln[:80])
    return lines


def unfold(lines):
    """Content lines (bytes) of physical lines."""
    out = []
    for ln in lines:
        if ln[:1] in (b" ", b"\t"):
            assert out, "the first line is a continuation"
            out[-1] += ln[1:]
        else:
            out.append(ln)
    return out


def get_ics(ctx, path):
    r = ctx.client().get(path)
    assert r.status == 200, "GET %s: %d" % (path, r.status)
    ct = r.header("Content-Type").lower()
    assert ct.startswith("text/calendar") and "utf-8" in ct, \
        "GET %s: Content-Type %r" % (path, ct)
    return r.body


def by_url(cal, ctx, mid):
    url = "%s/meetings/%d" % (ctx.base, mid)
    evs = [e for e in cal["events"] if e.get("URL") == url]
    assert len(evs) == 1, "%d events with URL %s (URLs: %r)" % (
        len(evs), url, [e.get("URL") for e in cal["events"]][:10])
    return evs[0]


def utc(iso):
    return datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


# ---------------------------------------------------------------- iCalendar

def test_ics_all_meetings(ctx):
    c, _ = ctx.staff_client("agency", "moea")
    day = 25 * DAY
    title = ("資料\\開放; 經濟部, MSF 第一次會議：延續討論開放資料授權條款與加值應用"
             " " + ctx.unique("ics"))
    place = "臺北市中正區福州街 15 號 3 樓; 第一會議室, 近捷運站"
    agenda = ("一、報告事項：資料開放進度，包含 API、授權條款; 以及下一步\n"
              "二、討論事項：\\ 反斜線, 分號; 與換行\n\n"
              "三、臨時動議 " + "很長的一行議程文字" * 12)
    starts = ctx.taipei_input(day, 14, 0)
    mid = ctx.new_meeting(c, "moea", title=title, place=place, agenda=agenda,
                          starts_at=starts,
                          ends_at=ctx.taipei_input(day, 16, 30),
                          online_url="https://meet.example.org/moea?room=1&x=2")
    cancelled = ctx.new_meeting(c, "moea", title="將取消的會議 " +
                                ctx.unique("x"))
    r = ctx.post_meeting(c, [], meeting_id=cancelled, action="cancel")
    assert r.status == 303
    other = ctx.new_meeting(ctx.staff_client("organizer")[0], "cy")

    body = get_ics(ctx, "/meetings.ics")
    lines = physical_lines(body)
    too_long = [(i + 1, len(ln)) for i, ln in enumerate(lines) if len(ln) > 75]
    assert not too_long, "lines over 75 octets (line, octets): %r" % (
        too_long[:5])
    for i, ln in enumerate(lines):
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            raise AssertionError("line %d folds inside a UTF-8 character: %r"
                                 % (i + 1, ln[:20]))
    content = unfold(lines)
    assert content[0] == b"BEGIN:VCALENDAR" and \
        content[-1] == b"END:VCALENDAR", "not a VCALENDAR"
    assert any(ln.startswith(b" ") for ln in lines), \
        "no line was folded (the test's long agenda should fold)"
    # The long lines of our event fold and unfold to the escaped text.
    want = ("SUMMARY:" + ics_escape(title)).encode("utf-8")
    assert len(want) > 75, "the test's title is too short to fold"
    assert want in content, "SUMMARY is not %r unfolded; SUMMARY lines: %r" % (
        want, [x for x in content if x.startswith(b"SUMMARY:") and
               b"MSF" in x][:3])
    want = ("LOCATION:" + ics_escape(place)).encode("utf-8")
    assert want in content, "LOCATION is not escaped as RFC 5545 TEXT"

    cal = parse_ics(body)
    assert cal["name"] == "VCALENDAR" and not cal["errors"], \
        "icalendar: %r" % cal["errors"]
    assert cal["props"].get("VERSION") == "2.0" and cal["props"].get("PRODID")
    ev = by_url(cal, ctx, mid)
    assert not ev["errors"], "icalendar errors in the event: %r" % ev["errors"]
    assert ev["SUMMARY"] == title, "SUMMARY round trip: %r" % ev["SUMMARY"]
    assert ev["LOCATION"] == place, "LOCATION round trip: %r" % ev["LOCATION"]
    assert agenda in ev["DESCRIPTION"], \
        "the agenda does not survive the DESCRIPTION round trip: %r" % (
            ev["DESCRIPTION"][:300])
    url = "%s/meetings/%d" % (ctx.base, mid)
    assert url in ev["DESCRIPTION"], "DESCRIPTION does not link to the page"
    assert "https://meet.example.org/moea?room=1&x=2" in ev["DESCRIPTION"]
    assert ev["URL"] == url
    start = utc(ctx.taipei_to_utc(starts))
    assert ev["DTSTART"] == start.isoformat() and \
        ev["DTSTART.offset"] == 0, "DTSTART %s, expected %s (14:00 Taipei " \
        "is 06:00Z)" % (ev["DTSTART"], start.isoformat())
    assert start.hour == 6 and start.minute == 0
    assert ev["DTEND"] == (start + datetime.timedelta(hours=2, minutes=30)) \
        .isoformat() and ev["DTEND.offset"] == 0, "DTEND %s" % ev["DTEND"]
    assert ev.get("DTSTAMP") and ev["DTSTAMP.offset"] == 0, "no UTC DTSTAMP"
    assert ev.get("UID") and "@" in ev["UID"], "UID %r" % ev.get("UID")
    assert ev["STATUS"] == "CONFIRMED", "STATUS %r" % ev.get("STATUS")
    assert by_url(cal, ctx, cancelled)["STATUS"] == "CANCELLED", \
        "a cancelled meeting is not STATUS:CANCELLED"
    by_url(cal, ctx, other)
    uids = [e["UID"] for e in cal["events"]]
    assert len(uids) == len(set(uids)), "UIDs repeat"
    assert all(e.get("DTSTAMP") for e in cal["events"]), "an event lacks DTSTAMP"
    n = ctx.query("SELECT count(*) FROM meetings")[0][0]
    assert len(cal["events"]) == n, "%d events for %d meetings" % (
        len(cal["events"]), n)

    # The UID stays across an edit; the edit shows.
    uid = ev["UID"]
    fields = ctx.meeting_fields("moea", title=title + "（改期）", place=place,
                                agenda=agenda,
                                starts_at=ctx.taipei_input(day + DAY, 9, 0),
                                ends_at=ctx.taipei_input(day + DAY, 10, 0))
    r = ctx.post_meeting(c, fields, meeting_id=mid)
    assert r.status == 303, "edit: %d" % r.status
    ev2 = by_url(parse_ics(get_ics(ctx, "/meetings.ics")), ctx, mid)
    assert ev2["UID"] == uid, "the UID changed with an edit: %r -> %r" % (
        uid, ev2["UID"])
    assert ev2["SUMMARY"] == title + "（改期）"
    assert ev2["DTSTART"].endswith("T01:00:00+00:00"), ev2["DTSTART"]
    # SEQUENCE rises with every edit, two in the same minute included, so
    # a calendar that imported the event takes each change.
    seq = int(ev.get("SEQUENCE", "0"))
    assert int(ev2.get("SEQUENCE", "0")) == seq + 1, "SEQUENCE %r after " \
        "an edit, was %d" % (ev2.get("SEQUENCE"), seq)
    fields = ctx.meeting_fields("moea", title=title + "（改期）",
                                place=place + "（B1）", agenda=agenda,
                                starts_at=ctx.taipei_input(day + DAY, 9, 0),
                                ends_at=ctx.taipei_input(day + DAY, 10, 0))
    r = ctx.post_meeting(c, fields, meeting_id=mid)
    assert r.status == 303, "second edit: %d" % r.status
    ev3 = by_url(parse_ics(get_ics(ctx, "/meetings.ics")), ctx, mid)
    assert int(ev3.get("SEQUENCE", "0")) == seq + 2, "SEQUENCE %r after " \
        "a second edit in the same minute, was %d" % (ev3.get("SEQUENCE"), seq)


def test_ics_of_one_agency(ctx):
    c, _ = ctx.staff_client("agency", "motc")
    mine = ctx.new_meeting(c, "motc", title="交通部 MSF " + ctx.unique("a"))
    theirs = ctx.new_meeting(ctx.staff_client("organizer")[0], "epa")
    body = get_ics(ctx, "/agencies/motc/meetings.ics")
    lines = physical_lines(body)
    assert all(len(ln) <= 75 for ln in lines), "a line over 75 octets"
    cal = parse_ics(body)
    assert not cal["errors"], cal["errors"]
    urls = {e["URL"] for e in cal["events"]}
    want = {"%s/meetings/%d" % (ctx.base, i) for (i,) in ctx.query(
        "SELECT m.id FROM meetings m JOIN agencies a ON a.id = m.agency_id "
        "WHERE a.slug='motc'")}
    assert urls == want, "the motc feed has %r, expected %r" % (
        sorted(urls - want), sorted(want - urls))
    assert "%s/meetings/%d" % (ctx.base, mine) in urls
    assert "%s/meetings/%d" % (ctx.base, theirs) not in urls
    assert "交通部" in cal["props"].get("X-WR-CALNAME", ""), \
        "the calendar is not named for the agency"
    r = ctx.client().get("/agencies/nope/meetings.ics")
    assert r.status == 404, "the calendar of no agency: %d" % r.status
    # An agency without meetings: a valid, empty calendar.
    cal = parse_ics(get_ics(ctx, "/agencies/cy/meetings.ics"))
    assert not cal["errors"] and all(
        e["URL"] != "%s/meetings/%d" % (ctx.base, mine)
        for e in cal["events"])


# ---------------------------------------------------------------- Atom

def test_atom(ctx):
    u = ctx.unique("atom")
    title = 'A <b>&amp; "引號" \'單引號\' & < > ' + u
    pid, _ = ctx.submit_proposal("ndc", title=title,
                                 problem="問題 & <說明> " + u,
                                 phone="02-1234-5678",
                                 email="private.%s@example.org" % u)
    draft_title = "草稿不該出現 " + u
    ctx.create(ctx.client(), [("kind", "add"), ("title", draft_title)])
    org, org_login = ctx.staff_client("organizer")
    mtitle = "MSF & <會議> " + u
    mid = ctx.new_meeting(org, "ndc", title=mtitle)
    r = org.post("/admin/proposals/%d/answer" % pid, [
        ("csrf", ctx.token(org)), ("status", "adopted"),
        ("response", "採納 & <理由> " + u)])
    assert r.status == 303, "answer: %d" % r.status
    aid = ctx.query("SELECT max(id) FROM answers WHERE proposal_id=?",
                    (pid,))[0][0]

    r = ctx.client().get("/feed.atom")
    assert r.status == 200, "GET /feed.atom: %d" % r.status
    ct = r.header("Content-Type").lower()
    assert ct.startswith("application/atom+xml"), "Content-Type %r" % ct
    assert draft_title not in r.text, "a draft is in the feed"
    assert "private.%s" % u not in r.text and "1234-5678" not in r.text, \
        "private contacts are in the feed"
    try:
        feed = ET.fromstring(r.body)
    except ET.ParseError as e:
        raise AssertionError("/feed.atom is not well-formed XML: %s" % e)
    assert feed.tag == ATOM + "feed", "root is %s, not Atom's feed" % feed.tag
    for k in ("id", "title", "updated"):
        el = feed.find(ATOM + k)
        assert el is not None and (el.text or "").strip(), "feed has no %s" % k
    assert RFC3339.match(feed.find(ATOM + "updated").text), \
        "feed updated %r is not RFC 3339" % feed.find(ATOM + "updated").text
    selfs = [ln for ln in feed.findall(ATOM + "link")
             if ln.get("rel") == "self"]
    assert selfs and selfs[0].get("href") == ctx.base + "/feed.atom", \
        "self link %r" % [ln.attrib for ln in selfs]
    assert feed.find(ATOM + "author/" + ATOM + "name") is not None, \
        "the feed has no author (RFC 4287 needs one)"

    entries = feed.findall(ATOM + "entry")
    assert entries, "no entries"
    ids = []
    for e in entries:
        for k in ("id", "title", "updated"):
            el = e.find(ATOM + k)
            assert el is not None and (el.text or "").strip(), \
                "an entry has no %s: %s" % (k, ET.tostring(e)[:200])
        assert RFC3339.match(e.find(ATOM + "updated").text), \
            "entry updated %r" % e.find(ATOM + "updated").text
        link = e.find(ATOM + "link")
        assert link is not None and link.get("href", "").startswith(
            ctx.base + "/"), "entry link %r" % (link.attrib if link is not
                                                 None else None)
        ids.append(e.find(ATOM + "id").text)
    assert len(ids) == len(set(ids)), "entry ids repeat"
    newest = max(e.find(ATOM + "updated").text for e in entries)
    assert feed.find(ATOM + "updated").text >= newest, \
        "the feed's updated is older than an entry's"

    def entry(href_part):
        found = [e for e in entries if e.find(ATOM + "link").get("href") ==
                 ctx.base + href_part]
        assert found, "no entry linking to %s" % href_part
        return found

    prop = entry("/proposals/%d" % pid)[0]
    assert prop.find(ATOM + "title").text == "民間提案 Proposal: " + title, \
        "the proposal's title does not round-trip: %r" % (
            prop.find(ATOM + "title").text)
    meet = entry("/meetings/%d" % mid)[0]
    assert meet.find(ATOM + "title").text == "MSF 會議 Meeting: " + mtitle
    ans = [e for e in entries if e.find(ATOM + "link").get("href", "")
           .startswith(ctx.base + "/proposals/%d#" % pid)]
    assert ans, "no entry for the answer"
    assert ans[0].find(ATOM + "title").text == "機關回應 Answer: " + title
    assert str(aid) in ans[0].find(ATOM + "id").text, \
        "the answer's entry id %r does not name the answer" % (
            ans[0].find(ATOM + "id").text)
    assert ans[0].find(ATOM + "id").text != prop.find(ATOM + "id").text
    summ = ans[0].find(ATOM + "summary")
    assert summ is None or list(summ) == [], "markup inside a summary"
    # What a subscriber needs without opening the page: the answer's
    # outcome; the meeting's time in Taipei and its place.
    assert summ.text.startswith("採納 adopted："), summ.text
    ms = meet.find(ATOM + "summary").text
    assert "時間 When：民國" in ms and "臺北時間" in ms and \
        "地點 Place：臺北市中正區 會議室" in ms, ms
    # Cancelled: said in the entry's title.
    page = org.get("/admin/meetings/%d/edit" % mid)
    rc = org.post("/admin/meetings/%d" % mid,
                  [("csrf", ctx.csrf(page.text)), ("action", "cancel")])
    assert rc.status == 303, "cancel: %d" % rc.status
    feed = ET.fromstring(ctx.client().get("/feed.atom").body)
    t = [e.find(ATOM + "title").text for e in feed.findall(ATOM + "entry")
         if e.find(ATOM + "link").get("href") == ctx.base + "/meetings/%d" % mid]
    assert t == ["MSF 會議（已取消）Meeting (cancelled): " + mtitle], t
    # Escaped, not CDATA or raw: the title's characters are entities.
    assert "&lt;b&gt;&amp;amp;" in r.text, "the title is not XML-escaped"


def test_feed_ids_do_not_follow_the_host_header(ctx):
    """Feed ids and links start with the site's stored origin (`cocreate
    init --origin`, which make run sets), whatever Host a request names:
    ids must be permanent (RFC 4287), and a forged Host must not turn up
    in the links a page or feed gives out."""
    ctx.submit_proposal("ndc", title="主機 " + ctx.unique("h"))
    plain = ctx.client().get("/feed.atom").text
    for host in ("evil.example", "localhost:%s" % ctx.base.rsplit(":", 1)[1]):
        r = ctx.client().get("/feed.atom", headers={"Host": host})
        assert r.status == 200
        assert host not in r.text, "Host %s is in the feed" % host
        ids = re.findall(r"<id>([^<]*)</id>", r.text)
        assert ids == re.findall(r"<id>([^<]*)</id>", plain), \
            "the feed's ids changed with Host: %s" % host
        assert all(i.startswith(ctx.base) for i in ids), ids[:3]
        cal = ctx.client().get("/meetings.ics", headers={"Host": host}).text
        assert host not in cal, "Host %s is in the calendar" % host


def test_sequence_after_upgrade(ctx):
    """A database made before meetings counted their versions gets the
    count from meeting_revisions at `cocreate init`, and the count goes on
    rising with every version saved afterwards (the feed's SEQUENCE)."""
    with ctx.scratch_db("cocreate-upgrade-") as (db, c):
        c.executescript("""
            INSERT INTO meetings (agency_id, title, starts_at, ends_at,
                published_at, updated_at)
            SELECT id, 'MSF', '2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z',
                '2026-11-01T01:00:00Z', '2026-11-02T01:00:00Z'
            FROM agencies WHERE slug = 'moea';
        """)
        mid = c.execute("SELECT max(id) FROM meetings").fetchone()[0]
        rev = ("INSERT INTO meeting_revisions (meeting_id, at, action, title, "
               "starts_at, ends_at, place, online_url, agenda, experts, "
               "capacity, minutes, recording_url, status) VALUES (?, "
               "'2026-11-01T01:00:00Z', 'edit', 'MSF', '', '', '', '', '', "
               "'', 0, '', '', 'scheduled')")
        for _ in range(3):
            c.execute(rev, (mid,))
        c.commit()
        assert c.execute("SELECT versions FROM meetings WHERE id = ?",
                         (mid,)).fetchone()[0] == 3, "versions not counted"
        # As the database was before: no versions column, no index or
        # trigger using it.
        c.executescript("DROP INDEX meetings_in_order; "
                        "DROP TRIGGER meeting_versions_ai; "
                        "ALTER TABLE meetings DROP COLUMN versions;")
        p = ctx.cli("init", "--db", db)
        assert p.returncode == 0, p.stderr
        assert c.execute("SELECT versions FROM meetings WHERE id = ?",
                         (mid,)).fetchone()[0] == 3, "not counted at init"
        c.execute(rev, (mid,))
        c.commit()
        assert c.execute("SELECT versions FROM meetings WHERE id = ?",
                         (mid,)).fetchone()[0] == 4, "not counted after"
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE "
                         "name = 'meetings_in_order'").fetchone()[0] == 1
