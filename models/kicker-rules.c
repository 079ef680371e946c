/* lede-kicker-rules: the kickers of a data set with some of kicker.c's rules
 * switched off, for the ablation in models/README-kicker.md.
 *
 *   lede-kicker-rules OFF DATASET.jsonl > PRED.jsonl
 *
 * OFF is the bit mask of rules to switch off (0: lede's own kickers; see
 * the KR_* bits in src/kicker.c). Reads {"id","text"} lines, writes
 * {"id","kicker"} lines in order, for ../shared/tools/kicker_eval.py.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "lede-private.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: lede-kicker-rules OFF DATASET.jsonl\n");
		return 2;
	}
	lede_kicker_rules_off = (guint)strtoul(argv[1], NULL, 0);
	GError *error = NULL;
	char *data;
	gsize len;
	if (!g_file_get_contents(argv[2], &data, &len, &error)) {
		fprintf(stderr, "lede-kicker-rules: %s\n", error->message);
		return 1;
	}
	lede_model *model = lede_model_open_default(&error);
	lede_summarizer *sz = model ? lede_summarizer_new(model, NULL, &error) : NULL;
	if (!sz) {
		fprintf(stderr, "lede-kicker-rules: %s\n", error->message);
		return 1;
	}
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.want_headline = FALSE;
	int rc = 0;
	char **lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l)
			continue;
		cJSON *item = cJSON_Parse(*l);
		cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
		cJSON *text = cJSON_GetObjectItemCaseSensitive(item, "text");
		if (!cJSON_IsString(id) || !cJSON_IsString(text)) {
			fprintf(stderr, "lede-kicker-rules: %s: a line without id or text\n",
			        argv[2]);
			cJSON_Delete(item);
			rc = 1;
			continue;
		}
		lede_doc *d = lede_doc_new(text->valuestring, strlen(text->valuestring), &error);
		lede_summary *r = d ? lede_summarize(sz, d, &o, &error) : NULL;
		if (!r) {
			fprintf(stderr, "lede-kicker-rules: %s: %s\n", id->valuestring,
			        error->message);
			g_clear_error(&error);
			rc = 1;
		} else {
			cJSON *out = cJSON_CreateObject();
			cJSON_AddStringToObject(out, "id", id->valuestring);
			const char *k = lede_summary_kicker(r);
			cJSON_AddItemToObject(out, "kicker",
			                      k ? cJSON_CreateString(k) : cJSON_CreateNull());
			char *s = cJSON_PrintUnformatted(out);
			puts(s);
			cJSON_free(s);
			cJSON_Delete(out);
		}
		lede_summary_free(r);
		lede_doc_free(d);
		cJSON_Delete(item);
	}
	g_strfreev(lines);
	g_free(data);
	lede_summarizer_free(sz);
	lede_model_free(model);
	return rc;
}
