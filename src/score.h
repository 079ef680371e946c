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

struct lede_summarizer {
	const lede_model *model;
	LedeTokenizer *tk;
	lede_weights weights;
	GHashTable *idf;       /* interned stem -> idf, bit-cast double */
	LedeAnalysis analysis; /* reused from one document to the next */
	GPtrArray *stems;      /* distinct content stems of every sentence, concatenated */
	GArray *stem_first;    /* guint: sentence i's stems are [stem_first[i], stem_first[i+1]) */
	GArray *selected;      /* guint, backing analysis.selected */
};

const char *lede_feature_name(guint f);
double lede_summarizer_idf(lede_summarizer *s, const char *stem);
/* Share of the smaller sentence's content stems that the other one has. */
double lede_stem_overlap(const lede_summarizer *s, guint i, guint j);
/* select.c: fills a->selected / a->n_selected per the options' limit. */
void lede_select(lede_summarizer *s, LedeAnalysis *a, const lede_options *options);

#endif
