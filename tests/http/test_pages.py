"""Every public page of the URL contract (DESIGN.md) answers as it should:
status, HTML that tidy accepts, the security headers, the government's
draft verbatim, a real bilingual 404 page."""

import datetime
import re

# The agencies of DOMAIN.md with their slugs (schema.sql) and names.
AGENCIES = [
    ("ndc", "國發會", "National Development Council"),
    ("most", "科技部", "Ministry of Science and Technology"),
    ("moea", "經濟部", "Ministry of Economic Affairs"),
    ("moi", "內政部", "Ministry of the Interior"),
    ("motc", "交通部", "Ministry of Transportation and Communications"),
    ("epa", "環保署", "Environmental Protection Administration"),
    ("mofa", "外交部", "Ministry of Foreign Affairs"),
    ("cec", "中選會", "Central Election Commission"),
    ("moe", "教育部", "Ministry of Education"),
    ("local", "各地方政府", "Local governments"),
    ("gec", "行政院性平處", "Department of Gender Equality, Executive Yuan"),
    ("cip", "原民會", "Council of Indigenous Peoples"),
    ("hac", "客委會", "Hakka Affairs Council"),
    ("cy", "監察院", "Control Yuan"),
    ("moj", "法務部", "Ministry of Justice"),
    ("ministries", "各部會", "All ministries"),
]

# The government's draft (seed: 行動方案承諾事項（國發會版）).
COMMITMENTS = {
    1: ("極大化開放資料加值應用",
        ["國發會", "科技部", "經濟部", "內政部", "交通部", "環保署", "外交部"]),
    2: ("擴大民眾參與公共政策機制",
        ["中選會", "教育部", "國發會", "經濟部", "各地方政府", "外交部"]),
    3: ("增加性別及族群包容性對話機制",
        ["行政院性平處", "內政部", "原民會", "客委會", "各部會", "外交部"]),
    4: ("落實清廉施政", ["內政部", "監察院", "法務部", "各部會", "外交部"]),
    5: ("執行洗錢防制", ["法務部", "經濟部", "外交部"]),
}

# id: (number, title, lead agency slug, lead name, body verbatim from the
# seed).
ITEMS = {
    1: ("1-1", "政府資料開放與運用法制化", "ndc", "國發會",
        "啟動政府資料開放與運用專法之研議，建立資料共享及利用機制，明確定義資料"
        "格式、品質、資料利用權利義務關係等項目，以完備我國資料共享應用環境。"),
    2: ("1-2", "建立開放資料集平臺，提供加值運用", "most", "科技部",
        "彙整空氣品質、水資源、地震、災防等領域資料，提供各界申請及運用高效能運算"
        "資源，擴大資料加值應用成效。"),
    3: ("2-1", "公民投票電子連署", "cec", "中選會",
        "提升民眾公投連署便利度，擴大政治參與，配合公民投票法規定，訂定公民投票電子"
        "連署草案暨相關配套措施。"),
    4: ("2-2", "青年政策參與", "moe", "教育部",
        "優化青年好政Let’s Talk系列活動，辦理公私協力的青年政策行動平台，深化青年"
        "政策參與管道，達成青年賦權。"),
    5: ("2-3", "地方創生互動平台機制建置", "ndc", "國發會",
        "建構地方創生資訊共享交流平臺，結合創生事業推動者、在地社群、青創新創等以"
        "共同協作模式，即時分享動態訊息、優良推動案例與媒體報導，促進地方創生交流"
        "學習。"),
    6: ("3-1", "促進性別包容對話與參與", "gec", "行政院性平處",
        "落實CEDAW規定，採取一切適當措施，消除政治和公共生活中對婦女的歧視；促進"
        "公部門決策參與之性別平等，提升婦女參與公共事務機會。"),
    7: ("3-2", "促進新住民公共參與及發展", "moi", "內政部",
        "鼓勵新住民參與公共事務，深化臺灣民主；提供培力措施，協助新住民在臺灣安居"
        "樂業。"),
    8: ("3-3", "擴大原住民族國際合作與交流", "cip", "原民會",
        "推動原住民族國際間交流與合作，促進原住民族社會、經濟與文化發展。"),
    9: ("3-4", "推動客家議題公共參與", "hac", "客委會",
        "推動政府重大客家政策，鼓勵公私協力推廣並保障客家文化。"),
    10: ("4-1", "強化政治獻金透明化", "moi", "內政部",
         "推動政治獻金法修正，規範政黨、政治團體及擬參選人政治獻金支用情形之透明，"
         "並透過申報系統與公開查閱平臺，強化公開政治獻金資訊管理機制，防杜不當利益"
         "輸送。"),
    11: ("4-2", "建置與精進機關採購廉政平臺", "moj", "法務部",
         "配合各機關廉政平臺需求，針對機關重大採購案，提高辦理過程之透明度，促進民眾"
         "監督之可及性。"),
    12: ("5-1", "實質受益人資訊透明", "moj", "法務部",
         "配合亞太防制洗錢組織（APG）及防制洗錢金融行動工作組織（FATF）建議，修正洗錢"
         "防制法、公司法，納入實質受益人資訊揭露及股東資訊申報機制之規範，提升洗錢"
         "防制強度，與國際接軌。"),
}

