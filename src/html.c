/* HTML to plain text: libxml2's HTML parser builds the tree (tags, implied
 * and misnested elements, entities, character sets as browsers of the
 * HTML 4 era did), and one iterative walk turns it into paragraphs the
 * segmenter reads. The base of the article extractor to come: it drops
 * only what is never text (scripts, styles, head, comments), no
 * boilerplate. */
#include "lede-private.h"

#include "lede-config.h"

#if LEDE_HAVE_HTML

#include "html-private.h"

typedef enum {
	EL_INLINE, /* not in the table: its text runs on */
	EL_SKIP,   /* never text: the subtree is not walked */
	EL_HEAD,   /* walked for the title only */
	EL_TITLE,
	EL_H1, /* a block; the first non-empty one is the title when <title> is not */
	EL_BLOCK,
	EL_PRE,  /* a block whose line ends are kept */
	EL_CELL, /* table cells: a space between them */
	EL_BR,
} ElKind;

typedef struct {
	const char *name;
	ElKind kind;
} ElName;

/* Sorted by name (bsearch). libxml2 gives element names in lower case. */
static const ElName elements[] = {
    {"address", EL_BLOCK},
    {"article", EL_BLOCK},
    {"aside", EL_BLOCK},
    {"blockquote", EL_BLOCK},
    {"br", EL_BR},
    {"caption", EL_BLOCK},
    {"center", EL_BLOCK},
    {"dd", EL_BLOCK},
    {"details", EL_BLOCK},
    {"dialog", EL_BLOCK},
    {"div", EL_BLOCK},
    {"dl", EL_BLOCK},
    {"dt", EL_BLOCK},
    {"fieldset", EL_BLOCK},
    {"figcaption", EL_BLOCK},
    {"figure", EL_BLOCK},
    {"footer", EL_BLOCK},
    {"form", EL_BLOCK},
    {"h1", EL_H1},
    {"h2", EL_BLOCK},
    {"h3", EL_BLOCK},
    {"h4", EL_BLOCK},
    {"h5", EL_BLOCK},
    {"h6", EL_BLOCK},
    {"head", EL_HEAD},
    {"header", EL_BLOCK},
    {"hgroup", EL_BLOCK},
    {"hr", EL_BLOCK},
    {"li", EL_BLOCK},
    {"main", EL_BLOCK},
    {"nav", EL_BLOCK},
    {"noscript", EL_SKIP},
    {"ol", EL_BLOCK},
    {"p", EL_BLOCK},
    {"pre", EL_PRE},
    {"script", EL_SKIP},
    {"section", EL_BLOCK},
    {"style", EL_SKIP},
    {"summary", EL_BLOCK},
    /* drawings: their <title> and <text> label icons, not the article */
    {"svg", EL_SKIP},
    {"table", EL_BLOCK},
    {"td", EL_CELL},
    {"template", EL_SKIP},
    {"th", EL_CELL},
    {"title", EL_TITLE},
    {"tr", EL_BLOCK},
    {"ul", EL_BLOCK},
};

static int by_name(const void *key, const void *el)
{
	return strcmp(key, *(const char *const *)el);
}

static ElKind kind_of(const xmlNode *n)
{
	const void *hit =
	    bsearch(n->name, elements, G_N_ELEMENTS(elements), sizeof elements[0], by_name);
	return hit ? ((const ElName *)hit)->kind : EL_INLINE;
}

void lede_html_sink_want(LedeHtmlSink *k, LedeHtmlSep sep)
{
	if (sep > k->pending)
		k->pending = sep;
}

/* Appends text with its white space folded: runs of ASCII white space,
 * control characters and no-break spaces (as &nbsp; was read before) become
 * one separator, which is written only between characters. In <pre>, a line
 * end stays a line end. */
void lede_html_sink_put(LedeHtmlSink *k, const char *p, gboolean pre)
{
	while (*p) {
		guchar c = (guchar)*p;
		if (c <= 0x20 || c == 0x7F) {
			lede_html_sink_want(k, pre && c == '\n' ? LEDE_SEP_LINE : LEDE_SEP_SPACE);
			p++;
			continue;
		}
		if (c == 0xC2 && (guchar)p[1] == 0xA0) {
			lede_html_sink_want(k, LEDE_SEP_SPACE);
			p += 2;
			continue;
		}
		const char *e = p + 1;
		while (*e && (guchar)*e > 0x20 && (guchar)*e != 0x7F &&
		       !((guchar)*e == 0xC2 && (guchar)e[1] == 0xA0))
			e++;
		if (k->s->len && k->pending)
			g_string_append(k->s, k->one_line || k->pending == LEDE_SEP_SPACE ? " "
			                      : k->pending == LEDE_SEP_LINE               ? "\n"
			                                                                  : "\n\n");
		k->pending = LEDE_SEP_NONE;
		g_string_append_len(k->s, p, e - p);
		p = e;
	}
}

