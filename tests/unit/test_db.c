/*
 * Unit tests for db.c's writes: every commit's WAL is synced before the
 * write returns (the connection runs with synchronous=NORMAL and syncs
 * itself, outside the writers' queue), and the writers' queue keeps a
 * second writer out until the first has committed.  A VFS in front of the
 * default one counts the syncs of the WAL file.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sqlite3.h>

#include "extern.h"

static sqlite3_vfs	*real;		/* the default VFS underneath */
static sqlite3_vfs	 counting;	/* ours, made the default */
static int		 wal_syncs;	/* syncs of a file named *-wal */
static int		 other_syncs;
static int		 ckpt_copies;	/* checkpoints that copied pages */

/* A file of ours: the real file's memory follows the header. */
struct cfile {
	sqlite3_file	 base;
	int		 wal;
	sqlite3_file	*under;
};

static sqlite3_io_methods methods;

static int c_close(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;
	int rc = c->under->pMethods->xClose(c->under);

	free(c->under);
	return rc;
}
static int c_read(sqlite3_file *f, void *p, int n, sqlite3_int64 o)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xRead(c->under, p, n, o);
}
static int c_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 o)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xWrite(c->under, p, n, o);
}
static int c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xTruncate(c->under, size);
}
static int c_sync(sqlite3_file *f, int flags)
{
	struct cfile *c = (struct cfile *)f;

	if (c->wal)
		wal_syncs++;
	else
		other_syncs++;
	return c->under->pMethods->xSync(c->under, flags);
}
static int c_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xFileSize(c->under, size);
}
static int c_lock(sqlite3_file *f, int l)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xLock(c->under, l);
}
static int c_unlock(sqlite3_file *f, int l)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xUnlock(c->under, l);
}
static int c_check(sqlite3_file *f, int *out)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xCheckReservedLock(c->under, out);
}
static int c_fcntl(sqlite3_file *f, int op, void *arg)
{
	struct cfile *c = (struct cfile *)f;

	if (op == SQLITE_FCNTL_CKPT_START)
		ckpt_copies++;
	return c->under->pMethods->xFileControl(c->under, op, arg);
}
static int c_sector(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xSectorSize(c->under);
}
static int c_chars(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xDeviceCharacteristics(c->under);
}
static int c_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xShmMap(c->under, pg, sz, ext, p);
}
static int c_shm_lock(sqlite3_file *f, int o, int n, int flags)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xShmLock(c->under, o, n, flags);
}
static void c_shm_barrier(sqlite3_file *f)
{
	struct cfile *c = (struct cfile *)f;
	c->under->pMethods->xShmBarrier(c->under);
}
static int c_shm_unmap(sqlite3_file *f, int del)
{
	struct cfile *c = (struct cfile *)f;
	return c->under->pMethods->xShmUnmap(c->under, del);
}

static int
c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out)
{
	struct cfile	*c = (struct cfile *)f;
	size_t		 len = name ? strlen(name) : 0;
	int		 rc;

	(void)vfs;
	memset(c, 0, sizeof(*c));
	if ((c->under = calloc(1, (size_t)real->szOsFile)) == NULL)
		return SQLITE_NOMEM;
	rc = real->xOpen(real, name, c->under, flags, out);
	if (rc != SQLITE_OK || c->under->pMethods == NULL) {
		free(c->under);
		c->under = NULL;
		return rc;
	}
	c->wal = len > 4 && strcmp(name + len - 4, "-wal") == 0;
	c->base.pMethods = &methods;
	return SQLITE_OK;
}

static int c_delete(sqlite3_vfs *v, const char *n, int dirsync)
{
	(void)v;
	return real->xDelete(real, n, dirsync);
}
static int c_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
	(void)v;
	return real->xAccess(real, n, flags, out);
}
static int c_full(sqlite3_vfs *v, const char *n, int size, char *out)
{
	(void)v;
	return real->xFullPathname(real, n, size, out);
}
static int c_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real->xRandomness(real, n, out);
}
static int c_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real->xSleep(real, us);
}
static int c_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real->xCurrentTime(real, out);
}
static int c_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real->xGetLastError(real, n, out);
}
static int c_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real->xCurrentTimeInt64(real, out);
}

