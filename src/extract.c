/* The article extractor: the main text of a web page without its
 * navigation, headers, footers, asides, comments, share bars and related
 * links, and the page's metadata (title, byline, date, URL, site, language).
 *
 * How: libxml2 builds the tree (html.c); one walk drops what is never
 * article text (by element, by hidden state, by class and id words) and
 * counts the text, the link text and the commas under every element; the
 * paragraphs score their ancestors, as Readability does; the best-scoring
 * block, with its siblings that score near it, is the article, written out
 * without its link lists and short link-heavy blocks. When that article
 * is short, the page is read again trusting the class and id words less. Every walk is
 * iterative over the nodes' own links: no recursion whatever the nesting.
 * Measured on the Article Extraction Benchmark (see README.md). */
#include "lede-private.h"

#include "lede-config.h"

#include <cjson/cJSON.h>

#if LEDE_HAVE_HTML

#include "html-private.h"

/* ---- per-element facts --------------------------------------------------- */

typedef enum {
	T_OTHER,
	T_DROP,  /* never article text: the subtree goes */
	T_PARA,  /* a paragraph: it scores its ancestors */
	T_BLOCK, /* a block: a paragraph break around it */
	T_LIST,  /* ul, ol, dl: dropped when mostly links */
	T_TABLE, /* cleaned as lists are */
	T_HEAD,  /* h2..h6: kept inside the article, never scored */
	T_H1,    /* the title: out of the text */
	T_PRE,   /* line ends kept */
	T_BR,    /* a line break */
	T_LINK,  /* <a>: its text is link text */
	T_CELL,  /* td, th: a space between them */
	T_LI,    /* a list item: a block */
	T_QUOTE, /* a block quote: kept whatever its links (embedded posts) */
} Tag;

typedef struct {
	const char *name;
	Tag tag;
	int weight; /* the score an element starts with (Readability's) */
} TagInfo;

/* Sorted by name (bsearch); libxml2 gives names in lower case. */
static const TagInfo tags[] = {
    {"a", T_LINK, 0},          {"address", T_DROP, 0},     {"article", T_BLOCK, 10},
    {"aside", T_DROP, 0},      {"blockquote", T_QUOTE, 3}, {"br", T_BR, 0},
    {"button", T_DROP, 0},     {"canvas", T_DROP, 0},      {"caption", T_DROP, 0},
    {"center", T_BLOCK, 0},    {"dd", T_BLOCK, -3},        {"details", T_BLOCK, 0},
    {"dialog", T_DROP, 0},     {"div", T_BLOCK, 5},        {"dl", T_LIST, -3},
    {"dt", T_BLOCK, -3},       {"embed", T_DROP, 0},       {"fieldset", T_DROP, 0},
    {"figcaption", T_DROP, 0}, {"figure", T_DROP, 0},      {"footer", T_DROP, 0},
    {"form", T_BLOCK, -3},     {"h1", T_H1, -5},           {"h2", T_HEAD, -5},
    {"h3", T_HEAD, -5},        {"h4", T_HEAD, -5},         {"h5", T_HEAD, -5},
    {"h6", T_HEAD, -5},        {"head", T_DROP, 0},        {"header", T_DROP, 0},
    {"hgroup", T_BLOCK, 0},    {"hr", T_BLOCK, 0},         {"iframe", T_DROP, 0},
    {"input", T_DROP, 0},      {"label", T_DROP, 0},       {"li", T_LI, -3},
    {"main", T_BLOCK, 5},      {"menu", T_DROP, 0},        {"nav", T_DROP, 0},
    {"noscript", T_DROP, 0},   {"object", T_DROP, 0},      {"ol", T_LIST, -3},
    {"option", T_DROP, 0},     {"p", T_PARA, 0},           {"pre", T_PRE, 3},
    {"script", T_DROP, 0},     {"section", T_BLOCK, 5},    {"select", T_DROP, 0},
    {"style", T_DROP, 0},      {"summary", T_BLOCK, 0},    {"svg", T_DROP, 0},
    {"table", T_TABLE, 0},     {"td", T_CELL, 3},          {"template", T_DROP, 0},
    {"textarea", T_DROP, 0},   {"th", T_CELL, -5},         {"title", T_DROP, 0},
    {"tr", T_BLOCK, 0},        {"ul", T_LIST, -3},         {"video", T_DROP, 0},
};

static int by_name(const void *key, const void *el)
{
	return strcmp(key, ((const TagInfo *)el)->name);
}

static const TagInfo *tag_info(const xmlNode *n)
{
	return bsearch(n->name, tags, G_N_ELEMENTS(tags), sizeof tags[0], by_name);
}

/* One per element of the page: small, as a page may have millions. The
 * counts fit 32 bits: a page is at most G_MAXINT bytes (lede_extract). */
typedef struct {
	const TagInfo *ti;
	guint32 raw;        /* characters of text before any class or id drop */
	guint32 text;       /* characters of text (white space runs count one) */
	guint32 link;       /* of which inside links */
	guint32 own;        /* of which not inside a block child: its own paragraph */
	guint32 commas;     /* commas in the text */
	guint32 own_commas; /* of which in its own paragraph */
	guint32 words;      /* words in the text (runs without white space) */
	guint32 paras;      /* paragraphs under it */
	double score;       /* the paragraphs' score it collected */
	gint32 weight;      /* class and id words */
	guint drop : 1;     /* boilerplate: not walked again */
	guint block : 1;    /* has a block child (a div of text is a paragraph) */
	guint scored : 1;
} Info;
G_STATIC_ASSERT(sizeof(Info) <= 56);