typedef struct {
	LedeHtmlSink text, title;
	gboolean want_title, have_title;
	const xmlNode *capture; /* the <title> or <h1> whose text is the title */
	guint head, pre;        /* depths inside <head> and <pre> */
} Walk;

/* Where text and separators go: the title while one is captured. */
static LedeHtmlSink *sink(Walk *w)
{
	return w->capture ? &w->title : &w->text;
}

/* Returns whether n is visited: its children walked, then leave(n). */
static gboolean enter(Walk *w, const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (w->capture || !w->head)
			lede_html_sink_put(sink(w), (const char *)n->content, w->pre > 0);
		return FALSE;
	}
	if (n->type != XML_ELEMENT_NODE) /* comments, the doctype, processing instructions */
		return FALSE;
	switch (kind_of(n)) {
	case EL_SKIP:
		return FALSE;
	case EL_HEAD:
		w->head++;
		break;
	case EL_TITLE:
		if (!w->want_title || w->have_title || w->capture)
			return FALSE; /* a second title is not text either */
		w->capture = n;
		break;
	case EL_H1:
		lede_html_sink_want(sink(w), LEDE_SEP_PARA);
		if (w->want_title && !w->have_title && !w->capture && !w->head)
			w->capture = n;
		break;
	case EL_BLOCK:
		lede_html_sink_want(sink(w), LEDE_SEP_PARA);
		break;
	case EL_PRE:
		lede_html_sink_want(sink(w), LEDE_SEP_PARA);
		w->pre++;
		break;
	case EL_CELL:
		lede_html_sink_want(sink(w), LEDE_SEP_SPACE);
		break;
	case EL_BR: /* two in a row separate paragraphs, as they do on screen */
		lede_html_sink_want(sink(w), sink(w)->pending >= LEDE_SEP_LINE ? LEDE_SEP_PARA
		                                                               : LEDE_SEP_LINE);
		break;
	case EL_INLINE:
		break;
	}
	return TRUE;
}

static void leave(Walk *w, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (n == w->capture) {
		w->capture = NULL;
		w->have_title = w->title.s->len > 0;
		if (!w->have_title)
			w->title.pending = LEDE_SEP_NONE;
	}
	switch (kind_of(n)) {
	case EL_HEAD:
		w->head--;
		break;
	case EL_PRE:
		w->pre--;
		lede_html_sink_want(sink(w), LEDE_SEP_PARA);
		break;
	case EL_H1:
	case EL_BLOCK:
		lede_html_sink_want(sink(w), LEDE_SEP_PARA);
		break;
	case EL_CELL:
		lede_html_sink_want(sink(w), LEDE_SEP_SPACE);
		break;
	default:
		break;
	}
}

/* Depth first over the tree with the nodes' own links: no recursion and no
 * stack, whatever the nesting (libxml2 stops at xmlParserMaxDepth without
 * HTML_PARSE_HUGE, 256 today, but the walk does not count on it). */
static void walk(Walk *w, xmlDoc *doc)
{
	xmlNode *n = doc->children;
	while (n) {
		gboolean visit = enter(w, n);
		if (visit && n->children) {
			n = n->children;
			continue;
		}
		if (visit)
			leave(w, n);
		while (!n->next) {
			n = n->parent;
			if (!n || n == (xmlNode *)doc)
				return;
			leave(w, n);
		}
		n = n->next;
	}
}

gboolean lede_html_init(GError **error)
{
	/* lede_xml_load runs xmlInitParser once, before any worker parses: it
	 * is not thread-safe itself. */
	return lede_xml_load(error);
}

/* Why a halted parse stopped, from libxml2's last error. */
static void set_parse_error(htmlParserCtxtPtr ctxt, GError **error)
{
	if (ctxt->errNo == XML_ERR_NO_MEMORY)
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "out of memory reading HTML");
	else if (ctxt->errNo == XML_ERR_INTERNAL_ERROR &&
	         ctxt->lastError.int1 == (int)xmlParserMaxDepth) /* nodePush's error */
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "HTML nested more than %u elements deep", xmlParserMaxDepth);
	else {
		const char *m = ctxt->lastError.message;
		char *why = g_strchomp(g_strdup(m ? m : "unknown error"));
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID, "HTML parser stopped: %s", why);
		g_free(why);
	}
}

/* *doc gets the tree of html, or NULL when there is none (no text). FALSE
 * with error when the parser's limits stopped it or bytes were not in the
 * character set it read them in (libxml2 then drops the rest of the page). */