static void
counting_vfs(void)
{
	if (real != NULL)
		return;
	real = sqlite3_vfs_find(NULL);
	methods = (sqlite3_io_methods){ .iVersion = 2, .xClose = c_close,
	    .xRead = c_read, .xWrite = c_write, .xTruncate = c_truncate,
	    .xSync = c_sync, .xFileSize = c_size, .xLock = c_lock,
	    .xUnlock = c_unlock, .xCheckReservedLock = c_check,
	    .xFileControl = c_fcntl, .xSectorSize = c_sector,
	    .xDeviceCharacteristics = c_chars, .xShmMap = c_shm_map,
	    .xShmLock = c_shm_lock, .xShmBarrier = c_shm_barrier,
	    .xShmUnmap = c_shm_unmap };
	counting = (sqlite3_vfs){ .iVersion = 2,
	    .szOsFile = (int)sizeof(struct cfile), .mxPathname =
	    real->mxPathname, .zName = "counting", .xOpen = c_open,
	    .xDelete = c_delete, .xAccess = c_access,
	    .xFullPathname = c_full, .xRandomness = c_random,
	    .xSleep = c_sleep, .xCurrentTime = c_time,
	    .xGetLastError = c_error, .xCurrentTimeInt64 = c_time64 };
	ck_assert_int_eq(sqlite3_vfs_register(&counting, 1), SQLITE_OK);
}

static char	 dir[64];
static char	 path[128];

static void
setup(void)
{
	counting_vfs();
	snprintf(dir, sizeof(dir), "/tmp/cc-test-db.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
}

static void
teardown(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm",
	    "-writers", "-search", "-search-wal", "-search-shm" };
	char	 f[160];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
}

static void
open_table(struct db *db)
{
	ck_assert_int_eq(db_open(db, path, 1), 0);
	ck_assert_int_eq(db_exec(db,
	    "CREATE TABLE IF NOT EXISTS t (x TEXT)"), 0);
}

static int
rows(struct db *db)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
	    "SELECT count(*) FROM t", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A transaction's WAL is synced by the time db_commit() returns. */
START_TEST(test_commit_syncs_the_wal)
{
	struct db	 db;
	int		 before;

	open_table(&db);
	for (int i = 0; i < 5; i++) {
		before = wal_syncs;
		ck_assert_int_eq(db_begin(&db), 0);
		ck_assert_int_eq(db.queued, 1);
		ck_assert_int_eq(db_exec(&db,
		    "INSERT INTO t VALUES ('提案')"), 0);
		/* NORMAL: the commit itself does not sync; db_commit does,
		 * after letting the queue go. */
		ck_assert_int_eq(db_commit(&db), 0);
		ck_assert_int_eq(db.queued, 0);
		ck_assert_int_eq(db.unsynced, 0);
		ck_assert_int_ge(wal_syncs, before + 1);
	}
	ck_assert_int_eq(rows(&db), 5);
	db_close(&db);
}
END_TEST

/* A write outside db_begin() (autocommit) is synced before it returns. */
START_TEST(test_autocommit_write_syncs_the_wal)
{
	struct db	 db;
	int		 before;

	open_table(&db);
	before = wal_syncs;
	ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES ('x')"), 0);
	ck_assert_int_ge(wal_syncs, before + 1);
	/* A read commits nothing and syncs nothing. */
	before = wal_syncs;
	ck_assert_int_eq(rows(&db), 1);
	ck_assert_int_eq(wal_syncs, before);
	db_close(&db);
}
END_TEST

/* A rolled-back write leaves nothing and the queue free. */
START_TEST(test_rollback_leaves_the_queue)
{
	struct db	 a, b;

	open_table(&a);
	open_table(&b);
	ck_assert_int_eq(db_begin(&a), 0);
	ck_assert_int_eq(db_exec(&a, "INSERT INTO t VALUES ('x')"), 0);
	db_rollback(&a);
	ck_assert_int_eq(a.queued, 0);
	b.no_wait = 1;
	ck_assert_int_eq(db_begin(&b), 0);
	ck_assert_int_eq(db_commit(&b), 0);
	ck_assert_int_eq(rows(&a), 0);
	db_close(&a);
	db_close(&b);
}
END_TEST

/*
 * While one connection is in the queue, another that will not wait is
 * refused (busy), and gets in once the first has committed.
 */
START_TEST(test_queue_keeps_one_writer)
{
	struct db	 a, b;

	open_table(&a);
	open_table(&b);
	ck_assert_int_eq(db_begin(&a), 0);
	ck_assert_int_eq(db_exec(&a, "INSERT INTO t VALUES ('a')"), 0);
	b.no_wait = 1;
	ck_assert_int_eq(db_begin(&b), -1);
	ck_assert_int_eq(db_busy(&b), 1);
	ck_assert_int_eq(b.queued, 0);
	ck_assert_int_eq(db_commit(&a), 0);
	b.err = 0;
	ck_assert_int_eq(db_begin(&b), 0);
	ck_assert_int_eq(db_exec(&b, "INSERT INTO t VALUES ('b')"), 0);
	ck_assert_int_eq(db_commit(&b), 0);
	ck_assert_int_eq(rows(&a), 2);
	db_close(&a);
	db_close(&b);
}
END_TEST

/* A queue that cannot be opened (an in-memory database) is no queue. */
START_TEST(test_memory_database_has_no_queue)
{
	struct db	 db;

	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db.queue, -1);
	ck_assert_int_eq(db_exec(&db, "CREATE TABLE t (x)"), 0);
	ck_assert_int_eq(db_begin(&db), 0);
	ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES (1)"), 0);
	ck_assert_int_eq(db_commit(&db), 0);
	db_close(&db);
}
END_TEST

