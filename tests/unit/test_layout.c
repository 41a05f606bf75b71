/* Unit tests of layout (layout.c): widths, line breaking, prefixes, tables. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/util.h"
#include "t.h"

/* A one-block document built by hand. */
static struct doc	 td;
static struct block	 tb[2];
static struct run	 truns[64];
static struct cell	 tcells[64];
static uint8_t		 talign[8];

/* Makes block 0 of td a TYPE block of TEXT in one plain run. */
static struct block *
mk(int type, const char *text)
{
	memset(&td, 0, sizeof(td));
	memset(tb, 0, sizeof(tb));
	tb[0].type = (uint8_t)type;
	tb[0].text = text;
	tb[0].len = (uint32_t)strlen(text);
	tb[0].runs = truns;
	tb[0].nruns = 1;
	tb[0].note = -1;
	tb[0].section = -1;
	tb[0].info = "";
	truns[0].off = 0;
	truns[0].len = tb[0].len;
	truns[0].style = 0;
	truns[0].target = -1;
	td.blocks = tb;
	td.nblocks = 1;
	td.nbody = 1;
	return &tb[0];
}

/* Splits block 0's one run at the bytes where STRING ... occur: each
   occurrence of MARK becomes a run of STYLE. */
static void
mark(const char *mark, uint16_t style, int32_t target)
{
	const char *t = tb[0].text, *p = t;
	uint32_t n = 0, at = 0, mlen = (uint32_t)strlen(mark);

	while ((p = strstr(p, mark)) != NULL) {
		uint32_t o = (uint32_t)(p - t);

		if (o > at)
			truns[n++] = (struct run){ at, o - at, 0, -1 };
		truns[n++] = (struct run){ o, mlen, style, target };
		at = o + mlen;
		p += mlen;
	}
	if (at < tb[0].len)
		truns[n++] = (struct run){ at, tb[0].len - at, 0, -1 };
	tb[0].nruns = n;
}

/* Makes block 0 a table of NROWS x NCOLS cells from CELLS (row-major). */
static void
mktable(const char **cells, int nrows, int ncols, char *store)
{
	int i;
	size_t len = 0, n;

	store[0] = '\0';
	mk(BLK_TABLE, store);
	for (i = 0; i < nrows * ncols; i++) {
		n = strlen(cells[i]);
		memcpy(store + len, cells[i], n);
		tcells[i].off = (uint32_t)len;
		tcells[i].len = (uint32_t)n;
		tcells[i].run0 = (uint32_t)i;
		tcells[i].nruns = 1;
		truns[i] = (struct run){ (uint32_t)len, (uint32_t)n, 0, -1 };
		len += n;
	}
	store[len] = '\0';
	tb[0].len = (uint32_t)len;
	tb[0].nruns = (uint32_t)(nrows * ncols);
	tb[0].nrows = (uint16_t)nrows;
	tb[0].ncols = (uint16_t)ncols;
	tb[0].cells = tcells;
	memset(talign, 0, sizeof(talign));
	tb[0].align = talign;
}

static struct layout *
lay(const struct doc *d, uint32_t b, int width, int amb)
{
	struct layout_opts o = { .width = width, .ambiguous_wide = amb,
	    .front = LAYOUT_FRONT_TABLE };

	return layout_block(d, b, &o);
}

/* Text of line I as a device draws it: gaps as spaces. */
static char *
linestr(const struct layout *l, uint32_t i, int amb)
{
	static char buf[65536];
	const struct line *ln = &l->lines[i];
	size_t n = 0;
	int col = 0;
	uint32_t k;

	for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++) {
		const struct seg *s = &l->segs[k];

		while (col < s->col && n + 1 < sizeof(buf)) {
			buf[n++] = ' ';
			col++;
		}
		if (n + s->len + 1 >= sizeof(buf))
			break;
		memcpy(buf + n, s->text, s->len);
		n += s->len;
		col += s->width;
	}
	buf[n] = '\0';
	(void)amb;
	return buf;
}

/* The text bytes (segments with an off) of line I, concatenated. */
static char *
linetext(const struct layout *l, uint32_t i)
{
	static char buf[65536];
	const struct line *ln = &l->lines[i];
	size_t n = 0;
	uint32_t k;

	for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++) {
		const struct seg *s = &l->segs[k];

		if (s->off == SEG_NOOFF || n + s->len + 1 >= sizeof(buf))
			continue;
		memcpy(buf + n, s->text, s->len);
		n += s->len;
	}
	buf[n] = '\0';
	return buf;
}

/* Does S start with one of the code points in LIST (UTF-8 strings)? */
static int
starts_any(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strncmp(s, *list, strlen(*list)) == 0)
			return 1;
	return 0;
}

/* Does S end with one of LIST? */
static int
ends_any(const char *s, const char *const *list)
{
	size_t n = strlen(s), m;

	for (; *list; list++) {
		m = strlen(*list);
		if (n >= m && strcmp(s + n - m, *list) == 0)
			return 1;
	}
	return 0;
}

static const char *const closing[] = { "，", "。", "、", "；", "：", "！",
	"？", "）", "」", "』", "】", "》", "”", ",", ".", ";", ":", "!", "?",
	")", "]", "}", NULL };
static const char *const opening[] = { "（", "「", "『", "【", "《", "“",
	"(", "[", "{", NULL };

/*
 * Checks the invariants of any layout of block B at WIDTH: segments in
 * order without overlap, widths measured, text segments pointing into the
 * block, offs never decreasing, no line wider than WIDTH but code, and
 * (with KINSOKU) the punctuation rules on text lines. Returns NULL or
 * what is wrong.
 */
static const char *
invalid(const struct doc *d, const struct layout *l, int width, int amb,
    int kinsoku)
{
	const struct block *b = &d->blocks[l->block];
	uint32_t i, k, prevoff = 0;
	static char why[256];

	if (l->nlines == 0)
		return "no lines";
	for (i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];
		int col = 0, end = 0;

		if (ln->seg0 + ln->nsegs > l->nsegs)
			return "segments out of range";
		if (ln->off < prevoff) {
			snprintf(why, sizeof(why), "line %u: off %u < %u", i,
			    ln->off, prevoff);
			return why;
		}
		prevoff = ln->off;
		for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++) {
			const struct seg *s = &l->segs[k];

			if (s->col < col) {
				snprintf(why, sizeof(why), "line %u: overlap "
				    "at col %d", i, s->col);
				return why;
			}
			if (s->width != layout_width(s->text, s->len, amb))
				return "segment width not measured";
			if (s->off != SEG_NOOFF && (s->off + s->len > b->len ||
			    s->text != b->text + s->off))
				return "segment off does not match its text";
			if (s->off != SEG_NOOFF && memchr(s->text, '\n',
			    s->len) != NULL)
				return "newline drawn";
			col = s->col + s->width;
			if (col > end)
				end = col;
		}
		if (ln->cols != end)
			return "line cols is not its end";
		if (ln->kind != LINE_CODE && ln->cols > width) {
			snprintf(why, sizeof(why), "line %u is %d columns at "
			    "width %d: \"%s\"", i, ln->cols, width,
			    linestr(l, i, amb));
			return why;
		}
		if (kinsoku && (ln->kind == LINE_TEXT ||
		    ln->kind == LINE_HEADING)) {
			const char *t = linetext(l, i);

			if (i > 0 && l->lines[i - 1].kind == ln->kind &&
			    starts_any(t, closing)) {
				snprintf(why, sizeof(why), "line %u starts "
				    "with closing punctuation: \"%s\"", i, t);
				return why;
			}
			if (i + 1 < l->nlines && l->lines[i + 1].kind ==
			    ln->kind && ends_any(t, opening)) {
				snprintf(why, sizeof(why), "line %u ends with "
				    "opening punctuation: \"%s\"", i, t);
				return why;
			}
		}
	}
	return NULL;
}

