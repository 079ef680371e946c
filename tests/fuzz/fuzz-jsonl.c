/* A fuzz target over JSON Lines as the CLI reads it (lede_jsonl_foreach,
 * lede_jsonl_id_json: `lede --jsonl`'s ids, lede eval, the digest's records) and as
 * `lede corpus build` reads it (lede_jsonl_texts).
 *
 * What must hold for any input: records come with increasing line numbers
 * within the input's lines, an object or a reason; a record's id is one
 * JSON value, the text of its "id", or its line number; and the two readers
 * agree: corpus build takes a file exactly when every record has a "text"
 * string, and then the same texts in the same order. The long "text" and
 * "html" strings are decoded by lede, not cJSON: where lede takes a line,
 * cJSON takes it too and reads the same strings; lede_jsonl_parse_text
 * (which leaves the others empty) takes the same lines and texts. The
 * library's lede_jsonl_reader gives a record for the same lines, each with
 * a text or a reason, and an id that is one JSON value. */
#include "cli.h"
#include "fuzz.h"
#include "lede-private.h"

#include <math.h>

typedef struct {
	guint lines;     /* in the input */
	guint last;      /* line number of the previous record */
	GArray *linenos; /* of every record */
	GPtrArray *texts;
	gboolean all_texts; /* every record so far is an object with a "text" string */
} Seen;

/* An infinite number (1e999) anywhere in an id is kept as its text, which
 * cJSON reads as inf and cJSON_Compare never finds equal to itself: such ids
 * are checked against their text only. cJSON stops nesting at 1000 levels,
 * which bounds the recursion. */
static gboolean has_infinity(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return isinf(v->valuedouble);
	for (const cJSON *c = v->child; c; c = c->next)
		if (has_infinity(c))
			return TRUE;
	return FALSE;
}

static gboolean on_record(const LedeJsonlRecord *rec, void *user)
{
	Seen *s = user;
	cJSON *obj = rec->obj;
	guint lineno = rec->lineno;
	const char *parse_error = rec->error;
	fuzz_check(lineno > s->last && lineno <= s->lines, "a line number out of order or range");
	s->last = lineno;
	g_array_append_val(s->linenos, lineno);
	fuzz_check((obj == NULL) != (parse_error == NULL),
	           "neither or both of a record and a reason");
	if (!obj) {
		s->all_texts = FALSE;
		return TRUE;
	}
	fuzz_check(cJSON_IsObject(obj), "a record that is not an object");
	cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
	if (cJSON_IsString(text) && !rec->text_nul)
		g_ptr_array_add(s->texts, g_strdup(text->valuestring));
	else
		s->all_texts = FALSE;

	char *id = lede_jsonl_id_json(rec);
	cJSON *back = fuzz_json_parse(id);
	fuzz_check(back != NULL, "an id that is not one JSON value");
	cJSON *given = cJSON_GetObjectItemCaseSensitive(obj, "id");
	if (!given) {
		char *n = g_strdup_printf("%u", lineno);
		fuzz_check(strcmp(id, n) == 0, "a record without an id not keyed by its line");
		g_free(n);
	} else {
		fuzz_check(rec->id && strcmp(id, rec->id) == 0,
		           "an id that is not the record's text");
		if (!has_infinity(given))
			fuzz_check(cJSON_Compare(back, given, TRUE),
			           "an id that is not the record's");
	}
	cJSON_Delete(back);
	g_free(id);
	return TRUE;
}

typedef struct {
	GPtrArray *texts;
	guint next;
} Match;

static void on_text(const char *text, gsize len, void *user)
{
	Match *m = user;
	fuzz_check(m->next < m->texts->len, "corpus build read more texts than the CLI");
	const char *cli = m->texts->pdata[m->next++];
	fuzz_check(strlen(cli) == len && memcmp(cli, text, len) == 0,
	           "corpus build read another text than the CLI");
}