/*
 * A reader that holds a snapshot for 2 ms at a time, 0.5 ms apart, as the
 * workers of a busy site do (a page's reads, then its rendering).  Two of
 * them, a millisecond out of step: every passive checkpoint then stops at
 * one's snapshot, and the WAL never starts over by itself.
 */
static volatile int	 reading_stop;

static void *
reader(void *arg)
{
	sqlite3		*conn;
	sqlite3_stmt	*st;

	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_busy_timeout(conn, 5000);
	if (arg != NULL)
		usleep(1000);
	while (!reading_stop) {
		sqlite3_exec(conn, "BEGIN", NULL, NULL, NULL);
		if (sqlite3_prepare_v2(conn, "SELECT count(*) FROM t", -1, &st,
		    NULL) == SQLITE_OK) {
			sqlite3_step(st);
			sqlite3_finalize(st);
		}
		usleep(2000);
		sqlite3_exec(conn, "COMMIT", NULL, NULL, NULL);
		usleep(500);
	}
	sqlite3_close(conn);
	return NULL;
}

/*
 * Commits while readers keep reading: the WAL is checkpointed whole and
 * started over once it reaches RESTART_PAGES (4,000), so it stays under
 * 17 MB; with passive checkpoints alone it grew with every commit.
 */
START_TEST(test_wal_starts_over)
{
	struct db	 db;
	pthread_t	 t, t2;
	struct stat	 sb;
	char		 wal[160];

	open_table(&db);
	reading_stop = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, reader, NULL), 0);
	ck_assert_int_eq(pthread_create(&t2, NULL, reader, &t), 0);
	for (int i = 0; i < 1500; i++) {
		ck_assert_int_eq(db_begin(&db), 0);
		ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES "
		    "(hex(randomblob(6000)))"), 0);
		ck_assert_int_eq(db_commit(&db), 0);
	}
	reading_stop = 1;
	pthread_join(t, NULL);
	pthread_join(t2, NULL);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	ck_assert_int_eq(stat(wal, &sb), 0);
	/* 1,500 commits of four pages: some 6,000 pages written. */
	ck_assert_int_le(sb.st_size, (off_t)(4000 + 200) * (4096 + 24));
	ck_assert_int_eq(rows(&db), 1500);
	db_close(&db);
}
END_TEST

/*
 * Past CHECKPOINT_PAGES, with readers holding snapshots so that the WAL
 * does not start over by itself: a connection checkpoints at most once per
 * checkpoint_every_ms, not after every commit (SQLite's own rule, which
 * interval 0 gives back), and what it checkpoints reaches the database.
 */
static void
commit_pages(struct db *db, int commits, int *past)
{
	for (int i = 0; i < commits; i++) {
		ck_assert_int_eq(db_begin(db), 0);
		ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES "
		    "(hex(randomblob(6000)))"), 0);
		ck_assert_int_eq(db_commit(db), 0);
		if (db->wal_pages >= 1000)
			(*past)++;
	}
}

START_TEST(test_checkpoints_spaced_in_time)
{
	struct db	 db;
	pthread_t	 t, t2;
	int		 past = 0, copies;

	open_table(&db);
	reading_stop = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, reader, NULL), 0);
	ck_assert_int_eq(pthread_create(&t2, NULL, reader, &t), 0);
	/*
	 * Some 2,400 pages: past 1,000 from the 250th commit on, and short
	 * of RESTART_PAGES.  Should the one checkpoint catch the readers
	 * between snapshots, the WAL starts over and is past 1,000 again
	 * from about the 500th.
	 */
	db.checkpoint_every_ms = 600000;
	copies = ckpt_copies;
	commit_pages(&db, 600, &past);
	ck_assert_int_ge(past, 50);
	ck_assert_uint_eq(db.checkpoints, 1);
	ck_assert_int_ge(ckpt_copies, copies + 1);
	/* Every commit past the line, until the WAL starts over. */
	db.checkpoint_every_ms = 0;
	db.checkpoint_at = 0;
	past = 0;
	commit_pages(&db, 60, &past);
	ck_assert_int_ge(past, 1);
	ck_assert_uint_eq(db.checkpoints, 1 + (unsigned long)past);
	reading_stop = 1;
	pthread_join(t, NULL);
	pthread_join(t2, NULL);
	ck_assert_int_eq(rows(&db), 660);
	db_close(&db);
}
END_TEST

/* A reader that holds one snapshot until told to stop (an export). */
static volatile int	 long_read;

