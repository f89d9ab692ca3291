"""MSF meeting notices (issue 3, point 4): posting, the public pages and
lists, short notice, revisions, cancelling, open registration, bad input,
minutes afterwards."""

import datetime
import re

DAY = datetime.timedelta(days=1)
AGENCY = "epa"              # 環保署
AGENCY_NAME = "環保署"


def squash(s):
    return " ".join(s.split())


def text_of(page):
    t = re.sub(r"<[^>]+>", " ", page)
    t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return squash(t)


def section(page, start, end=None):
    i = page.find(start)
    assert i >= 0, "no %r on the page" % start
    j = page.find(end, i + len(start)) if end else -1
    return page[i:j] if j >= 0 else page[i:]


def li_with(html_text, href):
    """The <li>…</li> holding a link to href, or None."""
    for m in re.finditer(r"<li\b(?:(?!<li\b).)*?</li>", html_text, re.S):
        if 'href="%s"' % href in m.group(0):
            return m.group(0)
    return None


def shown(t):
    """A "YYYY-MM-DDTHH:MM" form value as the pages show it."""
    return t.replace("T", " ")


def meeting_row(ctx, mid):
    rows = ctx.query("SELECT a.slug, m.title, m.starts_at, m.ends_at, "
                     "m.place, m.online_url, m.agenda, m.experts, m.capacity, "
                     "m.status, m.published_at, m.minutes, m.recording_url, "
                     "m.minutes_at FROM meetings m JOIN agencies a ON "
                     "a.id = m.agency_id WHERE m.id=?", (mid,))
    assert rows, "meeting %d is not in the database" % mid
    return dict(zip(("agency", "title", "starts_at", "ends_at", "place",
                     "online_url", "agenda", "experts", "capacity", "status",
                     "published_at", "minutes", "recording_url",
                     "minutes_at"), rows[0]))


def count_meetings(ctx):
    return ctx.query("SELECT count(*) FROM meetings")[0][0]


def staff(ctx):
    return ctx.staff_client("agency", AGENCY)[0]


def assert_no_active_content(ctx, r, what):
    bad = ctx.active_content(r.text)
    assert not bad, "%s: active content in the page: %s" % (what, bad[:5])


# ---------------------------------------------------------------- posting

