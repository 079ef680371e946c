/* The languages lede knows, and telling which one a text is in.
 *
 * Identification: libexttextcat (the n-gram identifier LibreOffice uses,
 * Debian's libexttextcat-2.0-0 with the fingerprints of libexttextcat-data)
 * is loaded with dlopen the first time a text needs it, as libxml2 is
 * (xml-api.c): English text, most of what lede reads, is told by a look for
 * its commonest words in the first kilobyte, and the other languages lede
 * has pipelines for by their function words, so they never load it; a lede
 * without the package gives the rest the generic pipeline. Kana, Hangul
 * and unspaced Han are told by their script: textcat's fingerprints come
 * from short texts and confuse Japanese with Chinese. */
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
		.code = iso, .stemmer = name, .headline_max = LEDE_HEADLINE_LATIN                  \
	}
static const LedeLang snowball[] = {
    SNOWBALL("ca", "catalan"),   SNOWBALL("da", "danish"),    SNOWBALL("el", "greek"),
    SNOWBALL("es", "spanish"),   SNOWBALL("eu", "basque"),    SNOWBALL("fi", "finnish"),
    SNOWBALL("ga", "irish"),     SNOWBALL("hi", "hindi"),     SNOWBALL("hu", "hungarian"),
    SNOWBALL("hy", "armenian"),  SNOWBALL("it", "italian"),   SNOWBALL("lt", "lithuanian"),
    SNOWBALL("nb", "norwegian"), SNOWBALL("ne", "nepali"),    SNOWBALL("nl", "dutch"),
    SNOWBALL("nn", "norwegian"), SNOWBALL("no", "norwegian"), SNOWBALL("ro", "romanian"),
    SNOWBALL("ru", "russian"),   SNOWBALL("sr", "serbian"),   SNOWBALL("sv", "swedish"),
    SNOWBALL("ta", "tamil"),     SNOWBALL("tr", "turkish"),   SNOWBALL("yi", "yiddish"),
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
/* Bytes whose scripts are counted: some 170 kana or Han, plenty to tell. */
#define SCRIPT_PREFIX 512
/* English is recognised without textcat by this many of " the ", " of ",
 * " to " and " and " (one "the" at least) in the first ENGLISH_WINDOW bytes:
 * news English has some twenty in a kilobyte, other languages in the Latin
 * script none but in a quoted English title ("Game of Thrones", one or two).
 * Loading textcat costs more than summarizing a hundred articles. */
#define ENGLISH_WINDOW 1024
#define ENGLISH_HITS 6
/* Arabic letters that make a text in that script Arabic (a few words). */
#define ARABIC_MIN 12
/* Kana that make a text Japanese even among as many Latin letters. */
#define KANA_MIN 10

/* One pass from space to space, stopping as soon as it is sure: English
 * gets there in a few hundred bytes. memmem for each word cost four times
 * as much (2% of a batch of English news). */
static gboolean looks_english(const char *text, gsize len)
{
	const char *p = text, *end = text + MIN(len, (gsize)ENGLISH_WINDOW);
	guint the = 0, hits = 0;
	while (end - p >= 4 && (p = memchr(p, ' ', (gsize)(end - p))) && end - p >= 4) {
		p++; /* at least three bytes follow */
		gsize room = (gsize)(end - p);
		if (p[0] == 't' && p[1] == 'h' && p[2] == 'e' && room >= 4 && p[3] == ' ')
			the++, hits++;
		else if ((p[0] == 'o' && p[1] == 'f' && p[2] == ' ') ||
		         (p[0] == 't' && p[1] == 'o' && p[2] == ' ') ||
		         (p[0] == 'a' && p[1] == 'n' && p[2] == 'd' && room >= 4 && p[3] == ' '))
			hits++;
		if (the && hits >= ENGLISH_HITS)
			return TRUE;
	}
	return FALSE;
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
	/* Arabic's own 28 letters and hamza forms (U+0621-U+064A), and the
	 * letters that Persian, Urdu, Pashto, Kurdish, Sindhi and Uyghur add to
	 * the script (گ ک ی پ چ ے ہ ...), one of which their texts show within
	 * a few words. All are letters too. */
	guint arabic, arabic_ext;
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
		else if (g_unichar_isalpha(u)) {
			sc->letters++;
			if (u >= 0x0621 && u <= 0x064A)
				sc->arabic++;
			else if ((u >= 0x0671 && u <= 0x06FF) || (u >= 0x0750 && u <= 0x077F) ||
			         (u >= 0x08A0 && u <= 0x08FF))
				sc->arabic_ext++;
		}
		p = g_utf8_next_char(p);
	}
}

/* The commonest function words of the languages lede has a pipeline for
 * (English again: a short text has too few " the " for looks_english),
 * and of their near neighbours (es, it, nl, ca; Persian and Urdu beside
 * Arabic), which guard against a neighbour taken for one of them. Words that two of these share
 * (de, la, que, en, a) count for both. */
