/* lede eval --report: the page. Everything is drawn here, in one pass over
 * the items per chart (linear in the items: the sentence and length charts
 * read each article once, the tables of moved items hold at most
 * REPORT_ITEMS each), so 100,000 items make a page of the same size as
 * 1,000. Every text from a file goes through esc() (cli_html_escape);
 * numbers are printed in the C locale (main sets LC_CTYPE only). */
#include "eval-report.h"

#include <math.h>

/* best and worst: as many as a person reads */
#define REPORT_ITEMS 20
/* up to this many items a scatter draws points; past it, a density grid
 * (100,000 circles would be 5 MB of SVG and unreadable) */
#define SCATTER_POINTS 2500
#define SCATTER_GRID 40
/* histogram of per-item scores: 5 points a bin */
#define HIST_BINS 20
/* quartiles from a fine histogram: linear time, within 0.05 points */
#define QUANT_BINS 2000
/* sentence positions: 0 .. POS_BINS - 2, then "POS_BINS - 1 or later" */
#define POS_BINS 11

static const char *const sys_color[2] = {"#d9690b", "#1f66b5"};
static const char *const sys_letter[2] = {"A", "B"};

/* ---- text ------------------------------------------------------------------------ */

static void esc(GString *o, const char *text)
{
	cli_html_escape(o, text ? text : "", text ? (gssize)strlen(text) : 0);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* ---- words shared with the reference ------------------------------------------------ */

typedef struct {
	gsize start, end;
	char *key;
} Tok;

/* The words ROUGE compares: runs of ASCII letters and digits, lower-cased,
 * Porter-stemmed past three letters (rouge_score's rules); with --tokenize
 * unicode, runs of letters and digits, case-folded, a wide (CJK) character
 * a word of its own. */
static GArray *tokens(const EvalReport *r, const char *s)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(Tok));
	const char *p = s;
	while (*p) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		const char *next =
		    c == (gunichar)-1 || c == (gunichar)-2 ? p + 1 : g_utf8_next_char(p);
		gboolean word = r->unicode ? c < 0x110000 && g_unichar_isalnum(c)
		                           : c < 0x80 && g_ascii_isalnum((char)c);
		if (!word) {
			p = next;
			continue;
		}
		const char *q = next;
		if (!(r->unicode && g_unichar_iswide(c)))
			while (*q) {
				gunichar d = g_utf8_get_char_validated(q, -1);
				if (d == (gunichar)-1 || d == (gunichar)-2)
					break;
				gboolean w = r->unicode
				                 ? g_unichar_isalnum(d) && !g_unichar_iswide(d)
				                 : d < 0x80 && g_ascii_isalnum((char)d);
				if (!w)
					break;
				q = g_utf8_next_char(q);
			}
		char *low = r->unicode ? g_utf8_casefold(p, q - p) : g_ascii_strdown(p, q - p);
		if (r->stem && strlen(low) > 3) {
			char *st = lede_porter_stem(low, -1);
			g_free(low);
			low = st;
		}
		Tok t = {(gsize)(p - s), (gsize)(q - s), low};
		g_array_append_val(a, t);
		p = q;
	}
	return a;
}

static void tokens_free(GArray *a)
{
	for (guint i = 0; i < a->len; i++)
		g_free(g_array_index(a, Tok, i).key);
	g_array_free(a, TRUE);
}

/* A text's words and pairs of adjacent words (ROUGE-1's and ROUGE-2's
 * units): a shared pair is a phrase the two texts have in common, which
 * says more than a shared "the". */
typedef struct {
	GHashTable *uni; /* keys borrowed from the tokens */
	GHashTable *bi;  /* "w1 w2", owned */
} Words;

static void words_init(Words *w, GArray *toks)
{
	w->uni = g_hash_table_new(g_str_hash, g_str_equal);
	w->bi = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < toks->len; i++) {
		g_hash_table_add(w->uni, g_array_index(toks, Tok, i).key);
		if (i + 1 < toks->len)
			g_hash_table_add(w->bi,
			                 g_strconcat(g_array_index(toks, Tok, i).key, " ",
			                             g_array_index(toks, Tok, i + 1).key, NULL));
	}
}

static void words_clear(Words *w)
{
	if (w->uni)
		g_hash_table_destroy(w->uni);
	if (w->bi)
		g_hash_table_destroy(w->bi);
}

static gboolean has_pair(const Words *w, const char *a, const char *b)
{
	char *k = g_strconcat(a, " ", b, NULL);
	gboolean in = g_hash_table_contains(w->bi, k);
	g_free(k);
	return in;
}

/* Word t of toks in w: 0 not, 1 alone, 2 with a word beside it (a pair). */
static int shared(const Words *w, GArray *toks, guint t)
{
	const char *k = g_array_index(toks, Tok, t).key;
	if (!g_hash_table_contains(w->uni, k))
		return 0;
	if (t > 0 && has_pair(w, g_array_index(toks, Tok, t - 1).key, k))
		return 2;
	if (t + 1 < toks->len && has_pair(w, k, g_array_index(toks, Tok, t + 1).key))
		return 2;
	return 1;
}

/* ---- sentence indices ------------------------------------------------------------- */

