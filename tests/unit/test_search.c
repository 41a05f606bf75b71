/* Unit tests for search.c: folding, width variants, breaks, regex, paging. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/search.h"
#include "lectern/util.h"
#include "t.h"

/* A document of body blocks TEXTS[0..nbody) and note blocks after them. */
static struct doc *
mkdoc(const char **texts, uint32_t n, uint32_t nbody)
{
	struct doc	*d = xcalloc(1, sizeof(*d));
	uint32_t	 i;

	d->blocks = xcalloc(n, sizeof(*d->blocks));
	d->nblocks = n;
	d->nbody = nbody;
	for (i = 0; i < n; i++) {
		d->blocks[i].text = texts[i];
		d->blocks[i].len = strlen(texts[i]);
		d->blocks[i].note = i < nbody ? -1 : 0;
		d->blocks[i].section = -1;
	}
	return d;
}

static void
rmdoc(struct doc *d)
{
	free(d->blocks);
	free(d);
}

/* Searches TEXT (one block) for PAT; returns the count, first in *M. */
static size_t
find(const char *pat, int flags, const char *text, struct match *m)
{
	const char	*texts[1] = { text };
	struct doc	*d = mkdoc(texts, 1, 1);
	struct search	*s;
	struct match	*all;
	size_t		 n;
	char		 err[128];

	memset(m, 0, sizeof(*m));
	s = search_new(pat, flags, err, sizeof(err));
	if (s == NULL) {
		printf("# search_new(\"%s\"): %s\n", pat, err);
		rmdoc(d);
		return 0;
	}
	search_all(s, d, &all, &n);
	if (n > 0)
		*m = all[0];
	free(all);
	search_free(s);
	rmdoc(d);
	return n;
}

static void
test_smart_case(void)
{
	struct match	m;

	CHECK_INT(find("ai", 0, "the AI race", &m), 1, "lower pattern finds AI");
	CHECK_INT(m.off, 4, "at its offset");
	CHECK_INT(m.len, 2, "with its length");
	CHECK_INT(find("AI", 0, "the ai race", &m), 0,
	    "capital pattern does not find ai");
	CHECK_INT(find("Ai", 0, "Ai ai AI", &m), 1,
	    "capital pattern finds its own case only");
	CHECK_INT(find("AI", SEARCH_ICASE, "the ai race", &m), 1,
	    "SEARCH_ICASE overrides smart case");
	CHECK_INT(find("ai", SEARCH_CASE, "the AI race", &m), 0,
	    "SEARCH_CASE overrides smart case");
	CHECK_INT(find("éclair", 0, "ÉCLAIR", &m), 1,
	    "lower accented pattern finds capitals");
	CHECK_INT(m.len, 7, "match covers the two-byte É");
	CHECK_INT(find("Éclair", 0, "éclair", &m), 0,
	    "an accented capital makes the search exact");
}

static void
test_folding(void)
{
	struct match	m;

	CHECK_INT(find("ſ", 0, "mass", &m), 2, "long s finds s");
	CHECK_INT(find("s", 0, "Meſſe", &m), 2, "s finds long s");
	CHECK_INT(m.off, 2, "long s offset");
	CHECK_INT(m.len, 2, "long s is two bytes");

	CHECK_INT(find("ß", 0, "Strasse", &m), 1, "ß finds ss");
	CHECK_INT(m.off, 4, "ss offset");
	CHECK_INT(m.len, 2, "ss length");
	CHECK_INT(find("strasse", 0, "Straße", &m), 1, "ss finds ß");
	CHECK_INT(m.off, 0, "whole word from 0");
	CHECK_INT(m.len, 7, "whole word with two-byte ß");
	CHECK_INT(find("SS", SEARCH_ICASE, "Straße", &m), 1,
	    "SS (case ignored) finds ß");
	CHECK_INT(m.off, 4, "ß offset");
	CHECK_INT(m.len, 2, "ß length");
	CHECK_INT(find("STRASSE", 0, "straße", &m), 0,
	    "capital pattern is exact: no fold of ß");
	CHECK_INT(find("s", 0, "ß", &m), 1,
	    "one s inside ß: one match, not two");
	CHECK_INT(m.len, 2, "covering the whole ß");
	CHECK_INT(find("ẞ", SEARCH_ICASE, "Fuss", &m), 1,
	    "capital sharp s finds ss");

	CHECK_INT(find("οδοσ", 0, "ΟΔΟΣ", &m), 1, "σ finds capital Σ");
	CHECK_INT(m.len, 8, "four Greek letters");
	CHECK_INT(find("οδοσ", 0, "οδος", &m), 1, "σ finds final ς");
	CHECK_INT(find("οδος", 0, "ΟΔΟΣ", &m), 1, "final ς finds Σ");
	CHECK_INT(find("οδος", 0, "οδοσ", &m), 1, "final ς finds σ");
	CHECK_INT(find("ΟΔΟΣ", SEARCH_ICASE, "στην οδος", &m), 1,
	    "Σ (case ignored) finds ς");
	CHECK_INT(m.off, 9, "after a Greek word and a space");
	CHECK_INT(find("ΟΔΟΣ", 0, "οδος", &m), 0, "capital Greek is exact");

	CHECK_INT(find("\xe8\x8a", 0, "abc \xe8\x8a", &m), 1,
	    "bad UTF-8 matches itself, byte for byte");
	CHECK_INT(m.off, 4, "bad UTF-8 offset");
	CHECK_INT(find("\xff", 0, "ab\xe8", &m), 0,
	    "and a truncated character at the end is safe");
	CHECK_INT(find("hyphenation", 0, "hyphen\xc2\xad" "ation", &m), 1,
	    "a soft hyphen is ignored");
	CHECK_INT(m.len, 13, "and covered by the match");
}