def test_post_notice_shown_everywhere(ctx):
    c, login = ctx.staff_client("agency", AGENCY)
    r = ctx.assert_html(c.get("/admin/meetings/new"), 200)
    got = ctx.form_values(r.text, "/admin/meetings")
    for k in ("csrf", "agency", "title", "item", "starts_at", "ends_at",
              "place", "online_url", "agenda", "experts", "capacity",
              "minutes", "recording_url"):
        assert k in got or k == "item", "the form has no %s field" % k
    assert 'name="item" value="12"' in r.text, "the form lacks item checkboxes"
    assert got["agency"] == [AGENCY], "agency preset: %r" % got["agency"]

    starts = ctx.taipei_input(30 * DAY, 14, 0)
    ends = ctx.taipei_input(30 * DAY, 16, 30)
    title = "空氣品質資料 MSF " + ctx.unique("new")
    fields = ctx.meeting_fields(
        AGENCY, title=title, item=["1", "2"], starts_at=starts, ends_at=ends,
        place="環保署 5 樓第 1 會議室", online_url="https://meet.example.org/epa",
        agenda="1. 開場致詞\n2. **資料開放**討論\n\n討論主題：\n\n- 空氣品質\n- 水資源",
        experts="王大明, 臺灣大學\n李小華，中央研究院\n陳美玲、環境資訊協會",
        capacity="30")
    r = ctx.post_meeting(c, fields)
    assert r.status == 303, "POST /admin/meetings: %d %s" % (
        r.status, ctx.excerpt(r.text))
    m = re.match(r"^/meetings/(\d+)$", r.location())
    assert m, "Location %r" % r.location()
    mid = int(m.group(1))

    row = meeting_row(ctx, mid)
    assert row["agency"] == AGENCY and row["title"] == title
    assert row["starts_at"] == ctx.taipei_to_utc(starts), \
        "starts_at stored %s for %s Taipei" % (row["starts_at"], starts)
    assert row["starts_at"].endswith("T06:00:00Z"), \
        "14:00 Taipei is not 06:00Z: %s" % row["starts_at"]
    assert row["ends_at"] == ctx.taipei_to_utc(ends)
    assert row["status"] == "scheduled" and row["capacity"] == 30
    assert ctx.query("SELECT item_id FROM meeting_items WHERE meeting_id=? "
                     "ORDER BY item_id", (mid,)) == [(1,), (2,)]
    assert ctx.query("SELECT name, affiliation FROM meeting_experts WHERE "
                     "meeting_id=? ORDER BY position", (mid,)) == [
        ("王大明", "臺灣大學"), ("李小華", "中央研究院"),
        ("陳美玲", "環境資訊協會")], "experts not split by , ， and 、"
    assert ctx.query("SELECT action, user_id FROM meeting_revisions WHERE "
                     "meeting_id=?", (mid,)) == [("create",
                                                  ctx.user_id(login))]

    # Its page.
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    page = r.text
    assert "<h1>%s</h1>" % title in page, "no title"
    assert 'href="/agencies/%s"' % AGENCY in page and AGENCY_NAME in page
    assert 'datetime="%s"' % row["starts_at"] in page, "no machine time"
    assert shown(starts) in page and shown(ends) in page, \
        "times not shown in Taipei time (%s – %s): %s" % (
            shown(starts), shown(ends), text_of(section(page, "時間", "</dd>")))
    t = datetime.datetime.strptime(starts, "%Y-%m-%dT%H:%M")
    assert "民國%d年%d月%d日" % (t.year - 1911, t.month, t.day) in page, \
        "no ROC date"
    assert "臺北時間" in page and "Taipei time" in page
    assert "環保署 5 樓第 1 會議室" in page
    assert 'href="https://meet.example.org/epa"' in page, "no online link"
    assert 'href="/commitments/1"' in page and 'href="/commitments/2"' in page
    assert "1-1" in page and "1-2" in page
    experts = section(page, "<h2>出席專家", "</ul>")
    for e in ("王大明（臺灣大學）", "李小華（中央研究院）", "陳美玲（環境資訊協會）"):
        assert e in experts, "expert %s not listed: %s" % (e, text_of(experts))
    agenda = section(page, "<h2>議程", "<h2>出席專家")
    tags = [t for t, _ in ctx.html_tags(agenda)]
    for tag in ("ol", "ul", "li", "strong"):
        assert tag in tags, "the agenda is not rendered (no <%s>): %s" % (
            tag, agenda)
    assert "<strong>資料開放</strong>" in agenda
    assert "**" not in agenda, "raw Markdown in the agenda"
    assert "flag short" not in page, "30 days ahead flagged as short notice"
    assert "名額 30" in page, "capacity not shown"

    # On /meetings, under upcoming.
    r = ctx.assert_html(ctx.client().get("/meetings"), 200)
    upcoming = section(r.text, "<h2>即將舉行", "<h2>已舉行")
    li = li_with(upcoming, "/meetings/%d" % mid)
    assert li, "/meetings does not list it under upcoming"
    assert title in li and AGENCY_NAME in li and shown(starts) in li
    assert "flag short" not in li and "cancelled" not in li
    # On the agency's portal, under upcoming.
    r = ctx.assert_html(ctx.client().get("/agencies/" + AGENCY), 200)
    upcoming = section(r.text, "<h3>即將舉行", "<h3>已舉行")
    assert li_with(upcoming, "/meetings/%d" % mid), \
        "the agency portal does not list it under upcoming"
    assert "王大明（臺灣大學）" in r.text, "the portal lacks the experts"
    # Not on another agency's portal.
    r = ctx.client().get("/agencies/ndc")
    assert 'href="/meetings/%d"' % mid not in r.text
    # The staff list.
    r = ctx.assert_html(c.get("/admin/meetings"), 200)
    assert 'href="/admin/meetings/%d/edit"' % mid in r.text


def test_organizer_posts_for_any_agency(ctx):
    org, _ = ctx.staff_client("organizer")
    r = ctx.assert_html(org.get("/admin/meetings/new"), 200)
    opts = re.findall(r'<option value="([a-z0-9-]+)"', r.text)
    assert len(opts) == 16, "the organizer's form offers %r" % opts
    mid = ctx.new_meeting(org, "cip")
    assert meeting_row(ctx, mid)["agency"] == "cip"
    # Without an agency it is refused beside the field.
    r = ctx.post_meeting(org, ctx.meeting_fields("", title="沒有機關"))
    ctx.assert_html(r, 422)
    assert 'id="agency-err"' in r.text