static Info *info(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? n->_private : NULL;
}

static Tag tag_of(const Info *i)
{
	return i && i->ti ? i->ti->tag : T_OTHER;
}

/* ---- class and id words --------------------------------------------------- */

/* Words in a class or id that mark boilerplate (Readability's list and
 * the share bars, cookie banners and promotions of today's pages), unless
 * a word that marks content is there too. */
static const char *const unlikely[] = {
    "-ad-",    "banner",  "breadcrumb", "combx",      "comment",   "community",  "cookie",
    "disqus",  "extra",   "foot",       "gdpr",       "header",    "legends",    "menu",
    "related", "remark",  "replies",    "rss",        "shoutbox",  "sidebar",    "skyscraper",
    "social",  "sponsor", "supplement", "ad-break",   "agegate",   "pagination", "pager",
    "popup",   "share",   "sharing",    "newsletter", "subscribe", "promo",      "recommend",
    "byline",  "author",  "caption",    "credit",     "outbrain",  "taboola",    "signup",
    "modal",   "toolbar", "masthead",   "tags",       "nav",       "widget",     "breaking",
};
/* Of which those that mark readers' comments. */
static const char *const comments[] = {"comment", "disqus", "replies"};
static const char *const maybe[] = {"and",    "article", "body",  "column", "content", "main",
                                    "shadow", "story",   "entry", "post",   "text",    "embed"};
/* Words that mark the article itself, and those that mark its opposite
 * (Readability's class weights). */
static const char *const positive[] = {"article", "body",  "content", "entry", "hentry",
                                       "h-entry", "main",  "page",    "post",  "text",
                                       "blog",    "story", "prose",   "embed"};
static const char *const negative[] = {
    "-ad-",    "hidden",   "banner", "combx",    "comment", "com-",       "contact",    "foot",
    "footer",  "footnote", "gdpr",   "masthead", "media",   "meta",       "outbrain",   "promo",
    "related", "scroll",   "share",  "shoutbox", "sidebar", "skyscraper", "sponsor",    "shopping",
    "tags",    "tool",     "widget", "byline",   "author",  "social",     "newsletter", "caption",
};

static gboolean has_any(const char *s, const char *const *words, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (strstr(s, words[i]))
			return TRUE;
	return FALSE;
}

/* The element's class and id, lower case, space separated ("" for none). */
static char *class_id(const xmlNode *n)
{
	xmlChar *c = xmlGetNoNsProp(n, (const xmlChar *)"class");
	xmlChar *id = xmlGetNoNsProp(n, (const xmlChar *)"id");
	char *s = g_strdup_printf("%s %s", c ? (char *)c : "", id ? (char *)id : "");
	xmlFree(c);
	xmlFree(id);
	char *lower = g_ascii_strdown(s, -1);
	g_free(s);
	return lower;
}

static gboolean attr_has(const xmlNode *n, const char *name, const char *needle)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return FALSE;
	char *lower = g_ascii_strdown((char *)v, -1);
	gboolean hit = needle ? strstr(lower, needle) != NULL : TRUE;
	g_free(lower);
	xmlFree(v);
	return hit;
}

/* Hidden from the reader: not article text. */
static gboolean hidden(const xmlNode *n)
{
	return attr_has(n, "hidden", NULL) || attr_has(n, "aria-hidden", "true") ||
	       attr_has(n, "style", "display:none") || attr_has(n, "style", "display: none") ||
	       attr_has(n, "style", "visibility:hidden");
}

/* Decides what an element is before its children are walked. */
/* The share of the page's text a block dropped for its class or id may
 * hold at most: above it, the words were wrong (a "page-ad-margins" or
 * "header-style-2" wrapper around the whole page), not the block. */
#define MAX_CLASS_DROP_SHARE 0.3

/* What a pass trusts (two of Readability's flags): the extractor tries
 * again without them, one by one, while the article it finds is short. */
enum {
	F_STRIP = 1 << 0,  /* class and id words drop blocks */
	F_WEIGHT = 1 << 1, /* class and id words weigh on the scores */
};

static void classify(xmlNode *n, Info *i, gboolean in_body, guint64 page_raw, unsigned flags)
{
	if (hidden(n)) {
		i->drop = TRUE;
		return;
	}
	char *ci = class_id(n);
	gboolean content_tag = !strcmp((const char *)n->name, "body") ||
	                       !strcmp((const char *)n->name, "article") ||
	                       !strcmp((const char *)n->name, "main");
	/* Readers' comments are never the article, whatever the pass: a pass
	 * that trusts no class word would take a long thread for it. */
	if (in_body && !content_tag && ci[0] != ' ' &&
	    (double)i->raw <= MAX_CLASS_DROP_SHARE * (double)page_raw &&
	    has_any(ci, (flags & F_STRIP) ? unlikely : comments,
	            (flags & F_STRIP) ? G_N_ELEMENTS(unlikely) : G_N_ELEMENTS(comments)) &&
	    !has_any(ci, maybe, G_N_ELEMENTS(maybe)))
		i->drop = TRUE;
	if ((flags & F_WEIGHT) && has_any(ci, positive, G_N_ELEMENTS(positive)))
		i->weight += 25;
	if ((flags & F_WEIGHT) && has_any(ci, negative, G_N_ELEMENTS(negative)))
		i->weight -= 25;
	g_free(ci);
}

/* ---- the walk ---------------------------------------------------------------- */

/* Visits the elements and text under root depth first with the nodes' own
 * links. enter returns whether to walk the children; leave runs after them. */
