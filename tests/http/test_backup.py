"""Backups (issue 5, point 8): `cocreate backup --db PATH --out FILE` takes
an online, consistent copy while submissions go on; the copy passes
PRAGMA integrity_check, holds the source as it was at one moment (every
proposal up to some id, each with its revisions), and an instance started
on it serves the proposals.  It refuses a missing source and leaves no
partial file when it cannot write.  deploy/cocreate-backup.sh keeps the
last 14 copies."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse

# How long a backup of the few MB here may take while writes go on.
BOUND = 20
# Clients submitting proposals all through the backup.
WRITERS = 3

FILLER = "這是一段用來把資料庫撐大的文字，讓備份必須分好幾步完成。" * 60


def submit_fields(title):
    return [("kind", "add"), ("title", title), ("lead_agency", "ndc"),
            ("problem", "備份期間送出的提案：" + title),
            ("commitment", "承諾事項。"), ("contribution", "貢獻。"),
            ("value", "transparency"), ("relevance", "透明。"),
            ("submitter", "備份測試"), ("email", "backup@example.org")]


def fill(db, n=300):
    """Makes the source big enough that the online backup takes many
    steps (pages are copied 256 at a time): n proposals of about 20 KB,
    each with its revision, straight into the database."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        with conn:
            for i in range(n):
                cur = conn.execute(
                    "INSERT INTO proposals (status, kind, title, "
                    "lead_agency_id, problem, commitment, contribution, "
                    "ogp_values, relevance, submitter, token_hash, "
                    "created_at, updated_at, submitted_at) VALUES "
                    "('submitted', 'add', ?, 1, ?, ?, ?, 1, ?, '填充', "
                    "randomblob(32), '2020-01-01T00:00:00Z', "
                    "'2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
                    ("填充提案 %d" % i, FILLER, FILLER, FILLER, FILLER))
                conn.execute(
                    "INSERT INTO proposal_revisions (proposal_id, revision, "
                    "saved_at, action, status, kind, target_item_id, title, "
                    "lead_agency_id, lead_agency_other, problem, commitment, "
                    "contribution, ogp_values, relevance, submitter, phone, "
                    "email, milestones) SELECT id, revision, updated_at, "
                    "'submit', status, kind, target_item_id, title, "
                    "lead_agency_id, lead_agency_other, problem, commitment, "
                    "contribution, ogp_values, relevance, submitter, phone, "
                    "email, milestones FROM proposals WHERE id = ?",
                    (cur.lastrowid,))
    finally:
        conn.close()


def rows(db, sql, args=()):
    conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


class Writer(threading.Thread):
    """Submits proposals one after another through the app until told to
    stop; acked: {id: title} of those that got their 303."""

    def __init__(self, inst):
        super().__init__(daemon=True)
        self.inst = inst
        self.stop = threading.Event()
        self.acked = {}
        self.errors = []

    def run(self):
        c = self.inst.client()
        try:
            token = self.inst.form_token(c)
        except AssertionError as e:
            self.errors.append(str(e))
            return
        i = 0
        while not self.stop.is_set():
            i += 1
            title = "備份中送出 %d" % i
            try:
                r = c.post("/proposals", [("csrf", token),
                                          ("action", "submit")] +
                           submit_fields(title))
            except AssertionError as e:
                self.errors.append(str(e))
                continue
            m = re.search(r"/proposals/(\d+)/edit", r.location())
            if r.status == 303 and m:
                self.acked[int(m.group(1))] = title
            else:
                self.errors.append("POST /proposals: %d" % r.status)


class Merged:
    """The writers as one: acked, errors, stop, join."""

    def __init__(self, writers):
        self.writers = writers

    @property
    def acked(self):
        out = {}
        for w in self.writers:
            out.update(w.acked)
        return out

    @property
    def errors(self):
        return [e for w in self.writers for e in w.errors]

    class _Stop:
        def __init__(self, writers):
            self.writers = writers

        def set(self):
            for w in self.writers:
                w.stop.set()

    @property
    def stop(self):
        return self._Stop(self.writers)

    def join(self, timeout):
        for w in self.writers:
            w.join(timeout)