/* Checks invalid() and prints the reason. */
static void
check_valid(const struct doc *d, const struct layout *l, int width, int amb,
    int kinsoku, const char *what)
{
	const char *why = invalid(d, l, width, amb, kinsoku);

	if (!CHECK(why == NULL, what))
		printf("#   %s\n", why);
}

/* Is every non-space byte of block 0's text drawn once, in order? */
static int
covers(const struct doc *d, const struct layout *l)
{
	const struct block *b = &d->blocks[l->block];
	uint32_t k, at = 0, j;

	for (k = 0; k < l->nsegs; k++) {
		const struct seg *s = &l->segs[k];

		if (s->off == SEG_NOOFF)
			continue;
		if (s->off < at)
			return 0;
		for (j = at; j < s->off; j++)
			if (b->text[j] != ' ' && b->text[j] != '\n')
				return 0;
		at = s->off + s->len;
	}
	for (j = at; j < b->len; j++)
		if (b->text[j] != ' ' && b->text[j] != '\n')
			return 0;
	return 1;
}

static void
test_width(void)
{
	CHECK_INT(layout_width("abc", 3, 0), 3, "ASCII: one column each");
	CHECK_INT(layout_width("中文", strlen("中文"), 0), 4,
	    "ideographs: two columns each");
	CHECK_INT(layout_width("e\xcc\x81", 3, 0), 1,
	    "e + U+0301 combining acute: one column");
	CHECK_INT(layout_width("\xe2\x80\x8b", 3, 0), 0,
	    "U+200B zero width space: no column");
	CHECK_INT(layout_width("😀", strlen("😀"), 0), 2,
	    "U+1F600 emoji: two columns");
	CHECK_INT(layout_width("─", strlen("─"), 0), 1, "─ narrow by default");
	CHECK_INT(layout_width("─", strlen("─"), 1), 2,
	    "─ two columns with ambiguous_wide");
	CHECK_INT(layout_width("“", strlen("“"), 1), 2,
	    "“ two columns with ambiguous_wide");
	CHECK_INT(layout_width("Àé", strlen("Àé"), 1), 3,
	    "ambiguous_wide widens é (A) but not À (N)");
	CHECK_INT(layout_width("e\xcc\x81", 3, 1), 1,
	    "ambiguous_wide leaves combining marks at zero");
	CHECK_INT(layout_width("a\tb\x1b", 4, 0), 2,
	    "control characters take no column");
}

static void
test_cjk(void)
{
	static const char text[] = "中文排版需要遵守禁则，行首不能是逗号。"
	    "也不能是句号、顿号；括号（比如这样）也是如此：「引号」和"
	    "《书名》都一样！真的吗？是的。“引文”结束。";
	struct layout *l;
	int w, bad = 0, wide = 0;
	uint32_t i;

	mk(BLK_PARA, text);
	l = lay(&td, 0, 10, 0);
	check_valid(&td, l, 10, 0, 1, "Chinese at width 10: lines <= 10, "
	    "no line starts with ，。、） or ends with （「");
	CHECK(l->nlines >= 13, "Chinese at width 10 wraps");
	CHECK(covers(&td, l), "Chinese at width 10: every character drawn");
	layout_free(l);
	for (w = 2; w <= 40; w++) {
		l = lay(&td, 0, w, 0);
		if (invalid(&td, l, w, 0, w >= 4) != NULL || !covers(&td, l))
			bad++;
		layout_free(l);
		l = lay(&td, 0, w, 1);
		if (invalid(&td, l, w, 1, w >= 4) != NULL || !covers(&td, l))
			bad++;
		for (i = 0; i < l->nlines; i++)
			if (l->lines[i].cols > w)
				wide++;
		layout_free(l);
	}
	CHECK_INT(bad, 0, "Chinese at widths 2-40, ambiguous narrow and wide: "
	    "valid and kinsoku");
	CHECK_INT(wide, 0, "no line wider than the width");

	mk(BLK_PARA, "一二三四五（六七八）");
	l = lay(&td, 0, 10, 0);
	CHECK_INT(l->nlines, 2, "（ moves to the next line with its text");
	CHECK_STR(linetext(l, 0), "一二三四五", "line ends before （");
	layout_free(l);

	mk(BLK_PARA, "一二三四五，六七");
	l = lay(&td, 0, 10, 0);
	CHECK_STR(linetext(l, 1), "五，六七", "，stays with the character "
	    "before it");
	layout_free(l);

	mk(BLK_PARA, "四个字啊 (abc) 四");
	l = lay(&td, 0, 10, 0);
	check_valid(&td, l, 10, 0, 1, "ASCII parentheses obey kinsoku");
	layout_free(l);
}

static void
test_latin(void)
{
	static const char *const infix[] = { "e.", "x.", "a,", NULL };
	static const char text[] = "The quick brown fox jumps over the lazy "
	    "dog; extraordinarily, internationalization happens (sometimes).";
	static char url[400];
	struct layout *l;
	uint32_t i;
	int ok = 1, w;

	mk(BLK_PARA, text);
	l = lay(&td, 0, 20, 0);
	check_valid(&td, l, 20, 0, 1, "Latin at width 20 is valid");
	for (i = 0; i < l->nlines; i++) {
		const struct seg *s = &l->segs[l->lines[i].seg0 +
		    l->lines[i].nsegs - 1];
		uint32_t e = s->off + s->len;

		/* A line ends at a space or the end, never inside a word. */
		if (e < td.blocks[0].len && text[e] != ' ')
			ok = 0;
	}
	CHECK(ok, "a Latin word is never split at width 20");
	CHECK_STR(linetext(l, 0), "The quick brown fox", "first line");
	CHECK(covers(&td, l), "Latin: every word drawn");
	layout_free(l);

	/* UAX #14 may break after "/" but not inside the long path. */
	strcpy(url, "see https://example.com/");
	for (i = 0; strlen(url) < 300; i++)
		strcat(url, i % 2 ? "segment" : "path");
	mk(BLK_PARA, "aaaa e.g. x.y a,b");
	for (w = 4; w <= 10; w++) {
		l = lay(&td, 0, w, 0);
		for (i = 0; i + 1 < l->nlines; i++)
			if (ends_any(linetext(l, i), infix))
				ok = 0;
		layout_free(l);
	}
	CHECK(ok, "no break inside \"e.g.\", \"x.y\" or \"a,b\" (UAX #14 "
	    "LB29)");

	mk(BLK_PARA, url);
	for (w = 1; w <= 80; w += 13) {
		l = lay(&td, 0, w, 0);
		check_valid(&td, l, w, 0, 0, "300-character URL: lines <= "
		    "width");
		CHECK(covers(&td, l), "300-character URL: all of it drawn");
		CHECK(l->nlines >= (uint32_t)(300 / w), "300-character URL is "
		    "broken");
		layout_free(l);
	}
	l = lay(&td, 0, 40, 0);
	CHECK_STR(linetext(l, 0), "see https://example.com/", "the URL "
	    "breaks after its host");
	CHECK_INT(l->lines[1].cols, 40, "the URL fills its lines");
	layout_free(l);
}

