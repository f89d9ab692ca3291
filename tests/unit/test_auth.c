/*
 * Unit tests for src/auth.c: the server secret, edit-link tokens and their
 * hashes, CSRF tokens and random hex.
 *
 * The checked fixture loads a fixed secret in every forked test, so a test
 * that loads another one does not leak into the next.
 */
#include <sys/wait.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"

/* The first 32 hex digits of SECRET_A, to build wrong secrets from. */
#define HALF		"000102030405060708090a0b0c0d0e0f"
#define SECRET_A	HALF "101112131415161718191a1b1c1d1e1f"
#define SECRET_B	"f0e1d2c3b4a5968778695a4b3c2d1e0f" \
			"f0e1d2c3b4a5968778695a4b3c2d1e0f"

static struct arena	 arena;

static void
setup(void)
{
	memset(&arena, 0, sizeof(arena));
	ck_assert_int_eq(auth_init(SECRET_A), 0);
}

static void
teardown(void)
{
	arena_free(&arena);
}

/* Returns 1 when s is all base64url (RFC 4648 section 5) without padding. */
static int
is_base64url(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == strlen(s);
}

/* ------------------------------------------------------------- auth_init */

START_TEST(init_secret)
{
	ck_assert_int_eq(auth_init(SECRET_A), 0);
	ck_assert_int_eq(auth_init(SECRET_B), 0);
	/* Hex digits of either case. */
	ck_assert_int_eq(auth_init("000102030405060708090A0B0C0D0E0F"
	    "101112131415161718191A1B1C1D1E1F"), 0);
}
END_TEST

START_TEST(init_rejects_bad_secrets)
{
	static const char *const bad[] = {
		"",
		"00",
		/* 62, 63, 65 and 66 digits. */
		HALF "101112131415161718191a1b1c1d1e",
		HALF "101112131415161718191a1b1c1d1e1",
		HALF "101112131415161718191a1b1c1d1e1f0",
		HALF "101112131415161718191a1b1c1d1e1f00",
		/* 64 characters, not all hex. */
		HALF "101112131415161718191a1b1c1d1e1g",
		"zz0102030405060708090a0b0c0d0e0f" "101112131415161718191a1b1c1d1e1f",
		" 00102030405060708090a0b0c0d0e0f" "101112131415161718191a1b1c1d1e1f",
		"00:01:02:03:04:05:06:07:08:09:0a:" "0b:0c:0d:0e:0f:10:11:12:13:14:15",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(auth_init(bad[i]) == -1, "accepted \"%s\"",
		    bad[i]);
}
END_TEST

START_TEST(init_without_secret)
{
	/* The command line initialises libsodium without a secret. */
	ck_assert_int_eq(auth_init(NULL), 0);
}
END_TEST

/* ---------------------------------------------------- auth_token_new/check */

START_TEST(token_new)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 hash[AUTH_HASH_LEN];

	memset(tok, 'X', sizeof(tok));
	ck_assert_int_eq(auth_token_new(tok, hash), 0);
	ck_assert_uint_eq(strlen(tok), AUTH_TOKEN_LEN);
	ck_assert_uint_eq(AUTH_TOKEN_LEN, 43);
	ck_assert_msg(is_base64url(tok), "not base64url: %s", tok);
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, hash,
	    sizeof(hash)), 1);
	ck_assert_int_eq(auth_token_check(tok, strlen(tok), hash,
	    AUTH_HASH_LEN), 1);
}
END_TEST

