"""The citizen's flow in Chinese, as a browser does it (issue 2, points 5-7):
draft, save, reopen with the private link, submit, read, edit, withdraw,
print; the deadline; what stays private."""

import re
import urllib.parse

PHONE = "02-2345-6789"
EMAIL = "meihua.lin@example.tw"
# What of the contacts must never reach a public page.
PRIVATE = [PHONE, "2345-6789", "23456789", EMAIL, "meihua.lin", "example.tw"]

DRAFT = [
    ("kind", "add"),
    ("title", "推動開放資料授權條款一致化"),
    ("lead_agency", "ndc"),
    ("problem", "各機關開放資料的授權條款不一，民間加值應用時難以判斷能否再利用。\r\n"
                "\r\n例如：部分資料集仍要求申請，格式也不一致。"),
    ("value", "transparency"),
    ("submitter", "開放文化基金會 林美華"),
    ("email", EMAIL),
]

REST = [
    ("commitment", "由國發會訂定政府資料開放授權條款第二版，\r\n所有機關於一年內改用。"),
    ("contribution", "統一授權條款後，民間可放心加值應用，減少逐案詢問的成本。"),
    ("value", "participation"),
    ("relevance", "透明：資料公開且可再利用。\r\n公共參與：民間共同檢討條款。"),
    ("phone", PHONE),
]

FULL = DRAFT + REST

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

FIELD_ORDER = ["kind", "target_item", "title", "lead_agency",
               "lead_agency_other", "problem", "commitment", "contribution",
               "value", "relevance", "submitter", "phone", "email"]

PAST = "2020-03-06T15:59:59Z"   # 民國109年3月6日 23:59:59 in Taipei


def norm(s):
    return s.replace("\r\n", "\n").strip()


def replace(fields, **new):
    """fields with some single values replaced (value= keeps its list)."""
    out = [(k, new[k] if k in new else v) for k, v in fields]
    for k, v in new.items():
        if k not in dict(fields):
            out.append((k, v))
    return out


def without(fields, *names):
    return [(k, v) for k, v in fields if k not in names]


def count_proposals(ctx):
    return ctx.query("SELECT count(*) FROM proposals")[0][0]


def row(ctx, pid):
    rows = ctx.query("SELECT status, title, revision, submitted_at, phone, "
                     "email FROM proposals WHERE id=?", (pid,))
    assert rows, "proposal %d is not in the database" % pid
    return dict(zip(("status", "title", "revision", "submitted_at", "phone",
                     "email"), rows[0]))


def revisions(ctx, pid):
    return ctx.query("SELECT revision, action, status, title FROM "
                     "proposal_revisions WHERE proposal_id=? ORDER BY "
                     "revision", (pid,))


def squash(s):
    return " ".join(s.split())


def assert_form_shows(ctx, r, fields, what, exact=False):
    """The form in r shows every field of fields as typed (text intact).
    Line breaks are compared only when exact (test_line_breaks_kept):
    one bug, one failing test."""
    got = ctx.form_values(r.text)
    f = norm if exact else squash
    want = {}
    for k, v in fields:
        want.setdefault(k, []).append(f(v))
    for k, vals in want.items():
        have = [f(x) for x in got.get(k, [])]
        if k == "value":
            ok = sorted(have) == sorted(vals)
        else:
            ok = have == vals
        assert ok, "%s: field %s shows %r, expected %r" % (what, k, have, vals)


def assert_private_absent(r):
    for s in PRIVATE:
        assert s.encode("utf-8") not in r.body, \
            "%s %s: private contact %r is in a public page" % (
                r.method, r.path, s)


def listed(r, pid):
    return ('href="/proposals/%d"' % pid) in r.text


def err_block(text, field):
    m = re.search(r'<p class="err" id="%s-err">(.*?)</p>' % field, text, re.S)
    return m.group(1) if m else None