static void
test_width(void)
{
	struct match	m;

	CHECK_INT(find("ＡＩ", 0, "the AI race", &m), 1, "ＡＩ finds AI");
	CHECK_INT(m.off, 4, "AI offset");
	CHECK_INT(m.len, 2, "AI length");
	CHECK_INT(find("AI", 0, "the ＡＩ race", &m), 1, "AI finds ＡＩ");
	CHECK_INT(m.off, 4, "ＡＩ offset");
	CHECK_INT(m.len, 6, "ＡＩ is six bytes");
	CHECK_INT(find("ai", 0, "「ＡＩ」安全", &m), 1,
	    "lower ai finds full-width capitals");
	CHECK_INT(m.off, 3, "after the corner bracket");
	CHECK_INT(m.len, 6, "ＡＩ length");
	CHECK_INT(find("ＡＩ", 0, "ai", &m), 0,
	    "full-width capitals are capitals for smart case");
	CHECK_INT(find("2023", 0, "在２０２３年", &m), 1,
	    "ASCII digits find full-width digits");
	CHECK_INT(m.off, 3, "digits offset");
	CHECK_INT(m.len, 12, "digits length");
	CHECK_INT(find("AI 安全", 0, "AI\xe3\x80\x80安全", &m), 1,
	    "a space finds an ideographic space");
	CHECK_INT(m.len, 11, "ideographic space is three bytes");
}

static void
test_space(void)
{
	struct match	m;

	CHECK_INT(find("one two", 0, "line one\ntwo", &m), 1,
	    "a space finds a hard break");
	CHECK_INT(m.off, 5, "hard break match offset");
	CHECK_INT(m.len, 7, "hard break match length");
	CHECK_INT(find("a b", 0, "x a  \t b y", &m), 1,
	    "a space finds a run of white space");
	CHECK_INT(m.off, 2, "run offset");
	CHECK_INT(m.len, 6, "run length");
	CHECK_INT(find("a  b", 0, "a b", &m), 1,
	    "spaces in the pattern collapse too");
	CHECK_INT(find("“quoted”  text", 0, "say “Quoted”\n text", &m), 1,
	    "curly quotes and a run after them");
	CHECK_INT(m.off, 4, "offset after ASCII prefix");
	CHECK_INT(m.len, strlen("“Quoted”\n text"), "length over the run");
}

