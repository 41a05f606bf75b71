/*
 * layout-table.c: a table block at a width. Columns are measured in
 * display columns: a grid when they fit (shrunk toward their widest word
 * if need be, cells wrapping in their column), else a stacked form of
 * "Header: value" lines that reads at any width.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/util.h"

/* The grid's geometry: column starts and widths. */
struct layout_grid {
	const int	*colw;		/* [columns] */
	int		*xs;		/* column starts [columns] */
	int		 vw;		/* a bar [columns] */
	size_t		*sidx;		/* each cell's first span */
	size_t		*scnt;		/* and its span count */
	const struct layout_span *one;	/* each cell as one line, cols -1
					   if it is not plain text */
};

/* The text of cell CE, [*A, *E), kept inside the block. */
static void
layout_table_range(const struct block *b, const struct cell *ce,
    uint32_t *a, uint32_t *e)
{
	*a = ce->off < b->len ? ce->off : b->len;
	*e = ce->len < b->len - *a ? *a + ce->len : b->len;
}

/* Grid row R: its cells wrapped in their columns, side by side. */
static void
layout_table_row(struct layout_ctx *c, struct layout_grid *g, uint32_t r)
{
	const struct block *b = c->b;
	uint16_t style = (uint16_t)((r == 0 ? ST_TABLEHEAD : 0) | c->quote);
	uint32_t nc = b->ncols, k, j, h = 0, idx, off, a, e;
	const struct layout_span *sp, *one;
	int pad, align;

	c->nspans = 0;
	for (k = 0; k < nc; k++) {
		const struct cell *ce = &b->cells[r * nc + k];

		g->sidx[k] = c->nspans;
		one = &g->one[r * nc + k];
		if (one->cols >= 0 && one->cols <= g->colw[k]) {
			/* Plain text that fits: the one line wrapping makes. */
			layout_span(c, one->start, one->end, one->cols);
		} else {
			layout_table_range(b, ce, &a, &e);
			layout_wrap(c, a, e, g->colw[k], g->colw[k]);
		}
		g->scnt[k] = c->nspans - g->sidx[k];
		if (g->scnt[k] > h)
			h = (uint32_t)g->scnt[k];
	}
	for (j = 0; j < h; j++) {
		off = SEG_NOOFF;	/* the least: offs never decrease */
		for (k = 0; k < nc; k++)
			if (j < g->scnt[k] && (off == SEG_NOOFF ||
			    c->spans[g->sidx[k] + j].start < off))
				off = c->spans[g->sidx[k] + j].start;
		idx = layout_begin(c, LINE_TABLE, off, c->nbars);
		for (k = 0; k < nc; k++) {
			if (j < g->scnt[k]) {
				sp = &c->spans[g->sidx[k] + j];
				pad = g->colw[k] - sp->cols;
				align = b->align ? b->align[k] : ALIGN_NONE;
				if (align == ALIGN_CENTER)
					pad /= 2;
				else if (align != ALIGN_RIGHT)
					pad = 0;
				if (c->mark == NULL)
					layout_text_span(c, sp, g->xs[k] + pad,
					    style);
				else
					layout_text(c, sp->start, sp->end,
					    g->xs[k] + pad, style, INT_MAX);
			}
			if (k + 1 < nc)
				layout_seg(c, layout_vbar, strlen(layout_vbar),
				    SEG_NOOFF, ST_DECOR, -1,
				    g->xs[k] + g->colw[k] + 1, g->vw);
		}
		layout_end(c, idx);
	}
}

/* The rule under the grid's header: '─' crossed by '┼' at the bars. */
static void
layout_table_rule(struct layout_ctx *c, struct layout_grid *g)
{
	uint32_t nc = c->b->ncols, k, idx;
	int lx, bx;

	idx = layout_begin(c, LINE_TABLE, SEG_NOOFF, c->nbars);
	for (k = 0; k < nc; k++) {
		lx = k == 0 ? g->xs[k] : g->xs[k] - 1;
		bx = g->xs[k] + g->colw[k] + 1;
		layout_fill(c, layout_light, lx, (k + 1 < nc ? bx :
		    bx - 1) - lx, ST_DECOR);
		if (k + 1 < nc)
			layout_seg(c, layout_cross, strlen(layout_cross),
			    SEG_NOOFF, ST_DECOR, -1, bx, g->vw);
	}
	layout_end(c, idx);
}

