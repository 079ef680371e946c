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

/* ---- JSON Lines ------------------------------------------------------------- */

/* JSON's white space. cJSON skips every byte up to the space as if it were. */
static gboolean json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Past the string at p (its opening quote), or NULL when a byte below 0x20
 * is raw inside it (cJSON takes those, and a NUL ends its C string there).
 * *escaped: it has an escape; *nul: one of them is \u0000. The escapes
 * themselves cJSON has checked. */
static const char *scan_string(const char *p, const char *end, gboolean *escaped, gboolean *nul)
{
	for (p++; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			*escaped = TRUE;
			if (end - p >= 6 && memcmp(p, "\\u0000", 6) == 0)
				*nul = TRUE;
			p++; /* the escaped character, which may be a quote or a backslash */
		}
	}
	return NULL;
}

static const char *skip_digits(const char *p, const char *end)
{
	while (p < end && g_ascii_isdigit(*p))
		p++;
	return p;
}

/* Whether [p, end) is a JSON number or literal. cJSON reads numbers with
 * strtod, which also takes +1, .5, 1. and 01. */
static gboolean json_scalar(const char *p, const char *end)
{
	gsize n = (gsize)(end - p);
	if ((n == 4 && memcmp(p, "true", 4) == 0) || (n == 5 && memcmp(p, "false", 5) == 0) ||
	    (n == 4 && memcmp(p, "null", 4) == 0))
		return TRUE;
	if (p < end && *p == '-')
		p++;
	if (p == end || !g_ascii_isdigit(*p))
		return FALSE;
	p = *p == '0' ? p + 1 : skip_digits(p, end);
	if (p < end && *p == '.') {
		const char *d = ++p;
		if ((p = skip_digits(p, end)) == d)
			return FALSE;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		const char *d = p;
		if ((p = skip_digits(p, end)) == d)
			return FALSE;
	}
	return p == end;
}

typedef enum { MEMBER_OTHER, MEMBER_ID, MEMBER_TEXT } Member;

/* The member name [p, end) (quotes included) as cJSON compares it: decoded. */
static Member member_of(const char *p, const char *end, gboolean escaped)
{
	const char *name = p + 1;
	gsize n = (gsize)(end - p - 2);
	cJSON *decoded = NULL;
	if (escaped) {
		decoded = cJSON_ParseWithLength(p, (size_t)(end - p));
		name = cJSON_IsString(decoded) ? decoded->valuestring : "";
		n = strlen(name);
	}
	Member m = n == 2 && memcmp(name, "id", 2) == 0     ? MEMBER_ID
	           : n == 4 && memcmp(name, "text", 4) == 0 ? MEMBER_TEXT
	                                                    : MEMBER_OTHER;
	cJSON_Delete(decoded);
	return m;
}

