/* Runs a fuzz target without libFuzzer, so the unit suite (and its
 * sanitizer build) exercises every target on every run: over files (its
 * seed corpus, or inputs a fuzzer saved) and over inputs made from a fixed
 * seed. Linked once per target (tests/meson.build).
 *
 * Usage: fuzz-replay-NAME [--dict FILE] [--generate N] [--mutate N] [FILE|DIR]...
 * taken in order:
 *   --dict FILE   pieces in libFuzzer's dictionary format (the same file
 *                 a fuzzer run takes with -dict=FILE)
 *   --generate N  N inputs of a random byte (fuzz-summarize's options)
 *                 then pieces, random bytes and runs of letters
 *   --mutate N    N inputs made by editing the files run so far: bytes
 *                 changed, pieces inserted, spans erased, copied or cut
 * An input that fails (abort: a broken invariant or a sanitizer report) is
 * saved as ./fuzz-replay-failed-input, to replay alone. */
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static guint runs;
static GPtrArray *pieces; /* GBytes *, from --dict */
static GPtrArray *seeds;  /* GBytes *, the files run */
static guint64 x = 0x9E3779B97F4A7C15u;

static guint64 next(void)
{
	x ^= x << 13, x ^= x >> 7, x ^= x << 17;
	return x;
}

#define FAILED_INPUT "fuzz-replay-failed-input"

static const guint8 *current;
static gsize current_len;

/* Only calls that are safe in a signal handler. */
static void save_failed(int sig)
{
	int fd = open(FAILED_INPUT, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0 && current) {
		for (gsize at = 0; at < current_len;) {
			ssize_t n = write(fd, current + at, current_len - at);
			if (n <= 0)
				break;
			at += (gsize)n;
		}
		static const char msg[] =
		    "fuzz-replay: the failed input is in ./" FAILED_INPUT "\n";
		if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
			(void)0;
	}
	if (fd >= 0)
		close(fd);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run(const void *data, gsize len)
{
	/* A copy of exactly len bytes, so that a read past the end is caught
	 * under AddressSanitizer as libFuzzer's own buffers would catch it. */
	guint8 *copy = g_malloc(len ? len : 1);
	memcpy(copy, data, len);
	current = copy, current_len = len;
	LLVMFuzzerTestOneInput(copy, len);
	current = NULL;
	g_free(copy);
	runs++;
}

static void die(const char *what, const char *path)
{
	g_printerr("fuzz-replay: %s: %s\n", path, what);
	exit(1);
}

static void run_file(const char *path)
{
	gchar *data;
	gsize len;
	GError *error = NULL;
	if (!g_file_get_contents(path, &data, &len, &error))
		die(error->message, path);
	run(data, len);
	g_ptr_array_add(seeds, g_bytes_new_take(data, len));
}

static int by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	if (!dir) {
		run_file(path);
		return;
	}
	/* In name order, so a failure reproduces the same way. */
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	for (const char *n; (n = g_dir_read_name(dir));)
		g_ptr_array_add(names, g_build_filename(path, n, NULL));
	g_dir_close(dir);
	g_ptr_array_sort(names, by_name);
	for (guint i = 0; i < names->len; i++)
		run_file(g_ptr_array_index(names, i));
	g_ptr_array_free(names, TRUE);
}

/* One entry of a libFuzzer dictionary: [name=]"bytes", where the bytes
 * escape \\, \" and \xHH. Comments and blank lines give NULL. */
static GBytes *dict_entry(const char *line, const char *path)
{
	while (g_ascii_isspace(*line))
		line++;
	if (!*line || *line == '#')
		return NULL;
	const char *q = strchr(line, '"');
	const char *end = q ? strrchr(q + 1, '"') : NULL;
	if (!end)
		die("a dictionary line without a quoted string", path);
	GByteArray *b = g_byte_array_new();
	for (const char *p = q + 1; p < end; p++) {
		guint8 c = (guint8)*p;
		if (c == '\\' && p + 1 < end && (p[1] == '\\' || p[1] == '"')) {
			c = (guint8) * ++p;
		} else if (c == '\\' && p + 3 < end && p[1] == 'x' && g_ascii_isxdigit(p[2]) &&
		           g_ascii_isxdigit(p[3])) {
			c = (guint8)(g_ascii_xdigit_value(p[2]) * 16 + g_ascii_xdigit_value(p[3]));
			p += 3;
		} else if (c == '\\') {
			die("a dictionary escape other than \\\\, \\\" and \\xHH", path);
		}
		g_byte_array_append(b, &c, 1);
	}
	return g_byte_array_free_to_bytes(b);
}