def test_backup_while_writing(ctx):
    out_dir = tempfile.mkdtemp(prefix="cocreate-backup-")
    try:
        with ctx.instance() as src:
            src.execute("INSERT INTO settings (key, value) VALUES "
                        "('limit_proposals', '0') ON CONFLICT (key) DO "
                        "UPDATE SET value = excluded.value")
            fill(src.db)
            writers = [Writer(src) for _ in range(WRITERS)]
            for w in writers:
                w.start()
            end = time.monotonic() + 10
            while min(len(w.acked) for w in writers) < 3 and \
                    time.monotonic() < end:
                time.sleep(0.02)
            w = Merged(writers)
            assert len(w.acked) >= 3 * WRITERS, "the writers got no " \
                "submission through: %s" % w.errors[:3]
            n_before = src.query("SELECT count(*) FROM proposals")[0][0]
            acked_before = len(w.acked)
            out = os.path.join(out_dir, "copy.db")
            t0 = time.monotonic()
            proc = subprocess.Popen([ctx.bin, "backup", "--db", src.db,
                                     "--out", out], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True,
                                    errors="replace")
            late = ""
            try:
                stdout, stderr = proc.communicate(timeout=BOUND)
            except subprocess.TimeoutExpired:
                # Still copying: say so, stop the writes and let it end,
                # to check the rest all the same.
                late = ("the backup did not finish within %d s while %d "
                        "clients submitted proposals (%d acknowledged in "
                        "that time)" % (BOUND, WRITERS,
                                        len(w.acked) - acked_before))
                w.stop.set()
                stdout, stderr = proc.communicate(timeout=300)
            took = time.monotonic() - t0
            acked_during = len(w.acked) - acked_before
            time.sleep(0.3)
            w.stop.set()
            w.join(30)
            n_final = src.query("SELECT count(*) FROM proposals")[0][0]
            ctx.assert_no_sanitizer("cocreate backup", stderr)
            assert proc.returncode == 0, "cocreate backup: exit %d: %s" % (
                proc.returncode, (stderr + stdout).strip())
            assert not w.errors, "submissions failed during the backup: %s" \
                % w.errors[:5]
            assert os.path.exists(out), "no backup file"
            assert not os.path.exists(out + ".partial"), \
                "the partial file is left"
            got = rows(out, "PRAGMA integrity_check")
            assert got == [("ok",)], "integrity_check of the copy: %r" % got
            assert rows(out, "PRAGMA journal_mode") == [("delete",)], \
                "the copy is not a plain rollback-journal database"
            assert not os.path.exists(out + "-wal"), "the copy has a WAL"
            # One moment of the source: the proposals up to some id.
            nb = rows(out, "SELECT count(*) FROM proposals")[0][0]
            assert n_before <= nb <= n_final, \
                "the copy holds %d proposals: not between %d (before the " \
                "backup) and %d (after the writes)" % (nb, n_before, n_final)
            last = rows(out, "SELECT max(id) FROM proposals")[0][0]
            q = ("SELECT id, status, title, problem, revision FROM proposals "
                 "WHERE id <= ? ORDER BY id")
            assert rows(out, q, (last,)) == src.query(q, (last,)), \
                "the copy's proposals differ from the source's up to id %d" \
                % last
            q = ("SELECT proposal_id, revision, title FROM proposal_revisions "
                 "WHERE proposal_id <= ? ORDER BY 1, 2")
            assert rows(out, q, (last,)) == src.query(q, (last,)), \
                "the copy's revisions differ from the source's"
            bad = rows(out, "SELECT p.id FROM proposals p WHERE p.revision <> "
                       "(SELECT count(*) FROM proposal_revisions r WHERE "
                       "r.proposal_id = p.id)")
            assert not bad, "proposals without all their revisions in the " \
                "copy: %s" % bad[:10]
            assert rows(out, "PRAGMA foreign_key_check") == []
            in_copy = [i for i in w.acked if i <= last]
            print("     backup: %d proposals in the copy (%d before, %d "
                  "after), %d acknowledged while it ran (%.2f s)" % (
                      nb, n_before, n_final, acked_during, took))
            size = os.path.getsize(out)
            # One more after the copy: in the source's search index, not
            # in the copy's docs.
            gone = "備份之後才送出的提案" + ctx.unique("g").replace("-", "")
            src.create(src.client(), submit_fields(gone), action="submit")
            src.index_settled()
            index = os.path.join(out_dir, "index.db")
            isrc = sqlite3.connect(src.db + "-search", timeout=30)
            idst = sqlite3.connect(index)
            try:
                isrc.backup(idst)
            finally:
                idst.close()
                isrc.close()
        # Restored: an instance on a copy of the backup serves them, and
        # the search index left beside the database (the source's, ahead
        # of the copy, as when a backup is put back in place) is built
        # anew when the server starts, not served.
        state = tempfile.mkdtemp(prefix="cocreate-restored-")
        try:
            shutil.copy(out, os.path.join(state, "cocreate.db"))
            shutil.copy(index, os.path.join(state, "cocreate.db-search"))
            with ctx.instance(state=state) as restored:
                c = restored.client()
                for pid in in_copy[-3:] + [1, last]:
                    r = c.get("/proposals/%d" % pid)
                    title = rows(out, "SELECT title FROM proposals WHERE "
                                 "id=?", (pid,))[0][0]
                    assert r.status == 200 and title in r.text, \
                        "the restored instance: GET /proposals/%d: %d" % (
                            pid, r.status)
                r = c.get("/proposals")
                assert r.status == 200 and re.search(
                    r'href="/proposals/%d"' % last, r.text), \
                    "the restored list lacks the newest proposal"
                restored.execute("INSERT INTO settings (key, value) VALUES "
                                 "('limit_proposals', '0') ON CONFLICT (key) "
                                 "DO UPDATE SET value = excluded.value")
                pid, _ = restored.create(c, submit_fields("還原後的新提案"),
                                         action="submit")
                assert pid > last, "a new proposal on the restored copy " \
                    "got id %d" % pid
                restored.index_settled()
                assert restored.index_problems() == []
                hits = re.findall(r'<a class="title" href="([^"]+)"',
                                  c.get("/search?q=" + urllib.parse.quote(
                                      "還原後的新提案")).text)
                assert "/proposals/%d" % pid in hits, \
                    "search on the restored copy misses its new proposal"
                hits = re.findall(r'<a class="title" href="([^"]+)"',
                                  c.get("/search?q=" + urllib.parse.quote(
                                      gone)).text)
                assert hits == [], "search on the restored copy finds %s " \
                    "for a proposal the copy does not hold" % hits
        finally:
            shutil.rmtree(state, ignore_errors=True)
        assert not late, "%s; a copy of %d MB.  The online backup API " \
            "starts again whenever another connection writes between two " \
            "steps (sqlite3_backup_step with 256 pages), so under steady " \
            "writes it hardly ever ends" % (late, size >> 20)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def immutable_dir_works(path):
    """True when chattr +i on the directory path stops even root from
    creating files in it (ext4, xfs, btrfs; not tmpfs or overlayfs)."""
    if shutil.which("chattr") is None:
        return False
    if subprocess.run(["chattr", "+i", path], stderr=subprocess.DEVNULL,
                      stdout=subprocess.DEVNULL).returncode != 0:
        return False
    try:
        open(os.path.join(path, "probe"), "w").close()
    except OSError:
        return True
    subprocess.run(["chattr", "-i", path])
    os.unlink(os.path.join(path, "probe"))
    return False


