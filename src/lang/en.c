/* English: the lists lede was written with. */
#include "lang.h"

/* Sorted by strcmp for bsearch; lower case, without the final period. */
static const LedeAbbr abbrevs[] = {
    {"a.m", LEDE_ABBR_END},    {"adm", LEDE_ABBR_HONOR},    {"approx", LEDE_ABBR_NEVER},
    {"apr", LEDE_ABBR_TITLE},  {"art", LEDE_ABBR_NUM},      {"atty", LEDE_ABBR_HONOR},
    {"aug", LEDE_ABBR_TITLE},  {"ave", LEDE_ABBR_END},      {"blvd", LEDE_ABBR_END},
    {"bros", LEDE_ABBR_END},   {"capt", LEDE_ABBR_HONOR},   {"cdr", LEDE_ABBR_HONOR},
    {"cf", LEDE_ABBR_NEVER},   {"ch", LEDE_ABBR_NUM},       {"cmdr", LEDE_ABBR_HONOR},
    {"co", LEDE_ABBR_END},     {"col", LEDE_ABBR_HONOR},    {"corp", LEDE_ABBR_END},
    {"cos", LEDE_ABBR_END},    {"cpl", LEDE_ABBR_HONOR},    {"dec", LEDE_ABBR_TITLE},
    {"dept", LEDE_ABBR_END},   {"det", LEDE_ABBR_HONOR},    {"dr", LEDE_ABBR_HONOR},
    {"e.g", LEDE_ABBR_NEVER},  {"esq", LEDE_ABBR_END},      {"etc", LEDE_ABBR_END},
    {"feb", LEDE_ABBR_TITLE},  {"fig", LEDE_ABBR_NUM},      {"figs", LEDE_ABBR_NUM},
    {"fr", LEDE_ABBR_HONOR},   {"ft", LEDE_ABBR_TITLE},     {"gen", LEDE_ABBR_HONOR},
    {"gens", LEDE_ABBR_HONOR}, {"gov", LEDE_ABBR_HONOR},    {"govt", LEDE_ABBR_END},
    {"hon", LEDE_ABBR_HONOR},  {"hwy", LEDE_ABBR_END},      {"i.e", LEDE_ABBR_NEVER},
    {"inc", LEDE_ABBR_END},    {"incl", LEDE_ABBR_NEVER},   {"insp", LEDE_ABBR_HONOR},
    {"jan", LEDE_ABBR_TITLE},  {"jr", LEDE_ABBR_END},       {"jul", LEDE_ABBR_TITLE},
    {"jun", LEDE_ABBR_TITLE},  {"llc", LEDE_ABBR_END},      {"lt", LEDE_ABBR_HONOR},
    {"ltd", LEDE_ABBR_END},    {"m.d", LEDE_ABBR_END},      {"maj", LEDE_ABBR_HONOR},
    {"mar", LEDE_ABBR_TITLE},  {"messrs", LEDE_ABBR_HONOR}, {"mme", LEDE_ABBR_HONOR},
    {"mr", LEDE_ABBR_HONOR},   {"mrs", LEDE_ABBR_HONOR},    {"ms", LEDE_ABBR_HONOR},
    {"mt", LEDE_ABBR_TITLE},   {"no", LEDE_ABBR_NUM},       {"nos", LEDE_ABBR_NUM},
    {"nov", LEDE_ABBR_TITLE},  {"nr", LEDE_ABBR_NUM},       {"oct", LEDE_ABBR_TITLE},
    {"op", LEDE_ABBR_NUM},     {"p.m", LEDE_ABBR_END},      {"para", LEDE_ABBR_NUM},
    {"ph.d", LEDE_ABBR_END},   {"plc", LEDE_ABBR_END},      {"pp", LEDE_ABBR_NUM},
    {"pres", LEDE_ABBR_HONOR}, {"prof", LEDE_ABBR_HONOR},   {"pvt", LEDE_ABBR_HONOR},
    {"rd", LEDE_ABBR_END},     {"rep", LEDE_ABBR_HONOR},    {"reps", LEDE_ABBR_HONOR},
    {"rev", LEDE_ABBR_HONOR},  {"sec", LEDE_ABBR_NUM},      {"sen", LEDE_ABBR_HONOR},
    {"sens", LEDE_ABBR_HONOR}, {"sep", LEDE_ABBR_TITLE},    {"sept", LEDE_ABBR_TITLE},
    {"sgt", LEDE_ABBR_HONOR},  {"sr", LEDE_ABBR_END},       {"st", LEDE_ABBR_TITLE},
    {"supt", LEDE_ABBR_HONOR}, {"tel", LEDE_ABBR_NUM},      {"univ", LEDE_ABBR_END},
    {"viz", LEDE_ABBR_NEVER},  {"vol", LEDE_ABBR_NUM},      {"vols", LEDE_ABBR_NUM},
    {"vs", LEDE_ABBR_NEVER},
};

