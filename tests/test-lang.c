/* Languages (src/lang/): identification, each language's segmentation and
 * tokens, the pipeline a summary is made with, and the CLI's --lang. */
#include "lang/lang.h"
#include "lede-private.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <dlfcn.h>
#include <string.h>

/* Our own sentences, a few of each language's news style. */
static const char fr_text[] =
    "Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites. "
    "Selon le ministre, le texte sera examiné par l'Assemblée nationale avant l'été. "
    "Les syndicats ont annoncé une journée de mobilisation dans toute la France.";
static const char de_text[] =
    "Die Regierung hat am Mittwoch einen Gesetzentwurf zur Reform der Pensionen vorgelegt. "
    "Nach Angaben des Ministers soll der Text noch vor dem Sommer im Parlament beraten werden. "
    "Die Gewerkschaften kündigten für die kommende Woche landesweite Proteste an.";
static const char pt_text[] =
    "O governo apresentou nesta quarta-feira um projeto de lei sobre a reforma da previdência. "
    "Segundo o ministro, o texto será votado pelo Congresso antes do recesso. "
    "Os sindicatos anunciaram uma greve geral para a próxima semana em todo o país.";
static const char id_text[] =
    "Pemerintah pada hari Rabu mengajukan rancangan undang-undang tentang reformasi pensiun. "
    "Menurut menteri, rancangan itu akan dibahas oleh parlemen sebelum akhir tahun. "
    "Serikat pekerja mengumumkan aksi mogok nasional pada pekan depan di seluruh negeri.";
static const char ar_text[] =
    "قدمت الحكومة يوم الأربعاء مشروع قانون لإصلاح نظام التقاعد في البلاد. "
    "وقال الوزير إن البرلمان سيناقش النص قبل نهاية الدورة الحالية. "
    "وأعلنت النقابات عن إضراب عام في جميع أنحاء البلاد الأسبوع المقبل.";
static const char ja_text[] = "政府は水曜日、年金制度の改革に関する法案を国会に提出した。"
                              "大臣によると、法案は夏までに審議される見通しだ。"
                              "労働組合は来週、全国でストライキを行うと発表した。";
static const char zh_text[] = "政府星期三向议会提交了养老金改革法案。"
                              "部长表示，议会将在夏季之前审议该法案。"
                              "工会宣布下周在全国举行罢工。";
static const char en_text[] =
    "The government presented a pension reform bill on Wednesday. The minister said the "
    "text would be debated in parliament before the summer. The unions announced a national "
    "strike for next week, and the opposition called the plan a betrayal of the voters.";

/* Whether libexttextcat can be loaded: without it lede takes every text for
 * English, which is what it is built to do, and these checks cannot run. */
static gboolean have_textcat(void)
{
	void *h = dlopen("libexttextcat-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		g_test_skip("libexttextcat-2.0-0 is not installed");
		return FALSE;
	}
	dlclose(h);
	return TRUE;
}

