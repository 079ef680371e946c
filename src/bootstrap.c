/* Bootstrap confidence intervals. The generator is our own (splitmix64), not
 * GLib's, so a given seed gives the same interval on every platform and GLib
 * version: CI logs stay comparable across machines. */
#include "lede-private.h"

#include <math.h>
#include <stdlib.h>

static guint64 splitmix64(guint64 *state)
{
	guint64 z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* numpy's default (linear) percentile of sorted v[0..n). */
static double percentile(const double *v, gsize n, double q)
{
	if (n == 0)
		return 0.0;
	double pos = q * (double)(n - 1);
	gsize lo = (gsize)floor(pos);
	gsize hi = lo + 1 < n ? lo + 1 : lo;
	double frac = pos - (double)lo;
	return v[lo] + (v[hi] - v[lo]) * frac;
}

/* Means of `resamples` resamples of the per-item values d[0..n), sorted.
 * Each 64-bit draw gives two indices, each the high half of a 32x32-bit
 * product (Lemire's multiply-shift: no division, bias below 2^-32 * n). */
static double *resample_means(const double *d, gsize n, guint resamples, guint64 seed)
{
	double *means = g_new(double, resamples ? resamples : 1);
	guint64 state = seed;
	if (n > G_MAXUINT32)
		n = G_MAXUINT32; /* the interval of a mean of 4e9 items is a point anyway */
	for (guint b = 0; b < resamples; b++) {
		/* two accumulators: the adds of one chain wait on each other */
		double s0 = 0, s1 = 0;
		gsize i = 0;
		for (; i + 1 < n; i += 2) {
			guint64 x = splitmix64(&state);
			s0 += d[((x >> 32) * (guint64)n) >> 32];
			s1 += d[((x & 0xFFFFFFFFu) * (guint64)n) >> 32];
		}
		if (i < n)
			s0 += d[((splitmix64(&state) >> 32) * (guint64)n) >> 32];
		means[b] = (s0 + s1) / (double)n;
	}
	qsort(means, resamples, sizeof *means, cmp_double);
	return means;
}

static double mean_of(const double *v, gsize n)
{
	double sum = 0;
	for (gsize i = 0; i < n; i++)
		sum += v[i];
	return n ? sum / (double)n : 0.0;
}

void lede_bootstrap_ci(const double *values, gsize n, guint resamples, guint64 seed, double *mean,
                       double *lo, double *hi)
{
	double m = mean_of(values, n);
	double l = m, h = m;
	if (n > 0 && resamples > 0) {
		double *means = resample_means(values, n, resamples, seed);
		l = percentile(means, resamples, 0.025);
		h = percentile(means, resamples, 0.975);
		g_free(means);
	}
	if (mean)
		*mean = m;
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
}

void lede_bootstrap_paired(const double *a, const double *b, gsize n, guint resamples, guint64 seed,
                           double *mean_diff, double *lo, double *hi, double *p)
{
	double *d = g_new(double, n ? n : 1);
	for (gsize i = 0; i < n; i++)
		d[i] = b[i] - a[i];
	double m = mean_of(d, n);
	double l = m, h = m, pv = m > 0 ? 0.0 : 1.0;
	if (n > 0 && resamples > 0) {
		/* resampling whole items keeps the pairing: both systems are
		 * judged on the same draw of documents */
		double *means = resample_means(d, n, resamples, seed);
		gsize not_better = 0;
		for (guint k = 0; k < resamples; k++)
			if (means[k] <= 0)
				not_better++;
		pv = (double)not_better / resamples;
		l = percentile(means, resamples, 0.025);
		h = percentile(means, resamples, 0.975);
		g_free(means);
	}
	g_free(d);
	if (mean_diff)
		*mean_diff = m;
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
	if (p)
		*p = pv;
}