/* Byte offset just after the last text segment of line I of L. */
static uint32_t
lineend(const struct layout *l, uint32_t i)
{
	const struct line *ln = &l->lines[i];
	uint32_t k, e = 0;

	for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++)
		if (l->segs[k].off != SEG_NOOFF)
			e = l->segs[k].off + l->segs[k].len;
	return e;
}

/* Checks that line I of block 0 of td at WIDTH reads WANT. */
static void
check_line(int width, uint32_t i, const char *want, const char *what)
{
	struct layout *l = lay(&td, 0, width, 0);

	CHECK_STR(i < l->nlines ? linetext(l, i) : "(no line)", want, what);
	layout_free(l);
}

/*
 * Lays out block 0 of td at widths W0 to W1 and counts the lines, but the
 * last, that end elsewhere than before a space; each layout is checked.
 */
static int
unspaced(int w0, int w1)
{
	struct layout *l;
	uint32_t i, e;
	int w, bad = 0;

	for (w = w0; w <= w1; w++) {
		l = lay(&td, 0, w, 0);
		if (invalid(&td, l, w, 0, 1) != NULL || !covers(&td, l))
			bad++;
		for (i = 0; i + 1 < l->nlines; i++) {
			e = lineend(l, i);
			if (e < tb[0].len && tb[0].text[e] != ' ')
				bad++;
		}
		layout_free(l);
	}
	return bad;
}

static void
test_korean(void)
{
	struct layout *l;
	uint32_t i;
	int w, bad = 0;

	/* The widest word, "소프트웨어입니다.", is 17 columns. */
	mk(BLK_PARA, "오픈 소스 소프트웨어는 누구나 자유롭게 사용하고 "
	    "수정하며 배포할 수 있는 소프트웨어입니다.");
	CHECK_INT(unspaced(17, 70), 0, "Korean at widths 17-70 breaks at "
	    "spaces only");
	check_line(20, 0, "오픈 소스", "a Korean line ends at a space");
	check_line(20, 1, "소프트웨어는 누구나", "the word that did not fit is "
	    "whole on the next line");

	mk(BLK_PARA, "소프트웨어입니다");
	l = lay(&td, 0, 8, 0);
	check_valid(&td, l, 8, 0, 1, "a Korean word wider than the line");
	CHECK_STR(linetext(l, 0), "소프트웨", "it is cut where it must be");
	CHECK(covers(&td, l), "all of it drawn");
	layout_free(l);

	/* "소프트웨어(software)는" is one word of 22 columns. */
	mk(BLK_PARA, "이 소프트웨어(software)는 AI를 2023년에 사용한다");
	for (w = 22; w <= 40; w++) {
		l = lay(&td, 0, w, 0);
		for (i = 0; i < l->nlines; i++)
			if (strncmp(linetext(l, i), "는", 3) == 0 ||
			    strncmp(linetext(l, i), "(", 1) == 0 ||
			    strncmp(linetext(l, i), "를", 3) == 0 ||
			    strncmp(linetext(l, i), "년", 3) == 0)
				bad++;
		layout_free(l);
	}
	CHECK_INT(bad, 0, "Korean words with brackets, Latin and digits in "
	    "them stay whole");
}

static void
test_code_span(void)
{
	static const char text[] = "Put it in your .dir-locals.el file and "
	    "some-long-code-name too.";
	struct layout *l;
	uint32_t i, e, a = 15, z = 29;
	int w, bad = 0;

	mk(BLK_PARA, text);
	mark(".dir-locals.el", ST_CODE, -1);
	for (w = 14; w <= 60; w++) {
		l = lay(&td, 0, w, 0);
		check_valid(&td, l, w, 0, 0, "a code span at widths 14-60");
		for (i = 0; i + 1 < l->nlines; i++) {
			e = lineend(l, i);
			if (e > a && e < z)
				bad++;
		}
		layout_free(l);
	}
	CHECK_INT(bad, 0, "inline code is never broken when it fits");
	check_line(20, 1, ".dir-locals.el file", "the span moves to the next "
	    "line whole");
	check_line(14, 1, ".dir-locals.el", "a span may start a line with its "
	    "punctuation");

	/* Wider than the line: at its hyphens, not anywhere. */
	mk(BLK_PARA, "x a-very-long-code-name y");
	mark("a-very-long-code-name", ST_CODE, -1);
	l = lay(&td, 0, 10, 0);
	check_valid(&td, l, 10, 0, 1, "an over-wide code span");
	CHECK(covers(&td, l), "all of it drawn");
	CHECK_STR(linetext(l, 1), "a-very-", "it breaks after a hyphen");
	CHECK_STR(linetext(l, 2), "long-code-", "and after the next one");
	layout_free(l);

	mk(BLK_PARA, "run `make check test` now");
	mark("make check test", ST_CODE, -1);
	check_line(14, 0, "run `make", "a code span breaks at its spaces");
}

static void
test_url(void)
{
	static const char text[] = "See https://example.org/path/to/some/"
	    "page?query=value&other=thing-x for details.";
	struct layout *l;
	uint32_t i, e, u, h, z;
	int w, bad = 0, inhost = 0;

	u = (uint32_t)(strstr(text, "https") - text);
	h = (uint32_t)(strstr(text, "/path") - text);
	z = (uint32_t)(strstr(text, " for") - text);
	mk(BLK_PARA, text);
	for (w = 12; w <= 80; w++) {
		l = lay(&td, 0, w, 0);
		check_valid(&td, l, w, 0, 1, "a URL at widths 12-80");
		for (i = 0; i + 1 < l->nlines; i++) {
			e = lineend(l, i);
			if (e == u + 8 && w < 20)
				continue;	/* "https://example.org/" */
			if (e > u && e <= h)
				inhost++;
			else if (e > h && e < z &&
			    strchr("/?&=-", text[e - 1]) == NULL)
				bad++;
		}
		layout_free(l);
	}
	CHECK_INT(inhost, 0, "never a break in the scheme or the host, nor "
	    "between them, when they fit");
	CHECK_INT(bad, 0, "a URL breaks after / ? & = - only");
	check_line(30, 0, "See https://example.org/path/", "the URL fills the "
	    "line after its host");
	check_line(30, 1, "to/some/page?query=value&", "and breaks after ? = "
	    "& when it must");
	check_line(16, 1, "https://", "a scheme and host wider than the line: "
	    "break after the scheme");
	check_line(16, 2, "example.org/", "the host is whole");

	mk(BLK_PARA, "Read www.example.com/a/b.c or (https://x.org/y_(z)/w).");
	check_line(16, 1, "www.example.com/", "a URL without a scheme");
	check_line(16, 2, "a/b.c or", "its end is where the text goes on");
	check_line(16, 3, "(https://x.org/", "a URL in brackets");
	check_line(16, 4, "y_(z)/w).", "the closing bracket is not its end");

	/* A host wider than the line: after one of its dots. */
	mk(BLK_PARA, "Neurons, https://openaipublic.blob.core.windows.net/"
	    "neuron-explainer/paper/index.html");
	check_line(25, 1, "https://", "a host wider than the line starts "
	    "a line");
	check_line(25, 2, "openaipublic.blob.core.", "and breaks after a "
	    "dot of its own, not anywhere");
	check_line(25, 3, "windows.net/neuron-", "and goes on as a path "
	    "does");

	/* The dotted numbers of a path stay whole when they can. */
	mk(BLK_PARA, "Paper, https://arxiv.org/abs/2305.15324");
	check_line(32, 1, "2305.15324", "no break after '.' when the line "
	    "has another place");
}