typedef struct Walker Walker;
struct Walker {
	gboolean (*enter)(Walker *w, xmlNode *n);
	void (*leave)(Walker *w, xmlNode *n);
};

static void walk(Walker *w, xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		gboolean visit = w->enter(w, n);
		if (visit && n->children) {
			n = n->children;
			continue;
		}
		if (visit && w->leave)
			w->leave(w, n);
		while (n != root && !n->next) {
			n = n->parent;
			if (w->leave)
				w->leave(w, n);
		}
		if (n == root)
			return;
		n = n->next;
	}
}

/* Characters of s with white space runs counted once, and its commas. */
static guint64 text_len(const char *s, guint *commas, guint *words)
{
	guint64 len = 0;
	gboolean space = TRUE;
	for (const guchar *p = (const guchar *)s; *p; p++) {
		if (*p <= 0x20) {
			if (!space)
				len++;
			space = TRUE;
			continue;
		}
		if (space)
			(*words)++;
		space = FALSE;
		if ((*p & 0xC0) != 0x80)
			len++;
		if (*p == ',')
			(*commas)++;
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* ， */
			(*commas)++;
	}
	return len;
}

typedef struct {
	Walker w;
	Info *infos;
	gsize n_infos, cap;
	guint links; /* depth inside <a> */
	guint body;  /* depth inside <body> */
	GPtrArray *candidates;
	guint64 page_raw;
	unsigned flags;
} Count;

/* The first walk: every element gets its facts, the elements never text
 * are dropped, and the text under each is counted. */
static gboolean raw_enter(Walker *w, xmlNode *n)
{
	Count *c = (Count *)w;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		Info *p = info(n->parent);
		guint commas = 0, words = 0;
		if (p && n->content)
			p->raw += text_len((const char *)n->content, &commas, &words);
		return FALSE;
	}
	if (n->type != XML_ELEMENT_NODE)
		return FALSE;
	g_assert(c->n_infos < c->cap);
	Info *i = &c->infos[c->n_infos++];
	n->_private = i;
	i->ti = tag_info(n);
	if (tag_of(i) == T_DROP)
		i->drop = TRUE;
	return !i->drop;
}

static void raw_leave(Walker *w, xmlNode *n)
{
	(void)w;
	Info *i = info(n), *p = info(n->parent);
	if (i && p && !i->drop)
		p->raw += i->raw;
}

static gboolean count_enter(Walker *w, xmlNode *n)
{
	Count *c = (Count *)w;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		Info *p = info(n->parent);
		if (p && n->content) {
			guint commas = 0, words = 0;
			guint64 len = text_len((const char *)n->content, &commas, &words);
			p->words += words;
			p->text += len;
			p->own += len;
			p->commas += commas;
			p->own_commas += commas;
			if (c->links)
				p->link += len;
		}
		return FALSE;
	}
	if (n->type != XML_ELEMENT_NODE)
		return FALSE;
	Info *i = info(n);
	if (!i || i->drop) /* dropped by the first walk, or under such */
		return FALSE;
	if (!strcmp((const char *)n->name, "body"))
		c->body++;
	classify(n, i, c->body > 0, c->page_raw, c->flags);
	if (i->drop)
		return FALSE;
	if (tag_of(i) == T_LINK)
		c->links++;
	return TRUE;
}

/* Readability's paragraph score: one, a point a comma, a point for each
 * hundred characters up to three. */
static double para_score(const Info *i)
{
	return 1.0 + i->commas + MIN(i->text / 100, 3);
}

static void touch(Count *c, xmlNode *n)
{
	Info *i = info(n);
	if (!i->scored) {
		i->scored = TRUE;
		i->score = (i->ti ? i->ti->weight : 0) + i->weight;
		g_ptr_array_add(c->candidates, n);
	}
}

/* Characters a paragraph needs to score (Readability's 25). */
enum { MIN_PARA_CHARS = 25 };

/* A paragraph: <p>, <pre>, a cell, or a block with text and no block in it. */
static gboolean is_para(const Info *i)
{
	switch (tag_of(i)) {
	case T_PARA:
	case T_PRE:
	case T_CELL:
		return TRUE;
	case T_BLOCK: /* text with <br>s between blocks is a paragraph too */
	case T_QUOTE:
		return !i->block || i->own >= MIN_PARA_CHARS * 4;
	default:
		return FALSE;
	}
}

static gboolean is_blockish(Tag t)
{
	return t == T_PARA || t == T_BLOCK || t == T_QUOTE || t == T_LIST || t == T_TABLE ||
	       t == T_HEAD || t == T_H1 || t == T_PRE || t == T_LI || t == T_CELL;
}

static void count_leave(Walker *w, xmlNode *n)
{
	Count *c = (Count *)w;
	Info *i = info(n);
	if (!i || i->drop)
		return;
	Tag t = tag_of(i);
	if (t == T_LINK)
		c->links--;
	if (!strcmp((const char *)n->name, "body"))
		c->body--;
	Info *p = info(n->parent);
	if (p) {
		p->text += i->text;
		p->link += i->link;
		p->commas += i->commas;
		p->words += i->words;
		if (is_blockish(t))
			p->block = TRUE;
		else {
			p->own += i->own;
			p->own_commas += i->own_commas;
		}
	}
	if (!is_para(i) || i->text < MIN_PARA_CHARS)
		return;
	if (p)
		p->paras++;
	/* Loose text beside blocks scores by itself, not with the blocks. */
	gboolean loose = (tag_of(i) == T_BLOCK || tag_of(i) == T_QUOTE) && i->block;
	double s = loose ? 1.0 + i->own_commas + MIN(i->own / 100, 3) : para_score(i);
	/* The parent takes it all, the grandparent half, then a third of a level.
	 * Loose text beside blocks is a paragraph of its own block (Readability
	 * wraps such runs in a <p>), so that block is the first to take it. */
	xmlNode *a = loose ? n : n->parent;
	for (int level = 0; level < 3 && info(a); level++, a = a->parent) {
		touch(c, a);
		info(a)->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
	}
}

