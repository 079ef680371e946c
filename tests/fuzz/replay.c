/* Runs the fuzz target without libFuzzer: over files (the seed corpus, or
 * inputs a fuzzer saved), and over inputs generated from a fixed seed, so
 * the unit suite (and its sanitizer build) exercises the target on every
 * run. Usage: fuzz-replay [--generate N] [FILE|DIR]... */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static guint runs;

static void run_file(const char *path)
{
	gchar *data;
	gsize len;
	GError *error = NULL;
	if (!g_file_get_contents(path, &data, &len, &error)) {
		g_printerr("fuzz-replay: %s\n", error->message);
		exit(1);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	runs++;
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

/* Inputs built from pieces that stress the splitter, the tokenizer and the
 * kicker (abbreviations, numbers, quotes, apostrophes, CJK, long and
 * invalid bytes), plus random bytes. */
static void generate(guint n)
{
	static const char *const pieces[] = {
	    "The",
	    "council",
	    "said",
	    "U.S.",
	    "e.g.",
	    "3.5",
	    "1,000",
	    "Dr.",
	    "\"",
	    "'",
	    "``",
	    "''",
	    "(",
	    ")",
	    ".",
	    "!",
	    "?",
	    ",",
	    ":",
	    "\n",
	    "\n\n",
	    "  ",
	    " ",
	    "-",
	    "don't",
	    "o\xe2\x80\x99neill",
	    "caf\xc3\xa9",
	    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x82",
	    "\xe2\x80\x9c",
	    "\xe2\x80\x9d",
	    "\xff",
	    "\xc3",
	    "STAYING ALERT:",
	    "Mr.",
	    "WASHINGTON --",
	    "By Jane Doe",
	    "Hun Sen's",
	    "nationalisations",
	    "a",
	    "x",
	};
	guint64 x = 0x9E3779B97F4A7C15u;
	GString *g = g_string_new(NULL);
	for (guint k = 0; k < n; k++) {
		g_string_truncate(g, 0);
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		g_string_append_c(g, (char)(x & 0xFF)); /* the options byte */
		guint m = (guint)(x >> 8) % 400;
		for (guint i = 0; i < m; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			if (x % 9 == 0) {
				g_string_append_c(g, (char)(x >> 24));
			} else if (x % 13 == 0) {
				for (guint j = (guint)(x >> 32) % 70; j > 0; j--)
					g_string_append_c(g, (char)('a' + j % 26));
			} else {
				g_string_append(g, pieces[(x >> 16) % G_N_ELEMENTS(pieces)]);
				if (x & 0x100)
					g_string_append_c(g, ' ');
			}
		}
		LLVMFuzzerTestOneInput((const uint8_t *)g->str, g->len);
		runs++;
	}
	g_string_free(g, TRUE);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--generate") == 0 && i + 1 < argc)
			generate((guint)strtoul(argv[++i], NULL, 10));
		else
			run_path(argv[i]);
	}
	g_print("fuzz-replay: %u inputs, no failure\n", runs);
	return 0;
}