/*
 * Grid: rows of cells in columns of COLW at X0, the header ruled off.
 * ONE: each cell as one line (layout_plain).
 */
static void
layout_table_grid(struct layout_ctx *c, const int *colw,
    const struct layout_span *one, int x0)
{
	const struct block *b = c->b;
	struct layout_grid g;
	uint32_t k, r;
	int x;

	g.colw = colw;
	g.one = one;
	g.vw = layout_width(layout_vbar, strlen(layout_vbar), c->amb);
	g.xs = xcalloc(b->ncols, sizeof(*g.xs));
	g.sidx = xcalloc(b->ncols, sizeof(*g.sidx));
	g.scnt = xcalloc(b->ncols, sizeof(*g.scnt));
	for (k = 0, x = x0; k < b->ncols; k++) {
		g.xs[k] = x;
		x += colw[k] + g.vw + 2;
	}
	for (r = 0; r < b->nrows; r++) {
		layout_table_row(c, &g, r);
		if (r == 0)
			layout_table_rule(c, &g);
	}
	free(g.xs);
	free(g.sidx);
	free(g.scnt);
}

/*
 * One cell of the stacked form at X0 in AVAIL columns: its header H (or
 * NULL) wrapped, then ':', then the value V, on the same line when it
 * has room there, continuation lines two columns in.
 */
static void
layout_table_cell(struct layout_ctx *c, const struct cell *h,
    const struct cell *v, uint16_t vst, int x0, int avail)
{
	const struct block *b = c->b;
	uint16_t hst = (uint16_t)(ST_TABLEHEAD | c->quote);
	int in = avail >= 2 + LAYOUT_MINTEXT ? 2 : 0, x = 0, colon = 0;
	int same = 0, here, rem;
	int col0 = x0, col1 = x0, avail0 = avail, avail1 = avail;
	size_t nl = 0, j;
	uint32_t idx, ha, he, va, ve;

	layout_table_range(b, v, &va, &ve);
	c->nspans = 0;
	if (h != NULL)
		layout_table_range(b, h, &ha, &he);
	if (h != NULL && ha < he) {
		layout_wrap(c, ha, he, avail, avail);
		nl = c->nspans;
		x = c->spans[nl - 1].cols;
		colon = x < avail;
		rem = avail - x - colon - 1;
		same = colon && rem >= 1 && (rem >= LAYOUT_MINTEXT ||
		    layout_width(b->text + va, ve - va, c->amb) <= rem);
		col1 = x0 + in;
		avail1 = avail - in;
		col0 = same ? x0 + x + 2 : col1;
		avail0 = same ? rem : avail1;
	}
	if (va < ve)
		layout_wrap(c, va, ve, avail0, avail1);
	same = same && c->nspans > nl;
	for (j = 0; j < nl; j++) {
		here = same && j + 1 == nl;
		idx = layout_begin(c, LINE_TABLE, here ? c->spans[nl].start :
		    SEG_NOOFF, c->nbars);
		layout_text(c, c->spans[j].start, c->spans[j].end, x0, hst,
		    INT_MAX);
		if (j + 1 == nl && colon)
			layout_seg(c, layout_colon, 1, SEG_NOOFF,
			    ST_DECOR | ST_TABLEHEAD, -1, x0 + x, 1);
		if (here)
			layout_text(c, c->spans[nl].start, c->spans[nl].end,
			    col0, vst, INT_MAX);
		layout_end(c, idx);
	}
	for (j = same ? nl + 1 : nl; j < c->nspans; j++) {
		idx = layout_begin(c, LINE_TABLE, c->spans[j].start, c->nbars);
		layout_text(c, c->spans[j].start, c->spans[j].end,
		    j == nl ? col0 : col1, vst, INT_MAX);
		layout_end(c, idx);
	}
}

/*
 * Stacked table at X0 in AVAIL columns: for each row after the header,
 * "Header: value" for each cell, a blank line between rows. A table that
 * is only a header lists its cells.
 */