def assert_err_beside(text, field, what):
    """The error of field is there, bilingual, after the field's control
    and before the next field's."""
    block = err_block(text, field)
    assert block is not None, "%s: no error beside %s (id=%s-err)" % (
        what, field, field)
    assert re.search(r"[\u4e00-\u9fff]", block) and \
        re.search(r"[A-Za-z]{3}", re.sub(r"<[^>]+>", "", block)), \
        "%s: the error of %s is not in zh-TW and English: %r" % (
            what, field, block)
    at = text.find('id="%s-err"' % field)
    ctl = re.search(r'\sid="%s"' % field, text)
    assert ctl and ctl.start() < at, \
        "%s: the error of %s is not after its field" % (what, field)
    i = FIELD_ORDER.index(field)
    if field == "phone":
        nxt = "email"
    elif i + 1 < len(FIELD_ORDER):
        nxt = FIELD_ORDER[i + 1]
    else:
        nxt = None
    if nxt:
        n = re.search(r'\sid="%s"' % nxt, text)
        assert n and at < n.start(), \
            "%s: the error of %s is not before the next field (%s)" % (
                what, field, nxt)


def has_break(text, a, b):
    """The page keeps the line break typed between a and b (as a newline
    in a pre-wrap block, a <br> or a new paragraph)."""
    return re.search(re.escape(a) + r"[ \t]*(?:\r?\n|<br\s*/?>|</p>\s*<p[^>]*>)"
                     r"\s*" + re.escape(b), text) is not None


def edit_path(pid, token):
    return "/proposals/%d/edit?token=%s" % (pid, token)


# ---------------------------------------------------------------- tests

def test_save_draft_and_reopen(ctx):
    c = ctx.client()
    r = c.get("/proposals/new")
    ctx.assert_html(r)
    assert c.cookie("cc_csrf"), "no cc_csrf cookie from /proposals/new"
    token = ctx.csrf(r.text)
    before = count_proposals(ctx)
    r = c.post("/proposals", [("csrf", token), ("action", "save")] + DRAFT)
    pid, tok, flag = ctx.parse_edit_location(r)
    assert flag == "saved", "save redirected with %s=1" % flag
    assert len(tok) >= 43, "edit token %r is shorter than 256 bits" % tok
    assert count_proposals(ctx) == before + 1

    r = ctx.assert_html(c.get(r.header("Location")))
    link = "%s/proposals/%d/edit?token=%s" % (ctx.base, pid, tok)
    assert link in r.text, "the saved page does not show the private edit " \
        "link %s: %s" % (link, ctx.excerpt(r.text))
    assert re.search(r"草稿已儲存|已儲存", r.text) and \
        re.search(r"saved", r.text, re.I), "no 'draft saved' message"
    assert_form_shows(ctx, r, DRAFT, "the reopened draft")
    v = ctx.form_values(r.text)
    assert v.get("phone") == [""], "phone shows %r, nothing was typed" % \
        v.get("phone")
    assert v.get("token") == [tok], "the form does not carry the edit token"

    # Reopened later, from another browser with only the link.
    other = ctx.client()
    r2 = ctx.assert_html(other.get(edit_path(pid, tok)))
    assert_form_shows(ctx, r2, DRAFT, "the draft reopened elsewhere")
    assert re.search(r"草稿", r2.text), "the edit page does not say draft"

    # Not public.
    r = c.get("/proposals/%d" % pid)
    ctx.assert_html(r, 404)
    r = c.get("/proposals/%d/print" % pid)
    assert r.status == 404, "the draft's print page without token: %d" % \
        r.status
    for path in ("/proposals", "/", "/agencies/ndc",
                 "/proposals?q=" + urllib.parse.quote("授權條款")):
        r = ctx.assert_html(c.get(path))
        assert not listed(r, pid), "%s lists draft %d" % (path, pid)
        assert "推動開放資料授權條款一致化" not in r.text, \
            "%s shows the draft's title" % path

    rw = row(ctx, pid)
    assert rw["status"] == "draft", "status %r" % rw["status"]
    assert rw["submitted_at"] is None, "a draft has submitted_at"
    assert rw["title"] == "推動開放資料授權條款一致化"


