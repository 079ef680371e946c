/* The summary object and its renderings (JSON through cJSON, plain text). */
#include "score.h"
#include "lang/lang.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>

typedef struct {
	gsize index, start, end;
	gsize from; /* where its text is shown from: after an editor's label */
	double score;
} Picked;

typedef struct {
	gsize start, end;
	double score;
	gboolean selected;
	double feat[LEDE_N_FEATURES];
} Explained;

struct lede_summary {
	const lede_doc *doc;
	lede_doc *own_doc; /* doc, when lede_summarize_text made it */
	GArray *picked;    /* Picked, document order */
	GArray *explained; /* Explained for every sentence, or NULL */
	char *kicker;
	const char *kicker_source; /* "article", "generated" or NULL (no kicker) */
	char *title;               /* the copy's own title line, or NULL */
	char *headline;
	GPtrArray *keyphrases;
	const char *lang;      /* ISO 639-1 (interned), NULL: not identified */
	gboolean document_idf; /* no background model for the language */
	gboolean cjk_colon;    /* the kicker is followed by the full-width colon */
};

/* The headline without the editor's label it may open with ("LIP SERVICE:
 * Rights advocates ...": the label is the kicker already). */
static void drop_label(char **headline, const char *label)
{
	gsize n = strlen(label);
	char *h = *headline;
	if (!h || strncmp(h, label, n) != 0 || h[n] != ':')
		return;
	const char *rest = h + n + 1;
	while (*rest == ' ')
		rest++;
	if (!*rest)
		return; /* nothing else: keep what there is */
	char *r = g_strdup(rest);
	g_free(h);
	*headline = r;
}

