/*
 * view.c: blocks [first, last) of a document at one width, seen as one
 * list of lines. A line is named by (block, line in the block's layout);
 * layouts are made when a line of their block is asked for and cached.
 *
 * The cache holds at most VIEW_CACHE layouts. It evicts in insertion order
 * but spares a layout used within the last VIEW_RECENT look-ups, so that
 * the layouts a caller is drawing from stay valid while it draws.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/util.h"
#include "lectern/view.h"

#define VIEW_CACHE	2048	/* layouts kept at most */
#define VIEW_RECENT	512	/* look-ups that protect a layout */

struct view {
	const struct doc	*doc;
	uint32_t		 first, last;	/* block range */
	struct layout_opts	 opts;
	struct layout		**lay;		/* last - first entries */
	uint64_t		*used;		/* look-up stamp per entry */
	uint64_t		 clock;		/* look-ups so far */
	uint32_t		*ring;		/* cached entries, oldest first */
	size_t			 ring_head, ring_len;
};

struct view *
view_new(const struct doc *d, uint32_t first, uint32_t last,
    const struct layout_opts *o)
{
	struct view *v = xcalloc(1, sizeof(*v));
	size_t n;

	if (last > d->nblocks)
		last = d->nblocks;
	if (first > last)
		first = last;
	n = last - first;
	v->doc = d;
	v->first = first;
	v->last = last;
	v->opts = *o;
	if (v->opts.width < 1)
		v->opts.width = 1;
	v->lay = xcalloc(n ? n : 1, sizeof(*v->lay));
	v->used = xcalloc(n ? n : 1, sizeof(*v->used));
	v->ring = xcalloc(VIEW_CACHE, sizeof(*v->ring));
	return v;
}

/* Drops every cached layout. */
static void
view_flush(struct view *v)
{
	size_t i;

	for (i = 0; i < v->ring_len; i++) {
		uint32_t k = v->ring[(v->ring_head + i) % VIEW_CACHE];

		layout_free(v->lay[k]);
		v->lay[k] = NULL;
	}
	v->ring_head = v->ring_len = 0;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	view_flush(v);
	free(v->lay);
	free(v->used);
	free(v->ring);
	free(v);
}

void
view_set_opts(struct view *v, const struct layout_opts *o)
{
	if (o->width == v->opts.width &&
	    o->ambiguous_wide == v->opts.ambiguous_wide &&
	    o->fold_code == v->opts.fold_code &&
	    o->strike_marks == v->opts.strike_marks &&
	    o->front == v->opts.front)
		return;
	view_flush(v);
	v->opts = *o;
	if (v->opts.width < 1)
		v->opts.width = 1;
}

int
view_empty(const struct view *v)
{
	return v->first == v->last;
}

const struct layout *
view_layout(struct view *v, uint32_t b)
{
	uint32_t k, old;
	size_t tries;

	if (b < v->first || b >= v->last)
		return NULL;
	k = b - v->first;
	v->used[k] = ++v->clock;
	if (v->lay[k] != NULL)
		return v->lay[k];
	/* Make room: evict the oldest layout not used recently. */
	for (tries = 0; v->ring_len == VIEW_CACHE && tries < VIEW_CACHE;
	    tries++) {
		old = v->ring[v->ring_head];
		v->ring_head = (v->ring_head + 1) % VIEW_CACHE;
		v->ring_len--;
		if (v->used[old] + VIEW_RECENT > v->clock) {
			v->ring[(v->ring_head + v->ring_len) % VIEW_CACHE] =
			    old;
			v->ring_len++;
			continue;
		}
		layout_free(v->lay[old]);
		v->lay[old] = NULL;
	}
	if (v->ring_len == VIEW_CACHE) {	/* all recent: drop the oldest */
		old = v->ring[v->ring_head];
		v->ring_head = (v->ring_head + 1) % VIEW_CACHE;
		v->ring_len--;
		layout_free(v->lay[old]);
		v->lay[old] = NULL;
	}
	v->lay[k] = layout_block(v->doc, b, &v->opts);
	v->ring[(v->ring_head + v->ring_len) % VIEW_CACHE] = k;
	v->ring_len++;
	return v->lay[k];
}

/* Number of lines of block B. */
static uint32_t
view_nlines(struct view *v, uint32_t b)
{
	const struct layout *l = view_layout(v, b);

	return l ? l->nlines : 0;
}