def test_line_breaks_kept(ctx):
    """Text with line breaks and paragraphs comes back exactly: in the
    reopened draft (else the next save would store it flattened), in the
    form shown back after an error, on the public and the print page."""
    c = ctx.client()
    pid, tok = ctx.create(c, DRAFT)
    stored = ctx.query("SELECT problem FROM proposals WHERE id=?", (pid,))
    assert stored[0][0] == norm(DRAFT[3][1]), \
        "stored problem %r" % stored[0][0]
    r = ctx.assert_html(c.get(edit_path(pid, tok)))
    assert_form_shows(ctx, r, DRAFT, "the reopened draft", exact=True)
    r = ctx.update(c, pid, tok, DRAFT, action="submit")
    ctx.assert_html(r, 422)
    assert_form_shows(ctx, r, DRAFT, "the form after 422", exact=True)
    r = ctx.update(c, pid, tok, FULL, action="submit")
    assert r.status == 303, "submit: %d" % r.status
    r = ctx.assert_html(c.get("/proposals/%d" % pid))
    assert has_break(r.text, "再利用。", "例如："), \
        "the public page loses the problem's paragraph break"
    assert has_break(r.text, "再利用。", "公共參與："), \
        "the public page loses the relevance's line break"
    r = ctx.assert_html(c.get("/proposals/%d/print" % pid))
    assert has_break(r.text, "再利用。", "例如："), \
        "the print page loses the problem's paragraph break"
    # The NDC form's three boxes, each ticked or not.
    assert "☑透明" in r.text and "☑公共參與" in r.text and "☐課責" in r.text, \
        "the print page's OGP value boxes: %s" % ctx.excerpt(r.text)


def test_submit_missing_fields(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, DRAFT)
    # Submitting the partial draft: 422, every missing field named.
    r = ctx.update(c, pid, tok, DRAFT, action="submit")
    ctx.assert_html(r, 422)
    for f in ("commitment", "contribution", "relevance"):
        assert_err_beside(r.text, f, "submit without %s" % f)
    for f in ("title", "problem", "submitter", "lead_agency", "email"):
        assert err_block(r.text, f) is None, \
            "an error beside %s, which was filled in" % f
    assert_form_shows(ctx, r, DRAFT, "the form after 422")
    assert row(ctx, pid)["status"] == "draft"
    assert len(revisions(ctx, pid)) == 1, "a refused submit stored a revision"

    # Everything missing but the title, and no contact: each one named.
    bare = [("title", "只有標題")]
    r = ctx.update(c, pid, tok, bare, action="submit")
    ctx.assert_html(r, 422)
    for f in ("lead_agency", "problem", "commitment", "contribution",
              "value", "relevance", "submitter", "phone"):
        assert_err_beside(r.text, f, "submit of a bare draft")
    assert "只有標題" in r.text
    assert row(ctx, pid)["title"] == DRAFT[1][1], "a refused submit saved"

    # A new proposal submitted incomplete is not stored at all.
    n = count_proposals(ctx)
    t = ctx.form_token(c)
    r = c.post("/proposals", [("csrf", t), ("action", "submit")] + DRAFT)
    ctx.assert_html(r, 422)
    assert_err_beside(r.text, "commitment", "new submit without commitment")
    assert_form_shows(ctx, r, DRAFT, "new form after 422")
    assert count_proposals(ctx) == n, "an incomplete submission was stored"