static double link_density(const Info *i)
{
	return i->text ? (double)i->link / (double)i->text : 0;
}

static double final_score(const xmlNode *n)
{
	const Info *i = info(n);
	return i->score * (1 - link_density(i));
}

static gsize count_elements(xmlNode *root)
{
	gsize n = 0;
	xmlNode *x = root;
	while (x) {
		if (x->type == XML_ELEMENT_NODE)
			n++;
		if (x->type == XML_ELEMENT_NODE && x->children) {
			x = x->children;
			continue;
		}
		while (x != root && !x->next)
			x = x->parent;
		if (x == root)
			break;
		x = x->next;
	}
	return n;
}

/* ---- choosing the article ---------------------------------------------------- */

static gboolean is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n->parent; n; n = n->parent)
		if (n == a)
			return TRUE;
	return FALSE;
}

/* Candidates as near the best as this share its article when three of the
 * best five are under one ancestor (an article split in several blocks). */
#define ALT_SHARE 0.75
enum { N_TOP = 5, MIN_ALT = 3, MAX_CLIMB = 64 };

static xmlNode *best_candidate(GPtrArray *cands)
{
	xmlNode *top[N_TOP] = {NULL};
	for (guint k = 0; k < cands->len; k++) {
		xmlNode *n = cands->pdata[k];
		double s = final_score(n);
		for (int t = 0; t < N_TOP; t++) {
			if (!top[t] || s > final_score(top[t])) {
				memmove(top + t + 1, top + t, (N_TOP - t - 1) * sizeof top[0]);
				top[t] = n;
				break;
			}
		}
	}
	xmlNode *best = top[0];
	if (!best || final_score(best) <= 0)
		return NULL;
	double best_score = final_score(best);
	int n_alt = 0;
	for (int t = 1; t < N_TOP && top[t]; t++)
		if (final_score(top[t]) / best_score >= ALT_SHARE)
			n_alt++;
	if (n_alt >= MIN_ALT) {
		xmlNode *a = best->parent;
		for (int up = 0; a && info(a) && up < MAX_CLIMB; up++, a = a->parent) {
			int under = 0;
			for (int t = 1; t < N_TOP && top[t]; t++)
				if (final_score(top[t]) / best_score >= ALT_SHARE &&
				    is_ancestor(a, top[t]))
					under++;
			if (under >= MIN_ALT) {
				best = a;
				break;
			}
		}
	}
	/* Up while the ancestors' scores grow: the article's own block. */
	double last = info(best)->score, threshold = last / 3;
	xmlNode *a = best->parent;
	for (int up = 0; a && info(a) && up < MAX_CLIMB; up++, a = a->parent) {
		if (!info(a)->scored)
			continue;
		if (info(a)->score < threshold)
			break;
		if (info(a)->score > last) {
			best = a;
			break;
		}
		last = info(a)->score;
	}
	return best;
}

/* The best score in a wrapper: the blocks down its chain of only
 * children with all its text (at most MAX_CLIMB levels). */
static double wrapped_score(const xmlNode *n)
{
	double best = info(n)->scored ? final_score(n) : 0;
	for (int down = 0; down < MAX_CLIMB; down++) {
		const xmlNode *only = NULL;
		for (const xmlNode *c = n->children; c; c = c->next) {
			const Info *ci = info(c);
			if (ci && !ci->drop && ci->text) {
				if (only)
					return best;
				only = c;
			}
		}
		if (!only || info(only)->text != info(n)->text)
			return best;
		n = only;
		if (info(n)->scored)
			best = MAX(best, final_score(n));
	}
	return best;
}

/* A section of the article beside the best block's wrappers: a block as
 * long as a paragraph, or wrapping one, that scores near the best (further
 * from the article than a sibling, so nearer than Readability's fifth). */
#define SECTION_SHARE 0.4

static gboolean is_section(const xmlNode *s, const xmlNode *best)
{
	const Info *i = info(s);
	return i && !i->drop && i->text >= MIN_PARA_CHARS * 4 &&
	       wrapped_score(s) >= final_score(best) * SECTION_SHARE;
}

/* The best block's outermost wrapper (the ancestors that hold its text and
 * no other, below <body>) when a sibling of that wrapper wraps a block
 * scoring near it: an article cut into sections, each in its own stack of
 * wrappers. Else the best block itself. */
static xmlNode *sections_wrapper(xmlNode *best)
{
	xmlNode *outer = best;
	for (int up = 0; up < MAX_CLIMB; up++) {
		xmlNode *p = outer->parent;
		if (!info(p) || !strcmp((const char *)p->name, "body") ||
		    info(p)->text != info(best)->text)
			break;
		outer = p;
	}
	if (outer == best || !info(outer->parent))
		return best;
	for (xmlNode *s = outer->parent->children; s; s = s->next)
		if (s != outer && is_section(s, best))
			return outer;
	return best;
}

/* Whether a sibling of the best block belongs to the article too
 * (Readability's rule). */
