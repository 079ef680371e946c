/* lede digest: news feeds (RSS 0.9x and 2.0, RSS 1.0/RDF, Atom 1.0 and 0.3,
 * JSON Feed 1.0 and 1.1) read from bytes into items. No network: the XML
 * parser never loads a DTD or an external entity, and nothing is fetched. */
#ifndef LEDE_FEED_H
#define LEDE_FEED_H

#include <glib.h>

typedef struct {
	char *id;     /* guid, Atom id, JSON Feed id, RDF about; NULL when none */
	char *link;   /* resolved against xml:base and the feed's link; or NULL */
	char *title;  /* plain text, one line; NULL when none */
	char *author; /* or NULL */
	gint64 date;  /* Unix seconds (UTC) when has_date */
	gboolean has_date;
	char *content; /* the richest body: content:encoded, content, description... */
	gboolean html; /* content is HTML (else plain text) */
	/* a cut-off document's last item: what it holds is not all there was */
	gboolean partial;
} FeedItem;

typedef struct {
	const char *format; /* "rss", "rdf", "atom" or "json" (static) */
	char *title;        /* plain text, or NULL */
	char *link;         /* the site, or NULL */
	gint64 date;        /* the feed's own date when has_date */
	gboolean has_date;
	GPtrArray *items; /* FeedItem *, in document order */
	/* What was wrong with a feed that could still be read (not well-formed
	 * XML, a wrong encoding, JSON of the wrong type), for "lede: FILE: ...";
	 * NULL when nothing was. */
	char *problem;
} Feed;

/* Whether data looks like a feed: an XML document whose root (or, in an
 * XHTML page, an element) is rss, rdf:RDF or an Atom feed, or a JSON object
 * naming a jsonfeed.org version. Reads at most the first 64 kB. */
gboolean feed_sniff(const char *data, gsize len);

/* Reads the feed in data. NULL with error (LEDE_ERROR_INVALID: the reason)
 * when nothing can be read from it (not a feed, not JSON, no root, libxml2
 * missing); otherwise the feed, whose problem may say what was wrong. */
Feed *feed_parse(const char *data, gsize len, GError **error);
void feed_free(Feed *feed);

/* A feed's date (RFC 822 as feeds write it, with named zones, two-digit
 * years, "GMT+0100", no seconds, no weekday, "February 3, 2025 9:05 AM";
 * ISO 8601 / RFC 3339 with or without a zone; Unix seconds) as Unix seconds.
 * A time without a zone is taken as UTC, as other readers do. */
gboolean feed_parse_date(const char *s, gint64 *out);

/* A title that may hold HTML as plain text on one line: tags out,
 * references decoded (new string; NULL for nothing left). */
char *feed_html_line(const char *s);
/* Text double-encoded (UTF-8 read as Latin-1 and encoded again) as meant;
 * other text as it is. Takes s. */
char *feed_undo_double_utf8(char *s);

/* s appended to out with & < > (and " when attr) as references. */
void feed_xml_escape(GString *out, const char *s, gboolean attr);

/* The most items one feed gives; the rest are left out with a message.
 * Real feeds carry tens to hundreds (the largest of 199 captured: 730); a
 * feed of 100,000 is a broken or hostile one, and summarizing it all would
 * hold up the digest of every other feed. */
#define FEED_MAX_ITEMS 10000

#endif