def test_submit_publish_private_contacts(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, DRAFT)
    r = ctx.update(c, pid, tok, FULL, action="submit")
    p2, t2, flag = ctx.parse_edit_location(r)
    assert (p2, t2, flag) == (pid, tok, "submitted"), \
        "submit redirected to %s" % r.header("Location")
    r = ctx.assert_html(c.get(r.header("Location")))
    assert 'href="/proposals/%d"' % pid in r.text, \
        "the submitted page does not link the public page"
    assert_form_shows(ctx, r, FULL, "the edit page after submit")
    rw = row(ctx, pid)
    assert rw["status"] == "submitted" and rw["submitted_at"], rw
    assert (rw["phone"], rw["email"]) == (PHONE, EMAIL), rw

    anon = ctx.client()
    r = ctx.assert_html(anon.get("/proposals/%d" % pid))
    for k, v in FULL:
        if k in ("title", "problem", "commitment", "contribution",
                 "relevance", "submitter"):
            for line in norm(v).split("\n"):
                if line.strip():
                    assert line.strip() in r.text, \
                        "public page lacks %s text %r" % (k, line)
    assert "國發會" in r.text, "public page lacks the lead agency"
    assert "透明" in r.text and "公共參與" in r.text, \
        "public page lacks the OGP values"
    assert_private_absent(r)
    assert re.search(r"不公開|private", r.text), \
        "the public page does not say the contact is private"

    for path in ("/proposals", "/", "/agencies/ndc", "/proposals/%d/print"
                 % pid, "/commitments", "/proposals?agency=ndc"):
        r = anon.get(path)
        ctx.assert_html(r)
        assert_private_absent(r)
    for path in ("/proposals", "/", "/agencies/ndc"):
        r = anon.get(path)
        assert listed(r, pid), "%s does not list proposal %d" % (path, pid)
        assert "推動開放資料授權條款一致化" in r.text


def test_list_filters(ctx):
    c = ctx.client()
    a, _ = ctx.create(c, replace(FULL, title="甲案：開放資料授權條款統一",
                                 problem="機關的授權條款彼此矛盾。"),
                      action="submit")
    b_fields = [(k, v) for k, v in without(FULL, "lead_agency", "value")] + [
        ("lead_agency_other", "臺北市政府"), ("value", "accountability")]
    b_fields = replace(b_fields, title="乙案：政治獻金查詢介面",
                       problem="政治獻金的公開查閱平臺難以下載。",
                       commitment="提供整批下載的機器可讀格式。",
                       contribution="讓民眾能監督獻金流向。")
    b, _ = ctx.create(c, b_fields, action="submit")

    def ids(query):
        r = ctx.assert_html(c.get("/proposals" + query))
        return listed(r, a), listed(r, b)

    assert ids("") == (True, True), "/proposals does not list both"
    assert ids("?agency=ndc") == (True, False), "?agency=ndc: %r" % (
        ids("?agency=ndc"),)
    assert ids("?agency=moj") == (False, False), "?agency=moj"
    assert ids("?value=participation") == (True, False), "?value=participation"
    assert ids("?value=accountability") == (False, True), \
        "?value=accountability"
    q = urllib.parse.quote
    assert ids("?q=" + q("授權條款")) == (True, False), "?q=授權條款"
    assert ids("?q=" + q("政治獻金")) == (False, True), "?q=政治獻金"
    assert ids("?q=" + q("查閱平臺")) == (False, True), \
        "?q= does not search the problem text"
    # Anywhere in the proposal, as /search finds it (the search index).
    assert ids("?q=" + q("監督獻金")) == (False, True), \
        "?q= does not search the contribution"
    assert ids("?q=" + q("民間共同檢討")) == (True, True), \
        "?q= does not search the relevance"
    assert ids("?q=" + q("不存在的字詞組合")) == (False, False), "?q=nothing"
    assert ids("?agency=ndc&value=accountability") == (False, False), \
        "agency and value combined"
    # The search box keeps the words.
    r = c.get("/proposals?q=" + q("授權條款"))
    # (The site-wide search box in the header is named q too.)
    assert "授權條款" in ctx.form_values(r.text).get("q", []), \
        "the search box does not show the words searched"
    # The agency the other one is addressed to has its own page.
    r = ctx.assert_html(c.get("/agencies/ndc"))
    assert listed(r, a) and not listed(r, b), \
        "/agencies/ndc must list proposal %d only" % a


