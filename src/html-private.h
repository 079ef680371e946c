/* Internals shared by html.c (HTML to text) and extract.c (the article
 * extractor): the libxml2 parse and the text sink both write through. Only
 * built with HTML support. */
#ifndef LEDE_HTML_PRIVATE_H
#define LEDE_HTML_PRIVATE_H

#include <glib.h>
#include "xml-api.h" /* libxml2, loaded on first use */

/* The separator owed before the next character: the strongest one asked
 * for since the last character wins, so "</p> <p>" is one paragraph break. */
typedef enum { LEDE_SEP_NONE, LEDE_SEP_SPACE, LEDE_SEP_LINE, LEDE_SEP_PARA } LedeHtmlSep;

typedef struct {
	GString *s;
	LedeHtmlSep pending;
	gboolean one_line; /* a title: every separator is a space */
} LedeHtmlSink;

/* Asks for a separator before the next character (the strongest wins). */
void lede_html_sink_want(LedeHtmlSink *k, LedeHtmlSep sep);
/* Appends text with its white space folded (line ends kept in <pre>). */
void lede_html_sink_put(LedeHtmlSink *k, const char *p, gboolean pre);
/* Loads libxml2 and runs its global set-up, once per process, before any
 * thread parses; FALSE with error when libxml2 cannot be loaded. */
gboolean lede_html_init(GError **error);
/* *out gets the tree (NULL when there is none); FALSE with error when the
 * parser's limits stopped it or bytes were not valid in charset. No network,
 * no external entities, no messages. owned, when not NULL, is html's
 * allocation, freed as soon as the parser no longer needs it (a page's
 * copy need not live beside its tree). */
gboolean lede_html_parse(const char *html, int len, const char *charset, char *owned, xmlDoc **out,
                         GError **error);
/* The page's bytes as UTF-8 (charset.c): byte order mark, valid UTF-8,
 * the declared set, else windows-1252; bytes invalid in the set become
 * U+FFFD. Never NULL; *out_len gets its length (NUL bytes stay: the
 * caller refuses them). */
char *lede_html_decode(const char *html, gsize len, gsize *out_len);
/* UTF-8 with a few stray bytes of another encoding (a feed declared UTF-8
 * and written in windows-1252, or mixed): valid sequences kept, every other
 * byte read as windows-1252. New string, NUL-terminated. */
char *lede_utf8_repair(const char *s, gsize len, gsize *out_len);
/* Replaces invalid UTF-8 in *s (libxml2 should give none). */
void lede_html_ensure_utf8(char **s);

#endif
