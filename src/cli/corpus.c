/* `lede corpus build|dump|info`: make and inspect background models. */
#include "cli.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>

#define DEFAULT_OUTPUT "lede.ldf"

static const char corpus_help[] =
    "Usage: lede corpus COMMAND [OPTION...] [ARG...]\n"
    "\n"
    "Build and inspect background models (document frequencies).\n"
    "\n"
    "Commands:\n"
    "  build [-o FILE] [-m MODEL]... [--partial] INPUT...\n"
    "        count the documents of each INPUT and add the counts of each MODEL\n"
    "        (default output: " DEFAULT_OUTPUT ")\n"
    "  merge [-o FILE] [--partial] PART...\n"
    "        add up partial models (build --partial) exactly: the result is the\n"
    "        model one build over all their documents makes\n"
    "  dump [--format text|json] [MODEL]\n"
    "        print a model's document frequencies (default: the built-in model)\n"
    "  info [MODEL]\n"
    "        print a model's provenance and counts (default: the built-in model)\n"
    "\n"
    "Run 'lede corpus COMMAND --help' for a command's options.\n";

/* Parses options; returns -1 to go on, argc and argv then the arguments left
 * (a new strv the caller frees), else the exit code (help or usage error). */
static int parse(GOptionContext *ctx, const GOptionEntry *entries, const char *sub, int *argc,
                 char ***argv)
{
	static const GOptionEntry none[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_option_context_set_help_enabled(ctx, TRUE);
	char **rest = NULL;
	int rc = cli_parse_options(ctx, entries ? entries : none, sub, *argc, *argv, &rest);
	if (rc < 0) {
		*argc = (int)g_strv_length(rest);
		*argv = rest;
	}
	return rc;
}

static lede_model *open_model(const char *path)
{
	GError *err = NULL;
	lede_model *m = path ? lede_model_open(path, &err) : lede_model_open_default(&err);
	if (!m) {
		if (path)
			cli_error("%s: %s", path, err->message);
		else
			cli_error("%s", err->message);
		g_error_free(err);
	}
	return m;
}

/* Writes the builder's model to out and says what was written on stderr. */
static int write_model(lede_model_builder *b, const char *out, gboolean partial, gint64 t0)
{
	GError *err = NULL;
	gboolean ok = partial ? lede_model_builder_write_partial(b, out, &err)
	                      : lede_model_builder_write(b, out, &err);
	if (!ok) {
		cli_error("%s: %s", out, err->message);
		g_clear_error(&err);
		return LEDE_EXIT_FAILURE;
	}
	guint64 n_docs = lede_model_builder_n_docs(b);
	GStatBuf ost;
	if (g_stat(out, &ost) != 0 || !S_ISREG(ost.st_mode)) {
		/* a device or FIFO (-o /dev/null): nothing to read back */
		fprintf(stderr, "lede: %s: %" G_GUINT64_FORMAT " docs, %.1f s\n", out, n_docs,
		        (double)(g_get_monotonic_time() - t0) / 1e6);
		return LEDE_EXIT_OK;
	}
	lede_model *m = open_model(out);
	if (!m)
		return LEDE_EXIT_FAILURE;
	fprintf(stderr,
	        "lede: %s: %" G_GUINT64_FORMAT " docs, %" G_GUINT64_FORMAT
	        " terms, %" G_GUINT64_FORMAT " bytes, %.1f s\n",
	        out, lede_model_n_docs(m), lede_model_n_terms(m), (guint64)ost.st_size,
	        (double)(g_get_monotonic_time() - t0) / 1e6);
	lede_model_free(m);
	return LEDE_EXIT_OK;
}

static int cmd_build(int argc, char **argv)
{
	char *output = NULL, *lang = NULL;
	char **merge = NULL;
	gboolean partial = FALSE;
	GOptionEntry entries[] = {
	    {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
	     "Count the stems of this language (ISO 639-1; default en), recorded in the model",
	     "CODE"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the model to FILE (default: " DEFAULT_OUTPUT ")", "FILE"},
	    {"partial", 0, 0, G_OPTION_ARG_NONE, &partial,
	     "Write a partial model for `lede corpus merge` (every count kept)", NULL},
	    {"merge", 'm', 0, G_OPTION_ARG_FILENAME_ARRAY, &merge,
	     "Add the counts of an existing model (repeatable; \"default\": the built-in one)",
	     "MODEL"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new("INPUT... - build a background model");
	g_option_context_set_summary(
	    ctx,
	    "INPUT is a plain-text file (one document), a directory (walked recursively in\n"
	    "name order, hidden entries skipped), or JSON Lines (.jsonl, .json) with a \"text\"\n"
	    "key, one document a line; .gz files are decompressed; - reads standard input\n"
	    "as one document. Terms are the stems of the tokens that are neither stop\n"
	    "words nor numbers, counted once per document.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	int rc = parse(ctx, entries, "corpus build", &argc, &argv);
	g_option_context_free(ctx);
	if (rc >= 0 || (argc < 2 && !merge)) {
		g_free(output);
		g_free(lang);
		g_strfreev(merge);
		if (rc >= 0)
			return rc;
		g_strfreev(argv);
		return cli_usage_error("corpus build", "no INPUT given");
	}
	const char *out = output ? output : DEFAULT_OUTPUT;

	gint64 t0 = g_get_monotonic_time();
	lede_model_builder *b = lede_model_builder_new();
	GError *err = NULL;
	rc = LEDE_EXIT_OK;
	if (lang && !lede_model_builder_set_lang(b, lang, &err)) {
		rc = cli_usage_error("corpus build", "--lang: %s", err->message);
		g_clear_error(&err);
	}
	g_free(lang);
	for (char **mp = merge; rc == LEDE_EXIT_OK && mp && *mp; mp++) {
		lede_model *m = open_model(strcmp(*mp, "default") == 0 ? NULL : *mp);
		if (!m || !lede_model_builder_merge(b, m, &err)) {
			if (err)
				cli_error("%s: %s", *mp, err->message);
			g_clear_error(&err);
			rc = LEDE_EXIT_FAILURE;
		}
		lede_model_free(m);
	}
	for (int i = 1; rc == LEDE_EXIT_OK && i < argc; i++) {
		if (!lede_model_builder_add_path(b, argv[i], &err)) {
			cli_error("%s: %s", argv[i], err->message);
			g_clear_error(&err);
			rc = LEDE_EXIT_FAILURE;
			break;
		}
	}
	/* An incomplete model is worse than none: nothing is written on error. */
	if (rc == LEDE_EXIT_OK)
		rc = write_model(b, out, partial, t0);
	lede_model_builder_free(b);
	g_free(output);
	g_strfreev(merge);
	g_strfreev(argv);
	return rc;
}

static int cmd_merge(int argc, char **argv)
{
	char *output = NULL;
	gboolean partial = FALSE;
	GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the model to FILE (default: " DEFAULT_OUTPUT ")", "FILE"},
	    {"partial", 0, 0, G_OPTION_ARG_NONE, &partial,
	     "Write a partial model again (a step of a merge tree)", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx = g_option_context_new("PART... - add up partial models");
	g_option_context_set_summary(
	    ctx, "Each PART is a partial model, written by `lede corpus build --partial` or\n"
	         "`lede corpus merge --partial`. Their counts are added exactly and their\n"
	         "sources combined by name, so the result is byte for byte the model one\n"
	         "`lede corpus build` over all their documents writes, however the documents\n"
	         "were split and in whatever order or tree the parts are merged (set\n"
	         "SOURCE_DATE_EPOCH for the same \"built\" date). Pruning to 8 MiB, if any, is\n"
	         "done here, once, over the sums.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	int rc = parse(ctx, entries, "corpus merge", &argc, &argv);
	g_option_context_free(ctx);
	if (rc >= 0 || argc < 2) {
		g_free(output);
		if (rc >= 0)
			return rc;
		g_strfreev(argv);
		return cli_usage_error("corpus merge", "no PART given");
	}
	const char *out = output ? output : DEFAULT_OUTPUT;
	gint64 t0 = g_get_monotonic_time();
	lede_model_builder *b = lede_model_builder_new();
	GError *err = NULL;
	rc = LEDE_EXIT_OK;
	for (int i = 1; rc == LEDE_EXIT_OK && i < argc; i++) {
		lede_model *m = open_model(argv[i]);
		if (!m) {
			rc = LEDE_EXIT_FAILURE;
		} else if (!lede_model_is_partial(m)) {
			cli_error("%s: not a partial model (write parts with `lede corpus build "
			          "--partial`: a whole model may have lost its rarest counts)",
			          argv[i]);
			rc = LEDE_EXIT_FAILURE;
		} else if (!lede_model_builder_merge(b, m, &err)) {
			cli_error("%s: %s", argv[i], err->message);
			g_clear_error(&err);
			rc = LEDE_EXIT_FAILURE;
		}
		lede_model_free(m);
	}
	/* Nothing is written when a part failed. */
	if (rc == LEDE_EXIT_OK)
		rc = write_model(b, out, partial, t0);
	lede_model_builder_free(b);
	g_free(output);
	g_strfreev(argv);
	return rc;
}

static int cmd_dump(int argc, char **argv)
{
	char *format = NULL;
	GOptionEntry entries[] = {
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
	     "text (default: header lines, then term<TAB>df sorted by term) or json", "FORMAT"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL},
	};
	GOptionContext *ctx =
	    g_option_context_new("[MODEL] - print a model's document frequencies");
	g_option_context_set_summary(ctx, "Without MODEL, the model built into lede.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	int rc = parse(ctx, entries, "corpus dump", &argc, &argv);
	g_option_context_free(ctx);
	if (rc >= 0) {
		g_free(format);
		return rc;
	}
	rc = 0;
	const char *path = argc > 1 ? argv[1] : NULL;
	lede_dump_format fmt = LEDE_DUMP_TEXT;
	if (format) {
		static const char *const formats[] = {"text", "json", NULL};
		int f = 0;
		rc = cli_usage_choice("corpus dump", "--format", format, formats, &f);
		fmt = f ? LEDE_DUMP_JSON : LEDE_DUMP_TEXT;
	}
	g_free(format);
	if (!rc && argc > 2)
		rc = cli_usage_error("corpus dump", "one MODEL at most");
	lede_model *m = rc ? NULL : open_model(path);
	g_strfreev(argv);
	if (rc)
		return rc;
	if (!m)
		return LEDE_EXIT_FAILURE;
	GError *err = NULL;
	rc = LEDE_EXIT_OK;
	if (!lede_model_dump(m, stdout, fmt, &err)) {
		g_error_free(err); /* a write error on stdout, which this reports */
		cli_flush_stdout();
		rc = LEDE_EXIT_FAILURE;
	}
	lede_model_free(m);
	return rc;
}

static int cmd_info(int argc, char **argv)
{
	GOptionContext *ctx =
	    g_option_context_new("[MODEL] - print a model's provenance and counts");
	g_option_context_set_summary(ctx, "Without MODEL, the model built into lede.");
	int rc = parse(ctx, NULL, "corpus info", &argc, &argv);
	g_option_context_free(ctx);
	if (rc >= 0)
		return rc;
	if (argc > 2) {
		g_strfreev(argv);
		return cli_usage_error("corpus info", "one MODEL at most");
	}
	char *path = argc > 1 ? g_strdup(argv[1]) : NULL;
	g_strfreev(argv);
	lede_model *m = open_model(path);
	if (!m) {
		g_free(path);
		return LEDE_EXIT_FAILURE;
	}
	printf("model: %s\n", path ? path : "(built-in)");
	printf("docs: %" G_GUINT64_FORMAT "\n", lede_model_n_docs(m));
	printf("terms: %" G_GUINT64_FORMAT "\n", lede_model_n_terms(m));
	if (path) {
		GStatBuf st;
		if (g_stat(path, &st) == 0)
			printf("bytes: %" G_GUINT64_FORMAT "\n", (guint64)st.st_size);
	}
	cJSON *prov = cJSON_Parse(lede_model_provenance(m));
	char *pretty = prov ? cJSON_Print(prov) : NULL;
	printf("provenance: %s\n", pretty ? pretty : lede_model_provenance(m));
	if (pretty)
		cJSON_free(pretty);
	cJSON_Delete(prov);
	lede_model_free(m);
	g_free(path);
	if (!cli_flush_stdout())
		return LEDE_EXIT_FAILURE;
	return LEDE_EXIT_OK;
}

int lede_cli_corpus(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("corpus", "missing command (build, merge, dump or info)");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(corpus_help, stdout);
		return LEDE_EXIT_OK;
	}
	/* GOption reports argv[0] as the program name in its help text. */
	char *name = g_strdup_printf("lede corpus %s", cmd);
	char **args = g_new0(char *, argc);
	args[0] = name;
	for (int i = 2; i < argc; i++)
		args[i - 1] = argv[i];
	int n = argc - 1;
	char **view = args;
	int rc;
	if (strcmp(cmd, "build") == 0)
		rc = cmd_build(n, view);
	else if (strcmp(cmd, "merge") == 0)
		rc = cmd_merge(n, view);
	else if (strcmp(cmd, "dump") == 0)
		rc = cmd_dump(n, view);
	else if (strcmp(cmd, "info") == 0)
		rc = cmd_info(n, view);
	else
		rc = cli_usage_error("corpus", "unknown command '%s' (build, merge, dump or info)",
		                     cmd);
	g_free(args);
	g_free(name);
	return rc;
}