/* s with every run of white space one space, trimmed (new string). */
static char *squeeze(const char *s, gsize len)
{
	GString *g = g_string_sized_new(len);
	gboolean space = FALSE;
	for (gsize i = 0; i < len; i++) {
		if (g_ascii_isspace(s[i])) {
			space = g->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(g, ' ');
		space = FALSE;
		g_string_append_c(g, s[i]);
	}
	return g_string_free(g, FALSE);
}

/* Per system, the article index of each line of its prediction (-1: not a
 * sentence of the article, as lede's segmenter splits it). A summary line
 * is a sentence with its line breaks folded, as eval and --save-predictions
 * write them; other systems' lines match when they differ in white space
 * only. */
static void sentence_indices(const char *article, char *const *preds, guint n_sys, GArray **out)
{
	for (guint s = 0; s < n_sys; s++)
		out[s] = g_array_new(FALSE, FALSE, sizeof(gint));
	lede_doc *doc = article ? lede_doc_new(article, strlen(article), NULL) : NULL;
	GHashTable *where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (doc) {
		const char *t = lede_doc_text(doc, NULL);
		for (gsize i = lede_doc_n_sentences(doc); i-- > 0;) {
			gsize a, b;
			lede_doc_sentence(doc, i, &a, &b);
			/* the first of repeated sentences wins: inserted last */
			g_hash_table_replace(where, squeeze(t + a, b - a),
			                     GINT_TO_POINTER((gint)i + 1));
		}
	}
	for (guint s = 0; s < n_sys; s++) {
		char **lines = g_strsplit(preds[s], "\n", -1);
		for (char **l = lines; *l; l++) {
			char *k = squeeze(*l, strlen(*l));
			if (*k) {
				gint v = GPOINTER_TO_INT(g_hash_table_lookup(where, k)) - 1;
				g_array_append_val(out[s], v);
			}
			g_free(k);
		}
		g_strfreev(lines);
	}
	g_hash_table_destroy(where);
	if (doc)
		lede_doc_free(doc);
}

/* ---- the page's frame --------------------------------------------------------------- */

static const char css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#eef0f3;color:#1d232b;font:15px/1.45 "
    "'DejaVu Sans',Arial,Helvetica,sans-serif}"
    ".main{max-width:1200px;margin:0 auto;padding:24px 28px 40px;background:#fff}"
    "h1{font-size:26px;margin:0 0 4px}"
    "h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:2px solid #d7dce2}"
    "h3{font-size:15px;margin:0 0 6px}"
    "p{margin:6px 0}"
    ".sub{color:#55606e;margin:0 0 14px}"
    "pre{background:#f5f6f8;border:1px solid #dde1e6;border-radius:4px;padding:10px 12px;"
    "margin:6px 0;font:13px/1.4 'DejaVu Sans Mono',monospace;white-space:pre-wrap;"
    "overflow-wrap:anywhere}"
    ".key{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;"
    "margin:0 4px 0 10px}"
    ".grid{display:flex;flex-wrap:wrap;align-items:flex-start;gap:16px;margin:0 0 16px}"
    ".card{border:1px solid #dde1e6;border-radius:6px;padding:10px 12px;background:#fff}"
    ".card p{font-size:13px;color:#55606e}"
    "svg{display:block}"
    "svg text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;fill:#3a434e}"
    "table.wtl{border-collapse:collapse;margin:8px 0;font-size:14px}"
    "table.wtl th,table.wtl td{padding:3px 12px;border-bottom:1px solid #e3e6ea;text-align:right}"
    "table.wtl th:first-child,table.wtl td:first-child{text-align:left}"
    ".item{border:1px solid #dde1e6;border-radius:6px;margin:14px 0;overflow:hidden}"
    ".ihead{background:#f5f6f8;padding:6px 12px;font-size:14px;border-bottom:1px solid #dde1e6}"
    ".ihead b{font-family:'DejaVu Sans Mono',monospace;font-weight:normal}"
    ".cols{display:grid;grid-template-columns:repeat(var(--n),minmax(0,1fr))}"
    ".col{padding:8px 12px;font-size:14px;border-right:1px solid #e3e6ea;"
    "overflow-wrap:anywhere}"
    ".col:last-child{border-right:0}"
    ".col h4{margin:0 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.5px;"
    "color:#55606e}"
    ".s{display:block;margin:0 0 5px}"
    ".ix{display:inline-block;min-width:22px;padding:0 4px;margin-right:5px;border-radius:3px;"
    "background:#e9ecef;color:#3a434e;font:11px/16px 'DejaVu Sans Mono',monospace;"
    "text-align:center}"
    ".none{color:#8a949f;font-style:italic}"
    ".m0,.m1,.m01{border-radius:2px;padding:0 1px}"
    ".m0{background:#fbd9bd}.m1{background:#cfe0f5}.m01{background:#dcdfe3}"
    ".u0{border-bottom:2px solid #eea56a}.u1{border-bottom:2px solid #7fa9dc}"
    ".u01{border-bottom:2px solid #a9b0b8}"
    ".up{color:#1a7f37}.down{color:#b42318}"
    ".nav{margin:0 0 6px;font-size:14px}.nav a{color:#1f66b5;text-decoration:none}"
    ".verdict{font-size:16px;margin:8px 0 14px}"
    ".foot{margin-top:30px;color:#6b7580;font-size:12px}";

/* 100000 as "100,000" */
static void append_count(GString *o, guint n)
{
	char digits[16];
	int len = g_snprintf(digits, sizeof digits, "%u", n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			g_string_append_c(o, ',');
		g_string_append_c(o, digits[i]);
	}
}

static void page_head(GString *o, const EvalReport *r)
{
	static const char *const targets[] = {"summary", "headline", "kicker"};
	g_string_append(
	    o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
	       /* nothing loads, nothing runs, whatever a text holds */
	       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	       "'none'; style-src 'unsafe-inline'\" />\n<title>lede eval: ");
	g_string_append(o, targets[r->target]);
	if (r->n_sys == 2) {
		g_string_append(o, ", ");
		esc(o, base_name(r->sys_name[1]));
		g_string_append(o, " against ");
		esc(o, base_name(r->sys_name[0]));
	} else {
		g_string_append(o, ", ");
		esc(o, base_name(r->sys_name[0]));
	}
	g_string_append_printf(
	    o, "</title>\n<style>%s</style>\n</head>\n<body>\n<div class=\"main\">\n", css);
	g_string_append_printf(o, "<h1>lede eval: %s, ", targets[r->target]);
	append_count(o, r->items->len);
	g_string_append(o, " items</h1>\n<p class=\"sub\">");
	for (guint s = 0; s < r->n_sys; s++) {
		if (r->n_sys == 2)
			g_string_append_printf(
			    o,
			    "<span class=\"key\" style=\"background:%s\"></span>%s: ", sys_color[s],
			    sys_letter[s]);
		g_string_append(o, "<b>");
		esc(o, r->sys_name[s]);
		g_string_append(o, "</b>");
	}
	g_string_append(o, " &#183; references: ");
	esc(o, r->references);
	g_string_append(o, "</p>\n");
}

/* ---- numbers and scales ----------------------------------------------------------- */

static double col_value(const EvalReport *r, guint s, guint c, guint i)
{
	return r->vals[s][(gsize)r->cols[c].col * r->items->len + i];
}

/* A round step for an axis reaching max (a share or a score difference). */
static double nice_step(double max)
{
	static const double steps[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50};
	for (guint i = 0; i < G_N_ELEMENTS(steps); i++)
		if (max / steps[i] <= 5)
			return steps[i];
	return 100;
}

typedef struct {
	double min, q1, median, q3, max, mean, p05, p95;
} Spread;

static Spread spread(const EvalReport *r, guint s, guint c)
{
	guint n = r->items->len;
	guint *fine = g_new0(guint, QUANT_BINS);
	Spread sp = {INFINITY, 0, 0, 0, -INFINITY, 0, 0, 0};
	for (guint i = 0; i < n; i++) {
		double v = col_value(r, s, c, i);
		sp.min = MIN(sp.min, v);
		sp.max = MAX(sp.max, v);
		sp.mean += v;
		fine[CLAMP((gint)(v * QUANT_BINS), 0, QUANT_BINS - 1)]++;
	}
	sp.mean /= n;
	double *q[] = {&sp.p05, &sp.q1, &sp.median, &sp.q3, &sp.p95};
	const double at[] = {0.05, 0.25, 0.5, 0.75, 0.95};
	guint64 cum = 0;
	guint k = 0;
	for (guint b = 0; b < QUANT_BINS && k < 5; b++) {
		cum += fine[b];
		while (k < 5 && (double)cum >= at[k] * n) {
			*q[k] = CLAMP((b + 0.5) / QUANT_BINS, sp.min, sp.max);
			k++;
		}
	}
	g_free(fine);
	return sp;
}

/* ---- charts ------------------------------------------------------------------------ */

/* Horizontal grid lines from 0 to ymax every step, labelled on the left
 * (as percentages of a share when percent). */
static void y_grid(GString *o, int X0, int X1, int Y0, int Y1, double ymax, double step,
                   gboolean percent)
{
	for (double y = 0; y <= ymax + 1e-9; y += step) {
		double py = Y1 - (Y1 - Y0) * y / ymax;
		g_string_append_printf(o,
		                       "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		                       "stroke=\"#e3e6ea\"/><text x=\"%d\" y=\"%.1f\" "
		                       "text-anchor=\"end\">%g%s</text>",
		                       X0, X1, py, py, X0 - 5, py + 4,
		                       percent ? round(y * 1000) / 10 : y, percent ? "%" : "");
	}
}

static void svg_open(GString *o, int w, int h, const char *label)
{
	g_string_append_printf(
	    o,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    w, h, w, h);
	esc(o, label);
	g_string_append(o, "\">");
}

/* Per-item scores of one measure: a histogram (share of items per 5-point
 * bin, the systems side by side) over a box plot per system (box: quartiles;
 * whiskers: 5th and 95th percentiles; diamond: the mean). Binary measures
 * get two bars, miss and hit. */
/* A measure that is 0 or 1 per item: each system's share of hits as a
 * bar, with the count. */
static void chart_hits(GString *o, const EvalReport *r, guint c)
{
	guint n = r->items->len;
	const int W = 530, X0 = 30, X1 = W - 150, RH = 28;
	int H = 14 + RH * (int)r->n_sys + 22;
	char *label = g_strdup_printf("share of items with a %s hit", r->cols[c].name);
	svg_open(o, W, H, label);
	g_free(label);
	for (guint t = 0; t <= 100; t += 25) {
		double x = X0 + (X1 - X0) * t / 100.0;
		g_string_append_printf(o,
		                       "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"8\" y2=\"%d\" "
		                       "stroke=\"#e3e6ea\"/><text x=\"%.1f\" y=\"%d\" "
		                       "text-anchor=\"middle\">%u%%</text>",
		                       x, x, H - 18, x, H - 4, t);
	}
	for (guint s = 0; s < r->n_sys; s++) {
		guint hits = 0;
		for (guint i = 0; i < n; i++)
			hits += col_value(r, s, c, i) > 0.5;
		double y = 10 + RH * s, w = (X1 - X0) * (double)hits / n;
		g_string_append_printf(o,
		                       "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
		                       "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
		                       "fill=\"%s\"/><text x=\"%d\" y=\"%.1f\">%.1f%% (%u of %u)"
		                       "</text>",
		                       X0 - 6, y + 15, r->n_sys == 2 ? sys_letter[s] : "", X0, y,
		                       MAX(w, 0.5), RH - 8,
		                       r->n_sys == 2 ? sys_color[s] : sys_color[1], X1 + 8, y + 15,
		                       100.0 * hits / n, hits, n);
	}
	g_string_append(o, "</svg>");
}

static void chart_distribution(GString *o, const EvalReport *r, guint c)
{
	const ReportCol *col = &r->cols[c];
	if (col->binary) {
		chart_hits(o, r, c);
		return;
	}
	guint n = r->items->len;
	guint bins = HIST_BINS;
	guint counts[2][HIST_BINS] = {{0}};
	for (guint s = 0; s < r->n_sys; s++)
		for (guint i = 0; i < n; i++) {
			double v = col_value(r, s, c, i);
			counts[s][CLAMP((gint)(v * bins), 0, (gint)bins - 1)]++;
		}
	double top = 0;
	for (guint s = 0; s < r->n_sys; s++)
		for (guint b = 0; b < bins; b++)
			top = MAX(top, (double)counts[s][b] / n);
	double step = nice_step(MAX(top, 0.01));
	double ymax = ceil(top / step - 1e-9) * step;
	if (ymax <= 0)
		ymax = step;
	/* one system: two cards a row */
	const int W = r->n_sys == 2 ? 620 : 530, X0 = 46, X1 = W - 14, Y0 = 12;
	const int Y1 = r->n_sys == 2 ? 230 : 180;
	int H = Y1 + 40 + 22 * (int)r->n_sys;
	char *label = g_strdup_printf("distribution of per-item %s", col->name);
	svg_open(o, W, H, label);
	g_free(label);
	/* grid and y axis: share of items */
	y_grid(o, X0, X1, Y0, Y1, ymax, step, TRUE);
	double bw = (double)(X1 - X0) / bins;
	for (guint b = 0; b < bins; b++)
		for (guint s = 0; s < r->n_sys; s++) {
			double share = (double)counts[s][b] / n;
			double h = (Y1 - Y0) * share / ymax;
			double w = (bw - 2) / r->n_sys;
			g_string_append_printf(
			    o,
			    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			    "fill=\"%s\"><title>%s %s: %u items</title></rect>",
			    X0 + b * bw + 1 + s * w, Y1 - h, w, h,
			    r->n_sys == 2 ? sys_color[s] : sys_color[1],
			    r->n_sys == 2 ? sys_letter[s] : "", col->name, counts[s][b]);
		}
	g_string_append_printf(o,
	                       "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#3a434e\"/>",
	                       X0, X1, Y1, Y1);
	for (guint t = 0; t <= 100; t += 10)
		g_string_append_printf(o,
		                       "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%u</text>",
		                       X0 + (X1 - X0) * t / 100.0, Y1 + 15, t);
	g_string_append_printf(
	    o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s x100 per item</text>", X1, Y1 + 30,
	    col->name);
	for (guint s = 0; s < r->n_sys; s++) {
		Spread sp = spread(r, s, c);
		double cy = Y1 + 48 + 22 * s;
#define PX(v) (X0 + (X1 - X0) * (v))
		const char *fill = r->n_sys == 2 ? sys_color[s] : sys_color[1];
		g_string_append_printf(
		    o,
		    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
		    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"/>"
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
		    "fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\"/>"
		    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\" stroke-width=\"2.5\"/>"
		    "<path d=\"M%.1f %.1fl5 5-5 5-5-5z\" fill=\"#fff\" stroke=\"%s\">"
		    "<title>mean %.2f, median %.2f, quartiles %.2f-%.2f</title></path>",
		    X0 - 5, cy + 4, r->n_sys == 2 ? sys_letter[s] : "", PX(sp.p05), PX(sp.p95), cy,
		    cy, fill, PX(sp.q1), cy - 7, MAX(PX(sp.q3) - PX(sp.q1), 1.0), fill, fill,
		    PX(sp.median), PX(sp.median), cy - 7, cy + 7, fill, PX(sp.mean), cy - 5, fill,
		    100 * sp.mean, 100 * sp.median, 100 * sp.q1, 100 * sp.q3);
#undef PX
	}
	g_string_append(o, "</svg>");
}

/* A against B per item, the diagonal drawn: above it B scored higher. Up
 * to SCATTER_POINTS items as points (coloured by which side won), past
 * that as a grid whose shade is the log of the items in a cell. Binary
 * measures: the four cells with their counts. */
static void chart_scatter(GString *o, const EvalReport *r, guint c)
{
	const ReportCol *col = &r->cols[c];
	guint n = r->items->len;
	const int W = 330, H = 318, X0 = 46, Y0 = 22, S = 254;
	char *label = g_strdup_printf("%s per item, A against B", col->name);
	svg_open(o, W, H, label);
	g_free(label);
	g_string_append_printf(
	    o,
	    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafbfc\" "
	    "stroke=\"#c9ced5\"/>",
	    X0, Y0, S, S);
	if (col->binary) {
		guint cell[2][2] = {{0}};
		for (guint i = 0; i < n; i++)
			cell[col_value(r, 0, c, i) > 0.5][col_value(r, 1, c, i) > 0.5]++;
		for (guint a = 0; a < 2; a++)
			for (guint b = 0; b < 2; b++) {
				double x = X0 + a * S / 2.0, y = Y0 + (1 - b) * S / 2.0;
				const char *fill = a == b ? "#eceef1" : b ? "#dbe8f7" : "#fbe3cf";
				g_string_append_printf(
				    o,
				    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				    "height=\"%.1f\" fill=\"%s\" stroke=\"#fff\"/>"
				    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				    "style=\"font-size:16px\">%u</text>",
				    x, y, S / 2.0, S / 2.0, fill, x + S / 4.0, y + S / 4.0 + 5,
				    cell[a][b]);
			}
		for (guint t = 0; t < 2; t++)
			g_string_append_printf(
			    o,
			    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>"
			    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
			    X0 + (t + 0.5) * S / 2, Y0 + S + 15, t ? "hit" : "miss", X0 - 5,
			    Y0 + (1.5 - t) * S / 2 + 4, t ? "hit" : "miss");
	} else if (n <= SCATTER_POINTS) {
		for (guint i = 0; i < n; i++) {
			double a = col_value(r, 0, c, i), b = col_value(r, 1, c, i);
			const char *fill = b > a ? sys_color[1] : b < a ? sys_color[0] : "#6b7580";
			g_string_append_printf(
			    o,
			    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.3\" fill=\"%s\" "
			    "fill-opacity=\"0.45\"/>",
			    X0 + S * a, Y0 + S * (1 - b), fill);
		}
	} else {
		guint *grid = g_new0(guint, SCATTER_GRID * SCATTER_GRID);
		guint top = 0;
		for (guint i = 0; i < n; i++) {
			gint x = CLAMP((gint)(col_value(r, 0, c, i) * SCATTER_GRID), 0,
			               SCATTER_GRID - 1);
			gint y = CLAMP((gint)(col_value(r, 1, c, i) * SCATTER_GRID), 0,
			               SCATTER_GRID - 1);
			top = MAX(top, ++grid[y * SCATTER_GRID + x]);
		}
		double cs = (double)S / SCATTER_GRID;
		for (guint y = 0; y < SCATTER_GRID; y++)
			for (guint x = 0; x < SCATTER_GRID; x++) {
				guint k = grid[y * SCATTER_GRID + x];
				if (!k)
					continue;
				const char *fill = y > x   ? sys_color[1]
				                   : y < x ? sys_color[0]
				                           : "#3a434e";
				g_string_append_printf(
				    o,
				    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" "
				    "height=\"%.2f\" fill=\"%s\" fill-opacity=\"%.2f\"/>",
				    X0 + x * cs, Y0 + S - (y + 1) * cs, cs, cs, fill,
				    0.12 + 0.88 * log1p(k) / log1p(top));
			}
		g_free(grid);
	}
	if (!col->binary) {
		g_string_append_printf(
		    o,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#3a434e\" "
		    "stroke-dasharray=\"4 3\"/>",
		    X0, Y0 + S, X0 + S, Y0);
		for (guint t = 0; t <= 100; t += 20)
			g_string_append_printf(
			    o,
			    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%u</text>"
			    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%u</text>",
			    X0 + S * t / 100.0, Y0 + S + 15, t, X0 - 5,
			    Y0 + S * (1 - t / 100.0) + 4, t);
		g_string_append_printf(
		    o,
		    "<text x=\"%d\" y=\"%d\" style=\"fill:%s\">B higher</text>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" style=\"fill:%s\">"
		    "A higher</text>",
		    X0 + 8, Y0 + 16, sys_color[1], X0 + S - 8, Y0 + S - 8, sys_color[0]);
	}
	g_string_append_printf(o,
	                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">A: %s</text>"
	                       "<text x=\"12\" y=\"%d\" text-anchor=\"middle\" "
	                       "transform=\"rotate(-90 12 %d)\">B: %s</text></svg>",
	                       X0 + S / 2, Y0 + S + 32, col->name, Y0 + S / 2, Y0 + S / 2,
	                       col->name);
}

/* B - A per measure: the mean difference and its 95% paired-bootstrap
 * interval, the zero line drawn. */
static void chart_paired(GString *o, const EvalReport *r)
{
	double ext = 0;
	for (guint c = 0; c < r->n_cols; c++)
		for (guint k = 0; k < 3; k++)
			ext = MAX(ext, fabs(r->paired[c][k]));
	double step = nice_step(MAX(ext * 100, 0.1));
	double half = ceil(ext * 100 / step + 1e-9) * step;
	if (half <= 0)
		half = step;
	const int L = 96, P = 340, W = L + P + 190, RH = 30;
	int H = 30 + RH * (int)r->n_cols + 20;
	svg_open(o, W, H, "mean difference B - A with 95% interval");
#define DX(v) (L + P * ((v)*100 + half) / (2 * half))
	for (double t = -half; t <= half + 1e-9; t += step) {
		double x = DX(t / 100);
		g_string_append_printf(
		    o,
		    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"18\" y2=\"%d\" stroke=\"%s\"/>"
		    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%g</text>",
		    x, x, H - 18, fabs(t) < 1e-9 ? "#3a434e" : "#e3e6ea", x, H - 4,
		    t > 1e-9 ? "+" : "", fabs(t) < 1e-9 ? 0 : round(t * 100) / 100);
	}
	g_string_append_printf(o,
	                       "<text x=\"%.1f\" y=\"12\" text-anchor=\"end\" style=\"fill:%s\">"
	                       "&#8592; A better</text><text x=\"%.1f\" y=\"12\" style=\"fill:%s\">"
	                       "B better &#8594;</text>",
	                       DX(0) - 6, sys_color[0], DX(0) + 6, sys_color[1]);
	for (guint c = 0; c < r->n_cols; c++) {
		const double *d = r->paired[c];
		double y = 30 + RH * c + RH / 2.0;
		const char *col = d[1] > 0 ? "#1a7f37" : d[2] < 0 ? "#b42318" : "#55606e";
		g_string_append_printf(o,
		                       "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
		                       "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
		                       "stroke=\"%s\" stroke-width=\"3\"/>"
		                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>"
		                       "<text x=\"%d\" y=\"%.1f\">%+.2f [%+.2f, %+.2f]</text>",
		                       L - 8, y + 4, r->cols[c].name, DX(d[1]), DX(d[2]), y, y, col,
		                       DX(d[0]), y, col, L + P + 12, y + 4, 100 * d[0], 100 * d[1],
		                       100 * d[2]);
	}
#undef DX
	g_string_append(o, "</svg>");
}

/* The per-item differences B - A of the ranking measure: losses left, wins
 * right, in 5-point bins; ties (equal scores) are counted, not drawn,
 * since systems that often agree would flatten the rest. */
static void chart_differences(GString *o, const EvalReport *r, guint c)
{
	enum { B = 40 };
	guint n = r->items->len, counts[B] = {0}, top = 0;
	for (guint i = 0; i < n; i++) {
		double d = col_value(r, 1, c, i) - col_value(r, 0, c, i);
		if (d == 0)
			continue;
		gint b = CLAMP((gint)floor((d + 1) * B / 2), 0, B - 1);
		/* a difference never falls in the bin across zero from its sign */
		if (d > 0 && b < B / 2)
			b = B / 2;
		if (d < 0 && b >= B / 2)
			b = B / 2 - 1;
		top = MAX(top, ++counts[b]);
	}
	/* most differences are small: the axis spans the ones that occur */
	guint lo = 0, hi = B;
	while (lo < B / 2 - 4 && !counts[lo])
		lo++;
	while (hi > B / 2 + 4 && !counts[hi - 1])
		hi--;
	guint span = MAX(B / 2 - lo, hi - B / 2);
	lo = B / 2 - span;
	hi = B / 2 + span;
	const int W = 560, X0 = 46, X1 = W - 14, Y0 = 14, Y1 = 150, H = Y1 + 36;
	char *label = g_strdup_printf("per-item difference B - A of %s", r->cols[c].name);
	svg_open(o, W, H, label);
	g_free(label);
	double step = nice_step(MAX(top, 1u) / 1.0);
	if (step < 1)
		step = 1;
	double ymax = ceil(MAX(top, 1u) / step) * step;
	y_grid(o, X0, X1, Y0, Y1, ymax, step, FALSE);
	double bw = (double)(X1 - X0) / (hi - lo);
	for (guint b = lo; b < hi; b++) {
		double h = (Y1 - Y0) * counts[b] / ymax;
		g_string_append_printf(o,
		                       "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		                       "fill=\"%s\"><title>%u items</title></rect>",
		                       X0 + (b - lo) * bw + 0.5, Y1 - h, MAX(bw - 1, 0.5), h,
		                       b < B / 2 ? sys_color[0] : sys_color[1], counts[b]);
	}
	/* ticks at round differences: every 10 points, 20 past 40 */
	int half = (int)span * 200 / B, tick = half > 40 ? 20 : 10;
	for (int t = -half / tick * tick; t <= half; t += tick)
		g_string_append_printf(
		    o, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%d</text>",
		    X0 + (X1 - X0) * (t + half) / (2.0 * half), Y1 + 15, t > 0 ? "+" : "", t);
	g_string_append_printf(o,
	                       "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#3a434e\"/>"
	                       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">B - A, %s x100 "
	                       "(items; equal scores not drawn)</text></svg>",
	                       X0, X1, Y1, Y1, X1, Y1 + 30, r->cols[c].name);
}

/* How often each system took the article's sentence k (share of items),
 * and how often a line of its output is no sentence of the article. */
static gboolean chart_positions(GString *o, const EvalReport *r)
{
	guint n = r->items->len;
	guint64 counts[2][POS_BINS + 1] = {{0}};
	guint with_text = 0;
	for (guint i = 0; i < n; i++) {
		const RefItem *it = r->items->pdata[i];
		if (!it->text)
			continue;
		with_text++;
		char *preds[2] = {r->preds[0][i], r->n_sys == 2 ? r->preds[1][i] : NULL};
		GArray *ix[2];
		sentence_indices(it->text, preds, r->n_sys, ix);
		for (guint s = 0; s < r->n_sys; s++) {
			for (guint k = 0; k < ix[s]->len; k++) {
				gint v = g_array_index(ix[s], gint, k);
				counts[s][v < 0 ? POS_BINS : MIN(v, POS_BINS - 1)]++;
			}
			g_array_free(ix[s], TRUE);
		}
	}
	if (!with_text)
		return FALSE;
	double top = 0;
	for (guint s = 0; s < r->n_sys; s++)
		for (guint b = 0; b <= POS_BINS; b++)
			top = MAX(top, (double)counts[s][b] / with_text);
	double step = nice_step(MAX(top, 0.01));
	double ymax = MIN(ceil(top / step - 1e-9) * step, 1.0);
	const int W = 560, X0 = 46, X1 = W - 14, Y0 = 14, Y1 = 150, H = Y1 + 36;
	svg_open(o, W, H, "share of items whose summary took sentence k of the article");
	y_grid(o, X0, X1, Y0, Y1, ymax, step, TRUE);
	double bw = (double)(X1 - X0) / (POS_BINS + 1);
	for (guint b = 0; b <= POS_BINS; b++) {
		for (guint s = 0; s < r->n_sys; s++) {
			double share = (double)counts[s][b] / with_text;
			double h = (Y1 - Y0) * share / ymax, w = (bw - 6) / r->n_sys;
			g_string_append_printf(
			    o,
			    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			    "fill=\"%s\"><title>%.1f%% of items</title></rect>",
			    X0 + b * bw + 3 + s * w, Y1 - h, w, h,
			    r->n_sys == 2 ? sys_color[s] : sys_color[1], 100 * share);
		}
		const char *lab = b == POS_BINS ? "other" : NULL;
		if (lab)
			g_string_append_printf(
			    o, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
			    X0 + (b + 0.5) * bw, Y1 + 15, lab);
		else
			g_string_append_printf(
			    o, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%u%s</text>",
			    X0 + (b + 0.5) * bw, Y1 + 15, b, b == POS_BINS - 1 ? "+" : "");
	}
	g_string_append_printf(
	    o,
	    "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#3a434e\"/>"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">sentence index in the "
	    "article (0: the first; other: not an article sentence)</text></svg>",
	    X0, X1, Y1, Y1, X1, Y1 + 30);
	return TRUE;
}

/* ---- the items that moved ---------------------------------------------------------- */

/* The k items of highest key (sign +1) or lowest (sign -1), ties in file
 * order; with two systems only items that changed. One pass, k compares
 * per item at most. Returns how many. */
static guint pick_items(const EvalReport *r, int sign, guint *out)
{
	guint n = r->items->len, got = 0;
	double key[REPORT_ITEMS];
	for (guint i = 0; i < n; i++) {
		double v = col_value(r, r->n_sys - 1, r->rank, i);
		if (r->n_sys == 2)
			v -= col_value(r, 0, r->rank, i);
		v *= sign;
		if (r->n_sys == 2 && v <= 0)
			continue;
		if (got == REPORT_ITEMS && v <= key[got - 1])
			continue;
		guint j = got < REPORT_ITEMS ? got++ : got - 1;
		while (j > 0 && key[j - 1] < v) {
			key[j] = key[j - 1];
			out[j] = out[j - 1];
			j--;
		}
		key[j] = v;
		out[j] = i;
	}
	return got;
}

/* A line with its words marked: fn(toks, t) gives word t's class or NULL. */
typedef const char *(*MarkFn)(GArray *toks, guint t, void *user);

static void marked_line(GString *o, const char *line, GArray *toks, MarkFn fn, void *user)
{
	gsize at = 0;
	for (guint t = 0; t < toks->len; t++) {
		const Tok *k = &g_array_index(toks, Tok, t);
		const char *cls = fn(toks, t, user);
		if (!cls)
			continue;
		cli_html_escape(o, line + at, k->start - at);
		g_string_append_printf(o, "<span class=\"%s\">", cls);
		cli_html_escape(o, line + k->start, k->end - k->start);
		g_string_append(o, "</span>");
		at = k->end;
	}
	esc(o, line + at);
}

/* In the reference: words in a pair an output shares get its colour
 * ("m0" A, "m1" B, "m01" both), words it shares alone are underlined in
 * it ("u0", "u1", "u01"). */
typedef struct {
	Words sys[2];
	guint n;
} RefMarks;

static const char *ref_mark(GArray *toks, guint t, void *user)
{
	RefMarks *m = user;
	int a = shared(&m->sys[0], toks, t);
	int b = m->n == 2 ? shared(&m->sys[1], toks, t) : 0;
	if (m->n == 1)
		return a == 2 ? "m1" : a ? "u1" : NULL;
	if (a == 2 || b == 2)
		return a == 2 && b == 2 ? "m01" : a == 2 ? "m0" : "m1";
	return a && b ? "u01" : a ? "u0" : b ? "u1" : NULL;
}

typedef struct {
	const Words *ref;
	guint sys;
} SysMarks;

static const char *sys_mark(GArray *toks, guint t, void *user)
{
	SysMarks *m = user;
	static const char *const cls[2][2] = {{"u0", "m0"}, {"u1", "m1"}};
	int k = shared(m->ref, toks, t);
	return k ? cls[m->sys][k - 1] : NULL;
}

/* The prediction as scored: --words and --bytes applied. */
static char *scored(const EvalReport *r, const char *p)
{
	return eval_truncate(p, r->has_words ? (gssize)r->words : -1,
	                     r->has_bytes ? (gssize)r->bytes : -1);
}

/* Each line of text (a sentence, or one reference) as a block, its words
 * marked; ix, when given, the article index of each non-empty line. */
static void column_text(GString *o, const EvalReport *r, const char *text, MarkFn fn, void *user,
                        GArray *ix)
{
	char **lines = g_strsplit(text, "\n", -1);
	guint k = 0;
	gboolean any = FALSE;
	for (char **l = lines; *l; l++) {
		char *sq = squeeze(*l, strlen(*l));
		gboolean empty = !*sq;
		g_free(sq);
		if (empty)
			continue;
		any = TRUE;
		g_string_append(o, "<span class=\"s\">");
		if (ix && k < ix->len) {
			gint v = g_array_index(ix, gint, k);
			if (v >= 0)
				g_string_append_printf(
				    o,
				    "<span class=\"ix\" title=\"sentence %d of the "
				    "article\">%d</span>",
				    v, v);
			else
				g_string_append(o,
				                "<span class=\"ix\" title=\"not a sentence of the "
				                "article\">&#8211;</span>");
		}
		k++;
		GArray *toks = tokens(r, *l);
		marked_line(o, *l, toks, fn, user);
		tokens_free(toks);
		g_string_append(o, "</span>");
	}
	if (!any)
		g_string_append(o, "<span class=\"none\">(empty)</span>");
	g_strfreev(lines);
}

static void item_block(GString *o, const EvalReport *r, guint i)
{
	const RefItem *it = r->items->pdata[i];
	guint ns = r->n_sys;
	g_string_append(o, "<div class=\"item\"><div class=\"ihead\">id <b>");
	esc(o, it->id_json);
	g_string_append(o, "</b> &#183; ");
	for (guint c = 0; c < r->n_cols; c++) {
		g_string_append_printf(o, "%s%s ", c ? " &#183; " : "", r->cols[c].name);
		for (guint s = 0; s < ns; s++) {
			double v = col_value(r, s, c, i);
			if (r->cols[c].binary)
				g_string_append_printf(o, "%s%s", s ? " &#8594; " : "",
				                       v > 0.5 ? "hit" : "miss");
			else
				g_string_append_printf(o, "%s%.1f", s ? " &#8594; " : "", 100 * v);
		}
		if (ns == 2 && !r->cols[c].binary) {
			double d = col_value(r, 1, c, i) - col_value(r, 0, c, i);
			g_string_append_printf(o, " <span class=\"%s\">(%+.1f)</span>",
			                       d > 0   ? "up"
			                       : d < 0 ? "down"
			                               : "",
			                       100 * d);
		}
	}
	g_string_append_printf(o, "</div><div class=\"cols\" style=\"--n:%u\">", ns + 1);

	char *outs[2] = {NULL, NULL};
	GArray *toks[2] = {NULL, NULL};
	RefMarks rm = {{{NULL, NULL}, {NULL, NULL}}, ns};
	for (guint s = 0; s < ns; s++) {
		outs[s] = scored(r, r->preds[s][i]);
		toks[s] = tokens(r, outs[s]);
		words_init(&rm.sys[s], toks[s]);
	}
	GString *refs = g_string_new(NULL);
	for (char **ref = it->refs; ref && *ref; ref++) {
		if (refs->len)
			g_string_append_c(refs, '\n');
		g_string_append(refs, *ref);
	}
	GArray *rt = tokens(r, refs->str);
	Words ref_words;
	words_init(&ref_words, rt);
	g_string_append(o, "<div class=\"col\"><h4>");
	g_string_append(o, r->target == TARGET_KICKER ? "keyphrases" : "reference");
	g_string_append(o, "</h4>");
	column_text(o, r, refs->str, ref_mark, &rm, NULL);
	g_string_append(o, "</div>");

	GArray *ix[2] = {NULL, NULL};
	if (r->target == TARGET_SUMMARY && it->text)
		sentence_indices(it->text, outs, ns, ix);
	for (guint s = 0; s < ns; s++) {
		SysMarks sm = {&ref_words, ns == 2 ? s : 1};
		g_string_append(o, "<div class=\"col\"><h4>");
		if (ns == 2)
			g_string_append_printf(o,
			                       "<span class=\"key\" style=\"margin-left:0;"
			                       "background:%s\"></span>%s: ",
			                       sys_color[s], sys_letter[s]);
		esc(o, base_name(r->sys_name[s]));
		g_string_append(o, "</h4>");
		column_text(o, r, outs[s], sys_mark, &sm, ix[s]);
		g_string_append(o, "</div>");
		if (ix[s])
			g_array_free(ix[s], TRUE);
	}
	g_string_append(o, "</div></div>\n");
	words_clear(&ref_words);
	tokens_free(rt);
	g_string_free(refs, TRUE);
	for (guint s = 0; s < ns; s++) {
		words_clear(&rm.sys[s]);
		tokens_free(toks[s]);
		g_free(outs[s]);
	}
}

static void items_section(GString *o, const EvalReport *r, int sign)
{
	guint pick[REPORT_ITEMS];
	guint k = pick_items(r, sign, pick);
	const char *name = r->cols[r->rank].name;
	if (r->n_sys == 2)
		g_string_append_printf(
		    o, "<h2 id=\"%s\">Where %s B %s most (%s)</h2>\n", sign > 0 ? "best" : "worst",
		    sign > 0 ? "&#9650;" : "&#9660;", sign > 0 ? "gains" : "loses", name);
	else
		g_string_append_printf(o, "<h2 id=\"%s\">The %u %s items (%s)</h2>\n",
		                       sign > 0 ? "best" : "worst", k, sign > 0 ? "best" : "worst",
		                       name);
	if (!k) {
		g_string_append_printf(o, "<p>No item where B scores %s than A.</p>\n",
		                       sign > 0 ? "higher" : "lower");
		return;
	}
	if (r->n_sys == 2)
		g_string_append_printf(o, "<p>The %u items with the %s %s difference B - A.</p>\n",
		                       k, sign > 0 ? "largest" : "most negative", name);
	for (guint j = 0; j < k; j++)
		item_block(o, r, pick[j]);
}

/* ---- the page ---------------------------------------------------------------------- */

static void wins_table(GString *o, const EvalReport *r)
{
	guint n = r->items->len;
	g_string_append(o, "<table class=\"wtl\"><tr><th>measure</th><th>B higher</th>"
	                   "<th>equal</th><th>A higher</th></tr>");
	for (guint c = 0; c < r->n_cols; c++) {
		guint up = 0, down = 0;
		for (guint i = 0; i < n; i++) {
			double d = col_value(r, 1, c, i) - col_value(r, 0, c, i);
			up += d > 0;
			down += d < 0;
		}
		g_string_append_printf(o,
		                       "<tr><td>%s</td><td class=\"up\">%u (%.1f%%)</td><td>%u "
		                       "(%.1f%%)</td><td class=\"down\">%u (%.1f%%)</td></tr>",
		                       r->cols[c].name, up, 100.0 * up / n, n - up - down,
		                       100.0 * (n - up - down) / n, down, 100.0 * down / n);
	}
	g_string_append(o, "</table>\n");
}

static gboolean any_article(const EvalReport *r)
{
	for (guint i = 0; i < r->items->len; i++)
		if (((const RefItem *)r->items->pdata[i])->text)
			return TRUE;
	return FALSE;
}

/* B - A of the ranking measure by the article's length: where B gains is
 * often a kind of article (short wire copy, long features). Fixed bounds
 * (words, split on white space): one pass, no sort. */
static void length_table(GString *o, const EvalReport *r)
{
	static const guint bound[] = {200, 400, 600, 800, 1200, G_MAXUINT};
	enum { NB = G_N_ELEMENTS(bound) };
	guint n = r->items->len, items[NB] = {0}, up[NB] = {0}, down[NB] = {0};
	double sum[NB] = {0};
	for (guint i = 0; i < n; i++) {
		const RefItem *it = r->items->pdata[i];
		if (!it->text)
			continue;
		guint words = 0;
		gboolean in = FALSE;
		for (const char *c = it->text; *c; c++) {
			gboolean sp = g_ascii_isspace(*c);
			words += !sp && !in;
			in = !sp;
		}
		guint b = 0;
		while (words >= bound[b])
			b++;
		double d = col_value(r, 1, r->rank, i) - col_value(r, 0, r->rank, i);
		items[b]++;
		sum[b] += d;
		up[b] += d > 0;
		down[b] += d < 0;
	}
	g_string_append_printf(o, "<table class=\"wtl\"><tr><th>article words</th><th>items</th>"
	                          "<th>B higher</th><th>A higher</th><th>mean B - A</th></tr>");
	for (guint b = 0; b < NB; b++) {
		if (!items[b])
			continue;
		if (b == 0)
			g_string_append_printf(o, "<tr><td>under %u</td>", bound[0]);
		else if (b == NB - 1)
			g_string_append_printf(o, "<tr><td>%u or more</td>", bound[b - 1]);
		else
			g_string_append_printf(o, "<tr><td>%u to %u</td>", bound[b - 1],
			                       bound[b] - 1);
		double mean = sum[b] / items[b];
		g_string_append_printf(
		    o,
		    "<td>%u</td><td class=\"up\">%u</td><td class=\"down\">%u</td>"
		    "<td class=\"%s\">%+.2f</td></tr>",
		    items[b], up[b], down[b],
		    mean > 0   ? "up"
		    : mean < 0 ? "down"
		               : "",
		    100 * mean);
	}
	g_string_append(o, "</table>\n");
}

/* One sentence a person reads first: who is ahead on the ranking
 * measure, by how much, how sure, on how many items. */
static void verdict(GString *o, const EvalReport *r)
{
	const double *d = r->paired[r->rank];
	guint n = r->items->len, up = 0, down = 0;
	for (guint i = 0; i < n; i++) {
		double x = col_value(r, 1, r->rank, i) - col_value(r, 0, r->rank, i);
		up += x > 0;
		down += x < 0;
	}
	g_string_append(o, "<p class=\"verdict\">On ");
	g_string_append(o, r->cols[r->rank].name);
	g_string_append(o, ", <b>B (");
	esc(o, base_name(r->sys_name[1]));
	g_string_append_printf(o, ")</b> is %s <b>A (",
	                       d[1] > 0   ? "<span class=\"up\">better than</span>"
	                       : d[2] < 0 ? "<span class=\"down\">worse than</span>"
	                                  : "not distinguishable from");
	esc(o, base_name(r->sys_name[0]));
	g_string_append_printf(o,
	                       ")</b>: %+.2f points on average (95%% interval %+.2f to %+.2f). "
	                       "B scores higher on %u items, lower on %u, the same on %u.</p>\n",
	                       100 * d[0], 100 * d[1], 100 * d[2], up, down, n - up - down);
}

/* The line of in-page links: the page is long. */
static void section_links(GString *o, const EvalReport *r)
{
	g_string_append(o, "<p class=\"nav\"><a href=\"#figures\">Figures</a>");
	if (r->n_sys == 2)
		g_string_append(o, " &#183; <a href=\"#versus\">B against A</a>");
	g_string_append(o, " &#183; <a href=\"#per-item\">Per item</a>");
	if (r->target == TARGET_SUMMARY && any_article(r))
		g_string_append(o, " &#183; <a href=\"#sentences\">Sentences taken</a>");
	g_string_append_printf(o,
	                       " &#183; <a href=\"#best\">%s</a> &#183; <a "
	                       "href=\"#worst\">%s</a></p>\n",
	                       r->n_sys == 2 ? "Where B gains" : "Best items",
	                       r->n_sys == 2 ? "Where B loses" : "Worst items");
}

/* Two systems: the verdict, the paired differences, who wins where. */
static void section_versus(GString *o, const EvalReport *r)
{
	g_string_append(o, "<h2 id=\"versus\">B against A</h2>\n");
	verdict(o, r);
	g_string_append_printf(o,
	                       "<div class=\"grid\"><div class=\"card\"><h3>Mean difference "
	                       "B - A</h3><p>%s x100, with its 95%% paired-bootstrap "
	                       "interval: green when it lies above zero, red below.</p>",
	                       r->measure);
	chart_paired(o, r);
	g_string_append(o, "</div><div class=\"card\"><h3>Items each system scores higher "
	                   "on</h3>");
	wins_table(o, r);
	g_string_append(o, "</div>");
	if (any_article(r)) {
		g_string_append_printf(o,
		                       "<div class=\"card\"><h3>By the article's length, "
		                       "%s</h3>",
		                       r->cols[r->rank].name);
		length_table(o, r);
		g_string_append(o, "</div>");
	}
	/* of hits and misses, the table above says it all */
	if (!r->cols[r->rank].binary) {
		g_string_append_printf(o,
		                       "<div class=\"card\"><h3>Per-item difference B - A, "
		                       "%s</h3>",
		                       r->cols[r->rank].name);
		chart_differences(o, r, r->rank);
		g_string_append(o, "</div>");
	}
	g_string_append(o, "</div>\n");
}

/* Per measure, the distribution of per-item scores (and A against B). */
static void section_per_item(GString *o, const EvalReport *r)
{
	g_string_append_printf(o, "<h2 id=\"per-item\">Per-item %s</h2>\n", r->measure);
	gboolean binary = r->cols[0].binary;
	if (binary && r->n_sys == 2)
		g_string_append(o, "<p>Left: the share of items each system hits. Right: the "
		                   "items by A's result and B's.</p>\n");
	else if (binary)
		g_string_append(o, "<p>The share of items hit.</p>\n");
	else if (r->n_sys == 2)
		g_string_append(o, "<p>Left: the share of items per 5-point bin for each system, "
		                   "over box plots (box: quartiles, whiskers: 5th to 95th "
		                   "percentile, diamond: mean). Right: each item, A across and B "
		                   "up; above the dashed diagonal B scored higher.</p>\n");
	else
		g_string_append(o, "<p>The share of items per 5-point bin, over a box plot (box: "
		                   "quartiles, whiskers: 5th to 95th percentile, diamond: "
		                   "mean).</p>\n");
	/* two systems: a row per measure; one: the cards side by side */
	if (r->n_sys == 1)
		g_string_append(o, "<div class=\"grid\">");
	for (guint c = 0; c < r->n_cols; c++) {
		if (r->n_sys == 2)
			g_string_append(o, "<div class=\"grid\">");
		g_string_append_printf(o, "<div class=\"card\"><h3>%s</h3>", r->cols[c].name);
		chart_distribution(o, r, c);
		g_string_append(o, "</div>");
		if (r->n_sys == 2) {
			g_string_append_printf(o, "<div class=\"card\"><h3>%s, A against B</h3>",
			                       r->cols[c].name);
			chart_scatter(o, r, c);
			g_string_append(o, "</div></div>");
		}
		g_string_append_c(o, '\n');
	}
	if (r->n_sys == 1)
		g_string_append(o, "</div>\n");
}

/* Summaries whose articles are known: which sentences were taken. */
static void section_sentences(GString *o, const EvalReport *r)
{
	if (r->target != TARGET_SUMMARY)
		return;
	GString *chart = g_string_new(NULL);
	if (chart_positions(chart, r)) {
		g_string_append(o, "<h2 id=\"sentences\">Which sentences the summaries "
		                   "took</h2>\n<p>The share "
		                   "of items whose summary took the article's sentence k, as "
		                   "lede's segmenter splits the article.</p>\n<div "
		                   "class=\"card\">");
		g_string_append_len(o, chart->str, chart->len);
		g_string_append(o, "</div>\n");
	}
	g_string_free(chart, TRUE);
}

/* What the marks in the item tables mean. */
static void items_legend(GString *o, const EvalReport *r)
{
	g_string_append(o, "<p style=\"margin-top:30px\">In the tables below, the words an "
	                   "output shares with the reference (as ROUGE compares them: "
	                   "lower-cased");
	g_string_append(o, r->stem ? ", stemmed" : "");
	g_string_append(o, "): a phrase of two or more shared words is shaded, a word shared "
	                   "alone underlined; ");
	if (r->n_sys == 2)
		g_string_append(o,
		                "<span class=\"m0\">A</span> <span class=\"u0\">A</span>, "
		                "<span class=\"m1\">B</span> <span class=\"u1\">B</span>, and in "
		                "the reference <span class=\"m01\">both</span> <span "
		                "class=\"u01\">both</span>.");
	else
		g_string_append(o, "<span class=\"m1\">a shared phrase</span>, <span "
		                   "class=\"u1\">a word</span>, in the output and in the "
		                   "reference.");
	if (r->target == TARGET_SUMMARY)
		g_string_append(o,
		                " Before each sentence of an output, <span class=\"ix\">0</span> "
		                "is its index in the article (<span class=\"ix\">&#8211;</span> "
		                "not found there).");
	g_string_append(o, "</p>\n");
}

char *eval_report_html(const EvalReport *r)
{
	GString *o = g_string_sized_new(256 * 1024);
	page_head(o, r);
	section_links(o, r);
	g_string_append(o, "<h2>Command</h2>\n<pre>");
	esc(o, r->command);
	g_string_append(o, "</pre>\n<h2 id=\"figures\">Figures</h2>\n<pre>");
	esc(o, r->figures);
	g_string_append(o, "</pre>\n");
	if (r->n_sys == 2)
		section_versus(o, r);
	section_per_item(o, r);
	section_sentences(o, r);
	items_legend(o, r);
	items_section(o, r, +1);
	items_section(o, r, -1);
	g_string_append(o, "<p class=\"foot\">Written by lede ");
	esc(o, lede_version());
	g_string_append(o, " (lede eval --report).</p>\n</div>\n</body>\n</html>\n");
	return g_string_free(o, FALSE);
}

gboolean eval_report_write(const EvalReport *r, const char *path)
{
	char *page = eval_report_html(r);
	GError *error = NULL;
	gboolean ok = cli_write_file_atomic(path, page, strlen(page), &error);
	if (!ok) {
		cli_error("%s: %s", path, error->message);
		g_error_free(error);
	}
	g_free(page);
	return ok;
}
