"""Concurrency (issue 5, point 5): a separate instance with 4 workers and
64 clients for CONCURRENCY_SECONDS (30 by default) mixing reads of every
public page, draft saves, submissions, updates of their own drafts and
comments.  No request may fail (no 5xx, no database-busy page, nothing
but the answer expected), and no write may be lost: the rows in the
database are exactly those the clients were told were saved."""

import os
import random
import re
import threading
import time

CLIENTS = 64
WORKERS = 4


def form(tag, submit):
    f = [("kind", "add"), ("title", "併發 " + tag), ("lead_agency", "moe"),
         ("problem", "問題 %s：青年參與管道不足。" % tag),
         ("commitment", "承諾 %s。" % tag), ("contribution", "貢獻。"),
         ("value", "participation"), ("relevance", "公共參與。"),
         ("submitter", "併發測試者"), ("email", "load@example.org")]
    return f if submit else f[:3] + f[5:6]


class Load(threading.Thread):
    """One client: its own cookies, a random mix of requests until the
    end; counts what it was told succeeded."""

    def __init__(self, inst, n, end, reads, proposals, items):
        super().__init__(daemon=True)
        self.inst = inst
        self.n = n
        self.end = end
        self.reads = reads
        self.proposals = proposals      # submitted ones, to read and comment
        self.items = items
        self.rng = random.Random(n)
        self.requests = 0
        self.ok = {"save": 0, "submit": 0, "update": 0, "comment": 0,
                   "read": 0}
        self.failures = []
        self.drafts = []                # (id, token) of its own drafts
        self.created = set()

    def fail(self, what, r):
        self.failures.append("%s: %s" % (what, "%d %s" % (
            r.status, self.inst.excerpt(r.text, 120)) if r is not None
            else "no answer"))

    def run(self):
        c = self.inst.client()
        try:
            token = self.inst.form_token(c)
        except AssertionError as e:
            self.failures.append("the form: %s" % e)
            return
        i = 0
        while time.monotonic() < self.end:
            i += 1
            tag = "%d-%d" % (self.n, i)
            x = self.rng.random()
            self.requests += 1
            try:
                if x < 0.60:
                    path = self.rng.choice(self.reads)
                    if "{p}" in path:
                        path = path.replace("{p}", str(self.rng.choice(
                            self.proposals)))
                    r = c.get(path)
                    if r.status != 200:
                        self.fail("GET " + path, r)
                    else:
                        self.ok["read"] += 1
                elif x < 0.72 or (x < 0.80 and not self.drafts):
                    r = c.post("/proposals", [("csrf", token),
                                              ("action", "save")] +
                               form(tag, False))
                    m = re.search(r"/proposals/(\d+)/edit\?token=([\w-]+)&"
                                  r"saved=1$", r.header("Location"))
                    if r.status == 303 and m:
                        self.ok["save"] += 1
                        self.drafts.append((int(m.group(1)), m.group(2)))
                        self.created.add(int(m.group(1)))
                    else:
                        self.fail("save", r)
                elif x < 0.80:
                    pid, ptok = self.rng.choice(self.drafts)
                    r = c.post("/proposals/%d" % pid,
                               [("csrf", token), ("token", ptok),
                                ("action", "save")] + form(tag, False))
                    if r.status == 303:
                        self.ok["update"] += 1
                    else:
                        self.fail("update of %d" % pid, r)
                elif x < 0.90:
                    r = c.post("/proposals", [("csrf", token),
                                              ("action", "submit")] +
                               form(tag, True))
                    m = re.search(r"/proposals/(\d+)/edit\?token=[\w-]+&"
                                  r"submitted=1$", r.header("Location"))
                    if r.status == 303 and m:
                        self.ok["submit"] += 1
                        self.created.add(int(m.group(1)))
                    else:
                        self.fail("submit", r)
                else:
                    if self.rng.random() < 0.5:
                        path = "/proposals/%d/comments" % self.rng.choice(
                            self.proposals)
                    else:
                        path = "/commitments/%d/comments" % self.rng.choice(
                            self.items)
                    r = c.post(path, [("csrf", token), ("name", "市民 " + tag),
                                      ("body", "意見 " + tag)])
                    if r.status == 303:
                        self.ok["comment"] += 1
                    else:
                        self.fail("POST " + path, r)
            except AssertionError as e:
                self.failures.append(str(e))