const struct line *
view_line(struct view *v, struct pos p, const struct layout **lp)
{
	const struct layout *l = view_layout(v, p.block);

	if (lp)
		*lp = l;
	if (l == NULL || p.line >= l->nlines)
		return NULL;
	return &l->lines[p.line];
}

struct pos
view_top(struct view *v)
{
	struct pos p = { v->first, 0 };

	while (p.block < v->last && view_nlines(v, p.block) == 0)
		p.block++;
	if (p.block == v->last)
		p.block = v->first;
	return p;
}

struct pos
view_bottom(struct view *v)
{
	struct pos p = { v->last, 0 };
	uint32_t n = 0;

	while (p.block > v->first) {
		p.block--;
		if ((n = view_nlines(v, p.block)) > 0)
			break;
	}
	if (n == 0)
		return view_top(v);
	p.line = n - 1;
	return p;
}

long
view_move(struct view *v, struct pos *p, long n)
{
	long moved = 0;
	uint32_t b, k;

	while (n > 0) {
		k = view_nlines(v, p->block);
		if (p->line + 1 < k) {
			p->line++;
		} else {
			for (b = p->block + 1; b < v->last &&
			    view_nlines(v, b) == 0; b++)
				;
			if (b >= v->last)
				break;
			p->block = b;
			p->line = 0;
		}
		n--;
		moved++;
	}
	while (n < 0) {
		if (p->line > 0) {
			p->line--;
		} else {
			for (b = p->block; b > v->first; ) {
				b--;
				if ((k = view_nlines(v, b)) > 0)
					break;
			}
			if (b == p->block || view_nlines(v, b) == 0)
				break;
			p->block = b;
			p->line = view_nlines(v, b) - 1;
		}
		n++;
		moved--;
	}
	return moved;
}

struct pos
view_pos_of(struct view *v, struct anchor a)
{
	struct pos p;
	const struct layout *l;

	if (a.block < v->first)
		return view_top(v);
	if (a.block >= v->last)
		return view_bottom(v);
	p.block = a.block;
	l = view_layout(v, a.block);
	if (l == NULL || l->nlines == 0) {
		p.line = 0;
		while (p.block < v->last && view_nlines(v, p.block) == 0)
			p.block++;
		return p.block < v->last ? p : view_bottom(v);
	}
	p.line = layout_line_of(l, a.off);
	return p;
}

struct anchor
view_anchor_of(struct view *v, struct pos p)
{
	struct anchor a = { p.block, 0 };
	const struct line *ln = view_line(v, p, NULL);

	if (ln != NULL)
		a.off = ln->off;
	return a;
}

struct pos
view_last_page(struct view *v, int height)
{
	struct pos p = view_bottom(v);

	if (height > 1)
		view_move(v, &p, -(long)(height - 1));
	return p;
}

int
view_pos_cmp(struct pos a, struct pos b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return 0;
}

int
view_percent(struct view *v, struct pos top, int height)
{
	const struct doc *d = v->doc;
	struct pos end = top;
	uint64_t start, stop, at;
	const struct line *ln;

	if (view_empty(v))
		return 100;
	if (view_move(v, &end, height > 0 ? height : 1) <
	    (height > 0 ? height : 1))
		return 100;
	start = d->blocks[v->first].src_off;
	stop = v->last < d->nblocks ? d->blocks[v->last].src_off : d->src_len;
	at = d->blocks[top.block].src_off;
	ln = view_line(v, top, NULL);
	if (ln != NULL)
		at += ln->off;
	if (stop <= start || at < start) {	/* notes out of source order */
		return (int)((uint64_t)(top.block - v->first) * 100 /
		    (v->last - v->first));
	}
	if (at > stop)
		at = stop;
	return (int)((at - start) * 100 / (stop - start));
}

uint32_t
view_notes_cited(struct view *v, struct pos top, int height, uint32_t *out,
    uint32_t max)
{
	struct pos p = top;
	const struct layout *l;
	const struct line *ln;
	uint32_t n = 0, k, i;
	int row;

	for (row = 0; row < height; row++) {
		if ((ln = view_line(v, p, &l)) == NULL)
			break;
		for (i = 0; i < ln->nsegs; i++) {
			const struct seg *s = &l->segs[ln->seg0 + i];

			if (!(s->style & ST_NOTEREF) || s->target < 0)
				continue;
			for (k = 0; k < n; k++)
				if (out[k] == (uint32_t)s->target)
					break;
			if (k == n && n < max)
				out[n++] = (uint32_t)s->target;
		}
		if (view_move(v, &p, 1) == 0)
			break;
	}
	return n;
}
