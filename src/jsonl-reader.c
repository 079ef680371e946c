/* lede_jsonl_reader: JSON Lines records as lede --jsonl reads them
 * (src/cli/main.c, run_job), for callers of the library that summarize
 * JSON Lines themselves: the Python module's lede.read_jsonl. */
#include "file-io.h"
#include "jsonl.h"
#include "lede.h"

#include <string.h>

struct lede_jsonl_reader {
	const char *p, *end;
	guint lineno; /* of the line before p */
	gsize limit;  /* lede_input_limit() */
	LedeJsonlRecord rec;
	char *id;
};

lede_jsonl_reader *lede_jsonl_reader_new(const char *data, gsize len, guint first_lineno)
{
	lede_jsonl_reader *r = g_new0(lede_jsonl_reader, 1);
	r->p = data;
	r->end = data + len;
	r->lineno = first_lineno ? first_lineno - 1 : 0;
	r->limit = lede_input_limit();
	return r;
}

static void reader_clear(lede_jsonl_reader *r)
{
	lede_jsonl_record_clear(&r->rec);
	g_clear_pointer(&r->id, g_free);
}

void lede_jsonl_reader_free(lede_jsonl_reader *reader)
{
	if (!reader)
		return;
	reader_clear(reader);
	g_free(reader);
}

gboolean lede_jsonl_reader_next(lede_jsonl_reader *r, lede_jsonl_record *out)
{
	reader_clear(r);
	memset(out, 0, sizeof *out);
	while (r->p < r->end) {
		const char *line = r->p;
		const char *nl = memchr(line, '\n', (gsize)(r->end - line));
		const char *eol = nl ? nl : r->end;
		r->p = nl ? nl + 1 : r->end;
		r->lineno++;
		gsize len = (gsize)(eol - line);
		if (len > r->limit) {
			r->rec.lineno = r->lineno;
			out->error = "line too long / out of memory";
		} else {
			while (len && line[len - 1] == '\r')
				len--;
			gsize k = 0;
			while (k < len && g_ascii_isspace(line[k]))
				k++;
			if (k == len)
				continue;
			lede_jsonl_parse_text(line, len, r->lineno, &r->rec);
			out->error =
			    lede_jsonl_record_text(&r->rec, &out->text, &out->text_len, &out->html);
		}
		r->id = lede_jsonl_id_json(&r->rec);
		out->lineno = r->lineno;
		out->id_json = r->id;
		return TRUE;
	}
	out->lineno = r->lineno;
	return FALSE;
}
