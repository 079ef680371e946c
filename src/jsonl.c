#include "jsonl.h"

#include <string.h>

/* JSON's white space. cJSON skips every byte up to the space as if it were. */
static gboolean json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Past the string at p (its opening quote), or NULL when a byte below 0x20
 * is raw inside it (cJSON takes those, and a NUL ends its C string there).
 * *escaped: it has an escape; *nul: one of them is \u0000. The escapes
 * themselves cJSON has checked. */
/* Whether any byte of the 8 in w is a control byte, a quote or a backslash:
 * the bytes scan_string must look at. The rest of a string (nearly all of a
 * record's text) is passed over 8 bytes at a time, which made this pass a
 * fifth of cJSON's own (a byte at a time it was half). The classic
 * "has a zero byte" test: (v - 0x01..) & ~v & 0x80.. */
static inline gboolean word_has_stop(guint64 w)
{
	const guint64 ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	guint64 quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
	guint64 control = (w - ones * 0x20) & ~w;
	guint64 zq = (quote - ones) & ~quote, zb = (backslash - ones) & ~backslash;
	return ((control | zq | zb) & highs) != 0;
}

/* The same for 16 bytes, in the compilers' vector extension (SSE2 or NEON
 * where there is one): a record's text is most of a batch's input, and this
 * made its pass half as long again. Signed bytes: UTF-8's are below 0. */
typedef signed char Bytes16 __attribute__((vector_size(16)));

static inline gboolean block_has_stop(const char *p)
{
	Bytes16 x;
	memcpy(&x, p, sizeof x);
	Bytes16 stop = (x == '"') | (x == '\\') | ((x >= 0) & (x < 0x20));
	guint64 h[2];
	memcpy(h, &stop, sizeof h);
	return (h[0] | h[1]) != 0;
}

static const char *scan_string(const char *p, const char *end, gboolean *escaped, gboolean *nul)
{
	for (p++; p < end; p++) {
		guint64 w;
		while (end - p >= 16 && !block_has_stop(p))
			p += 16;
		while (end - p >= 8 && (memcpy(&w, p, 8), !word_has_stop(w)))
			p += 8;
		if (p == end) /* unterminated: the scan no longer stops where cJSON did */
			break;
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			*escaped = TRUE;
			if (p + 1 >= end)
				return NULL;
			if (p[1] == 'u') {
				/* cJSON reads a bad hex digit as a \u0000 that ends its
				 * string: "\u00zz" is invalid here. */
				if (end - p < 6 || !g_ascii_isxdigit(p[2]) ||
				    !g_ascii_isxdigit(p[3]) || !g_ascii_isxdigit(p[4]) ||
				    !g_ascii_isxdigit(p[5]))
					return NULL;
				if (memcmp(p + 2, "0000", 4) == 0)
					*nul = TRUE;
				p += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", p[1]) || p[1] == '\0')
				return NULL;
			p++; /* the escaped character, which may be a quote or a backslash */
		}
	}
	return NULL;
}

static const char *skip_digits(const char *p, const char *end)
{
	while (p < end && g_ascii_isdigit(*p))
		p++;
	return p;
}

/* Whether [p, end) is a JSON number or literal. cJSON reads numbers with
 * strtod, which also takes +1, .5, 1. and 01. */
static gboolean json_scalar(const char *p, const char *end)
{
	gsize n = (gsize)(end - p);
	if ((n == 4 && memcmp(p, "true", 4) == 0) || (n == 5 && memcmp(p, "false", 5) == 0) ||
	    (n == 4 && memcmp(p, "null", 4) == 0))
		return TRUE;
	if (p < end && *p == '-')
		p++;
	if (p == end || !g_ascii_isdigit(*p))
		return FALSE;
	p = *p == '0' ? p + 1 : skip_digits(p, end);
	if (p < end && *p == '.') {
		const char *d = ++p;
		if ((p = skip_digits(p, end)) == d)
			return FALSE;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		const char *d = p;
		if ((p = skip_digits(p, end)) == d)
			return FALSE;
	}
	return p == end;
}

typedef enum { MEMBER_OTHER, MEMBER_ID, MEMBER_TEXT, MEMBER_HTML } Member;

