/* The summarizer's internals, shared by score.c, select.c and output.c. */
#ifndef LEDE_SCORE_H
#define LEDE_SCORE_H

#include "lede-private.h"

typedef struct {
	double w[LEDE_N_FEATURES];
	double redundancy;     /* stem overlap above which two sentences say the same */
	double position_decay; /* position feature = 1 / (1 + index / decay) */
	double length_cap;     /* words at which the length feature saturates */
	guint min_words;       /* shorter sentences are never selected */
} lede_weights;

/* What a summarizer keeps per language it has met: a tokenizer (its ids
 * are its own) and the background model (NULL: document-internal idf). */
typedef struct {
	const LedeLang *lang;
	LedeTokenizer *tk;
	const lede_model *model;
	lede_model *owned; /* a compiled-in model opened for this language */
	lede_weights weights;
} LedePipeline;

#define LEDE_MAX_PIPELINES 8

struct lede_summarizer {
	const lede_model *model; /* the current pipeline's; NULL: document-internal idf */
	LedeTokenizer *tk;       /* the current pipeline's */
	const lede_model *user_model;
	gboolean user_weights; /* the caller's weights serve every language */
	LedePipeline pipes[LEDE_MAX_PIPELINES];
	guint n_pipes, cur;
	lede_weights weights;
	/* Tables indexed by the tokenizer's dense ids, grown to id_cap entries
	 * together; see ensure_id_tables in score.c. */
	guint id_cap;
	double *idf;       /* stem id -> background idf, valid where idf_known */
	guint8 *idf_known; /* cleared when the tokenizer trims (ids restart) */
	guint8
	    *role; /* norm id -> ROLE_* bits (score.c), 0 = not looked at; cleared with idf_known */
	guint *tf; /* stem id -> count in the document; zero between documents */
	guint *seen;           /* stem id -> stamp of the last sentence that had it */
	guint *post_head;      /* stem id -> select.c's last posting of it + 1, zero between uses */
	guint stamp;           /* one per sentence, across documents */
	GArray *doc_stems;     /* guint: the document's distinct content stem ids */
	LedeAnalysis analysis; /* reused from one document to the next */
	GArray *stems;      /* guint: distinct content stem ids of every sentence, concatenated */
	GArray *stem_first; /* guint: sentence i's stems are [stem_first[i], stem_first[i+1]) */
	GArray *selected;   /* guint, backing analysis.selected */
};

const char *lede_feature_name(guint f);
/* Share of the smaller sentence's content stems that the other one has. */
double lede_stem_overlap(lede_summarizer *s, guint i, guint j);
/* select.c: fills a->selected / a->n_selected per the options' limit. */
void lede_select(lede_summarizer *s, LedeAnalysis *a, const lede_options *options);

/* output.c: x rounded to six decimals as a cJSON number item whose text is
 * what cJSON_CreateNumber would print, formatted without printf. */
struct cJSON;
struct cJSON *lede_json_number(double x);

#endif