lede_summary *lede_summarize(lede_summarizer *sz, const lede_doc *doc, const lede_options *o,
                             GError **error)
{
	lede_options defaults;
	if (!o) {
		lede_options_init(&defaults, LEDE_OPTIONS_VERSION, NULL);
		o = &defaults;
	}
	/* Version 1 is version 2 without lang at its end. */
	if (o->version != LEDE_OPTIONS_VERSION && o->version != 1) {
		g_set_error(
		    error, LEDE_ERROR, LEDE_ERROR_INVALID,
		    "lede_options version %u, this library knows %u (call lede_options_init)",
		    o->version, LEDE_OPTIONS_VERSION);
		return NULL;
	}
	LedeAnalysis *a = lede_analyse(sz, doc, o);
	lede_summary *r = g_new0(lede_summary, 1);
	r->doc = doc;
	/* The language the text is in, identified or forced, even where lede
	 * has no pipeline for it and used the generic one. */
	const char *forced =
	    o->version >= 2 && o->lang && strcmp(o->lang, "auto") != 0 ? o->lang : NULL;
	r->lang = forced ? g_intern_string(forced) : lede_doc_lang(doc);
	r->document_idf = a->model == NULL;
	r->picked = g_array_new(FALSE, FALSE, sizeof(Picked));
	for (guint k = 0; k < a->n_selected; k++) {
		const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, a->selected[k]);
		Picked p = {a->selected[k], s->start, s->end, s->start, s->score};
		g_array_append_val(r->picked, p);
	}
	if (o->explain) {
		r->explained =
		    g_array_sized_new(FALSE, FALSE, sizeof(Explained), a->sentences->len);
		guint k = 0;
		for (guint i = 0; i < a->sentences->len; i++) {
			const LedeSentence *s = &g_array_index(a->sentences, LedeSentence, i);
			Explained e = {s->start, s->end, s->score, FALSE, {0}};
			while (k < a->n_selected && a->selected[k] < i)
				k++;
			e.selected = k < a->n_selected && a->selected[k] == i;
			memcpy(e.feat, s->feat, sizeof e.feat);
			g_array_append_val(r->explained, e);
		}
	}
	r->keyphrases = g_ptr_array_new_with_free_func(g_free);
	/* One keyphrase pass serves the kicker, the headline's topics and the
	 * list asked for: a shorter list than the headline takes would make it
	 * count the article's phrases again. */
	guint want = MAX(o->n_keyphrases, o->want_kicker ? 1u : 0u);
	want = MAX(want, o->want_headline ? (guint)LEDE_HEADLINE_TOPICS : 0u);
	/* Copy that carries its editor's kicker keeps it: it is the kicker,
	 * and no summary line or headline repeats it. */
	LedeEditorial ed;
	lede_find_editorial(a, &ed);
	gboolean has_label = ed.label_end > ed.label_start;
	if (ed.title_end > ed.title_start)
		r->title = g_strndup(a->text + ed.title_start, ed.title_end - ed.title_start);
	if (has_label) {
		for (guint k = 0; k < r->picked->len; k++) {
			Picked *p = &g_array_index(r->picked, Picked, k);
			if (p->start <= ed.label_start && ed.deck_start < p->end)
				p->from = ed.deck_start;
		}
	}
	gboolean generate = o->want_kicker && !has_label;
	const LedeLang *lang = lede_analysis_lang(a);
	r->cjk_colon = lang->cjk;
	if ((want || generate) && a->sentences->len && lang->english_rules) {
		lede_keyphrases_kicker(a, want, r->keyphrases, generate ? &r->kicker : NULL);
	} else if ((want || generate) && a->sentences->len) {
		lede_keyphrases_kicker(a, MAX(want, 1u), r->keyphrases, NULL);
		if (generate && r->keyphrases->len) {
			r->kicker = lede_kicker_plain(g_ptr_array_index(r->keyphrases, 0), lang);
		}
		/* Keyphrases are found among spaced words: unspaced text has
		 * labels of its own. */
		else if (generate && lang->cjk) {
			char *label = lede_cjk_label(a);
			r->kicker = lede_kicker_plain(label, lang);
			g_free(label);
		}
	}
	if (o->want_kicker && has_label) {
		r->kicker = g_strndup(a->text + ed.label_start, ed.label_end - ed.label_start);
		r->kicker_source = "article";
	} else if (r->kicker) {
		r->kicker_source = "generated";
	}
	if (o->want_headline && a->sentences->len) {
		guint max = o->headline_max ? o->headline_max : lang->headline_max;
		r->headline = lang->english_rules ? lede_headline(a, max, r->keyphrases)
		                                  : lede_headline_plain(a, max);
		if (has_label) {
			char *label =
			    g_strndup(a->text + ed.label_start, ed.label_end - ed.label_start);
			drop_label(&r->headline, label);
			g_free(label);
		}
	}
	if (r->keyphrases->len > o->n_keyphrases)
		g_ptr_array_set_size(r->keyphrases, o->n_keyphrases);
	lede_analysis_free(a);
	return r;
}

void lede_summary_free(lede_summary *r)
{
	if (!r)
		return;
	g_array_free(r->picked, TRUE);
	if (r->explained)
		g_array_free(r->explained, TRUE);
	g_ptr_array_free(r->keyphrases, TRUE);
	g_free(r->kicker);
	g_free(r->title);
	g_free(r->headline);
	lede_doc_free(r->own_doc);
	g_free(r);
}

lede_summary *lede_summarize_text(lede_summarizer *sz, const char *text, gsize len,
                                  const lede_options *o, GError **error)
{
	lede_doc *doc = lede_doc_new(text, len, error);
	if (!doc)
		return NULL;
	lede_summary *r = lede_summarize(sz, doc, o, error);
	if (!r) {
		lede_doc_free(doc);
		return NULL;
	}
	r->own_doc = doc;
	return r;
}

const lede_doc *lede_summary_doc(const lede_summary *r)
{
	return r->doc;
}

gsize lede_summary_n_sentences(const lede_summary *r)
{
	return r->picked->len;
}