def test_edit_after_submit_stays_published(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, FULL, action="submit")
    first = row(ctx, pid)
    assert first["status"] == "submitted"
    new = replace(FULL, title="推動開放資料授權條款一致化（修訂）")
    r = ctx.update(c, pid, tok, new, action="submit")
    assert ctx.parse_edit_location(r)[:2] == (pid, tok)
    r = ctx.assert_html(c.get("/proposals/%d" % pid))
    assert "推動開放資料授權條款一致化（修訂）" in r.text, \
        "the public page does not show the edit"
    rw = row(ctx, pid)
    assert rw["status"] == "submitted", "status %r after edit" % rw["status"]
    assert rw["submitted_at"] == first["submitted_at"], \
        "editing changed the submission time"
    # The edit page of a submitted proposal still works, with its buttons.
    r = ctx.assert_html(c.get(edit_path(pid, tok)))
    assert_form_shows(ctx, r, new, "the edit page after an edit")
    assert 'value="withdraw"' in r.text, "no withdraw button"
    # Saving (not submitting) a published proposal keeps it published.
    new2 = replace(new, problem="第三版的問題描述。")
    r = ctx.update(c, pid, tok, new2, action="save")
    assert r.status == 303, "save of a submitted proposal: %d %s" % (
        r.status, ctx.excerpt(r.text))
    assert row(ctx, pid)["status"] == "submitted", \
        "saving a published proposal unpublished it"
    r = ctx.assert_html(c.get("/proposals/%d" % pid))
    assert "第三版的問題描述。" in r.text
    assert listed(ctx.assert_html(c.get("/proposals")), pid)


def test_withdraw(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, FULL, action="submit")
    assert listed(c.get("/proposals"), pid)
    r = ctx.update(c, pid, tok, [], action="withdraw")
    p2, t2, flag = ctx.parse_edit_location(r)
    assert (p2, t2, flag) == (pid, tok, "withdrawn"), r.header("Location")
    assert row(ctx, pid)["status"] == "withdrawn"
    r = ctx.assert_html(c.get("/proposals/%d" % pid))
    assert "撤回" in r.text and re.search(r"withdrawn", r.text, re.I), \
        "the public page does not say withdrawn: %s" % ctx.excerpt(r.text)
    assert_private_absent(r)
    for path in ("/proposals", "/", "/agencies/ndc"):
        assert not listed(ctx.assert_html(c.get(path)), pid), \
            "%s still lists withdrawn proposal %d" % (path, pid)
    r = c.get("/proposals/%d/print" % pid)
    assert r.status == 404, "public print of a withdrawn proposal: %d" % \
        r.status
    r = ctx.assert_html(c.get(edit_path(pid, tok)))
    assert "撤回" in r.text, "the edit page does not say withdrawn"
    assert_form_shows(ctx, r, FULL, "the withdrawn proposal's edit page")


def test_revisions(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, DRAFT)
    assert revisions(ctx, pid) == [(1, "save", "draft", DRAFT[1][1])], \
        revisions(ctx, pid)
    d2 = replace(DRAFT, title="第二版標題")
    assert ctx.update(c, pid, tok, d2).status == 303
    r = ctx.update(c, pid, tok, d2, action="submit")
    assert r.status == 422, "incomplete submit: %d" % r.status
    # A refused CSRF is not a save either.
    r = c.post("/proposals/%d" % pid, [("csrf", "x" * 43), ("token", tok),
                                       ("action", "save")] + d2)
    assert r.status == 403, "wrong csrf on update: %d" % r.status
    f3 = replace(FULL, title="第三版標題")
    assert ctx.update(c, pid, tok, f3, action="submit").status == 303
    assert ctx.update(c, pid, tok, [], action="withdraw").status == 303
    revs = revisions(ctx, pid)
    assert revs == [(1, "save", "draft", DRAFT[1][1]),
                    (2, "save", "draft", "第二版標題"),
                    (3, "submit", "submitted", "第三版標題"),
                    (4, "withdraw", "withdrawn", "第三版標題")], revs
    assert row(ctx, pid)["revision"] == 4
    # The revisions keep the text of each version.
    probs = ctx.query("SELECT problem, phone FROM proposal_revisions WHERE "
                      "proposal_id=? ORDER BY revision", (pid,))
    assert probs[0] == (norm(DRAFT[3][1]), ""), probs[0]
    assert probs[2][1] == PHONE, probs[2]