static void test_identify(void)
{
	/* English and the scripts are told without textcat. */
	g_assert_cmpstr(lede_lang_identify(en_text, strlen(en_text)), ==, "en");
	g_assert_cmpstr(lede_lang_identify(ja_text, strlen(ja_text)), ==, "ja");
	g_assert_cmpstr(lede_lang_identify(zh_text, strlen(zh_text)), ==, "zh");
	if (!have_textcat())
		return;
	const struct {
		const char *text, *code;
	} cases[] = {
	    {fr_text, "fr"}, {de_text, "de"}, {pt_text, "pt"}, {id_text, "id"}, {ar_text, "ar"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpstr(lede_lang_identify(cases[i].text, strlen(cases[i].text)), ==,
		                cases[i].code);
}

/* Function words alone tell French from Italian though both say "il" a
 * lot: a word two languages share is no evidence for either against the
 * other. (Counted for both, "il" put Italian within half of French and
 * sent the text on to textcat, 60M instructions to load.) */
static void test_identify_by_words(void)
{
	const char *fr =
	    "Il est revenu au micro de RTL sur son experience. Il a dit qu'il y avait un "
	    "probleme, et il est parti. Il reste que le jour ou il a vu la salle, il a ri. "
	    "Il dit qu'il ne sait pas, il ne veut pas, il attend. Mais il est ici.";
	const char *it = "Il sindaco di Roma ha detto che il piano non e pronto e che gli "
	                 "uffici della citta sono chiusi per il fine settimana, con una "
	                 "nota alla stampa.";
	g_assert_cmpstr(lede_lang_by_words(fr, strlen(fr)), ==, "fr");
	g_assert_cmpstr(lede_lang_by_words(it, strlen(it)), ==, "it");
	const char *names = "1. lewis hamilton mercedes 1:39.033. 2. nico rosberg mercedes "
	                    "1:39.574. 3. sebastian vettel ferrari 1:40.157.";
	g_assert_null(lede_lang_by_words(names, strlen(names)));
}

/* Arabic script with none of the letters Persian, Urdu and the others add
 * is Arabic, with or without textcat: news whose words carry their clitics
 * has too few bare function words. Persian is not taken for it. */
static void test_identify_arabic_script(void)
{
	const char *ar = "وبالرياض افتتح الأمير خالد معرض الكتاب الدولي بحضور الوزراء والسفراء "
	                 "ورجال الأعمال";
	const char *fa = "وزیر امور خارجه ایران گفت که مذاکرات با کشورهای همسایه ادامه خواهد یافت";
	g_assert_cmpstr(lede_lang_by_script(ar, strlen(ar)), ==, "ar");
	g_assert_cmpstr(lede_lang_identify(ar, strlen(ar)), ==, "ar");
	g_assert_null(lede_lang_by_script(fa, strlen(fa)));
	const char *got = lede_lang_identify(fa, strlen(fa));
	g_assert_cmpstr(got, !=, "ar");
	if (have_textcat())
		g_assert_cmpstr(got, ==, "fa");
}

/* The sentences of text in language code, joined by '|'. */
static char *sentences(const char *code, const char *text)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new_lang(text, strlen(text), code, &error);
	g_assert_no_error(error);
	GString *g = g_string_new(NULL);
	for (gsize i = 0; i < lede_doc_n_sentences(d); i++) {
		gsize s, e;
		lede_doc_sentence(d, i, &s, &e);
		if (i)
			g_string_append_c(g, '|');
		g_string_append_len(g, text + s, (gssize)(e - s));
	}
	lede_doc_free(d);
	return g_string_free(g, FALSE);
}

static void test_segment(void)
{
	const struct {
		const char *code, *in, *out;
	} cases[] = {
	    {"fr", "M. Dupont et Mme Martin sont arrivés. Ils ont parlé.",
	     "M. Dupont et Mme Martin sont arrivés.|Ils ont parlé."},
	    {"de", "Am 3. Oktober kam er z.B. mit Dr. Meier. Dann ging er.",
	     "Am 3. Oktober kam er z.B. mit Dr. Meier.|Dann ging er."},
	    {"id", "Jl. Sudirman ditutup oleh dr. Budi. Polisi datang.",
	     "Jl. Sudirman ditutup oleh dr. Budi.|Polisi datang."},
	    {"ar", "هل جاء الوزير؟ نعم، جاء أمس؛ ثم غادر.",
	     "هل جاء الوزير؟|نعم، جاء أمس؛ ثم غادر."},
	    {"ja", "今日は晴れ。明日は雨！本当？", "今日は晴れ。|明日は雨！|本当？"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = sentences(cases[i].code, cases[i].in);
		g_assert_cmpstr(got, ==, cases[i].out);
		g_free(got);
	}
	/* English rules elsewhere would split after "M." (an initial) but not
	 * after "3." before a month. */
	char *en = sentences("en", "Am 3. Oktober kam er. Dann ging er.");
	g_assert_cmpstr(en, ==, "Am 3.|Oktober kam er.|Dann ging er.");
	g_free(en);
}

/* The norm|stem|stop of each token of text in lang, joined by ' '. */
static char *tokens(const char *code, const char *text)
{
	LedeTokenizer *tk = lede_tokenizer_new_lang(lede_lang_get(code));
	GArray *out = g_array_new(FALSE, FALSE, sizeof(LedeToken));
	lede_tokenize(tk, text, strlen(text), 0, out);
	GString *g = g_string_new(NULL);
	for (guint i = 0; i < out->len; i++) {
		const LedeToken *t = &g_array_index(out, LedeToken, i);
		g_string_append_printf(
		    g, "%s%s|%s%s", i ? " " : "", lede_tokenizer_word(tk, t->norm_id),
		    lede_tokenizer_word(tk, t->stem_id), t->flags & LEDE_TOK_STOP ? "|stop" : "");
	}
	g_array_free(out, TRUE);
	lede_tokenizer_free(tk);
	return g_string_free(g, FALSE);
}

static void test_tokens(void)
{
	/* French elision: l' and qu' are words of their own (stop words), and
	 * the French stemmer stems. */
	char *fr = tokens("fr", "L'homme qu'il aimait");
	g_assert_cmpstr(fr, ==, "l|l|stop homme|homm qu|qu|stop il|il|stop aimait|aim");
	g_free(fr);
	/* English keeps its apostrophes inside words. */
	char *en = tokens("en", "don't");
	g_assert_cmpstr(en, ==, "don't|don't|stop");
	g_free(en);
	/* Unspaced scripts: each character's stem is the pair it opens; a pair
	 * of hiragana is a stop word. */
	char *ja = tokens("ja", "日本語です");
	g_assert_cmpstr(ja, ==, "日|日本 本|本語 語|語で で|です|stop す|す|stop");
	g_free(ja);
	/* The generic pipeline: no stems, no stop words. */
	char *xx = tokens("xx", "Les maisons");
	g_assert_cmpstr(xx, ==, "les|les maisons|maisons");
	g_free(xx);
}

static lede_model *model;
static lede_summarizer *sz;

/* lede's JSON for text made with options lang (NULL: auto). */
static cJSON *summarize_json(const char *text, const char *lang, gboolean explain)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new_lang(text, strlen(text), lang, &error);
	g_assert_no_error(error);
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.explain = explain;
	o.headline_max = 0;
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	char *json = lede_summary_to_json(r, NULL, FALSE);
	cJSON *obj = cJSON_Parse(json);
	g_assert_nonnull(obj);
	g_free(json);
	lede_summary_free(r);
	lede_doc_free(d);
	return obj;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItem(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_pipelines(void)
{
	/* A French text: French pipeline and model; the headline is the lead
	 * sentence's words (no English compression), the kicker upper case. */
	cJSON *fr = summarize_json(fr_text, "fr", TRUE);
	g_assert_cmpstr(str(fr, "lang"), ==, "fr");
	g_assert_cmpstr(str(fr, "idf"), ==, "background");
	g_assert_cmpstr(str(fr, "headline"), ==,
	                "Le gouvernement a présenté mercredi un projet de loi sur la réforme des "
	                "retraites");
	const char *k = str(fr, "kicker");
	g_assert_nonnull(k);
	char *up = g_utf8_strup(k, -1);
	g_assert_cmpstr(k, ==, up);
	g_free(up);
	cJSON_Delete(fr);

	/* Chinese has no model: document-internal idf, said with --explain. */
	cJSON *zh = summarize_json(zh_text, NULL, TRUE);
	g_assert_cmpstr(str(zh, "lang"), ==, "zh");
	g_assert_cmpstr(str(zh, "idf"), ==, "document");
	g_assert_nonnull(str(zh, "headline"));
	cJSON_Delete(zh);

	/* A language lede has no pipeline for is summarized, never refused. */
	cJSON *xx = summarize_json(
	    "Lorem ipsum dolor sit amet. Consectetur adipiscing elit sed do.", "xx", FALSE);
	g_assert_cmpstr(str(xx, "lang"), ==, "xx");
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(xx, "summary")), >, 0);
	cJSON_Delete(xx);

	/* English after other languages: the summarizer's English pipeline is
	 * back, with the same result as a fresh summarizer's. */
	cJSON *en = summarize_json(en_text, NULL, FALSE);
	g_assert_cmpstr(str(en, "lang"), ==, "en");
	lede_summarizer *fresh = lede_summarizer_new(model, NULL, NULL);
	lede_summarizer *keep = sz;
	sz = fresh;
	cJSON *en2 = summarize_json(en_text, NULL, FALSE);
	sz = keep;
	char *a = cJSON_PrintUnformatted(en), *b = cJSON_PrintUnformatted(en2);
	g_assert_cmpstr(a, ==, b);
	free(a);
	free(b);
	cJSON_Delete(en);
	cJSON_Delete(en2);
	lede_summarizer_free(fresh);
}

/* A stream of more languages than a summarizer keeps pipelines for: the
 * last slot is reused, and every document still gets its own language's
 * result (the same as from a fresh summarizer). */
static void test_many_languages(void)
{
	static const char *const codes[] = {"fr", "de", "pt", "id", "ar", "ja", "zh",
	                                    "es", "it", "nl", "sv", "xx", "fr", "en"};
	for (gsize i = 0; i < G_N_ELEMENTS(codes); i++) {
		cJSON *a = summarize_json(fr_text, codes[i], TRUE);
		lede_summarizer *fresh = lede_summarizer_new(model, NULL, NULL);
		lede_summarizer *keep = sz;
		sz = fresh;
		cJSON *b = summarize_json(fr_text, codes[i], TRUE);
		sz = keep;
		char *x = cJSON_PrintUnformatted(a), *y = cJSON_PrintUnformatted(b);
		g_assert_cmpstr(x, ==, y);
		free(x);
		free(y);
		cJSON_Delete(a);
		cJSON_Delete(b);
		lede_summarizer_free(fresh);
	}
}

/* Caseless scripts: the kicker is the label itself; CJK text output puts
 * the full-width colon after it. */
static void test_caseless_kicker(void)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new(ja_text, strlen(ja_text), &error);
	g_assert_no_error(error);
	g_assert_cmpstr(lede_doc_lang(d), ==, "ja");
	lede_options o;
	lede_options_init(&o, LEDE_OPTIONS_VERSION, NULL);
	o.headline_max = 0;
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	const char *k = lede_summary_kicker(r);
	g_assert_nonnull(k);
	char *text = lede_summary_to_text(r);
	char *want = g_strconcat(k, "\xEF\xBC\x9A", NULL);
	g_assert_true(g_str_has_prefix(text, want));
	g_free(want);
	g_free(text);
	lede_summary_free(r);
	lede_doc_free(d);
}