def test_backup_refusals(ctx):
    """A missing source, an unwritable destination, a destination that is
    a directory, a full disk: a non-zero status, a message, no file and no
    partial file left."""
    d = tempfile.mkdtemp(prefix="cocreate-backup-err-")
    mnt = None
    try:
        out = os.path.join(d, "out.db")
        for src in (os.path.join(d, "nope.db"), "/nonexistent/dir/x.db"):
            p = ctx.cli("backup", "--db", src, "--out", out)
            assert p.returncode != 0, "backup of the missing %s: exit 0" % src
            assert p.stderr.strip(), "backup of a missing source: no message"
            assert not os.path.exists(src), \
                "the backup created the missing source %s" % src
            assert os.listdir(d) == [], "left behind: %s" % os.listdir(d)
        p = ctx.cli("backup", "--db", ctx.db)
        assert p.returncode != 0, "backup without --out: exit 0"
        # --out where nothing can be written.
        for where in ("/nonexistent/dir/out.db", "/proc/cocreate-out.db"):
            p = ctx.cli("backup", "--db", ctx.db, "--out", where)
            assert p.returncode != 0, "backup to %s: exit 0" % where
            assert not os.path.exists(where) and \
                not os.path.exists(where + ".partial")
        # --out an existing directory: the copy is made beside it, the
        # rename fails, and the partial copy is removed.
        target = os.path.join(d, "a-directory")
        os.mkdir(target)
        open(os.path.join(target, "keep"), "w").close()
        p = ctx.cli("backup", "--db", ctx.db, "--out", target)
        assert p.returncode != 0, "backup onto a directory: exit 0"
        assert sorted(os.listdir(d)) == ["a-directory"] and \
            os.listdir(target) == ["keep"], \
            "left behind: %s" % sorted(os.listdir(d))
        # A directory even root cannot write to (immutable).
        ro = os.path.join(d, "ro")
        os.mkdir(ro)
        if immutable_dir_works(ro):
            try:
                p = ctx.cli("backup", "--db", ctx.db, "--out",
                            os.path.join(ro, "out.db"))
                assert p.returncode != 0, "backup into an immutable " \
                    "directory: exit 0"
                assert os.listdir(ro) == [], "left behind: %s" % \
                    os.listdir(ro)
            finally:
                subprocess.run(["chattr", "-i", ro])
        else:
            ctx.skip_part("chattr +i does not protect a directory here: "
                          "the immutable-directory case")
        # A full disk: a tmpfs of 64 KiB, smaller than any copy (the
        # reference data alone take more).
        mnt = os.path.join(d, "small")
        os.mkdir(mnt)
        m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k",
                            "tmpfs", mnt], stderr=subprocess.PIPE, text=True)
        if m.returncode != 0:
            ctx.skip_part("cannot mount a tmpfs (%s): the full-disk case"
                          % m.stderr.strip())
            mnt = None
        else:
            p = ctx.cli("backup", "--db", ctx.db, "--out",
                        os.path.join(mnt, "out.db"))
            assert p.returncode != 0, "backup onto a full disk: exit 0"
            assert os.listdir(mnt) == [], \
                "a full disk: left behind %s" % os.listdir(mnt)
    finally:
        if mnt is not None:
            subprocess.run(["umount", mnt])
        shutil.rmtree(d, ignore_errors=True)


