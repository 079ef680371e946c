#include "cli.h"

#include <locale.h>
#include <stdio.h>

/* STUB: first cut; the full option set follows. */
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "eval") == 0)
		return lede_cli_eval(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "corpus") == 0)
		return lede_cli_corpus(argc - 1, argv + 1);
	const char *path = argc > 1 ? argv[1] : "-";
	char *data;
	gsize len;
	GError *error = NULL;
	if (!cli_read_file(path, &data, &len, &error)) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		return LEDE_EXIT_FAILURE;
	}
	lede_doc *doc = lede_doc_new(data, len, &error);
	g_free(data);
	if (!doc) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
		return LEDE_EXIT_FAILURE;
	}
	lede_model *model = lede_model_open_default(NULL);
	lede_summarizer *s = lede_summarizer_new(model, NULL, NULL);
	lede_options o;
	lede_options_init(&o);
	lede_summary *sum = lede_summarize(s, doc, &o, NULL);
	char *t = lede_summary_to_text(sum);
	fputs(t, stdout);
	g_free(t);
	lede_summary_free(sum);
	lede_summarizer_free(s);
	lede_model_free(model);
	lede_doc_free(doc);
	return 0;
}