# The NDC form's labels and guidance (DOMAIN.md), in the form's order.
NDC_LABELS = [
    "名稱",
    "建議主政機關",
    "承諾事項將涉及的公共問題",
    "承諾事項之描述",
    "承諾事項本身對於解決這些公共問題有何貢獻與助益？",
    "承諾事項與 OGP 的核心價值（透明、公共參與、課責）的相關性",
    "填表人/機關/團體",
    "聯絡方式（電話及電子郵件）",
]
NDC_GUIDANCE = [
    "將涉及的社會、經濟、政治及環境相關問題，盡可能提供確切的背景資料、事實及統計"
    "數據以資佐證。",
    "描述承諾事項的內容、可預期的成果以及總目標。",
]
# The form's field names in the NDC order (DESIGN.md, issue 2 point 5).
FIELD_ORDER = ["kind", "target_item", "title", "lead_agency",
               "lead_agency_other", "problem", "commitment", "contribution",
               "value", "relevance", "submitter", "phone", "email"]

NOT_FOUND = [
    "/nope",
    "/commitments/99",
    "/commitments/0",
    "/commitments/13",
    "/proposals/999999",
    "/proposals/0",
    "/proposals/-1",
    "/proposals/abc",
    "/proposals/99999999999999999999",
    "/proposals/1.5",
    "/proposals/999999/print",
    "/proposals/999999/edit?token=abc",
    "/agencies/nope",
    "/agencies/NDC",
    "/commitments/1/nope",
    "/proposals/new/x",
]


def get_page(ctx, c, path, status=200):
    return ctx.assert_html(c.get(path), status)


def assert_in(needle, r, what=None):
    if needle not in r.text:
        raise AssertionError("%s %s: %s %r not in the page"
                             % (r.method, r.path, what or "text", needle))


def taipei(iso):
    """(ROC date, HH:MM) of a UTC ISO 8601 time in Asia/Taipei."""
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ") + \
        datetime.timedelta(hours=8)
    return "民國%d年%d月%d日" % (t.year - 1911, t.month, t.day), \
        t.strftime("%H:%M")


def assert_deadline_shown(ctx, r):
    """The deadline is on the page: machine-readable, in Taipei time and
    with its ROC date."""
    dl = ctx.get_deadline()
    assert dl == ctx.default_deadline, "deadline in the database is %r" % dl
    assert_in('datetime="%s"' % dl, r, "the deadline")
    roc, hm = taipei(dl)
    assert_in(roc, r, "the deadline's ROC date")
    assert_in(hm, r, "the deadline's Taipei time")


def test_healthz(ctx):
    c = ctx.client()
    r = c.get("/healthz")
    assert r.status == 200, "GET /healthz: status %d" % r.status
    assert r.text.strip() == "ok", "GET /healthz: body %r, not ok" % r.text
    ctx.assert_security_headers(r)