static void
test_scripts(void)
{
	struct search	*s;
	struct match	 m;
	uint32_t	 off, len;

	CHECK_INT(find("AI安全", 0, "对 AI 安全的监管", &m), 1,
	    "AI安全 finds AI 安全");
	CHECK_INT(m.off, strlen("对 "), "from the A");
	CHECK_INT(m.len, strlen("AI 安全"), "over the space to the end of 全");
	CHECK_INT(find("AI 安全", 0, "对AI安全的监管", &m), 1,
	    "AI 安全 finds AI安全");
	CHECK_INT(m.off, strlen("对"), "from the A");
	CHECK_INT(m.len, strlen("AI安全"), "to the end of 全");
	CHECK_INT(find("ai安全", 0, "对 AI 安全的监管", &m), 1,
	    "case is ignored as before");
	CHECK_INT(find("安全AI", 0, "安全 AI", &m), 1, "CJK then Latin");
	CHECK_INT(find("安全 ai", 0, "x安全AI", &m), 1, "and the other way");
	CHECK_INT(find("AI 안전", 0, "AI안전", &m), 1, "Hangul too");
	CHECK_INT(find("2023年", 0, "在 2023 年", &m), 1, "digits too");
	CHECK_INT(find("安全 ", 0, "安全AI", &m), 1, "a space at the pattern's "
	    "end");
	CHECK_INT(m.len, strlen("安全"), "ends before what follows");
	CHECK_INT(find(" AI", 0, "安全AI", &m), 1, "a space at its start");
	CHECK_INT(m.off, strlen("安全"), "starts at the A");
	CHECK_INT(m.len, 2, "and is AI");
	CHECK_INT(find(" ", 0, "安全AI", &m), 0, "a space alone matches no "
	    "added space");
	CHECK_INT(find("ab", 0, "a b", &m), 0, "Latin words stay apart");
	CHECK_INT(find("安全", 0, "安 全", &m), 0, "so do CJK characters");
	CHECK_INT(find("AI安全", 0, "AI, 安全", &m), 0, "punctuation stays");
	CHECK_INT(find("AI安全", SEARCH_REGEX, "AI 安全", &m), 0,
	    "a regular expression takes the text as it is");

	s = search_new("AI安全", 0, NULL, 0);
	CHECK(search_text(s, "对 AI 安全", strlen("对 AI 安全"), &off, &len) &&
	    off == strlen("对 ") && len == strlen("AI 安全"),
	    "the outline filter finds it too, in place");
	search_free(s);
}

static void
test_doc(void)
{
	const char	*md = "**AI** 安全 and AI\nsafety, the 芯\n片 race[^1]\n\n"
			    "Second paragraph on 芯片.\n\n"
			    "[^1]: A note on *AI* 安全.\n";
	struct doc	*d = doc_parse(md, strlen(md));
	struct search	*s;
	struct match	*m;
	size_t		 n;

	CHECK(d->nbody >= 2 && d->nblocks > d->nbody, "parsed body and note");

	s = search_new("AI 安全", 0, NULL, 0);
	search_all(s, d, &m, &n);
	CHECK_INT(n, 2, "AI 安全 across style runs, body and note");
	if (n == 2) {
		CHECK_INT(m[0].block, 0, "first in the body");
		CHECK_INT(m[0].off, 0, "at its start");
		CHECK_INT(m[0].len, 9, "over the strong run and the text");
		CHECK(m[1].block >= d->nbody, "second in a note block");
		CHECK_INT(d->blocks[m[1].block].note, 0, "of note 0");
		CHECK(memcmp(d->blocks[m[1].block].text + m[1].off, "AI",
		    2) == 0, "pointing at the emphasised AI");
	}
	free(m);
	search_free(s);

	s = search_new("ai safety", 0, NULL, 0);
	search_all(s, d, &m, &n);
	CHECK_INT(n, 1, "a match across a soft break");
	free(m);
	search_free(s);

	s = search_new("芯片", 0, NULL, 0);
	search_all(s, d, &m, &n);
	CHECK_INT(n, 2, "芯片 across a CJK soft break and in paragraph 2");
	if (n == 2) {
		CHECK_INT(m[0].block, 0, "first in block 0");
		CHECK_INT(m[0].len, 6, "two ideographs");
		CHECK_INT(m[1].block, 1, "then block 1");
	}
	free(m);
	search_free(s);

	s = search_new("[1]", 0, NULL, 0);
	search_all(s, d, &m, &n);
	CHECK_INT(n, 1, "a footnote reference is searched as shown");
	free(m);
	search_free(s);

	s = search_new("**AI**", 0, NULL, 0);
	search_all(s, d, &m, &n);
	CHECK_INT(n, 0, "Markdown syntax is not in the text");
	CHECK(m == NULL, "no array for no match");
	free(m);
	search_free(s);

	doc_free(d);
}