static gboolean sibling_joins(const xmlNode *s, const xmlNode *best)
{
	const Info *i = info(s);
	if (!i || i->drop)
		return FALSE;
	double threshold = MAX(10, final_score(best) * 0.2);
	if (i->scored && final_score(s) >= threshold)
		return TRUE;
	/* a block without blocks in it is a paragraph too (Readability makes it
	 * a <p>) when long: short ones are datelines and bylines */
	if (tag_of(i) == T_BLOCK && !i->block && i->text > 80 && link_density(i) < 0.25)
		return TRUE;
	if (tag_of(i) == T_PARA) {
		double ld = link_density(i);
		if (i->text > 80 && ld < 0.25)
			return TRUE;
		if (i->text > 0 && i->text <= 80 && ld == 0)
			return TRUE;
	}
	return FALSE;
}

/* ---- writing the text -------------------------------------------------------- */

/* A block that is mostly links or too thin to be article text
 * (Readability's conditional cleaning, simplified). */
/* A block of one short word is a label ("Advertisement", "Comments",
 * "Share"), not article text. */
enum { MAX_LABEL_CHARS = 20 };
/* A paragraph that is mostly a link is a "Read more: ..." line. */
#define MAX_PARA_LINKS 0.5

static gboolean clean_out(const Info *i, gboolean in_quote)
{
	Tag t = tag_of(i);
	if (t == T_PARA || t == T_BLOCK || t == T_LI)
		if (i->words == 1 && i->text <= MAX_LABEL_CHARS)
			return TRUE;
	if (t == T_PARA) /* in a quoted post, links are its text */
		return !in_quote && link_density(i) > MAX_PARA_LINKS;
	/* An item of a list that stayed is a paragraph: a linked lead-in with
	 * its sentence after it is text ("10 things" digests), a bare link is
	 * not. */
	if (t == T_LI)
		return !in_quote && link_density(i) > MAX_PARA_LINKS;
	if (t != T_LIST && t != T_TABLE && t != T_BLOCK && t != T_HEAD && t != T_LI)
		return FALSE;
	if (i->weight + (i->scored ? i->score : 0) < 0)
		return TRUE;
	if (i->commas >= 10)
		return FALSE;
	double ld = link_density(i);
	if (t == T_HEAD)
		return ld > 0.5;
	if (i->weight < 25 && ld > 0.33)
		return TRUE;
	if (ld > 0.5)
		return TRUE;
	return FALSE;
}

/* A heading is held until article text follows it: one over a link list
 * that was cleaned out ("More stories"), or at the end, goes with it. */
typedef struct {
	Walker w;
	LedeHtmlSink out;
	LedeHtmlSink held; /* the last heading's text, not yet written */
	guint pre, head, quote;
} Emit;

static void put(Emit *e, const char *text)
{
	if (e->head) {
		lede_html_sink_put(&e->held, text, FALSE);
		return;
	}
	if (e->held.s->len) {
		gsize before = e->out.s->len;
		lede_html_sink_want(&e->out, LEDE_SEP_PARA);
		lede_html_sink_put(&e->out, e->held.s->str, FALSE);
		g_string_truncate(e->held.s, 0);
		e->held.pending = LEDE_SEP_NONE;
		if (e->out.s->len > before)
			lede_html_sink_want(&e->out, LEDE_SEP_PARA);
	}
	lede_html_sink_put(&e->out, text, e->pre > 0);
}

static gboolean emit_enter(Walker *w, xmlNode *n)
{
	Emit *e = (Emit *)w;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			put(e, (const char *)n->content);
		return FALSE;
	}
	Info *i = info(n);
	if (!i || i->drop || clean_out(i, e->quote > 0))
		return FALSE;
	switch (tag_of(i)) {
	case T_H1:
		return FALSE;
	case T_BR:
		lede_html_sink_want(&e->out, e->out.pending >= LEDE_SEP_LINE ? LEDE_SEP_PARA
		                                                             : LEDE_SEP_LINE);
		break;
	case T_CELL:
		lede_html_sink_want(&e->out, LEDE_SEP_SPACE);
		break;
	case T_PRE:
		e->pre++;
		lede_html_sink_want(&e->out, LEDE_SEP_PARA);
		break;
	case T_HEAD:
		if (!e->head++) { /* a heading with nothing after it goes */
			g_string_truncate(e->held.s, 0);
			e->held.pending = LEDE_SEP_NONE;
		}
		break;
	case T_OTHER:
	case T_LINK:
		break;
	case T_QUOTE:
		e->quote++;
		lede_html_sink_want(&e->out, LEDE_SEP_PARA);
		break;
	default:
		lede_html_sink_want(&e->out, LEDE_SEP_PARA);
		break;
	}
	return TRUE;
}

static void emit_leave(Walker *w, xmlNode *n)
{
	Emit *e = (Emit *)w;
	Tag t = tag_of(info(n));
	if (t == T_PRE)
		e->pre--;
	if (t == T_HEAD)
		e->head--;
	if (t == T_QUOTE)
		e->quote--;
	if (t == T_CELL)
		lede_html_sink_want(&e->out, LEDE_SEP_SPACE);
	else if (t != T_OTHER && t != T_LINK && t != T_BR)
		lede_html_sink_want(&e->out, LEDE_SEP_PARA);
}

/* The best block and its siblings; with no paragraph long enough to
 * score (a short page), whatever text the page keeps after cleaning. */