static void
test_unforced(void)
{
	struct layout *l;
	uint32_t i;
	int ok = 1;

	mk(BLK_PARA, "revert \"context.assert\" (Antoine du Hamel)");
	l = lay(&td, 0, 20, 0);
	CHECK_INT(l->nlines, 3, "the Hamel line at width 20: three lines");
	CHECK_STR(linetext(l, 0), "revert", "first line");
	CHECK_STR(linetext(l, 1), "\"context.assert\"", "the quoted word");
	CHECK_STR(linetext(l, 2), "(Antoine du Hamel)", "no word is split");
	layout_free(l);
	CHECK_INT(unspaced(16, 50), 0, "ASCII quotes: a word is never split "
	    "at widths 16-50");
	check_line(30, 0, "revert \"context.assert\"", "a closing quote, a "
	    "space and a bracket: a break (Unicode 15.1 LB15)");
	mk(BLK_PARA, "say « (quoted) » now");
	check_line(8, 0, "say", "an opening quote keeps the bracket after "
	    "its spaces");

	mk(BLK_PARA, "revert “context.assert” (Antoine du Hamel)");
	CHECK_INT(unspaced(16, 50), 0, "curly quotes: a word is never split "
	    "at widths 16-50");

	/* UAX #14 forbids every break here (B2 SP* × B2). */
	mk(BLK_PARA, "—— —— ——");
	l = lay(&td, 0, 4, 0);
	for (i = 0; i < l->nlines; i++)
		if (strcmp(linetext(l, i), "——") != 0)
			ok = 0;
	CHECK(ok && l->nlines == 3, "a forced break takes a space before the "
	    "inside of a word");
	layout_free(l);
}

static void
test_clusters(void)
{
	struct layout *l;
	uint32_t i, k;
	int ok = 1;

	mk(BLK_PARA, "cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81");
	l = lay(&td, 0, 5, 0);
	CHECK_INT(l->nlines, 3, "e + U+0301: \"café\" is 4 columns, fits 5");
	CHECK_INT(l->lines[0].cols, 4, "café is 4 columns");
	layout_free(l);

	mk(BLK_PARA, "😀😀😀😀😀😀😀");
	for (k = 2; k <= 9; k++) {
		l = lay(&td, 0, (int)k, 0);
		if (invalid(&td, l, (int)k, 0, 0) != NULL || !covers(&td, l))
			ok = 0;
		for (i = 0; i < l->nsegs; i++)
			if (l->segs[i].len % 4 != 0)
				ok = 0;	/* a split emoji */
		layout_free(l);
	}
	CHECK(ok, "U+1F600 is two columns and never split");

	mk(BLK_PARA, "ab😀");
	l = lay(&td, 0, 3, 0);
	CHECK_INT(l->nlines, 2, "an emoji that does not fit moves down whole");
	CHECK_STR(linetext(l, 1), "😀", "the emoji is whole on line 2");
	layout_free(l);

	/* Five-person family: one cluster, wider than 4 columns. */
	mk(BLK_PARA, "👨‍👩‍👧‍👦");
	l = lay(&td, 0, 4, 0);
	check_valid(&td, l, 4, 0, 0, "an over-wide cluster is cut between "
	    "code points");
	CHECK(covers(&td, l), "the over-wide cluster is all drawn");
	layout_free(l);
}

static void
test_ambiguous(void)
{
	struct layout *l;

	mk(BLK_PARA, "“——”“——”");
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->lines[0].cols, 8, "quotes and dashes narrow: 8 columns");
	layout_free(l);
	l = lay(&td, 0, 80, 1);
	CHECK_INT(l->lines[0].cols, 16, "ambiguous_wide: 16 columns");
	layout_free(l);

	mk(BLK_HEADING, "Title")->level = 1;
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->nlines, 2, "level 1 heading and its underline");
	CHECK_INT(l->lines[1].kind, LINE_UNDERLINE, "underline line");
	CHECK_STR(linestr(l, 1, 0), "═════", "underline as wide as the title");
	layout_free(l);
	l = lay(&td, 0, 80, 1);
	CHECK_STR(linestr(l, 1, 1), "══", "ambiguous_wide: half as many ═");
	CHECK(l->lines[1].cols <= 5, "the wide underline is no wider");
	layout_free(l);
}

static void
test_headings(void)
{
	struct layout *l;

	mk(BLK_HEADING, "Second level")->level = 2;
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->lines[0].kind, LINE_HEADING, "heading line");
	CHECK_INT(l->lines[0].level, 2, "heading level on the line");
	CHECK(l->segs[0].style & ST_HEADING, "heading text is ST_HEADING");
	CHECK_STR(linestr(l, 1, 0), "────────────", "level 2: ─ underline");
	CHECK(l->segs[l->lines[1].seg0].style & ST_DECOR, "underline is "
	    "decoration");
	layout_free(l);

	mk(BLK_HEADING, "A heading long enough to wrap")->level = 1;
	l = lay(&td, 0, 12, 0);
	CHECK_INT(l->nlines, 4, "wrapped heading: three lines + underline");
	CHECK_INT(l->lines[3].cols, 11, "underline as wide as the widest "
	    "line");
	layout_free(l);

	mk(BLK_HEADING, "Third")->level = 3;
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->nlines, 2, "level 3: underlined");
	CHECK_STR(linestr(l, 0, 0), "Third", "level 3: no prefix");
	CHECK_STR(linestr(l, 1, 0), "-----", "level 3: - underline");
	layout_free(l);

	mk(BLK_HEADING, "Fourth")->level = 4;
	l = lay(&td, 0, 80, 0);
	CHECK_STR(linestr(l, 1, 0), "......", "level 4: . underline");
	layout_free(l);

	mk(BLK_HEADING, "Fifth")->level = 5;
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->nlines, 1, "level 5: no underline");
	layout_free(l);
}