def flagged(ctx, starts_delta):
    """Posts a meeting starting starts_delta from now (two hours long) and
    returns where it is flagged as short notice."""
    c = staff(ctx)
    mid = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(starts_delta),
                          ends_at=ctx.taipei_input(
                              starts_delta + datetime.timedelta(hours=2)))
    out = {}
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    out["page"] = bool(re.search(r'class="flag short"', r.text)) and \
        "公告時間距會議不足 14 天" in r.text
    li = li_with(ctx.client().get("/meetings").text, "/meetings/%d" % mid)
    assert li, "meeting %d not on /meetings" % mid
    out["/meetings"] = "flag short" in li and "short notice" in li
    li = li_with(ctx.client().get("/agencies/" + AGENCY).text,
                 "/meetings/%d" % mid)
    assert li, "meeting %d not on the portal" % mid
    out["/agencies/" + AGENCY] = "flag short" in li
    row = re.search(r'<tr>(?:(?!<tr>).)*?href="/meetings/%d".*?</tr>' % mid,
                    c.get("/admin/meetings").text, re.S)
    assert row, "meeting %d not on /admin/meetings" % mid
    out["/admin/meetings"] = "short notice" in row.group(0)
    return mid, out


def test_short_notice(ctx):
    for delta, want, what in (
            (5 * DAY, True, "5 days ahead"),
            (30 * DAY, False, "30 days ahead"),
            (14 * DAY - datetime.timedelta(minutes=10), True,
             "14 days less 10 minutes ahead"),
            (14 * DAY + datetime.timedelta(minutes=10), False,
             "14 days and 10 minutes ahead")):
        mid, where = flagged(ctx, delta)
        wrong = [k for k, v in where.items() if v != want]
        assert not wrong, "a notice %s is %sflagged short notice on %s" % (
            what, "not " if want else "", ", ".join(wrong))


def test_edit_keeps_revisions_then_cancel(ctx):
    c, login = ctx.staff_client("agency", AGENCY)
    starts = ctx.taipei_input(40 * DAY, 9, 30)
    mid = ctx.new_meeting(c, AGENCY, title="原本的標題", item=["1", "2"],
                          starts_at=starts,
                          ends_at=ctx.taipei_input(40 * DAY, 12, 0),
                          agenda="原本的議程\n第二行", experts="甲, 單位一")
    published = meeting_row(ctx, mid)["published_at"]

    r = ctx.assert_html(c.get("/admin/meetings/%d/edit" % mid), 200)
    got = ctx.form_values(r.text, "/admin/meetings/%d" % mid)
    assert got["title"] == ["原本的標題"] and got["starts_at"] == [starts], \
        "the edit form does not show the notice: %r" % {
            k: got.get(k) for k in ("title", "starts_at")}
    assert sorted(got.get("item", [])) == ["1", "2"], "items: %r" % got.get(
        "item")
    assert got["agenda"] == ["原本的議程\n第二行"], got["agenda"]
    assert got["agency"] == [AGENCY]
    new_starts = ctx.taipei_input(41 * DAY, 10, 0)
    new = dict((k, v[0]) for k, v in got.items() if k not in ("item",))
    new.update(title="改過的標題", place="新的地點", starts_at=new_starts,
               ends_at=ctx.taipei_input(41 * DAY, 12, 0))
    fields = list(new.items()) + [("item", "3")]
    r = c.post("/admin/meetings/%d" % mid, [("action", "save")] + fields)
    assert r.status == 303, "save: %d %s" % (r.status, ctx.excerpt(r.text))
    row = meeting_row(ctx, mid)
    assert row["title"] == "改過的標題" and row["place"] == "新的地點"
    assert row["starts_at"] == ctx.taipei_to_utc(new_starts)
    assert row["published_at"] == published, \
        "an edit changed when the notice was published"
    revs = ctx.query("SELECT action, title, place, starts_at, user_id FROM "
                     "meeting_revisions WHERE meeting_id=? ORDER BY id", (mid,))
    assert [x[:3] for x in revs] == [
        ("create", "原本的標題", "臺北市中正區 會議室"),
        ("edit", "改過的標題", "新的地點")], "revisions: %r" % revs
    assert revs[0][3] == ctx.taipei_to_utc(starts)
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "改過的標題" in r.text and "原本的標題" not in r.text
    assert 'href="/commitments/3"' in r.text and \
        'href="/commitments/1"' not in r.text, "items not updated"

    # Cancel: still visible, marked cancelled, one more revision.
    r = ctx.post_meeting(c, [], meeting_id=mid, action="cancel")
    assert r.status == 303 and r.location() == "/meetings/%d" % mid, \
        "cancel: %d %r" % (r.status, r.location())
    assert meeting_row(ctx, mid)["status"] == "cancelled"
    revs = ctx.query("SELECT action, status, title FROM meeting_revisions "
                     "WHERE meeting_id=? ORDER BY id", (mid,))
    assert [x[0] for x in revs] == ["create", "edit", "cancel"] and \
        revs[-1][1:] == ("cancelled", "改過的標題"), "revisions: %r" % revs
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "此會議已取消" in r.text and "cancelled" in r.text, \
        "the page does not say it is cancelled"
    assert "改過的標題" in r.text
    li = li_with(ctx.client().get("/meetings").text, "/meetings/%d" % mid)
    assert li and "已取消" in li and 'class="cancelled"' in li, \
        "/meetings does not mark it cancelled: %r" % li
    li = li_with(ctx.client().get("/agencies/" + AGENCY).text,
                 "/meetings/%d" % mid)
    assert li and "已取消" in li, "the portal does not mark it cancelled"
    r = ctx.assert_html(c.get("/admin/meetings/%d/edit" % mid), 200)
    assert "此會議已取消" in r.text and 'value="cancel"' not in r.text, \
        "the edit form of a cancelled meeting offers cancelling again"
    # No registration for a cancelled meeting.
    anon = ctx.client()
    r = anon.post("/meetings/%d/register" % mid,
                  [("csrf", ctx.token(anon)), ("name", "某人"),
                   ("email", "someone@example.org")])
    assert r.status == 409, "registering for a cancelled meeting: %d" % (
        r.status)
    assert ctx.query("SELECT count(*) FROM registrations WHERE meeting_id=?",
                     (mid,)) == [(0,)]


