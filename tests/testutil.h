/* Helpers for the test programs: paths, running the built binary. */
#ifndef LEDE_TESTUTIL_H
#define LEDE_TESTUTIL_H

#include <gio/gio.h>

/* The source tree (LEDE_SRCDIR from meson). */
const char *tu_srcdir(void);
/* ../shared beside the source tree (or LEDE_SHARED), or NULL when absent. */
const char *tu_shared_dir(void);
/* A file under shared/, or NULL (after g_test_skip with a message) when absent.
 * The caller frees the result. */
char *tu_shared_file(const char *relpath);
/* A file under tests/data/ in the source tree (caller frees). */
char *tu_data_file(const char *name);

typedef struct {
	char *out; /* standard output */
	gsize out_len;
	char *err;  /* standard error */
	int status; /* exit status, or 128 + signal number */
} TuRun;

/* Runs the built lede binary with the NULL-terminated argv (without argv[0]),
 * feeding stdin_data (may be NULL: empty stdin). Working directory: cwd or
 * the current one when NULL. */
void tu_run(TuRun *r, const char *cwd, const char *stdin_data, gsize stdin_len,
            const char *const *argv);
/* Shorthand with a variadic, NULL-terminated argument list and no stdin. */
void tu_runv(TuRun *r, const char *arg, ...) G_GNUC_NULL_TERMINATED;
void tu_run_clear(TuRun *r);
/* tu_run under resource limits: "ulimit ULIMIT_ARGS" (e.g. "-v 48000", "-t 60")
 * in /bin/sh, which then becomes lede. */
void tu_run_ulimit(TuRun *r, const char *ulimit_args, const char *stdin_data, gsize stdin_len,
                   const char *const *argv);

/* A new temporary directory, removed with tu_rmtree. */
char *tu_tmpdir(void);
void tu_rmtree(const char *path);
/* Writes a file (test aborts on failure). */
void tu_write(const char *path, const char *data, gssize len);
/* Asserts that got is tests/data/golden/NAME; with LEDE_UPDATE_GOLDEN set in
 * the environment, writes got there instead. */
void tu_check_golden(const char *name, const char *got);
/* A folder holding a tr_TR.UTF-8 locale made with localedef, for LOCPATH
 * (caller removes it with tu_rmtree and frees it), or NULL after g_test_skip
 * when localedef fails. */
char *tu_turkish_locale(void);

#endif
