#include "lede-private.h"
/* STUB: replaced by the ROUGE work. */
void lede_bootstrap_ci(const double *v, gsize n, guint r, guint64 s, double *mean, double *lo, double *hi)
{
	(void)v; (void)n; (void)r; (void)s;
	*mean = *lo = *hi = 0;
}
void lede_bootstrap_paired(const double *a, const double *b, gsize n, guint r, guint64 s, double *m, double *lo, double *hi, double *p)
{
	(void)a; (void)b; (void)n; (void)r; (void)s;
	*m = *lo = *hi = 0;
	*p = 1;
}