# ---------------------------------------------------------------- registration

def register(ctx, client, mid, name, email, affiliation="", token=None):
    if token is None:
        r = client.get("/meetings/%d" % mid)
        token = ctx.csrf(r.text)
    fields = [("csrf", token)] if token else []
    return client.post("/meetings/%d/register" % mid, fields + [
        ("name", name), ("affiliation", affiliation), ("email", email)])


def registrations(ctx, mid):
    return ctx.query("SELECT name, affiliation, email FROM registrations "
                     "WHERE meeting_id=? ORDER BY id", (mid,))


def test_meeting_page_says_what_it_lacks(ctx):
    # A notice without items, agenda or experts, still to come: every
    # heading has a line under it rather than nothing.
    c, _ = ctx.staff_client("agency", AGENCY)
    mid = ctx.new_meeting(c, AGENCY, item=None, agenda="", experts="")
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    for text in ("尚未公布議程", "尚未公布出席專家", "會議結束後公開紀錄",
                 "none named"):
        assert text in r.text, "the meeting page lacks %r" % text


def test_registration(ctx):
    c, login = ctx.staff_client("agency", AGENCY)
    mid = ctx.new_meeting(c, AGENCY, capacity="2")
    u = ctx.unique("r")
    name1, email1 = "報名者甲" + u, "first.%s@example.org" % u
    name2, email2 = "報名者乙" + u, "second.%s@example.org" % u
    aff1 = "開放文化基金會" + u
    anon = ctx.client()
    page = ctx.assert_html(anon.get("/meetings/%d" % mid), 200)
    assert 'action="/meetings/%d/register#registration"' % mid in page.text, \
        "no registration form"

    # Refused: missing name, missing e-mail, bad e-mail, no csrf.
    for what, name, email, status, err in (
            ("no name", "", email1, 422, "r-name-err"),
            ("no e-mail", name1, "", 422, "r-email-err"),
            ("a bad e-mail", name1, "not-an-e-mail", 422, "r-email-err")):
        r = register(ctx, anon, mid, name, email, affiliation=aff1)
        ctx.assert_html(r, status)
        assert 'id="%s"' % err in r.text, "%s: no error beside the field" % (
            what)
        assert "報名尚未完成" in r.text.split('id="registration"', 1)[-1].split(
            "<form", 1)[0], "%s: the banner is not under the heading the " \
            "form's action (#registration) lands on" % what
        got = ctx.form_values(r.text, "/meetings/%d/register" % mid)
        assert got.get("name") == [name] and got.get("email") == [email] \
            and got.get("affiliation") == [aff1], \
            "%s: the typed text is not kept: %r" % (what, {
                k: got.get(k) for k in ("name", "email", "affiliation")})
    r = register(ctx, anon, mid, name1, email1, affiliation=aff1, token="")
    ctx.assert_html(r, 403)
    assert ctx.form_values(r.text, "/meetings/%d/register" % mid).get(
        "name") == [name1], \
        "no csrf: the name is not kept"
    assert registrations(ctx, mid) == [], "a refused registration was stored"

    r = register(ctx, anon, mid, name1, email1, affiliation=aff1)
    assert r.status == 303, "register: %d %s" % (r.status, ctx.excerpt(r.text))
    assert r.location() == "/meetings/%d?registered=1#registration" % mid, \
        r.location()
    r = ctx.assert_html(anon.get(r.location().split("#")[0]), 200)
    assert "報名完成" in r.text, "no confirmation"
    # Under the heading the redirect lands on, not above the fold of
    # a page scrolled past it.
    assert "報名完成" in r.text.split('id="registration"', 1)[1].split(
        "</form>", 1)[0], "the confirmation is not where the page lands"
    # The same e-mail again: refused.
    r = register(ctx, ctx.client(), mid, "別人", email1)
    assert r.status == 409, "duplicate e-mail: %d" % r.status
    assert len(registrations(ctx, mid)) == 1
    r = register(ctx, ctx.client(), mid, name2, email2)
    assert r.status == 303, "second registration: %d" % r.status
    # Full.
    r = register(ctx, ctx.client(), mid, "第三人", "third.%s@example.org" % u)
    assert r.status == 409, "registration beyond capacity: %d" % r.status
    assert registrations(ctx, mid) == [(name1, aff1, email1),
                                       (name2, "", email2)], \
        "registrations: %r" % registrations(ctx, mid)

    # The public sees counts, never names or e-mails.
    private = [name1, name2, email1, email2, aff1]
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "名額已滿" in r.text and "已報名 2" in r.text, "the page is not full"
    assert 'action="/meetings/%d/register' % mid not in r.text
    public = [("/meetings/%d" % mid, r.text)]
    for path in ("/meetings", "/agencies/" + AGENCY, "/meetings.ics",
                 "/agencies/%s/meetings.ics" % AGENCY, "/feed.atom"):
        public.append((path, ctx.client().get(path).text))
    other, _ = ctx.staff_client("agency", "moj")
    public.append(("/meetings/%d as another agency's user" % mid,
                   other.get("/meetings/%d" % mid).text))
    for path, text in public:
        leaked = [p for p in private if p in text]
        assert not leaked, "%s shows %r" % (path, leaked)
    # The agency's staff and organizers see who registered.
    for who, client in (("the agency's user", c),
                        ("an organizer", ctx.staff_client("organizer")[0])):
        r = ctx.assert_html(client.get("/meetings/%d" % mid), 200)
        for p in (name1, name2, aff1):
            assert p in r.text, "%s does not see %r" % (who, p)