static char *article_text(xmlNode *best, xmlNode *root)
{
	Emit e = {{emit_enter, emit_leave},
	          {g_string_new(NULL), LEDE_SEP_NONE, FALSE},
	          {g_string_new(NULL), LEDE_SEP_NONE, TRUE},
	          0,
	          0,
	          0};
	if (best) {
		/* sections in wrappers join by their score alone */
		xmlNode *outer = sections_wrapper(best);
		xmlNode *parent = outer->parent;
		if (parent && info(parent)) {
			for (xmlNode *s = parent->children; s; s = s->next) {
				gboolean joins =
				    outer == best ? sibling_joins(s, best) : is_section(s, best);
				if (s == outer || joins) {
					lede_html_sink_want(&e.out, LEDE_SEP_PARA);
					walk(&e.w, s);
				}
			}
		} else
			walk(&e.w, best);
	} else {
		walk(&e.w, root);
	}
	g_string_free(e.held.s, TRUE);
	return g_string_free(e.out.s, FALSE);
}

/* ---- metadata ------------------------------------------------------------------ */

struct lede_article {
	char *title, *byline, *date, *url, *site, *lang, *text;
};

typedef struct {
	Walker w;
	lede_article *a;
	char *og_title, *h1, *doc_title, *time;
	char *meta_author, *ld_author, *ld_headline, *ld_date, *meta_date, *og_url, *canonical;
	char *meta_lang;
} Meta;

static char *node_text(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	if (!c)
		return NULL;
	LedeHtmlSink k = {g_string_new(NULL), LEDE_SEP_NONE, TRUE};
	lede_html_sink_put(&k, (const char *)c, FALSE);
	xmlFree(c);
	if (!k.s->len) {
		g_string_free(k.s, TRUE);
		return NULL;
	}
	return g_string_free(k.s, FALSE);
}

static void set_once(char **slot, char *value)
{
	if (!*slot && value && *value) {
		*slot = value;
		return;
	}
	g_free(value);
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = g_strstrip(g_strdup((char *)v));
	xmlFree(v);
	return s;
}

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The name of an author or publisher: a string, an object, or a list of them. */
static char *json_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return g_strdup(v->valuestring);
	if (cJSON_IsArray(v)) {
		GString *s = g_string_new(NULL);
		const cJSON *x;
		cJSON_ArrayForEach(x, v)
		{
			const char *name = cJSON_IsString(x) ? x->valuestring : json_str(x, "name");
			if (name && *name)
				g_string_append_printf(s, "%s%s", s->len ? ", " : "", name);
		}
		return g_string_free(s, s->len == 0);
	}
	if (cJSON_IsObject(v)) {
		const char *name = json_str(v, "name");
		return name ? g_strdup(name) : NULL;
	}
	return NULL;
}

/* Reads the JSON-LD objects of a <script type="application/ld+json">: a
 * list, an object, or an object with an @graph list (one level, no walk). */
static void read_json_ld(Meta *m, const char *text)
{
	cJSON *root = cJSON_Parse(text);
	if (!root)
		return;
	GPtrArray *objs = g_ptr_array_new();
	const cJSON *x;
	if (cJSON_IsArray(root)) {
		cJSON_ArrayForEach(x, root) g_ptr_array_add(objs, (gpointer)x);
	} else if (cJSON_IsObject(root)) {
		g_ptr_array_add(objs, root);
		const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "@graph");
		if (cJSON_IsArray(graph))
			cJSON_ArrayForEach(x, graph) g_ptr_array_add(objs, (gpointer)x);
	}
	for (guint k = 0; k < objs->len; k++) {
		const cJSON *o = objs->pdata[k];
		if (!cJSON_IsObject(o))
			continue;
		const char *date = json_str(o, "datePublished");
		if (!date)
			continue; /* not an article */
		set_once(&m->ld_date, g_strdup(date));
		const char *headline = json_str(o, "headline");
		set_once(&m->ld_headline, headline ? g_strdup(headline) : NULL);
		set_once(&m->ld_author, json_name(cJSON_GetObjectItemCaseSensitive(o, "author")));
		const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
		set_once(&m->a->site, json_name(pub));
	}
	g_ptr_array_free(objs, TRUE);
	cJSON_Delete(root);
}

static void read_meta(Meta *m, xmlNode *n)
{
	char *key = attr(n, "property");
	if (!key)
		key = attr(n, "name");
	if (!key)
		key = attr(n, "itemprop");
	char *content = attr(n, "content");
	if (!key || !content) {
		char *he = attr(n, "http-equiv");
		if (he && content && !g_ascii_strcasecmp(he, "content-language"))
			set_once(&m->meta_lang, g_strdup(content));
		g_free(he);
		g_free(key);
		g_free(content);
		return;
	}
	char *k = g_ascii_strdown(key, -1);
	if (!strcmp(k, "og:title"))
		set_once(&m->og_title, g_strdup(content));
	else if (!strcmp(k, "og:site_name"))
		set_once(&m->a->site, g_strdup(content));
	else if (!strcmp(k, "og:url"))
		set_once(&m->og_url, g_strdup(content));
	else if (!strcmp(k, "article:published_time") || !strcmp(k, "datepublished") ||
	         !strcmp(k, "date") || !strcmp(k, "dc.date") || !strcmp(k, "dc.date.issued") ||
	         !strcmp(k, "pubdate") || !strcmp(k, "publish-date"))
		set_once(&m->meta_date, g_strdup(content));
	else if (!strcmp(k, "author") || !strcmp(k, "dc.creator"))
		set_once(&m->meta_author, g_strdup(content));
	else if (!strcmp(k, "og:locale"))
		set_once(&m->meta_lang, g_strdup(content));
	g_free(k);
	g_free(key);
	g_free(content);
}

