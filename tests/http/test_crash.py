"""Crash consistency (issue 5, point 4), on a separate instance with 4
workers: clients submit proposals without pause; some workers get
SIGKILL mid-stream, then the master does and, with it, everything of the
instance (the whole process group: run.sh, the orphaned workers, nginx),
as a power cut would leave it.  The instance is started again on the same
STATE, and every submission that got its 303 must be in the database with
the text sent, nothing half-written may be (each proposal complete, with
its revision and its search entry), and PRAGMA integrity_check says ok."""

import os
import re
import signal
import threading
import time

CLIENTS = 8


def fields(tag):
    """A whole NDC form; every text carries tag, so a row tells which
    submission it came from."""
    return [("kind", "add"), ("title", "斷電測試 " + tag),
            ("lead_agency", "ndc"),
            ("problem", "公共問題 %s：資料公開落後。\n第二段。" % tag),
            ("commitment", "承諾事項 %s。" % tag),
            ("contribution", "貢獻 %s。" % tag),
            ("value", "transparency"), ("value", "accountability"),
            ("relevance", "相關性 %s。" % tag),
            ("submitter", "提案人 " + tag), ("phone", "02-1234-5678"),
            ("email", "crash@example.org")]


class Client(threading.Thread):
    """Submits one proposal after another through whatever address the
    instance has now, recording every attempt (sent) and every 303
    (acked: id -> tag)."""

    def __init__(self, inst, n, stop):
        super().__init__(daemon=True)
        self.inst = inst
        self.n = n
        self.stop = stop
        self.sent = {}
        self.acked = {}
        self.failed = 0
        self.statuses = {}

    def run(self):
        i = 0
        c = None
        token = None
        while not self.stop.is_set():
            if c is None or c.base != self.inst.base:
                c = self.inst.client()
                try:
                    token = self.inst.form_token(c)
                except AssertionError:
                    c = None
                    self.failed += 1
                    time.sleep(0.05)
                    continue
            i += 1
            tag = "c%d-%d" % (self.n, i)
            f = fields(tag)
            self.sent[tag] = f
            try:
                r = c.post("/proposals", [("csrf", token),
                                          ("action", "submit")] + f)
            except AssertionError:
                self.failed += 1
                c = None
                time.sleep(0.02)
                continue
            self.statuses[r.status] = self.statuses.get(r.status, 0) + 1
            m = re.search(r"/proposals/(\d+)/edit\?token=[\w-]+&submitted=1$",
                          r.header("Location"))
            if r.status == 303 and m:
                self.acked[int(m.group(1))] = tag
            else:
                self.failed += 1


def wait_acked(clients, n, timeout=20):
    end = time.monotonic() + timeout
    while sum(len(c.acked) for c in clients) < n:
        if time.monotonic() > end:
            raise AssertionError("only %d submissions acknowledged in %d s"
                                 % (sum(len(c.acked) for c in clients),
                                    timeout))
        time.sleep(0.01)