def test_registration_closes_at_the_start(ctx):
    c = staff(ctx)
    mid = ctx.new_meeting(
        c, AGENCY, capacity="50",
        starts_at=ctx.taipei_input(-datetime.timedelta(hours=1)),
        ends_at=ctx.taipei_input(datetime.timedelta(hours=2)))
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "報名已截止" in r.text, "the started meeting does not say " \
        "registration is closed"
    assert 'action="/meetings/%d/register' % mid not in r.text
    anon = ctx.client()
    r = register(ctx, anon, mid, "遲到的人", "late@example.org")
    ctx.assert_html(r, 409)
    assert "不開放報名" in r.text and "closed" in r.text
    assert registrations(ctx, mid) == []
    # Still listed as upcoming until it ends.
    assert li_with(section(ctx.client().get("/meetings").text,
                           "<h2>即將舉行", "<h2>已舉行"), "/meetings/%d" % mid)
    # No registration at all with capacity 0.
    mid0 = ctx.new_meeting(c, AGENCY, capacity="0")
    r = ctx.client().get("/meetings/%d" % mid0)
    assert 'action="/meetings/%d/register' % mid0 not in r.text
    r = register(ctx, ctx.client(), mid0, "某人", "x@example.org")
    assert r.status == 409, "registering with capacity 0: %d" % r.status
    r = register(ctx, ctx.client(), 999999, "某人", "x@example.org",
                 token="x" * 43)
    assert r.status == 404, "registering for no meeting: %d" % r.status


# ---------------------------------------------------------------- bad input