def test_home(ctx):
    c = ctx.client()
    r = get_page(ctx, c, "/")
    for cid, (title, _) in COMMITMENTS.items():
        assert_in(title, r, "commitment %d" % cid)
    for iid, (no, title, *_rest) in ITEMS.items():
        assert_in(title, r, "item %s" % no)
        assert_in('href="/commitments/%d"' % iid, r, "link to item")
    # The deadline, in Asia/Taipei with the ROC date, and the time left.
    assert_deadline_shown(ctx, r)
    assert re.search(r"(29|30) ?天", r.text) and \
        re.search(r"(29|30) days", r.text), \
        "GET /: the time left (about 30 days) is not shown in zh-TW and " \
        "English: %s" % ctx.excerpt(r.text, 600)
    assert_in('href="/proposals/new"', r, "link to the form")


def test_commitments(ctx):
    c = ctx.client()
    r = get_page(ctx, c, "/commitments")
    for cid, (title, agencies) in COMMITMENTS.items():
        assert_in(title, r, "commitment %d" % cid)
        # The commitment's agencies, in the draft's order.
        m = re.search(r'id="c%d".*?</section>' % cid, r.text, re.S)
        assert m, "GET /commitments: no section id=c%d" % cid
        names = re.findall(r'<a href="/agencies/[a-z-]+">([^<]+)</a>',
                           m.group(0))
        cos = [n for n in names if n in {a[1] for a in AGENCIES}]
        assert cos[:len(agencies)] == agencies, \
            "commitment %d: agencies %r, expected %r" % (cid, cos, agencies)
    for iid, (no, title, slug, lead, body) in ITEMS.items():
        assert_in(title, r, "item %s" % no)
        assert_in('href="/commitments/%d"' % iid, r, "link to item")


def test_each_item(ctx):
    c = ctx.client()
    for iid, (no, title, slug, lead, body) in ITEMS.items():
        r = get_page(ctx, c, "/commitments/%d" % iid)
        assert_in(title, r, "title of item %s" % no)
        assert_in(no, r, "number of item")
        assert_in(body, r, "full text of item %s" % no)
        assert_in('href="/agencies/%s"' % slug, r, "lead agency link")
        assert_in(lead, r, "lead agency")
        cid = int(no.split("-")[0])
        assert_in(COMMITMENTS[cid][0], r, "its commitment")
        assert "<title>" in r.text and title in \
            r.text.split("<title>")[1].split("</title>")[0], \
            "/commitments/%d: the item's title is not in <title>" % iid


def test_agencies(ctx):
    c = ctx.client()
    r = get_page(ctx, c, "/agencies")
    for slug, name, name_en in AGENCIES:
        assert_in('href="/agencies/%s"' % slug, r, "link to agency")
        assert_in(name, r, "agency name")
    for slug, name, name_en in AGENCIES:
        r = get_page(ctx, c, "/agencies/%s" % slug)
        assert_in(name, r, "agency name")
        assert_in(name_en, r, "English name")
        for iid, (no, title, lead_slug, lead, body) in ITEMS.items():
            if lead_slug == slug:
                assert_in(title, r, "item %s it leads" % no)
    # Co-agencies see the items of their commitments too: 外交部 is on all 5.
    r = get_page(ctx, c, "/agencies/mofa")
    for iid, (no, title, *_rest) in ITEMS.items():
        assert_in(title, r, "item %s of a commitment 外交部 co-leads" % no)


def test_proposals_list(ctx):
    c = ctx.client()
    r = get_page(ctx, c, "/proposals")
    for name in ("agency", "value", "q"):
        assert re.search(r'name="%s"' % name, r.text), \
            "GET /proposals: no %s filter" % name
    for path in ("/proposals?agency=ndc", "/proposals?value=transparency",
                 "/proposals?value=participation",
                 "/proposals?value=accountability",
                 "/proposals?q=%E9%96%8B%E6%94%BE", "/proposals?page=1",
                 "/proposals?agency=moj&value=accountability&q=x&page=1"):
        get_page(ctx, c, path)