def running(pid):
    """True while pid runs (not gone, not a zombie)."""
    try:
        stat = open("/proc/%d/stat" % pid).read()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_kill_workers_then_master(ctx):
    with ctx.instance(workers=4) as inst:
        inst.execute("INSERT INTO settings (key, value) VALUES "
                     "('limit_proposals', '0') ON CONFLICT (key) DO UPDATE "
                     "SET value = excluded.value")
        srv = inst.server
        end = time.monotonic() + 10
        procs = srv.processes()
        while len(procs["workers"]) < 4 and time.monotonic() < end:
            time.sleep(0.05)
            procs = srv.processes()
        assert procs["master"] and len(procs["workers"]) == 4, \
            "the instance runs %r, not a master and 4 workers" % procs
        stop = threading.Event()
        clients = [Client(inst, n, stop) for n in range(CLIENTS)]
        for c in clients:
            c.start()
        killed = []
        try:
            wait_acked(clients, 40)
            # Two workers, one after the other, mid-stream.
            for victim in procs["workers"][:2]:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
                n = sum(len(c.acked) for c in clients)
                wait_acked(clients, n + 40)
            end = time.monotonic() + 10
            after = srv.processes()
            while len(after["workers"]) < 4 and time.monotonic() < end:
                time.sleep(0.05)
                after = srv.processes()
            assert len(after["workers"]) == 4 and not set(killed) & set(
                after["workers"]), "the master did not replace the killed " \
                "workers: %r" % after
            # Then the master, and everything of the instance with it.
            n_before_master = sum(len(c.acked) for c in clients)
            os.kill(after["master"], signal.SIGKILL)
            # Workers leave by themselves once the master is gone (they
            # finish the request in hand): none is left holding a socket.
            end = time.monotonic() + 5
            orphans = list(after["workers"])
            while orphans and time.monotonic() < end:
                time.sleep(0.05)
                orphans = [p for p in orphans if running(p)]
            assert not orphans, "workers %r outlived their master" % orphans
            srv.kill()
            assert not srv.group_alive(procs["run"]), "processes of the " \
                "instance survived SIGKILL"
            for p in after["workers"]:
                st = "/proc/%d/stat" % p
                if os.path.exists(st):
                    state = open(st).read().rsplit(")", 1)[1].split()[0]
                    assert state == "Z", "worker %d still runs" % p
            down_acked = sum(len(c.acked) for c in clients)
            # Up again on the same STATE; the clients carry on.
            inst.base = srv.start()
            wait_acked(clients, down_acked + 40)
        finally:
            stop.set()
            for c in clients:
                c.join(30)
        acked = {}
        sent = {}
        for c in clients:
            acked.update(c.acked)
            sent.update(c.sent)
        # Every acknowledged submission is there, as it was sent.
        lost, wrong = [], []
        for pid, tag in sorted(acked.items()):
            row = inst.query(
                "SELECT status, title, problem, commitment, contribution, "
                "relevance, submitter, phone, email, ogp_values, revision "
                "FROM proposals WHERE id=?", (pid,))
            if not row:
                lost.append(pid)
                continue
            f = dict(sent[tag])
            want = ("submitted", f["title"], f["problem"], f["commitment"],
                    f["contribution"], f["relevance"], f["submitter"],
                    f["phone"], f["email"], 1 | 4, 1)
            if row[0] != want:
                wrong.append("%d: %r" % (pid, row[0]))
        # Nothing half-written: every row is one whole submission that was
        # sent, with its revision and its search entry.
        problems = []
        titles = {dict(f)["title"]: tag for tag, f in sent.items()}
        for pid, title, problem, status, rev in inst.query(
                "SELECT id, title, problem, status, revision FROM proposals"):
            tag = titles.get(title)
            if tag is None:
                problems.append("proposal %d: a title no client sent: %r"
                                % (pid, title))
            elif problem != dict(sent[tag])["problem"] or \
                    status != "submitted" or rev != 1:
                problems.append("proposal %d: half-written: %r" % (
                    pid, (status, rev, problem[:40])))
        for what, sql in (
                ("proposals without their revision",
                 "SELECT id FROM proposals p WHERE NOT EXISTS (SELECT 1 FROM "
                 "proposal_revisions r WHERE r.proposal_id = p.id AND "
                 "r.revision = p.revision AND r.title = p.title AND "
                 "r.problem = p.problem)"),
                ("revisions without their proposal",
                 "SELECT proposal_id FROM proposal_revisions r WHERE NOT "
                 "EXISTS (SELECT 1 FROM proposals p WHERE p.id = "
                 "r.proposal_id)"),
                ("submitted proposals without a title",
                 "SELECT id FROM proposals WHERE status = 'submitted' AND "
                 "title = ''"),
                ("submitted proposals missing from the search index",
                 "SELECT id FROM proposals p WHERE status = 'submitted' AND "
                 "NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = "
                 "'proposal' AND d.ref = p.id)")):
            got = inst.query(sql)
            if got:
                problems.append("%s: %s" % (what, [x[0] for x in got][:10]))
        n_p = inst.query("SELECT count(*), coalesce(sum(revision), 0) FROM "
                         "proposals")[0]
        n_r = inst.query("SELECT count(*) FROM proposal_revisions")[0][0]
        if n_p[1] != n_r:
            problems.append("%d revisions for %d proposals whose revision "
                            "numbers add up to %d" % (n_r, n_p[0], n_p[1]))
        integrity = inst.query("PRAGMA integrity_check")
        if integrity != [("ok",)]:
            problems.append("integrity_check: %r" % integrity[:5])
        # The search index (a file of its own, its turns killed with the
        # workers) takes in every marked doc, exactly as it is.
        inst.index_settled(20)
        problems += ["the search index: %s" % p
                     for p in inst.index_problems()]
        if inst.query("PRAGMA foreign_key_check"):
            problems.append("foreign_key_check: %r" %
                            inst.query("PRAGMA foreign_key_check")[:5])
        # The app logged the killed workers and started others.
        log = inst.log_text()
        for p in killed:
            if not re.search(r"worker %d killed by signal 9" % p, log):
                problems.append("no log line for the killed worker %d" % p)
        statuses = {}
        for c in clients:
            for k, v in c.statuses.items():
                statuses[k] = statuses.get(k, 0) + v
        print("     crash: %d submissions sent, %d acknowledged, %d found, "
              "%d lost (%d acknowledged before the master was killed; "
              "answers %s; %d rows in the database)" % (
                  len(sent), len(acked), len(acked) - len(lost), len(lost),
                  n_before_master, statuses, n_p[0]))
        assert not lost, "%d acknowledged submissions are not in the " \
            "database: %s" % (len(lost), lost[:20])
        assert not wrong, "acknowledged submissions stored otherwise:\n%s" \
            % "\n".join(wrong[:10])
        assert not problems, "\n".join(problems)
        assert not [s for s in statuses if s >= 500 and s not in (502,)], \
            "answers other than 303 and 502 (the app down): %s" % statuses


def test_nginx_dying_stops_the_app_and_sockets_stay_their_own(ctx):
    # nginx killed: run.sh stops the app too (under set -e its trap gave
    # up at the first kill of a process already gone, and the app outlived
    # nginx); a second server on a live socket refuses to start rather
    # than take it over.
    with ctx.instance(workers=2) as inst:
        srv = inst.server
        procs = srv.processes()
        sock = os.path.join(inst.state, "cocreate.sock")
        p = inst.cli("serve", "--db", inst.db, "--socket", sock,
                     "--workers", "1", timeout=30)
        assert p.returncode != 0 and "another server" in p.stderr, \
            "a second server on the live socket: %d %r" % (p.returncode,
                                                           p.stderr)
        assert os.path.exists(sock), "the live socket was removed"
        for pid in procs["nginx"]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        end = time.monotonic() + 10
        while time.monotonic() < end and (
                running(procs["master"]) or
                any(running(w) for w in procs["workers"])):
            time.sleep(0.05)
        assert not running(procs["master"]) and \
            not any(running(w) for w in procs["workers"]), \
            "the app outlived nginx: %r" % srv.processes()
