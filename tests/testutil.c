#include "testutil.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *tu_srcdir(void)
{
	const char *s = g_getenv("LEDE_SRCDIR");
	return s ? s : ".";
}

const char *tu_shared_dir(void)
{
	static char *dir;
	if (!dir) {
		const char *env = g_getenv("LEDE_SHARED");
		dir = env && *env ? g_strdup(env)
		                  : g_build_filename(tu_srcdir(), "..", "shared", NULL);
	}
	return g_file_test(dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

char *tu_shared_file(const char *relpath)
{
	const char *dir = tu_shared_dir();
	char *path = dir ? g_build_filename(dir, relpath, NULL) : NULL;
	if (!path || !g_file_test(path, G_FILE_TEST_EXISTS)) {
		char *msg = g_strdup_printf(
		    "../shared/%s is absent (shared data not beside the source tree)", relpath);
		g_test_skip(msg);
		g_free(msg);
		g_free(path);
		return NULL;
	}
	return path;
}

char *tu_data_file(const char *name)
{
	return g_build_filename(tu_srcdir(), "tests", "data", name, NULL);
}

/* Runs args (NULL-terminated; freed here) as tu_run describes. */
static void run_args(TuRun *r, const char *cwd, const char *stdin_data, gsize stdin_len,
                     GPtrArray *args)
{

	/* Standard input is a file, not a pipe: a lede that exits before
	 * reading it (a usage error) made the test's write into the pipe kill
	 * the test with SIGPIPE, now and then, by the timing of the exit. */
	GError *error = NULL;
	char *in_path = NULL;
	int fd = g_file_open_tmp("lede-test-stdin-XXXXXX", &in_path, &error);
	g_assert_no_error(error);
	close(fd);
	g_assert_true(g_file_set_contents(in_path, stdin_data ? stdin_data : "",
	                                  stdin_data ? (gssize)stdin_len : 0, &error));
	g_assert_no_error(error);
	GSubprocessLauncher *l = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
	                                                   G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_subprocess_launcher_set_stdin_file_path(l, in_path);
	if (cwd)
		g_subprocess_launcher_set_cwd(l, cwd);
	GSubprocess *p = g_subprocess_launcher_spawnv(l, (const char *const *)args->pdata, &error);
	g_assert_no_error(error);
	GBytes *out = NULL, *err = NULL;
	g_subprocess_communicate(p, NULL, NULL, &out, &err, &error);
	g_assert_no_error(error);
	g_unlink(in_path);
	g_free(in_path);
	memset(r, 0, sizeof *r);
	gsize n;
	const char *d = g_bytes_get_data(out, &n);
	r->out = g_strndup(d ? d : "", n);
	r->out_len = n;
	d = g_bytes_get_data(err, &n);
	r->err = g_strndup(d ? d : "", n);
	if (g_subprocess_get_if_exited(p))
		r->status = g_subprocess_get_exit_status(p);
	else
		r->status = 128 + g_subprocess_get_term_sig(p);
	g_bytes_unref(out);
	g_bytes_unref(err);
	g_object_unref(p);
	g_object_unref(l);
	g_ptr_array_free(args, TRUE);
}

static GPtrArray *lede_args(GPtrArray *args, const char *const *argv)
{
	const char *bin = g_getenv("LEDE_BIN");
	g_assert_nonnull(bin);
	g_ptr_array_add(args, (char *)bin);
	for (const char *const *a = argv; *a; a++)
		g_ptr_array_add(args, (char *)*a);
	g_ptr_array_add(args, NULL);
	return args;
}

void tu_run(TuRun *r, const char *cwd, const char *stdin_data, gsize stdin_len,
            const char *const *argv)
{
	run_args(r, cwd, stdin_data, stdin_len, lede_args(g_ptr_array_new(), argv));
}

void tu_run_ulimit(TuRun *r, const char *ulimit_args, const char *stdin_data, gsize stdin_len,
                   const char *const *argv)
{
	GPtrArray *args = g_ptr_array_new_with_free_func(NULL);
	char *script = g_strdup_printf("ulimit %s && exec \"$0\" \"$@\"", ulimit_args);
	g_ptr_array_add(args, "/bin/sh");
	g_ptr_array_add(args, "-c");
	g_ptr_array_add(args, script);
	run_args(r, NULL, stdin_data, stdin_len, lede_args(args, argv));
	g_free(script);
}

void tu_runv(TuRun *r, const char *arg, ...)
{
	GPtrArray *a = g_ptr_array_new();
	va_list ap;
	va_start(ap, arg);
	for (const char *s = arg; s; s = va_arg(ap, const char *))
		g_ptr_array_add(a, (char *)s);
	va_end(ap);
	g_ptr_array_add(a, NULL);
	tu_run(r, NULL, NULL, 0, (const char *const *)a->pdata);
	g_ptr_array_free(a, TRUE);
}

void tu_run_clear(TuRun *r)
{
	g_free(r->out);
	g_free(r->err);
	memset(r, 0, sizeof *r);
}

char *tu_tmpdir(void)
{
	GError *error = NULL;
	char *d = g_dir_make_tmp("lede-test-XXXXXX", &error);
	g_assert_no_error(error);
	return d;
}

static void rmtree(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		GDir *d = g_dir_open(path, 0, NULL);
		const char *name;
		while (d && (name = g_dir_read_name(d))) {
			char *p = g_build_filename(path, name, NULL);
			rmtree(p);
			g_free(p);
		}
		if (d)
			g_dir_close(d);
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

void tu_rmtree(const char *path)
{
	if (path)
		rmtree(path);
}

void tu_write(const char *path, const char *data, gssize len)
{
	GError *error = NULL;
	g_file_set_contents(path, data, len, &error);
	g_assert_no_error(error);
}

void tu_check_golden(const char *name, const char *got)
{
	char *path = g_build_filename(tu_srcdir(), "tests", "data", "golden", name, NULL);
	if (g_getenv("LEDE_UPDATE_GOLDEN")) {
		tu_write(path, got, -1);
	} else {
		char *want = NULL;
		g_assert_true(g_file_get_contents(path, &want, NULL, NULL));
		g_assert_cmpstr(got, ==, want);
		g_free(want);
	}
	g_free(path);
}

char *tu_turkish_locale(void)
{
	/* Few machines have tr_TR built; localedef makes it from the sources
	 * glibc ships, into a folder of its own that LOCPATH names. */
	char *dir = tu_tmpdir();
	char *out = g_build_filename(dir, "tr_TR.UTF-8", NULL);
	const char *argv[] = {"localedef", "-i", "tr_TR", "-f", "UTF-8", out, NULL};
	int status = -1;
	GError *error = NULL;
	gboolean ran = g_spawn_sync(NULL, (char **)argv, NULL,
	                            G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
	                                G_SPAWN_STDERR_TO_DEV_NULL,
	                            NULL, NULL, NULL, NULL, &status, &error);
	g_free(out);
	if (!ran || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char *msg = g_strdup_printf("no tr_TR.UTF-8 locale: localedef %s",
		                            error ? error->message : "failed");
		g_test_skip(msg);
		g_free(msg);
		g_clear_error(&error);
		tu_rmtree(dir);
		g_free(dir);
		return NULL;
	}
	return dir;
}
