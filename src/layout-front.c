/*
 * layout-front.c: the front matter block at a width. Unfolded, a table:
 * the keys in a column as wide as the widest (at most a third of the
 * width), a bar, the values wrapped beside them (a longer key on lines of
 * its own above its value), and a row without a key across the whole
 * width; where the values would have no room, each key
 * stands on a line of its own with its value under it. Folded, one line
 * that sums it up: "▸ key: value, key: value  (front matter, Enter
 * unfolds)", cut with an ellipsis where it does not fit.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/util.h"

static const char layout_front_caption[] = "▾ front matter  (Enter folds)";
static const char layout_front_mark[] = "▸ ";
static const char layout_front_hint[] = "  (front matter, Enter unfolds)";
static const char layout_front_colon[] = ": ";
static const char layout_front_comma[] = ", ";
static const char layout_front_more[] = "…";

/* Cell K of row R: its text [*A, *E), kept inside the block. */
static void
layout_front_cell(const struct block *b, uint32_t r, uint32_t k, uint32_t *a,
    uint32_t *e)
{
	const struct cell *ce = &b->cells[r * 2 + k];

	*a = ce->off < b->len ? ce->off : b->len;
	*e = ce->len < b->len - *a ? *a + ce->len : b->len;
}

/* Emits static text S at *COL when it fits before LIMIT. */
static int
layout_front_static(struct layout_ctx *c, const char *s, int *col, int limit,
    uint16_t style)
{
	int w = layout_width(s, strlen(s), c->amb);

	if (*col + w > limit)
		return 0;
	layout_seg(c, s, (uint32_t)strlen(s), SEG_NOOFF, style, -1, *col, w);
	*col += w;
	return 1;
}

/*
 * Emits block text [A, E) at *COL before LIMIT; where it does not fit,
 * what does with an ellipsis after it. Returns 0 when it was cut.
 */
static int
layout_front_piece(struct layout_ctx *c, uint32_t a, uint32_t e, int *col,
    int limit, uint16_t style)
{
	int w = layout_width(c->b->text + a, e - a, c->amb);
	int mw = layout_width(layout_front_more, strlen(layout_front_more),
	    c->amb);

	if (*col + w <= limit) {
		*col = layout_text(c, a, e, *col, style, limit);
		return 1;
	}
	*col = layout_text(c, a, e, *col, style, limit - mw);
	layout_front_static(c, layout_front_more, col, limit, ST_DECOR);
	return 0;
}

/* The folded line: the rows summed up, then the hint. */
static void
layout_front_folded(struct layout_ctx *c)
{
	const struct block *b = c->b;
	uint32_t r, ka, ke, va, ve, idx;
	const char *nl;
	int col = c->col0, limit, hw, ok = 1;

	idx = layout_begin(c, LINE_TEXT, 0, c->nbars);
	hw = layout_width(layout_front_hint, strlen(layout_front_hint),
	    c->amb);
	limit = c->width - hw > col + 8 ? c->width - hw : c->width;
	layout_front_static(c, layout_front_mark, &col, limit, ST_DECOR);
	for (r = 0; ok && r < b->nrows; r++) {
		layout_front_cell(b, r, 0, &ka, &ke);
		layout_front_cell(b, r, 1, &va, &ve);
		if ((nl = memchr(b->text + va, '\n', ve - va)) != NULL)
			ve = (uint32_t)(nl - b->text);
		/* A row whose key and one column of value do not fit: an
		   ellipsis for the rest. */
		if (r > 0 && col + layout_width(b->text + ka, ke - ka,
		    c->amb) + 5 > limit) {
			layout_front_static(c, layout_front_more, &col, limit,
			    ST_DECOR);
			break;
		}
		if (r > 0 && !layout_front_static(c, layout_front_comma, &col,
		    limit, ST_DECOR))
			break;
		if (ka < ke && (!(ok = layout_front_piece(c, ka, ke, &col,
		    limit, ST_TABLEHEAD)) || !(ok = layout_front_static(c,
		    layout_front_colon, &col, limit, ST_DECOR))))
			break;
		ok = layout_front_piece(c, va, ve, &col, limit, 0);
		if (ok && nl != NULL)	/* a nested value: its first line */
			ok = layout_front_static(c, layout_front_more, &col,
			    limit, ST_DECOR);
	}
	layout_front_static(c, layout_front_hint, &col, c->width, ST_DECOR);
	layout_end(c, idx);
}

