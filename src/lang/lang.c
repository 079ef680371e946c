/* The languages lede knows, and telling which one a text is in.
 *
 * Identification: libexttextcat (the n-gram identifier LibreOffice uses,
 * Debian's libexttextcat-2.0-0 with the fingerprints of libexttextcat-data)
 * is loaded with dlopen the first time a text needs it, as libxml2 is
 * (xml-api.c): English text, most of what lede reads, is told by a look for
 * its commonest words in the first kilobyte and never loads it, and a lede
 * without the package summarizes every text as English, as it always did.
 * Kana, Hangul and unspaced Han are told by their script: textcat's
 * fingerprints come from short texts and confuse Japanese with Chinese. */
#include "lede-private.h"
#include "lang/lang.h"

#include <dlfcn.h>
#include <string.h>

const LedeLang *lede_lang_fr(void);
const LedeLang *lede_lang_de(void);
const LedeLang *lede_lang_pt(void);
const LedeLang *lede_lang_id(void);
const LedeLang *lede_lang_ar(void);
const LedeLang *lede_lang_ja(void);
const LedeLang *lede_lang_zh(void);

/* Snowball's other languages: their stemmer, nothing else written yet. */
#define SNOWBALL(iso, name)                                                                        \
	{                                                                                          \
		.code = iso, .stemmer = name, .headline_max = LEDE_HEADLINE_LATIN                                  \
	}
static const LedeLang snowball[] = {
    SNOWBALL("ca", "catalan"),   SNOWBALL("da", "danish"),     SNOWBALL("el", "greek"),
    SNOWBALL("es", "spanish"),   SNOWBALL("eu", "basque"),     SNOWBALL("fi", "finnish"),
    SNOWBALL("ga", "irish"),     SNOWBALL("hi", "hindi"),      SNOWBALL("hu", "hungarian"),
    SNOWBALL("hy", "armenian"),  SNOWBALL("it", "italian"),    SNOWBALL("lt", "lithuanian"),
    SNOWBALL("nb", "norwegian"), SNOWBALL("ne", "nepali"),     SNOWBALL("nl", "dutch"),
    SNOWBALL("nn", "norwegian"), SNOWBALL("no", "norwegian"),  SNOWBALL("ro", "romanian"),
    SNOWBALL("ru", "russian"),   SNOWBALL("sr", "serbian"),    SNOWBALL("sv", "swedish"),
    SNOWBALL("ta", "tamil"),     SNOWBALL("tr", "turkish"),    SNOWBALL("yi", "yiddish"),
};

static const LedeLang generic = {.code = NULL, .headline_max = LEDE_HEADLINE_LATIN};

const LedeLang *lede_lang_generic(void)
{
	return &generic;
}

static const LedeLang *written(const char *code)
{
	static const LedeLang *(*const all[])(void) = {
	    lede_lang_en, lede_lang_fr, lede_lang_de, lede_lang_pt,
	    lede_lang_id, lede_lang_ar, lede_lang_ja, lede_lang_zh,
	};
	for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
		const LedeLang *l = all[i]();
		if (strcmp(l->code, code) == 0)
			return l;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(snowball); i++)
		if (strcmp(snowball[i].code, code) == 0)
			return &snowball[i];
	return NULL;
}

const LedeLang *lede_lang_get(const char *code)
{
	const LedeLang *l = code ? written(code) : NULL;
	return l ? l : &generic;
}

gboolean lede_lang_known(const char *code)
{
	return code && written(code) != NULL;
}

gboolean lede_lang_valid_code(const char *code)
{
	return code && g_ascii_islower(code[0]) && g_ascii_islower(code[1]) && !code[2];
}

/* ---- identification ------------------------------------------------------ */

/* Bytes of a text read to identify it: a few sentences are plenty for
 * n-gram statistics, and a long article costs no more than a short one. */
#define ID_PREFIX 2048
/* English is recognised without textcat by this many of " the ", " of ",
 * " to " and " and " (one "the" at least) in the first ENGLISH_WINDOW bytes:
 * news English has some twenty in a kilobyte, other languages in the Latin
 * script none but in a quoted English title ("Game of Thrones", one or two).
 * Loading textcat costs more than summarizing a hundred articles. */
#define ENGLISH_WINDOW 1024
#define ENGLISH_HITS 6

static guint count_word(const char *p, gsize len, const char *w, gsize wn)
{
	guint n = 0;
	const char *end = p + len;
	while (p < end) {
		const char *q = memmem(p, (gsize)(end - p), w, wn);
		if (!q)
			break;
		n++;
		p = q + wn;
	}
	return n;
}

static gboolean looks_english(const char *text, gsize len)
{
	gsize n = MIN(len, (gsize)ENGLISH_WINDOW);
	guint the = count_word(text, n, " the ", 5);
	if (!the)
		return FALSE;
	guint hits = the + count_word(text, n, " of ", 4) + count_word(text, n, " to ", 4) +
	             count_word(text, n, " and ", 5);
	return hits >= ENGLISH_HITS;
}