static void
test_list(void)
{
	struct block *b;
	struct layout *l;

	b = mk(BLK_PARA, "one two three four five six seven");
	strcpy(b->marker, "•");
	b->indent = 2;
	b->list_depth = 1;
	l = lay(&td, 0, 16, 0);
	CHECK_STR(linestr(l, 0, 0), "• one two three", "marker hung into the "
	    "indent");
	CHECK_STR(linestr(l, 1, 0), "  four five six", "continuation "
	    "indented");
	CHECK(l->segs[l->lines[0].seg0].style & ST_DECOR, "marker is "
	    "decoration");
	check_valid(&td, l, 16, 0, 1, "list item is valid");
	layout_free(l);

	b = mk(BLK_PARA, "alpha beta gamma delta");
	strcpy(b->marker, "10.");
	b->indent = 7;
	l = lay(&td, 0, 20, 0);
	CHECK_STR(linestr(l, 0, 0), "   10. alpha beta", "ordered marker "
	    "right-aligned into a nested indent");
	CHECK_STR(linestr(l, 1, 0), "       gamma delta", "nested "
	    "continuation");
	layout_free(l);

	b = mk(BLK_PARA, "continued paragraph of the item");
	b->indent = 4;
	l = lay(&td, 0, 20, 0);
	CHECK_STR(linestr(l, 0, 0), "    continued", "a later block of an "
	    "item: indent, no marker");
	layout_free(l);

	/* Deep indent at a narrow width gives way to the text. */
	b = mk(BLK_PARA, "deep deep deep");
	b->indent = 30;
	strcpy(b->marker, "•");
	l = lay(&td, 0, 12, 0);
	check_valid(&td, l, 12, 0, 1, "deep indent at width 12 is valid");
	CHECK(l->lines[0].cols <= 12 && l->nlines <= 3, "deep indent leaves "
	    "room for text");
	layout_free(l);
}

static void
test_quote(void)
{
	struct block *b;
	struct layout *l;

	b = mk(BLK_PARA, "quoted text that wraps");
	b->quote_depth = 2;
	l = lay(&td, 0, 16, 0);
	CHECK_STR(linestr(l, 0, 0), "│ │ quoted text", "nested quote: two "
	    "bars");
	CHECK_STR(linestr(l, 1, 0), "│ │ that wraps", "bars on every line");
	CHECK(l->segs[0].style & ST_QUOTE && l->segs[0].style & ST_DECOR,
	    "bars are ST_DECOR|ST_QUOTE");
	CHECK(l->segs[2].style & ST_QUOTE, "quoted text is ST_QUOTE");
	layout_free(l);

	b = mk(BLK_PARA, "item in a quote");
	b->quote_depth = 1;
	b->indent = 2;
	strcpy(b->marker, "•");
	l = lay(&td, 0, 40, 0);
	CHECK_STR(linestr(l, 0, 0), "│ • item in a quote", "bars then "
	    "marker");
	layout_free(l);
	l = lay(&td, 0, 40, 1);
	CHECK_INT(l->segs[1].col, 3, "ambiguous_wide: a bar of 2 columns");
	CHECK_INT(l->segs[2].col, 6, "ambiguous_wide: a bullet of 2 columns");
	layout_free(l);

	/* A second paragraph in the same quote: the blank line keeps the
	   bar. */
	memset(tb, 0, sizeof(tb));
	b = mk(BLK_PARA, "first");
	b->quote_depth = 1;
	tb[1] = tb[0];
	tb[1].text = "second";
	tb[1].len = 6;
	tb[1].space_before = 1;
	td.nblocks = td.nbody = 2;
	truns[0].len = 5;
	l = lay(&td, 1, 40, 0);
	CHECK_INT(l->nlines, 2, "blank line and text");
	CHECK_INT(l->lines[0].kind, LINE_BLANK, "space_before is a blank "
	    "line");
	CHECK_STR(linestr(l, 0, 0), "│ ", "the blank line carries the bar");
	layout_free(l);

	b = mk(BLK_PARA, "deeply quoted");
	b->quote_depth = 40;
	l = lay(&td, 0, 20, 0);
	check_valid(&td, l, 20, 0, 1, "40 quote levels at width 20");
	CHECK_STR(linetext(l, 0), "deeply", "text still has room");
	CHECK_INT(l->segs[l->lines[0].nsegs - 1].col, 12, "six bars are "
	    "drawn, 8 columns left");
	layout_free(l);
}

static void
test_code(void)
{
	static const char code[] = "int\nmain(void)\n{\n\treturn 0;\t/* a "
	    "comment that is much longer than the width of twenty */\n}";
	struct block *b;
	struct layout *l;

	mk(BLK_CODE, code);
	l = lay(&td, 0, 20, 0);
	CHECK_INT(l->nlines, 5, "one line per source line");
	CHECK_INT(l->lines[3].kind, LINE_CODE, "code lines");
	CHECK(l->lines[3].cols > 20, "a code line is not wrapped");
	check_valid(&td, l, 20, 0, 0, "code block is valid");
	CHECK_STR(linestr(l, 0, 0), "  int", "code is indented two columns");
	CHECK_INT(l->segs[l->lines[3].seg0].col, 2 + 8, "a tab goes to "
	    "column 8 of the code");
	CHECK_INT(l->segs[l->lines[3].seg0 + 1].col, 2 + 24, "the next tab "
	    "to 24");
	CHECK_INT(l->segs[l->lines[3].seg0 + 1].off, 28, "the segment after "
	    "the tab has its off");
	CHECK(l->segs[0].style & ST_CODEBLOCK, "code is ST_CODEBLOCK");
	CHECK_INT(l->lines[4].off, (uint32_t)(strrchr(code, '}') - code),
	    "a code line's off is its start");
	layout_free(l);

	b = mk(BLK_CODE, "x");
	b->quote_depth = 1;
	b->indent = 2;
	l = lay(&td, 0, 40, 0);
	CHECK_STR(linestr(l, 0, 0), "│     x", "code in a quoted item: bar, "
	    "indent and two");
	layout_free(l);

	mk(BLK_CODE, "");
	l = lay(&td, 0, 40, 0);
	CHECK_INT(l->nlines, 1, "an empty code block is one line");
	layout_free(l);
}

