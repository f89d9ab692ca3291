#!/usr/bin/python3
"""The benchmark's database: submitted proposals with realistic Chinese text,
comments, answers, routings and MSF meetings, written straight into a
database made by `cocreate init`.

Usage: /usr/bin/python3 tests/bench/gen.py --bin ./cocreate --db FILE
           [--proposals 10000] [--comments 50000] [--seed 2020]

Every proposal is submitted and has all the NDC form's fields (title, lead
agency or another one typed in, the four texts of varied length, OGP values,
submitter, phone, e-mail); some target one of the 12 items (all those that
modify or delete one), some were routed to another agency, about a third
have an answer (some two, the history).  1,000 proposals (a tenth, at most)
have exactly 10 comments; the page the benchmark measures is one of them.
A few drafts and withdrawn proposals sit beside them, as in real use.
Comments carry body_html as the app stores it (Markdown rendered when
saved), here simple <p> paragraphs.  The settings limit_proposals and
limit_comments are set very high: the benchmark posts thousands of
proposals from 127.0.0.1.  Everything is written in one transaction.

Prints one JSON object: the ids and slugs the benchmark measures.
Python 3 standard library only.
"""

import argparse
import datetime
import html
import json
import os
import random
import sqlite3
import subprocess
import sys

# Fragments of the kind of text citizens write in the NDC form.
SUBJECTS = [
    "政府資料開放", "公共政策參與", "預算透明", "政治獻金", "採購資訊", "法規草案",
    "地方議會", "公民科技", "空氣品質監測", "水資源管理", "災害防救", "長期照顧",
    "原住民族土地", "客家語言", "新住民", "性別平等", "青年參與", "偏鄉教育",
    "交通安全", "能源轉型", "食品安全", "開放街圖", "國土計畫", "都市更新",
    "公民投票", "實質受益人", "洗錢防制", "遊說登記", "利益衝突", "廉政平臺",
    "個人資料保護", "數位落差", "無障礙網頁", "公共運輸", "環境影響評估",
    "社會住宅", "勞動檢查", "醫療資源", "氣候變遷調適", "海洋廢棄物",
]
ACTORS = [
    "中央政府", "各部會", "地方政府", "公民團體", "民間社群", "學術單位", "立法院",
    "主管機關", "第一線公務員", "在地居民", "弱勢族群", "青年世代", "媒體工作者",
    "開放政府協作會議", "多方利害關係人論壇", "g0v 零時政府社群", "資料使用者",
]
VERBS = [
    "建立", "推動", "公開", "檢討", "整合", "完善", "落實", "擴大", "強化", "制定",
    "定期揭露", "邀請參與", "建置", "盤點", "優化", "追蹤", "評估", "標準化",
]
OBJECTS = [
    "機器可讀的開放格式", "統一的資料標準", "公開查詢平臺", "定期更新機制",
    "跨部會協調機制", "民眾回饋管道", "意見徵集流程", "績效指標", "資訊揭露義務",
    "API 與批次下載", "審議程序", "監督機制", "教育訓練", "在地說明會",
    "線上直播與逐字稿", "回應時程", "申訴與救濟管道", "年度報告", "開源工具",
    "多語言版本", "易讀版說明", "公私協力計畫", "試辦計畫", "法制化時程",
]
REASONS = [
    "目前資訊分散於各機關網站，民眾難以查找與比對",
    "現行資料多以 PDF 或掃描影像公開，無法直接分析",
    "公眾參與多停留在形式，意見是否被採納缺乏說明",
    "地方與中央標準不一，造成重複建置與資源浪費",
    "相關統計未按性別、年齡與地區分列，難以看見弱勢處境",
    "民間團體反映申請資料流程冗長，常需數月才能取得",
    "依據監察院近年調查報告，類似問題已多次被指出",
    "國際評比指出我國在此項目仍有改進空間",
    "根據 2019 年的調查，超過六成受訪者不知道相關管道",
    "資訊不透明容易引發不信任，也增加貪腐風險",
    "承辦人員異動頻繁，經驗無法累積與傳承",
    "偏鄉地區網路與設備不足，無法參與線上程序",
]
RESULTS = [
    "預期可讓民眾在一處查到完整資訊", "有助於提升政策的正當性與可課責性",
    "讓研究者與公民科技社群能夠加值運用", "降低機關回應民眾詢問的行政成本",
    "使決策過程留下可追溯的紀錄", "促進不同族群的意見被平等聽見",
    "讓監督者能及早發現異常並即時示警", "建立政府與民間之間的互信",
    "作為下一期國家行動方案的基礎", "於兩年內完成並定期公開進度",
]
CONNECTORS = ["因此", "此外", "同時", "然而", "具體而言", "例如", "換言之", "另外", "最後"]
SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = "家豪志明淑芬雅婷冠宇怡君俊傑宗翰佳穎建宏美玲承恩欣怡柏翰思妤品妍宇軒子晴詠晴信宏惠雯"
GROUPS = [
    "社團法人台灣開放政府協會", "開放文化基金會", "財團法人民間司法改革基金會",
    "台灣公民參與協會", "地球公民基金會", "台灣人權促進會", "g0v 零時政府",
    "台灣女性學學會", "原住民族青年陣線", "客家公共事務協會", "新住民全國聯合會",
    "台灣透明組織協會", "數位經濟暨產業發展協會", "○○大學公共行政學系",
]
PLACES = [
    "國家發展委員會 B1 大禮堂", "行政院第一會議室", "臺北市中正區寶慶路 3 號 10 樓",
    "臺中市政府 801 會議室", "高雄市政府四維行政中心", "花蓮縣原住民族會館",
    "國立臺灣大學社會科學院 梁國樹國際會議廳",
]
EXPERTS = [
    ("王大明", "國立臺灣大學"), ("李小華", "國立政治大學"), ("陳美玲", "中央研究院"),
    ("林志明", "開放文化基金會"), ("張雅婷", "g0v 零時政府"), ("黃俊傑", "台灣透明組織協會"),
    ("吳宗翰", "國立清華大學"), ("劉佳穎", "台灣人權促進會"), ("蔡建宏", ""),
    ("楊欣怡", "國立成功大學"), ("許柏翰", "財團法人資訊工業策進會"),
]
ANSWER_STATUS = ["under_review", "adopted", "partly_adopted", "not_adopted", "merged"]