/* Words that open sentences far more often than they follow an abbreviation
 * inside one: "... in the u.s. the president said" splits, "u.s. officials"
 * does not. Prepositions, "this" and "and" are left out on purpose ("the u.s.
 * this week", "the u.s. and britain"). */
static const char *const starters[] = {
    "the",   "he",    "she", "it",  "they",  "we",  "i",   "you", "but",     "these",
    "those", "there", "his", "her", "their", "its", "our", "my",  "however", "meanwhile",
};

/* After a quoted question or exclamation in lower-cased text: the speech tag
 * that continues the sentence ('why?' he asked). */
static const char *const speech_verbs[] = {
    "said",     "says",  "asked",   "asks",    "added",     "adds",     "told",
    "tells",    "wrote", "writes",  "replied", "explained", "shouted",  "continued",
    "insisted", "joked", "tweeted", "laughed", "cried",     "recalled", "admitted",
};

/* Capitalized words that still belong to the sentence after "p.m." or "Inc.". */
static const char *const end_followers[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "et",
    "est",    "edt",     "gmt",       "bst",      "pst",    "pdt",      "cst",    "cdt",
    "utc",    "ct",      "pt",        "ltd",      "inc",    "llc",      "plc",
};

/* Openers that make a sentence lean on the one before it. */
static const char *const dangling[] = {
    "he",   "she",  "it",        "they",     "this",        "these",   "those",
    "that", "his",  "her",       "their",    "its",         "but",     "however",
    "also", "and",  "so",        "then",     "meanwhile",   "instead", "still",
    "yet",  "thus", "therefore", "moreover", "furthermore", "besides", "there",
    "such", "both", "or",        "nor",      "him",         "them",    "we",
    "i",    "you",  "our",       "my",       "otherwise",   NULL,
};

/* Reporting verbs: a quotation that names its speaker. */
static const char *const speech[] = {"said", "says", "say", "told", "added", "according", NULL};

/* ---- the kicker's and the headline's word lists (kicker.c) ---------------- */

/* Words that end a candidate run besides the tokenizer's stop words: news
 * reporting verbs, titles and calendar words make fragments such as
 * "SAID ON" or "MR" that no reader would take for a topic. */
static const char *const extra_stop[] = {
    "said",      "says",     "say",    "saying",   "told",      "tell",      "tells",   "added",
    "asked",     "mr",       "mrs",    "ms",       "dr",        "also",      "would",   "could",
    "should",    "will",     "may",    "might",    "must",      "shall",     "can",     "just",
    "like",      "many",     "much",   "one",      "two",       "three",     "year",    "years",
    "last",      "first",    "since",  "still",    "even",      "yet",       "however", "according",
    "percent",   "week",     "weeks",  "today",    "yesterday", "tomorrow",  "monday",  "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",    "including", "another", "several",
    "us",        "per",      "cent",   "ago",      "month",     "months",    "day",     "days",
    "time",      "times",    "way",    "lot",      "thing",     "things",    "going",   "get",
    "got",       "make",     "made",   NULL,
};

/* Function words a kicker may not end on, whatever the tokenizer's list. */
static const char *const function_words[] = {
    "a",       "an",      "the",  "and",   "or",     "but",    "nor",   "of",    "in",    "on",
    "at",      "to",      "for",  "from",  "by",     "with",   "as",    "into",  "onto",  "about",
    "over",    "under",   "than", "that",  "this",   "these",  "those", "which", "who",   "whom",
    "whose",   "is",      "are",  "was",   "were",   "be",     "been",  "being", "has",   "have",
    "had",     "do",      "does", "did",   "will",   "would",  "can",   "could", "shall", "should",
    "may",     "might",   "must", "not",   "no",     "if",     "so",    "its",   "it",    "his",
    "her",     "their",   "our",  "my",    "your",   "he",     "she",   "they",  "we",    "i",
    "you",     "said",    "says", "after", "before", "during", "since", "until", "while", "against",
    "between", "through", "upon", "via",   "per",    "up",     "down",  "off",   "out",   "then",
    "there",   "here",    "when", "where", "why",    "how",    "what",  NULL,
};

