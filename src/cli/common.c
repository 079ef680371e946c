#include "cli.h"

#include "file-io.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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

void cli_html_escape(GString *out, const char *text, gssize len)
{
	char *valid = g_utf8_make_valid(text, len);
	for (const char *s = valid; *s; s++) {
		guchar c = (guchar)*s;
		switch (c) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, "&quot;");
			break;
		case '\'':
			g_string_append(out, "&#39;");
			break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
				g_string_append(out, "\xEF\xBF\xBD");
			} else if (c == 0xC2 && (guchar)s[1] >= 0x80 && (guchar)s[1] <= 0x9F) {
				g_string_append(out, "\xEF\xBF\xBD"); /* a C1 control */
				s++;
			} else {
				g_string_append_c(out, (char)c);
			}
		}
	}
	g_free(valid);
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

/* The entry for a long (short == 0) or short option, or NULL. */
static const GOptionEntry *find_entry(const GOptionEntry *entries, const char *name, gsize len,
                                      char short_name)
{
	for (const GOptionEntry *e = entries; e->long_name; e++) {
		if (!*e->long_name)
			continue; /* G_OPTION_REMAINING */
		if (short_name
		        ? e->short_name == short_name
		        : strlen(e->long_name) == len && strncmp(e->long_name, name, len) == 0)
			return e;
	}
	return NULL;
}

static gboolean takes_value(const GOptionEntry *e)
{
	if (e->arg == G_OPTION_ARG_NONE)
		return FALSE;
	return e->arg != G_OPTION_ARG_CALLBACK || !(e->flags & G_OPTION_FLAG_NO_ARG);
}

/* GOption converts a string option's value from the locale's encoding and,
 * when it cannot, fails without saying which option: checked here first. */
static int check_value(const char *subcommand, const GOptionEntry *e, const char *value)
{
	if (e->arg != G_OPTION_ARG_STRING && e->arg != G_OPTION_ARG_STRING_ARRAY)
		return 0;
	char *utf8 = g_locale_to_utf8(value, -1, NULL, NULL, NULL);
	if (utf8) {
		g_free(utf8);
		return 0;
	}
	const char *charset;
	g_get_charset(&charset);
	return cli_usage_error(subcommand, "--%s: not valid %s text", e->long_name, charset);
}

int cli_parse_options(GOptionContext *ctx, const GOptionEntry *entries, const char *subcommand,
                      int argc, char **argv, char ***rest)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
	int rc = 0;
	gboolean options_done = FALSE;
	for (int i = 0; i < argc && !rc; i++) {
		const char *a = argv[i];
		const GOptionEntry *e = NULL;
		const char *value = NULL; /* attached to the option */
		if (i == 0 || options_done || a[0] != '-' || !a[1]) {
			/* the program, an operand, or "-" */
		} else if (strcmp(a, "--") == 0) {
			options_done = TRUE;
		} else if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			e = find_entry(entries, a + 2, eq ? (gsize)(eq - a - 2) : strlen(a + 2), 0);
			value = eq ? eq + 1 : NULL;
		} else {
			e = find_entry(entries, NULL, 0, a[1]);
			if (e && takes_value(e) && a[2]) {
				/* "-n3": two arguments for GOption */
				rc = check_value(subcommand, e, a + 2);
				g_ptr_array_add(v, g_strndup(a, 2));
				g_ptr_array_add(v, g_strdup(a + 2));
				continue;
			}
		}
		g_ptr_array_add(v, g_strdup(a));
		if (!e || !takes_value(e))
			continue;
		if (value) {
			rc = check_value(subcommand, e, value);
		} else if (i + 1 < argc) {
			/* the next argument is this option's value, whatever it looks like */
			rc = check_value(subcommand, e, argv[++i]);
			g_ptr_array_add(v, g_strdup(argv[i]));
		}
	}
	if (rc) {
		g_ptr_array_free(v, TRUE);
		return rc;
	}
	g_ptr_array_set_free_func(v, NULL);
	g_ptr_array_add(v, NULL);
	char **args = (char **)g_ptr_array_free(v, FALSE);
	GError *error = NULL;
	if (!g_option_context_parse_strv(ctx, &args, &error)) {
		rc = cli_usage_error(subcommand, "%s", error->message);
		g_error_free(error);
		g_strfreev(args);
		return rc;
	}
	*rest = args;
	return -1;
}

static gboolean read_path(const char *path, gboolean stop_at_nul, char **data, gsize *len,
                          GError **error)
{
	if (strcmp(path, "-") == 0)
		return lede_read_fd(STDIN_FILENO, stop_at_nul, data, len, error);
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
	gboolean ok = lede_read_fd(fd, stop_at_nul, data, len, error);
	close(fd);
	return ok;
}

gboolean cli_read_file(const char *path, char **data, gsize *len, GError **error)
{
	return read_path(path, FALSE, data, len, error);
}

gboolean cli_read_document(const char *path, char **data, gsize *len, GError **error)
{
	return read_path(path, TRUE, data, len, error);
}

gboolean cli_write_file_atomic(const char *path, const char *data, gsize len, GError **error)
{
	return lede_write_file(path, data, len, error);
}

static gboolean stdout_failed;
static int stdout_errno; /* the reason of a failed g_print, which flushes */

gboolean cli_flush_stdout(void)
{
	if (stdout_failed)
		return FALSE;
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return TRUE;
	stdout_failed = TRUE;
	/* errno is the failed write's when this flush made it; a write that
	 * failed earlier (a full buffer flushed by printf) left only ferror,
	 * and then, as coreutils does, the message has no reason */
	int e = errno ? errno : stdout_errno;
	cli_error("write error%s%s", e ? ": " : "", e ? g_strerror(e) : "");
	return FALSE;
}

static void print_to_stdout(const char *s)
{
	if (fputs(s, stdout) == EOF || fflush(stdout) != 0)
		stdout_errno = errno;
}

void cli_close_stdout(void)
{
	gboolean ok = cli_flush_stdout();
	/* A closed standard output that was never written to is no error
	 * (EBADF from fclose with nothing pending), as in coreutils. */
	errno = 0;
	if (fclose(stdout) != 0 && errno != EBADF && ok) {
		cli_error("write error: %s", g_strerror(errno));
		ok = FALSE;
	}
	if (!ok)
		_exit(LEDE_EXIT_FAILURE);
}

void cli_check_stdout_at_exit(void)
{
	g_set_print_handler(print_to_stdout); /* GOption's --help prints with g_print */
	atexit(cli_close_stdout);
}