START_TEST(token_wrong)
{
	char		 tok[AUTH_TOKEN_LEN + 1], bad[AUTH_TOKEN_LEN + 2];
	unsigned char	 hash[AUTH_HASH_LEN], badhash[AUTH_HASH_LEN];

	ck_assert_int_eq(auth_token_new(tok, hash), 0);

	/* One character changed, first, middle or last. */
	for (size_t i = 0; i < AUTH_TOKEN_LEN; i += 21) {
		memcpy(bad, tok, sizeof(tok));
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		ck_assert_int_eq(auth_token_check(bad, AUTH_TOKEN_LEN, hash,
		    AUTH_HASH_LEN), 0);
	}

	/* Truncated, or one character too many. */
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN - 1, hash,
	    AUTH_HASH_LEN), 0);
	ck_assert_int_eq(auth_token_check(tok, 0, hash, AUTH_HASH_LEN), 0);
	memcpy(bad, tok, AUTH_TOKEN_LEN);
	bad[AUTH_TOKEN_LEN] = 'A';
	bad[AUTH_TOKEN_LEN + 1] = '\0';
	ck_assert_int_eq(auth_token_check(bad, AUTH_TOKEN_LEN + 1, hash,
	    AUTH_HASH_LEN), 0);

	/* A hash of the wrong length, or no hash at all. */
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, hash,
	    AUTH_HASH_LEN - 1), 0);
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, hash,
	    AUTH_HASH_LEN + 1), 0);
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, hash, 0), 0);
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, NULL,
	    AUTH_HASH_LEN), 0);
	ck_assert_int_eq(auth_token_check(NULL, AUTH_TOKEN_LEN, hash,
	    AUTH_HASH_LEN), 0);

	/* The stored hash with one bit flipped. */
	memcpy(badhash, hash, sizeof(hash));
	badhash[AUTH_HASH_LEN - 1] ^= 1;
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, badhash,
	    AUTH_HASH_LEN), 0);
}
END_TEST

START_TEST(token_of_another_hash)
{
	char		 t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	unsigned char	 h1[AUTH_HASH_LEN], h2[AUTH_HASH_LEN];

	ck_assert_int_eq(auth_token_new(t1, h1), 0);
	ck_assert_int_eq(auth_token_new(t2, h2), 0);
	ck_assert_str_ne(t1, t2);
	ck_assert_int_ne(memcmp(h1, h2, AUTH_HASH_LEN), 0);
	ck_assert_int_eq(auth_token_check(t1, AUTH_TOKEN_LEN, h2,
	    AUTH_HASH_LEN), 0);
	ck_assert_int_eq(auth_token_check(t2, AUTH_TOKEN_LEN, h1,
	    AUTH_HASH_LEN), 0);
	ck_assert_int_eq(auth_token_check(t2, AUTH_TOKEN_LEN, h2,
	    AUTH_HASH_LEN), 1);
}
END_TEST

START_TEST(token_hash_independent_of_secret)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 hash[AUTH_HASH_LEN];

	/* Stored hashes must survive a change of the server secret. */
	ck_assert_int_eq(auth_token_new(tok, hash), 0);
	ck_assert_int_eq(auth_init(SECRET_B), 0);
	ck_assert_int_eq(auth_token_check(tok, AUTH_TOKEN_LEN, hash,
	    AUTH_HASH_LEN), 1);
}
END_TEST

START_TEST(random_token)
{
	char	 a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];

	auth_random_token(a);
	auth_random_token(b);
	ck_assert_uint_eq(strlen(a), AUTH_TOKEN_LEN);
	ck_assert_uint_eq(strlen(b), AUTH_TOKEN_LEN);
	ck_assert(is_base64url(a));
	ck_assert(is_base64url(b));
	ck_assert_str_ne(a, b);
}
END_TEST

/*
 * Tokens come from a pool of random bytes: across its refills they are
 * all different, and a forked child (a worker, a mail sender) does not
 * hand out the bytes its parent would.
 */
START_TEST(random_token_pool)
{
	enum { N = 300 };	/* about ten refills of the pool */
	static char	 t[N][AUTH_TOKEN_LEN + 1];
	char		 mine[AUTH_TOKEN_LEN + 1];
	char		 kids[2][AUTH_TOKEN_LEN + 1];
	int		 fd[2][2], status;
	pid_t		 pid[2];

	for (int i = 0; i < N; i++) {
		auth_random_token(t[i]);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(t[i], t[j]);
	}
	/* The pool now holds bytes; each child draws its first token. */
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(pipe(fd[k]), 0);
		ck_assert_int_ne(pid[k] = fork(), -1);
		if (pid[k] == 0) {
			char	 c[AUTH_TOKEN_LEN + 1];

			auth_random_token(c);
			_exit(write(fd[k][1], c, sizeof(c)) == sizeof(c) ? 0 : 1);
		}
		close(fd[k][1]);
		ck_assert_int_eq(read(fd[k][0], kids[k], sizeof(kids[k])),
		    (int)sizeof(kids[k]));
		close(fd[k][0]);
		ck_assert_int_eq(waitpid(pid[k], &status, 0), pid[k]);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	auth_random_token(mine);
	ck_assert_str_ne(kids[0], kids[1]);
	ck_assert_str_ne(kids[0], mine);
	ck_assert_str_ne(kids[1], mine);
}
END_TEST