static const char *const ctx_det[] = {
    "a",   "an", "the",  "this", "these", "those", "his",   "her",  "its", "their",
    "our", "my", "your", "some", "any",   "no",    "every", "each", NULL,
};

static const char *const ctx_prep[] = {
    "of",      "in",     "on",      "for",   "with",   "by",    "from",    "at",
    "among",   "about",  "against", "into",  "over",   "under", "between", "through",
    "without", "within", "during",  "after", "before", NULL,
};

static const char *const ctx_subj[] = {
    "he",  "she",   "it",   "they",   "we",    "i",   "who", "will", "would", "can",  "could",
    "may", "might", "must", "should", "shall", "not", "did", "does", "never", "also", NULL,
};

/* Past tenses and participles without -ed that news runs into kickers. */
static const char *const irregular_past[] = {
    "sank",       "sunk",    "ran",    "wrote",  "written", "fought", "shown", "told",   "took",
    "taken",      "gave",    "given",  "found",  "went",    "gone",   "came",  "saw",    "seen",
    "thought",    "brought", "bought", "held",   "kept",    "left",   "lost",  "met",    "paid",
    "sent",       "stood",   "struck", "taught", "won",     "began",  "begun", "broke",  "broken",
    "chose",      "chosen",  "drew",   "drawn",  "drove",   "driven", "fell",  "fallen", "flew",
    "flown",      "grew",    "grown",  "knew",   "known",   "meant",  "rose",  "risen",  "sold",
    "spoke",      "spoken",  "spent",  "stole",  "stolen",  "swore",  "sworn", "threw",  "thrown",
    "understood", "wore",    "worn",   "became", "felt",    "heard",  "led",   "sought", "tore",
    "torn",       "hid",     "hidden", "ate",    "eaten",   "fled",   "slept", "swept",  NULL,
};

/* Nouns ending in -ed, -ing or -ly that the article may never put after a
 * determiner. */
static const char *const not_verb_forms[] = {
    "hundred",   "speed",   "seed",    "creed",  "greed",   "breed",     "deed",     "steed",
    "tweed",     "morning", "evening", "string", "spring",  "ceiling",   "wedding",  "nothing",
    "something", "united",  "family",  "ally",   "rally",   "italy",     "assembly", "supply",
    "monopoly",  "anomaly", "daily",   "weekly", "monthly", "quarterly", "bully",    "belly",
    "jelly",     "lily",    "holly",   "folly",  "reply",   "tally",     NULL,
};

/* Adverbs besides those in -ly that end runs of content words. */
static const char *const adverbs[] = {
    "closer",   "further", "farther", "higher", "lower",  "earlier", "later",  "sooner",
    "aboard",   "abroad",  "ahead",   "away",   "again",  "apart",   "ashore", "together",
    "instead",  "alone",   "back",    "anyway", "almost", "already", "nearly", "next",
    "straight", "second",  "third",   "fourth", "fifth",  NULL,
};

/* Days, months and times, which alone are no label. */
static const char *const calendar[] = {
    "monday",   "tuesday",  "wednesday", "thursday", "friday",  "saturday", "sunday",    "january",
    "february", "march",    "april",     "june",     "july",    "august",   "september", "october",
    "november", "december", "a.m",       "p.m",      "am",      "pm",       "noon",      "midnight",
    "morning",  "evening",  "afternoon", "night",    "tonight", "weekend",  NULL,
};

/* Markup and slug words of wire copy, and news agencies. */
static const char *const markup_words[] = {
    "italics", "italic",   "boldface", "byline",   "dateline",  "caption", "photo", "photos",
    "graphic", "graphics", "eds",      "advisory", "writethru", "slug",    "ap",    "apw",
    "upi",     "afp",      "reuters",  "xinhua",   "tass",      "itar",    "kyodo", "yonhap",
    "dpa",     "ansa",     "efe",      "bernama",  "nyt",       "pti",     "aap",   NULL,
};