gsize lede_summary_sentence_index(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->picked->len, 0);
	return g_array_index(r->picked, Picked, i).index;
}

double lede_summary_sentence_score(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->picked->len, 0.0);
	return g_array_index(r->picked, Picked, i).score;
}

const char *lede_summary_kicker(const lede_summary *r)
{
	return r->kicker;
}

const char *lede_summary_headline(const lede_summary *r)
{
	return r->headline;
}

const char *lede_summary_lang(const lede_summary *r)
{
	return r->lang;
}

gsize lede_summary_n_keyphrases(const lede_summary *r)
{
	return r->keyphrases->len;
}

const char *lede_summary_keyphrase(const lede_summary *r, gsize i)
{
	g_return_val_if_fail(i < r->keyphrases->len, NULL);
	return g_ptr_array_index(r->keyphrases, i);
}

/* A sentence as one line: runs of white space that hold a line break (a
 * hard-wrapped sentence) become one space. Appends p[0..len) so folded to
 * the `at` bytes out holds (the blanks a line break follows are trimmed off
 * them) and returns the new length; out has room for at + len bytes, as
 * folding never lengthens. */
static gsize fold_into(char *out, gsize at, const char *p, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		if (p[i] == '\n' || p[i] == '\r') {
			while (at && (out[at - 1] == ' ' || out[at - 1] == '\t'))
				at--;
			while (i + 1 < len && g_ascii_isspace(p[i + 1]))
				i++;
			out[at++] = ' ';
			continue;
		}
		/* Most sentences have no line break: copy up to the next one whole. */
		const char *nl = memchr(p + i, '\n', len - i), *cr = memchr(p + i, '\r', len - i);
		gsize run = MIN(nl ? (gsize)(nl - p) : len, cr ? (gsize)(cr - p) : len);
		memcpy(out + at, p + i, run - i);
		at += run - i;
		i = run - 1;
	}
	return at;
}

static void append_folded(GString *g, const char *p, gsize len)
{
	gsize at = g->len;
	g_string_set_size(g, at + len);
	g_string_truncate(g, fold_into(g->str, at, p, len));
}

/* Numbers go out as raw JSON formatted here: cJSON prints every double with
 * "%1.15g" and reads it back with sscanf to check the round trip, which was
 * a tenth of a batch run. The text is the same as cJSON's. */

/* Room for a number's text: a guint64 has at most 20 digits, a number
 * format_number writes at most 17 bytes ("-999999999.999999"); and the NUL. */
#define NUMBER_TEXT 24