static void
test_table(void)
{
	static char store[1024];
	static const char *cells[] = {
		"名称", "Description", "Count",
		"中文字", "a short one", "1",
		"English", "internationalization matters", "12345",
	};
	struct layout *l;
	uint32_t i;
	int x;

	mktable(cells, 3, 3, store);
	talign[2] = ALIGN_RIGHT;
	l = lay(&td, 0, 80, 0);
	check_valid(&td, l, 80, 0, 0, "table at 80 is valid");
	CHECK_INT(l->nlines, 4, "grid: header, rule, two rows");
	CHECK_INT(l->lines[0].kind, LINE_TABLE, "table lines");
	CHECK_STR(linestr(l, 0, 0), "名称    │ Description                  "
	    "│ Count", "header row: CJK cell padded by columns");
	CHECK_STR(linestr(l, 1, 0), "────────┼──────────────────────────────┼"
	    "──────", "header rule");
	CHECK_STR(linestr(l, 2, 0), "中文字  │ a short one                  "
	    "│     1", "row: right alignment");
	CHECK(l->segs[0].style & ST_TABLEHEAD, "header is ST_TABLEHEAD");
	/* The bars line up: same column on every row. */
	x = -1;
	for (i = 0; i < l->nlines; i++) {
		const struct seg *s = &l->segs[l->lines[i].seg0 + 1];

		if (i != 1 && x >= 0 && s->col != x)
			x = -2;
		if (i == 0)
			x = s->col;
	}
	CHECK_INT(x, 8, "column bars aligned in display columns");
	layout_free(l);

	l = lay(&td, 0, 40, 0);
	check_valid(&td, l, 40, 0, 0, "table at 40: shrunk grid is valid");
	CHECK(l->nlines > 4, "table at 40: cells wrap in their columns");
	CHECK(strstr(linestr(l, 1, 0), "┼") != NULL, "table at 40 is still a "
	    "grid");
	layout_free(l);

	l = lay(&td, 0, 20, 0);
	check_valid(&td, l, 20, 0, 0, "table at 20: stacked is valid");
	CHECK_STR(linestr(l, 0, 0), "名称: 中文字", "stacked: Header: value");
	CHECK_STR(linestr(l, 1, 0), "Description:", "stacked: a value that "
	    "does not fit after its label");
	CHECK_STR(linestr(l, 2, 0), "  a short one", "goes below, indented");
	CHECK_STR(linestr(l, 3, 0), "Count: 1", "third cell");
	CHECK_INT(l->lines[4].kind, LINE_BLANK, "blank line between rows");
	CHECK_STR(linestr(l, 7, 0), "  internationalizati", "a long word in "
	    "a value is cut");
	layout_free(l);

	for (x = 1; x <= 30; x++) {
		l = lay(&td, 0, x, 0);
		if (invalid(&td, l, x < 2 ? 2 : x, 0, 0) != NULL)
			break;
		layout_free(l);
		l = lay(&td, 0, x, 1);
		if (invalid(&td, l, x < 2 ? 2 : x, 1, 0) != NULL)
			break;
		layout_free(l);
		l = NULL;
	}
	if (!CHECK(x == 31, "table valid at every width 1-30, ambiguous "
	    "narrow and wide"))
		printf("#   width %d: %s\n", x, invalid(&td, l, x, 0, 0));
	layout_free(l);

	mktable(cells, 1, 3, store);
	l = lay(&td, 0, 10, 0);
	check_valid(&td, l, 10, 0, 0, "header-only table, stacked");
	layout_free(l);
}

/*
 * The walks that take many bytes at a time: words whose opportunities
 * fall anywhere in eight bytes, a word as wide as the line, ideographs
 * with CJK punctuation between them, kana that a combining mark joins.
 */