/* A phrase ending on one of these names a source or a medium, not a story. */
static const char *const media_words[] = {
    "radio",
    "television",
    "tv",
    "agency",
    "newspaper",
    "newspapers",
    "news",
    "press",
    "broadcaster",
    "broadcasting",
    "daily",
    "journal",
    "gazette",
    "herald",
    "tribune",
    "telegraph",
    "wire",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    NULL,
};

static const LedeKickerWords kicker = {
    .extra_stop = extra_stop,
    .function_words = function_words,
    .det = ctx_det,
    .prep = ctx_prep,
    .subj = ctx_subj,
    .irregular_past = irregular_past,
    .not_verb_forms = not_verb_forms,
    .adverbs = adverbs,
    .calendar = calendar,
    .markup_words = markup_words,
    .media_words = media_words,
};

/* ---- the headline's word lists (headline.c) --------------------------- */

static const char *const hl_pronouns[] = {"he", "she", "it", "they", "we", "i", "you", NULL};

/* Pronouns that point back at a name: a headline may hold one only with
 * the words it points at. */
static const char *const hl_anaphors[] = {"he",   "she", "it",  "they",  "him", "her",
                                          "them", "his", "its", "their", NULL};

/* Words that open a new phrase: a headline that stops right before one of
 * them (or before punctuation) ends on a whole constituent; one that stops
 * before any other word cuts a phrase that goes on ("recalling nearly
 * 200,000 | vehicles"). Prepositions, conjunctions, relative words and
 * "to". */
static const char *const hl_phrase_openers[] = {
    "and",    "but",     "or",      "nor",       "so",        "yet",      "which",   "who",
    "whom",   "whose",   "that",    "after",     "before",    "because",  "as",      "while",
    "when",   "where",   "since",   "until",     "unless",    "although", "though",  "if",
    "than",   "whether", "in",      "on",        "at",        "by",       "for",     "with",
    "from",   "into",    "onto",    "over",      "under",     "about",    "against", "between",
    "among",  "through", "during",  "without",   "within",    "across",   "along",   "around",
    "near",   "to",      "of",      "off",       "per",       "via",      "amid",    "despite",
    "toward", "towards", "outside", "inside",    "beyond",    "behind",   "below",   "above",
    "upon",   "like",    "unlike",  "including", "following", "except",   "past",    "throughout",
    NULL,
};

/* Finite verbs a headline's main clause is recognised by besides the
 * regular past tense: auxiliaries, "said", and the commonest irregular
 * pasts of news. */
static const char *const hl_finite_verbs[] = {
    "is",      "are",   "was",    "were",     "has",     "have",   "had",   "will",   "would",
    "can",     "could", "may",    "might",    "must",    "should", "said",  "says",   "to",
    "made",    "won",   "took",   "became",   "left",    "led",    "met",   "told",   "gave",
    "got",     "went",  "came",   "saw",      "found",   "sent",   "hit",   "set",    "put",
    "cut",     "lost",  "held",   "kept",     "began",   "fell",   "rose",  "ran",    "struck",
    "shot",    "won",   "sold",   "paid",     "brought", "bought", "built", "broke",  "chose",
    "drew",    "drove", "fled",   "flew",     "fought",  "froze",  "grew",  "heard",  "hid",
    "knew",    "laid",  "meant",  "overtook", "quit",    "rode",   "sank",  "sat",    "shook",
    "slid",    "spent", "spoke",  "stood",    "stole",   "swept",  "swore", "taught", "threw",
    "thought", "tore",  "upheld", "withdrew", "wrote",   "beat",   "bid",   "bet",    "let",
    "lit",     "read",  "shut",   "split",    "spread",  "sought", "dies",  "die",    "faces",
    "face",    NULL,
};

static const char *const hl_days[] = {
    "monday", "tuesday",   "wednesday", "thursday", "friday", "saturday",
    "sunday", "yesterday", "today",     "tonight",  NULL,
};

static const char *const hl_day_parts[] = {"night", "morning", "afternoon", "evening", NULL};

static const char *const hl_day_preps[] = {"on",   "early", "late",  "last",
                                           "this", "by",    "until", NULL};

