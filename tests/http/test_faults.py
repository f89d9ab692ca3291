"""Faults (issue 5, point 6), each on a separate instance: the database
read-only, the disk full, a lock held past the busy timeout.  For each, a
submission gets 503 with a clear bilingual page and the text typed kept
in the form, the app logs one line for it, reads go on where they can, and
once the fault is gone the next write succeeds without restarting
anything (the same worker processes).  Where the machine cannot make the
fault (no chattr +i that holds, no tmpfs mount) the test is skipped, which
fails the run unless CC_ALLOW_SKIP=1."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse

CJK = re.compile(r"[\u3400-\u9fff]")


def typed(tag, size=1):
    """A whole NDC form; size multiplies the long texts."""
    return [("kind", "add"), ("title", "故障測試 " + tag), ("lead_agency", "epa"),
            ("problem", ("空氣品質資料 %s 公開不足。\n第二行。" % tag) * size),
            ("commitment", "每小時公開監測資料。" * size),
            ("contribution", "民眾可即時查詢。" * size),
            ("value", "transparency"), ("relevance", "透明。" * size),
            ("submitter", "故障 測試者"), ("phone", "02-2311-7722"),
            ("email", "fault@example.org")]


def squash(s):
    return " ".join(s.split())


def busy_page(ctx, r, fields, what):
    """r is the form again with 503: a bilingual 'not saved, try again'
    banner and every field as typed."""
    assert r.status == 503, "%s: status %d, expected 503: %s" % (
        what, r.status, ctx.excerpt(r.text))
    ctx.assert_html(r, 503, tidy=False)
    m = re.search(r'<div class="banner error" role="alert">(.*?)</div>',
                  r.text, re.S)
    assert m and CJK.search(m.group(1)) and re.search(
        r'lang="en"[^>]*>.*(saved|store|try again)', m.group(1), re.S), \
        "%s: no bilingual message that nothing was saved: %s" % (
            what, ctx.excerpt(r.text))
    got = ctx.form_values(r.text, "/proposals")
    for k, v in fields:
        if k == "value":
            continue
        assert [squash(x) for x in got.get(k, [])] == [squash(v)], \
            "%s: %s is not kept in the form: %r" % (what, k,
                                                    [x[:40] for x in
                                                     got.get(k, [])])
    assert got.get("value") == ["transparency"], \
        "%s: the values are not kept" % what


def new_lines(ctx, at, index=False):
    """The log's lines since at; the search index's own (its turns come
    after the answers, and a full disk stops them too: at most one line,
    db_index_fault) only with index."""
    lines = [ln for ln in ctx.log_text()[at:].splitlines() if ln.strip()]
    if index:
        return lines
    ours = [ln for ln in lines if " search index: " in ln]
    assert len(ours) <= 1, "the search index's fault told more than " \
        "once: %s" % ours
    return [ln for ln in lines if " search index: " not in ln]


def one_log_line(lines, what, pattern):
    """The fault is logged once, in the log's format (time, pid, request,
    route), and says what it is.  Returns what is wrong, or ""; checked
    at the end of the test, after the recovery."""
    hits = [ln for ln in lines if re.search(pattern, ln, re.I)]
    if len(lines) != 1 or not hits:
        return "%s: the app should log one line for the fault (matching " \
            "%r); it logged %d:\n    %s" % (what, pattern, len(lines),
                                           "\n    ".join(lines))
    if not re.search(r"^\d{4}-\d\d-\d\dT\S+ pid=\d+ req=\S+ "
                     r"route=/proposals ", lines[0]):
        return "%s: the line does not tell when and which request: %r" % (
            what, lines[0])
    return ""


def submit(ctx, c, token, fields):
    return c.post("/proposals", [("csrf", token), ("action", "submit")] +
                  fields)


def recovered(ctx, c, token, workers, what):
    """The next write succeeds, and the workers are the same processes."""
    fields = typed("恢復後 " + what)
    r = submit(ctx, c, token, fields)
    assert r.status == 303, "%s gone: the next submission got %d: %s" % (
        what, r.status, ctx.excerpt(r.text))
    pid, _, _ = ctx.parse_edit_location(r)
    assert ctx.query("SELECT title FROM proposals WHERE id=?", (pid,)) == \
        [(dict(fields)["title"],)]
    now = ctx.server.processes()["workers"]
    assert now == workers, "%s: the workers were restarted (%s, then %s)" % (
        what, workers, now)


def reads_go_on(ctx, pid, what):
    c = ctx.client()
    for path in ("/healthz", "/proposals/%d" % pid, "/commitments/1"):
        r = c.get(path)
        assert r.status == 200, "%s: GET %s: %d, reads should go on" % (
            what, path, r.status)


def chattr(flag, *paths):
    return subprocess.run(["chattr", flag] + list(paths),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)


def immutable_blocks_open_files(d):
    """True when chattr +i makes writes through an already open file fail
    for root too (ext4, xfs, btrfs do; tmpfs and overlayfs do not)."""
    if shutil.which("chattr") is None:
        return False
    probe = os.path.join(d, "probe")
    fd = os.open(probe, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if chattr("+i", probe).returncode != 0:
            return False
        try:
            os.pwrite(fd, b"x", 0)
            return False
        except OSError:
            return True
        finally:
            chattr("-i", probe)
    finally:
        os.close(fd)
        os.unlink(probe)


def immutable_client(ctx, inst):
    """Skips unless chattr +i stops writes here; a client and its form
    token on inst."""
    if not immutable_blocks_open_files(inst.state):
        ctx.skip("chattr +i does not stop writes to open files on this "
                 "filesystem (%s)" % inst.state)
    c = inst.client()
    return c, inst.form_token(c)


def test_read_only_database(ctx):
    """The database read-only under the running app.  SQLite keeps its
    files open, so chmod 444 does nothing to it, and root ignores modes
    anyway; a read-only remount is refused while the files are open for
    writing (EBUSY).  What does make writes fail here is the immutable
    attribute: chattr +i on the database and its WAL makes every write to
    them fail with EPERM, through the descriptors already open and for
    root too (the -shm index stays writable so that reads go on, as it
    would on a disk remounted read-only under a running server, where the
    mapped index keeps working).  In WAL mode a commit writes the -wal, so
    both files are made immutable."""
    with ctx.instance() as inst:
        c, token = immutable_client(ctx, inst)
        pid, _ = inst.create(c, typed("之前"), action="submit")
        workers = inst.server.processes()["workers"]
        files = [inst.db, inst.db + "-wal"]
        assert all(os.path.exists(f) for f in files), \
            "no WAL beside the database: %s" % os.listdir(inst.state)
        n = inst.query("SELECT count(*) FROM proposals")[0][0]
        out = chattr("+i", *files)
        assert out.returncode == 0, "chattr +i: %s" % out.stdout
        try:
            fields = typed("唯讀時")
            at = len(inst.log_text())
            r = submit(inst, c, token, fields)
            busy_page(inst, r, fields, "a submission to a read-only database")
            time.sleep(0.2)
            logged = one_log_line(new_lines(inst, at), "read-only",
                                  r"read-?only|I/O error|not permitted")
            reads_go_on(inst, pid, "read-only")
            # A comment is refused the same way, its text kept.
            at = len(inst.log_text())
            r = inst.comment(c, "/commitments/1/comments", name="唯讀",
                             body="唯讀時的留言")
            assert r.status == 503 and "唯讀時的留言" in r.text, \
                "a comment to a read-only database: %d" % r.status
        finally:
            chattr("-i", *files)
        assert inst.query("SELECT count(*) FROM proposals")[0][0] == n
        recovered(inst, c, token, workers, "the read-only database")
        # Workers that start while the database is read-only (a worker
        # died and was replaced during the fault) must not stay read-only
        # once it is gone.
        problems = []
        out = chattr("+i", *files)
        assert out.returncode == 0, "chattr +i: %s" % out.stdout
        try:
            for w in workers:
                os.kill(w, 9)
            end = time.monotonic() + 10
            while True:
                now = inst.server.processes()["workers"]
                if len(now) == len(workers) and not set(now) & set(workers):
                    break
                assert time.monotonic() < end, "the workers were not " \
                    "replaced: %s" % now
                time.sleep(0.05)
            time.sleep(0.3)
            reads_go_on(inst, pid, "read-only, new workers")
            r = submit(inst, c, token, typed("唯讀時 2"))
            if r.status != 503:
                problems.append("a submission to the read-only database "
                                "through workers started during the fault: "
                                "%d, expected 503" % r.status)
        finally:
            chattr("-i", *files)
        statuses = []
        for i in range(3 * len(workers)):
            r = submit(inst, c, token, typed("之後 %d" % i))
            statuses.append(r.status)
        if statuses != [303] * len(statuses):
            problems.append(
                "after the fault, submissions through workers started "
                "during it: %s, expected all 303 (a connection opened while "
                "the file could not be written stays read-only: SQLite falls "
                "back to read-only at open and never tries again)" % statuses)
        if logged:
            problems.append(logged)
        assert not problems, "\n".join(problems)


def fill_up(path):
    """Writes a file into the filesystem of path until it is full."""
    filler = os.path.join(path, "filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 1 << 16, 1 << 12, 512, 1):
            block = b"\1" * size
            while True:
                try:
                    if os.write(fd, block) < size:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def test_disk_full(ctx):
    """STATE on a small tmpfs, filled up: a submission gets 503 with the
    text kept; reads go on; once space is freed the next one is saved.
    The app's log is kept off the full disk (a symbolic link to a file
    elsewhere), as in production where it goes to the journal: a full data
    disk must not silence the line that says so."""
    top = tempfile.mkdtemp(prefix="cocreate-full-")
    mnt = os.path.join(top, "mnt")
    os.mkdir(mnt)
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs",
                        mnt], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if m.returncode != 0:
        shutil.rmtree(top, ignore_errors=True)
        ctx.skip("cannot mount a tmpfs here (%s)" % m.stdout.strip())
    try:
        state = os.path.join(mnt, "state")
        os.mkdir(state)
        os.symlink(os.path.join(top, "cocreate.log"),
                   os.path.join(state, "cocreate.log"))
        with ctx.instance(state=state) as inst:
            c = inst.client()
            token = inst.form_token(c)
            pid, _ = inst.create(c, typed("之前"), action="submit")
            workers = inst.server.processes()["workers"]
            n = inst.query("SELECT count(*) FROM proposals")[0][0]
            # An empty WAL: the next commit needs new space, none is left.
            inst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            filler = fill_up(mnt)
            try:
                fields = typed("磁碟滿時", size=40)
                at = len(inst.log_text())
                r = submit(inst, c, token, fields)
                busy_page(inst, r, fields, "a submission to a full disk")
                time.sleep(0.2)
                logged = one_log_line(new_lines(inst, at), "disk full",
                                      r"full|space")
                r = c.get("/healthz")
                assert r.status == 200, "GET /healthz on a full disk: %d" % \
                    r.status
                r = c.get("/proposals/%d" % pid)
                assert r.status == 200, "GET /proposals/%d on a full disk: " \
                    "%d" % (pid, r.status)
            finally:
                os.unlink(filler)
            assert inst.query("SELECT count(*) FROM proposals")[0][0] == n
            recovered(inst, c, token, workers, "the full disk")
            assert inst.query("PRAGMA integrity_check") == [("ok",)]
            assert not logged, logged
    finally:
        u = subprocess.run(["umount", mnt], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if u.returncode != 0:
            subprocess.run(["umount", "-l", mnt])
        shutil.rmtree(top, ignore_errors=True)


def test_lock_past_the_busy_timeout(ctx):
    """Another connection holds the write lock (BEGIN EXCLUSIVE) for longer
    than the app's 5 s busy timeout: the submission waits, then gets 503
    with its text kept; reads are served meanwhile (WAL); once the lock is
    released the next write goes through."""
    with ctx.instance() as inst:
        c = inst.client()
        token = inst.form_token(c)
        pid, _ = inst.create(c, typed("之前"), action="submit")
        workers = inst.server.processes()["workers"]
        n = inst.query("SELECT count(*) FROM proposals")[0][0]
        lock = sqlite3.connect(inst.db, timeout=10, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            fields = typed("鎖住時")
            at = len(inst.log_text())
            got = {}

            def send():
                t = time.monotonic()
                got["r"] = submit(inst, c, token, fields)
                got["t"] = time.monotonic() - t

            th = threading.Thread(target=send)
            th.start()
            time.sleep(0.5)
            t = time.monotonic()
            reads_go_on(inst, pid, "a held lock")
            took = time.monotonic() - t
            assert took < 2, "reads waited %.1f s for the lock" % took
            th.join(30)
            r = got["r"]
            busy_page(inst, r, fields, "a submission while the database "
                      "is locked")
            assert got["t"] >= 4.5, "the 503 came after %.1f s, before the " \
                "busy timeout of 5 s" % got["t"]
            time.sleep(0.2)
            logged = one_log_line(new_lines(inst, at), "lock",
                                  r"locked|busy")
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert inst.query("SELECT count(*) FROM proposals")[0][0] == n
        recovered(inst, c, token, workers, "the lock")
        assert not logged, logged


def test_index_file_fault(ctx):
    """The search index's file unwritable (issue 6: the index is a file of
    its own, off the submissions' path): submissions go on and are found
    by search all the same (their docs are read by a scan until indexed);
    the app logs one line when indexing starts failing and one when it
    works again; the index then takes in every doc, exactly, without a
    restart."""
    with ctx.instance() as inst:
        c, token = immutable_client(ctx, inst)
        org, _ = inst.staff_client("organizer")
        inst.create(c, typed("索引之前"), action="submit")
        inst.index_settled()
        workers = inst.server.processes()["workers"]
        files = [inst.db + "-search", inst.db + "-search-wal"]
        assert all(os.path.exists(f) for f in files), os.listdir(inst.state)
        at = len(inst.log_text())
        out = chattr("+i", *files)
        assert out.returncode == 0, "chattr +i: %s" % out.stdout
        try:
            pids = []
            for i in range(3):
                r = submit(inst, c, token, typed("索引故障%d" % i))
                assert r.status == 303, "a submission with the index " \
                    "file unwritable: %d: %s" % (r.status,
                                                 inst.excerpt(r.text))
                pids.append(inst.parse_edit_location(r)[0])
            # Turns come after answers, at most every 100 ms a worker.
            end = time.monotonic() + 5
            while time.monotonic() < end and not [
                    ln for ln in new_lines(inst, at, True)
                    if "search index" in ln]:
                c.get("/healthz")
                time.sleep(0.05)
            assert inst.index_waiting() >= 3
            page = c.get("/search?q=" + urllib.parse.quote("索引故障")).text
            found = re.findall(r'<a class="title" href="/proposals/(\d+)"',
                               page)
            assert sorted(int(p) for p in found) == sorted(pids), found
            lines = [ln for ln in new_lines(inst, at, True)
                     if "search index" in ln]
            assert len(lines) == 1 and re.search(
                r"read-?only|I/O|not permitted", lines[0], re.I), lines
            # Organizers see it on their dashboard.
            dash = org.get("/admin").text
            m = re.search(r'id="search-index">搜尋索引：(\d+) 項', dash)
            assert m and int(m.group(1)) >= 3, squash(dash)[:300]
            assert "索引失敗" in dash and "Indexing fails" in dash
        finally:
            chattr("-i", *files)
        inst.index_settled(10)
        assert inst.index_problems() == []
        dash = org.get("/admin").text
        assert 'id="search-index">搜尋索引：0 項' in dash and \
            "索引失敗" not in dash, squash(dash)[:300]
        lines = [ln for ln in new_lines(inst, at, True)
                 if "search index" in ln]
        assert len(lines) == 2 and "working again" in lines[1], lines
        assert inst.server.processes()["workers"] == workers
