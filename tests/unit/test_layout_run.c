/*
 * test_layout_run.c: the shortcuts of layout over eight ideographs at a
 * time give what the walk character by character gives: the word-wide
 * test of linebreak.h against a test of each character, and whole
 * layouts with the shortcuts (layout_runs) on and off.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/linebreak.h"
#include "t.h"

/* Pieces of text around the edges of U+4000 to U+9FFF. */
static const char *const piece[] = {
	"\xe4\xb8\xad",			/* 中 */
	"\xe6\x96\x87",			/* 文 */
	"\xe4\x80\x80",			/* U+4000 */
	"\xe9\xbf\xbf",			/* U+9FFF */
	"\xe4\xb7\x80",			/* U+4DC0, a hexagram */
	"\xe3\x80\x82",			/* 。 */
	"\xef\xbc\x8c",			/* ， */
	"\xe3\x80\x8c", "\xe3\x80\x8d",	/* 「」 */
	"\xe3\x81\x8b",			/* か */
	"\xe3\x82\x99",			/* a combining voiced mark */
	"\xea\xb0\x80",			/* 가 */
	"\xcc\x81",			/* a combining acute */
	"\xe4\xb8",			/* cut short */
	"\xe5\x80\xc0",			/* a bad continuation */
	"\xe5\x7f\x80",			/* another */
	"\xf0\x9f\x98\x80",		/* 😀 */
	"a", "bc", " ", ",", ".", "(", ")", "\n", "-", "Zz09", "AZaz",
	"@[`{/:\x7f", "Word", "0x1f",
};

#define NPIECE	(sizeof(piece) / sizeof(piece[0]))

/* What linebreak_ideo_run should find at P: one character at a time. */
static uint32_t
ideo_run_slow(const uint8_t *p)
{
	uint32_t n = 0;

	while (n < 24 && p[n] >= 0xe4 && p[n] <= 0xe9 &&
	    (p[n + 1] & 0xc0) == 0x80 && (p[n + 2] & 0xc0) == 0x80)
		n += 3;
	return n;
}

/* A random text of N pieces into BUF, mostly ideographs when HAN. */
static size_t
random_text(char *buf, size_t cap, int n, int han, unsigned *seed)
{
	size_t len = 0, k;
	const char *p;
	int i;

	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245 + 12345;
		if (han && (*seed >> 16) % 4 != 0)
			p = piece[(*seed >> 20) % 2];
		else
			p = piece[(*seed >> 16) % NPIECE];
		k = strlen(p);
		if (len + k + 1 > cap)
			break;
		memcpy(buf + len, p, k);
		len += k;
	}
	buf[len] = '\0';
	return len;
}

/* The word-wide test against one character at a time. */
static void
test_ideo_run(void)
{
	static char buf[256];
	unsigned seed = 7;
	int n, bad = 0, full = 0;
	size_t len, i;
	uint32_t want, got;

	for (n = 0; n < 20000; n++) {
		len = random_text(buf, sizeof(buf), 40, n % 2, &seed);
		for (i = 0; i + 26 < len; i++) {
			want = ideo_run_slow((const uint8_t *)buf + i);
			got = linebreak_ideo_run((const uint8_t *)buf + i);
			if (want != got && bad++ < 5)
				printf("# at %zu of \"%s\": %u, want %u\n", i,
				    buf, got, want);
			if (linebreak_ideo8((const uint8_t *)buf + i) !=
			    (want == 24) && bad++ < 5)
				printf("# ideo8 at %zu of \"%s\"\n", i, buf);
			full += want == 24;
		}
	}
	CHECK(full > 1000, "eight ideographs met often");
	CHECK_INT(bad, 0, "ideographs eight at a time as one at a time");
}

static struct doc	 td;
static struct block	 tb[1];
static struct run	 truns[4];

/* Block 0 of td: a paragraph of TEXT, its middle third styled STYLE. */
static void
mkpara(const char *text, uint16_t style)
{
	uint32_t len = (uint32_t)strlen(text), a = len / 3, e = 2 * len / 3;

	while (a > 0 && (text[a] & 0xc0) == 0x80)
		a--;
	while (e > a && (text[e] & 0xc0) == 0x80)
		e--;
	memset(&td, 0, sizeof(td));
	memset(tb, 0, sizeof(tb));
	memset(truns, 0, sizeof(truns));
	tb[0].type = BLK_PARA;
	tb[0].text = text;
	tb[0].len = len;
	tb[0].runs = truns;
	tb[0].nruns = 3;
	tb[0].note = -1;
	tb[0].section = -1;
	tb[0].info = "";
	truns[0].len = a;
	truns[1].off = a;
	truns[1].len = e - a;
	truns[1].style = style;
	truns[2].off = e;
	truns[2].len = len - e;
	truns[0].target = truns[1].target = truns[2].target = -1;
	td.blocks = tb;
	td.nblocks = 1;
	td.nbody = 1;
}

/* Are layouts A and B the same lines of the same segments? */
static int
same_layout(const struct layout *a, const struct layout *b)
{
	uint32_t i;

	if (a->nlines != b->nlines || a->nsegs != b->nsegs)
		return 0;
	for (i = 0; i < a->nlines; i++)
		if (a->lines[i].nsegs != b->lines[i].nsegs ||
		    a->lines[i].cols != b->lines[i].cols ||
		    a->lines[i].off != b->lines[i].off)
			return 0;
	for (i = 0; i < a->nsegs; i++)
		if (a->segs[i].off != b->segs[i].off ||
		    a->segs[i].len != b->segs[i].len ||
		    a->segs[i].col != b->segs[i].col ||
		    a->segs[i].width != b->segs[i].width ||
		    a->segs[i].style != b->segs[i].style)
			return 0;
	return 1;
}

/* Whole layouts with the shortcuts and without. */
static void
test_same(void)
{
	static const uint16_t styles[] = { 0, ST_CODE, ST_NOTEREF, ST_STRIKE };
	static char buf[1024];
	struct layout_opts o = { .front = LAYOUT_FRONT_TABLE };
	struct layout *a, *b;
	unsigned seed = 99;
	int n, bad = 0;

	for (n = 0; n < 3000; n++) {
		random_text(buf, sizeof(buf), 20 + n % 150, n % 5 != 0, &seed);
		mkpara(buf, styles[n % 4]);
		o.width = 4 + n % 77;
		o.ambiguous_wide = n % 3 == 0;
		o.strike_marks = n % 2;
		layout_runs = 1;
		a = layout_block(&td, 0, &o);
		layout_runs = 0;
		b = layout_block(&td, 0, &o);
		layout_runs = 1;
		if (!same_layout(a, b) && bad++ < 5)
			printf("# \"%s\" at %d columns\n", buf, o.width);
		layout_free(a);
		layout_free(b);
	}
	CHECK_INT(bad, 0, "3000 texts: the same layout with shortcuts");
}

int
main(void)
{
	test_ideo_run();
	test_same();
	return t_done();
}