/* lede's record of each line against cJSON's own reading of it. */
static void same_as_cjson(const char *text, gsize size)
{
	for (const char *p = text, *end = text + size; p < end;) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		const char *eol = nl ? nl : end;
		LedeJsonlRecord rec;
		lede_jsonl_parse(p, (gsize)(eol - p), 1, &rec);
		cJSON *theirs = rec.obj ? cJSON_ParseWithLength(p, (size_t)(eol - p)) : NULL;
		fuzz_check(!rec.obj || cJSON_IsObject(theirs),
		           "a line lede takes and cJSON does not");
		for (int x = 0; rec.obj && x < 2; x++) {
			const char *key = x ? "html" : "text";
			cJSON *a = cJSON_GetObjectItemCaseSensitive(rec.obj, key);
			cJSON *b = cJSON_GetObjectItemCaseSensitive(theirs, key);
			fuzz_check(cJSON_IsString(a) == cJSON_IsString(b),
			           "a string lede reads and cJSON not");
			if (cJSON_IsString(a) && !(x ? rec.html_nul : rec.text_nul))
				fuzz_check(strcmp(a->valuestring, b->valuestring) == 0,
				           "a string lede decodes otherwise than cJSON");
		}
		cJSON_Delete(theirs);
		/* the reader of texts only takes the same lines, the same way */
		LedeJsonlRecord t;
		lede_jsonl_parse_text(p, (gsize)(eol - p), 1, &t);
		fuzz_check((t.obj == NULL) == (rec.obj == NULL) &&
		               g_strcmp0(t.error, rec.error) == 0 && g_strcmp0(t.id, rec.id) == 0 &&
		               t.text_nul == rec.text_nul && t.html_nul == rec.html_nul,
		           "the reader of texts takes a line otherwise");
		for (int x = 0; rec.obj && x < 2; x++) {
			const char *key = x ? "html" : "text";
			cJSON *a = cJSON_GetObjectItemCaseSensitive(rec.obj, key);
			cJSON *b = cJSON_GetObjectItemCaseSensitive(t.obj, key);
			fuzz_check(
			    cJSON_IsString(a) == cJSON_IsString(b) &&
			        (!cJSON_IsString(a) || strcmp(a->valuestring, b->valuestring) == 0),
			    "the reader of texts reads another text");
		}
		lede_jsonl_record_clear(&t);
		lede_jsonl_record_clear(&rec);
		p = eol + 1;
	}
}

/* The library's reader: the lines the CLI's gives records for, in order. */
static void same_as_reader(const char *text, gsize size, const GArray *linenos)
{
	lede_jsonl_reader *r = lede_jsonl_reader_new(text, size, 1);
	lede_jsonl_record rec;
	guint k = 0;
	while (lede_jsonl_reader_next(r, &rec)) {
		fuzz_check(k < linenos->len && rec.lineno == g_array_index(linenos, guint, k),
		           "the library's reader gives a record for another line");
		k++;
		fuzz_check((rec.text == NULL) == (rec.error != NULL),
		           "a reader's record with neither or both of a text and a reason");
		fuzz_check(!rec.text || rec.text[rec.text_len] == '\0',
		           "a reader's text without its NUL");
		cJSON *id = fuzz_json_parse(rec.id_json);
		fuzz_check(id != NULL, "a reader's id that is not one JSON value");
		cJSON_Delete(id);
	}
	fuzz_check(k == linenos->len, "the library's reader gives fewer records");
	lede_jsonl_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	Seen s = {1, 0, g_array_new(FALSE, FALSE, sizeof(guint)),
	          g_ptr_array_new_with_free_func(g_free), TRUE};
	for (gsize i = 0; i < size; i++)
		s.lines += text[i] == '\n';
	lede_jsonl_foreach(text, size, on_record, &s);
	same_as_cjson(text, size);
	same_as_reader(text, size, s.linenos);

	Match m = {s.texts, 0};
	GError *error = NULL;
	gboolean ok = lede_jsonl_texts(text, size, on_text, &m, &error);
	fuzz_check(ok == s.all_texts, "corpus build and the CLI disagree on a file");
	fuzz_check(ok == (error == NULL), "lede_jsonl_texts's result and error disagree");
	fuzz_check(!ok || m.next == s.texts->len, "corpus build read fewer texts than the CLI");
	g_clear_error(&error);
	g_ptr_array_free(s.texts, TRUE);
	g_array_free(s.linenos, TRUE);
	return 0;
}