static const struct {
	const char *code;
	const char *words; /* space-separated, between spaces */
} function_words[] = {
    {"en", " the of and to in is was for on that with he it said by at his as from has have are be "
           "this who an were had not but "},
    {"fr", " le les des du est et une dans pour qui sur par au aux pas ce cette il sont avec "},
    {"de", " der die das und ist nicht mit von den dem ein eine sich auf für zu im auch es "},
    {"pt", " os as do da dos das em no na não com um uma ao foi é pelo pela "},
    {"id", " yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada "},
    {"es", " el los las del y es por con una un su al lo más fue "},
    {"it", " il di che e un una per non sono del della è con gli alla "},
    {"nl", " het een van en is op dat niet met voor zijn te ook "},
    {"ca", " el els les i amb per és una un del al més va "},
    {"ar", " في من على إلى أن التي الذي عن مع هذا هذه كان "},
    {"fa", " از به که را این است با برای "},
    {"ur", " کے میں ہے کی اور سے کو "},
};

/* Hits at least, and times the runner-up's, for a decision without textcat. */
#define WORDS_MIN 8
#define WORDS_MARGIN 2

G_STATIC_ASSERT(G_N_ELEMENTS(function_words) <= 32);

/* Word -> the languages (bits, function_words' order) it is a function word
 * of; built once. */
static gpointer build_word_table(gpointer unused)
{
	(void)unused;
	GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint k = 0; k < G_N_ELEMENTS(function_words); k++) {
		char **words = g_strsplit(function_words[k].words, " ", -1);
		for (char **w = words; *w; w++) {
			if (!**w)
				continue;
			gpointer old = NULL;
			char *key = *w;
			gpointer found_key;
			if (g_hash_table_lookup_extended(t, key, &found_key, &old)) {
				key = found_key;
			} else {
				key = g_strdup(key); /* lives as long as the process */
			}
			g_hash_table_insert(t, key,
			                    GUINT_TO_POINTER(GPOINTER_TO_UINT(old) | 1u << k));
		}
		g_strfreev(words);
	}
	return t;
}

/* The language whose function words fill the first kilobyte, when one
 * clearly does; NULL otherwise. textcat compares a text with 163
 * fingerprints, some 2.5 million instructions a document, twelve times
 * what summarizing it costs; this is a hash lookup a word. */
const char *lede_lang_by_words(const char *text, gsize len)
{
	static GOnce once = G_ONCE_INIT;
	GHashTable *table = g_once(&once, build_word_table, NULL);
	enum { N = G_N_ELEMENTS(function_words) };
	guint hits[N] = {0};
	/* apart[k][j]: hits of k's words that are not j's too. A word two
	 * languages share ("il" is French and Italian) says nothing about which
	 * of the two a text is in, so the runner-up is weighed by its own. */
	guint apart[N][N];
	memset(apart, 0, sizeof apart);
	const char *p = text, *end = text + MIN(len, (gsize)ENGLISH_WINDOW);
	char w[16];
	while (p < end) {
		while (p < end && (g_ascii_isspace(*p) || g_ascii_ispunct(*p)))
			p++;
		const char *q = p;
		while (q < end && !g_ascii_isspace(*q) && !g_ascii_ispunct(*q))
			q++;
		gsize n = (gsize)(q - p);
		if (n && n < sizeof w) {
			for (gsize i = 0; i < n; i++)
				w[i] = lede_ascii_lower(p[i]);
			w[n] = '\0';
			guint bits = GPOINTER_TO_UINT(g_hash_table_lookup(table, w));
			for (guint k = 0; k < N && bits >> k; k++) {
				if (!(bits >> k & 1))
					continue;
				hits[k]++;
				for (guint j = 0; j < N; j++)
					apart[k][j] += !(bits >> j & 1);
			}
		}
		p = q;
	}
	gsize best = 0;
	for (gsize k = 1; k < N; k++)
		if (hits[k] > hits[best])
			best = k;
	for (gsize k = 0; k < N; k++)
		if (k != best && apart[k][best] * WORDS_MARGIN > hits[best])
			return NULL;
	return hits[best] >= WORDS_MIN ? function_words[best].code : NULL;
}

const char *lede_lang_by_script(const char *text, gsize len)
{
	Scripts sc;
	count_scripts(text, MIN(len, (gsize)SCRIPT_PREFIX), &sc);
	guint cjk = sc.kana + sc.han;
	/* Kana are Japanese alone: a technology article full of Latin names
	 * is Japanese still. */
	if ((cjk > sc.letters || (sc.kana >= KANA_MIN && cjk * 2 >= sc.letters)) &&
	    sc.kana * 20 >= cjk)
		return "ja";
	if (cjk > sc.letters)
		return "zh";
	if (sc.hangul > sc.letters)
		return "ko";
	/* Arabic script without a letter the other languages written in it
	 * add: Arabic. Its function words miss news whose words carry their
	 * clitics (وفي, بالرياض): 82 of ar-title-dev's 500 went to textcat, a
	 * third of the batch's instructions, and it said Arabic for each. */
	if (sc.arabic >= ARABIC_MIN && sc.arabic * 2 > sc.letters &&
	    sc.arabic_ext * 100 <= sc.arabic)
		return "ar";
	return NULL;
}

const char *lede_lang_identify(const char *text, gsize len)
{
	if (looks_english(text, len))
		return "en";
	const char *fast = lede_lang_by_words(text, len);
	if (!fast)
		fast = lede_lang_by_script(text, len);
	if (fast)
		return fast;
	gsize n = MIN(len, (gsize)ID_PREFIX);
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