def test_bad_input_refused_beside_the_field(ctx):
    c = staff(ctx)
    n = count_meetings(ctx)
    title = "會議 " + ctx.unique("bad")
    typed = dict(title=title, agenda="議程文字\n要保留。", experts="王一, 某大學",
                 place="某會議室", item=["2", "5"])
    cases = [
        ("starts_at not a date", dict(starts_at="not a date"), 422,
         "starts_at"),
        ("starts_at on February 30", dict(starts_at="2031-02-30T10:00"), 422,
         "starts_at"),
        ("starts_at empty", dict(starts_at=""), 422, "starts_at"),
        ("ends_at not a time", dict(ends_at="2031-03-01T25:00"), 422,
         "ends_at"),
        ("ends_at before starts_at", dict(starts_at="2031-03-01T14:00",
                                          ends_at="2031-03-01T13:59"), 422,
         "ends_at"),
        ("ends_at equal to starts_at", dict(starts_at="2031-03-01T14:00",
                                            ends_at="2031-03-01T14:00"), 422,
         "ends_at"),
        ("a javascript: online_url", dict(online_url="javascript:alert(1)"),
         422, "online_url"),
        ("a data: online_url",
         dict(online_url="data:text/html,<script>alert(1)</script>"), 422,
         "online_url"),
        ("a relative online_url", dict(online_url="//evil.example/x"), 422,
         "online_url"),
        ("a javascript: recording_url",
         dict(recording_url="javascript:alert(1)"), 422, "recording_url"),
        ("no title", dict(title=""), 422, "title"),
        ("a negative capacity", dict(capacity="-1"), 422, "capacity"),
        ("a capacity in words", dict(capacity="ten"), 422, "capacity"),
    ]
    problems = []
    for what, over, status, field in cases:
        f = dict(typed)
        f.update(over)
        r = ctx.post_meeting(c, ctx.meeting_fields(AGENCY, **f))
        if r.status != status:
            problems.append("%s: %d, expected %d" % (what, r.status, status))
            continue
        try:
            ctx.assert_html(r, status)
        except AssertionError as e:
            problems.append("%s: %s" % (what, e))
        if not re.search(r'id="%s-err"' % field, r.text):
            problems.append("%s: no error beside %s" % (what, field))
        if not re.search(r'name="%s"[^>]*aria-invalid="true"' % field,
                         r.text):
            problems.append("%s: %s not marked invalid" % (what, field))
        got = ctx.form_values(r.text, "/admin/meetings")
        want = dict(ctx.meeting_fields(AGENCY, **f))
        for k in ("title", "agenda", "experts", "place", "starts_at",
                  "ends_at", "online_url", "recording_url", "capacity"):
            if k in want and got.get(k) != [want[k]]:
                problems.append("%s: %s not kept: %r, typed %r" % (
                    what, k, got.get(k), want[k]))
        if sorted(got.get("item", [])) != ["2", "5"]:
            problems.append("%s: the items ticked are not kept: %r" % (
                what, got.get("item")))
        bad = ctx.active_content(r.text)
        if bad:
            problems.append("%s: active content: %s" % (what, bad))
        if field == "ends_at" and "before" in what and \
                "結束時間必須晚於開始時間" not in r.text:
            problems.append("%s: no message that the end must come after "
                            "the start" % what)
    # Unknown items are a bad request.
    for what, items in (("an unknown item", ["99"]),
                        ("an item that is not a number", ["abc"]),
                        ("an unknown item among good ones", ["1", "13"])):
        r = ctx.post_meeting(c, ctx.meeting_fields(AGENCY, item=items))
        if r.status != 400:
            problems.append("%s: %d, expected 400" % (what, r.status))
    r = ctx.post_meeting(c, ctx.meeting_fields("nope"))
    if r.status != 400:
        problems.append("an unknown agency: %d, expected 400" % r.status)
    # No csrf: 403, the text kept.
    r = c.post("/admin/meetings", [("action", "save")] +
               ctx.meeting_fields(AGENCY, **typed))
    if r.status != 403:
        problems.append("no csrf: %d, expected 403" % r.status)
    elif ctx.form_values(r.text, "/admin/meetings").get("agenda") != [
            "議程文字\n要保留。"]:
        problems.append("no csrf: the agenda is not kept")
    # An unknown action on an update.
    mid = ctx.new_meeting(c, AGENCY)
    r = ctx.post_meeting(c, ctx.meeting_fields(AGENCY), meeting_id=mid,
                         action="destroy")
    if r.status != 400:
        problems.append("action=destroy: %d, expected 400" % r.status)
    if count_meetings(ctx) != n + 1:
        problems.append("refused notices were stored: %d new" % (
            count_meetings(ctx) - n - 1))
    r = c.get("/admin/meetings/999999/edit")
    if r.status != 404:
        problems.append("editing no meeting: %d, expected 404" % r.status)
    assert not problems, "\n".join(problems)