static void
layout_table_stacked(struct layout_ctx *c, int x0, int avail)
{
	const struct block *b = c->b;
	uint32_t nc = b->ncols, r, k;

	if (b->nrows == 1) {
		for (k = 0; k < nc; k++)
			layout_table_cell(c, NULL, &b->cells[k],
			    (uint16_t)(ST_TABLEHEAD | c->quote), x0, avail);
		return;
	}
	for (r = 1; r < b->nrows; r++) {
		if (r > 1)
			layout_end(c, layout_begin(c, LINE_BLANK, SEG_NOOFF,
			    c->nbars));
		for (k = 0; k < nc; k++)
			layout_table_cell(c, &b->cells[k],
			    &b->cells[r * nc + k], c->quote, x0, avail);
	}
}

/*
 * Finds the opportunities of cell I and measures it: its natural width
 * in *NATP, its widest word raising *LOWP.
 */
static void
layout_table_measure(struct layout_ctx *c, uint32_t i, int *natp, int *lowp)
{
	const struct cell *ce = &c->b->cells[i];
	uint32_t a, e;
	int word;

	layout_table_range(c->b, ce, &a, &e);
	layout_breaks(c, a, e, ce->run0, ce->nruns);
	layout_measure(c, a, e, natp, &word);
	if (word > *lowp)
		*lowp = word;
}

/*
 * Table: measure every column (natural width: its widest cell; least
 * width: its widest word, but not under LAYOUT_MINCOL unless the text is
 * narrower). A grid at natural widths if it fits; else columns shrink
 * from natural toward least in proportion to what they can give; else
 * the stacked form.
 */
void
layout_table(struct layout_ctx *c)
{
	const struct block *b = c->b;
	uint32_t nc = b->ncols, r, k, a, e;
	int x0 = c->col0, avail = c->width - c->col0, nat, vw;
	int *natw, *low, *colw;
	struct layout_span *one;
	int64_t seps, snat, slow = 0, give, take, left;

	if (nc == 0 || b->nrows == 0 || b->cells == NULL) {
		layout_end(c, layout_begin(c, LINE_TABLE, SEG_NOOFF,
		    c->nbars));
		return;
	}
	natw = xcalloc(nc, sizeof(*natw));
	low = xcalloc(nc, sizeof(*low));
	colw = xcalloc(nc, sizeof(*colw));
	one = xcalloc((size_t)b->nrows * nc, sizeof(*one));
	/* A cell of plain text needs its opportunities and its widest word
	   only when the columns do not all fit at their natural widths. */
	for (r = 0; r < b->nrows; r++)
		for (k = 0; k < nc; k++) {
			layout_table_range(b, &b->cells[r * nc + k], &a, &e);
			nat = layout_plain(c, a, e, &one[r * nc + k]);
			if (nat < 0)
				layout_table_measure(c, r * nc + k, &nat,
				    &low[k]);
			if (nat > natw[k])
				natw[k] = nat;
		}
	for (k = 0, snat = 0; k < nc; k++)
		snat += natw[k];
	vw = layout_width(layout_vbar, strlen(layout_vbar), c->amb);
	seps = (int64_t)(nc - 1) * (vw + 2);
	for (r = 0; r < b->nrows && snat + seps > avail; r++)
		for (k = 0; k < nc; k++)
			if (one[r * nc + k].cols >= 0)
				layout_table_measure(c, r * nc + k, &nat,
				    &low[k]);
	for (k = 0; k < nc; k++) {
		if (low[k] < LAYOUT_MINCOL)
			low[k] = natw[k] < LAYOUT_MINCOL ? natw[k] :
			    LAYOUT_MINCOL;
		slow += low[k];
	}
	if (snat + seps <= avail) {
		layout_table_grid(c, natw, one, x0);
	} else if (slow + seps <= avail) {
		give = avail - seps - slow;	/* columns to hand out */
		take = snat - slow;		/* columns wanted */
		left = give;
		for (k = 0; k < nc; k++) {
			colw[k] = low[k] + (int)(give * (natw[k] - low[k]) /
			    take);
			left -= colw[k] - low[k];
		}
		for (k = 0; k < nc && left > 0; k++)
			if (colw[k] < natw[k]) {
				colw[k]++;
				left--;
			}
		layout_table_grid(c, colw, one, x0);
	} else
		layout_table_stacked(c, x0, avail);
	free(natw);
	free(low);
	free(colw);
	free(one);
}