def test_new_form(ctx):
    c = ctx.client()
    r = get_page(ctx, c, "/proposals/new")
    jar = {x.name: x for x in c.jar}
    assert "cc_csrf" in jar, "GET /proposals/new set no cc_csrf cookie"
    set_cookie = ";".join(r.headers.get_all("Set-Cookie") or [])
    assert "httponly" in set_cookie.lower(), \
        "the cc_csrf cookie is not HttpOnly: %r" % set_cookie
    assert "samesite=lax" in set_cookie.lower() or \
        "samesite=strict" in set_cookie.lower(), \
        "the cc_csrf cookie has no SameSite: %r" % set_cookie
    assert ctx.csrf(r.text), "empty csrf field"
    forms = re.findall(r"<form\b[^>]*>", r.text)
    assert any(re.search(r'\bmethod="post"', f, re.I) and
               re.search(r'\baction="/proposals"', f) for f in forms), \
        "no form POSTs to /proposals: %r" % forms
    # The fields in the NDC order.
    pos = []
    for name in FIELD_ORDER:
        m = re.search(r'name="%s"' % name, r.text)
        assert m, "GET /proposals/new: no field %s" % name
        pos.append(m.start())
    assert pos == sorted(pos), \
        "the fields are not in the NDC order: %r" % \
        [n for _, n in sorted(zip(pos, FIELD_ORDER))]
    lab = []
    for label in NDC_LABELS:
        i = r.text.find(label)
        assert i >= 0, "GET /proposals/new: label %r missing" % label
        lab.append(i)
    assert lab == sorted(lab), "the NDC labels are not in the form's order"
    for g in NDC_GUIDANCE:
        assert_in(g, r, "guidance")
    for en in ("Title", "Suggested lead agency", "The public problem",
               "The commitment", "Submitter"):
        assert_in(en, r, "English label")
    # Limits shown beside the fields.
    assert_in("200", r, "title limit")
    assert "20000" in r.text or "20,000" in r.text, \
        "the 20,000-character limit is not shown"
    # Choices: 3 kinds, the 12 items, the 16 agencies, 3 values.
    for kind in ("add", "modify", "delete"):
        assert_in('name="kind" value="%s"' % kind, r, "kind")
    for iid in ITEMS:
        assert_in('<option value="%d"' % iid, r, "item option")
    for slug, _, _ in AGENCIES:
        assert_in('<option value="%s"' % slug, r, "agency option")
    for v in ("transparency", "participation", "accountability"):
        assert_in('name="value" value="%s"' % v, r, "value checkbox")
    for action in ("save", "submit"):
        assert_in('name="action" value="%s"' % action, r, "button")
    assert_deadline_shown(ctx, r)
    # A link from an item preselects it.
    r = get_page(ctx, c, "/proposals/new?kind=modify&target_item=3")
    v = ctx.form_values(r.text)
    assert v.get("kind") == ["modify"] and v.get("target_item") == ["3"], \
        "?kind=modify&target_item=3 not preselected: %r" % \
        {k: v.get(k) for k in ("kind", "target_item")}


def test_not_found(ctx):
    c = ctx.client()
    for path in NOT_FOUND:
        r = ctx.assert_html(c.get(path), 404)
        assert "找不到" in r.text, "%s: no zh-TW message in the 404 page" % path
        assert re.search(r"no page|not found", r.text, re.I), \
            "%s: no English message in the 404 page" % path
        assert 'href="/"' in r.text, "%s: the 404 page has no link home" % path
    # The same for HEAD, without a body.
    r = c.head("/proposals/999999")
    assert r.status == 404 and r.body == b"", \
        "HEAD /proposals/999999: %d with %d bytes" % (r.status, len(r.body))
    ctx.assert_security_headers(r)


def test_security_headers_everywhere(ctx):
    c = ctx.client()
    paths = ["/", "/commitments", "/commitments/1", "/agencies",
             "/agencies/ndc", "/proposals", "/proposals/new", "/healthz",
             "/nope", "/static/style.css", "/static/print.css",
             "/static/favicon.svg", "/favicon.ico"]
    bad = []
    for path in paths:
        for method in ("GET", "HEAD"):
            r = c.request(method, path)
            if r.status not in (200, 404):
                bad.append("%s %s: status %d" % (method, path, r.status))
            bad += ["%s %s: %s" % (method, path, p)
                    for p in ctx.security_header_problems(r)]
    assert not bad, "\n".join(bad)