def test_experts_without_affiliation(ctx):
    c = staff(ctx)
    r = ctx.post_meeting(c, ctx.meeting_fields(
        AGENCY, experts="張三\n李四, 中研院\n\n  王五  ，  台大  "))
    assert r.status == 303, "an expert line without an affiliation: %d %s" % (
        r.status, ctx.excerpt(r.text, 120))
    mid = int(r.location().rsplit("/", 1)[1])
    assert ctx.query("SELECT name, affiliation FROM meeting_experts WHERE "
                     "meeting_id=? ORDER BY position", (mid,)) == [
        ("張三", ""), ("李四", "中研院"), ("王五", "台大")]
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    experts = section(r.text, "<h2>出席專家", "</ul>")
    assert "<li>張三</li>" in experts and "李四（中研院）" in experts


def test_portal_experts_grouped(ctx):
    """An agency's portal lists each expert of its scheduled meetings once
    per name and affiliation, in that order, with how many meetings each
    sits on; a cancelled meeting's experts are not listed."""
    c = ctx.staff_client("agency", "moi")[0]
    tag = ctx.unique("x")
    mids = []
    for experts in ("Bob%s, 甲大學\nAnn%s, 乙大學\nCat%s" % (tag, tag, tag),
                    "Ann%s, 乙大學\nAnn%s, 丙協會" % (tag, tag),
                    "Dan%s, 丁研究所\nAnn%s, 乙大學" % (tag, tag)):
        r = ctx.post_meeting(c, ctx.meeting_fields("moi", experts=experts))
        assert r.status == 303, "%d %s" % (r.status, ctx.excerpt(r.text, 120))
        mids.append(int(r.location().rsplit("/", 1)[1]))
    r = ctx.post_meeting(c, [], meeting_id=mids[2], action="cancel")
    assert r.status == 303, "cancel: %d" % r.status
    r = ctx.assert_html(ctx.client().get("/agencies/moi"), 200)
    experts = section(r.text, '<ul class="experts">', "</ul>")
    mine = [e for e in re.findall(r"<li>(.*?) 場", experts) if tag in e]
    # "丙" (U+4E19) comes before "乙" (U+4E59).
    assert mine == ["Ann%s（丙協會） · 1" % tag, "Ann%s（乙大學） · 2" % tag,
                    "Bob%s（甲大學） · 1" % tag, "Cat%s · 1" % tag], mine


def test_meeting_without_experts(ctx):
    c = staff(ctx)
    r = ctx.post_meeting(c, ctx.meeting_fields(AGENCY, experts="",
                                               agenda="", place="",
                                               online_url=""))
    assert r.status == 303, "a notice without experts: %d %s" % (
        r.status, ctx.excerpt(r.text, 120))
    mid = int(r.location().rsplit("/", 1)[1])
    ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert ctx.query("SELECT count(*) FROM meeting_experts WHERE "
                     "meeting_id=?", (mid,)) == [(0,)]


# ---------------------------------------------------------------- afterwards

def test_minutes_after_the_meeting(ctx):
    c = staff(ctx)
    starts = ctx.taipei_input(-3 * DAY, 14, 0)
    mid = ctx.new_meeting(c, AGENCY, title="已舉行的會議 " + ctx.unique("past"),
                          starts_at=starts,
                          ends_at=ctx.taipei_input(-3 * DAY, 16, 0))
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "會議紀錄尚未公開" in r.text, "no 'minutes not published yet'"
    past = section(ctx.client().get("/meetings").text, "<h2>已舉行")
    li = li_with(past, "/meetings/%d" % mid)
    assert li, "the past meeting is not under past on /meetings"
    assert "minutes published" not in li

    got = ctx.form_values(c.get("/admin/meetings/%d/edit" % mid).text,
                          "/admin/meetings/%d" % mid)
    fields = [(k, v) for k, vals in got.items() for v in vals
              if k not in ("csrf", "minutes", "recording_url")]
    fields += [("minutes", "## 結論\n\n1. 通過 **甲案**\n2. 乙案下次再議"),
               ("recording_url", "https://video.example.org/rec/1")]
    r = ctx.post_meeting(c, fields, meeting_id=mid)
    assert r.status == 303, "adding minutes: %d %s" % (r.status,
                                                       ctx.excerpt(r.text))
    row = meeting_row(ctx, mid)
    assert row["minutes_at"], "minutes_at not set"
    assert row["starts_at"] == ctx.taipei_to_utc(starts)
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    minutes = section(r.text, "<h2>會議紀錄", "</article>")
    assert "<strong>甲案</strong>" in minutes and "<ol>" in minutes, \
        "the minutes are not rendered: %s" % minutes[:300]
    assert "會議紀錄尚未公開" not in r.text
    assert 'href="https://video.example.org/rec/1"' in minutes, \
        "no recording link"
    past = section(ctx.client().get("/meetings").text, "<h2>已舉行")
    li = li_with(past, "/meetings/%d" % mid)
    assert li and "minutes published" in li and "已公開紀錄" in li, \
        "/meetings does not say the minutes are published: %r" % li
    past = section(ctx.client().get("/agencies/" + AGENCY).text, "<h3>已舉行")
    li = li_with(past, "/meetings/%d" % mid)
    assert li and "已公開紀錄" in li, "the portal does not flag the minutes"


