#include "lede-private.h"
/* STUB: replaced by the ROUGE work. */
struct lede_rouge {
	unsigned flags;
};
lede_rouge *lede_rouge_new(unsigned flags) { lede_rouge *r = g_new0(lede_rouge, 1); r->flags = flags; return r; }
void lede_rouge_free(lede_rouge *r) { g_free(r); }
void lede_rouge_score(lede_rouge *r, const char *p, const char *const *refs, gsize n, lede_rouge_scores *out)
{
	(void)r; (void)p; (void)refs; (void)n;
	memset(out, 0, sizeof *out);
}
char *lede_truncate_bytes(const char *text, gsize max_bytes) { return g_strndup(text, max_bytes); }
char *lede_truncate_words(const char *text, gsize max_words) { (void)max_words; return g_strdup(text); }