/* Row R of the table: key and value side by side, KW and VW wide. */
static void
layout_front_row(struct layout_ctx *c, uint32_t r, int kw, int bw)
{
	const struct block *b = c->b;
	uint32_t ka, ke, va, ve, idx, off;
	size_t nk, j, n;
	int x1 = c->col0 + kw + 1 + bw + 1, avail = c->width - x1;
	int full = c->width - c->col0;

	layout_front_cell(b, r, 0, &ka, &ke);
	layout_front_cell(b, r, 1, &va, &ve);
	c->nspans = 0;
	if (ka == ke || avail < LAYOUT_MINTEXT) {
		/* A row without a key, or no room beside it: lines of
		   their own, the value two columns in under its key. */
		int in = ka < ke && full >= 2 + LAYOUT_MINTEXT ? 2 : 0;

		if (ka < ke)
			layout_wrap(c, ka, ke, full, full);
		nk = c->nspans;
		layout_wrap(c, va, ve, full - in, full - in);
		for (j = 0; j < c->nspans; j++) {
			const struct layout_span *sp = &c->spans[j];

			idx = layout_begin(c, LINE_TABLE, sp->start, c->nbars);
			layout_text(c, sp->start, sp->end, c->col0 +
			    (j < nk ? 0 : in), j < nk ? ST_TABLEHEAD : 0,
			    INT_MAX);
			layout_end(c, idx);
		}
		return;
	}
	/* A key wider than its column has lines of its own above. */
	if (layout_width(b->text + ka, ke - ka, c->amb) > kw) {
		layout_wrap(c, ka, ke, full, full);
		for (j = 0; j < c->nspans; j++) {
			idx = layout_begin(c, LINE_TABLE, c->spans[j].start,
			    c->nbars);
			layout_text(c, c->spans[j].start, c->spans[j].end,
			    c->col0, ST_TABLEHEAD, INT_MAX);
			layout_end(c, idx);
		}
		c->nspans = 0;
	} else
		layout_wrap(c, ka, ke, kw, kw);
	nk = c->nspans;
	layout_wrap(c, va, ve, avail, avail);
	n = c->nspans - nk > nk ? c->nspans - nk : nk;
	for (j = 0; j < n; j++) {
		off = j < nk ? c->spans[j].start : c->spans[nk + j].start;
		idx = layout_begin(c, LINE_TABLE, off, c->nbars);
		if (j < nk)
			layout_text(c, c->spans[j].start, c->spans[j].end,
			    c->col0, ST_TABLEHEAD, INT_MAX);
		layout_seg(c, layout_vbar, (uint32_t)strlen(layout_vbar),
		    SEG_NOOFF, ST_DECOR, -1, c->col0 + kw + 1, bw);
		if (nk + j < c->nspans)
			layout_text(c, c->spans[nk + j].start,
			    c->spans[nk + j].end, x1, 0, INT_MAX);
		layout_end(c, idx);
	}
}

/* The table, under a caption when it can be folded (OPEN). */
static void
layout_front_table(struct layout_ctx *c, int open)
{
	const struct block *b = c->b;
	uint32_t r, ka, ke, idx;
	int kw = 0, w, cap = (c->width - c->col0) / 3, col = c->col0;
	int bw = layout_width(layout_vbar, strlen(layout_vbar), c->amb);

	if (open) {
		idx = layout_begin(c, LINE_TEXT, 0, c->nbars);
		if (!layout_front_static(c, layout_front_caption, &col,
		    c->width, ST_DECOR))
			layout_front_static(c, layout_front_mark, &col,
			    c->width, ST_DECOR);
		layout_end(c, idx);
	}
	for (r = 0; r < b->nrows; r++) {
		layout_front_cell(b, r, 0, &ka, &ke);
		w = layout_width(b->text + ka, ke - ka, c->amb);
		if (w > kw)
			kw = w;
	}
	if (kw > cap)
		kw = cap > 1 ? cap : 1;
	for (r = 0; r < b->nrows; r++)
		layout_front_row(c, r, kw, bw);
}

/* The front matter block: folded (FOLDED) or as a table. */
void
layout_front(struct layout_ctx *c, int mode)
{
	layout_breaks(c, 0, c->b->len, 0, c->b->nruns);
	if (mode == LAYOUT_FRONT_FOLDED)
		layout_front_folded(c);
	else
		layout_front_table(c, mode == LAYOUT_FRONT_OPEN);
}
