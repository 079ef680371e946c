/* A fuzz target over the --weights reader (score.c's parse_weights, through
 * lede_summarizer_new): any bytes as a weights file. Weights that load must
 * give a summarizer that summarizes a fixed article under every limit kind:
 * sentences of the article, in its order, within the sentence limit, and a
 * JSON output that parses; whatever numbers the file holds. */
#include "fuzz.h"
#include "lede.h"

#include <cjson/cJSON.h>

static const char article[] =
    "The city council approved the new budget on Tuesday after a long debate.\n\n"
    "The plan adds money for schools, roads and the fire service, officials said.\n\n"
    "Critics said the increase was too small. \"It is not enough,\" one member said.\n\n"
    "The mayor said the vote was a win for residents. By Jane Doe.\n\n"
    "The budget takes effect in July. The council meets again next month.";

static const lede_model *model(void)
{
	static lede_model *m;
	if (!m) {
		GError *error = NULL;
		m = lede_model_open_default(&error);
		fuzz_check(m != NULL, "no built-in model");
	}
	return m;
}

static void summarize(lede_summarizer *sz, const lede_doc *doc, lede_limit limit, unsigned value)
{
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.limit = limit;
	o.limit_value = value;
	o.n_keyphrases = 3;
	GError *error = NULL;
	lede_summary *s = lede_summarize(sz, doc, &o, &error);
	if (!s) {
		fuzz_check(error != NULL, "lede_summarize failed without an error");
		g_error_free(error);
		return;
	}
	gsize n = lede_doc_n_sentences(doc), k = lede_summary_n_sentences(s);
	fuzz_check(limit != LEDE_LIMIT_SENTENCES || k <= value, "more sentences than asked");
	for (gsize i = 0; i < k; i++) {
		gsize at = lede_summary_sentence_index(s, i);
		fuzz_check(at < n, "a summary sentence beyond the document's");
		fuzz_check(i == 0 || at > lede_summary_sentence_index(s, i - 1),
		           "summary sentences out of document order");
	}
	char *json = lede_summary_to_json(s, "1", FALSE);
	cJSON *back = fuzz_json_parse(json);
	fuzz_check(cJSON_IsObject(back), "JSON output does not parse");
	cJSON_Delete(back);
	g_free(json);
	lede_summary_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lede_doc *doc;
	GError *error = NULL;
	if (!doc) {
		doc = lede_doc_new(article, sizeof article - 1, &error);
		fuzz_check(doc != NULL, "the article was refused");
	}
	lede_summarizer *sz = lede_summarizer_new(model(), fuzz_file(0, data, size), &error);
	if (!sz) {
		fuzz_check(error != NULL, "weights refused without an error");
		g_error_free(error);
		return 0;
	}
	summarize(sz, doc, LEDE_LIMIT_SENTENCES, 2);
	summarize(sz, doc, LEDE_LIMIT_WORDS, 30);
	summarize(sz, doc, LEDE_LIMIT_RATIO, 50);
	lede_summarizer_free(sz);
	return 0;
}