def test_head(ctx):
    c = ctx.client()
    for path in ("/", "/commitments", "/commitments/12", "/agencies/moj",
                 "/proposals", "/proposals/new", "/healthz"):
        g = c.get(path)
        h = c.head(path)
        assert h.status == 200, "HEAD %s: status %d" % (path, h.status)
        assert h.body == b"", "HEAD %s: %d bytes of body" % (path, len(h.body))
        assert h.header("Content-Type") == g.header("Content-Type"), \
            "HEAD %s: Content-Type %r, GET says %r" % (
                path, h.header("Content-Type"), g.header("Content-Type"))
        cl = h.header("Content-Length")
        if cl and path.startswith(("/commitments", "/agencies")):
            assert int(cl) == len(g.body), \
                "HEAD %s: Content-Length %s, GET sends %d bytes" % (
                    path, cl, len(g.body))


def test_static(ctx):
    c = ctx.client()
    r = c.get("/static/style.css")
    assert r.status == 200, "GET /static/style.css: %d" % r.status
    assert r.header("Content-Type").startswith("text/css"), \
        "style.css served as %r" % r.header("Content-Type")
    assert len(r.body) > 100 and b"{" in r.body, "style.css looks empty"
    r2 = c.get("/static/print.css")
    assert r2.status == 200 and r2.header("Content-Type").startswith(
        "text/css"), "GET /static/print.css: %d %r" % (
            r2.status, r2.header("Content-Type"))
    # Every page links the stylesheet it is served with.
    home = c.get("/")
    assert 'href="/static/style.css"' in home.text, \
        "the pages do not link /static/style.css"
    r3 = c.get("/static/nope.css")
    assert r3.status == 404, "GET /static/nope.css: %d" % r3.status


def test_init_twice_changes_nothing(ctx):
    """`cocreate init` run again on the same database changes nothing: not
    the reference data, not the deadline, and above all not the secret
    that signs CSRF tokens (a new one would void every open form, and
    workers started after it would disagree with older ones)."""
    import os
    import sqlite3
    import tempfile
    with tempfile.TemporaryDirectory(prefix="cocreate-init-") as tmp:
        db = os.path.join(tmp, "c.db")

        def dump():
            c = sqlite3.connect(db)
            try:
                return list(c.iterdump())
            finally:
                c.close()
        p = ctx.cli("init", "--db", db, "--deadline", "2020-03-06T23:59:59+08:00")
        assert p.returncode == 0, p.stderr
        first = dump()
        assert any("'secret'" in line for line in first), "no secret stored"
        for args in ((), ("--deadline", "2020-03-06T23:59:59+08:00")):
            p = ctx.cli("init", "--db", db, *args)
            assert p.returncode == 0, p.stderr
            again = dump()
            changed = sorted(set(first) ^ set(again))
            assert not changed, "init %r changed: %s" % (args, changed[:4])


def test_proposals_of_an_agency_on_an_item(ctx):
    # /proposals?agency=A&item=N lists A's proposals on item N only, as
    # its count says (the list showed all of A's).
    on, _ = ctx.submit_proposal("cec", kind="modify", target_item="3")
    off, _ = ctx.submit_proposal("cec")
    r = ctx.assert_html(ctx.client().get("/proposals?agency=cec&item=3"), 200)
    ids = [int(x) for x in re.findall(r'<a class="title" href="/proposals/(\d+)"',
                                      r.text)]
    assert on in ids and off not in ids, ids
    n = ctx.query("SELECT count(*) FROM proposals WHERE status='submitted' AND "
                  "coalesce(agency_id, lead_agency_id)=(SELECT id FROM agencies "
                  "WHERE slug='cec') AND target_item_id=3")[0][0]
    assert len(ids) == min(n, 20), (len(ids), n)