def test_meetings_list_order(ctx):
    c = staff(ctx)
    later = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(50 * DAY,
                                                                  10),
                            ends_at=ctx.taipei_input(50 * DAY, 12))
    sooner = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(20 * DAY,
                                                                   10),
                             ends_at=ctx.taipei_input(20 * DAY, 12))
    older = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(-20 * DAY,
                                                                  10),
                            ends_at=ctx.taipei_input(-20 * DAY, 12))
    newer = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(-2 * DAY,
                                                                  10),
                            ends_at=ctx.taipei_input(-2 * DAY, 12))
    page = ctx.client().get("/meetings").text
    pos = {m: page.find('href="/meetings/%d"' % m)
           for m in (later, sooner, older, newer)}
    assert all(p > 0 for p in pos.values()), "not all listed: %r" % pos
    up = page.find("<h2>即將舉行")
    past = page.find("<h2>已舉行")
    assert 0 < up < pos[sooner] < pos[later] < past < pos[newer] < pos[older], \
        "/meetings is not upcoming (soonest first) then past (newest first)"
    r = ctx.client().get("/meetings/999999")
    assert r.status == 404


def test_deeply_nested_minutes(ctx):
    # Discount recurses a level per '>': 40,000 of them (the minutes allow
    # 50,000 characters) ran a worker out of stack (SIGSEGV, a 502).  Now
    # the text is rendered and saved, and the app keeps serving.  Under
    # AddressSanitizer, whose allocator maps and unmaps every large buffer
    # discount grows (its time grows with the square of the depth: 39 s
    # for 49,000), 12,000 levels: still far past what the caller's stack
    # held with the sanitizer's larger frames.
    c, _ = ctx.staff_client("agency", AGENCY)
    deep = ">" * (12000 if ctx.sanitized else 49000) + " 最深處"
    r = ctx.post_meeting(c, ctx.meeting_fields(AGENCY, minutes=deep))
    assert r.status == 303, "deep minutes: %d %s" % (r.status,
                                                     ctx.excerpt(r.text))
    ctx.assert_alive("after 49,000 nested quotes")
    mid = int(r.location().rsplit("/", 1)[1])
    page = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200,
                           tidy=False)
    assert "最深處" in page.text


def test_meeting_times_and_capacity_in_range(ctx):
    # A start before 1970 was taken and then shown as nothing; a capacity
    # over the limit was refused as "not a whole number".  Both say what
    # is allowed now, beside the field, the form kept.
    c, _ = ctx.staff_client("agency", AGENCY)
    for over, field, text in (
            (dict(starts_at="1970-01-01T00:00", ends_at="1970-01-01T02:00"),
             "starts_at", "2000 年至 2099 年"),
            (dict(ends_at="2100-01-01T10:00"), "ends_at", "2000 年至 2099 年"),
            (dict(capacity="999999"), "capacity", "0 至 100000")):
        fields = ctx.meeting_fields(AGENCY, **over)
        r = ctx.post_meeting(c, fields)
        ctx.assert_html(r, 422)
        assert text in r.text, "%s: %s" % (over, ctx.excerpt(r.text))
        got = ctx.form_values(r.text, "/admin/meetings")
        assert got.get("title") == [dict(fields)["title"]], "%s: form lost" % over


def test_meeting_entered_after_it_began(ctx):
    # Entered after the fact: said so, not "short notice"; one entered a
    # week ahead is short notice.
    c, _ = ctx.staff_client("agency", AGENCY)
    past = datetime.timedelta(days=-3)
    mid = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(past, 10),
                          ends_at=ctx.taipei_input(past, 12))
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "舉行之後才登錄" in r.text and "不足 14 天" not in r.text
    week = datetime.timedelta(days=7)
    mid = ctx.new_meeting(c, AGENCY, starts_at=ctx.taipei_input(week, 10),
                          ends_at=ctx.taipei_input(week, 12))
    r = ctx.assert_html(ctx.client().get("/meetings/%d" % mid), 200)
    assert "不足 14 天" in r.text and "舉行之後才登錄" not in r.text