class Text:
    """Random Chinese text of a given length in characters."""

    def __init__(self, rng):
        self.rng = rng
        # A pool of sentences, composed once; texts are cut from it.
        self.sentences = [self._sentence() for _ in range(4000)]

    def _sentence(self):
        r = self.rng
        kind = r.randrange(5)
        if kind == 0:
            s = "%s%s%s%s" % (r.choice(REASONS), "，", r.choice(CONNECTORS),
                              "建議" + r.choice(ACTORS) + r.choice(VERBS)
                              + r.choice(SUBJECTS) + "的" + r.choice(OBJECTS))
        elif kind == 1:
            s = "%s應%s%s之%s，並%s%s" % (
                r.choice(ACTORS), r.choice(VERBS), r.choice(SUBJECTS),
                r.choice(OBJECTS), r.choice(VERBS), r.choice(OBJECTS))
        elif kind == 2:
            s = "%s，%s" % (r.choice(RESULTS), r.choice(RESULTS))
        elif kind == 3:
            s = "以%s為例，%s，%s" % (r.choice(SUBJECTS), r.choice(REASONS),
                                    r.choice(RESULTS))
        else:
            s = "%s%s%s，%s參與%s的%s" % (
                r.choice(CONNECTORS), r.choice(VERBS), r.choice(OBJECTS),
                r.choice(ACTORS), r.choice(SUBJECTS), r.choice(OBJECTS))
        return s + "。"

    def length(self, lo, median, hi):
        """A length between lo and hi, skewed: most near median."""
        n = int(self.rng.lognormvariate(0, 0.8) * median)
        return max(lo, min(hi, n))

    def text(self, chars, paragraphs=True):
        r = self.rng
        out, n, para = [], 0, 0
        while n < chars:
            s = r.choice(self.sentences)
            out.append(s)
            n += len(s)
            para += len(s)
            if paragraphs and para > 120 and r.random() < 0.3 and n < chars:
                out.append("\n\n")
                para = 0
        t = "".join(out)
        if len(t) > chars:
            t = t[:chars].rstrip("\n，") + "。"
        return t

    def title(self):
        r = self.rng
        forms = [
            "%s%s%s" % (r.choice(VERBS), r.choice(SUBJECTS), r.choice(OBJECTS)),
            "%s：%s%s" % (r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS)),
            "請%s%s%s" % (r.choice(ACTORS), r.choice(VERBS), r.choice(SUBJECTS)),
            "%s與%s之%s" % (r.choice(SUBJECTS), r.choice(SUBJECTS), r.choice(OBJECTS)),
        ]
        return r.choice(forms)

    def person(self):
        r = self.rng
        if r.random() < 0.25:
            return r.choice(GROUPS)
        return r.choice(SURNAMES) + r.choice(GIVEN[0::2]) + r.choice(GIVEN[1::2])


