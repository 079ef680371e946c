/* Helpers shared by the fuzz targets (fuzz.h). */
#include "fuzz.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

void fuzz_check(gboolean ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz: %s\n", what);
		abort();
	}
}

static char *paths[2];

static void remove_files(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(paths); i++)
		if (paths[i])
			g_unlink(paths[i]);
}

const char *fuzz_file_path(guint n)
{
	g_assert(n < G_N_ELEMENTS(paths));
	if (!paths[n]) {
		/* tmpfs: a file system on disk makes every input cost a few writes */
		const char *dir =
		    g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) && access("/dev/shm", W_OK) == 0
		        ? "/dev/shm"
		        : g_get_tmp_dir();
		char *tmpl = g_build_filename(dir, "lede-fuzz-XXXXXX", NULL);
		int fd = g_mkstemp(tmpl);
		if (fd < 0) {
			fprintf(stderr, "fuzz: %s: %s\n", tmpl, g_strerror(errno));
			abort();
		}
		close(fd);
		if (!paths[0] && !paths[1])
			atexit(remove_files);
		paths[n] = tmpl;
	}
	return paths[n];
}

const char *fuzz_file(guint n, const void *data, gsize size)
{
	const char *path = fuzz_file_path(n);
	GError *error = NULL;
	if (!g_file_set_contents(path, data, (gssize)size, &error)) {
		fprintf(stderr, "fuzz: %s\n", error->message);
		abort();
	}
	return path;
}

cJSON *fuzz_json_parse(const char *s)
{
	return cJSON_ParseWithOpts(s, NULL, TRUE);
}