def test_64_clients(ctx):
    seconds = float(os.environ.get("CONCURRENCY_SECONDS", "30"))
    with ctx.instance(workers=WORKERS) as inst:
        for k in ("limit_proposals", "limit_comments"):
            inst.execute("INSERT INTO settings (key, value) VALUES (?, '0') "
                         "ON CONFLICT (key) DO UPDATE SET value = "
                         "excluded.value", (k,))
        org, _ = inst.staff_client("organizer")
        mid = inst.new_meeting(org, "moe")
        c = inst.client()
        proposals = [inst.create(c, form("seed-%d" % i, True),
                                 action="submit")[0] for i in range(8)]
        reads = ["/", "/commitments", "/commitments/1", "/commitments/7",
                 "/agencies", "/agencies/moe", "/agencies/ndc/meetings.ics",
                 "/proposals", "/proposals?agency=moe",
                 "/proposals?value=participation", "/proposals?q=" +
                 "%E9%9D%92%E5%B9%B4", "/proposals?page=2", "/proposals/new",
                 "/proposals/{p}", "/proposals/{p}/print",
                 "/proposals/{p}/history", "/meetings", "/meetings/%d" % mid,
                 "/meetings.ics", "/feed.atom", "/search?q=%E5%8F%83%E8%88%87",
                 "/responses", "/process", "/proposals.csv",
                 "/proposals.json", "/healthz", "/login",
                 "/static/style.css"]
        q = inst.query
        before = {
            "proposals": q("SELECT count(*) FROM proposals")[0][0],
            "revisions": q("SELECT count(*) FROM proposal_revisions")[0][0],
            "comments": q("SELECT count(*) FROM comments")[0][0],
        }
        end = time.monotonic() + seconds
        clients = [Load(inst, n, end, reads, proposals, list(range(1, 13)))
                   for n in range(CLIENTS)]
        t0 = time.monotonic()
        for t in clients:
            t.start()
        for t in clients:
            t.join(seconds + 120)
        took = time.monotonic() - t0
        assert not any(t.is_alive() for t in clients), "clients still run"
        total = {k: sum(t.ok[k] for t in clients) for k in clients[0].ok}
        requests = sum(t.requests for t in clients)
        failures = [f for t in clients for f in t.failures]
        after = {
            "proposals": q("SELECT count(*) FROM proposals")[0][0],
            "revisions": q("SELECT count(*) FROM proposal_revisions")[0][0],
            "comments": q("SELECT count(*) FROM comments")[0][0],
        }
        print("     concurrency: %d requests from %d clients in %.1f s "
              "(%.0f/s) to %d workers: %s; %d failed" % (
                  requests, CLIENTS, took, requests / took, WORKERS, total,
                  len(failures)))
        busy = [f for f in failures if " 503 " in f or "暫時無法" in f]
        assert not failures, "%d of %d requests failed (%d database-busy):" \
            "\n%s" % (len(failures), requests, len(busy),
                      "\n".join(failures[:20]))
        want = {
            "proposals": before["proposals"] + total["save"] +
            total["submit"],
            "revisions": before["revisions"] + total["save"] +
            total["submit"] + total["update"],
            "comments": before["comments"] + total["comment"],
        }
        assert after == want, "the database holds %r, the clients were " \
            "told %r were saved" % (after, want)
        # Each client's own rows are there, and each update made a revision.
        created = set().union(*(t.created for t in clients))
        rows = set(x[0] for x in q("SELECT id FROM proposals WHERE id > ?",
                                   (max(proposals),)))
        assert created == rows, "proposals acknowledged but missing: %s; " \
            "stored but never acknowledged: %s" % (
                sorted(created - rows)[:10], sorted(rows - created)[:10])
        bad = q("SELECT p.id FROM proposals p WHERE p.revision <> (SELECT "
                "count(*) FROM proposal_revisions r WHERE r.proposal_id = "
                "p.id)")
        assert not bad, "proposals whose revisions are not all there: %s" % (
            bad[:10],)
        assert q("PRAGMA integrity_check") == [("ok",)]
        assert total["save"] and total["submit"] and total["update"] and \
            total["comment"] and total["read"], \
            "not every kind of request was made: %s" % total
