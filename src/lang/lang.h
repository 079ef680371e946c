/* Languages: what the pipeline needs to know about one, in one descriptor.
 *
 * A descriptor holds the lists the segmenter, the tokenizer, the scorer and
 * the headline read, so that a language is added in one file (src/lang/XX.c)
 * and nothing else branches on a language code. English (en.c) holds the
 * lists lede always had; the others are written for their language (see
 * src/lang/README.md for how). Layers below the summarizer (segment.c,
 * tokenize.c) only read a descriptor; doc.c picks it (lang.c identifies). */
#ifndef LEDE_LANG_H
#define LEDE_LANG_H

#include <glib.h>

/* What a period after a word says (segment.c). */
enum {
	LEDE_ABBR_NONE,
	LEDE_ABBR_NEVER, /* e.g. i.e. vs.: a sentence never ends there */
	LEDE_ABBR_HONOR, /* Dr. Gen. Ms.: always followed by a name, which may be "He" */
	LEDE_ABBR_TITLE, /* St. Mt. Jan.: precedes a name or a number, rarely ends a sentence */
	LEDE_ABBR_NUM,   /* No. Fig. Vol.: an abbreviation only before a number */
	LEDE_ABBR_END,   /* Inc. Jr. p.m. etc.: follows what it qualifies, may end a sentence */
	LEDE_ABBR_PREFIX /* U.S. U.K. (any dotted initialism): often precedes a noun */
};

/* Lower case, without the final period; a list sorted by strcmp (bsearch). */
typedef struct {
	const char *word;
	int kind;
} LedeAbbr;

typedef struct {
	const char *const *words;
	gsize n;
} LedeWords;

#define LEDE_WORDS(a)                                                                              \
	{                                                                                          \
		(a), G_N_ELEMENTS(a)                                                               \
	}

/* Default headline lengths in bytes by script, fitted on the first half of
 * the headline sets (README, "Languages"). */
#define LEDE_HEADLINE_LATIN 200
#define LEDE_HEADLINE_ARABIC 200
#define LEDE_HEADLINE_CJK 300

/* The word lists of kicker.c's rules (NULL-terminated, lower case), which
 * are written for English. */
typedef struct {
	const char *const *extra_stop;     /* end candidate runs: said, mr, monday */
	const char *const *function_words; /* a kicker may not end on one */
	const char *const *det, *const *prep,
	                            *const *subj; /* contexts that tell nouns from verbs */
	const char *const *irregular_past;
	const char *const *not_verb_forms; /* nouns in -ed, -ing, -ly */
	const char *const *adverbs;
	const char *const *calendar;     /* days, months, times: alone no label */
	const char *const *markup_words; /* wire markup and agencies */
	const char *const *media_words;  /* a phrase ending on one names a medium */
} LedeKickerWords;

/* The word lists of headline.c's rules (NULL-terminated, lower-case ASCII),
 * written for English. */
typedef struct {
	const char *const *pronouns;
	const char *const *anaphors;
	const char *const *phrase_openers;
	const char *const *finite_verbs;
	const char *const *days;
	const char *const *day_parts;
	const char *const *day_preps;
	const char *const *saying;
	const char *const *relatives;
	const char *const *subordinators;
	const char *const *clause_words;
	const char *const *lead_preps;
	const char *const *function_words;
	const char *const *months;
	const char *const *periods;
	const char *const *period_preps;
	const char *const *fillers;
	const char *const *name_titles;
} LedeHeadlineWords;

typedef struct LedeLang {
	const char *code;       /* ISO 639-1 */
	const char *stemmer;    /* Snowball algorithm, or NULL (no stemming) */
	const char *stopwords;  /* compiled-in resource, one word a line, or NULL */
	const char *stem_table; /* compiled-in stem table (lede-private.h), or NULL */
	const char *model;      /* compiled-in background model, or NULL */
	const char *weights;    /* compiled-in sentence weights, or NULL (English's) */
	const LedeAbbr *abbrevs;
	gsize n_abbrevs;
	LedeWords starters;      /* open sentences after an ambiguous abbreviation */
	LedeWords speech_verbs;  /* continue a sentence after a quoted '?' */
	LedeWords end_followers; /* capitalised words that still follow "p.m." */
	/* NULL-terminated lists of norms (score.c): openers that make a
	 * sentence lean on the one before it (he, but, also), and reporting
	 * verbs that name a quotation's speaker (said, told). */
	const char *const *dangling;
	/* Words that elide before a vowel and an apostrophe (French l' d'
	 * qu'): tokens of their own, NULL-terminated; NULL: none. */
	const char *const *elided;
	const char *const *speech;
	/* The headline's compression and the kicker's word lists are written
	 * for English: elsewhere the headline is the lead's main clause and
	 * the kicker a keyphrase, with no English rule. */
	gboolean english_rules;
	const LedeKickerWords *kicker;     /* with english_rules */
	const LedeHeadlineWords *headline; /* with english_rules */
	gboolean caseless;    /* no upper case (Arabic, CJK): a kicker is not upper-cased */
	gboolean cjk;         /* words are not spaced: tokens are character bigrams */
	gboolean ordinal_dot; /* "3. Oktober": a number of one or two digits and a period */
	guint headline_max;   /* bytes: the default headline length for the script */
} LedeLang;

/* English: what lede does without a language. */
const LedeLang *lede_lang_en(void);
/* Text whose language lede has no pipeline for: Unicode tokens, no stems,
 * no stop words, document-internal idf. */
const LedeLang *lede_lang_generic(void);
/* The pipeline for an ISO 639-1 code; the generic one for a code lede has
 * no descriptor for (a Snowball language gets its stemmer even so). Never
 * NULL. */
const LedeLang *lede_lang_get(const char *code);
/* TRUE when code has the form of an ISO 639-1 code (two lower-case letters). */
gboolean lede_lang_valid_code(const char *code);
/* TRUE when code names a language lede has a descriptor for. */
gboolean lede_lang_known(const char *code);

/* The language of text[0..len) as an ISO 639-1 code ("en", "fr", ...), or
 * NULL when it cannot be told. Reads at most a prefix of the text. */
const char *lede_lang_identify(const char *text, gsize len);
/* The language whose function words clearly lead in the first kilobyte
 * (the step before textcat); NULL when none does. */
const char *lede_lang_by_words(const char *text, gsize len);
/* The language the script of the first bytes says alone (Japanese, Chinese,
 * Korean, Arabic), the step after the function words; NULL otherwise. */
const char *lede_lang_by_script(const char *text, gsize len);

#endif