START_TEST(hash_matches_token_new)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 hash[AUTH_HASH_LEN], again[AUTH_HASH_LEN];

	/* Session ids are stored with the same hash as edit links. */
	ck_assert_int_eq(auth_token_new(tok, hash), 0);
	auth_hash(tok, AUTH_TOKEN_LEN, again);
	ck_assert_int_eq(memcmp(hash, again, AUTH_HASH_LEN), 0);
	auth_hash(tok, AUTH_TOKEN_LEN - 1, again);
	ck_assert_int_ne(memcmp(hash, again, AUTH_HASH_LEN), 0);
}
END_TEST

/* ------------------------------------------------------------- passwords */

START_TEST(password_hash_and_check)
{
	char	 h[AUTH_PWHASH_LEN];

	/* argon2id at interactive limits: a tenth of a second a call. */
	ck_assert_int_eq(auth_password_hash("correct horse 電池", h), 0);
	ck_assert_int_eq(strncmp(h, "$argon2id$", 10), 0);
	ck_assert_uint_lt(strlen(h), AUTH_PWHASH_LEN);
	/* The password itself is not in what is stored. */
	ck_assert_ptr_null(strstr(h, "horse"));
	ck_assert_int_eq(auth_password_check(h, "correct horse 電池"), 1);
	ck_assert_int_eq(auth_password_check(h, "correct horse 電"), 0);
	ck_assert_int_eq(auth_password_check(h, ""), 0);
	/* No such user: refused, after the same work. */
	ck_assert_int_eq(auth_password_check(NULL, "x"), 0);
	ck_assert_int_eq(auth_password_check(NULL, "correct horse 電池"), 0);
	/* A stored value that is not a hash matches nothing. */
	ck_assert_int_eq(auth_password_check("", ""), 0);
	ck_assert_int_eq(auth_password_check("plain", "plain"), 0);
}
END_TEST

START_TEST(password_new)
{
	static const char alphabet[] =
	    "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char	 a[32], b[32], small[8];

	memset(a, '#', sizeof(a));
	auth_password_new(a, 21);
	ck_assert_uint_eq(strlen(a), 20);
	ck_assert_uint_eq(strspn(a, alphabet), 20);
	ck_assert_int_eq(a[21], '#');
	auth_password_new(b, sizeof(b));
	ck_assert_uint_eq(strlen(b), 20);
	ck_assert_str_ne(a, b);
	/* No look-alikes: 0 O 1 l I. */
	ck_assert_ptr_null(strpbrk(a, "0O1lI"));

	/* A smaller buffer gets a shorter password, still terminated. */
	memset(small, '#', sizeof(small));
	auth_password_new(small, 5);
	ck_assert_uint_eq(strlen(small), 4);
	ck_assert_int_eq(small[5], '#');
}
END_TEST

/* -------------------------------------------------------------- CSRF */

START_TEST(csrf_round_trip)
{
	char	 cookie[AUTH_TOKEN_LEN + 1];
	char	*t1, *t2;

	auth_random_token(cookie);
	t1 = auth_csrf_for(&arena, cookie);
	ck_assert_ptr_nonnull(t1);
	ck_assert_uint_eq(strlen(t1), AUTH_TOKEN_LEN);
	ck_assert(is_base64url(t1));
	ck_assert_int_eq(auth_csrf_check(cookie, t1), 1);

	/* The token is a function of the cookie, not a fresh nonce. */
	t2 = auth_csrf_for(&arena, cookie);
	ck_assert_ptr_nonnull(t2);
	ck_assert_str_eq(t1, t2);
	/* It is not the cookie itself, which a form could then echo. */
	ck_assert_str_ne(t1, cookie);
}
END_TEST

START_TEST(csrf_other_cookie)
{
	char	 c1[AUTH_TOKEN_LEN + 1], c2[AUTH_TOKEN_LEN + 1];
	char	*t1, *t2;

	auth_random_token(c1);
	auth_random_token(c2);
	t1 = auth_csrf_for(&arena, c1);
	t2 = auth_csrf_for(&arena, c2);
	ck_assert_ptr_nonnull(t1);
	ck_assert_ptr_nonnull(t2);
	ck_assert_str_ne(t1, t2);
	ck_assert_int_eq(auth_csrf_check(c1, t2), 0);
	ck_assert_int_eq(auth_csrf_check(c2, t1), 0);
	ck_assert_int_eq(auth_csrf_check(c2, t2), 1);
}
END_TEST