/* Version 1 of lede_options (before lang) is still accepted. */
static void test_options_v1(void)
{
	GError *error = NULL;
	lede_doc *d = lede_doc_new(en_text, strlen(en_text), &error);
	lede_options o;
	o.lang = "fr"; /* not part of a version 1 struct: never written nor read */
	g_assert_true(lede_options_init(&o, 1, NULL));
	g_assert_cmpuint(o.version, ==, 1);
	g_assert_cmpstr(o.lang, ==, "fr");
	lede_summary *r = lede_summarize(sz, d, &o, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(lede_summary_lang(r), ==, "en");
	lede_summary_free(r);
	o.version = 3;
	g_assert_null(lede_summarize(sz, d, &o, &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
	g_assert_null(lede_doc_new_lang("x", 1, "french", &error));
	g_assert_error(error, LEDE_ERROR, LEDE_ERROR_INVALID);
	g_clear_error(&error);
	lede_doc_free(d);
}

static void test_cli(void)
{
	TuRun r;
	const char *bad[] = {"--lang", "french", NULL};
	tu_run(&r, NULL, "x", 1, bad);
	g_assert_cmpint(r.status, ==, 2);
	g_assert_nonnull(strstr(r.err, "--lang"));
	tu_run_clear(&r);

	const char *json[] = {"--lang", "fr", "-f", "json", NULL};
	tu_run(&r, NULL, fr_text, strlen(fr_text), json);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"lang\":\"fr\""));
	tu_run_clear(&r);

	/* A model built for French records it, and lede picks it for French. */
	char *dir = tu_tmpdir();
	char *in = g_build_filename(dir, "fr.txt", NULL);
	char *out = g_build_filename(dir, "fr.ldf", NULL);
	tu_write(in, fr_text, -1);
	const char *build[] = {"corpus", "build", "--lang", "fr", "-o", out, in, NULL};
	tu_run(&r, NULL, NULL, 0, build);
	g_assert_cmpint(r.status, ==, 0);
	tu_run_clear(&r);
	const char *info[] = {"corpus", "dump", "--format", "json", out, NULL};
	tu_run(&r, NULL, NULL, 0, info);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "\"lang\":\"fr\""));
	g_assert_nonnull(strstr(r.out, "\"gouvern\""));
	tu_run_clear(&r);
	const char *badlang[] = {"corpus", "build", "--lang", "FR", "-o", out, in, NULL};
	tu_run(&r, NULL, NULL, 0, badlang);
	g_assert_cmpint(r.status, ==, 2);
	tu_run_clear(&r);
	tu_rmtree(dir);
	g_free(dir);
	g_free(in);
	g_free(out);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	model = lede_model_open_default(NULL);
	sz = lede_summarizer_new(model, NULL, NULL);
	g_test_add_func("/lang/identify", test_identify);
	g_test_add_func("/lang/identify-by-words", test_identify_by_words);
	g_test_add_func("/lang/identify-arabic-script", test_identify_arabic_script);
	g_test_add_func("/lang/segment", test_segment);
	g_test_add_func("/lang/tokens", test_tokens);
	g_test_add_func("/lang/pipelines", test_pipelines);
	g_test_add_func("/lang/many-languages", test_many_languages);
	g_test_add_func("/lang/caseless-kicker", test_caseless_kicker);
	g_test_add_func("/lang/options-v1", test_options_v1);
	g_test_add_func("/lang/cli", test_cli);
	int rc = g_test_run();
	lede_summarizer_free(sz);
	lede_model_free(model);
	return rc;
}