def test_print(ctx):
    c = ctx.client()
    pid, tok = ctx.create(c, FULL, action="submit")
    anon = ctx.client()
    r = ctx.assert_html(anon.get("/proposals/%d/print" % pid))
    assert "建議政府應該新增承諾事項表單" in r.text, "print: no form title"
    pos = []
    for label in NDC_LABELS:
        i = r.text.find(label)
        assert i >= 0, "print page lacks the NDC label %r" % label
        pos.append(i)
    assert pos == sorted(pos), "print page: labels out of the NDC order"
    for k in ("title", "problem", "commitment", "contribution", "relevance",
              "submitter"):
        for line in norm(dict(FULL)[k]).split("\n"):
            assert line in r.text, "print page lacks %s %r" % (k, line)
    assert "國發會" in r.text
    assert_private_absent(r)
    assert "/static/print.css" in r.text, "print page without print.css"
    # With the edit token: the contacts too.
    r = ctx.assert_html(c.get("/proposals/%d/print?token=%s" % (pid, tok)))
    assert PHONE in r.text and EMAIL in r.text, \
        "print with the edit token does not show the contacts"
    assert r.header("Cache-Control").find("no-store") >= 0, \
        "print with contacts is cacheable: %r" % r.header("Cache-Control")
    r = c.get("/proposals/%d/print?token=%s" % (pid, tok[:-2]))
    ctx.assert_html(r, 403)
    assert PHONE not in r.text
    # A draft prints with its token only.
    did, dtok = ctx.create(c, DRAFT)
    assert anon.get("/proposals/%d/print" % did).status == 404
    r = ctx.assert_html(c.get("/proposals/%d/print?token=%s" % (did, dtok)))
    assert DRAFT[1][1] in r.text and EMAIL in r.text
    assert "草稿" in r.text, "a draft's print page does not say draft"


def test_kind_modify_delete_need_target(ctx):
    c = ctx.client()
    for kind in ("modify", "delete"):
        f = replace(FULL, kind=kind)
        pid, tok = ctx.create(c, f)          # a draft may lack it
        r = ctx.update(c, pid, tok, f, action="submit")
        ctx.assert_html(r, 422)
        assert_err_beside(r.text, "target_item", "submit %s without item" %
                          kind)
        assert_form_shows(ctx, r, f, "%s without item" % kind)
        assert row(ctx, pid)["status"] == "draft"
        t = ctx.form_token(c)
        r = c.post("/proposals", [("csrf", t), ("action", "submit")] + f)
        ctx.assert_html(r, 422)
        assert_err_beside(r.text, "target_item", "new %s without item" % kind)
    f = replace(FULL, kind="modify", target_item="3",
                title="公民投票電子連署應開放自然人憑證以外的方式")
    pid, tok = ctx.create(c, f, action="submit")
    r = ctx.assert_html(c.get("/proposals/%d" % pid))
    assert "2-1" in r.text and "公民投票電子連署" in r.text, \
        "the public page does not name the item modified"
    assert re.search(r"修改", r.text), "the public page does not say modify"
    r = ctx.assert_html(c.get("/commitments/3"))
    assert listed(r, pid), "/commitments/3 does not list its proposal"
    r = ctx.assert_html(c.get(edit_path(pid, tok)))
    assert_form_shows(ctx, r, f, "a modify proposal reopened")


