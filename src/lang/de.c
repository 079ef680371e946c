/* German. */
#include "lang.h"

/* Sorted by strcmp; lower case, without the final period. */
static const LedeAbbr abbrevs[] = {
    {"abs", LEDE_ABBR_NUM},    {"aug", LEDE_ABBR_TITLE},  {"bzw", LEDE_ABBR_NEVER},
    {"ca", LEDE_ABBR_NEVER},   {"d.h", LEDE_ABBR_NEVER},  {"dez", LEDE_ABBR_TITLE},
    {"dr", LEDE_ABBR_HONOR},   {"etc", LEDE_ABBR_END},    {"evtl", LEDE_ABBR_NEVER},
    {"feb", LEDE_ABBR_TITLE},  {"fr", LEDE_ABBR_HONOR},   {"ggf", LEDE_ABBR_NEVER},
    {"hr", LEDE_ABBR_HONOR},   {"inkl", LEDE_ABBR_NEVER}, {"jan", LEDE_ABBR_TITLE},
    {"jh", LEDE_ABBR_END},     {"mio", LEDE_ABBR_NEVER},  {"mrd", LEDE_ABBR_NEVER},
    {"nov", LEDE_ABBR_TITLE},  {"nr", LEDE_ABBR_NUM},     {"okt", LEDE_ABBR_TITLE},
    {"prof", LEDE_ABBR_HONOR}, {"sept", LEDE_ABBR_TITLE}, {"st", LEDE_ABBR_TITLE},
    {"str", LEDE_ABBR_TITLE},  {"u.a", LEDE_ABBR_NEVER},  {"usw", LEDE_ABBR_END},
    {"v.a", LEDE_ABBR_NEVER},  {"vgl", LEDE_ABBR_NEVER},  {"z.b", LEDE_ABBR_NEVER},
    {"z.t", LEDE_ABBR_NEVER},
};

/* Openers that lean on the sentence before (score.c's dangling feature). */
static const char *const dangling[] = {
    "er",       "sie",   "es",       "dies", "diese", "dieser",     "dieses", "aber",  "doch",
    "jedoch",   "auch",  "und",      "so",   "dann",  "dabei",      "damit",  "daher", "deshalb",
    "trotzdem", "zudem", "außerdem", "ihr",  "sein",  "seine",      "ihre",   "wir",   "ich",
    "man",      "dort",  "da",       "denn", "oder",  "allerdings", NULL,
};

/* Reporting verbs: a quotation that names its speaker. */
static const char *const speech[] = {
    "sagte",  "sagt",       "erklärte", "betonte", "laut",
    "meinte", "berichtete", "sagten",   "erklärt", NULL,
};

const LedeLang *lede_lang_de(void)
{
	static const LedeLang de = {
	    .code = "de",
	    .dangling = dangling,
	    .speech = speech,
	    .stemmer = "german",
	    .stopwords = "stopwords-de.txt",
	    .model = "de.ldf",
	    .weights = "weights-de.json",
	    .abbrevs = abbrevs,
	    .n_abbrevs = G_N_ELEMENTS(abbrevs),
	    .ordinal_dot = TRUE,
	    .headline_max = LEDE_HEADLINE_LATIN,
	};
	return &de;
}