static gboolean meta_enter(Walker *w, xmlNode *n)
{
	Meta *m = (Meta *)w;
	if (n->type != XML_ELEMENT_NODE)
		return FALSE;
	const char *name = (const char *)n->name;
	if (!strcmp(name, "html"))
		set_once(&m->a->lang, attr(n, "lang"));
	else if (!strcmp(name, "meta"))
		read_meta(m, n);
	else if (!strcmp(name, "title"))
		set_once(&m->doc_title, node_text(n));
	else if (!strcmp(name, "h1") && !(info(n) && info(n)->drop))
		set_once(&m->h1, node_text(n));
	else if (!strcmp(name, "time"))
		set_once(&m->time, attr(n, "datetime"));
	else if (!strcmp(name, "link")) {
		if (attr_has(n, "rel", "canonical"))
			set_once(&m->canonical, attr(n, "href"));
	} else if (!strcmp(name, "script")) {
		if (attr_has(n, "type", "ld+json")) {
			xmlChar *c = xmlNodeGetContent(n);
			if (c)
				read_json_ld(m, (const char *)c);
			xmlFree(c);
		}
		return FALSE;
	} else if (!strcmp(name, "style"))
		return FALSE;
	return TRUE;
}

/* A date as ISO 8601: kept when GLib reads it as one (with its time zone),
 * else its leading YYYY-MM-DD when it has one, else NULL. */
static char *iso_date(const char *s)
{
	if (!s)
		return NULL;
	GTimeZone *utc = g_time_zone_new_utc();
	GDateTime *dt = g_date_time_new_from_iso8601(s, utc);
	g_time_zone_unref(utc);
	if (dt) {
		char *r = g_date_time_format_iso8601(dt);
		g_date_time_unref(dt);
		return r;
	}
	if (strlen(s) >= 10 && g_ascii_isdigit(s[0]) && g_ascii_isdigit(s[1]) &&
	    g_ascii_isdigit(s[2]) && g_ascii_isdigit(s[3]) && s[4] == '-' &&
	    g_ascii_isdigit(s[5]) && g_ascii_isdigit(s[6]) && s[7] == '-' &&
	    g_ascii_isdigit(s[8]) && g_ascii_isdigit(s[9]))
		return g_strndup(s, 10);
	return NULL;
}

/* "Headline | Site" or "Headline - Site": the part that is not the site's
 * name, when a separator splits the title; else the title. */
static char *strip_site(const char *title, const char *site)
{
	static const char *const seps[] = {
	    " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xbb ", " / "};
	for (gsize k = 0; k < G_N_ELEMENTS(seps); k++) {
		const char *last = NULL;
		for (const char *p = strstr(title, seps[k]); p; p = strstr(p + 1, seps[k]))
			last = p;
		if (!last)
			continue;
		const char *tail = last + strlen(seps[k]);
		/* The tail is the site's name when it says so, or when it is short. */
		if ((site && !g_ascii_strcasecmp(tail, site)) || strlen(tail) < strlen(title) / 2) {
			char *head = g_strndup(title, last - title);
			return g_strstrip(head);
		}
	}
	return g_strdup(title);
}

static void read_metadata(lede_article *a, xmlDoc *doc, const lede_extract_options *opts)
{
	Meta m = {0};
	m.w.enter = meta_enter;
	m.a = a;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		walk(&m.w, root);
	if (m.og_title)
		a->title = g_strdup(m.og_title);
	else if (m.ld_headline)
		a->title = g_strdup(m.ld_headline);
	else if (m.h1)
		a->title = g_strdup(m.h1);
	else if (m.doc_title)
		a->title = strip_site(m.doc_title, a->site);
	if (a->title && a->site && strcmp(a->title, a->site)) {
		char *t = strip_site(a->title, a->site);
		g_free(a->title);
		a->title = t;
	}
	a->byline = m.ld_author ? g_strdup(m.ld_author) : g_strdup(m.meta_author);
	a->date = iso_date(m.meta_date);
	if (!a->date)
		a->date = iso_date(m.ld_date);
	if (!a->date)
		a->date = iso_date(m.time);
	a->url = g_strdup(m.canonical ? m.canonical
	                  : m.og_url  ? m.og_url
	                  : opts      ? opts->url
	                              : NULL);
	if (!a->lang && m.meta_lang)
		a->lang = g_strdup(m.meta_lang);
	char **all[] = {&m.og_title,    &m.h1,        &m.doc_title,   &m.time,
	                &m.meta_author, &m.ld_author, &m.ld_headline, &m.ld_date,
	                &m.meta_date,   &m.og_url,    &m.canonical,   &m.meta_lang};
	for (gsize k = 0; k < G_N_ELEMENTS(all); k++)
		g_free(*all[k]);
}

/* ---- the API ------------------------------------------------------------------ */

gboolean lede_extract_options_init(lede_extract_options *opts, unsigned version, GError **error)
{
	if (version != LEDE_EXTRACT_OPTIONS_VERSION) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "extract options version %u unknown (this library: %u)", version,
		            LEDE_EXTRACT_OPTIONS_VERSION);
		return FALSE;
	}
	memset(opts, 0, sizeof *opts);
	opts->version = version;
	return TRUE;
}

/* Forgets every node's facts: no node may point at them afterwards. */
static void forget_infos(xmlNode *root)
{
	for (xmlNode *x = root; x;) {
		x->_private = NULL;
		if (x->type == XML_ELEMENT_NODE && x->children) {
			x = x->children;
			continue;
		}
		while (x != root && !x->next)
			x = x->parent;
		if (x == root)
			break;
		x = x->next;
	}
}