static void *
long_reader(void *arg)
{
	sqlite3		*conn;
	sqlite3_stmt	*st;

	(void)arg;
	if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_exec(conn, "BEGIN", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(conn, "SELECT count(*) FROM t", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	long_read = 1;
	while (long_read == 1)
		usleep(1000);
	sqlite3_exec(conn, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(conn);
	return NULL;
}

/*
 * A read that outlasts the restart's wait: the restart gives way, and is
 * tried again only RESTART_PAGES later, not at every commit (each would
 * wait RESTART_WAIT_MS).  Once the read is over, the WAL starts over.
 */
START_TEST(test_restart_gives_way_to_a_long_read)
{
	struct db	 db;
	pthread_t	 t;

	open_table(&db);
	long_read = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, long_reader, NULL), 0);
	while (long_read == 0)
		usleep(1000);
	for (int i = 0; i < 1500; i++) {
		ck_assert_int_eq(db_begin(&db), 0);
		ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES "
		    "(hex(randomblob(6000)))"), 0);
		ck_assert_int_eq(db_commit(&db), 0);
	}
	/* About 6,000 pages: tried at 4,000 and not again before 8,000. */
	ck_assert_int_ge(db.restart_tries, 1);
	ck_assert_int_le(db.restart_tries, 2);
	long_read = 2;
	pthread_join(t, NULL);
	/* The read over, the next try (at 8,000 pages) starts it over. */
	for (int i = 0; i < 1500 && db.restart_after != 0; i++) {
		ck_assert_int_eq(db_begin(&db), 0);
		ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES "
		    "(hex(randomblob(6000)))"), 0);
		ck_assert_int_eq(db_commit(&db), 0);
	}
	ck_assert_int_eq(db.restart_after, 0);
	ck_assert_int_eq(db_begin(&db), 0);
	ck_assert_int_eq(db_exec(&db, "INSERT INTO t VALUES ('x')"), 0);
	ck_assert_int_eq(db_commit(&db), 0);
	ck_assert_int_lt(db.wal_pages, 100);
	db_close(&db);
}
END_TEST

/* Rows the search index finds for an FTS5 query. */
static int
hits(struct db *db, const char *word)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->conn, "SELECT count(*) FROM "
	    "ix.search_fts WHERE search_fts MATCH ?1", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, word, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static long long