gboolean lede_html_parse(const char *html, int len, const char *charset, char *owned, xmlDoc **out,
                         GError **error)
{
	*out = NULL;
	/* UTF-8 is the parser's own encoding: named to htmlCtxtReadMemory, it
	 * goes through a converter into a second buffer of twice the page's
	 * size. Set on the context instead, it is read as it is, the page's
	 * own declaration ignored (a byte order mark is still skipped). */
	gboolean utf8 = len > 0 && charset && !g_ascii_strcasecmp(charset, "UTF-8");
	htmlParserCtxtPtr ctxt = utf8 ? htmlCreateMemoryParserCtxt(html, len) : htmlNewParserCtxt();
	if (!ctxt) {
		g_free(owned);
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "out of memory reading HTML");
		return FALSE;
	}
	if (utf8) { /* the parser has its own copy */
		g_free(owned);
		owned = NULL;
	}
	/* Character set errors reach stderr whatever the options: a library
	 * prints nothing, so they are quiet in this thread while it parses
	 * (the handlers are per thread), then as the caller had them. */
	LedeXmlErrors saved;
	lede_xml_quiet(&saved);
	/* No network, no messages, errors repaired as browsers do, and
	 * libxml2's default limits (no HTML_PARSE_HUGE): they bound the depth
	 * and the work on hostile input. */
	int options =
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
	xmlDoc *doc;
	if (utf8) { /* what htmlCtxtReadMemory does, but the encoding */
		xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
		htmlCtxtUseOptions(ctxt, options | HTML_PARSE_IGNORE_ENC);
		htmlParseDocument(ctxt);
		doc = ctxt->myDoc;
		ctxt->myDoc = NULL;
	} else {
		doc = htmlCtxtReadMemory(ctxt, html, len, NULL, charset, options);
		g_free(owned);
	}
	lede_xml_restore(&saved);
	xmlParserInputBufferPtr in = ctxt->input ? ctxt->input->buf : NULL;
	gboolean ok = FALSE;
	if (ctxt->disableSAX) { /* halted: RECOVER goes on after anything else */
		set_parse_error(ctxt, error);
	} else if (in && in->error) {
		const char *cs = in->encoder && in->encoder->name ? in->encoder->name : "?";
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "HTML bytes not valid in its character set (%s)", cs);
	} else {
		ok = TRUE;
		*out = doc;
	}
	if (!ok)
		xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctxt);
	return ok;
}

/* libxml2 gives UTF-8; this keeps the promise whatever it does. */
void lede_html_ensure_utf8(char **s)
{
	if (!g_utf8_validate(*s, -1, NULL)) {
		char *t = g_utf8_make_valid(*s, -1);
		g_free(*s);
		*s = t;
	}
}

char *lede_html_to_text(const char *html, gsize len, char **title, GError **error)
{
	if (title)
		*title = NULL;
	if (len > G_MAXINT) { /* libxml2 takes an int */
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID, "HTML larger than %d bytes",
		            G_MAXINT);
		return NULL;
	}
	if (memchr(html, 0, len)) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_BINARY,
		            "binary file (contains NUL bytes)");
		return NULL;
	}
	if (!lede_html_init(error))
		return NULL;
	/* The character set: bytes that are valid UTF-8 are UTF-8 (libxml2
	 * 2.9 reads a page that declares nothing as Latin-1, as HTML 4 said;
	 * pure ASCII reads the same either way); others are read as the page's
	 * byte order mark or <meta> charset says, else as Latin-1. A later
	 * issue reads encodings fully. */
	const char *charset = g_utf8_validate(html, (gssize)len, NULL) ? "UTF-8" : NULL;
	xmlDoc *doc;
	if (!lede_html_parse(html, (int)len, charset, NULL, &doc, error))
		return NULL;
	Walk w = {0};
	w.text = (LedeHtmlSink){g_string_sized_new(MIN(len, 1 << 16)), LEDE_SEP_NONE, FALSE};
	w.title = (LedeHtmlSink){g_string_new(NULL), LEDE_SEP_NONE, TRUE};
	w.want_title = title != NULL;
	if (doc)
		walk(&w, doc);
	xmlFreeDoc(doc);
	if (title && w.have_title)
		*title = g_string_free(w.title.s, FALSE);
	else
		g_string_free(w.title.s, TRUE);
	char *text = g_string_free(w.text.s, FALSE);
	lede_html_ensure_utf8(&text);
	if (title && *title)
		lede_html_ensure_utf8(title);
	return text;
}

#else /* !LEDE_HAVE_HTML */

char *lede_html_to_text(const char *html, gsize len, char **title, GError **error)
{
	(void)html;
	(void)len;
	if (title)
		*title = NULL;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "HTML support not built");
	return NULL;
}

#endif