def test_unknown_item_or_agency(ctx):
    c = ctx.client()
    n = count_proposals(ctx)
    cases = [("target_item", "999", "target_item"),
             ("target_item", "abc", "target_item"),
             ("target_item", "0", "target_item"),
             ("lead_agency", "nope", "lead_agency"),
             ("lead_agency", "NDC!", "lead_agency")]
    for name, value, err in cases:
        f = replace(FULL, **{name: value})
        for action in ("save", "submit"):
            t = ctx.form_token(c)
            r = c.post("/proposals", [("csrf", t), ("action", action)] + f)
            what = "%s=%s (%s)" % (name, value, action)
            ctx.assert_html(r, 400)
            assert '<form class="ndc"' in r.text or 'name="title"' in r.text, \
                "%s: the form is not shown back" % what
            assert err_block(r.text, err) is not None, \
                "%s: no error beside %s" % (what, err)
            keep = without(f, name)
            assert_form_shows(ctx, r, keep, what)
    assert count_proposals(ctx) == n, "an invalid proposal was stored"
    # The same on update.
    pid, tok = ctx.create(c, DRAFT)
    f = replace(DRAFT, lead_agency="nope", title="改過的標題")
    r = ctx.update(c, pid, tok, f)
    ctx.assert_html(r, 400)
    assert_form_shows(ctx, r, without(f, "lead_agency"), "update with "
                      "unknown agency")
    assert row(ctx, pid)["title"] == DRAFT[1][1], "the invalid update saved"


def test_deadline(ctx):
    c = ctx.client()
    did, dtok = ctx.create(c, DRAFT)
    sid, stok = ctx.create(c, FULL, action="submit")
    # The edit pages' csrf, fetched while open, as a person's open tab.
    form_new = ctx.form_token(c)
    d_csrf = ctx.csrf(c.get(edit_path(did, dtok)).text)
    s_csrf = ctx.csrf(c.get(edit_path(sid, stok)).text)
    n = count_proposals(ctx)
    typed = replace(FULL, title="截止後才寫好的提案",
                    problem="截止之後送出的內容，\r\n不能遺失。")

    def closed_page(r, what, status=403):
        ctx.assert_html(r, status)
        assert 'datetime="%s"' % PAST in r.text, \
            "%s: the deadline %s is not shown" % (what, PAST)
        assert "民國109年3月6日" in r.text and "23:59" in r.text, \
            "%s: the deadline is not shown in Taipei time with the ROC " \
            "date: %s" % (what, ctx.excerpt(r.text))
        assert "截止" in r.text and re.search(r"closed", r.text, re.I), \
            "%s: no bilingual 'closed' message" % what
        for act in ("save", "submit"):
            assert 'name="action" value="%s"' % act not in r.text, \
                "%s: the form still offers %s" % (what, act)

    with ctx.deadline(PAST):
        for action in ("save", "submit"):
            r = c.post("/proposals", [("csrf", form_new), ("action", action)]
                       + typed)
            closed_page(r, "new proposal, %s after the deadline" % action)
            assert_form_shows(ctx, r, typed, "new %s after deadline" % action)
        assert count_proposals(ctx) == n, "stored after the deadline"

        for action in ("save", "submit"):
            r = c.post("/proposals/%d" % did, [("csrf", d_csrf),
                                                ("token", dtok),
                                                ("action", action)] + typed)
            closed_page(r, "draft %s after the deadline" % action)
            assert_form_shows(ctx, r, typed, "draft %s after deadline" %
                              action)
        rw = row(ctx, did)
        assert (rw["status"], rw["title"], rw["revision"]) == \
            ("draft", DRAFT[1][1], 1), "the draft changed after the " \
            "deadline: %r" % rw

        r = c.post("/proposals/%d" % sid, [("csrf", s_csrf), ("token", stok),
                                            ("action", "submit")] + typed)
        closed_page(r, "edit of a submitted proposal after the deadline")
        r = c.post("/proposals/%d" % sid, [("csrf", s_csrf), ("token", stok),
                                            ("action", "withdraw")])
        assert r.status == 403, "withdraw after the deadline: %d" % r.status
        assert row(ctx, sid)["status"] == "submitted"
        assert row(ctx, sid)["title"] == FULL[1][1]

        r = c.get(edit_path(did, dtok))
        closed_page(r, "the edit page after the deadline", 200)
        assert_form_shows(ctx, r, DRAFT, "the draft after the deadline")
        r = c.get("/proposals/new")
        closed_page(r, "the empty form after the deadline", 200)
        r = ctx.assert_html(c.get("/"))
        assert 'datetime="%s"' % PAST in r.text and "截止" in r.text, \
            "/ does not show the call as closed"
        # Published proposals stay readable.
        ctx.assert_html(c.get("/proposals/%d" % sid))

    assert ctx.get_deadline() == ctx.default_deadline
    # Open again: the same typed text can be saved now.
    r = c.post("/proposals/%d" % did, [("csrf", d_csrf), ("token", dtok),
                                        ("action", "save")] + typed)
    assert r.status == 303, "save after reopening: %d" % r.status
    assert row(ctx, did)["title"] == "截止後才寫好的提案"


