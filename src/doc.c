#include "lede-private.h"

struct lede_doc {
	char *text;
	gsize len;
	gboolean repaired;
	GArray *spans; /* LedeSpan */
	gsize n_paragraphs;
	gsize n_words;
};

lede_doc *lede_doc_new(const char *text, gsize len, GError **error)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len)) {
		g_set_error_literal(error, LEDE_ERROR, LEDE_ERROR_BINARY, "binary file");
		return NULL;
	}
	lede_doc *doc = g_new0(lede_doc, 1);
	if (g_utf8_validate_len(text, len, NULL)) {
		doc->text = g_strndup(text, len);
		doc->len = len;
	} else {
		doc->text = g_utf8_make_valid(text, len);
		doc->len = strlen(doc->text);
		doc->repaired = TRUE;
	}
	doc->spans = g_array_new(FALSE, FALSE, sizeof(LedeSpan));
	lede_segment(doc->text, doc->len, doc->spans);
	if (doc->spans->len)
		doc->n_paragraphs =
		    g_array_index(doc->spans, LedeSpan, doc->spans->len - 1).para + 1;

	/* Words as a reader counts them: runs of non-space. */
	gboolean in_word = FALSE;
	for (gsize i = 0; i < doc->len; i++) {
		gboolean space = g_ascii_isspace(doc->text[i]);
		if (!space && !in_word)
			doc->n_words++;
		in_word = !space;
	}
	return doc;
}

void lede_doc_free(lede_doc *doc)
{
	if (!doc)
		return;
	g_array_free(doc->spans, TRUE);
	g_free(doc->text);
	g_free(doc);
}

const char *lede_doc_text(const lede_doc *doc, gsize *len)
{
	if (len)
		*len = doc->len;
	return doc->text;
}

gboolean lede_doc_was_repaired(const lede_doc *doc)
{
	return doc->repaired;
}

gsize lede_doc_n_sentences(const lede_doc *doc)
{
	return doc->spans->len;
}

void lede_doc_sentence(const lede_doc *doc, gsize i, gsize *start, gsize *end)
{
	g_return_if_fail(i < doc->spans->len);
	const LedeSpan *s = &g_array_index(doc->spans, LedeSpan, i);
	if (start)
		*start = s->start;
	if (end)
		*end = s->end;
}

guint lede_doc_sentence_paragraph(const lede_doc *doc, gsize i)
{
	g_return_val_if_fail(i < doc->spans->len, 0);
	return g_array_index(doc->spans, LedeSpan, i).para;
}

gsize lede_doc_n_paragraphs(const lede_doc *doc)
{
	return doc->n_paragraphs;
}

gsize lede_doc_n_words(const lede_doc *doc)
{
	return doc->n_words;
}