static const char *const hl_saying[] = {
    "said", "says",  "reported",  "reports", "announced",
    "told", "added", "according", "stated",  NULL,
};

static const char *const hl_relatives[] = {"who", "which", "whose", "where", "whom", NULL};

static const char *const hl_subordinators[] = {
    "as",      "if",    "while",  "when",    "after", "although", "though", "despite",
    "because", "since", "before", "worried", "faced", "with",     NULL,
};

static const char *const hl_clause_words[] = {"that", "which", "who",  "is",   "are",
                                              "was",  "were",  "has",  "have", "had",
                                              "will", "said",  "says", NULL};

static const char *const hl_lead_preps[] = {"in",     "at",      "under", "according",
                                            "during", "earlier", "later", "meanwhile",
                                            "on",     "for",     "from",  NULL};

static const char *const hl_function_words[] = {
    "a",      "an",     "the",     "and",     "or",        "but",     "nor",     "of",
    "in",     "on",     "at",      "to",      "for",       "from",    "by",      "with",
    "as",     "into",   "onto",    "about",   "over",      "under",   "than",    "that",
    "this",   "these",  "those",   "which",   "who",       "whom",    "whose",   "is",
    "are",    "was",    "were",    "be",      "been",      "being",   "has",     "have",
    "had",    "do",     "does",    "did",     "will",      "would",   "can",     "could",
    "shall",  "should", "may",     "might",   "must",      "not",     "no",      "if",
    "so",     "its",    "it",      "his",     "her",       "their",   "our",     "my",
    "your",   "he",     "she",     "they",    "we",        "i",       "you",     "after",
    "before", "during", "since",   "until",   "while",     "against", "between", "through",
    "upon",   "via",    "per",     "then",    "there",     "when",    "where",   "what",
    "how",    "why",    "whether", "because", "although",  "though",  "amid",    "among",
    "across", "toward", "towards", "like",    "including", "mr",      "mrs",     "ms",
    "dr",     "gen",    "sen",     "rep",     "gov",       "st",      "said",    "says",
    NULL,
};

static const char *const hl_months[] = {
    "jan",  "feb",    "mar",       "apr",     "may",      "jun",      "jul",   "aug",   "sep",
    "sept", "oct",    "nov",       "dec",     "january",  "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december", NULL,
};

static const char *const hl_periods[] = {"week", "month", "year", "weekend", NULL};

static const char *const hl_period_preps[] = {"last", "this", "next", NULL};

static const char *const hl_fillers[] = {"also",       "now",       "already", "still",
                                         "reportedly", "currently", NULL};

static const char *const hl_name_titles[] = {"mr",  "mrs", "ms",  "dr", "gen",
                                             "sen", "rep", "gov", NULL};

static const LedeHeadlineWords headline = {
    .pronouns = hl_pronouns,
    .anaphors = hl_anaphors,
    .phrase_openers = hl_phrase_openers,
    .finite_verbs = hl_finite_verbs,
    .days = hl_days,
    .day_parts = hl_day_parts,
    .day_preps = hl_day_preps,
    .saying = hl_saying,
    .relatives = hl_relatives,
    .subordinators = hl_subordinators,
    .clause_words = hl_clause_words,
    .lead_preps = hl_lead_preps,
    .function_words = hl_function_words,
    .months = hl_months,
    .periods = hl_periods,
    .period_preps = hl_period_preps,
    .fillers = hl_fillers,
    .name_titles = hl_name_titles,
};

const LedeLang *lede_lang_en(void)
{
	static const LedeLang en = {
	    .code = "en",
	    .stemmer = "english",
	    .stopwords = "stopwords-en.txt",
	    .stem_table = "stems-en.bin",
	    .model = "default.ldf",
	    .abbrevs = abbrevs,
	    .n_abbrevs = G_N_ELEMENTS(abbrevs),
	    .starters = LEDE_WORDS(starters),
	    .speech_verbs = LEDE_WORDS(speech_verbs),
	    .end_followers = LEDE_WORDS(end_followers),
	    .dangling = dangling,
	    .speech = speech,
	    .english_rules = TRUE,
	    .kicker = &kicker,
	    .headline = &headline,
	    .headline_max = 75,
	};
	return &en;
}