def test_blank_looking_fields_are_required(ctx):
    # A full-width space (what a Chinese input method types), a no-break
    # space or a zero-width one fill nothing: submitting with them is
    # refused beside each field, where they were published as blank.
    c = ctx.client()
    n = count_proposals(ctx)
    blank = replace(FULL, title="\u3000", problem="\u3000\u3000",
                    commitment="\u200b", contribution="\u00a0",
                    relevance="\ufeff", submitter="\u3000 ")
    r = c.post("/proposals", [("csrf", ctx.form_token(c)),
                              ("action", "submit")] + blank)
    ctx.assert_html(r, 422)
    for f in ("title", "problem", "commitment", "contribution", "relevance",
              "submitter"):
        assert_err_beside(r.text, f, "a blank-looking %s" % f)
    assert count_proposals(ctx) == n, "stored"
    # Text that begins with a full-width space is text.
    pid, _ = ctx.create(c, replace(FULL, title="\u3000開放國會"),
                        action="submit")
    assert row(ctx, pid)["title"] == "\u3000開放國會"


def test_other_agency_ignored_once_one_is_chosen(ctx):
    # An agency chosen and the free-text box over its limit: the box is
    # moot, so no error beside an emptied box; it saves.
    c = ctx.client()
    pid, _ = ctx.create(c, replace(FULL, lead_agency="ndc",
                                   lead_agency_other="字" * 101))
    assert ctx.query("SELECT lead_agency_other FROM proposals WHERE id=?",
                     (pid,)) == [("",)]


def test_change_from_an_item_suggests_its_lead(ctx):
    # "Propose to delete this item" from /commitments/3 (中選會's): the
    # form has the item and its lead agency chosen.
    lead = ctx.query("SELECT a.slug FROM items i JOIN agencies a ON "
                     "a.id = i.lead_agency_id WHERE i.id = 3")[0][0]
    r = ctx.assert_html(ctx.client().get(
        "/proposals/new?kind=delete&target_item=3"), 200)
    got = ctx.form_values(r.text, "/proposals")
    assert got.get("target_item") == ["3"] and got.get("kind") == ["delete"], got
    assert got.get("lead_agency") == [lead], got.get("lead_agency")
    # A link without an item chooses nothing.
    r = ctx.client().get("/proposals/new")
    assert ctx.form_values(r.text, "/proposals").get("lead_agency") == [""]


def test_unknown_action_keeps_the_text(ctx):
    # A button no form has (a script's typo, an old page): 400, saying to
    # press the form's own buttons, the text all kept, nothing stored.
    c = ctx.client()
    n = count_proposals(ctx)
    for action in ("publish", "withdraw"):
        r = c.post("/proposals", [("csrf", ctx.form_token(c)),
                                  ("action", action)] + FULL)
        ctx.assert_html(r, 400)
        assert "儲存草稿" in r.text and "Not saved" in r.text, ctx.excerpt(r.text)
        assert_form_shows(ctx, r, FULL, "action=%s" % action)
    assert count_proposals(ctx) == n
    pid, tok = ctx.create(c, DRAFT)
    r = ctx.update(c, pid, tok, FULL, action="publish")
    ctx.assert_html(r, 400)
    assert_form_shows(ctx, r, FULL, "update with action=publish")
    assert row(ctx, pid)["title"] == dict(DRAFT)["title"]