/* The member name [p, end) (quotes included) as cJSON compares it: decoded. */
static Member member_of(const char *p, const char *end, gboolean escaped)
{
	const char *name = p + 1;
	gsize n = (gsize)(end - p - 2);
	cJSON *decoded = NULL;
	if (escaped) {
		decoded = cJSON_ParseWithLength(p, (size_t)(end - p));
		name = cJSON_IsString(decoded) ? decoded->valuestring : "";
		n = strlen(name);
	}
	Member m = n == 2 && memcmp(name, "id", 2) == 0     ? MEMBER_ID
	           : n == 4 && memcmp(name, "text", 4) == 0 ? MEMBER_TEXT
	           : n == 4 && memcmp(name, "html", 4) == 0 ? MEMBER_HTML
	                                                    : MEMBER_OTHER;
	cJSON_Delete(decoded);
	return m;
}

/* The JSON text [p, end) without white space outside its strings. */
static char *minified(const char *p, const char *end)
{
	GString *out = g_string_sized_new((gsize)(end - p));
	gboolean in_string = FALSE;
	for (; p < end; p++) {
		if (in_string && *p == '\\' && p + 1 < end) {
			g_string_append_len(out, p, 2);
			p++;
			continue;
		}
		if (*p == '"')
			in_string = !in_string;
		if (in_string || !json_space(*p))
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

/* The scan runs before cJSON has checked the syntax: in {"id": 1 2} the
 * id is given twice. */
static void set_id(LedeJsonlRecord *rec, char *id)
{
	g_free(rec->id);
	rec->id = id;
}

/* The long strings parse_blanked empties in the copy cJSON parses, in
 * order (their quotes included): the first top-level "text" and "html",
 * decoded by decode_string, and for lede_jsonl_parse_text the other long
 * strings of the top level and of its arrays, which no one reads. */
enum { DECODE_OVER = 64, MAX_BLANKS = 32 };
typedef struct {
	const char *start, *end;
	gboolean escaped;
	int decode; /* 0 "text", 1 "html", -1 left empty */
} Blank;

typedef struct {
	gboolean text_only;
	Blank blank[MAX_BLANKS];
	guint n;
} Values;

static void add_blank(Values *v, const char *p, const char *q, gboolean escaped, int decode)
{
	if (q - p > DECODE_OVER && v->n < MAX_BLANKS)
		v->blank[v->n++] = (Blank){p, q, escaped, decode};
}

/* Checks what cJSON lets through in the object [p, end) (the brackets and
 * the surrogates cJSON checks) and finds the first top-level "id", "text"
 * and "html" as cJSON_GetObjectItemCaseSensitive does. A loop with a depth
 * count: no recursion however deep the object. */
static gboolean scan_object(const char *p, const char *end, LedeJsonlRecord *rec, Values *v)
{
	guint depth = 0;
	gboolean want_name = FALSE; /* at depth 1: the next string is a member name */
	gboolean seen_id = FALSE, seen_text = FALSE, seen_html = FALSE;
	Member member = MEMBER_OTHER; /* the depth-1 member whose value comes */
	const char *id_start = NULL;  /* an object or array id's first byte */
	gboolean in_array = FALSE;    /* at depth 2: in a top-level member's array */
	while (p < end) {
		char c = *p;
		if (json_space(c)) {
			p++;
		} else if ((unsigned char)c < 0x20) {
			return FALSE;
		} else if (c == '"') {
			gboolean escaped = FALSE, nul = FALSE;
			const char *q = scan_string(p, end, &escaped, &nul);
			if (!q)
				return FALSE;
			if (depth == 1 && want_name) {
				member = member_of(p, q, escaped);
				if ((member == MEMBER_ID && seen_id) ||
				    (member == MEMBER_TEXT && seen_text) ||
				    (member == MEMBER_HTML && seen_html))
					member = MEMBER_OTHER;
				seen_id |= member == MEMBER_ID;
				seen_text |= member == MEMBER_TEXT;
				seen_html |= member == MEMBER_HTML;
				want_name = FALSE;
			} else if (depth == 1 && member == MEMBER_ID) {
				set_id(rec, g_strndup(p, (gsize)(q - p)));
			} else if (depth == 1 && (member == MEMBER_TEXT || member == MEMBER_HTML)) {
				int x = member == MEMBER_HTML;
				*(x ? &rec->html_nul : &rec->text_nul) = nul;
				add_blank(v, p, q, escaped, x);
			} else if (v->text_only && (depth == 1 || (depth == 2 && in_array))) {
				add_blank(v, p, q, escaped, -1);
			}
			p = q;
		} else if (c == '{' || c == '[') {
			if (depth == 1 && member == MEMBER_ID)
				id_start = p;
			in_array = depth == 1 && c == '[';
			depth++;
			want_name = depth == 1;
			p++;
		} else if (c == '}' || c == ']') {
			depth--;
			in_array = FALSE;
			p++;
			if (depth == 1 && id_start) {
				set_id(rec, minified(id_start, p));
				id_start = NULL;
			}
		} else if (c == ',') {
			if (depth == 1) {
				want_name = TRUE;
				member = MEMBER_OTHER;
			}
			p++;
		} else if (c == ':') {
			p++;
		} else {
			const char *q = p;
			while (q < end && (unsigned char)*q > 0x20 && !strchr("{}[],:\"", *q))
				q++;
			if (!json_scalar(p, q))
				return FALSE;
			if (depth == 1 && member == MEMBER_ID)
				set_id(rec, g_strndup(p, (gsize)(q - p)));
			p = q;
		}
	}
	return TRUE;
}

/* cJSON_malloc'd: the string [p, end) (its quotes included), which
 * scan_string has checked, decoded as cJSON decodes it, or NULL where cJSON
 * fails (a lone surrogate). */
static char *decode_string(const char *p, const char *end, gboolean escaped)
{
	p++, end--;
	char *out = cJSON_malloc((size_t)(end - p) + 1), *o = out;
	if (!out)
		return NULL;
	if (!escaped) {
		memcpy(out, p, (gsize)(end - p));
		out[end - p] = '\0';
		return out;
	}
	while (p < end) {
		const char *bs = memchr(p, '\\', (gsize)(end - p));
		gsize run = (gsize)((bs ? bs : end) - p);
		memcpy(o, p, run);
		o += run, p += run;
		if (!bs)
			break;
		char e = p[1];
		if (e != 'u') {
			*o++ = e == 'b'   ? '\b'
			       : e == 'f' ? '\f'
			       : e == 'n' ? '\n'
			       : e == 'r' ? '\r'
			       : e == 't' ? '\t'
			                  : e;
			p += 2;
			continue;
		}
		guint32 cp =
		    (guint32)g_ascii_strtoull((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
		p += 6;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			goto fail;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
				goto fail;
			guint32 lo = (guint32)g_ascii_strtoull((char[5]){p[2], p[3], p[4], p[5], 0},
			                                       NULL, 16);
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto fail;
			cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
			p += 6;
		}
		o += g_unichar_to_utf8(cp, o);
	}
	*o = '\0';
	return out;
fail:
	cJSON_free(out);
	return NULL;
}

/* Parses [line, line + len) with cJSON, except the long strings of v,
 * which are emptied in a copy ("text" and "html" then decoded by
 * decode_string): cJSON's string parser goes a byte at a time (twice) and
 * was a tenth of a batch's instructions; memcpy between the escapes is a
 * small part of that. *bad_string: one of them is invalid (as for cJSON). */
static cJSON *parse_blanked(const char *line, gsize len, const Values *v, const char **parse_end,
                            gboolean *bad_string)
{
	if (!v->n)
		return cJSON_ParseWithLengthOpts(line, len, parse_end, FALSE);
	gsize cut = 0;
	for (guint b = 0; b < v->n; b++)
		cut += (gsize)(v->blank[b].end - v->blank[b].start - 2);
	GString *copy = g_string_sized_new(len - cut);
	const char *p = line;
	for (guint b = 0; b < v->n; b++) {
		const Blank *x = &v->blank[b];
		g_string_append_len(copy, p, x->start + 1 - p);
		p = x->end - 1;
		/* cJSON checks the surrogates of every string it reads */
		if (x->decode < 0 && x->escaped) {
			char *s = decode_string(x->start, x->end, TRUE);
			*bad_string |= !s;
			cJSON_free(s);
		}
	}
	g_string_append_len(copy, p, line + len - p);
	const char *copy_end = NULL;
	cJSON *obj = cJSON_ParseWithLengthOpts(copy->str, copy->len, &copy_end, FALSE);
	/* where cJSON stopped, in the line: a parsed object ends after them all */
	if (obj)
		*parse_end = line + (copy_end - copy->str) + cut;
	g_string_free(copy, TRUE);
	for (guint b = 0; cJSON_IsObject(obj) && b < v->n; b++) {
		const Blank *x = &v->blank[b];
		if (x->decode < 0)
			continue;
		cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, x->decode ? "html" : "text");
		char *s = decode_string(x->start, x->end, x->escaped);
		if (!s || !cJSON_IsString(item)) {
			cJSON_free(s);
			*bad_string = TRUE;
			continue;
		}
		cJSON_free(item->valuestring);
		item->valuestring = s;
	}
	return obj;
}

static void parse(const char *line, gsize len, guint lineno, gboolean text_only,
                  LedeJsonlRecord *rec)
{
	*rec = (LedeJsonlRecord){0};
	rec->lineno = lineno;
	const char *end = line + len, *parse_end = NULL;
	/* A byte order mark, which cJSON skips, may start the first line. */
	const char *start = len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? line + 3 : line;
	Values v;
	v.text_only = text_only;
	v.n = 0;
	gboolean scanned = scan_object(start, end, rec, &v), bad_string = FALSE;
	cJSON *obj = scanned ? parse_blanked(line, len, &v, &parse_end, &bad_string)
	                     : cJSON_ParseWithLengthOpts(line, len, &parse_end, FALSE);
	if (obj && !cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		g_clear_pointer(&rec->id, g_free);
		rec->text_nul = rec->html_nul = FALSE;
		rec->error = "not a JSON object";
		return;
	}
	/* cJSON stops after the object: what follows must be white space
	 * ({"text":"x"} junk is not JSON). */
	const char *p = parse_end;
	while (obj && p < end && json_space(*p))
		p++;
	if (!obj || p < end || !scanned || bad_string) {
		cJSON_Delete(obj);
		g_clear_pointer(&rec->id, g_free);
		rec->text_nul = rec->html_nul = FALSE;
		rec->error = "invalid JSON";
		return;
	}
	rec->obj = obj;
}

void lede_jsonl_parse(const char *line, gsize len, guint lineno, LedeJsonlRecord *rec)
{
	parse(line, len, lineno, FALSE, rec);
}

void lede_jsonl_parse_text(const char *line, gsize len, guint lineno, LedeJsonlRecord *rec)
{
	parse(line, len, lineno, TRUE, rec);
}

void lede_jsonl_record_clear(LedeJsonlRecord *rec)
{
	cJSON_Delete(rec->obj);
	g_free(rec->id);
	*rec = (LedeJsonlRecord){0};
}

void lede_jsonl_foreach(const char *data, gsize len, lede_jsonl_fn fn, void *user)
{
	const char *p = data, *end = data + len;
	guint lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		const char *eol = nl ? nl : end;
		lineno++;
		const char *q = p;
		while (q < eol && g_ascii_isspace(*q))
			q++;
		if (q < eol) {
			LedeJsonlRecord rec;
			lede_jsonl_parse(p, (gsize)(eol - p), lineno, &rec);
			gboolean go = fn(&rec, user);
			lede_jsonl_record_clear(&rec);
			if (!go)
				return;
		}
		p = eol + 1;
	}
}

char *lede_jsonl_id_json(const LedeJsonlRecord *rec)
{
	return rec->id ? g_strdup(rec->id) : g_strdup_printf("%u", rec->lineno);
}

char *lede_jsonl_id_key(const char *id_json)
{
	if (id_json[0] != '"' || !strchr(id_json, '\\'))
		return g_strdup(id_json);
	gboolean escaped = FALSE, nul = FALSE;
	const char *end = id_json + strlen(id_json);
	scan_string(id_json, end, &escaped, &nul);
	cJSON *s = nul ? NULL : cJSON_ParseWithLength(id_json, (size_t)(end - id_json));
	/* Past a NUL cJSON has lost the rest: such an id stays as it is. */
	char *printed = cJSON_IsString(s) ? cJSON_PrintUnformatted(s) : NULL;
	char *key = g_strdup(printed ? printed : id_json);
	cJSON_free(printed);
	cJSON_Delete(s);
	return key;
}

const char *lede_jsonl_record_text(const LedeJsonlRecord *rec, const char **text, gsize *len,
                                   gboolean *html)
{
	*text = NULL;
	*len = 0;
	*html = FALSE;
	if (rec->error)
		return rec->error;
	cJSON *t = cJSON_GetObjectItemCaseSensitive(rec->obj, "html");
	*html = t != NULL;
	if (!t)
		t = cJSON_GetObjectItemCaseSensitive(rec->obj, "text");
	if (!t)
		return "no \"text\" key";
	if (!cJSON_IsString(t))
		return *html ? "\"html\" is not a string" : "\"text\" is not a string";
	if (*html ? rec->html_nul : rec->text_nul) {
		*text = "\0";
		*len = 1;
	} else {
		*text = t->valuestring;
		*len = strlen(t->valuestring);
	}
	return NULL;
}