def paragraphs_html(text):
    """The stored HTML of a Markdown text of plain paragraphs."""
    return "".join("<p>%s</p>\n" % html.escape(p, quote=False)
                   for p in text.split("\n\n") if p.strip())


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="./cocreate")
    ap.add_argument("--db", required=True)
    ap.add_argument("--proposals", type=int, default=10000)
    ap.add_argument("--comments", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=2020)
    a = ap.parse_args()

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.db + suffix):
            os.unlink(a.db + suffix)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    deadline = iso(now + datetime.timedelta(days=30))
    subprocess.run([a.bin, "init", "--db", a.db, "--deadline", deadline],
                   check=True, stdout=subprocess.DEVNULL)

    rng = random.Random(a.seed)
    tx = Text(rng)
    conn = sqlite3.connect(a.db, isolation_level=None)
    # A bulk load: no journal (a failed run is made again from scratch);
    # WAL again at the end, as the app runs it.
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")

    for k, v in (("limit_proposals", "1000000000"),
                 ("limit_comments", "1000000000")):
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON "
                     "CONFLICT (key) DO UPDATE SET value = excluded.value",
                     (k, v))

    agencies = conn.execute("SELECT id, slug FROM agencies ORDER BY id").fetchall()
    agency_ids = [i for i, _ in agencies]
    items = conn.execute("SELECT id, lead_agency_id FROM items ORDER BY id").fetchall()
    # Staff: an organizer and one account per agency, who never log in
    # (the hash verifies no password).
    created = iso(now - datetime.timedelta(days=40))
    nohash = "$argon2id$v=19$m=65536,t=2,p=1$bench$no-password"
    cur = conn.execute("INSERT INTO users (login, role, password_hash, "
                       "created_at) VALUES ('bench-organizer', 'organizer', ?, ?)",
                       (nohash, created))
    organizer = cur.lastrowid
    staff = {}
    for aid, slug in agencies:
        cur = conn.execute("INSERT INTO users (login, role, agency_id, "
                           "password_hash, created_at) VALUES (?, 'agency', ?, ?, ?)",
                           ("bench-" + slug, aid, nohash, created))
        staff[aid] = cur.lastrowid

    # Proposals: submitted over the 20 days before now, a few drafts and
    # withdrawn ones beside them.
    n_extra = max(1, a.proposals // 30)
    rows, revs = [], []
    routed = []
    span = 20 * 86400
    for i in range(a.proposals + n_extra):
        pid = i + 1
        if i < a.proposals:
            status = "submitted"
        else:
            status = "draft" if i % 5 else "withdrawn"
        kind = rng.choices(["add", "modify", "delete"], [70, 25, 5])[0]
        target = None
        if kind != "add" or rng.random() < 0.2:
            target = rng.choice(items)[0]
        if rng.random() < 0.06:
            lead, other = None, rng.choice(["考試院", "司法院", "國家通訊傳播委員會",
                                             "金融監督管理委員會", "行政院主計總處"])
        else:
            lead, other = rng.choice(agency_ids), ""
        agency = None
        if rng.random() < 0.08:
            agency = rng.choice(agency_ids)
            routed.append((pid, lead, agency))
        values = rng.randint(1, 7)
        sub_t = now - datetime.timedelta(seconds=rng.randrange(span))
        cre_t = sub_t - datetime.timedelta(seconds=rng.randrange(3 * 86400))
        submitted = iso(sub_t) if status == "submitted" else None
        if status == "withdrawn":
            submitted = iso(sub_t)
        nrev = rng.choices([1, 2, 3], [80, 15, 5])[0]
        if status != "draft":
            nrev = max(2, nrev) if status == "withdrawn" else nrev
        problem = tx.text(tx.length(40, 300, 6000))
        commitment = tx.text(tx.length(30, 250, 4000))
        contribution = tx.text(tx.length(20, 150, 3000))
        relevance = tx.text(tx.length(20, 120, 2000))
        person = tx.person()
        phone = rng.choice(["02-%04d-%04d" % (rng.randrange(10000), rng.randrange(10000)),
                            "09%02d-%03d-%03d" % (rng.randrange(100), rng.randrange(1000),
                                                 rng.randrange(1000)), ""])
        email = "user%d@example.org" % pid if phone == "" or rng.random() < 0.8 else ""
        rows.append((pid, status, kind, target, tx.title(), lead, other,
                     problem, commitment, contribution, values, relevance,
                     person, phone, email, rng.randbytes(32), agency, nrev,
                     iso(cre_t), submitted or iso(cre_t), submitted))
        for rv in range(1, nrev + 1):
            last = rv == nrev
            act = "save"
            st = "draft"
            if last and status == "submitted":
                act, st = "submit", "submitted"
            elif last and status == "withdrawn":
                act, st = "withdraw", "withdrawn"
            elif status == "withdrawn" and rv == nrev - 1:
                act, st = "submit", "submitted"
            at = cre_t + (sub_t - cre_t) * rv / nrev
            revs.append((pid, rv, iso(at), act, st))
    conn.executemany(
        "INSERT INTO proposals (id, status, kind, target_item_id, title, "
        "lead_agency_id, lead_agency_other, problem, commitment, contribution, "
        "ogp_values, relevance, submitter, phone, email, token_hash, agency_id, "
        "revision, created_at, updated_at, submitted_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    # Every revision copies the current row (earlier ones were shorter in
    # life; the size is what matters here), column by column by name, so
    # that columns added to both tables later are copied too.
    pcols = [r[1] for r in conn.execute("PRAGMA table_info(proposals)")]
    fixed = {"proposal_id": "id", "revision": "?2", "saved_at": "?3",
             "action": "?4", "status": "?5"}
    rcols = [r[1] for r in conn.execute("PRAGMA table_info(proposal_revisions)")]
    conn.executemany(
        "INSERT INTO proposal_revisions (%s) SELECT %s FROM proposals WHERE id = ?1"
        % (", ".join(rcols), ", ".join(fixed.get(c, c if c in pcols else "''")
                                       for c in rcols)), revs)
    del rows, revs
    if "milestones" in pcols:
        ms = []
        for pid in range(1, a.proposals + 1, 3):
            y = rng.choice([2021, 2022, 2023])
            ms.append(("\n".join("%s\t%d-%02d-01\t%d-%02d-28" % (
                rng.choice(["完成法規研議", "上線試辦平臺", "辦理公開說明會", "發布年度報告",
                            "完成資料盤點", "邀集利害關係人座談"]), y, m, y, m + 2)
                for m in range(1, 1 + 3 * rng.randint(1, 3), 3)), pid))
        conn.executemany("UPDATE proposals SET milestones = ? WHERE id = ?", ms)
        if "milestones" in rcols:
            conn.execute("UPDATE proposal_revisions SET milestones = (SELECT "
                         "milestones FROM proposals WHERE id = proposal_id)")

    for pid, lead, agency in routed:
        conn.execute("INSERT INTO routings (proposal_id, from_agency_id, "
                     "to_agency_id, user_id, at) VALUES (?, ?, ?, ?, ?)",
                     (pid, lead, agency, organizer,
                      iso(now - datetime.timedelta(days=rng.randrange(1, 10)))))

    # Answers: about a third of the submitted proposals, some twice.
    answers = []
    for pid in range(1, a.proposals + 1):
        if rng.random() >= 0.33:
            continue
        addressed = rng.choice(agency_ids)
        for k in range(rng.choices([1, 2], [85, 15])[0]):
            st = "under_review" if k == 0 and rng.random() < 0.3 else \
                rng.choice(ANSWER_STATUS)
            item = rng.choice(items)[0] if st in ("adopted", "partly_adopted",
                                                  "merged") else None
            resp = tx.text(tx.length(30, 250, 3000))
            answers.append((pid, st, item, resp, paragraphs_html(resp),
                            addressed, staff[addressed],
                            iso(now - datetime.timedelta(
                                seconds=rng.randrange(86400 * 5) + (1 - k) * 86400))))
    conn.executemany(
        "INSERT INTO answers (proposal_id, status, item_id, response, "
        "response_html, agency_id, user_id, answered_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?)", answers)
    del answers

    # MSF meetings: past ones with minutes, upcoming ones with agenda.
    n_meetings = 60
    for m in range(n_meetings):
        aid = rng.choice(agency_ids)
        start = (now + datetime.timedelta(days=rng.randrange(-25, 30))).replace(
            hour=rng.choice([1, 2, 5, 6]), minute=0, second=0)  # Taipei 9-14h
        end = start + datetime.timedelta(hours=rng.choice([2, 3]))
        points = ["開場與說明", tx.title(), tx.title(), "綜合討論"]
        agenda = "\n".join("%d. %s" % (k, x) for k, x in enumerate(points, 1))
        agenda_html = "<ol>\n%s</ol>\n" % "".join(
            "<li>%s</li>\n" % html.escape(x, quote=False) for x in points)
        experts = rng.sample(EXPERTS, rng.randint(1, 4))
        minutes = tx.text(tx.length(200, 1500, 8000)) if start < now else ""
        pub = iso(start - datetime.timedelta(days=14))
        cur = conn.execute(
            "INSERT INTO meetings (agency_id, title, starts_at, ends_at, place, "
            "online_url, agenda, agenda_html, experts, capacity, minutes, "
            "minutes_html, recording_url, status, published_at, updated_at, "
            "minutes_at, created_by, updated_by) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, "%s 多方利害關係人論壇（第 %d 次）" % (rng.choice(SUBJECTS), m + 1),
             iso(start), iso(end), rng.choice(PLACES),
             "https://meet.example.org/msf-%d" % (m + 1), agenda, agenda_html,
             "\n".join("%s, %s" % e if e[1] else e[0] for e in experts),
             rng.choice([0, 30, 50, 100]), minutes, paragraphs_html(minutes),
             "https://video.example.org/msf-%d" % (m + 1) if minutes else "",
             "cancelled" if rng.random() < 0.05 else "scheduled", pub, pub,
             iso(end + datetime.timedelta(days=3)) if minutes else None,
             staff[aid], staff[aid]))
        mid = cur.lastrowid
        for pos, (name, aff) in enumerate(experts, 1):
            conn.execute("INSERT INTO meeting_experts VALUES (?, ?, ?, ?)",
                         (mid, pos, name, aff))
        for it in rng.sample(items, rng.randint(1, 2)):
            conn.execute("INSERT INTO meeting_items VALUES (?, ?)", (mid, it[0]))
        conn.execute("INSERT INTO meeting_revisions (meeting_id, at, user_id, "
                     "action, title, starts_at, ends_at, place, online_url, "
                     "agenda, experts, capacity, minutes, recording_url, status) "
                     "SELECT id, updated_at, ?, 'create', title, starts_at, "
                     "ends_at, place, online_url, agenda, experts, capacity, "
                     "minutes, recording_url, status FROM meetings WHERE id = ?",
                     (staff[aid], mid))
        for k in range(rng.randrange(0, 20)):
            conn.execute("INSERT INTO registrations (meeting_id, name, "
                         "affiliation, email, created_at) VALUES (?, ?, ?, ?, ?)",
                         (mid, tx.person(), rng.choice(GROUPS),
                          "reg%d-%d@example.org" % (mid, k), pub))

    # Comments: 1,000 proposals (at most a tenth) with exactly 10, the
    # rest spread over the other proposals, items, meetings and agencies.
    ten = rng.sample(range(1, a.proposals + 1), min(1000, a.proposals // 10))
    ten_set = set(ten)
    others = [p for p in range(1, a.proposals + 1) if p not in ten_set]
    targets = []
    for pid in ten:
        targets += [("proposal", pid)] * 10
    n_side = min(2000, a.comments // 25)
    left = max(0, a.comments - len(targets) - n_side)
    for _ in range(left):
        targets.append(("proposal", rng.choice(others)))
    for _ in range(n_side):
        kind = rng.choices(["item", "meeting", "agency"], [30, 50, 20])[0]
        if kind == "item":
            targets.append(("item", rng.choice(items)[0]))
        elif kind == "meeting":
            targets.append(("meeting", rng.randint(1, n_meetings)))
        else:
            targets.append(("agency", rng.choice(agency_ids)))
    targets = targets[:a.comments]
    targets.sort()
    comments = []
    first = {}
    cid = 0
    for target, tid in targets:
        cid += 1
        parent = None
        key = (target, tid)
        if key in first and rng.random() < 0.25:
            parent = first[key]
        else:
            first.setdefault(key, cid)
        body = tx.text(tx.length(15, 120, 1500))
        hidden = rng.random() < 0.01
        comments.append((cid, target, tid, parent, tx.person(),
                         rng.choice(["", "", "", rng.choice(GROUPS)]), body,
                         paragraphs_html(body),
                         iso(now - datetime.timedelta(seconds=rng.randrange(span))),
                         "192.0.2.%d" % rng.randrange(1, 255),
                         1 if hidden else (1 if rng.random() < 0.02 else 0),
                         iso(now) if hidden else None,
                         organizer if hidden else None,
                         "人身攻擊" if hidden else None))
    conn.executemany(
        "INSERT INTO comments (id, target, target_id, parent_id, name, "
        "affiliation, body, body_html, created_at, addr, reports, hidden_at, "
        "hidden_by, hidden_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)", comments)
    del comments
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    # The search index (its own file, cocreate.db-search) in one pass: with
    # every doc of the bulk load marked, `cocreate init` builds it anew.
    subprocess.run([a.bin, "init", "--db", a.db], check=True,
                   stdout=subprocess.DEVNULL)

    # What the benchmark measures: a proposal with exactly 10 comments
    # and an answer, the item and the agency with the most proposals.
    conn = sqlite3.connect(a.db)
    with_answer = set(r[0] for r in conn.execute(
        "SELECT DISTINCT proposal_id FROM answers"))
    page_pid = next((p for p in ten if p in with_answer), ten[0] if ten else 1)
    item = conn.execute(
        "SELECT target_item_id FROM proposals WHERE status = 'submitted' AND "
        "target_item_id IS NOT NULL GROUP BY target_item_id "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()
    slug = conn.execute(
        "SELECT a.slug FROM proposals p JOIN agencies a ON a.id = "
        "coalesce(p.agency_id, p.lead_agency_id) WHERE p.status = 'submitted' "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    counts = {t: conn.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
              for t in ("proposals", "proposal_revisions", "comments",
                        "answers", "meetings")}
    submitted = conn.execute("SELECT count(*) FROM proposals WHERE "
                             "status = 'submitted'").fetchone()[0]
    ncomments = conn.execute("SELECT count(*) FROM comments WHERE target = "
                             "'proposal' AND target_id = ?", (page_pid,)).fetchone()[0]
    conn.close()
    json.dump({"proposal": page_pid, "proposal_comments": ncomments,
               "item": item[0] if item else 1, "agency": slug[0] if slug else "ndc",
               "submitted": submitted, "counts": counts,
               "bytes": os.path.getsize(a.db)}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
