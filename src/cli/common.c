#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("lede: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *subcommand, const char *fmt, ...)
{
	va_list ap;
	fputs("lede: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, "Try 'lede%s%s --help'.\n", subcommand ? " " : "",
	        subcommand ? subcommand : "");
	return LEDE_EXIT_USAGE;
}

int cli_usage_number(const char *subcommand, const char *option, const char *value, guint min,
                     guint max, unsigned *out)
{
	guint64 v;
	if (!g_ascii_string_to_unsigned(value, 10, min, max, &v, NULL))
		return cli_usage_error(subcommand,
		                       "%s: expected a whole number from %u to %u, got '%s'",
		                       option, min, max, value);
	*out = (unsigned)v;
	return 0;
}

int cli_usage_choice(const char *subcommand, const char *option, const char *value,
                     const char *const *names, int *out)
{
	guint n = 0;
	while (names[n] && strcmp(names[n], value) != 0)
		n++;
	if (names[n]) {
		*out = (int)n;
		return 0;
	}
	GString *list = g_string_new(NULL);
	for (guint i = 0; names[i]; i++)
		g_string_append_printf(list, "%s%s",
		                       i == 0         ? ""
		                       : names[i + 1] ? ", "
		                                      : " or ",
		                       names[i]);
	int rc = cli_usage_error(subcommand, "%s: expected %s, got '%s'", option, list->str, value);
	g_string_free(list, TRUE);
	return rc;
}

static gboolean read_fd(int fd, char **data, gsize *len, GError **error)
{
	GByteArray *buf = g_byte_array_sized_new(1 << 16);
	guint8 block[1 << 16];
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			g_byte_array_free(buf, TRUE);
			g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(e));
			return FALSE;
		}
		if (n == 0)
			break;
		g_byte_array_append(buf, block, (guint)n);
	}
	*len = buf->len;
	g_byte_array_append(buf, (const guint8 *)"", 1); /* callers may treat data as a C string */
	*data = (char *)g_byte_array_free(buf, FALSE);
	return TRUE;
}

gboolean cli_read_file(const char *path, char **data, gsize *len, GError **error)
{
	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, data, len, error);
	int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		int e = errno;
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(e));
		return FALSE;
	}
	GStatBuf st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, g_strerror(EISDIR));
		return FALSE;
	}
	gboolean ok = read_fd(fd, data, len, error);
	close(fd);
	return ok;
}

gboolean cli_write_file_atomic(const char *path, const char *data, gsize len, GError **error)
{
	/* g_file_set_contents writes a temporary file beside the target, fsyncs
	 * it where the file system needs it and renames it over the target. */
	GError *local = NULL;
	if (!g_file_set_contents_full(path, data, (gssize)len,
	                              G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
	                              0666, &local)) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_IO, local->message);
		g_error_free(local);
		return FALSE;
	}
	return TRUE;
}

void cli_jsonl_foreach(const char *data, gsize len, cli_jsonl_fn fn, void *user)
{
	const char *p = data, *end = data + len;
	guint lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		const char *eol = nl ? nl : end;
		lineno++;
		const char *q = p;
		while (q < eol && g_ascii_isspace(*q))
			q++;
		if (q < eol) {
			cJSON *obj = cJSON_ParseWithLength(p, (size_t)(eol - p));
			gboolean go;
			if (!obj)
				go = fn(NULL, lineno, "invalid JSON", user);
			else if (!cJSON_IsObject(obj))
				go = fn(NULL, lineno, "not a JSON object", user);
			else
				go = fn(obj, lineno, NULL, user);
			cJSON_Delete(obj);
			if (!go)
				return;
		}
		p = eol + 1;
	}
}

char *cli_id_json(cJSON *obj, guint lineno)
{
	cJSON *id = obj ? cJSON_GetObjectItemCaseSensitive(obj, "id") : NULL;
	if (id) {
		char *s = cJSON_PrintUnformatted(id);
		char *r = g_strdup(s);
		cJSON_free(s);
		return r;
	}
	return g_strdup_printf("%u", lineno);
}
