/* Unit tests of the view (view.c): lines over blocks, anchors. */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/util.h"
#include "lectern/view.h"
#include "t.h"

static const char *text =
	"# Title\n\n"
	"First paragraph cites a note[^a] and is long enough to wrap onto "
	"several lines at a narrow width, which the test relies on.\n\n"
	"## Section\n\n"
	"Second paragraph[^b] cites b, then a again[^a].\n\n"
	"中文段落也要能够正确地换行，而且不能把标点放在行首。这是第三段[^c]。\n\n"
	"[^a]: Note a.\n[^b]: Note b.\n[^c]: Note c.\n";

static void
test_lines_and_anchors(struct doc *d)
{
	struct layout_opts o = { .width = 20,
	    .front = LAYOUT_FRONT_TABLE };
	struct view *v = view_new(d, 0, d->nbody, &o);
	struct pos p = view_top(v), q, bottom;
	struct anchor a;
	long total, moved;
	const struct line *ln;

	CHECK_INT(p.block, 0, "top is block 0");
	CHECK_INT(p.line, 0, "top is line 0");
	total = view_move(v, &p, 100000);
	bottom = view_bottom(v);
	CHECK(view_pos_cmp(p, bottom) == 0, "moving far down stops at bottom");
	moved = view_move(v, &p, -100000);
	CHECK_INT(moved, -total, "moving up comes back the same distance");
	CHECK(view_pos_cmp(p, view_top(v)) == 0, "and stops at the top");
	CHECK(total > 10, "the text wraps to many lines at width 20");

	/* An anchor in the middle of the third block survives a resize. */
	p = view_top(v);
	while (p.block < 4)
		view_move(v, &p, 1);
	view_move(v, &p, 3);
	a = view_anchor_of(v, p);
	CHECK_INT(a.block, 4, "anchor in the CJK paragraph");
	CHECK(a.off > 0, "past its first line");
	o.width = 60;
	view_set_opts(v, &o);
	q = view_pos_of(v, a);
	ln = view_line(v, q, NULL);
	CHECK(ln != NULL && ln->off <= a.off, "at width 60 the line holds "
	    "the anchor's offset");
	o.width = 20;
	view_set_opts(v, &o);
	/* The reader keeps the anchor, not the line, across resizes. */
	q = view_pos_of(v, a);
	CHECK(q.block == 4 && view_line(v, q, NULL)->off == a.off,
	    "back at width 20 the anchor's line is on top again");

	CHECK_INT(view_percent(v, view_top(v), 5), 0, "0% at the top");
	CHECK_INT(view_percent(v, view_last_page(v, 5), 5), 100,
	    "100% when the end shows");
	view_free(v);
}

static void
test_notes_cited(struct doc *d)
{
	struct layout_opts o = { .width = 80,
	    .front = LAYOUT_FRONT_TABLE };
	struct view *v = view_new(d, 0, d->nbody, &o);
	struct pos p = view_top(v);
	uint32_t out[8], n;

	n = view_notes_cited(v, p, 100, out, 8);
	CHECK_INT(n, 3, "three notes cited in the whole body");
	CHECK(n == 3 && out[0] == 0 && out[1] == 1 && out[2] == 2,
	    "in order of appearance, each once");
	while (p.block < 3)
		view_move(v, &p, 1);
	n = view_notes_cited(v, p, 3, out, 8);
	CHECK(n == 2 && out[0] == 1 && out[1] == 0,
	    "the second paragraph cites b then a");
	n = view_notes_cited(v, view_top(v), 1, out, 8);
	CHECK_INT(n, 0, "the title line cites nothing");
	view_free(v);
}

static void
test_cache(void)
{
	struct buf b = { 0 };
	struct doc *d;
	struct layout_opts o = { .width = 30,
	    .front = LAYOUT_FRONT_TABLE };
	struct view *v;
	struct pos p;
	long n;
	int i;

	for (i = 0; i < 5000; i++)
		buf_printf(&b, "Paragraph %d with some words.\n\n", i);
	d = doc_parse(b.data, b.len);
	v = view_new(d, 0, d->nbody, &o);
	p = view_top(v);
	n = view_move(v, &p, 1000000);
	CHECK(n > 5000 * 2 - 10, "walks 5000 blocks through a bounded cache");
	CHECK_INT(p.block, 4999, "to the last block");
	n = view_move(v, &p, -1000000);
	CHECK(p.block == 0 && p.line == 0, "and back to the top");
	view_free(v);
	doc_free(d);
	buf_free(&b);
}

int
main(void)
{
	struct doc *d = doc_parse(text, strlen(text));

	test_lines_and_anchors(d);
	test_notes_cited(d);
	test_cache();
	doc_free(d);
	return t_done();
}
