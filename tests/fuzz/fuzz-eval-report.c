/* A fuzz target over lede eval --report's page writer (eval-report.c):
 * every text of the page (id, references, outputs, article) comes from the
 * input. The first byte picks the target, one or two systems, the
 * tokenizer and stemming; the rest is fields separated by 0x1F: id,
 * references (0x1E between them), output A, output B, article (absent: no
 * article). Two items are made from them, the second with the outputs
 * swapped, scores from the bytes.
 *
 * What must hold for any text: the page is valid UTF-8 with no control
 * character but tab and newline, every '<' is markup lede wrote (as many
 * '<' as '>': no text adds either), and no text becomes an element. */
#include "eval-report.h"
#include "fuzz.h"

static char *field(char **f, guint n, guint i)
{
	return g_strdup(i < n ? f[i] : "");
}

static guint count(const char *s, char c)
{
	guint n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	guint8 opt = data[0];
	char *rest = g_strndup((const char *)data + 1, size - 1); /* to the first NUL */
	char **f = g_strsplit(rest, "\x1f", 6);
	guint nf = g_strv_length(f);

	GPtrArray *items = g_ptr_array_new();
	RefItem it[2];
	char *preds[2][2];
	double vals[2][12 * 2];
	for (guint k = 0; k < 2; k++) {
		memset(&it[k], 0, sizeof it[k]);
		it[k].id_json = field(f, nf, 0);
		char *refs = field(f, nf, 1);
		it[k].refs = g_strsplit(refs, "\x1e", -1);
		g_free(refs);
		it[k].text = nf > 4 ? field(f, nf, 4) : NULL;
		preds[k][0] = field(f, nf, 2 + k);
		preds[k][1] = field(f, nf, 3 - k);
		g_ptr_array_add(items, &it[k]);
	}
	for (guint s = 0; s < 2; s++)
		for (guint c = 0; c < 12 * 2; c++)
			vals[s][c] = size > c + s ? data[(c + s * 7) % size] / 255.0 : 0;
	/* as eval.c lays them out: column-major, [col * n + item] */
	double cols_a[12 * 2], cols_b[12 * 2];
	for (guint c = 0; c < 12; c++)
		for (guint i = 0; i < 2; i++) {
			cols_a[c * 2 + i] = vals[0][c * 2 + i];
			cols_b[c * 2 + i] = vals[1][c * 2 + i];
		}
	Target target = (Target)(opt % 3);
	gboolean binary = target == TARGET_KICKER;
	if (binary)
		for (guint c = 0; c < 24; c++) {
			cols_a[c] = cols_a[c] > 0.5;
			cols_b[c] = cols_b[c] > 0.5;
		}
	ReportCol cols[] = {{"M1", 2, binary}, {"M2", 5, binary}};
	double paired[2][3] = {{0.01, -0.02, 0.03}, {-0.5, -0.9, -0.1}};
	char *by_sys[2][2] = {{preds[0][0], preds[1][0]}, {preds[0][1], preds[1][1]}};
	EvalReport r = {
	    .target = target,
	    .command = it[0].id_json,
	    .references = it[0].refs[0] ? it[0].refs[0] : "",
	    .measure = "F-measure",
	    .figures = preds[0][0],
	    .items = items,
	    .n_sys = (opt >> 2) % 2 + 1,
	    .sys_name = {preds[0][1], it[0].id_json},
	    .preds = {by_sys[0], by_sys[1]},
	    .vals = {cols_a, cols_b},
	    .paired = (const double(*)[3])paired,
	    .cols = cols,
	    .n_cols = 2,
	    .rank = (opt >> 3) % 2,
	    .unicode = (opt >> 4) & 1,
	    .stem = (opt >> 5) & 1,
	    .has_bytes = (opt >> 6) & 1,
	    .bytes = size % 50,
	};
	char *page = eval_report_html(&r);
	fuzz_check(g_utf8_validate(page, -1, NULL), "a page that is not UTF-8");
	for (const char *p = page; *p; p++)
		fuzz_check((guchar)*p >= 0x20 || *p == '\n' || *p == '\t',
		           "a control character in the page");
	fuzz_check(count(page, '<') == count(page, '>'), "a '<' or '>' of a text not escaped");
	char *low = g_ascii_strdown(page, -1);
	fuzz_check(!strstr(low, "<script") && !strstr(low, "<img"), "a text became an element");
	for (const char *a = strstr(low, "<a "); a; a = strstr(a + 1, "<a "))
		fuzz_check(g_str_has_prefix(a, "<a href=\"#"), "a link out of the page");
	fuzz_check(g_str_has_suffix(page, "</html>\n"), "a page cut short");
	g_free(low);
	g_free(page);

	for (guint k = 0; k < 2; k++) {
		g_free(it[k].id_json);
		g_strfreev(it[k].refs);
		g_free(it[k].text);
		g_free(preds[k][0]);
		g_free(preds[k][1]);
	}
	g_ptr_array_free(items, TRUE);
	g_strfreev(f);
	g_free(rest);
	return 0;
}
