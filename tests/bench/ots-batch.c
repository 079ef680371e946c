/* ots-batch: Open Text Summarizer over a JSON Lines file, in one process —
 * the comparison row of the batch benchmark (tests/bench/run.py).
 *
 *   ots-batch [-n LINES] [-p] FILE.jsonl
 *
 * For each line {"id", "text"}: a new OtsArticle, the "en" dictionary, parse,
 * grade, keep the best LINES sentences (default 3), render the text, free.
 * That is what `ots -l N` does for one file. Output goes to stdout: the
 * summaries as OTS renders them, or with -p one JSON object per line,
 * {"id": ..., "summary": "..."}, which `lede eval --predictions` reads.
 * Exit status: 0, 1 on a bad line or a missing dictionary, 2 on usage. */
#include <stdio.h> /* before libots.h, which uses FILE without it */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <ots/libots.h>

static int summarize_line(const char *line, size_t len, int lines, int predictions,
                          unsigned long lineno)
{
	cJSON *obj = cJSON_ParseWithLength(line, len);
	cJSON *text = obj ? cJSON_GetObjectItemCaseSensitive(obj, "text") : NULL;
	if (!cJSON_IsString(text)) {
		fprintf(stderr, "ots-batch: line %lu: no \"text\" string\n", lineno);
		cJSON_Delete(obj);
		return 1;
	}
	const unsigned char *t = (const unsigned char *)text->valuestring;
	OtsArticle *doc = ots_new_article();
	if (!ots_load_xml_dictionary(doc, (const unsigned char *)"en")) {
		fprintf(stderr, "ots-batch: cannot load the OTS \"en\" dictionary\n");
		ots_free_article(doc);
		cJSON_Delete(obj);
		return -1;
	}
	ots_parse_stream(t, strlen((const char *)t), doc);
	ots_grade_doc(doc);
	ots_highlight_doc_lines(doc, lines);
	size_t out_len = 0;
	unsigned char *out = ots_get_doc_text(doc, &out_len);
	if (predictions) {
		cJSON *p = cJSON_CreateObject();
		cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
		cJSON_AddItemToObject(p, "id",
		                      id ? cJSON_Duplicate(id, 1) : cJSON_CreateNumber(lineno));
		/* OTS keeps the article's own line breaks; the summary's sentences
		 * are what it selected, so fold them to one sentence a line. */
		char *s = g_strndup((const char *)out, out_len);
		g_strstrip(s);
		cJSON_AddStringToObject(p, "summary", s);
		g_free(s);
		char *js = cJSON_PrintUnformatted(p);
		fputs(js, stdout);
		fputc('\n', stdout);
		cJSON_free(js);
		cJSON_Delete(p);
	} else {
		fwrite(out, 1, out_len, stdout);
		fputc('\n', stdout);
	}
	g_free(out);
	ots_free_article(doc);
	cJSON_Delete(obj);
	return 0;
}

int main(int argc, char **argv)
{
	int lines = 3, predictions = 0;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			lines = atoi(argv[++i]);
		else if (strcmp(argv[i], "-p") == 0)
			predictions = 1;
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path || lines < 1) {
		fprintf(stderr, "usage: ots-batch [-n LINES] [-p] FILE.jsonl\n");
		return 2;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	int status = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0;
	while ((got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)got;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (!len)
			continue;
		int r = summarize_line(line, len, lines, predictions, lineno);
		if (r < 0) {
			status = 1;
			break;
		}
		if (r)
			status = 1;
	}
	free(line);
	fclose(f);
	return status;
}