/* Writes the decimal digits of v just before end; returns where they start. */
static char *digits_before(char *end, guint64 v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* x rounded to six decimals, and its JSON text written just before the NUL
 * at end (a buffer of NUMBER_TEXT bytes); NULL when cJSON must format the
 * number itself. */
static const char *format_number(double x, double *rounded, char *end)
{
	/* Six decimals keep the output byte-identical across platforms whose
	 * last-bit floating point results could differ. */
	double r = round(x * 1e6), v = r / 1e6;
	*rounded = v;
	/* Outside this range "%g" switches to exponents: leave those to cJSON. */
	if (!isfinite(v) || fabs(v) >= 1e9 || (v != 0.0 && fabs(v) < 1e-4))
		return NULL;
	/* v has at most 15 significant digits, all of them in r / 10^6, so
	 * "%1.15g" prints exactly that decimal without its trailing zeros. (r
	 * is the integer v * 1e6 rounds back to: below 1e15, the two roundings
	 * between them are off by less than a half.) */
	guint64 m = (guint64)fabs(r);
	char *p = end;
	*p = '\0';
	guint64 frac = m % 1000000;
	if (frac) {
		int places = 6;
		for (; frac % 10 == 0; frac /= 10)
			places--;
		for (; places > 0; places--, frac /= 10)
			*--p = (char)('0' + frac % 10);
		*--p = '.';
	}
	p = digits_before(p, m / 1000000);
	if (signbit(v)) /* cJSON prints a negative zero as "-0" */
		*--p = '-';
	return p;
}

cJSON *lede_json_number(double x)
{
	char buf[NUMBER_TEXT];
	double v;
	const char *text = format_number(x, &v, buf + sizeof buf - 1);
	return text ? cJSON_CreateRaw(text) : cJSON_CreateNumber(v);
}

/* The JSON tree of a summary. cJSON writes the text, its syntax and its
 * string escapes, from a tree built here without cJSON's allocations: each
 * cJSON_Create... was a malloc for the node and one for a copy of its text,
 * and cJSON_Delete a free for each, a third of the rendering. The nodes come
 * from one block, and the texts they point to are the summary's own (kicker,
 * headline, keyphrases), the caller's (id) or written after the nodes in the
 * same block (numbers, folded sentences). cJSON_AddItemTo... only links
 * nodes and cJSON_Print only reads them, so the tree goes with its block:
 * it must never reach cJSON_Delete. */
typedef struct {
	cJSON *node, *nodes_end; /* the next free node */
	char *text, *text_end;   /* the next free byte */
	gsize texts_len;         /* the length of the nodes' texts, all told */
} Tree;

static cJSON *new_node(Tree *t, int type)
{
	g_assert(t->node < t->nodes_end);
	cJSON *n = t->node++;
	*n = (cJSON){.type = type};
	return n;
}

/* A string (or raw JSON) node for text[0..len), which ends with a NUL
 * and outlives the tree. It is a reference, as cJSON_CreateStringReference
 * makes: cJSON does not own it. */
static cJSON *text_node(Tree *t, int type, const char *text, gsize len)
{
	cJSON *n = new_node(t, type | cJSON_IsReference);
	n->valuestring = (char *)text;
	t->texts_len += len;
	return n;
}

static cJSON *string(Tree *t, const char *s)
{
	return text_node(t, cJSON_String, s, strlen(s));
}

static cJSON *string_or_null(Tree *t, const char *s)
{
	return s ? string(t, s) : new_node(t, cJSON_NULL);
}

/* Room in the tree's text for len bytes and a NUL. */
static char *text_room(Tree *t, gsize len)
{
	g_assert(len < (gsize)(t->text_end - t->text));
	return t->text;
}

static cJSON *integer(Tree *t, guint64 v)
{
	char *end = text_room(t, NUMBER_TEXT - 1) + NUMBER_TEXT - 1;
	*end = '\0';
	const char *p = digits_before(end, v);
	t->text = end + 1;
	return text_node(t, cJSON_Raw, p, (gsize)(end - p));
}

static cJSON *number(Tree *t, double x)
{
	char *end = text_room(t, NUMBER_TEXT - 1) + NUMBER_TEXT - 1;
	double v;
	const char *p = format_number(x, &v, end);
	if (!p) {
		cJSON *n = new_node(t, cJSON_Number);
		cJSON_SetNumberValue(n, v);
		t->texts_len += NUMBER_TEXT; /* what cJSON may print for it */
		return n;
	}
	t->text = end + 1;
	return text_node(t, cJSON_Raw, p, (gsize)(end - p));
}

static cJSON *sentence(Tree *t, const lede_summary *r, gsize start, gsize end)
{
	const char *text = lede_doc_text(r->doc, NULL);
	char *s = text_room(t, end - start);
	gsize len = fold_into(s, 0, text + start, end - start);
	s[len] = '\0';
	t->text = s + len + 1;
	return text_node(t, cJSON_String, s, len);
}

static cJSON *boolean(Tree *t, gboolean b)
{
	return new_node(t, b ? cJSON_True : cJSON_False);
}

/* The bytes a node's key (the longest is ten) and punctuation take at most:
 * room to print into, not a limit. */
#define JSON_NODE_SYNTAX 32

/* Adds item under key, which is a string literal (or a feature name, as
 * lasting): cJSON keeps the pointer, no copy of its own. */
static cJSON *add(cJSON *object, const char *key, cJSON *item)
{
	cJSON_AddItemToObjectCS(object, key, item);
	return item;
}

/* The compact JSON as it is written: GString's appends, a call each, were
 * a third of the writing. */
typedef struct {
	char *buf;
	gsize len, cap;
} Out;

static void out_grow(Out *o, gsize n)
{
	o->cap = MAX(o->len + n + 1, 2 * o->cap);
	o->buf = g_realloc(o->buf, o->cap);
}

static inline void out_put(Out *o, const char *p, gsize n)
{
	if (o->len + n >= o->cap)
		out_grow(o, n);
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static inline void out_c(Out *o, char c)
{
	if (o->len + 1 >= o->cap)
		out_grow(o, 1);
	o->buf[o->len++] = c;
}

/* s as a JSON string, escaped as cJSON escapes it: the two that must be,
 * the five short forms, other control bytes as \u00xx; the rest as is. */
static void print_string(const char *s, Out *g)
{
	const char *end = s + strlen(s);
	const guint64 ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	out_c(g, '"');
	for (const char *run = s;; s++) {
		/* 16 bytes at a time past those that need no escape, then 8 */
		for (; end - s >= 16; s += 16) {
			LedeBytes16 x = lede_load16(s);
			LedeBytes16 stop = (x == '"') | (x == '\\') | ((x >= 0) & (x < 0x20));
			guint64 h[2];
			memcpy(h, &stop, sizeof h);
			if (h[0] | h[1])
				break;
		}
		for (guint64 w; end - s >= 8; s += 8) {
			memcpy(&w, s, 8);
			guint64 q = w ^ (ones * '"'), b = w ^ (ones * '\\');
			if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) &
			    highs)
				break;
		}
		guchar c = s < end ? (guchar)*s : 0;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		out_put(g, run, (gsize)(s - run));
		if (s == end)
			break;
		const char *esc = c == '"'    ? "\\\""
		                  : c == '\\' ? "\\\\"
		                  : c == '\b' ? "\\b"
		                  : c == '\f' ? "\\f"
		                  : c == '\n' ? "\\n"
		                  : c == '\r' ? "\\r"
		                  : c == '\t' ? "\\t"
		                              : NULL;
		char u[8];
		if (!esc) {
			g_snprintf(u, sizeof u, "\\u%04x", c);
			esc = u;
		}
		out_put(g, esc, strlen(esc));
		run = s + 1;
	}
	out_c(g, '"');
}

