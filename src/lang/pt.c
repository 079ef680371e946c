/* Portuguese. */
#include "lang.h"

/* Sorted by strcmp; lower case, without the final period. */
static const LedeAbbr abbrevs[] = {
    {"av", LEDE_ABBR_TITLE},  {"cia", LEDE_ABBR_END},    {"dr", LEDE_ABBR_HONOR},
    {"dra", LEDE_ABBR_HONOR}, {"etc", LEDE_ABBR_END},    {"ex", LEDE_ABBR_NEVER},
    {"exa", LEDE_ABBR_HONOR}, {"gal", LEDE_ABBR_HONOR},  {"gov", LEDE_ABBR_HONOR},
    {"jr", LEDE_ABBR_END},    {"ltda", LEDE_ABBR_END},   {"pe", LEDE_ABBR_HONOR},
    {"pp", LEDE_ABBR_NUM},    {"prof", LEDE_ABBR_HONOR}, {"profa", LEDE_ABBR_HONOR},
    {"sr", LEDE_ABBR_HONOR},  {"sra", LEDE_ABBR_HONOR},  {"srta", LEDE_ABBR_HONOR},
    {"vol", LEDE_ABBR_NUM},
};

/* Openers that lean on the sentence before (score.c's dangling feature). */
static const char *const dangling[] = {
    "ele",  "ela",   "eles",   "elas", "isso",  "isto",  "este",    "esta",       "esse",   "essa",
    "mas",  "porém", "também", "e",    "então", "assim", "contudo", "entretanto", "seu",    "sua",
    "seus", "suas",  "nós",    "eu",   "lá",    "ou",    "além",    "todavia",    "depois", NULL,
};

/* Reporting verbs: a quotation that names its speaker. */
static const char *const speech[] = {
    "disse",    "afirmou", "diz",         "declarou", "segundo",  "explicou",
    "informou", "contou",  "acrescentou", "afirma",   "disseram", NULL,
};

const LedeLang *lede_lang_pt(void)
{
	static const LedeLang pt = {
	    .code = "pt",
	    .dangling = dangling,
	    .speech = speech,
	    .stemmer = "portuguese",
	    .stopwords = "stopwords-pt.txt",
	    .model = "pt.ldf",
	    .weights = "weights-pt.json",
	    .abbrevs = abbrevs,
	    .n_abbrevs = G_N_ELEMENTS(abbrevs),
	    .headline_max = LEDE_HEADLINE_LATIN,
	};
	return &pt;
}