one(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A database made by db_init at path, opened, its statements prepared. */
static void
init_open(struct db *db)
{
	ck_assert_int_eq(db_init(path, NULL, NULL, NULL, NULL), 0);
	ck_assert_int_eq(db_open(db, path, 0), 0);
	ck_assert_int_eq(db_prepare(db), 0);
}

/* The index is exactly its docs: FTS5's check, and the text it keeps. */
static void
index_sound(struct db *db)
{
	ck_assert_int_eq(db_exec(db, "INSERT INTO ix.search_fts (search_fts, "
	    "rank) VALUES ('integrity-check', 1)"), 0);
	ck_assert_int_eq(one(db, "SELECT count(*) FROM search_docs d "
	    "LEFT JOIN ix.docs x ON x.id = d.id WHERE x.id IS NULL OR "
	    "x.title IS NOT d.title OR x.body IS NOT d.body"), 0);
	ck_assert_int_eq(one(db, "SELECT count(*) FROM ix.docs x WHERE NOT "
	    "EXISTS (SELECT 1 FROM search_docs d WHERE d.id = x.id)"), 0);
}

static int
waiting(struct db *db)
{
	return (int)one(db, "SELECT count(*) FROM search_marks WHERE id > "
	    "(SELECT mark FROM ix.index_state)");
}

/*
 * The search index in its own file: a turn takes in what is marked, as it
 * is now; docs staged by a turn that never finished (a crash between its
 * two transactions) are indexed by the next; a removed doc's words go;
 * an index ahead of its database (a restored backup) is built anew.
 */
START_TEST(test_index_turns)
{
	struct db	 db;

	init_open(&db);
	ck_assert_int_eq(waiting(&db), 0);
	index_sound(&db);
	ck_assert_int_eq(db_index_pending(&db, 1000), 0);

	ck_assert_int_eq(db_exec(&db, "INSERT INTO search_docs (kind, ref, "
	    "title, body) VALUES ('item', 9001, '珊瑚礁復育', '海洋保育')"), 0);
	ck_assert_int_eq(waiting(&db), 1);
	ck_assert_int_eq(hits(&db, "珊瑚礁"), 0);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(waiting(&db), 0);
	ck_assert_int_eq(hits(&db, "珊瑚礁"), 1);

	/* Changed twice before a turn: indexed once, as it is last. */
	ck_assert_int_eq(db_exec(&db, "UPDATE search_docs SET title = "
	    "'河川整治' WHERE ref = 9001"), 0);
	ck_assert_int_eq(db_exec(&db, "UPDATE search_docs SET body = "
	    "'河川與濕地' WHERE ref = 9001"), 0);
	ck_assert_int_eq(waiting(&db), 2);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(hits(&db, "珊瑚礁"), 0);
	ck_assert_int_eq(hits(&db, "海洋保"), 0);
	ck_assert_int_eq(hits(&db, "河川整治"), 1);
	ck_assert_int_eq(hits(&db, "河川與濕地"), 1);
	index_sound(&db);

	/* Staged by a turn that then died; changed again since. */
	ck_assert_int_eq(db_exec(&db, "UPDATE search_docs SET title = "
	    "'森林保育' WHERE ref = 9001"), 0);
	ck_assert_int_eq(db_exec(&db, "BEGIN; INSERT INTO ix.incoming (id, "
	    "present, title, body) SELECT id, 1, title, body FROM search_docs "
	    "WHERE ref = 9001; INSERT INTO ix.staged (one, upto) SELECT 1, "
	    "max(id) FROM search_marks; COMMIT"), 0);
	ck_assert_int_eq(db_exec(&db, "UPDATE search_docs SET title = "
	    "'草原保育' WHERE ref = 9001"), 0);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(hits(&db, "森林保育"), 1);
	ck_assert_int_eq(one(&db, "SELECT count(*) FROM ix.staged"), 0);
	ck_assert_int_eq(waiting(&db), 1);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(hits(&db, "森林保育"), 0);
	ck_assert_int_eq(hits(&db, "草原保育"), 1);
	ck_assert_int_eq(waiting(&db), 0);
	index_sound(&db);

	/* Removed: its words go with it. */
	ck_assert_int_eq(db_exec(&db, "DELETE FROM search_docs WHERE "
	    "ref = 9001"), 0);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(hits(&db, "草原保育"), 0);
	index_sound(&db);

	/* Ahead of its database: built anew, by init as by serve. */
	ck_assert_int_eq(db_exec(&db, "UPDATE ix.index_state SET mark = "
	    "mark + 5; INSERT INTO ix.docs (id, title, body) VALUES "
	    "(999999, '不存在的文件', '')"), 0);
	ck_assert_int_eq(db_index_check(&db), 0);
	ck_assert_int_eq(one(&db, "SELECT mark FROM ix.index_state"),
	    one(&db, "SELECT max(id) FROM search_marks"));
	ck_assert_int_eq(hits(&db, "不存在的文件"), 0);
	index_sound(&db);

	/* Behind the marks deleted (an old copy of the index file): anew. */
	ck_assert_int_eq(db_exec(&db, "INSERT INTO search_docs (kind, ref, "
	    "title, body) VALUES ('item', 9002, '紅樹林保育', ''), "
	    "('item', 9003, '溼地公園', '')"), 0);
	ck_assert_int_eq(db_exec(&db, "INSERT INTO settings (key, value) "
	    "SELECT 'search_trimmed', max(id) - 1 FROM search_marks WHERE true "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value; "
	    "DELETE FROM search_marks WHERE id < (SELECT max(id) FROM "
	    "search_marks)"), 0);
	ck_assert_int_eq(db_index_check(&db), 0);
	ck_assert_int_eq(hits(&db, "紅樹林保育"), 1);
	ck_assert_int_eq(hits(&db, "溼地公園"), 1);
	index_sound(&db);
	db_close(&db);
}
END_TEST

/*
 * Words of one and two characters from the index (tok.c): every character
 * and pair begins a token, at the end of a text too, folded as trigrams
 * are; an index of the trigram tokenizer alone (before tok.c) is made
 * again and built anew when opened.
 */
START_TEST(test_short_words)
{
	static const struct {
		const char	*q;
		int		 n;
	} want[] = {
		{ "\"交通\"*", 3 },	/* a whole text, inside one, its end */
		{ "\"通\"*", 3 },
		{ "\"安全\"*", 1 },	/* the last two of a title */
		{ "\"全\"*", 1 },
		{ "\"鑫\"*", 1 },	/* a title of one character */
		{ "\"ab\"*", 1 },	/* folded */
		{ "\"b\"*", 2 },	/* AB, Über */
		{ "\"ÜB\"*", 1 },
		{ "\"é\"*", 1 },
		{ "\"運輸\" \"大眾\"*", 1 },
		{ "\"眾交通\"", 1 },	/* trigrams as before */
		{ "\"通交\"*", 0 },
	};
	int		 before[sizeof(want) / sizeof(want[0])];
	struct db	 db;
	sqlite3		*raw;
	char		 ipath[300];

	init_open(&db);
	/* Each query and the docs below it finds, beyond the draft's own. */
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		before[i] = hits(&db, want[i].q);
	ck_assert_int_eq(db_exec(&db, "INSERT INTO search_docs (kind, ref, "
	    "title, body) VALUES ('item', 9101, 'AB', '交通'), "
	    "('item', 9102, '改善交通安全', 'x'), "
	    "('item', 9103, '鑫', 'Über café'), "
	    "('item', 9104, '公共運輸', '大眾交通')"), 0);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(hits(&db, want[i].q) - before[i] == want[i].n,
		    "%s: %d more, not %d", want[i].q, hits(&db, want[i].q) -
		    before[i], want[i].n);
	index_sound(&db);
	ck_assert_int_eq(db_exec(&db, "DELETE FROM search_docs WHERE "
	    "ref = 9104"), 0);
	ck_assert_int_eq(db_index_pending(&db, 1000), 1);
	ck_assert_int_eq(hits(&db, "\"交通\"*"), 2);
	index_sound(&db);
	db_close(&db);

	/* The index of an older tokenizer: made again, built anew. */
	snprintf(ipath, sizeof(ipath), "%s-search", path);
	ck_assert_int_eq(sqlite3_open(ipath, &raw), SQLITE_OK);
	ck_assert_int_eq(tok_register(raw), 0);	/* to drop the table */
	ck_assert_int_eq(sqlite3_exec(raw, "DROP TABLE search_fts; "
	    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, "
	    "content = 'docs', content_rowid = 'id', tokenize = 'trigram'); "
	    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	ck_assert_int_eq(db_open(&db, path, 0), 0);
	ck_assert_int_eq(db_prepare(&db), 0);
	ck_assert_int_eq(one(&db, "SELECT count(*) FROM ix.index_state"), 0);
	ck_assert_int_eq(db_index_check(&db), 0);
	ck_assert_int_eq(hits(&db, "\"交通\"*"), 2);
	ck_assert_int_eq(hits(&db, "\"鑫\"*"), 1);
	index_sound(&db);
	db_close(&db);
}
END_TEST

/* The tokens a tokenizer gives for a text: bytes and offsets, in order. */
struct toks {
	char	 text[64][16];
	int	 len[64], start[64], end[64];
	int	 n, over;
};

static int
tok_collect(void *p, int flags, const char *t, int nt, int start, int end)
{
	struct toks	*k = p;

	(void)flags;
	if (k->n == 64 || nt > 16) {
		k->over = 1;
		return SQLITE_OK;
	}
	memcpy(k->text[k->n], t, (size_t)nt);
	k->len[k->n] = nt;
	k->start[k->n] = start;
	k->end[k->n] = end;
	k->n++;
	return SQLITE_OK;
}

static void
tokens_of(fts5_tokenizer *m, Fts5Tokenizer *t, const char *s, int n,
    struct toks *k)
{
	memset(k, 0, sizeof(*k));
	ck_assert_int_eq(m->xTokenize(t, k, FTS5_TOKENIZE_DOCUMENT, s, n,
	    tok_collect), SQLITE_OK);
	ck_assert(!k->over);
}

/* Appends the UTF-8 of c to s at *n. */
static void
put_utf8(char *s, int *n, unsigned c)
{
	if (c < 0x80)
		s[(*n)++] = (char)c;
	else if (c < 0x800) {
		s[(*n)++] = (char)(0xC0 | c >> 6);
		s[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		s[(*n)++] = (char)(0xE0 | c >> 12);
		s[(*n)++] = (char)(0x80 | (c >> 6 & 0x3F));
		s[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else {
		s[(*n)++] = (char)(0xF0 | c >> 18);
		s[(*n)++] = (char)(0x80 | (c >> 12 & 0x3F));
		s[(*n)++] = (char)(0x80 | (c >> 6 & 0x3F));
		s[(*n)++] = (char)(0x80 | (c & 0x3F));
	}
}

/* cc_trigram's tokens for s[0..n) begin with the trigram tokenizer's. */
static void
same_trigrams(fts5_tokenizer *cm, Fts5Tokenizer *ct, fts5_tokenizer *tm,
    Fts5Tokenizer *tt, const char *s, int n)
{
	static struct toks	 a, b;

	tokens_of(cm, ct, s, n, &a);
	tokens_of(tm, tt, s, n, &b);
	ck_assert_msg(a.n == b.n + 2, "%.*s: %d tokens, %d trigrams", n, s,
	    a.n, b.n);
	for (int i = 0; i < b.n; i++)
		ck_assert_msg(a.len[i] == b.len[i] && a.start[i] ==
		    b.start[i] && a.end[i] == b.end[i] && memcmp(a.text[i],
		    b.text[i], (size_t)a.len[i]) == 0, "%.*s: token %d is "
		    "%.*s %d-%d, not %.*s %d-%d", n, s, i, a.len[i], a.text[i],
		    a.start[i], a.end[i], b.len[i], b.text[i], b.start[i],
		    b.end[i]);
}

/*
 * cc_trigram makes the trigrams of most texts itself (tok.c, tri_fast),
 * not through SQLite's trigram tokenizer: the same tokens, bytes and
 * offsets, for every character its fast path takes (each in a text with
 * capitals, and those just outside its ranges), and for random texts of
 * characters on both sides of them.
 */
START_TEST(test_trigrams_as_sqlite_makes_them)
{
	static const unsigned ranges[][2] = {
		{ 0x2000, 0x20CF }, { 0x2E80, 0xA63F }, { 0xAC00, 0xD7AF },
		{ 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF20 },
		{ 0xFF3B, 0xFFEF }, { 0x20000, 0x3FFFF },
	};
	static const unsigned mix[] = {
		'A', 'b', 'Z', 'z', ' ', '0', '"', 0x4E2D, 0x6587, 0x3001,
		0xFF0C, 0xFF21, 0xFF41, 0xC0, 0xE9, 0x3A9, 0x2126, 0x2160,
		0x24B6, 0x10400, 0x20000, 0x1F600, 0xFFFF, 0xA640, 0x1F, 0x7F,
	};
	fts5_api	*api = NULL;
	fts5_tokenizer	 cm, tm;
	Fts5Tokenizer	*ct, *tt;
	void		*cx, *tx;
	sqlite3		*conn;
	sqlite3_stmt	*st;
	char		 s[400];
	int		 n;
	unsigned	 seed = 1;

	ck_assert_int_eq(sqlite3_open(":memory:", &conn), SQLITE_OK);
	ck_assert_int_eq(tok_register(conn), 0);
	ck_assert_int_eq(sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	ck_assert_ptr_nonnull(api);
	ck_assert_int_eq(api->xFindTokenizer(api, "cc_trigram", &cx, &cm),
	    SQLITE_OK);
	ck_assert_int_eq(api->xFindTokenizer(api, "trigram", &tx, &tm),
	    SQLITE_OK);
	ck_assert_int_eq(cm.xCreate(cx, NULL, 0, &ct), SQLITE_OK);
	ck_assert_int_eq(tm.xCreate(tx, NULL, 0, &tt), SQLITE_OK);

	/* Each range whole, and a character on each side of it. */
	for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
		unsigned lo = ranges[r][0] - 1, hi = ranges[r][1] + 1;
		for (unsigned c = lo; c <= hi; ) {
			n = 0;
			put_utf8(s, &n, 'Q');
			for (int i = 0; i < 48 && c <= hi; i++, c++)
				put_utf8(s, &n, c);
			put_utf8(s, &n, 'x');
			same_trigrams(&cm, ct, &tm, tt, s, n);
		}
	}
	/* Random texts of 3 to 40 characters from both sides. */
	for (int t = 0; t < 20000; t++) {
		int k = 3 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 38;
		n = 0;
		for (int i = 0; i < k; i++) {
			seed = seed * 1103515245u + 12345u;
			put_utf8(s, &n, mix[(seed >> 16) % (t % 3 ? 9 :
			    sizeof(mix) / sizeof(mix[0]))]);
		}
		same_trigrams(&cm, ct, &tm, tt, s, n);
	}
	cm.xDelete(ct);
	tm.xDelete(tt);
	sqlite3_close(conn);
}
END_TEST

/* Runs st to its end; returns the rows, or -1 on an error. */
static int
run_rows(sqlite3_stmt *st)
{
	int	 n = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* Binds a word as the index's query at fts and a LIKE pattern at like:
 * a prefix of two characters, or a phrase of four. */
static void
bind_word(sqlite3_stmt *st, int two, int fts, int like)
{
	sqlite3_bind_text(st, fts, two ? "\"交通\"*" : "\"資料開放\"", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, like, two ? "%交通%" : "%資料開放%", -1,
	    SQLITE_STATIC);
}

/* st runs to its end without being prepared again. */
static void
keeps_plan(sqlite3_stmt *st)
{
	ck_assert_int_ge(run_rows(st), 0);
	ck_assert_int_eq(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE,
	    0), 0);
}

/*
 * The lists with and without words, and search, run again and again from
 * db_stmt (which clears the bindings) keep their plan: without the query
 * planner stability guarantee a "column LIKE ?" made SQLite prepare the
 * statement again each time (0.6 million instructions a page).
 */
START_TEST(test_statements_keep_their_plan)
{
	struct db	 db;
	sqlite3_stmt	*st;

	init_open(&db);
	for (int i = 0; i < 4; i++) {
		st = db_stmt(&db, STMT_PROPOSAL_LIST);
		sqlite3_bind_int(st, 2, i % 2 ? 2 : 0);
		sqlite3_bind_int(st, 4, 20);
		sqlite3_bind_int(st, 5, 0);
		keeps_plan(st);

		st = db_stmt(&db, STMT_SEARCH_FTS);
		bind_word(st, i % 2, 1, 21);
		sqlite3_bind_int(st, 3, 0);
		sqlite3_bind_int(st, 7, 20);
		sqlite3_bind_int(st, 8, 0);
		keeps_plan(st);

		st = db_stmt(&db, STMT_SEARCH_IDS);
		bind_word(st, i % 2, 1, 21);
		sqlite3_bind_int(st, 3, 0);
		if (i % 2)
			sqlite3_bind_text(st, 5, "item", -1, SQLITE_STATIC);
		keeps_plan(st);

		st = db_stmt(&db, STMT_PROPOSAL_LIST_WORDS);
		bind_word(st, i % 2, 3, 7);
		if (i % 2)
			sqlite3_bind_int(st, 1, 1);
		sqlite3_bind_int(st, 2, i % 2 ? 2 : 0);
		sqlite3_bind_int(st, 4, 20);
		sqlite3_bind_int(st, 5, 0);
		keeps_plan(st);
	}
	db_close(&db);
}
END_TEST

/* Whether comment_counts holds exactly what counting the comments gives. */
static void
comment_counts_sound(struct db *db)
{
	ck_assert_int_eq(one(db, "SELECT count(*) FROM (SELECT target, "
	    "target_id, kind, count(*) FILTER (WHERE parent_id IS NULL) AS t, "
	    "count(*) AS c FROM comments GROUP BY 1, 2, 3) x FULL JOIN "
	    "(SELECT * FROM comment_counts WHERE comments > 0) k USING "
	    "(target, target_id, kind) WHERE x.t IS NOT k.threads OR "
	    "x.c IS NOT k.comments"), 0);
}

/*
 * The counts of threads and comments that a page shows are kept by
 * triggers as comments come (replies, other targets, reviews), and as an
 * operator deletes or moves one; a database made before them is counted
 * when it is opened with this schema.
 */
START_TEST(test_comment_counts)
{
	struct db	 db;

	init_open(&db);
	ck_assert_int_eq(db_exec(&db, "INSERT INTO comments (id, target, "
	    "target_id, parent_id, name, body, body_html, created_at, kind) "
	    "VALUES (1, 'item', 7, NULL, 'a', 'x', 'x', '2020-01-01T00:00:00Z', "
	    "'comment'), (2, 'item', 7, 1, 'b', 'x', 'x', "
	    "'2020-01-01T00:00:00Z', 'comment'), (3, 'item', 7, NULL, 'c', 'x', "
	    "'x', '2020-01-01T00:00:00Z', 'comment'), (4, 'item', 7, NULL, 'd', "
	    "'x', 'x', '2020-01-01T00:00:00Z', 'review'), (5, 'proposal', 7, "
	    "NULL, 'e', 'x', 'x', '2020-01-01T00:00:00Z', 'comment')"), 0);
	ck_assert_int_eq(one(&db, "SELECT threads * 10 + comments FROM "
	    "comment_counts WHERE target = 'item' AND target_id = 7 AND "
	    "kind = 'comment'"), 23);
	comment_counts_sound(&db);
	ck_assert_int_eq(db_exec(&db, "DELETE FROM comments WHERE id = 2"), 0);
	ck_assert_int_eq(db_exec(&db, "UPDATE comments SET target_id = 8 "
	    "WHERE id = 3"), 0);
	ck_assert_int_eq(db_exec(&db, "UPDATE comments SET parent_id = 1 "
	    "WHERE id = 5"), 0);
	comment_counts_sound(&db);
	/* STMT_COMMENT_COUNT, and a page without a comment. */
	for (int id = 7; id <= 9; id++) {
		sqlite3_stmt *st = db_stmt(&db, STMT_COMMENT_COUNT);

		sqlite3_bind_text(st, 1, "item", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, id);
		sqlite3_bind_text(st, 3, "comment", -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_int(st, 0), id < 9);
		ck_assert_int_eq(sqlite3_column_int(st, 1), id < 9);
		sqlite3_reset(st);
	}
	/* A database from before the counts. */
	ck_assert_int_eq(db_exec(&db, "DROP TABLE comment_counts"), 0);
	db_close(&db);
	init_open(&db);
	ck_assert_int_eq(one(&db, "SELECT count(*) FROM comment_counts"), 4);
	comment_counts_sound(&db);
	db_close(&db);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("db");
	TCase	*tc = tcase_create("writes");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_commit_syncs_the_wal);
	tcase_add_test(tc, test_autocommit_write_syncs_the_wal);
	tcase_add_test(tc, test_rollback_leaves_the_queue);
	tcase_add_test(tc, test_queue_keeps_one_writer);
	tcase_add_test(tc, test_memory_database_has_no_queue);
	tcase_add_test(tc, test_wal_starts_over);
	tcase_add_test(tc, test_checkpoints_spaced_in_time);
	tcase_add_test(tc, test_restart_gives_way_to_a_long_read);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	tc = tcase_create("search index");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_index_turns);
	tcase_add_test(tc, test_short_words);
	tcase_add_test(tc, test_trigrams_as_sqlite_makes_them);
	tcase_add_test(tc, test_statements_keep_their_plan);
	tcase_add_test(tc, test_comment_counts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