static void print_text(const char *s, Out *g)
{
	out_put(g, s, strlen(s));
}

/* The tree as cJSON_PrintUnformatted prints it, byte for byte: cJSON's
 * printer was a twentieth of a batch run. The tree is the summary's, a few
 * levels deep (the recursion is bounded by it). */
static void print_compact(const cJSON *n, Out *g)
{
	switch (n->type & 0xFF) {
	case cJSON_Object:
	case cJSON_Array: {
		gboolean object = (n->type & 0xFF) == cJSON_Object;
		out_c(g, object ? '{' : '[');
		for (const cJSON *c = n->child; c; c = c->next) {
			if (c != n->child)
				out_c(g, ',');
			if (object) {
				print_string(c->string, g);
				out_c(g, ':');
			}
			print_compact(c, g);
		}
		out_c(g, object ? '}' : ']');
		break;
	}
	case cJSON_String:
		print_string(n->valuestring ? n->valuestring : "", g);
		break;
	case cJSON_Raw:
		print_text(n->valuestring, g);
		break;
	case cJSON_NULL:
		print_text("null", g);
		break;
	case cJSON_True:
		print_text("true", g);
		break;
	case cJSON_False:
		print_text("false", g);
		break;
	default: { /* a number format_number left to cJSON */
		cJSON copy = *n;
		copy.next = copy.prev = NULL;
		copy.string = NULL;
		char *p = cJSON_PrintUnformatted(&copy);
		print_text(p, g);
		cJSON_free(p);
	}
	}
}