typedef struct {
	void *(*init)(const char *conf, const char *prefix);
	char *(*classify)(void *h, const char *buf, size_t size);
	void *handle;
	GMutex lock; /* textcat keeps its working state in the handle */
} Textcat;

#define TEXTCAT_SONAME "libexttextcat-2.0.so.0"
#define TEXTCAT_DATA "/usr/share/libexttextcat/"

static gpointer load_textcat(gpointer unused)
{
	(void)unused;
	void *lib = dlopen(TEXTCAT_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return NULL;
	static Textcat tc;
	void *init = dlsym(lib, "special_textcat_Init");
	void *classify = dlsym(lib, "textcat_Classify");
	if (!init || !classify)
		return NULL;
	/* POSIX: a dlsym result converts to a function pointer. */
	memcpy(&tc.init, &init, sizeof init);
	memcpy(&tc.classify, &classify, sizeof classify);
	tc.handle = tc.init(TEXTCAT_DATA "fpdb.conf", TEXTCAT_DATA);
	if (!tc.handle)
		return NULL;
	g_mutex_init(&tc.lock);
	/* The library and its fingerprints stay loaded for the process's life. */
	return &tc;
}

static Textcat *textcat(void)
{
	static GOnce once = G_ONCE_INIT;
	return g_once(&once, load_textcat, NULL);
}

/* textcat's answer "[fr--utf8]" or "[sco--utf8][en--utf8]" (best first;
 * several when they are close) as an ISO 639-1 code in code (3 bytes): the
 * first candidate that has one (Indonesian when Malay is first and it is a
 * candidate). Scots (sco) is English to lede: textcat
 * calls short English news Scots as often as English. FALSE for "UNKNOWN",
 * "SHORT" and candidates without a two-letter code. */
static gboolean parse_answer(const char *r, char *code)
{
	/* Malay and Indonesian share most of their words and textcat's
	 * fingerprints tell them apart poorly; lede has an Indonesian pipeline. */
	if (r && g_str_has_prefix(r, "[ms-") && strstr(r, "[id-")) {
		memcpy(code, "id", 3);
		return TRUE;
	}
	for (const char *p = r; p && *p == '['; p = strchr(p, ']') ? strchr(p, ']') + 1 : NULL) {
		gsize k = strcspn(p + 1, "-]");
		if (k == 3 && strncmp(p + 1, "sco", 3) == 0) {
			memcpy(code, "en", 3);
			return TRUE;
		}
		if (k == 2) {
			memcpy(code, p + 1, 2);
			code[2] = '\0';
			return TRUE;
		}
	}
	return FALSE;
}

/* Counts of the scripts that say a language by themselves. */
typedef struct {
	guint kana, han, hangul, letters;
} Scripts;

static void count_scripts(const char *text, gsize len, Scripts *sc)
{
	memset(sc, 0, sizeof *sc);
	const char *p = text, *end = text + len;
	while (p < end) {
		guchar c = (guchar)*p;
		if (c < 0x80) {
			sc->letters += g_ascii_isalpha(c);
			p++;
			continue;
		}
		gunichar u = g_utf8_get_char_validated(p, end - p);
		if (u == (gunichar)-1 || u == (gunichar)-2)
			break; /* the prefix cut a character */
		if ((u >= 0x3040 && u <= 0x30FF) || (u >= 0x31F0 && u <= 0x31FF))
			sc->kana++;
		else if ((u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF))
			sc->han++;
		else if ((u >= 0xAC00 && u <= 0xD7AF) || (u >= 0x1100 && u <= 0x11FF))
			sc->hangul++;
		else if (g_unichar_isalpha(u))
			sc->letters++;
		p = g_utf8_next_char(p);
	}
}

const char *lede_lang_identify(const char *text, gsize len)
{
	if (looks_english(text, len))
		return "en";
	gsize n = MIN(len, (gsize)ID_PREFIX);
	Scripts sc;
	count_scripts(text, n, &sc);
	guint cjk = sc.kana + sc.han;
	if (cjk > sc.letters && sc.kana * 20 >= cjk)
		return "ja";
	if (cjk > sc.letters)
		return "zh";
	if (sc.hangul > sc.letters)
		return "ko";
	Textcat *tc = textcat();
	if (!tc)
		return NULL;
	/* Cut at a character boundary: textcat counts UTF-8 characters. */
	while (n < len && n > 0 && ((guchar)text[n] & 0xC0) == 0x80)
		n--;
	char code[4];
	g_mutex_lock(&tc->lock);
	gboolean ok = parse_answer(tc->classify(tc->handle, text, n), code);
	g_mutex_unlock(&tc->lock);
	if (!ok)
		return NULL;
	/* An interned copy: the caller keeps it as long as it likes. */
	return g_intern_string(code);
}