static void
test_regex(void)
{
	struct search	*s;
	struct match	 m;
	char		 err[128];

	CHECK_INT(find("a[0-9]+b", SEARCH_REGEX, "xx a123b a4b", &m), 2,
	    "regex finds both");
	CHECK_INT(m.off, 3, "regex offset");
	CHECK_INT(m.len, 5, "regex length");
	CHECK_INT(find("ai.*全", SEARCH_REGEX, "AI 安全", &m), 1,
	    "lower regex ignores case");
	CHECK_INT(m.len, 9, "regex over UTF-8");
	CHECK_INT(find("A[I]", SEARCH_REGEX, "ai", &m), 0,
	    "capital regex is exact");
	CHECK_INT(find("\\Sb", SEARCH_REGEX, "AB", &m), 1,
	    "an escape's letter is not a capital");
	CHECK_INT(find("^two", SEARCH_REGEX, "one two\ntwo", &m), 1,
	    "^ matches after a hard break only");
	CHECK_INT(m.off, 8, "the second line");
	CHECK_INT(find("^a", SEARCH_REGEX, "aaa\naa", &m), 2,
	    "^ does not match where the last match ended");
	CHECK_INT(find("o", SEARCH_REGEX, "foo", &m), 2,
	    "regex matches each occurrence");

	err[0] = '\0';
	s = search_new("a(b", SEARCH_REGEX, err, sizeof(err));
	CHECK(s == NULL, "bad regex gives NULL");
	CHECK(err[0] != '\0', "and a message");
	printf("# message: %s\n", err);
	err[0] = '\0';
	s = search_new("x*", SEARCH_REGEX, err, sizeof(err));
	CHECK(s == NULL && err[0] != '\0', "a regex matching empty text is refused");
	err[0] = '\0';
	s = search_new("(a)\\1", SEARCH_REGEX, err, sizeof(err));
	CHECK(s == NULL && err[0] != '\0', "a back-reference is refused");
	s = search_new("[\\1]", SEARCH_REGEX, err, sizeof(err));
	CHECK(s != NULL, "a backslash in brackets is no back-reference");
	search_free(s);
	s = search_new("a(b", 0, err, sizeof(err));
	CHECK(s != NULL, "the same text is a fine literal");
	search_free(s);
	CHECK_INT(find("a(b", 0, "x a(b", &m), 1, "and is found literally");
}

static void
test_none(void)
{
	const char	*texts[] = { "alpha", "beta", "gamma" };
	struct doc	*d = mkdoc(texts, 3, 3);
	struct search	*s;
	struct match	*m = (struct match *)1;
	size_t		 n = 99;
	uint32_t	 off, len;

	s = search_new("delta", 0, NULL, 0);
	CHECK_INT(search_all(s, d, &m, &n), 0, "not truncated");
	CHECK_INT(n, 0, "no match");
	CHECK(m == NULL, "no array");
	CHECK_INT(search_text(s, "alpha delta", 11, &off, &len), 1,
	    "search_text finds one string");
	CHECK_INT(off, 6, "search_text offset");
	CHECK_INT(len, 5, "search_text length");
	CHECK_INT(search_text(s, "alpha", 5, &off, &len), 0,
	    "search_text without match");
	search_free(s);

	s = search_new("", 0, NULL, 0);
	CHECK(s != NULL, "empty pattern is valid");
	search_all(s, d, &m, &n);
	CHECK_INT(n, 0, "and matches nothing");
	search_free(s);
	s = search_new("", SEARCH_REGEX, NULL, 0);
	CHECK(s != NULL, "empty regex is valid");
	search_all(s, d, &m, &n);
	CHECK_INT(n, 0, "and matches nothing");
	search_free(s);
	search_free(NULL);
	rmdoc(d);
}

static void
test_next(void)
{
	const char	*texts[] = { "x a", "none", "a a", "note a" };
	struct doc	*d = mkdoc(texts, 4, 3);
	struct search	*s = search_new("a", 0, NULL, 0);
	struct match	*m;
	size_t		 n;
	int		 wrapped;

	search_all(s, d, &m, &n);
	CHECK_INT(n, 4, "four matches");
	CHECK_INT(m[1].block, 2, "in document order");
	CHECK_INT(m[3].block, 3, "the note's block last");
	CHECK_INT(search_next(m, n, 0, 0, 1, &wrapped), 0, "first from top");
	CHECK_INT(wrapped, 0, "no wrap");
	CHECK_INT(search_next(m, n, 0, 2, 1, &wrapped), 0, "at the anchor");
	CHECK_INT(search_next(m, n, 0, 3, 1, &wrapped), 1,
	    "forward past block 0");
	CHECK_INT(search_next(m, n, 2, 1, 1, &wrapped), 2, "within a block");
	CHECK_INT(search_next(m, n, 3, 6, 1, &wrapped), 0, "wraps forward");
	CHECK_INT(wrapped, 1, "and says so");
	CHECK_INT(search_next(m, n, 2, 2, -1, &wrapped), 1,
	    "backward: last before the anchor");
	CHECK_INT(search_next(m, n, 2, 0, -1, &wrapped), 0,
	    "backward across blocks");
	CHECK_INT(wrapped, 0, "no wrap");
	CHECK_INT(search_next(m, n, 0, 2, -1, &wrapped), 3, "wraps backward");
	CHECK_INT(wrapped, 1, "and says so");
	CHECK_INT(search_next(m, n, UINT32_MAX, 0, -1, NULL), 3,
	    "backward from the end");
	CHECK_INT(search_next(m, 0, 0, 0, 1, &wrapped), -1, "no matches");
	CHECK_INT(search_lower(m, n, 2, 0), 1, "lower bound of block 2");
	CHECK_INT(search_lower(m, n, 3, 0) - search_lower(m, n, 2, 0), 2,
	    "block 2 has two matches");
	CHECK_INT(search_lower(m, n, 0, 0), 0, "lower bound of the start");
	CHECK_INT(search_lower(m, n, 0, 2), 0, "lower bound at a match");
	CHECK_INT(search_lower(m, n, 0, 3), 1, "lower bound past a match");
	CHECK_INT(search_lower(m, n, 2, UINT32_MAX), 3,
	    "lower bound at a block's end");
	CHECK_INT(search_lower(m, n, UINT32_MAX, UINT32_MAX), 4,
	    "lower bound past every match");
	free(m);
	search_free(s);
	rmdoc(d);
}