char *lede_summary_to_json(const lede_summary *r, const char *id_json, gboolean pretty)
{
	guint n_picked = r->picked->len, n_keys = r->keyphrases->len;
	guint n_explained = r->explained ? r->explained->len : 0;
	/* The nodes: the object and its id, kicker, headline, summary,
	 * kicker_source, title, sentences, keyphrases, stats and explain; a sentence of the summary
	 * and its object of four members; each keyphrase; the five stats; an
	 * explained sentence's object of five members and the features object
	 * with its members. */
	gsize n_nodes =
	    13 + 6 * (gsize)n_picked + n_keys + 5 + (gsize)n_explained * (7 + LEDE_N_FEATURES);
	/* Every node may have a number's text; the sentences have their own. */
	gsize text_size = n_nodes * NUMBER_TEXT;
	for (guint i = 0; i < n_picked; i++) {
		const Picked *p = &g_array_index(r->picked, Picked, i);
		text_size += p->end - p->start + 1;
	}
	cJSON *block = g_malloc(n_nodes * sizeof(cJSON) + text_size);
	Tree tree = {block, block + n_nodes, (char *)(block + n_nodes), NULL, 0}, *t = &tree;
	tree.text_end = tree.text + text_size;

	cJSON *o = new_node(t, cJSON_Object);
	if (id_json)
		add(o, "id", text_node(t, cJSON_Raw, id_json, strlen(id_json)));
	add(o, "kicker", string_or_null(t, r->kicker));
	add(o, "kicker_source", string_or_null(t, r->kicker_source));
	add(o, "title", string_or_null(t, r->title));
	add(o, "headline", string_or_null(t, r->headline));
	cJSON *summary = add(o, "summary", new_node(t, cJSON_Array));
	cJSON *sentences = add(o, "sentences", new_node(t, cJSON_Array));
	for (guint i = 0; i < n_picked; i++) {
		const Picked *p = &g_array_index(r->picked, Picked, i);
		cJSON_AddItemToArray(summary, sentence(t, r, p->from, p->end));
		cJSON *s = new_node(t, cJSON_Object);
		add(s, "index", integer(t, p->index));
		add(s, "start", integer(t, p->start));
		add(s, "end", integer(t, p->end));
		add(s, "score", number(t, p->score));
		cJSON_AddItemToArray(sentences, s);
	}
	if (n_keys) {
		cJSON *k = add(o, "keyphrases", new_node(t, cJSON_Array));
		for (guint i = 0; i < n_keys; i++)
			cJSON_AddItemToArray(k, string(t, g_ptr_array_index(r->keyphrases, i)));
	}
	add(o, "lang", string_or_null(t, r->lang));
	if (r->explained)
		add(o, "idf", string(t, r->document_idf ? "document" : "background"));
	gsize len;
	lede_doc_text(r->doc, &len);
	cJSON *st = add(o, "stats", new_node(t, cJSON_Object));
	add(st, "bytes", integer(t, len));
	add(st, "words", integer(t, lede_doc_n_words(r->doc)));
	add(st, "sentences", integer(t, lede_doc_n_sentences(r->doc)));
	add(st, "paragraphs", integer(t, lede_doc_n_paragraphs(r->doc)));
	add(st, "repaired", boolean(t, lede_doc_was_repaired(r->doc)));
	if (r->explained) {
		cJSON *ex = add(o, "explain", new_node(t, cJSON_Array));
		for (guint i = 0; i < n_explained; i++) {
			const Explained *e = &g_array_index(r->explained, Explained, i);
			cJSON *s = new_node(t, cJSON_Object);
			add(s, "index", integer(t, i));
			add(s, "start", integer(t, e->start));
			add(s, "end", integer(t, e->end));
			add(s, "score", number(t, e->score));
			add(s, "selected", boolean(t, e->selected));
			cJSON *f = add(s, "features", new_node(t, cJSON_Object));
			for (guint k = 0; k < LEDE_N_FEATURES; k++)
				add(f, lede_feature_name(k), number(t, e->feat[k]));
			cJSON_AddItemToArray(ex, s);
		}
	}
	char *out;
	if (!pretty) {
		Out g = {NULL, 0, 0};
		out_grow(&g, 2 * tree.texts_len + JSON_NODE_SYNTAX * n_nodes);
		print_compact(o, &g);
		g.buf[g.len] = '\0';
		out = g.buf;
	} else {
		/* cJSON prints into a buffer of ours, which has room for the
		 * JSON unless its strings hold control characters ("\u0001": six
		 * bytes each): then cJSON_Print prints it again into one of its
		 * own, which grows. The room: each byte of text twice (a quote
		 * or a backslash takes two), and for each node its key, quotes,
		 * colon and comma, a null or a boolean, a line break and tabs. */
		gsize room = 2 * tree.texts_len + JSON_NODE_SYNTAX * n_nodes;
		out = g_malloc(room);
		if (room <= INT_MAX && cJSON_PrintPreallocated(o, out, (int)room, TRUE)) {
			out = g_realloc(out, strlen(out) + 1);
		} else {
			g_free(out);
			char *printed = cJSON_Print(o);
			out = g_strdup(printed);
			cJSON_free(printed);
		}
	}
	g_free(block);
	return out;
}

