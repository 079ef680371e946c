/* Sentence segmentation: a table of tricky cases, paragraphs, offsets, and
 * inputs large enough to expose a quadratic step. */
#include "lede-private.h"
#include "testutil.h"

#include <string.h>

#define MAX_OUT 8

typedef struct {
	const char *name;
	const char *in;
	const char *out[MAX_OUT]; /* the sentences, NULL-terminated */
} Case;

static const Case cases[] = {
    /* Abbreviations and titles, original case. */
    {"title-dr",
     "Dr. Smith arrived at 9 a.m. on Monday. He left soon after.",
     {"Dr. Smith arrived at 9 a.m. on Monday.", "He left soon after."}},
    {"title-mr-mrs-ms",
     "Mr. and Mrs. Jones met Ms. Lee. They talked.",
     {"Mr. and Mrs. Jones met Ms. Lee.", "They talked."}},
    {"title-gov-sen-rep",
     "Gov. Brown and Sen. Harris spoke with Rep. Lewis. The meeting ended.",
     {"Gov. Brown and Sen. Harris spoke with Rep. Lewis.", "The meeting ended."}},
    {"title-military",
     "Gen. Allen, Lt. Col. Ryan and Capt. Moore were there. Nobody else came.",
     {"Gen. Allen, Lt. Col. Ryan and Capt. Moore were there.", "Nobody else came."}},
    {"title-st",
     "She lives on St. James Street. It is quiet.",
     {"She lives on St. James Street.", "It is quiet."}},
    {"title-st-at-end",
     "The shop is on Baker St. He walks there daily.",
     {"The shop is on Baker St.", "He walks there daily."}},
    {"months",
     "The law took effect Jan. 1 and was amended Feb. 3. In Aug. 2015 and Sept. 2016 "
     "it changed again.",
     {"The law took effect Jan. 1 and was amended Feb. 3.",
      "In Aug. 2015 and Sept. 2016 it changed again."}},
    {"no-10",
     "He lives at No. 10 Downing Street. It is famous.",
     {"He lives at No. 10 Downing Street.", "It is famous."}},
    {"no-as-answer",
     "Was it true? He said no. The reporters laughed.",
     {"Was it true?", "He said no.", "The reporters laughed."}},
    {"fig",
     "See Fig. 3 for details. The chart shows growth.",
     {"See Fig. 3 for details.", "The chart shows growth."}},
    {"inc-corp",
     "Apple Inc. said profits rose. Microsoft Corp. disagreed.",
     {"Apple Inc. said profits rose.", "Microsoft Corp. disagreed."}},
    {"co-ltd",
     "He works for Acme Co. Ltd. in Ohio. She works for Smith Ltd. The firm is old.",
     {"He works for Acme Co. Ltd. in Ohio.", "She works for Smith Ltd.", "The firm is old."}},
    {"jr",
     "Martin Luther King Jr. was born in Atlanta. He became a pastor.",
     {"Martin Luther King Jr. was born in Atlanta.", "He became a pastor."}},
    {"vs",
     "It was Arsenal vs. Chelsea on Sunday. Arsenal won.",
     {"It was Arsenal vs. Chelsea on Sunday.", "Arsenal won."}},
    {"etc-end",
     "They brought apples, pears, etc. The basket was full.",
     {"They brought apples, pears, etc.", "The basket was full."}},
    {"etc-comma",
     "Apples, pears, etc., were sold. Nothing was left.",
     {"Apples, pears, etc., were sold.", "Nothing was left."}},
    {"pm-end",
     "The meeting starts at 10.30 a.m. and ends at 5 p.m. Lunch is served at noon.",
     {"The meeting starts at 10.30 a.m. and ends at 5 p.m.", "Lunch is served at noon."}},
    {"pm-weekday",
     "The talks ended at 4 p.m. Friday in Geneva. Both sides left.",
     {"The talks ended at 4 p.m. Friday in Geneva.", "Both sides left."}},
    {"us-uk-un",
     "U.S. officials said the U.K. would join. The U.N. agreed.",
     {"U.S. officials said the U.K. would join.", "The U.N. agreed."}},
    {"us-at-end",
     "He moved to the U.S. The decision surprised his family.",
     {"He moved to the U.S.", "The decision surprised his family."}},
    {"us-president",
     "The U.S. President met E.U. leaders in Washington, D.C. on Monday.",
     {"The U.S. President met E.U. leaders in Washington, D.C. on Monday."}},
    {"honorific-surname-he",
     "He met Ms. He at noon. They spoke.",
     {"He met Ms. He at noon.", "They spoke."}},
    {"speech-tag-cased",
     "\"Who knows?\" Frei asked. \"Nobody.\" He said. Then he left.",
     {"\"Who knows?\" Frei asked.", "\"Nobody.\" He said.", "Then he left."}},
    {"eg-ie",
     "Some fruit, e.g. Apples, keeps well. Others, i.e. Berries, do not.",
     {"Some fruit, e.g. Apples, keeps well.", "Others, i.e. Berries, do not."}},

    /* Lower-cased text, as in the dev set. */
    {"lc-us-officials",
     "u.s. officials said on monday that the talks failed. the mexico international has "
     "endured a hard season.",
     {"u.s. officials said on monday that the talks failed.",
      "the mexico international has endured a hard season."}},
    {"lc-us-the",
     "he arrived in the u.s. the president said nothing.",
     {"he arrived in the u.s.", "the president said nothing."}},
    {"lc-us-this-week",
     "officials in the u.s. this week said no. the deal is off.",
     {"officials in the u.s. this week said no.", "the deal is off."}},
    {"lc-titles",
     "dr. smith met gov. brown at 3 p.m. on friday. they spoke for an hour.",
     {"dr. smith met gov. brown at 3 p.m. on friday.", "they spoke for an hour."}},
    {"lc-inc",
     "apple inc. said on monday it would grow. shares rose 3.5% in early trading.",
     {"apple inc. said on monday it would grow.", "shares rose 3.5% in early trading."}},
    {"lc-initials",
     "george w. bush and j. k. rowling met in st. louis. it was brief.",
     {"george w. bush and j. k. rowling met in st. louis.", "it was brief."}},
    {"lc-no",
     "he lives at no. 10 downing street. he said no. the reporters laughed.",
     {"he lives at no. 10 downing street.", "he said no.", "the reporters laughed."}},
    {"lc-score",
     "the match ended 2-1. the fans went home.",
     {"the match ended 2-1.", "the fans went home."}},
    {"lc-pm-the",
     "the meeting ran until 10 p.m. the next day it resumed.",
     {"the meeting ran until 10 p.m.", "the next day it resumed."}},
    {"lc-plain-split",
     "wolves are back. sheep are worried. farmers said so.",
     {"wolves are back.", "sheep are worried.", "farmers said so."}},
    {"lc-year",
     "he joined in 2013. his first goal came soon after.",
     {"he joined in 2013.", "his first goal came soon after."}},
    {"lc-speech-question",
     "'why?' he asked. 'because it is late,' she said.",
     {"'why?' he asked.", "'because it is late,' she said."}},
    {"lc-speech-exclaim",
     "'we did it!' she said. the team celebrated.",
     {"'we did it!' she said.", "the team celebrated."}},
    {"lc-speech-period",
     "'i am done.' henry said. 'it is over.' he said that twice.",
     {"'i am done.' henry said.", "'it is over.'", "he said that twice."}},
    {"lc-question", "is this real? yes, it is.", {"is this real?", "yes, it is."}},
    {"lc-quote-close",
     "his email read: 'none of you deserve to pass.' since then he has quit.",
     {"his email read: 'none of you deserve to pass.'", "since then he has quit."}},
    {"lc-detached-closer",
     "he said: \xe2\x80\x98 we are fine. \xe2\x80\x99 the club agreed.",
     {"he said: \xe2\x80\x98 we are fine. \xe2\x80\x99", "the club agreed."}},

    /* Initials. */
    {"initials-jk",
     "J. K. Rowling wrote the books. She lives in Scotland.",
     {"J. K. Rowling wrote the books.", "She lives in Scotland."}},
    {"initials-middle",
     "George W. Bush was president. Barack Obama followed him.",
     {"George W. Bush was president.", "Barack Obama followed him."}},
    {"initials-plan-b",
     "The plan was called Plan B. It failed.",
     {"The plan was called Plan B.", "It failed."}},
    {"initials-dotted",
     "J.K. Rowling spoke. H.G. Wells did not.",
     {"J.K. Rowling spoke.", "H.G. Wells did not."}},
    {"initials-three",
     "The author E. B. White died in 1985. His books remain popular.",
     {"The author E. B. White died in 1985.", "His books remain popular."}},
    {"initials-non-ascii",
     "The poet \xc3\x89. Durand spoke. Nobody listened.",
     {"The poet \xc3\x89. Durand spoke.", "Nobody listened."}},

    /* Numbers, currency, percentages. */
    {"percent",
     "Inflation rose 3.5% in March. Prices fell 0.2 percent.",
     {"Inflation rose 3.5% in March.", "Prices fell 0.2 percent."}},
    {"currency",
     "The film cost US$44 million to make. It earned $1.2bn worldwide.",
     {"The film cost US$44 million to make.", "It earned $1.2bn worldwide."}},
    {"pounds",
     "He cost \xc2\xa3"
     "30million. The fee was 3.5m euros.",
     {"He cost \xc2\xa3"
      "30million.",
      "The fee was 3.5m euros."}},
    {"decimal-time",
     "Trading opened at 10.30. Shares fell 1.5 per cent.",
     {"Trading opened at 10.30.", "Shares fell 1.5 per cent."}},
    {"version",
     "Version 2.0.1 was released. It fixed bugs.",
     {"Version 2.0.1 was released.", "It fixed bugs."}},

    /* Ellipses. */
    {"ellipsis-capital", "I don't know... Maybe tomorrow.", {"I don't know...", "Maybe tomorrow."}},
    {"ellipsis-lower", "He paused... and then he spoke.", {"He paused... and then he spoke."}},
    {"ellipsis-char-capital",
     "Wait for it\xe2\x80\xa6 The answer came.",
     {"Wait for it\xe2\x80\xa6", "The answer came."}},
    {"ellipsis-char-lower",
     "And then\xe2\x80\xa6 nothing happened.",
     {"And then\xe2\x80\xa6 nothing happened."}},
    {"ellipsis-quote", "\"We tried...\" She stopped.", {"\"We tried...\"", "She stopped."}},
    {"ellipsis-leading", "...and so it began. The end.", {"...and so it began.", "The end."}},
    {"ellipsis-full-stop",
     "It ended\xe2\x80\xa6. then silence.",
     {"It ended\xe2\x80\xa6. then silence."}},
    {"lc-ellipsis",
     "he said it was ... well, complicated. the end came soon.",
     {"he said it was ... well, complicated.", "the end came soon."}},
    {"lc-ellipsis-starter",
     "we waited and waited ... the door finally opened.",
     {"we waited and waited ...", "the door finally opened."}},

    /* Terminal punctuation inside closing quotes and brackets. */
    {"curly-quote",
     "He warned of \xe2\x80\x9cgrave consequences.\xe2\x80\x9d He said more later.",
     {"He warned of \xe2\x80\x9cgrave consequences.\xe2\x80\x9d", "He said more later."}},
    {"single-quote",
     "She said, 'It is over.' Then she left.",
     {"She said, 'It is over.'", "Then she left."}},
    {"double-quote",
     "He said \"It is over.\" Then he left.",
     {"He said \"It is over.\"", "Then he left."}},
    {"paren",
     "(This was expected.) The market rallied.",
     {"(This was expected.)", "The market rallied."}},
    {"question-tag",
     "\"Why?\" he asked. \"Because,\" she said.",
     {"\"Why?\" he asked.", "\"Because,\" she said."}},
    {"interrobang",
     "\xe2\x80\x9cReally?!\xe2\x80\x9d she shouted. \xe2\x80\x9cYes!!\xe2\x80\x9d he "
     "replied.",
     {"\xe2\x80\x9cReally?!\xe2\x80\x9d she shouted.",
      "\xe2\x80\x9cYes!!\xe2\x80\x9d he replied."}},
    {"q-quote-lower", "Is it true?\" she asked. It was.", {"Is it true?\" she asked.", "It was."}},
    {"bangs", "What?! No way!! This is it?", {"What?!", "No way!!", "This is it?"}},
    {"backticks",
     "He called it ``just an excuse.'' Both men left.",
     {"He called it ``just an excuse.''", "Both men left."}},
    {"question-lower-cased-doc", "Is this real? yes, it is.", {"Is this real? yes, it is."}},
    {"quote-open-next",
     "He said: \xe2\x80\x9cStop.\xe2\x80\x9d \xe2\x80\x9cWhy?\xe2\x80\x9d she asked.",
     {"He said: \xe2\x80\x9cStop.\xe2\x80\x9d", "\xe2\x80\x9cWhy?\xe2\x80\x9d she asked."}},
    {"possessive-dots",
     "The U.S.'s debt grew. Rates rose.",
     {"The U.S.'s debt grew.", "Rates rose."}},

    /* Lines without final punctuation. */
    {"dateline",
     "WASHINGTON (AP) --\nThe president spoke on Monday.",
     {"WASHINGTON (AP) --", "The president spoke on Monday."}},
    {"photo-caption",
     "Photo: Reuters\nIn its first response, the ministry denied it.",
     {"Photo: Reuters", "In its first response, the ministry denied it."}},
    {"title-byline",
     "Storm Hits Coast\nBy Jane Doe\nHeavy rain fell overnight. Roads closed.",
     {"Storm Hits Coast", "By Jane Doe", "Heavy rain fell overnight.", "Roads closed."}},
    {"line-lower-continuation",
     "The minister said that\nthe deal was dead. Talks ended.",
     {"The minister said that\nthe deal was dead.", "Talks ended."}},
    {"line-comma",
     "Officials from France,\nGermany and Italy met. They agreed.",
     {"Officials from France,\nGermany and Italy met.", "They agreed."}},
    {"line-hyphen",
     "The long-term eco-\nNomic outlook is poor. It may improve.",
     {"The long-term eco-\nNomic outlook is poor.", "It may improve."}},
    {"lines-as-paragraphs",
     "The first paragraph ends here.\nPhoto: AFP\nThe second one starts "
     "here.",
     {"The first paragraph ends here.", "Photo: AFP", "The second one starts here."}},
    {"line-quote-end",
     "He called it \xe2\x80\x9cslander\xe2\x80\x9d\nObama said more.",
     {"He called it \xe2\x80\x9cslander\xe2\x80\x9d", "Obama said more."}},
    {"lc-lines",
     "storm hits coast\nheavy rain fell overnight. roads closed.",
     {"storm hits coast", "heavy rain fell overnight.", "roads closed."}},

    /* CJK. */
    {"cjk-basic",
     "\xe4\xbb\x8a\xe5\xa4\xa9\xe5\xa4\xa9\xe6\xb0\x94\xe5\xbe\x88\xe5\xa5\xbd\xe3\x80\x82"
     "\xe6\x88\x91\xe4\xbb\xac\xe5\x8e\xbb\xe5\x85\xac\xe5\x9b\xad\xe5\x90\xa7\xef\xbc\x81"
     "\xe4\xbd\xa0\xe5\x8e\xbb\xe5\x90\x97\xef\xbc\x9f",
     {"\xe4\xbb\x8a\xe5\xa4\xa9\xe5\xa4\xa9\xe6\xb0\x94\xe5\xbe\x88\xe5\xa5\xbd\xe3\x80\x82",
      "\xe6\x88\x91\xe4\xbb\xac\xe5\x8e\xbb\xe5\x85\xac\xe5\x9b\xad\xe5\x90\xa7\xef\xbc\x81",
      "\xe4\xbd\xa0\xe5\x8e\xbb\xe5\x90\x97\xef\xbc\x9f"}},
    {"cjk-fullwidth-quote", /* 他说：“走吧！”然后离开了。 */
     "\xe4\xbb\x96\xe8\xaf\xb4\xef\xbc\x9a\xe2\x80\x9c\xe8\xb5\xb0\xe5\x90\xa7\xef\xbc\x81\xe2\x80"
     "\x9d"
     "\xe7\x84\xb6\xe5\x90\x8e\xe7\xa6\xbb\xe5\xbc\x80\xe4\xba\x86\xe3\x80\x82",
     {"\xe4\xbb\x96\xe8\xaf\xb4\xef\xbc\x9a\xe2\x80\x9c\xe8\xb5\xb0\xe5\x90\xa7\xef\xbc\x81\xe2\x80"
      "\x9d",
      "\xe7\x84\xb6\xe5\x90\x8e\xe7\xa6\xbb\xe5\xbc\x80\xe4\xba\x86\xe3\x80\x82"}},
    {"cjk-japanese-quotative", /* 「行くよ！」と言った。次の日。 */
     "\xe3\x80\x8c\xe8\xa1\x8c\xe3\x81\x8f\xe3\x82\x88\xef\xbc\x81\xe3\x80\x8d\xe3\x81\xa8"
     "\xe8\xa8\x80\xe3\x81\xa3\xe3\x81\x9f\xe3\x80\x82\xe6\xac\xa1\xe3\x81\xae\xe6\x97\xa5\xe3\x80"
     "\x82",
     {"\xe3\x80\x8c\xe8\xa1\x8c\xe3\x81\x8f\xe3\x82\x88\xef\xbc\x81\xe3\x80\x8d\xe3\x81\xa8"
      "\xe8\xa8\x80\xe3\x81\xa3\xe3\x81\x9f\xe3\x80\x82",
      "\xe6\xac\xa1\xe3\x81\xae\xe6\x97\xa5\xe3\x80\x82"}},
    {"cjk-then-latin",
     "\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x82 Osaka is smaller. Kyoto too.",
     {"\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x82", "Osaka is smaller.", "Kyoto too."}},
    {"cjk-ideographic-space",
     "\xe3\x80\x80\xe5\xa5\xbd\xe3\x80\x82\xe3\x80\x80",
     {"\xe5\xa5\xbd\xe3\x80\x82"}},

    /* Lists. */
    {"numbered-lines",
     "1. First item\n2. Second item\n3. Third item",
     {"1. First item", "2. Second item", "3. Third item"}},
    {"numbered-inline", "1. Mix the flour. 2. Add water.", {"1. Mix the flour.", "2. Add water."}},

    /* URLs and e-mail addresses. */
    {"url",
     "Visit www.example.com for details. Or see bbc.co.uk today.",
     {"Visit www.example.com for details.", "Or see bbc.co.uk today."}},
    {"email",
     "Email jane.doe@example.com. She replies fast.",
     {"Email jane.doe@example.com.", "She replies fast."}},
    {"url-query",
     "Read more at https://www.example.com/a.b.html?x=1. The site is free.",
     {"Read more at https://www.example.com/a.b.html?x=1.", "The site is free."}},
    {"yahoo",
     "Yahoo!News reported it. Others followed.",
     {"Yahoo!News reported it.", "Others followed."}},

    /* CRLF and white space. */
    {"crlf",
     "First line.\r\nSecond line.\r\n\r\nNew para.",
     {"First line.", "Second line.", "New para."}},
    {"crlf-title",
     "Title Here\r\nThe body begins. It ends.\r\n",
     {"Title Here", "The body begins.", "It ends."}},
    {"trim", "   Leading and trailing.   \n  ", {"Leading and trailing."}},
    {"nbsp-trim", "\xc2\xa0Hello there.\xc2\xa0 Bye now.\xc2\xa0", {"Hello there.", "Bye now."}},
    {"tabs", "\tOne.\tTwo.\t", {"One.", "Two."}},
    {"no-final-punct", "A sentence without an end", {"A sentence without an end"}},
    {"punct-only", "?!", {"?!"}},

    /* Valid UTF-8 that looks odd. */
    {"combining",
     "Cafe\xcc\x81 opened. Nai\xcc\x88ve fans came.",
     {"Cafe\xcc\x81 opened.", "Nai\xcc\x88ve fans came."}},
    {"emoji",
     "\xf0\x9f\x98\x80 It was fun! \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd Great.",
     {"\xf0\x9f\x98\x80 It was fun!", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd Great."}},
    {"zwj-emoji",
     "The \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
     "family. It smiled.",
     {"The \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 family.",
      "It smiled."}},
    {"emoji-end",
     "Great game \xf0\x9f\x8e\x89. Next week.",
     {"Great game \xf0\x9f\x8e\x89.", "Next week."}},
};

static GArray *segment(const char *text, gsize len)
{
	GArray *spans = g_array_new(FALSE, FALSE, sizeof(LedeSpan));
	lede_segment(text, len, spans);
	return spans;
}

static gboolean is_trim_space(const char *p)
{
	guchar c = (guchar)*p;
	return g_ascii_isspace(c) || (c == 0xC2 && (guchar)p[1] == 0xA0) ||
	       (c == 0xE3 && (guchar)p[1] == 0x80 && (guchar)p[2] == 0x80);
}

/* The contract's invariants, whatever the text. */
static void check_spans(const char *name, const char *text, gsize len, GArray *spans)
{
	gsize prev_end = 0;
	guint prev_para = 0;
	for (guint i = 0; i < spans->len; i++) {
		const LedeSpan *s = &g_array_index(spans, LedeSpan, i);
		if (!(s->start < s->end && s->end <= len && s->start >= prev_end))
			g_error("%s: span %u [%zu, %zu) empty, out of order or out of range", name,
			        i, s->start, s->end);
		if (is_trim_space(text + s->start))
			g_error("%s: span %u starts with white space", name, i);
		if (g_ascii_isspace(text[s->end - 1]) ||
		    (s->end >= 2 && (guchar)text[s->end - 2] == 0xC2 &&
		     (guchar)text[s->end - 1] == 0xA0))
			g_error("%s: span %u ends with white space", name, i);
		if (!g_utf8_validate_len(text + s->start, s->end - s->start, NULL))
			g_error("%s: span %u cuts a character", name, i);
		if (s->para < prev_para || s->para > prev_para + 1)
			g_error("%s: span %u paragraph %u after %u", name, i, s->para, prev_para);
		prev_end = s->end;
		prev_para = s->para;
	}
}

static void test_case(gconstpointer data)
{
	const Case *c = data;
	gsize len = strlen(c->in);
	GArray *spans = segment(c->in, len);
	check_spans(c->name, c->in, len, spans);
	guint want = 0;
	while (want < MAX_OUT && c->out[want])
		want++;
	GString *got = g_string_new(NULL);
	for (guint i = 0; i < spans->len; i++) {
		const LedeSpan *s = &g_array_index(spans, LedeSpan, i);
		g_string_append_printf(got, "\n  [%.*s]", (int)(s->end - s->start),
		                       c->in + s->start);
	}
	gboolean ok = spans->len == want;
	for (guint i = 0; ok && i < want; i++) {
		const LedeSpan *s = &g_array_index(spans, LedeSpan, i);
		ok = strlen(c->out[i]) == s->end - s->start &&
		     memcmp(c->out[i], c->in + s->start, s->end - s->start) == 0;
	}
	if (!ok) {
		GString *exp = g_string_new(NULL);
		for (guint i = 0; i < want; i++)
			g_string_append_printf(exp, "\n  [%s]", c->out[i]);
		g_test_message("%s: input [%s]\nexpected %u:%s\ngot %u:%s", c->name, c->in, want,
		               exp->str, spans->len, got->str);
		g_test_fail();
		g_string_free(exp, TRUE);
	}
	g_string_free(got, TRUE);
	g_array_free(spans, TRUE);
}

typedef struct {
	const char *name;
	const char *in;
	guint n;
	guint para[MAX_OUT];
} ParaCase;

static const ParaCase para_cases[] = {
    {"blank-lines", "A one. A two.\n\nB one.\n  \nC one.", 4, {0, 0, 1, 2}},
    {"leading-and-repeated", "\n\n\nStart.\n\n\n\nEnd.", 2, {0, 1}},
    {"title-para", "Title\n\nBody one. Body two.", 3, {0, 1, 1}},
    {"crlf-blank-with-space", "P one.\r\n \r\nP two.", 2, {0, 1}},
    {"single-newlines", "No blank\nlines here.\nStill para zero.", 2, {0, 0}},
    {"tab-blank", "One.\n\t\nTwo.\n\n", 2, {0, 1}},
    {"unfinished-then-blank", "Heading without stop\n\nText.", 2, {0, 1}},
};

static void test_paragraphs(void)
{
	for (guint k = 0; k < G_N_ELEMENTS(para_cases); k++) {
		const ParaCase *c = &para_cases[k];
		gsize len = strlen(c->in);
		GArray *spans = segment(c->in, len);
		check_spans(c->name, c->in, len, spans);
		if (spans->len != c->n)
			g_error("%s: %u sentences, expected %u", c->name, spans->len, c->n);
		for (guint i = 0; i < c->n; i++) {
			guint p = g_array_index(spans, LedeSpan, i).para;
			if (p != c->para[i])
				g_error("%s: sentence %u in paragraph %u, expected %u", c->name, i,
				        p, c->para[i]);
		}
		g_array_free(spans, TRUE);
	}
}

static void test_offsets(void)
{
	const char *t = "  First one.  \n\n\t Second one?  ";
	GArray *spans = segment(t, strlen(t));
	g_assert_cmpuint(spans->len, ==, 2);
	const LedeSpan *a = &g_array_index(spans, LedeSpan, 0);
	const LedeSpan *b = &g_array_index(spans, LedeSpan, 1);
	g_assert_cmpuint(a->start, ==, 2);
	g_assert_cmpuint(a->end, ==, 12);
	g_assert_cmpuint(a->para, ==, 0);
	g_assert_cmpuint(b->start, ==, 18);
	g_assert_cmpuint(b->end, ==, 29);
	g_assert_cmpuint(b->para, ==, 1);
	g_array_free(spans, TRUE);

	/* Only the given length is read. */
	spans = segment("One. Two. Three.", 9);
	g_assert_cmpuint(spans->len, ==, 2);
	g_assert_cmpuint(g_array_index(spans, LedeSpan, 1).end, ==, 9);
	g_array_free(spans, TRUE);

	/* Spans are appended after what the array already holds. */
	spans = g_array_new(FALSE, FALSE, sizeof(LedeSpan));
	LedeSpan pre = {1, 2, 7};
	g_array_append_val(spans, pre);
	lede_segment("A. B c.", 7, spans);
	g_assert_cmpuint(spans->len, ==, 2);
	g_assert_cmpuint(g_array_index(spans, LedeSpan, 0).para, ==, 7);
	g_array_free(spans, TRUE);
}

static void test_empty(void)
{
	const char *inputs[] = {"", " ", "\n\n\n", "  \t\r\n \r\n  ", "\xc2\xa0\xe3\x80\x80 \n"};
	for (guint i = 0; i < G_N_ELEMENTS(inputs); i++) {
		GArray *spans = segment(inputs[i], strlen(inputs[i]));
		g_assert_cmpuint(spans->len, ==, 0);
		g_array_free(spans, TRUE);
	}
	GArray *spans = segment(NULL, 0);
	g_assert_cmpuint(spans->len, ==, 0);
	g_array_free(spans, TRUE);
}

/* Greedy wrap of the paragraphs at width columns (ASCII text). */
static char *wrap(const char *const *paras, guint n, guint width)
{
	GString *out = g_string_new(NULL);
	for (guint k = 0; k < n; k++) {
		if (k)
			g_string_append(out, "\n\n");
		gchar **words = g_strsplit(paras[k], " ", -1);
		guint col = 0;
		for (guint i = 0; words[i]; i++) {
			guint w = strlen(words[i]);
			if (col && col + 1 + w > width) {
				g_string_append_c(out, '\n');
				col = 0;
			} else if (col) {
				g_string_append_c(out, ' ');
				col++;
			}
			g_string_append(out, words[i]);
			col += w;
		}
		g_strfreev(words);
	}
	return g_string_free(out, FALSE);
}

static char *collapse_ws(const char *p, gsize len)
{
	GString *s = g_string_new(NULL);
	for (gsize i = 0; i < len; i++) {
		if (g_ascii_isspace(p[i])) {
			if (s->len && s->str[s->len - 1] != ' ')
				g_string_append_c(s, ' ');
		} else {
			g_string_append_c(s, p[i]);
		}
	}
	return g_string_free(s, FALSE);
}

/* Hard-wrapped paragraphs must not split at line ends in mid-sentence, even
 * where a line starts with a capital, while a short title line still stands
 * alone. */
static void test_wrapped(void)
{
	static const char *const paras[] = {
	    "The harbour authority said on Tuesday that the new ferry terminal would open "
	    "in the spring after delays caused by a shortage of steel and a dispute with "
	    "Northern Marine Contractors over the cost of the piers. Officials from the "
	    "Ministry of Transport and the City Council of Porthaven met with engineers "
	    "from Eastfield Engineering to review the plans. The terminal will handle up to "
	    "twelve sailings a day when it is finished, according to Harbour Master Alice "
	    "Grant, who described the project as long overdue for the island communities.",
	    "Passengers have complained for years about the state of the old waiting room, "
	    "which has no heating and leaks when it rains. Residents of Westholm Island, "
	    "who depend on the service to reach the Porthaven General Hospital, welcomed "
	    "the news but said they would believe it when they saw the first boat dock.",
	};
	static const char *const want[] = {
	    "Ferry Terminal To Open In Spring",
	    "The harbour authority said on Tuesday that the new ferry terminal would open in "
	    "the spring after delays caused by a shortage of steel and a dispute with Northern "
	    "Marine Contractors over the cost of the piers.",
	    "Officials from the Ministry of Transport and the City Council of Porthaven met "
	    "with engineers from Eastfield Engineering to review the plans.",
	    "The terminal will handle up to twelve sailings a day when it is finished, "
	    "according to Harbour Master Alice Grant, who described the project as long "
	    "overdue for the island communities.",
	    "Passengers have complained for years about the state of the old waiting room, "
	    "which has no heating and leaks when it rains.",
	    "Residents of Westholm Island, who depend on the service to reach the Porthaven "
	    "General Hospital, welcomed the news but said they would believe it when they saw "
	    "the first boat dock.",
	};
	static const guint widths[] = {40, 60, 72, 79};
	for (int lower = 0; lower < 2; lower++) {
		for (guint w = 0; w < G_N_ELEMENTS(widths); w++) {
			char *body = wrap(paras, G_N_ELEMENTS(paras), widths[w]);
			char *text = g_strconcat(want[0], "\n", body, NULL);
			if (lower) {
				for (char *p = text; *p; p++)
					*p = g_ascii_tolower(*p);
			}
			gsize len = strlen(text);
			GArray *spans = segment(text, len);
			check_spans("wrapped", text, len, spans);
			if (spans->len != G_N_ELEMENTS(want))
				g_error("wrapped at %u (lower %d): %u sentences, expected %u:\n%s",
				        widths[w], lower, spans->len, (guint)G_N_ELEMENTS(want),
				        text);
			for (guint i = 0; i < spans->len; i++) {
				const LedeSpan *s = &g_array_index(spans, LedeSpan, i);
				char *got = collapse_ws(text + s->start, s->end - s->start);
				char *exp =
				    lower ? g_ascii_strdown(want[i], -1) : g_strdup(want[i]);
				if (strcmp(got, exp) != 0)
					g_error("wrapped at %u (lower %d), sentence %u:\n[%s]\n"
					        "expected\n[%s]",
					        widths[w], lower, i, got, exp);
				g_assert_cmpuint(s->para, ==, i < 4 ? 0 : 1);
				g_free(got);
				g_free(exp);
			}
			g_array_free(spans, TRUE);
			g_free(text);
			g_free(body);
		}
	}
}

/* The scan skips words and single spaces sixteen bytes at a time: whatever
 * the offset of the byte that stops it, in a block or in the bytes after the
 * last whole one, the sentences are the same. */
static void test_plain_runs(void)
{
	static const struct {
		const char *stop; /* after "zzz" */
		const char *end;  /* what the first sentence keeps of it; NULL: no split */
	} kinds[] = {
	    {". ", "."},     {"? ", "?"},         {"! ", "!"},   {"!? ", "!?"},
	    {"\n\n", ""},    {"\xc3\xa9 ", NULL}, {"  ", NULL},  {"\t", NULL},
	    {"\x7f ", NULL}, {", ", NULL},        {"\" ", NULL}, {"\n", ""},
	};
	GString *text = g_string_new(NULL);
	for (guint k = 0; k < 48; k++) {
		for (guint j = 0; j < G_N_ELEMENTS(kinds); j++) {
			for (int tail = 0; tail < 2; tail++) {
				g_string_truncate(text, 0);
				for (guint i = 0; i < k; i++)
					g_string_append_c(text, "ab "[i % 3]);
				g_string_append(text, "zzz");
				gsize word_end = text->len;
				g_string_append(text, kinds[j].stop);
				if (!tail)
					g_string_append(text, "Next one.");
				/* the text ends with the stop, or with the second sentence */
				while (text->len && g_ascii_isspace(text->str[text->len - 1]))
					g_string_truncate(text, text->len - 1);
				GArray *spans = segment(text->str, text->len);
				check_spans("plain-runs", text->str, text->len, spans);
				gboolean split = kinds[j].end && !tail;
				gsize end = split ? word_end + strlen(kinds[j].end) : text->len;
				const LedeSpan *a = &g_array_index(spans, LedeSpan, 0);
				if (spans->len != 1u + split || a->start != 0 || a->end != end)
					g_error(
					    "plain-runs [%s]: %u sentences, the first [%zu, %zu)",
					    text->str, spans->len, a->start, a->end);
				if (split) {
					const LedeSpan *b = &g_array_index(spans, LedeSpan, 1);
					g_assert_cmpuint(b->end, ==, text->len);
					g_assert_cmpuint(b->start, ==,
					                 text->len - strlen("Next one."));
				}
				g_array_free(spans, TRUE);
			}
		}
	}
	g_string_free(text, TRUE);
}

/* 40 MB, the size the README promises linear time for (these tests have no
 * clock: a quadratic step would run past the suite's timeout). Under
 * AddressSanitizer, which checks memory and not time, 8 MB walks the same
 * code at a fifth of the cost: the three tests took 15 s of CI's ASan run. */
#if defined(__SANITIZE_ADDRESS__)
#define BIG_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIG_UNDER_ASAN 1
#endif
#endif
#ifdef BIG_UNDER_ASAN
#define BIG (8u * 1024 * 1024)
#else
#define BIG (40u * 1024 * 1024)
#endif

/* Repeats pattern over buf; the tail that cannot hold a whole copy (which
 * could cut a character) is filled with spaces. */
static void fill(char *buf, gsize len, const char *pattern)
{
	gsize n = strlen(pattern), whole = len - len % n;
	for (gsize i = 0; i < whole; i++)
		buf[i] = pattern[i % n];
	memset(buf + whole, ' ', len - whole);
}

/* BIG bytes without a single space: one pass, no quadratic look-back. */
static void test_big_no_space(void)
{
	char *buf = g_malloc(BIG);
	fill(buf, BIG, "abc.def!ghi?jkl...u.s.3.5%www.x.com\"quoted.\"");
	GArray *spans = segment(buf, BIG);
	check_spans("big-no-space", buf, BIG, spans);
	g_assert_cmpuint(spans->len, ==, 1);
	g_array_free(spans, TRUE);

	/* Nothing but full stops, then nothing but line ends. */
	memset(buf, '.', BIG);
	spans = segment(buf, BIG);
	check_spans("big-dots", buf, BIG, spans);
	g_assert_cmpuint(spans->len, ==, 1);
	g_array_free(spans, TRUE);
	memset(buf, '\n', BIG);
	spans = segment(buf, BIG);
	g_assert_cmpuint(spans->len, ==, 0);
	g_array_free(spans, TRUE);
	g_free(buf);
}

/* BIG bytes of words without punctuation, in one line and in many. */
static void test_big_no_punct(void)
{
	char *buf = g_malloc(BIG);
	fill(buf, BIG, "the quick brown fox jumps over the lazy dog ");
	GArray *spans = segment(buf, BIG);
	check_spans("big-no-punct", buf, BIG, spans);
	g_assert_cmpuint(spans->len, ==, 1);
	g_array_free(spans, TRUE);

	fill(buf, BIG, "the quick brown fox jumps over\nThe lazy dog and more words\n");
	spans = segment(buf, BIG);
	check_spans("big-lines", buf, BIG, spans);
	g_assert_cmpuint(spans->len, >, 0);
	g_array_free(spans, TRUE);
	g_free(buf);
}

/* Many short sentences: the look-ahead and look-back stay bounded. */
static void test_big_many(void)
{
	gsize len = 8u * 1024 * 1024;
	char *buf = g_malloc(len);
	fill(buf, len, "Dr. A. u.s. It is. \xe5\xa5\xbd\xe3\x80\x82 ");
	GArray *spans = segment(buf, len);
	check_spans("big-many", buf, len, spans);
	g_assert_cmpuint(spans->len, >, len / 40);
	g_array_free(spans, TRUE);
	g_free(buf);
}

/* The word and capital counts read eight bytes at a time; they must agree
 * with the byte-at-a-time definitions on every alignment and on bytes that
 * sit next to the boundaries of the classes (vertical tab, '@', '[', 0x80). */
static gsize words_by_byte(const char *p, gsize len)
{
	gsize n = 0;
	gboolean in = FALSE;
	for (gsize i = 0; i < len; i++) {
		gboolean sp = g_ascii_isspace(p[i]);
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static void test_word_scans(void)
{
	static const char edge[] = " \t\n\v\f\r\x08\x0e\x1f!aAZz@[`{\x7f\x80\xc3\xa9\xff";
	GRand *r = g_rand_new_with_seed(20261129);
	char buf[96];
	for (guint it = 0; it < 50000; it++) {
		gsize len = (gsize)g_rand_int_range(r, 0, sizeof buf);
		for (gsize i = 0; i < len; i++)
			buf[i] = g_rand_boolean(r) ? edge[g_rand_int_range(r, 0, sizeof edge - 1)]
			                           : (char)g_rand_int_range(r, 0, 256);
		gsize off = (gsize)g_rand_int_range(r, 0, 8);
		off = MIN(off, len);
		const char *p = buf + off;
		gsize n = len - off;
		g_assert_cmpuint(lede_count_words(p, n), ==, words_by_byte(p, n));
		gsize up = 0, low = 0, chars = 0;
		for (gsize i = 0; i < n; i++) {
			up += p[i] >= 'A' && p[i] <= 'Z';
			low += p[i] >= 'a' && p[i] <= 'z';
			chars += ((guchar)p[i] & 0xC0) != 0x80;
		}
		gsize got_up, got_low;
		lede_count_letters(p, n, &got_up, &got_low);
		g_assert_cmpuint(got_up, ==, up);
		g_assert_cmpuint(got_low, ==, low);
		g_assert_cmpuint(lede_count_chars(p, n), ==, chars);
	}
	/* Long enough for the counters that sum 255 blocks of sixteen at a
	 * time to fill up. */
	gsize big_len = 70000;
	char *big = g_malloc(big_len);
	for (gsize i = 0; i < big_len; i++)
		big[i] = g_rand_int_range(r, 0, 4) ? "Aa z\n"[g_rand_int_range(r, 0, 5)]
		                                   : (char)g_rand_int_range(r, 0, 256);
	g_assert_cmpuint(lede_count_words(big, big_len), ==, words_by_byte(big, big_len));
	gsize up = 0, low = 0, got_up, got_low;
	for (gsize i = 0; i < big_len; i++) {
		up += big[i] >= 'A' && big[i] <= 'Z';
		low += big[i] >= 'a' && big[i] <= 'z';
	}
	lede_count_letters(big, big_len, &got_up, &got_low);
	g_assert_cmpuint(got_up, ==, up);
	g_assert_cmpuint(got_low, ==, low);
	g_free(big);
	g_rand_free(r);
	g_assert_cmpuint(lede_count_words("", 0), ==, 0);
	static const char vt[] = "  one\vtwo\tthree  four\n"; /* \v is not a space */
	g_assert_cmpuint(lede_count_words(vt, sizeof vt - 1), ==, 3);
	lede_doc *d = lede_doc_new("Two Capitals here, a third: X.", 30, NULL);
	g_assert_cmpuint(lede_doc_n_capitals(d), ==, 3);
	lede_doc_free(d);
}

/* Replaces g's text with up to max_parts pieces drawn from parts[0..n_parts). */
static void random_text(GString *g, GRand *r, const char *const *parts, guint n_parts,
                        guint max_parts)
{
	g_string_truncate(g, 0);
	guint n = (guint)g_rand_int_range(r, 0, (gint32)max_parts);
	for (guint k = 0; k < n; k++)
		g_string_append(g, parts[g_rand_int_range(r, 0, (gint32)n_parts)]);
}

/* Validation skips ASCII eight bytes at a time and checks the rest in
 * windows; a document is repaired exactly when GLib finds it invalid, with
 * multi-byte characters and bad bytes at every offset of the windows. */
static void test_doc_utf8_check(void)
{
	/* the first six are valid UTF-8, the rest are not */
	static const char *const pieces[] = {"a",
	                                     "plain words ",
	                                     "\xc3\xa9",
	                                     "\xe2\x80\x99",
	                                     "\xf0\x9f\x98\x80",
	                                     "0123456789abcdef",
	                                     "\xc3",
	                                     "\x80",
	                                     "\xed\xa0\x80",
	                                     "\xf4\x90\x80\x80",
	                                     "\xe2\x80"};
	GRand *r = g_rand_new_with_seed(7);
	GString *g = g_string_new(NULL);
	for (guint it = 0; it < 20000; it++) {
		gboolean bad = g_rand_int_range(r, 0, 4) == 0;
		random_text(g, r, pieces, bad ? G_N_ELEMENTS(pieces) : 6, 60);
		lede_doc *d = lede_doc_new(g->str, g->len, NULL);
		g_assert_nonnull(d);
		g_assert_cmpint(lede_doc_was_repaired(d), ==,
		                !g_utf8_validate_len(g->str, g->len, NULL));
		if (!bad)
			g_assert_false(lede_doc_was_repaired(d));
		lede_doc_free(d);
	}
	g_string_free(g, TRUE);
	g_rand_free(r);
}

/* The document counts its words piece by piece (sentences and the gaps
 * between them); the total and every sentence must equal a plain count,
 * whatever the segmenter does with words glued to punctuation. */
static void test_doc_word_counts(void)
{
	static const char *const parts[] = {"Dr. ", "Smith", " said", ".",        "\"Yes.\"",
	                                    "No!",  "x",     "\n",    "\n\n",     " ",
	                                    "\t",   "U.S.",  "3.5",   "end.Next", "\xe2\x80\x9c",
	                                    "Hi?",  "(a)",   "...",   "\v",       "word"};
	GRand *r = g_rand_new_with_seed(42);
	GString *g = g_string_new(NULL);
	for (guint it = 0; it < 3000; it++) {
		random_text(g, r, parts, G_N_ELEMENTS(parts), 40);
		lede_doc *d = lede_doc_new(g->str, g->len, NULL);
		g_assert_nonnull(d);
		g_assert_cmpuint(lede_doc_n_words(d), ==, words_by_byte(g->str, g->len));
		gsize len;
		const char *t = lede_doc_text(d, &len);
		for (gsize i = 0; i < lede_doc_n_sentences(d); i++) {
			gsize a, b;
			lede_doc_sentence(d, i, &a, &b);
			g_assert_cmpuint(lede_doc_sentence_words(d, i), ==,
			                 words_by_byte(t + a, b - a));
		}
		lede_doc_free(d);
	}
	g_string_free(g, TRUE);
	g_rand_free(r);
}

/* Old Mac files end lines with CR alone: those are line breaks, so a CR
 * text has the LF text's sentences and paragraphs (at the same offsets, as
 * CR and LF are a byte each), and CR LF is one line end. */
static void test_cr_line_ends(void)
{
	static const char lf[] = "Harbor vote\n"
	                         "\n"
	                         "By Ann Lee\n"
	                         "\n"
	                         "The council approved the plan on a vote of 21 to 9\n"
	                         "after a long debate. Ferries will run again in May.\n"
	                         "\n"
	                         "Work starts next year\n"
	                         "\n"
	                         "Officials said the terminal would move inland.\n";
	char *cr = g_strdup(lf);
	g_strdelimit(cr, "\n", '\r');
	GString *crlf = g_string_new(NULL);
	for (const char *p = lf; *p; p++)
		g_string_append(crlf, *p == '\n' ? "\r\n" : (char[]){*p, 0});
	gsize len = strlen(lf);
	GArray *a = segment(lf, len), *b = segment(cr, len), *c = segment(crlf->str, crlf->len);
	g_assert_cmpuint(a->len, ==, 6);
	g_assert_cmpuint(b->len, ==, a->len);
	g_assert_cmpuint(c->len, ==, a->len);
	for (guint i = 0; i < a->len; i++) {
		const LedeSpan *x = &g_array_index(a, LedeSpan, i),
		               *y = &g_array_index(b, LedeSpan, i),
		               *z = &g_array_index(c, LedeSpan, i);
		g_assert_cmpuint(x->start, ==, y->start);
		g_assert_cmpuint(x->end, ==, y->end);
		g_assert_cmpuint(x->para, ==, y->para);
		g_assert_cmpuint(x->para, ==, z->para);
		g_assert_cmpuint(x->end - x->start, <=, z->end - z->start);
	}
	/* The document too: its sentences, paragraphs and words. */
	lede_doc *dl = lede_doc_new(lf, len, NULL), *dc = lede_doc_new(cr, len, NULL);
	g_assert_cmpuint(lede_doc_n_sentences(dc), ==, lede_doc_n_sentences(dl));
	g_assert_cmpuint(lede_doc_n_paragraphs(dc), ==, lede_doc_n_paragraphs(dl));
	g_assert_cmpuint(lede_doc_n_paragraphs(dc), ==, 5);
	g_assert_cmpuint(lede_doc_n_words(dc), ==, lede_doc_n_words(dl));
	lede_doc_free(dl);
	lede_doc_free(dc);
	g_array_free(a, TRUE);
	g_array_free(b, TRUE);
	g_array_free(c, TRUE);
	g_string_free(crlf, TRUE);
	g_free(cr);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *path = g_strconcat("/segment/case/", cases[i].name, NULL);
		g_test_add_data_func(path, &cases[i], test_case);
		g_free(path);
	}
	g_test_add_func("/segment/paragraphs", test_paragraphs);
	g_test_add_func("/segment/offsets", test_offsets);
	g_test_add_func("/segment/empty", test_empty);
	g_test_add_func("/segment/wrapped", test_wrapped);
	g_test_add_func("/segment/plain-runs", test_plain_runs);
	g_test_add_func("/segment/big-no-space", test_big_no_space);
	g_test_add_func("/segment/big-no-punct", test_big_no_punct);
	g_test_add_func("/segment/big-many", test_big_many);
	g_test_add_func("/doc/word-scans", test_word_scans);
	g_test_add_func("/doc/word-counts", test_doc_word_counts);
	g_test_add_func("/doc/utf8-check", test_doc_utf8_check);
	g_test_add_func("/segment/cr-line-ends", test_cr_line_ends);
	return g_test_run();
}
