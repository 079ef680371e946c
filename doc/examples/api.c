/* A program written against lede.h alone, as a binding or an application
 * would be: it summarizes a file (or standard input) and shows the calls a
 * caller of the C API needs. The test suite builds it with the shared
 * library and runs it (tests/meson.build, test "example-api"), so the
 * header cannot drift from what it documents.
 *
 *   cc api.c $(pkg-config --cflags --libs lede) -o api && ./api article.txt
 */
#include <lede.h>

#include <stdlib.h>

#if !LEDE_CHECK_VERSION(0, 1, 0)
#error "this example needs lede 0.1.0 or later"
#endif

static int fail(const char *what, GError *error)
{
	fprintf(stderr, "api: %s: %s\n", what, error ? error->message : "failed");
	g_clear_error(&error);
	return 1;
}

/* Every byte still the 0xA5 it was filled with. */
static gboolean untouched(const void *p, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (((const unsigned char *)p)[i] != 0xA5)
			return FALSE;
	return TRUE;
}

/* Counts the bytes of the dump: a binding would hand them to its own
 * stream instead. */
static gboolean count_bytes(const char *data, gsize len, gpointer user_data, GError **error)
{
	(void)data;
	(void)error;
	*(gsize *)user_data += len;
	return TRUE;
}

int main(int argc, char **argv)
{
	GError *error = NULL;

	/* The header and the library loaded at run time must agree. */
	char *header =
	    g_strdup_printf("%d.%d.%d", LEDE_VERSION_MAJOR, LEDE_VERSION_MINOR, LEDE_VERSION_MICRO);
	if (strcmp(header, lede_version()) != 0) {
		fprintf(stderr, "api: built with lede.h %s, running with liblede %s\n", header,
		        lede_version());
		return 1;
	}
	g_free(header);

	/* A version the library does not know is refused before the struct
	 * is written: a caller built with a later header is not overrun. */
	lede_options opts;
	memset(&opts, 0xA5, sizeof opts);
	if (lede_options_init(&opts, LEDE_OPTIONS_VERSION + 1, &error) || !error)
		return fail("lede_options_init accepted an unknown version", NULL);
	g_clear_error(&error);
	if (!untouched(&opts, sizeof opts))
		return fail("lede_options_init wrote a struct it refused", NULL);
	lede_extract_options xopts;
	memset(&xopts, 0xA5, sizeof xopts);
	if (lede_extract_options_init(&xopts, LEDE_EXTRACT_OPTIONS_VERSION + 1, &error) || !error)
		return fail("lede_extract_options_init accepted an unknown version", NULL);
	g_clear_error(&error);
	if (!untouched(&xopts, sizeof xopts))
		return fail("lede_extract_options_init wrote a struct it refused", NULL);

	if (!lede_options_init(&opts, LEDE_OPTIONS_VERSION, &error))
		return fail("lede_options_init", error);
	opts.n_keyphrases = 3;

	char *text = NULL;
	gsize len = 0;
	if (argc > 1 && strcmp(argv[1], "-") != 0) {
		if (!g_file_get_contents(argv[1], &text, &len, &error))
			return fail(argv[1], error);
	} else {
		GString *in = g_string_new(NULL);
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
			g_string_append_len(in, chunk, (gssize)n);
		len = in->len;
		text = g_string_free(in, FALSE);
	}

	lede_model *model = lede_model_open_default(&error);
	if (!model)
		return fail("default model", error);
	/* The dump handed to a callback is the dump written to a FILE. */
	gsize counted = 0, string_len = 0;
	if (!lede_model_dump_to(model, LEDE_DUMP_TEXT, count_bytes, &counted, &error))
		return fail("lede_model_dump_to", error);
	char *dumped = lede_model_dump_to_string(model, LEDE_DUMP_TEXT, &string_len, &error);
	if (!dumped)
		return fail("lede_model_dump_to_string", error);
	if (counted != string_len || strlen(dumped) != string_len || counted == 0)
		return fail("the dump's forms differ in length", NULL);
	g_free(dumped);

	/* One summarizer per thread; the model may be shared. */
	lede_summarizer *sz = lede_summarizer_new(model, NULL, &error);
	if (!sz)
		return fail("summarizer", error);
	lede_doc *doc = lede_doc_new(text, len, &error);
	g_free(text);
	if (!doc)
		return fail("document", error);
	lede_summary *summary = lede_summarize(sz, doc, &opts, &error);
	if (!summary)
		return fail("summarize", error);

	char *rendered = lede_summary_to_text(summary);
	fputs(rendered, stdout);
	g_free(rendered);
	const char *doc_text = lede_doc_text(doc, NULL);
	for (gsize i = 0; i < lede_summary_n_sentences(summary); i++) {
		gsize start, end, k = lede_summary_sentence_index(summary, i);
		lede_doc_sentence(doc, k, &start, &end);
		printf("# sentence %zu, bytes %zu-%zu, score %.3f: %.*s\n", k, start, end,
		       lede_summary_sentence_score(summary, i), (int)(end - start),
		       doc_text + start);
	}
	for (gsize i = 0; i < lede_summary_n_keyphrases(summary); i++)
		printf("# keyphrase: %s\n", lede_summary_keyphrase(summary, i));

	lede_summary_free(summary);
	lede_doc_free(doc);
	lede_summarizer_free(sz);
	lede_model_free(model);
	return 0;
}