START_TEST(csrf_other_secret)
{
	char	 cookie[AUTH_TOKEN_LEN + 1];
	char	*t;

	/* Without the server's secret the token cannot be made. */
	auth_random_token(cookie);
	t = auth_csrf_for(&arena, cookie);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(auth_init(SECRET_B), 0);
	ck_assert_int_eq(auth_csrf_check(cookie, t), 0);
	ck_assert_int_eq(auth_init(SECRET_A), 0);
	ck_assert_int_eq(auth_csrf_check(cookie, t), 1);
}
END_TEST

START_TEST(csrf_rejects)
{
	char	 cookie[AUTH_TOKEN_LEN + 1], bad[AUTH_TOKEN_LEN + 2];
	char	*t;

	auth_random_token(cookie);
	t = auth_csrf_for(&arena, cookie);
	ck_assert_ptr_nonnull(t);

	ck_assert_int_eq(auth_csrf_check(NULL, t), 0);
	ck_assert_int_eq(auth_csrf_check(cookie, NULL), 0);
	ck_assert_int_eq(auth_csrf_check(NULL, NULL), 0);
	ck_assert_int_eq(auth_csrf_check(cookie, ""), 0);
	ck_assert_int_eq(auth_csrf_check("", ""), 0);

	/* One character changed. */
	strcpy(bad, t);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(auth_csrf_check(cookie, bad), 0);

	/* The token truncated, or with a character more. */
	strcpy(bad, t);
	bad[AUTH_TOKEN_LEN - 1] = '\0';
	ck_assert_int_eq(auth_csrf_check(cookie, bad), 0);
	strcpy(bad, t);
	bad[AUTH_TOKEN_LEN] = 'A';
	bad[AUTH_TOKEN_LEN + 1] = '\0';
	ck_assert_int_eq(auth_csrf_check(cookie, bad), 0);

	/* A cookie not of our making (wrong length) is refused outright. */
	t = auth_csrf_for(&arena, "short");
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(auth_csrf_check("short", t), 0);
}
END_TEST

/* ------------------------------------------------------- auth_random_hex */

/* Fills a buffer of n bytes, with canaries after it, and checks it. */
static void
check_hex(size_t n, size_t want)
{
	char	 buf[300];

	ck_assert_uint_le(n + 16, sizeof(buf));
	memset(buf, '#', sizeof(buf));
	auth_random_hex(buf, n);
	ck_assert_uint_eq(strlen(buf), want);
	ck_assert_uint_eq(strspn(buf, "0123456789abcdef"), want);
	for (size_t i = n; i < n + 16; i++)
		ck_assert_msg(buf[i] == '#', "wrote past %zu bytes", n);
}

START_TEST(random_hex)
{
	char	 a[33], b[33];

	check_hex(33, 32);
	check_hex(65, 64);
	check_hex(17, 16);
	check_hex(3, 2);
	/* An even size leaves its last byte unused: two digits a byte. */
	check_hex(32, 30);
	check_hex(1, 0);
	/* At most 64 random bytes are drawn. */
	check_hex(200, 128);

	auth_random_hex(a, sizeof(a));
	auth_random_hex(b, sizeof(b));
	ck_assert_str_ne(a, b);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite	*s = suite_create("auth");
	TCase	*tc;

	tc = tcase_create("secret");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, init_secret);
	tcase_add_test(tc, init_rejects_bad_secrets);
	tcase_add_test(tc, init_without_secret);
	suite_add_tcase(s, tc);

	tc = tcase_create("tokens");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, token_new);
	tcase_add_test(tc, token_wrong);
	tcase_add_test(tc, token_of_another_hash);
	tcase_add_test(tc, token_hash_independent_of_secret);
	tcase_add_test(tc, random_token);
	tcase_add_test(tc, random_token_pool);
	tcase_add_test(tc, random_hex);
	tcase_add_test(tc, hash_matches_token_new);
	suite_add_tcase(s, tc);

	tc = tcase_create("passwords");
	tcase_add_checked_fixture(tc, setup, teardown);
	/* Under valgrind argon2id's 64 MiB take a while. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, password_hash_and_check);
	tcase_add_test(tc, password_new);
	suite_add_tcase(s, tc);

	tc = tcase_create("csrf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, csrf_round_trip);
	tcase_add_test(tc, csrf_other_cookie);
	tcase_add_test(tc, csrf_other_secret);
	tcase_add_test(tc, csrf_rejects);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(auth_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