static void load_dict(const char *path)
{
	gchar *data;
	GError *error = NULL;
	if (!g_file_get_contents(path, &data, NULL, &error))
		die(error->message, path);
	char **lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		GBytes *b = dict_entry(*l, path);
		if (b)
			g_ptr_array_add(pieces, b);
	}
	g_strfreev(lines);
	g_free(data);
}

static void append_piece(GString *g)
{
	gsize n;
	const char *p = g_bytes_get_data(pieces->pdata[(x >> 16) % pieces->len], &n);
	g_string_append_len(g, p, (gssize)n);
}

/* Inputs built from the pieces (for fuzz-summarize: abbreviations, numbers,
 * quotes, apostrophes, CJK, long and invalid bytes), plus random bytes. */
static void generate(guint n)
{
	if (!pieces->len)
		die("--generate needs --dict first", "fuzz-replay");
	GString *g = g_string_new(NULL);
	for (guint k = 0; k < n; k++) {
		g_string_truncate(g, 0);
		g_string_append_c(g, (char)(next() & 0xFF));
		guint m = (guint)(x >> 8) % 400;
		for (guint i = 0; i < m; i++) {
			next();
			if (x % 9 == 0) {
				g_string_append_c(g, (char)(x >> 24));
			} else if (x % 13 == 0) {
				for (guint j = (guint)(x >> 32) % 70; j > 0; j--)
					g_string_append_c(g, (char)('a' + j % 26));
			} else {
				append_piece(g);
				if (x & 0x100)
					g_string_append_c(g, ' ');
			}
		}
		run(g->str, g->len);
	}
	g_string_free(g, TRUE);
}

/* Inputs made from the files run so far by a few edits each: near-valid
 * inputs reach deeper into a parser than generated ones. */
static void mutate(guint n)
{
	if (!seeds->len)
		die("--mutate needs files to start from", "fuzz-replay");
	GString *g = g_string_new(NULL);
	for (guint k = 0; k < n; k++) {
		gsize len;
		const char *seed = g_bytes_get_data(seeds->pdata[k % seeds->len], &len);
		g_string_truncate(g, 0);
		g_string_append_len(g, seed, (gssize)len);
		for (guint edits = 1 + (guint)(next() % 6); edits > 0; edits--) {
			gsize at = g->len ? (gsize)(next() % (g->len + 1)) : 0;
			gsize span = 1 + (gsize)((x >> 32) % 16);
			switch ((x >> 8) % 6) {
			case 0: /* a byte changed */
			case 1:
				if (at < g->len)
					g->str[at] = (char)(x >> 48);
				break;
			case 2: /* a piece inserted (a random byte without a dictionary) */
				if (pieces->len) {
					gsize pn;
					const char *p = g_bytes_get_data(
					    pieces->pdata[(x >> 16) % pieces->len], &pn);
					g_string_insert_len(g, (gssize)at, p, (gssize)pn);
				} else {
					g_string_insert_c(g, (gssize)at, (char)(x >> 48));
				}
				break;
			case 3: /* a span erased */
				g_string_erase(g, (gssize)at, (gssize)MIN(span, g->len - at));
				break;
			case 4: { /* a span copied elsewhere */
				gsize from = g->len ? (gsize)(next() % g->len) : 0;
				char *copy = g_strndup(g->str + from, MIN(span * 4, g->len - from));
				g_string_insert(g, (gssize)at, copy);
				g_free(copy);
				break;
			}
			default: /* cut short, now and then */
				if (x % 3 == 0)
					g_string_truncate(g, at);
				break;
			}
		}
		run(g->str, g->len);
	}
	g_string_free(g, TRUE);
}

int main(int argc, char **argv)
{
	pieces = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	seeds = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	signal(SIGABRT, save_failed);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc)
			load_dict(argv[++i]);
		else if (strcmp(argv[i], "--generate") == 0 && i + 1 < argc)
			generate((guint)strtoul(argv[++i], NULL, 10));
		else if (strcmp(argv[i], "--mutate") == 0 && i + 1 < argc)
			mutate((guint)strtoul(argv[++i], NULL, 10));
		else
			run_path(argv[i]);
	}
	g_print("fuzz-replay: %u inputs, no failure\n", runs);
	g_ptr_array_free(pieces, TRUE);
	g_ptr_array_free(seeds, TRUE);
	return 0;
}