/* The JSON text [p, end) without white space outside its strings. */
static char *minified(const char *p, const char *end)
{
	GString *out = g_string_sized_new((gsize)(end - p));
	gboolean in_string = FALSE;
	for (; p < end; p++) {
		if (in_string && *p == '\\' && p + 1 < end) {
			g_string_append_len(out, p, 2);
			p++;
			continue;
		}
		if (*p == '"')
			in_string = !in_string;
		if (in_string || !json_space(*p))
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

/* Checks what cJSON lets through in the object [p, end), which cJSON has
 * parsed (so brackets match and escapes are valid), and finds the first
 * top-level "id" and "text" as cJSON_GetObjectItemCaseSensitive does. A
 * loop with a depth count: no recursion however deep the object. */
static gboolean scan_object(const char *p, const char *end, CliJsonlRecord *rec)
{
	guint depth = 0;
	gboolean want_name = FALSE; /* at depth 1: the next string is a member name */
	gboolean seen_id = FALSE, seen_text = FALSE;
	Member member = MEMBER_OTHER; /* the depth-1 member whose value comes */
	const char *id_start = NULL;  /* an object or array id's first byte */
	while (p < end) {
		char c = *p;
		if (json_space(c)) {
			p++;
		} else if ((unsigned char)c < 0x20) {
			return FALSE;
		} else if (c == '"') {
			gboolean escaped = FALSE, nul = FALSE;
			const char *q = scan_string(p, end, &escaped, &nul);
			if (!q)
				return FALSE;
			if (depth == 1 && want_name) {
				member = member_of(p, q, escaped);
				if ((member == MEMBER_ID && seen_id) ||
				    (member == MEMBER_TEXT && seen_text))
					member = MEMBER_OTHER;
				seen_id |= member == MEMBER_ID;
				seen_text |= member == MEMBER_TEXT;
				want_name = FALSE;
			} else if (depth == 1 && member == MEMBER_ID) {
				rec->id = g_strndup(p, (gsize)(q - p));
			} else if (depth == 1 && member == MEMBER_TEXT) {
				rec->text_nul = nul;
			}
			p = q;
		} else if (c == '{' || c == '[') {
			if (depth == 1 && member == MEMBER_ID)
				id_start = p;
			depth++;
			want_name = depth == 1;
			p++;
		} else if (c == '}' || c == ']') {
			depth--;
			p++;
			if (depth == 1 && id_start) {
				rec->id = minified(id_start, p);
				id_start = NULL;
			}
		} else if (c == ',') {
			if (depth == 1) {
				want_name = TRUE;
				member = MEMBER_OTHER;
			}
			p++;
		} else if (c == ':') {
			p++;
		} else {
			const char *q = p;
			while (q < end && (unsigned char)*q > 0x20 && !strchr("{}[],:\"", *q))
				q++;
			if (!json_scalar(p, q))
				return FALSE;
			if (depth == 1 && member == MEMBER_ID)
				rec->id = g_strndup(p, (gsize)(q - p));
			p = q;
		}
	}
	return TRUE;
}

void cli_jsonl_parse(const char *line, gsize len, guint lineno, CliJsonlRecord *rec)
{
	*rec = (CliJsonlRecord){0};
	rec->lineno = lineno;
	const char *end = line + len, *parse_end = NULL;
	cJSON *obj = cJSON_ParseWithLengthOpts(line, len, &parse_end, FALSE);
	if (obj && !cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		rec->error = "not a JSON object";
		return;
	}
	/* cJSON stops after the object: what follows must be white space
	 * ({"text":"x"} junk is not JSON). */
	const char *p = parse_end;
	while (obj && p < end && json_space(*p))
		p++;
	/* A byte order mark, which cJSON skips, may start the first line. */
	const char *start = len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? line + 3 : line;
	if (!obj || p < end || !scan_object(start, parse_end, rec)) {
		cJSON_Delete(obj);
		g_clear_pointer(&rec->id, g_free);
		rec->text_nul = FALSE;
		rec->error = "invalid JSON";
		return;
	}
	rec->obj = obj;
}

void cli_jsonl_record_clear(CliJsonlRecord *rec)
{
	cJSON_Delete(rec->obj);
	g_free(rec->id);
	*rec = (CliJsonlRecord){0};
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
			CliJsonlRecord rec;
			cli_jsonl_parse(p, (gsize)(eol - p), lineno, &rec);
			gboolean go = fn(&rec, user);
			cli_jsonl_record_clear(&rec);
			if (!go)
				return;
		}
		p = eol + 1;
	}
}

char *cli_id_json(const CliJsonlRecord *rec)
{
	return rec->id ? g_strdup(rec->id) : g_strdup_printf("%u", rec->lineno);
}

char *cli_id_key(const char *id_json)
{
	if (id_json[0] != '"' || !strchr(id_json, '\\'))
		return g_strdup(id_json);
	gboolean escaped = FALSE, nul = FALSE;
	const char *end = id_json + strlen(id_json);
	scan_string(id_json, end, &escaped, &nul);
	cJSON *s = nul ? NULL : cJSON_ParseWithLength(id_json, (size_t)(end - id_json));
	/* Past a NUL cJSON has lost the rest: such an id stays as it is. */
	char *printed = cJSON_IsString(s) ? cJSON_PrintUnformatted(s) : NULL;
	char *key = g_strdup(printed ? printed : id_json);
	cJSON_free(printed);
	cJSON_Delete(s);
	return key;
}
