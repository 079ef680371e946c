/* lede eval --report: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing loaded from elsewhere) of an evaluation: the figures as
 * the terminal shows them, per-item distributions, a scatter of two
 * systems, and the items that moved most side by side. Issue 17. */
#ifndef LEDE_EVAL_REPORT_H
#define LEDE_EVAL_REPORT_H

#include "eval.h"

/* One compared measure: a column of the per-item values. */
typedef struct {
	const char *name; /* as in the terminal's table: "ROUGE-1", "P@1" */
	guint col;        /* the values are vals[col * n + i] */
	gboolean binary;  /* 0 or 1 per item (the kicker's hits) */
} ReportCol;

typedef struct {
	Target target;
	const char *command;    /* the exact command line, shell-quoted */
	const char *references; /* the references file as given */
	const char *measure;    /* "F-measure", "recall", "score" */
	const char *figures;    /* the figures as the terminal shows them in text */
	GPtrArray *items;       /* RefItem; their text, when known, gives sentence indices */
	guint n_sys;            /* 1, or 2: A (a baseline) then B */
	const char *sys_name[2];
	char **preds[2];           /* per item, as read (truncated here for display) */
	const double *vals[2];     /* vals[col * n + i] */
	const double (*paired)[3]; /* with two systems: per ReportCol, B - A and its interval */
	const ReportCol *cols;
	guint n_cols;
	guint rank; /* the ReportCol that orders the items that moved */
	gboolean unicode, stem;
	gboolean has_bytes, has_words;
	gsize bytes, words;
} EvalReport;

/* Writes the page to path atomically; FALSE after "lede: PATH: reason". */
gboolean eval_report_write(const EvalReport *r, const char *path);
/* The page as a new string (for tests and fuzzers). */
char *eval_report_html(const EvalReport *r);

#endif
