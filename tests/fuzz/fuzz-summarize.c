/* A fuzz target over the whole library path a document takes: any bytes as
 * a document (the first byte picks the options), split, tokenized, scored,
 * selected, given a kicker, a headline and keyphrases, and written as JSON
 * and as text, in the language identified or one forced (each pipeline of
 * src/lang/ and the generic one). One summarizer serves every input, as in a long --jsonl run,
 * so its caches, trims and scratch memory are exercised across inputs.
 *
 * What must hold for any input, besides no sanitizer report: the summary's
 * sentences are sentences of the document, in document order; the kicker
 * and the headline are valid UTF-8 within their byte limits; the JSON parses
 * back. Built for libFuzzer with -Dfuzz=true (clang); fuzz-replay runs it
 * over the seed corpus and generated inputs in the unit suite. */
#include "lede.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static lede_summarizer *summarizer(void)
{
	static lede_model *model;
	static lede_summarizer *sz;
	if (!sz) {
		GError *error = NULL;
		model = lede_model_open_default(&error);
		if (model)
			sz = lede_summarizer_new(model, NULL, &error);
		if (!sz) {
			fprintf(stderr, "fuzz: %s\n", error ? error->message : "no summarizer");
			abort();
		}
	}
	return sz;
}

static void check(gboolean ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	guint8 pick = data[0];
	const char *text = (const char *)data + 1;
	gsize len = size - 1;

	/* The language, from the input's length (the first byte is full):
	 * identified, or forced to each pipeline (src/lang/) and to one lede
	 * has none for. */
	static const char *const langs[] = {"auto", "auto", "en", "fr", "de",
	                                    "ar",   "ja",   "id", "zh", "xx"};
	GError *error = NULL;
	lede_doc *doc = lede_doc_new_lang(text, len, langs[size % G_N_ELEMENTS(langs)], &error);
	if (!doc) {
		check(error != NULL, "lede_doc_new failed without an error");
		g_error_free(error);
		return 0;
	}
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	static const lede_limit limits[] = {LEDE_LIMIT_SENTENCES, LEDE_LIMIT_WORDS,
	                                    LEDE_LIMIT_CHARS, LEDE_LIMIT_RATIO};
	static const unsigned values[] = {1, 3, 40, 0};
	o.limit = limits[pick & 3];
	o.limit_value = values[(pick >> 2) & 3] + (o.limit == LEDE_LIMIT_SENTENCES ? 0 : 10);
	o.n_keyphrases = (pick >> 4) & 3 ? 1u << ((pick >> 4) & 3) : 0; /* 0, 2, 4 or 8 */
	o.explain = (pick & 0x40) != 0;
	o.headline_max = pick & 0x80 ? 20 : 75;

	lede_summary *s = lede_summarize(summarizer(), doc, &o, &error);
	if (!s) {
		check(error != NULL, "lede_summarize failed without an error");
		g_error_free(error);
		lede_doc_free(doc);
		return 0;
	}
	gsize n = lede_doc_n_sentences(doc);
	for (gsize i = 0; i < lede_summary_n_sentences(s); i++) {
		gsize k = lede_summary_sentence_index(s, i);
		check(k < n, "a summary sentence beyond the document's");
		check(i == 0 || k > lede_summary_sentence_index(s, i - 1),
		      "summary sentences out of document order");
	}
	const char *kicker = lede_summary_kicker(s), *headline = lede_summary_headline(s);
	check(!kicker || g_utf8_validate(kicker, -1, NULL), "kicker not UTF-8");
	check(!headline || g_utf8_validate(headline, -1, NULL), "headline not UTF-8");
	check(!headline || strlen(headline) <= o.headline_max, "headline over its limit");
	for (gsize i = 0; i < lede_summary_n_keyphrases(s); i++)
		check(g_utf8_validate(lede_summary_keyphrase(s, i), -1, NULL),
		      "keyphrase not UTF-8");

	char *json = lede_summary_to_json(s, "1", (pick & 0x20) != 0);
	cJSON *back = cJSON_Parse(json);
	check(back != NULL && cJSON_IsObject(back), "JSON output does not parse");
	cJSON_Delete(back);
	g_free(json);
	char *plain = lede_summary_to_text(s);
	check(g_utf8_validate(plain, -1, NULL), "text output not UTF-8");
	g_free(plain);
	lede_summary_free(s);
	lede_doc_free(doc);
	return 0;
}