/* Whether s[0..len) ends on a letter or digit, closing quotes and
 * brackets aside: a sentence a line end or a paragraph break ended. */
static gboolean lacks_final_punctuation(const char *s, gsize len)
{
	const char *p = s + len;
	while (p > s) {
		const char *prev = g_utf8_find_prev_char(s, p);
		if (!prev)
			break;
		gunichar c = g_utf8_get_char(prev);
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x2019 || c == 0x201D) {
			p = prev;
			continue;
		}
		return g_unichar_isalnum(c);
	}
	return FALSE;
}

char *lede_summary_to_text(const lede_summary *r)
{
	GString *g = g_string_new(NULL);
	if (r->kicker || r->headline) {
		if (r->kicker)
			g_string_append_printf(g, "%s%s", r->kicker,
			                       r->cjk_colon  ? "\xEF\xBC\x9A"
			                       : r->headline ? ": "
			                                     : ":");
		if (r->headline)
			g_string_append(g, r->headline);
		g_string_append(g, "\n\n");
	}
	const char *text = lede_doc_text(r->doc, NULL);
	for (guint i = 0; i < r->picked->len; i++) {
		const Picked *p = &g_array_index(r->picked, Picked, i);
		if (i) {
			/* A sentence without final punctuation (a deck, a line
			 * of a list) gets a period, or it would read as the
			 * start of the next one. */
			if (lacks_final_punctuation(g->str, g->len))
				g_string_append_c(g, '.');
			g_string_append_c(g, ' ');
		}
		append_folded(g, text + p->from, p->end - p->from);
	}
	if (r->picked->len)
		g_string_append_c(g, '\n');
	if (r->explained) {
		g_string_append(g, "\n#\tscore\tsel");
		for (guint k = 0; k < LEDE_N_FEATURES; k++)
			g_string_append_printf(g, "\t%s", lede_feature_name(k));
		g_string_append_c(g, '\n');
		for (guint i = 0; i < r->explained->len; i++) {
			const Explained *e = &g_array_index(r->explained, Explained, i);
			g_string_append_printf(g, "%u\t%.4f\t%s", i, e->score,
			                       e->selected ? "*" : "");
			for (guint k = 0; k < LEDE_N_FEATURES; k++)
				g_string_append_printf(g, "\t%.3f", e->feat[k]);
			g_string_append_c(g, '\n');
		}
	}
	return g_string_free(g, FALSE);
}