static void
test_fast(void)
{
	static const struct {
		const char	*text;
		int		 width;
		uint32_t	 line;
		const char	*want, *what;
	} cases[] = {
		{ "aaaa bbbb cccc dddd eeee ffff", 14, 0, "aaaa bbbb cccc",
		    "eight at a time: a full line" },
		{ "aaaa bbbb cccc dddd eeee ffff", 14, 1, "dddd eeee ffff",
		    "and the next" },
		{ "aaaa bbbb cccc dddd eeee ffff", 13, 1, "cccc dddd",
		    "a line one column short" },
		{ "aaaa bbbb cccc dddd eeee ffff", 9, 2, "eeee ffff",
		    "two words in 9 columns" },
		{ "abcdefghijklmnop qrst", 16, 0, "abcdefghijklmnop",
		    "a word as wide as the line" },
		{ "abcdefghijklmnop qrst", 16, 1, "qrst", "then the next" },
		{ "abcdefghijklmnop qrst", 15, 0, "abcdefghijklmno",
		    "a word one column wider: cut" },
		{ "abcdefghijklmnop qrst", 15, 1, "p qrst", "its rest" },
		{ "中文中文中文中文", 7, 0, "中文中",
		    "ideographs: three in 7 columns" },
		{ "中文中文中文中文", 7, 2, "中文", "the rest" },
		{ "中文中文中文中文", 8, 1, "中文中文", "four in 8" },
		{ "中文中，文中文中。", 6, 0, "中文",
		    "no comma at a line's start" },
		{ "中文中，文中文中。", 6, 1, "中，文", "it ends the next" },
		{ "中文中，文中文中。", 6, 2, "中文", "nor a full stop" },
		{ "中文中，文中文中。", 6, 3, "中。",
		    "which takes an ideograph along" },
		{ "か\xe3\x82\x99か\xe3\x82\x99か\xe3\x82\x99", 4, 0,
		    "か\xe3\x82\x99か\xe3\x82\x99",
		    "kana and their combining marks: two clusters in 4 columns" },
		{ "か\xe3\x82\x99か\xe3\x82\x99か\xe3\x82\x99", 4, 1,
		    "か\xe3\x82\x99", "the third" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mk(BLK_PARA, cases[i].text);
		check_line(cases[i].width, cases[i].line, cases[i].want,
		    cases[i].what);
	}
}

static void
test_narrow(void)
{
	static const char text[] = "Narrow widths: 中文，English words, "
	    "(parens) and “quotes”. 😀 e\xcc\x81 [1] end";
	struct block *b;
	struct layout *l;
	int w, amb, bad = 0;

	for (amb = 0; amb <= 1; amb++)
		for (w = 1; w <= 6; w++) {
			b = mk(BLK_PARA, text);
			l = lay(&td, 0, w, amb);
			/* At width 1 a wide character cannot fit at all. */
			if (invalid(&td, l, w == 1 ? 2 : w, amb, 0) != NULL ||
			    !covers(&td, l))
				bad++;
			layout_free(l);
			b->quote_depth = 3;
			b->indent = 4;
			strcpy(b->marker, "•");
			l = lay(&td, 0, w, amb);
			if (invalid(&td, l, w == 1 ? 2 : w, amb, 0) != NULL ||
			    !covers(&td, l))
				bad++;
			layout_free(l);
		}
	CHECK_INT(bad, 0, "widths 1-6 with quotes and lists terminate and "
	    "give valid lines");

	mk(BLK_PARA, "abcdef");
	l = lay(&td, 0, 1, 0);
	CHECK_INT(l->nlines, 6, "width 1: one letter a line");
	check_valid(&td, l, 1, 0, 0, "width 1 ASCII: every line 1 column");
	layout_free(l);
	l = lay(&td, 0, 3, 0);
	CHECK_INT(l->nlines, 2, "width 3: two lines of three");
	layout_free(l);

	mk(BLK_PARA, "");
	l = lay(&td, 0, 1, 0);
	CHECK_INT(l->nlines, 1, "an empty paragraph is one line");
	layout_free(l);

	mk(BLK_HR, "");
	l = lay(&td, 0, 1, 0);
	check_valid(&td, l, 1, 0, 0, "rule at width 1");
	layout_free(l);
	l = lay(&td, 0, 80, 0);
	CHECK_INT(l->lines[0].kind, LINE_RULE, "rule line");
	CHECK_INT(l->lines[0].cols, 60, "a centred 40-column rule");
	layout_free(l);
	l = lay(&td, 0, 80, 1);
	CHECK_INT(l->lines[0].cols, 60, "a centred 40-column rule, wide ─");
	layout_free(l);
}

static void
test_noteref(void)
{
	struct layout *l;
	uint32_t i, k;
	int ok = 1, w;

	mk(BLK_PARA, "word word word[12] word");
	mark("[12]", ST_NOTEREF, 11);
	l = lay(&td, 0, 16, 0);
	CHECK_STR(linetext(l, 0), "word word", "no break before a note "
	    "reference");
	CHECK_STR(linetext(l, 1), "word[12] word", "the reference stays with "
	    "its word");
	k = l->lines[1].seg0 + 1;
	CHECK(l->segs[k].style & ST_NOTEREF && l->segs[k].target == 11,
	    "reference segment keeps its style and target");
	layout_free(l);

	mk(BLK_PARA, "中文中文中文中文[3]中文");
	mark("[3]", ST_NOTEREF, 2);
	for (w = 5; w <= 20; w++) {	/* "文[3]" needs 5 */
		l = lay(&td, 0, w, 0);
		for (i = 0; i < l->nsegs; i++)
			if (l->segs[i].style & ST_NOTEREF &&
			    l->segs[i].len != 3)
				ok = 0;
		for (i = 0; i < l->nlines; i++)
			if (strncmp(linetext(l, i), "[", 1) == 0)
				ok = 0;
		layout_free(l);
	}
	CHECK(ok, "a note reference is never split nor starts a line");
}

static void
test_hard_break(void)
{
	struct layout *l;

	mk(BLK_PARA, "line one\nline two\n\nafter");
	l = lay(&td, 0, 40, 0);
	CHECK_INT(l->nlines, 4, "hard breaks are mandatory");
	CHECK_STR(linetext(l, 1), "line two", "second line");
	CHECK_INT(l->lines[2].nsegs, 0, "an empty line");
	CHECK_INT(l->lines[3].off, 19, "off after the breaks");
	check_valid(&td, l, 40, 0, 1, "hard breaks are valid");
	layout_free(l);
}

static void
test_line_of(void)
{
	static char store[256];
	static const char *cells[] = { "aaaaaaa bbbbbbb", "ccccccc ddddddd",
	    "x", "yy" };
	struct block *b;
	struct layout *l;

	b = mk(BLK_PARA, "alpha beta gamma delta epsilon");
	b->space_before = 2;
	l = lay(&td, 0, 11, 0);
	CHECK_INT(l->nlines, 5, "two blank lines and three of text");
	CHECK_INT(layout_line_of(l, 0), 2, "offset 0: the first text line");
	CHECK_INT(layout_line_of(l, 6), 2, "beta is on the first line");
	CHECK_INT(layout_line_of(l, 11), 3, "gamma on the second");
	CHECK_INT(layout_line_of(l, 10), 2, "a dropped space: the line "
	    "before");
	CHECK_INT(layout_line_of(l, 29), 4, "the last byte");
	CHECK_INT(layout_line_of(l, 1000), 4, "past the end: the last line");
	layout_free(l);

	mk(BLK_HEADING, "Heading")->level = 1;
	l = lay(&td, 0, 40, 0);
	CHECK_INT(layout_line_of(l, 3), 0, "a heading, not its underline");
	layout_free(l);

	mktable(cells, 2, 2, store);
	l = lay(&td, 0, 20, 0);
	CHECK_STR(linestr(l, 0, 0), "aaaaaaa   │ ccccccc", "grid, both cells "
	    "wrapped");
	CHECK_INT(layout_line_of(l, 15), 0, "the second cell's first line: "
	    "its offset is past the first cell's second line");
	CHECK_INT(layout_line_of(l, 8), 1, "the first cell's second line");
	CHECK_INT(layout_line_of(l, 24), 1, "the second cell's second line");
	CHECK_INT(layout_line_of(l, 30), 3, "the second row, after the rule");
	layout_free(l);
}

static void
test_doc(void)
{
	static const char md[] =
	    "# 标题 Title\n\n"
	    "中文段落，包含 English words 和“引号”。这一段很长，需要换行（在"
	    "括号里也一样）。See https://example.com/a/very/long/path/that/"
	    "cannot/fit/anywhere/at/all.html for more.[^n]\n\n"
	    "- 列表项一，带有较长的文字需要换行。\n"
	    "  - nested item with English text long enough to wrap\n"
	    "    1. ordered inside\n"
	    "- second\n\n"
	    "> 引用的段落，也会换行。\n>\n> > nested quote text\n\n"
	    "```\n\tcode line that is much too long to fit in narrow widths\n"
	    "```\n\n"
	    "| 名称 | 说明 | n |\n|:--|:-:|--:|\n"
	    "| 中文 | 一个很长的说明文字 | 1 |\n| x | y | 22 |\n\n"
	    "---\n\n"
	    "[^n]: 注释的文字。\n";
	struct doc *d = doc_parse(md, strlen(md));
	struct layout *l;
	uint32_t i;
	int w, amb, bad = 0, uncovered = 0;

	for (amb = 0; amb <= 1; amb++)
		for (w = 2; w <= 100; w++)
			for (i = 0; i < d->nblocks; i++) {
				const char *why;

				l = lay(d, i, w, amb);
				why = invalid(d, l, w, amb, w >= 6);
				if (why != NULL && bad++ == 0)
					printf("#   block %u at %d: %s\n", i, w,
					    why);
				if (d->blocks[i].type == BLK_PARA &&
				    !covers(d, l))
					uncovered++;
				layout_free(l);
			}
	CHECK_INT(bad, 0, "a parsed document at widths 2-100: lines fit, "
	    "kinsoku holds");
	CHECK_INT(uncovered, 0, "every character of every paragraph drawn");
	doc_free(d);
}

/* A small generator of hostile text: mixed scripts, marks, spaces. */
static void
test_random(void)
{
	static const char *const atoms[] = { "a", "bc", " ", "  ", "中", "文",
	    "，", "。", "（", "）", "「", "」", "“", "”", "(", ")", ",", ".",
	    "\xcc\x81", "😀", "\xe2\x80\x8d", "\xe2\x80\x8b", "─",
	    "\n", "http://x.y/", "\xef\xbc\x9f", "한", "ｱ", "-", "\t",
	    "https://", "www.", "/", "?a=b&", "소프트웨어" };
	static char text[2048];
	unsigned seed = 12345;
	int n, k, w, bad = 0;
	struct layout *l;

	for (n = 0; n < 300; n++) {
		text[0] = '\0';
		for (k = 0; k < 1 + n % 60; k++) {
			seed = seed * 1103515245 + 12345;
			strcat(text, atoms[(seed >> 16) %
			    (sizeof(atoms) / sizeof(atoms[0]))]);
		}
		mk(n % 7 == 0 ? BLK_CODE : n % 5 == 0 ? BLK_HEADING : BLK_PARA,
		    text)->level = 1;
		w = 2 + n % 30;
		l = lay(&td, 0, w, n % 2);
		if (invalid(&td, l, w, n % 2, 0) != NULL ||
		    (tb[0].type != BLK_CODE && !covers(&td, l))) {
			if (bad++ == 0)
				printf("#   \"%s\" at %d: %s\n", text, w,
				    invalid(&td, l, w, n % 2, 0));
		}
		layout_free(l);
	}
	CHECK_INT(bad, 0, "300 random texts: valid layouts");
}

/* Inputs a broken model could hand over: nothing crashes. */
static void
test_hostile(void)
{
	static char store[256], big[70001];
	static const char *cells[] = { "h1", "h2", "v1", "v2" };
	struct layout *l;

	mk(BLK_PARA, "x");
	l = lay(&td, 5, 40, 0);
	CHECK_INT(l->nlines, 1, "a block past the end: one empty line");
	layout_free(l);

	mk(BLK_PARA, "no runs at all")->nruns = 0;
	l = lay(&td, 0, 40, 0);
	CHECK_STR(linestr(l, 0, 0), "no runs at all", "text without runs is "
	    "drawn plain");
	layout_free(l);

	mktable(cells, 2, 2, store);
	tcells[3].off = 1000;
	tcells[1].len = 1000;
	tb[0].align = NULL;
	l = lay(&td, 0, 40, 0);
	check_valid(&td, l, 40, 0, 0, "cells out of range are kept inside");
	layout_free(l);
	tb[0].cells = NULL;
	l = lay(&td, 0, 40, 0);
	CHECK_INT(l->nlines, 1, "a table without cells: one line");
	layout_free(l);

	memset(big, 'x', sizeof(big) - 1);
	mk(BLK_CODE, big);
	l = lay(&td, 0, 40, 0);
	CHECK(l->lines[0].cols > 40 && l->lines[0].cols <= 60000,
	    "a 70000-column code line is cut, its cols still fit 16 bits");
	check_valid(&td, l, 40, 0, 0, "the cut code line is valid");
	layout_free(l);
	mk(BLK_PARA, big);
	l = lay(&td, 0, 100000, 0);
	check_valid(&td, l, 10000, 0, 0, "a huge width is capped");
	layout_free(l);
}

/* Cases of layout_cut: text, columns, ambiguous wide, result. */
static const struct cut_case {
	const char	*s;
	int		 cols, amb;
	const char	*want;		/* with U+2026 */
	const char	*want_c;	/* where the locale is not UTF-8 */
} cut_cases[] = {
	{ "short", 10, 0, "short", "short" },
	{ "abcdefghij", 10, 0, "abcdefghij", "abcdefghij" },
	{ "abcdefghijk", 10, 0, "abcdefghi\xe2\x80\xa6", "abcdefghi~" },
	{ "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6", 7, 0,
	  "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe2\x80\xa6",
	  "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97~" },
	{ "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6", 6, 0,
	  "\xe4\xb8\xad\xe6\x96\x87\xe2\x80\xa6",
	  "\xe4\xb8\xad\xe6\x96\x87~" },
	{ "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3, 0,
	  "e\xcc\x81" "e\xcc\x81\xe2\x80\xa6", "e\xcc\x81" "e\xcc\x81~" },
	{ "abcdef", 4, 1, "ab\xe2\x80\xa6", "abc~" },
	{ "abcdef", 1, 0, "\xe2\x80\xa6", "~" },
	{ "abcdef", 0, 0, "\xe2\x80\xa6", "~" },
};
#define NCUT	(sizeof(cut_cases) / sizeof(cut_cases[0]))

/* The cut of case I, NUL-terminated, for the caller to free. */
static char *
cut(size_t i)
{
	struct buf b = { 0 };

	layout_cut(&b, cut_cases[i].s, strlen(cut_cases[i].s),
	    cut_cases[i].cols, cut_cases[i].amb);
	buf_addc(&b, '\0');
	return b.data;
}

/*
 * layout_cut in a UTF-8 locale (in a child, which sends its cuts back
 * one a line) and in the C locale. It runs first: inert_utf8 keeps the
 * first answer it gives.
 */
static void
test_cut(void)
{
	char got[4096], *c, *p, *nl;
	int fd[2], status;
	size_t i, n = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fd) == -1 || (pid = fork()) == -1) {
		CHECK(0, "cut: fork");
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		setlocale(LC_ALL, "C.UTF-8");
		for (i = 0; i < NCUT; i++) {
			c = cut(i);
			if (write(fd[1], c, strlen(c)) == -1 ||
			    write(fd[1], "\n", 1) == -1)
				_exit(1);
			free(c);
		}
		_exit(0);
	}
	close(fd[1]);
	while (n < sizeof(got) - 1 &&
	    (r = read(fd[0], got + n, sizeof(got) - 1 - n)) > 0)
		n += (size_t)r;
	got[n] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "cut: the UTF-8 child ends well");
	for (i = 0, p = got; i < NCUT; i++) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		CHECK_STR(p, cut_cases[i].want, "cut with an ellipsis");
		CHECK(layout_width(p, strlen(p), cut_cases[i].amb) <=
		    (cut_cases[i].cols > 0 ? cut_cases[i].cols : 1),
		    "cut: no wider than the columns");
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
	for (i = 0; i < NCUT; i++) {
		c = cut(i);
		CHECK_STR(c, cut_cases[i].want_c, "cut with '~' in C");
		free(c);
	}
}