/* One pass: the article's text as the flags find it. */
static char *extract_pass(xmlNode *root, Info *infos, gsize n, unsigned flags)
{
	memset(infos, 0, n * sizeof *infos);
	Count c = {{raw_enter, raw_leave}, infos, 0, n, 0, 0, g_ptr_array_new(), 0, flags};
	walk(&c.w, root);
	c.page_raw = info(root) ? info(root)->raw : 0;
	c.w = (Walker){count_enter, count_leave};
	walk(&c.w, root);
	xmlNode *best = best_candidate(c.candidates);
	char *text = article_text(best, root);
	g_ptr_array_free(c.candidates, TRUE);
	forget_infos(root);
	return text;
}

/* Characters an article needs to be taken without a second look
 * (Readability's charThreshold): a shorter one may be a byline that a
 * class word outscored, or an article a class word dropped. */
enum { MIN_ARTICLE_CHARS = 500 };

static void extract_body(lede_article *a, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root)
		return;
	gsize n = count_elements(root);
	Info *infos = g_new(Info, n);
	/* Readability's order: class words no longer drop, then no longer
	 * weigh. A pass that trusts less finds more text, so its text
	 * is taken only when it is at least twice as long: then it found the
	 * article, not the furniture around a short one. The cleaning of
	 * link lists and labels stays (Readability drops it last; without it
	 * every short article would take its labels back). */
	static const unsigned passes[] = {F_STRIP | F_WEIGHT, F_WEIGHT, 0};
	char *best = NULL;
	glong best_len = 0;
	for (gsize k = 0; k < G_N_ELEMENTS(passes) && best_len < MIN_ARTICLE_CHARS; k++) {
		char *text = extract_pass(root, infos, n, passes[k]);
		lede_html_ensure_utf8(&text);
		glong len = g_utf8_strlen(text, -1);
		if (best && len < 2 * best_len) {
			g_free(text);
			continue;
		}
		g_free(best);
		best = text;
		best_len = len;
	}
	a->text = best;
	g_free(infos);
}

lede_article *lede_extract(const char *html, gsize len, const lede_extract_options *opts,
                           GError **error)
{
	if (opts && opts->version != LEDE_EXTRACT_OPTIONS_VERSION) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "extract options version %u unknown", opts->version);
		return NULL;
	}
	if (len > G_MAXINT) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID, "HTML larger than %d bytes",
		            G_MAXINT);
		return NULL;
	}
	/* UTF-16 is made of NUL bytes: the text is checked, not the bytes */
	gsize n;
	char *utf8 = lede_html_decode(html, len, &n);
	if (memchr(utf8, 0, n) || n > G_MAXINT) {
		g_free(utf8);
		if (n > G_MAXINT)
			g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
			            "HTML larger than %d bytes", G_MAXINT);
		else
			g_set_error(error, LEDE_ERROR, LEDE_ERROR_BINARY,
			            "binary file (contains NUL bytes)");
		return NULL;
	}
	if (!lede_html_init(error)) {
		g_free(utf8);
		return NULL;
	}
	xmlDoc *doc;
	gboolean parsed = lede_html_parse(utf8, (int)n, "UTF-8", utf8, &doc, error);
	if (!parsed)
		return NULL;
	lede_article *a = g_new0(lede_article, 1);
	if (doc) {
		extract_body(a, doc);
		read_metadata(a, doc, opts);
	}
	xmlFreeDoc(doc);
	if (!a->text)
		a->text = g_strdup("");
	char **fields[] = {&a->title, &a->byline, &a->date, &a->url, &a->site, &a->lang};
	for (gsize k = 0; k < G_N_ELEMENTS(fields); k++)
		if (*fields[k])
			lede_html_ensure_utf8(fields[k]);
	return a;
}

#else /* !LEDE_HAVE_HTML */

struct lede_article {
	char *title, *byline, *date, *url, *site, *lang, *text;
};

gboolean lede_extract_options_init(lede_extract_options *opts, unsigned version, GError **error)
{
	if (version != LEDE_EXTRACT_OPTIONS_VERSION) {
		g_set_error(error, LEDE_ERROR, LEDE_ERROR_INVALID,
		            "extract options version %u unknown (this library: %u)", version,
		            LEDE_EXTRACT_OPTIONS_VERSION);
		return FALSE;
	}
	memset(opts, 0, sizeof *opts);
	opts->version = version;
	return TRUE;
}

lede_article *lede_extract(const char *html, gsize len, const lede_extract_options *opts,
                           GError **error)
{
	(void)html;
	(void)len;
	(void)opts;
	g_set_error(error, LEDE_ERROR, LEDE_ERROR_FAILED, "HTML support not built");
	return NULL;
}

#endif

void lede_article_free(lede_article *a)
{
	if (!a)
		return;
	g_free(a->title);
	g_free(a->byline);
	g_free(a->date);
	g_free(a->url);
	g_free(a->site);
	g_free(a->lang);
	g_free(a->text);
	g_free(a);
}

const char *lede_article_title(const lede_article *a)
{
	return a->title;
}
const char *lede_article_byline(const lede_article *a)
{
	return a->byline;
}
const char *lede_article_date(const lede_article *a)
{
	return a->date;
}
const char *lede_article_url(const lede_article *a)
{
	return a->url;
}
const char *lede_article_site(const lede_article *a)
{
	return a->site;
}
const char *lede_article_lang(const lede_article *a)
{
	return a->lang;
}
const char *lede_article_text(const lede_article *a)
{
	return a->text;
}