/* The matches stop at SEARCH_MAX: 10,001 blocks of 100 matches each. */
static void
test_cap(void)
{
	uint32_t	 nb = SEARCH_MAX / 100 + 1, i;
	const char	**texts = xcalloc(nb, sizeof(*texts));
	char		 line[101];
	struct doc	*d;
	struct search	*s = search_new("a", 0, NULL, 0);
	struct match	*m;
	size_t		 n;

	memset(line, 'a', 100);
	line[100] = '\0';
	for (i = 0; i < nb; i++)
		texts[i] = line;
	d = mkdoc(texts, nb, nb);
	CHECK_INT(search_all(s, d, &m, &n), 1, "truncated at the cap");
	CHECK_INT(n, SEARCH_MAX, "holding SEARCH_MAX matches");
	CHECK_INT(m[n - 1].block, nb - 2, "in the last block but one");
	free(m);
	search_free(s);
	rmdoc(d);
	free(texts);
}

/*
 * Every piece of text a reader sees in the bundled article is found where
 * it is: windows of 1 to 12 characters from every block, typed as shown.
 */
static void
test_article(void)
{
	const char	*path = "content/state-of-ai-2023-politics-safety.md";
	FILE		*f = fopen(path, "rb");
	struct buf	 src = { 0 };
	struct doc	*d;
	struct search	*s;
	struct match	*m;
	char		 chunk[4096], *pat;
	size_t		 n, r, i, k, tried = 0, found = 0, start, end;
	uint32_t	 b;
	int		 nchars, ok, w;

	if (!CHECK(f != NULL, "the bundled article opens"))
		return;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&src, chunk, r);
	fclose(f);
	d = doc_parse(src.data, src.len);
	for (b = 0; b < d->nblocks; b++) {
		const char *t = d->blocks[b].text;
		size_t len = d->blocks[b].len;

		for (w = 0; w < 3 && len > 0; w++) {
			/* A window from a third of the way in, on characters. */
			start = len * w / 3;
			while (start > 0 && (t[start] & 0xC0) == 0x80)
				start--;
			nchars = 1 + (b * 7 + w * 5) % 12;
			for (end = start; end < len && nchars > 0; nchars--)
				do
					end++;
				while (end < len && (t[end] & 0xC0) == 0x80);
			pat = xstrndup(t + start, end - start);
			s = search_new(pat, 0, NULL, 0);
			search_all(s, d, &m, &n);
			ok = 0;
			k = search_lower(m, n, b, 0);
			for (i = k; i < n && m[i].block == b; i++)
				if (m[i].off <= start &&
				    start < m[i].off + m[i].len)
					ok = 1;
			tried++;
			if (ok)
				found++;
			else
				printf("# block %u: \"%s\" not found at %zu\n",
				    b, pat, start);
			free(m);
			search_free(s);
			free(pat);
		}
	}
	CHECK(tried > 300, "many windows of the article tried");
	CHECK_INT(found, tried, "every window found in place");
	doc_free(d);
	buf_free(&src);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_smart_case();
	test_folding();
	test_width();
	test_space();
	test_scripts();
	test_doc();
	test_regex();
	test_none();
	test_next();
	test_cap();
	test_article();
	return t_done();
}