/*
 * Every character of U+3000 to U+FFFF that layout measures and steps
 * over without libunistring (wide, a cluster of its own before ASCII or
 * an ideograph) is as wide as uc_width says and is a cluster of its own
 * there, as u8_grapheme_next finds; but U+4DC0 to U+4DFF, which layout
 * has always counted two columns.
 */
static void
test_wide(void)
{
	uint8_t t[8], *e;
	uint32_t u;
	int n, w, bad = 0;

	for (u = 0x3000; u <= 0xffff; u++) {
		if ((u >= 0xd800 && u < 0xe000) || (u >= 0x4dc0 && u < 0x4e00))
			continue;
		n = u8_uctomb(t, u, 4);
		w = layout_width((const char *)t, (size_t)n, 0);
		if (w != uc_width(u, "UTF-8") && w != 0) {
			printf("# U+%04X: %d columns, uc_width %d\n", u, w,
			    uc_width(u, "UTF-8"));
			bad++;
		}
		if (w != 2)
			continue;
		if (layout_width((const char *)t, (size_t)n, 1) != 2) {
			printf("# U+%04X: not 2 columns ambiguous wide\n", u);
			bad++;
		}
		memcpy(t + n, "a\xe4\xb8\xad", 4);
		e = t + n + 4;
		if (u8_grapheme_next(t, e) != t + n ||
		    u8_grapheme_next(t + n, e) != t + n + 1) {
			printf("# U+%04X: not a cluster of its own\n", u);
			bad++;
		}
	}
	CHECK_INT(bad, 0, "wide characters: as wide as uc_width, clusters");
}

int
main(void)
{
	test_cut();
	test_wide();
	test_width();
	test_cjk();
	test_latin();
	test_korean();
	test_code_span();
	test_url();
	test_unforced();
	test_clusters();
	test_ambiguous();
	test_headings();
	test_list();
	test_quote();
	test_code();
	test_table();
	test_fast();
	test_narrow();
	test_noteref();
	test_hard_break();
	test_line_of();
	test_doc();
	test_random();
	test_hostile();
	return t_done();
}
