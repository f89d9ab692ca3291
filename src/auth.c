/*
 * Secrets with libsodium: private edit links, CSRF tokens, random ids.
 *
 * An edit link carries 256 random bits; the database keeps only their
 * BLAKE2b hash, so a leaked database does not leak the links.  A CSRF token
 * is a MAC of the browser's random cc_csrf cookie under the server's
 * secret (keyed BLAKE2b, crypto_generichash with the secret as its key: a
 * PRF, as HMAC is, at a fifth of HMAC-SHA-512-256's cost, which was 3% of
 * every page with a form): a page from another site can neither read the
 * cookie nor compute the token.
 */
#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"

static unsigned char secret_key[crypto_generichash_KEYBYTES];

/*
 * Random bytes are taken from the kernel 1 KiB at a time, not one
 * getrandom() per token: every first visit gets a fresh CSRF cookie, and
 * that system call was one of the fourteen a page cost.  A byte handed out
 * is wiped from the pool.  A forked child forgets its parent's pool
 * (pthread_atfork), so no two workers hand out the same bytes.
 */
static unsigned char	pool[1024];
static size_t		pool_left;	/* unused bytes, at the pool's end */

static void
pool_forget(void)
{
	sodium_memzero(pool, sizeof(pool));
	pool_left = 0;
}

static void
random_bytes(unsigned char *out, size_t n)
{
	unsigned char	*p;

	if (n > sizeof(pool)) {
		randombytes_buf(out, n);
		return;
	}
	if (n > pool_left) {
		randombytes_buf(pool, sizeof(pool));
		pool_left = sizeof(pool);
	}
	p = pool + sizeof(pool) - pool_left;
	memcpy(out, p, n);
	sodium_memzero(p, n);
	pool_left -= n;
}

/*
 * Initialises libsodium and loads the server secret (64 hex digits, from
 * the settings table).  Without a secret (the command line) only libsodium
 * is initialised.  Returns 0 or -1.
 */
int
auth_init(const char *secret_hex)
{
	static int	 once;	/* the fork handler is registered */
	size_t		 len = 0;

	if (sodium_init() < 0)
		return -1;
	if (!once && pthread_atfork(NULL, NULL, pool_forget) != 0)
		return -1;
	once = 1;
	if (secret_hex == NULL)
		return 0;
	if (sodium_hex2bin(secret_key, sizeof(secret_key),
	    secret_hex, strlen(secret_hex), NULL, &len, NULL) != 0 ||
	    len != sizeof(secret_key))
		return -1;
	return 0;
}

/* Fills out (of size n, odd: 2 digits per byte and a NUL) with random hex. */
void
auth_random_hex(char *out, size_t n)
{
	unsigned char	 b[64];
	size_t		 bytes = (n - 1) / 2;

	if (bytes > sizeof(b))
		bytes = sizeof(b);
	random_bytes(b, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, b, bytes);
	sodium_memzero(b, sizeof(b));
}

/* Writes 32 random bytes as base64url without padding (43 chars + NUL). */
void
auth_random_token(char *out)
{
	unsigned char	 b[32];

	random_bytes(b, sizeof(b));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, b, sizeof(b),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(b, sizeof(b));
}

/* Hashes a token (edit link, session id) for storage. */
void
auth_hash(const char *token, size_t len, unsigned char *hash)
{
	crypto_generichash(hash, AUTH_HASH_LEN, (const unsigned char *)token,
	    len, NULL, 0);
}

/*
 * Makes a new edit-link token (written to out, 43 chars + NUL) and its hash
 * for the database (AUTH_HASH_LEN bytes).  Returns 0.
 */
int
auth_token_new(char *out, unsigned char *hash)
{
	auth_random_token(out);
	auth_hash(out, AUTH_TOKEN_LEN, hash);
	return 0;
}

/*
 * Returns 1 when token hashes to the stored hash, compared in constant
 * time; 0 otherwise, including for a token of the wrong length.
 */
int
auth_token_check(const char *token, size_t len, const void *hash,
    size_t hashlen)
{
	unsigned char	 h[AUTH_HASH_LEN];

	if (token == NULL || len != AUTH_TOKEN_LEN || hash == NULL ||
	    hashlen != AUTH_HASH_LEN)
		return 0;
	auth_hash(token, len, h);
	return sodium_memcmp(h, hash, AUTH_HASH_LEN) == 0;
}

static void
csrf_compute(const char *cookie, char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 mac[32];

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)cookie,
	    strlen(cookie), secret_key, sizeof(secret_key));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Returns the CSRF token for a browser's cookie, in the arena. */
char *
auth_csrf_for(struct arena *a, const char *cookie)
{
	char	 tok[AUTH_TOKEN_LEN + 1];

	csrf_compute(cookie, tok);
	return arena_strdup(a, tok);
}

/* Returns 1 when token is the CSRF token of cookie; both may be NULL. */
int
auth_csrf_check(const char *cookie, const char *token)
{
	char	 want[AUTH_TOKEN_LEN + 1];

	if (cookie == NULL || token == NULL || strlen(cookie) != AUTH_TOKEN_LEN ||
	    strlen(token) != AUTH_TOKEN_LEN)
		return 0;
	csrf_compute(cookie, want);
	return sodium_memcmp(want, token, AUTH_TOKEN_LEN) == 0;
}

_Static_assert(AUTH_PWHASH_LEN == crypto_pwhash_STRBYTES, "password hash size");

/*
 * Hashes a staff password with argon2id (crypto_pwhash_str, interactive
 * limits: 64 MiB, about a tenth of a second) into out, AUTH_PWHASH_LEN
 * bytes.  Returns 0 or -1 (out of memory).
 */
int
auth_password_hash(const char *pw, char *out)
{
	return crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

/*
 * Returns 1 when pw matches the stored hash.  With a NULL hash (no such
 * user) it checks against a throw-away hash all the same, so that the time
 * taken does not tell whether a login exists.
 */
int
auth_password_check(const char *hash, const char *pw)
{
	static char	 dummy[crypto_pwhash_STRBYTES];
	volatile int	 ignored;

	if (hash == NULL) {
		if (dummy[0] == '\0' && auth_password_hash("x", dummy) == -1)
			return 0;
		ignored = crypto_pwhash_str_verify(dummy, pw, strlen(pw));
		(void)ignored;
		return 0;
	}
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/*
 * Writes a new random password of 20 characters (about 115 bits) from an
 * alphabet without look-alikes (no 0/O, 1/l/I) into out (n >= 21).
 */
void
auth_password_new(char *out, size_t n)
{
	static const char alphabet[] =
	    "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t	 len = n - 1 < 20 ? n - 1 : 20;

	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len] = '\0';
}
