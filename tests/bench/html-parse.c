/* The floor under `lede --extract`: the same pages read the same way (JSON
 * Lines, each record's "html" decoded to UTF-8 as charset.c does) and
 * parsed into a tree by lede's own parser (html.c: libxml2, no network),
 * then freed, with no extraction. extract-bench.py times it beside
 * `lede --extract --jsonl -j 1`, whose own cost on top is the difference.
 *
 * usage: html-parse PAGES.jsonl    prints "pages N parsed M" */
#include "lede-private.h"

#include "html-private.h"

#include <cjson/cJSON.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: html-parse PAGES.jsonl\n");
		return 2;
	}
	GError *error = NULL;
	char *all;
	gsize len;
	if (!g_file_get_contents(argv[1], &all, &len, &error) || !lede_html_init(&error)) {
		fprintf(stderr, "html-parse: %s: %s\n", argv[1], error->message);
		return 1;
	}
	gsize pages = 0, parsed = 0;
	for (char *line = all, *end; line < all + len; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			end = all + len;
		*end = '\0';
		cJSON *rec = cJSON_Parse(line);
		const cJSON *html = cJSON_GetObjectItemCaseSensitive(rec, "html");
		if (cJSON_IsString(html)) {
			gsize n;
			char *utf8 =
			    lede_html_decode(html->valuestring, strlen(html->valuestring), &n);
			xmlDoc *doc = NULL;
			if (n > G_MAXINT)
				g_free(utf8);
			else if (lede_html_parse(utf8, (int)n, "UTF-8", utf8, &doc, NULL) && doc) {
				parsed++;
				xmlFreeDoc(doc);
			}
			pages++;
		}
		cJSON_Delete(rec);
	}
	g_free(all);
	printf("pages %zu parsed %zu\n", pages, parsed);
	return 0;
}
