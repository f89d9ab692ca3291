/*
 * Staff accounts, shared by `cocreate user` and /admin/users.
 */
#include <string.h>
#include <time.h>

#include "extern.h"

const char USER_ERR_EXISTS[] = "that login exists already";
const char USER_ERR_NO_AGENCY[] = "no such agency";

/*
 * Adds a staff account.  role is "organizer" or "agency"; an agency user
 * needs the slug of an existing agency, an organizer none.  The password is
 * hashed with argon2id.  Returns 0, or -1 with *err set to a message for
 * the person (English; the web form shows its own).
 */
int
user_add(struct db *db, const char *login, const char *role,
    const char *agency, const char *password, const char **err)
{
	sqlite3_stmt	*st;
	char		 hash[AUTH_PWHASH_LEN], now[32];
	int		 rc;

	*err = NULL;
	if (!valid_login(login)) {
		*err = "login: 3 to 32 of a-z, 0-9, '.', '_' and '-'";
		return -1;
	}
	if (role == NULL || (strcmp(role, "organizer") != 0 &&
	    strcmp(role, "agency") != 0)) {
		*err = "role: organizer or agency";
		return -1;
	}
	if (strcmp(role, "agency") == 0) {
		if (agency == NULL || !valid_slug(agency)) {
			*err = "an agency user needs --agency SLUG";
			return -1;
		}
		st = db_stmt(db, STMT_AGENCY_BY_SLUG);
		sqlite3_bind_text(st, 1, agency, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW) {
			*err = rc == SQLITE_DONE ? USER_ERR_NO_AGENCY :
			    db_errmsg(db);
			return -1;
		}
	} else if (agency != NULL && *agency != '\0') {
		*err = "an organizer is not bound to an agency";
		return -1;
	} else
		agency = NULL;
	if (password == NULL || strlen(password) < 10) {
		*err = "the password needs at least 10 characters";
		return -1;
	}
	if (auth_password_hash(password, hash) == -1) {
		*err = "out of memory hashing the password";
		return -1;
	}
	when_utc(time(NULL), now, sizeof(now));
	st = db_stmt(db, STMT_USER_INSERT);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	if (agency != NULL)
		sqlite3_bind_text(st, 3, agency, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		*err = (sqlite3_extended_errcode(db->conn) ==
		    SQLITE_CONSTRAINT_UNIQUE) ? USER_ERR_EXISTS :
		    db_errmsg(db);
		return -1;
	}
	return 0;
}

/*
 * Disables a staff account and ends its sessions, in one transaction.
 * Returns 0, 1 when there is no such login, or -1.
 */
int
user_disable(struct db *db, const char *login)
{
	sqlite3_stmt	*st;

	if (db_begin(db) == -1)
		return -1;
	st = db_stmt(db, STMT_USER_DISABLE);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(st);
	if (sqlite3_changes(db->conn) == 0) {
		db_rollback(db);
		return 1;
	}
	st = db_stmt(db, STMT_SESSION_DELETE_USER);
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(st);
	if (db_commit(db) == -1)
		goto fail;
	return 0;
fail:
	sqlite3_reset(st);
	db_rollback(db);
	return -1;
}