def mode(path):
    return os.stat(path).st_mode & 0o7777


def test_backup_script_keeps_14(ctx):
    """deploy/cocreate-backup.sh runs the backup and keeps the newest 14,
    in a directory of mode 0700 with every new copy 0600 (they hold the
    private data), whatever the umask it is started with; the service runs
    it with UMask=0077.  It calls /usr/local/bin/cocreate: it runs here as
    a temporary copy with that path replaced by the binary under test
    (sed), nothing else changed."""
    with open(os.path.join(ctx.root, "deploy", "cocreate-backup.sh")) as f:
        script = f.read()
    assert "/usr/local/bin/cocreate backup" in script
    d = tempfile.mkdtemp(prefix="cocreate-backup-keep-")
    try:
        copy = os.path.join(d, "backup.sh")
        with open(copy, "w") as f:
            f.write(script.replace("/usr/local/bin/cocreate", ctx.bin))
        bdir = os.path.join(d, "backups")
        os.mkdir(bdir, 0o755)
        os.chmod(bdir, 0o755)
        now = time.time()
        old = []
        for i in range(20):
            name = os.path.join(bdir, "cocreate-202001%02dT033000Z.db"
                                % (i + 1))
            with open(name, "w") as f:
                f.write("old backup %d\n" % i)
            t = now - (20 - i) * 86400
            os.utime(name, (t, t))
            old.append(name)
        other = os.path.join(bdir, "notes.txt")
        open(other, "w").close()
        env = dict(os.environ, DB=ctx.db, DIR=bdir, KEEP="14")
        p = subprocess.run(["sh", copy], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=120,
                           umask=0o022, errors="replace")
        ctx.assert_no_sanitizer("cocreate-backup.sh", p.stderr)
        assert p.returncode == 0, "cocreate-backup.sh: exit %d: %s" % (
            p.returncode, p.stderr)
        left = sorted(os.listdir(bdir))
        new = [x for x in left if x.endswith(".db") and
               os.path.join(bdir, x) not in old]
        assert len(new) == 1 and re.match(
            r"^cocreate-\d{8}T\d{6}Z\.db$", new[0]), \
            "the new backup: %s" % new
        assert rows(os.path.join(bdir, new[0]), "PRAGMA integrity_check") == \
            [("ok",)]
        kept = [x for x in left if x.endswith(".db")]
        assert len(kept) == 14, "%d backups kept, expected 14: %s" % (
            len(kept), kept)
        want = sorted([os.path.basename(x) for x in old[-13:]] + new)
        assert kept == want, "kept %s, expected the newest 14: %s" % (
            kept, want)
        assert "notes.txt" in left, "the script removed a file not its own"
        # Private: the directory (it existed, 0755) is 0700, the copy 0600.
        assert mode(bdir) == 0o700, "the backup directory is %o, not 700" \
            % mode(bdir)
        assert mode(os.path.join(bdir, new[0])) == 0o600, \
            "the new backup is %o, not 600" % mode(os.path.join(bdir, new[0]))
        # A directory it makes itself, started with umask 000.
        fresh = os.path.join(d, "fresh", "backups")
        p = subprocess.run(["sh", copy], env=dict(env, DIR=fresh),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=120, umask=0, errors="replace")
        ctx.assert_no_sanitizer("cocreate-backup.sh", p.stderr)
        assert p.returncode == 0, "cocreate-backup.sh into a new directory: " \
            "exit %d: %s" % (p.returncode, p.stderr)
        made = os.listdir(fresh)
        assert len(made) == 1, "a new directory holds %s" % made
        assert mode(fresh) == 0o700, "a new backup directory is %o, not " \
            "700" % mode(fresh)
        got = [(x, mode(os.path.join(fresh, x))) for x in made]
        assert got[0][1] == 0o600, "the backup %s is %o, not 600" % got[0]
        # The timer runs it daily, the service as the app's user.
        with open(os.path.join(ctx.root, "deploy",
                               "cocreate-backup.timer")) as f:
            timer = f.read()
        with open(os.path.join(ctx.root, "deploy",
                               "cocreate-backup.service")) as f:
            service = f.read()
        assert re.search(r"^OnCalendar=(daily|\*-\*-\* \d\d:\d\d(:\d\d)?)$",
                         timer, re.M), "the timer is not daily"
        assert re.search(r"^Persistent=true$", timer, re.M)
        assert re.search(r"^ExecStart=\S*cocreate-backup\.sh$", service, re.M)
        assert re.search(r"^UMask=0?077$", service, re.M), \
            "cocreate-backup.service has no UMask=0077"
    finally:
        shutil.rmtree(d, ignore_errors=True)
