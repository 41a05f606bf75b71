/*
 * body.c: the body pane. The laid-out text in a column of at most
 * --measure columns, centred in the pane; its top line is an anchor, so a
 * resize keeps the same sentence at the top. References (footnote marks
 * and links) are selected with Tab and followed with Enter. What it
 * shows of the document (the section, the notes cited) it sets out in
 * the page, for the other panes.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define BODY_HSTEP	8	/* sideways scroll step [columns] */
#define BODY_MSG_MAX	300	/* note text quoted on the status line [bytes] */

/* Is run R a reference: a footnote mark, a link or an image's link? */
static int
body_is_ref(const struct run *r)
{
	return r->target >= 0 &&
	    (r->style & (ST_NOTEREF | ST_LINK | ST_IMAGE)) != 0;
}

/* Do runs A and B belong to one reference? */
static int
body_same_ref(const struct run *a, const struct run *b)
{
	return body_is_ref(b) && b->target == a->target &&
	    ((a->style & ST_NOTEREF) != 0) == ((b->style & ST_NOTEREF) != 0);
}

/* Height of the body pane [lines]. */
static int
body_height(const struct tui *t)
{
	return t->ph[PANE_BODY] > 0 ? t->ph[PANE_BODY] : 1;
}

/* POS, moved up if need be so that the last page is full. */
static struct pos
body_clamp(struct tui *t, struct pos p)
{
	struct pos end = p;
	long h = body_height(t);

	/*
	 * Only a top within a screen of the end can be past the last page.
	 * Moving a screen down lays out what drawing lays out anyway; the
	 * last page is looked for only when the end is that near.
	 */
	if (h <= 1 || view_move(t->body.view, &end, h - 1) == h - 1)
		return p;
	return view_last_page(t->body.view, (int)h);
}

/* Makes P the top line and remembers its anchor. */
static void
body_set_top(struct tui *t, struct pos p)
{
	struct body *b = &t->body;

	b->top = body_clamp(t, p);
	b->anchor = view_anchor_of(b->view, b->top);
	b->spy = -1;
}

/* Makes the body's view of blocks [0, nbody), at the top. */
static void
body_init(struct tui *t)
{
	struct layout_opts lo = { .width = 1,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .front = LAYOUT_FRONT_FOLDED };
	struct body *b = &t->body;

	memset(b, 0, sizeof(*b));
	b->front = LAYOUT_FRONT_FOLDED;
	b->view = view_new(t->doc, 0, t->doc->nbody, &lo);
	b->top = view_top(b->view);
	b->anchor = view_anchor_of(b->view, b->top);
	b->spy = -1;
	t->page.cited = xcalloc(t->doc->nnotes + 1, sizeof(*t->page.cited));
	t->page.ncited = 0;
	t->page.section = -1;
}

/* Frees the body's view and the page. */
static void
body_free(struct tui *t)
{
	view_free(t->body.view);
	t->body.view = NULL;
	free(t->page.cited);
	t->page.cited = NULL;
	t->page.ncited = 0;
}

/* Lays the body out at its pane's width; the anchor stays. */
static void
body_resize(struct tui *t)
{
	struct body *b = &t->body;
	struct layout_opts lo = { .width = 1,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .fold_code = t->body.fold_code, .front = b->front };
	int w = t->pw[PANE_BODY];

	if (w < 1)
		return;
	b->measure = w >= 24 ? w - 2 : w;
	if (b->measure > t->opts->measure)
		b->measure = t->opts->measure;
	b->x0 = (w - b->measure) / 2;
	lo.width = b->measure;
	view_set_opts(b->view, &lo);
	/* The anchor stays as it was: only a move changes it. */
	b->top = body_clamp(t, view_pos_of(b->view, b->anchor));
	b->hscroll = 0;
}

/* Puts the top at anchor A exactly (a jump back or forward). */
static void
body_restore(struct tui *t, struct anchor a)
{
	t->body.anchor = a;
	t->body.top = body_clamp(t, view_pos_of(t->body.view, a));
	t->body.spy = -1;
}

/* Brings the line of anchor A to the top (or the last page). */
static void
body_goto(struct tui *t, struct anchor a)
{
	body_set_top(t, view_pos_of(t->body.view, a));
}

/* Is the front matter on screen? It is the first block, if any. */
static int
body_front_shown(const struct tui *t)
{
	return t->doc->nbody > 0 && t->doc->blocks[0].type == BLK_FRONT &&
	    !view_empty(t->body.view) && t->body.top.block == 0;
}

/* Folds the front matter, or unfolds it; the top stays. */
static void
body_front_toggle(struct tui *t)
{
	struct body *b = &t->body;
	struct layout_opts lo = { .width = b->measure > 0 ? b->measure : 1,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .fold_code = b->fold_code };

	b->front = b->front == LAYOUT_FRONT_OPEN ? LAYOUT_FRONT_FOLDED :
	    LAYOUT_FRONT_OPEN;
	lo.front = b->front;
	view_set_opts(b->view, &lo);
	if (b->anchor.block == 0)
		b->anchor.off = 0;
	b->top = body_clamp(t, view_pos_of(b->view, b->anchor));
}

/* Scrolls the body by N lines. */
static void
body_scroll(struct tui *t, long n, struct acts *a)
{
	struct pos p = t->body.top;

	if (view_empty(t->body.view))
		return;
	view_move(t->body.view, &p, n);
	p = body_clamp(t, p);
	if (view_pos_cmp(p, t->body.top) == 0) {
		tui_act_msg(a, n > 0 ? "end of the document" :
		    "top of the document");
		return;
	}
	body_set_top(t, p);
}

/* Row of P in the pane, or -1 when it is not on screen. */
static int
body_row(struct tui *t, struct pos p)
{
	struct pos q = t->body.top;
	int row, h = body_height(t);

	if (view_pos_cmp(p, q) < 0)
		return -1;
	for (row = 0; row < h; row++) {
		if (view_pos_cmp(p, q) == 0)
			return row;
		if (view_move(t->body.view, &q, 1) == 0)
			break;
	}
	return -1;
}

/* The heading of the section at the top, or -1. */
static int32_t
body_section(const struct tui *t)
{
	if (t->body.spy >= 0)
		return t->body.spy;
	if (view_empty(t->body.view))
		return -1;
	/* The front matter belongs to the title under it. */
	if (t->body.top.block == 0 && t->doc->nbody > 1 &&
	    t->doc->blocks[0].type == BLK_FRONT)
		return t->doc->blocks[1].section;
	return t->doc->blocks[t->body.top.block].section;
}

/* Brings heading H to the top and marks it in the outline. */
static int
body_goto_heading(struct tui *t, uint32_t h)
{
	struct anchor a;

	if (h >= t->doc->nheadings)
		return -1;
	a.block = t->doc->headings[h].block;
	a.off = 0;
	body_goto(t, a);
	t->body.spy = (int32_t)h;
	return 0;
}

/* Goes to the next (DIR > 0) or previous section heading; returns -1
   when there is none. */
static int
body_section_move(struct tui *t, int dir, struct acts *acts)
{
	const struct doc *d = t->doc;
	uint32_t from, lo;
	int32_t h;

	if (d->nheadings == 0) {
		tui_act_msg(acts, "no headings");
		return -1;
	}
	from = t->body.spy >= 0 ? d->headings[t->body.spy].block :
	    t->body.top.block;
	/* On the front matter: at the title under it. */
	if (from == 0 && d->nbody > 1 && d->blocks[0].type == BLK_FRONT &&
	    d->blocks[1].type == BLK_HEADING)
		from = 1;
	lo = doc_heading_after(d, from);
	if (dir > 0)
		h = (int32_t)lo;
	else {
		/* The heading in force, unless the top is on it already. */
		h = (int32_t)lo - 1;
		if (h >= 0 && d->headings[h].block == from &&
		    (t->body.spy >= 0 || t->body.top.line == 0 ||
		    view_pos_cmp(view_pos_of(t->body.view,
		    (struct anchor){ from, 0 }), t->body.top) == 0))
			h--;
	}
	if (h < 0 || (uint32_t)h >= d->nheadings) {
		tui_act_msg(acts, dir > 0 ? "no more sections" :
		    "no section before this one");
		return -1;
	}
	return body_goto_heading(t, (uint32_t)h);
}

/* Sets the selection to the reference that holds run I of block B. */
static void
body_set_sel(struct tui *t, uint32_t b, uint32_t i)
{
	const struct block *bl = &t->doc->blocks[b];
	struct sel *s = &t->body.sel;
	uint32_t j;

	while (i > 0 && body_same_ref(&bl->runs[i], &bl->runs[i - 1]) &&
	    bl->runs[i - 1].off + bl->runs[i - 1].len == bl->runs[i].off)
		i--;
	s->on = 1;
	s->block = b;
	s->off = bl->runs[i].off;
	s->len = bl->runs[i].len;
	s->style = bl->runs[i].style & (ST_NOTEREF | ST_LINK | ST_IMAGE);
	s->target = bl->runs[i].target;
	for (j = i + 1; j < bl->nruns &&
	    body_same_ref(&bl->runs[i], &bl->runs[j]) &&
	    bl->runs[j].off == s->off + s->len; j++)
		s->len += bl->runs[j].len;
}

/* Says on the status line what the selection is. */
static void
body_describe(const struct tui *t, struct acts *a)
{
	const struct doc *d = t->doc;
	const struct sel *s = &t->body.sel;
	const struct note *no;
	const char *url;
	char text[BODY_MSG_MAX + 1];
	size_t n, i;
	int32_t h;

	if (!s->on || s->style == 0)
		return;
	if (s->style & ST_NOTEREF) {
		no = &d->notes[s->target];
		text[0] = '\0';
		if (no->nblocks > 0) {
			n = d->blocks[no->block0].len;
			if (n > BODY_MSG_MAX) {
				n = BODY_MSG_MAX;
				while (n > 0 && (d->blocks[no->block0].text[n] &
				    0xc0) == 0x80)
					n--;
			}
			memcpy(text, d->blocks[no->block0].text, n);
			text[n] = '\0';
			for (i = 0; i < n; i++)
				if (text[i] == '\n')
					text[i] = ' ';
		}
		tui_act_msg(a, "[%u] %s", no->number, text);
		return;
	}
	url = d->links[s->target].url;
	if (url[0] == '#') {
		h = doc_find_slug(d, url + 1);
		if (h >= 0)
			tui_act_msg(a, "link to %s", d->headings[h].title);
		else if (doc_find_anchor(d, url + 1) >= 0)
			tui_act_msg(a, "link to %s", url);
		else
			tui_act_msg(a, "link to %s (no such anchor)", url);
	} else if (url[0] == '\0')
		tui_act_msg(a, "link without a target");
	else
		tui_act_addr(a, url);
}

/* Says what the selection is and shows its note. */
static void
body_announce(const struct tui *t, struct acts *a)
{
	body_describe(t, a);
	if (t->body.sel.style & ST_NOTEREF)
		tui_act(a, ACT_NOTE_SHOW, (struct anchor){ 0, 0 },
		    (uint32_t)t->body.sel.target);
}

/* Selects the reference at OFF of block B and says what it is. */
static void
body_select(struct tui *t, uint32_t b, uint32_t off, struct acts *a)
{
	const struct run *r = doc_run_at(t->doc, b, off);

	if (r == NULL || !body_is_ref(r))
		return;
	body_set_sel(t, b, (uint32_t)(r - t->doc->blocks[b].runs));
	body_announce(t, a);
}

/* Anchor just past the last line on screen. */
static struct anchor
body_screen_end(struct tui *t)
{
	struct pos p = t->body.top;
	const struct layout *l;
	struct anchor a;

	view_move(t->body.view, &p, body_height(t) - 1);
	a.block = p.block;
	a.off = UINT32_MAX;
	if (view_line(t->body.view, p, &l) != NULL && p.line + 1 < l->nlines)
		a.off = l->lines[p.line + 1].off;
	return a;
}

/*
 * Selects the next (DIR > 0) or previous reference: after the selection
 * when it is on screen, else from the top (or the bottom) of the screen.
 * After a search match, the next is the reference that holds the match's
 * start, or else the first after it. Scrolls just enough to show it.
 */
static void
body_next_ref(struct tui *t, int dir, struct acts *a)
{
	const struct doc *d = t->doc;
	struct body *bd = &t->body;
	struct anchor from;
	const struct block *bl;
	struct pos p;
	uint32_t b, i, found_b = 0, found_i = 0;
	int found = 0, match = 0, h = body_height(t);

	if (view_empty(bd->view))
		return;
	if (bd->sel.on && body_row(t, view_pos_of(bd->view,
	    (struct anchor){ bd->sel.block, bd->sel.off })) >= 0) {
		from.block = bd->sel.block;
		match = bd->sel.style == 0;
		from.off = dir > 0 && !match ? bd->sel.off + bd->sel.len :
		    bd->sel.off;
	} else if (dir > 0)
		from = view_anchor_of(bd->view, bd->top);
	else
		from = body_screen_end(t);

	if (dir > 0) {
		for (b = from.block; !found && b < d->nbody; b++) {
			bl = &d->blocks[b];
			for (i = 0; i < bl->nruns; i++) {
				/* A match's own reference ends past it. */
				if (b == from.block && (match ?
				    bl->runs[i].off + bl->runs[i].len <=
				    from.off : bl->runs[i].off < from.off))
					continue;
				if (body_is_ref(&bl->runs[i])) {
					found = 1;
					found_b = b;
					found_i = i;
					break;
				}
			}
		}
	} else {
		for (b = from.block + 1; !found && b-- > 0; ) {
			bl = &d->blocks[b];
			for (i = bl->nruns; i-- > 0; ) {
				if (b == from.block && bl->runs[i].off >=
				    from.off)
					continue;
				if (body_is_ref(&bl->runs[i])) {
					found = 1;
					found_b = b;
					found_i = i;
					break;
				}
			}
		}
	}
	if (!found) {
		tui_act_msg(a, dir > 0 ? "no more references" :
		    "no reference before this one");
		return;
	}
	body_set_sel(t, found_b, found_i);
	p = view_pos_of(bd->view, (struct anchor){ bd->sel.block,
	    bd->sel.off });
	if (body_row(t, p) < 0) {
		if (view_pos_cmp(p, bd->top) < 0)
			body_set_top(t, p);
		else {
			view_move(bd->view, &p, -(long)(h - 1));
			body_set_top(t, p);
		}
	}
	body_announce(t, a);
}

/* Follows the selected reference: a jump to its note or heading. */
static void
body_follow(struct tui *t, struct acts *a)
{
	const struct doc *d = t->doc;
	const struct sel *s = &t->body.sel;

	if (!s->on || s->style == 0) {
		tui_act_msg(a, "no reference selected (Tab selects one)");
		return;
	}
	if (s->style & ST_NOTEREF) {
		tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
		tui_act(a, ACT_NOTE_OPEN, (struct anchor){ 0, 0 },
		    (uint32_t)s->target);
		return;
	}
	tui_act_link(a, d, d->links[s->target].url);
}

/* Widest line on screen [columns]. */
static int
body_widest(const struct tui *t)
{
	struct pos p = t->body.top;
	const struct line *ln;
	int row, w = 0;

	for (row = 0; row < body_height(t); row++) {
		if ((ln = view_line(t->body.view, p, NULL)) == NULL)
			break;
		if (ln->cols > w)
			w = ln->cols;
		if (view_move(t->body.view, &p, 1) == 0)
			break;
	}
	return w;
}

/* Scrolls wide lines sideways by N columns. */
static void
body_hscroll(struct tui *t, int n, struct acts *a)
{
	struct body *b = &t->body;
	int max = body_widest(t) - b->measure + 1, old = b->hscroll;

	if (max < 0)
		max = 0;
	b->hscroll += n;
	if (b->hscroll > max)
		b->hscroll = max;
	if (b->hscroll < 0)
		b->hscroll = 0;
	if (b->hscroll == old)
		tui_act_msg(a, max == 0 ? "no wide line on screen" :
		    "nothing more that way");
}

/*
 * Folds code lines wider than the measure, or unfolds them to scroll
 * sideways again; the top line's anchor stays.
 */
static void
body_fold_code(struct tui *t, struct acts *a)
{
	struct body *b = &t->body;

	b->fold_code = !b->fold_code;
	body_resize(t);
	tui_act_msg(a, b->fold_code ? "long code lines folded" :
	    "long code lines scroll sideways");
}

/* Line N (from 1) to the top, a jump: as many lines down from the first
   as N - 1 presses of j go. */
static void
body_line(struct tui *t, long n, struct acts *a)
{
	struct pos p;

	if (view_empty(t->body.view))
		return;
	p = view_top(t->body.view);
	if (n > 1)
		view_move(t->body.view, &p, n - 1);
	tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
	tui_act(a, ACT_GOTO, view_anchor_of(t->body.view, p), 0);
}

/*
 * N %: a jump to the first line at least N per cent into the text, as
 * the status line measures it (view_percent: the source offset of a
 * line's block plus the line's offset in the block's text), so that it
 * then shows N.
 */
static void
body_percent(struct tui *t, long n, struct acts *acts)
{
	const struct doc *d = t->doc;
	const struct layout *l;
	struct anchor a;
	uint64_t start, stop, want;
	uint32_t lo, hi, mid, i;

	if (view_empty(t->body.view))
		return;
	tui_act(acts, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
	if (n >= 100) {
		tui_act(acts, ACT_GOTO, view_anchor_of(t->body.view,
		    view_last_page(t->body.view, body_height(t))), 0);
		return;
	}
	start = d->blocks[0].src_off;
	stop = d->nbody < d->nblocks ? d->blocks[d->nbody].src_off :
	    d->src_len;
	want = stop > start ? start + ((stop - start) * (uint64_t)n + 99) /
	    100 : start;
	/* The last block that starts at WANT or before. */
	lo = 0;
	hi = d->nbody;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (d->blocks[mid].src_off <= want)
			lo = mid;
		else
			hi = mid;
	}
	a.block = lo;
	a.off = 0;
	l = view_layout(t->body.view, lo);
	for (i = 0; l != NULL && i < l->nlines; i++)
		if (d->blocks[lo].src_off + l->lines[i].off >= want)
			break;
	if (l != NULL && i < l->nlines)
		a.off = l->lines[i].off;
	else if (lo + 1 < d->nbody)
		a.block = lo + 1;
	else if (l != NULL && l->nlines > 0)
		a.off = l->lines[l->nlines - 1].off;
	tui_act(acts, ACT_GOTO, a, 0);
}

/*
 * Handles command C on the body, COUNT as less takes it (0: none was
 * typed): N lines for j, k, Space and b; a page that stays for z, w, d
 * and u; line N for g and G; N per cent for %; the Nth section for ]
 * and [. Returns 0 when C is not the body's.
 */
static int
body_key(struct tui *t, enum cmd c, long count, struct acts *a)
{
	struct body *b = &t->body;
	int h = body_height(t), end;
	long n = count > 0 ? count : 1, page, half;

	/* A count sets the page of z and w, the half page of d and u. */
	if (count > 0 && (c == CMD_WINDOW_DOWN || c == CMD_WINDOW_UP))
		b->window = count;
	if (count > 0 && (c == CMD_HALF_DOWN || c == CMD_HALF_UP))
		b->half = count;
	page = b->window > 0 ? b->window : h > 2 ? h - 1 : 1;
	half = b->half > 0 ? b->half : h > 1 ? h / 2 : 1;
	switch (c) {
	case CMD_DOWN:
	case CMD_UP:
		body_scroll(t, c == CMD_DOWN ? n : -n, a);
		break;
	case CMD_WINDOW_DOWN:
	case CMD_WINDOW_UP:
		body_scroll(t, c == CMD_WINDOW_DOWN ? page : -page, a);
		break;
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
		n = count > 0 ? count : page;
		/* Space at the end goes on into the book's next document. */
		end = c == CMD_PAGE_DOWN && !view_empty(b->view) &&
		    view_pos_cmp(t->body.top, body_clamp(t,
		    view_last_page(b->view, h))) >= 0;
		body_scroll(t, c == CMD_PAGE_DOWN ? n : -n, a);
		if (end)
			tui_act(a, ACT_DOC, (struct anchor){ 0, 0 }, 1);
		break;
	case CMD_HALF_DOWN:
	case CMD_HALF_UP:
		body_scroll(t, c == CMD_HALF_DOWN ? half : -half, a);
		break;
	case CMD_TOP:
	case CMD_END:
		if (count > 0)
			body_line(t, count, a);
		else
			body_set_top(t, c == CMD_TOP ? view_top(b->view) :
			    view_last_page(b->view, h));
		break;
	case CMD_PERCENT:
		body_percent(t, count, a);
		break;
	case CMD_NEXT_SECTION:
	case CMD_PREV_SECTION:
		while (n-- > 0 && body_section_move(t,
		    c == CMD_NEXT_SECTION ? 1 : -1, a) == 0)
			;
		/* Past the last section or before the first: the book's
		   next or previous document, as info's ] and [. */
		if (n >= 0)
			tui_act(a, ACT_DOC, (struct anchor){ 0, 0 },
			    c == CMD_NEXT_SECTION ? 1 : 2);
		break;
	case CMD_LEFT:
		body_hscroll(t, -BODY_HSTEP, a);
		break;
	case CMD_RIGHT:
		body_hscroll(t, BODY_HSTEP, a);
		break;
	case CMD_FOLD_CODE:
		body_fold_code(t, a);
		break;
	case CMD_NEXT_REF:
		body_next_ref(t, 1, a);
		break;
	case CMD_PREV_REF:
		body_next_ref(t, -1, a);
		break;
	case CMD_FOLLOW:
		/* Nothing selected to follow: the front matter on screen
		   folds or unfolds, else a line down, as in less. */
		if (b->sel.on && b->sel.style != 0)
			body_follow(t, a);
		else if (body_front_shown(t))
			body_front_toggle(t);
		else
			body_scroll(t, n, a);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Draws the markers of a wide line cut on either side. */
static void
body_cut_marks(const struct tui *t, WINDOW *w, int row,
    const struct line *ln)
{
	const struct body *b = &t->body;
	int left = b->x0 > 0 ? b->x0 - 1 : b->x0;
	int right = b->x0 + b->measure < t->pw[PANE_BODY] ?
	    b->x0 + b->measure : b->x0 + b->measure - 1;

	if (b->hscroll > 0)
		mvwaddch(w, row, left, '<' | t->attr[R_DECOR] |
		    COLOR_PAIR(t->pair[R_DECOR]));
	if (ln->cols - b->hscroll > b->measure)
		mvwaddch(w, row, right, '>' | t->attr[R_DECOR] |
		    COLOR_PAIR(t->pair[R_DECOR]));
}

/* Draws the lines from the top, wide ones cut with markers. */
static void
body_draw(const struct tui *t, WINDOW *w)
{
	const struct body *b = &t->body;
	const struct layout *l;
	const struct line *ln;
	struct pos p = b->top;
	int row, h = t->ph[PANE_BODY], wide, xmin, xmax;

	if (w == NULL)
		return;
	werase(w);
	if (view_empty(b->view)) {
		tui_draw_text(w, 0, b->x0, 0, t->pw[PANE_BODY], "(empty document)",
		    16, t->attr[R_DIM], t->pair[R_DIM], 0);
		return;
	}
	for (row = 0; row < h; row++) {
		if ((ln = view_line(b->view, p, &l)) == NULL)
			break;
		wide = ln->cols > b->measure;
		xmin = 0;
		xmax = t->pw[PANE_BODY];
		if (wide) {
			/* Cut at the text column, leaving room for marks. */
			xmin = b->x0 + (b->hscroll > 0 && b->x0 == 0);
			xmax = b->x0 + b->measure;
			if (xmax >= t->pw[PANE_BODY])
				xmax = t->pw[PANE_BODY] - 1;
		}
		tui_draw_line(t, w, row, b->x0 - (wide ? b->hscroll : 0), xmin,
		    xmax, l, ln, &b->sel, 0);
		if (wide)
			body_cut_marks(t, w, row, ln);
		if (view_move(b->view, &p, 1) == 0)
			break;
	}
}

/* Follows the reference under the click at (Y, X), if any; the click
   gives the body the focus. */
static void
body_click(struct tui *t, int y, int x, struct acts *a)
{
	struct body *b = &t->body;
	struct pos p = b->top;
	const struct layout *l;
	const struct line *ln;
	int col, i;

	if (t->focus != PANE_BODY)
		tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_BODY);
	if (view_empty(b->view) || y < 0 || view_move(b->view, &p, y) != y)
		return;
	if ((ln = view_line(b->view, p, &l)) == NULL)
		return;
	if (t->doc->blocks[p.block].type == BLK_FRONT) {
		body_front_toggle(t);
		return;
	}
	col = x - b->x0 + (ln->cols > b->measure ? b->hscroll : 0);
	for (i = 0; i < ln->nsegs; i++) {
		const struct seg *s = &l->segs[ln->seg0 + i];

		if (col < s->col || col >= s->col + s->width)
			continue;
		if (s->off == SEG_NOOFF || s->target < 0 ||
		    !(s->style & (ST_NOTEREF | ST_LINK | ST_IMAGE)))
			return;
		body_select(t, p.block, s->off, a);
		body_follow(t, a);
		return;
	}
}

/* The wheel: N lines. */
static void
body_wheel(struct tui *t, long n, struct acts *a)
{
	body_scroll(t, n, a);
}

/* Carries out an action addressed to the body. */
static void
body_act(struct tui *t, const struct act *a, struct acts *out)
{
	struct sel *s = &t->body.sel;

	switch (a->kind) {
	case ACT_GOTO:
		body_goto(t, a->at);
		break;
	case ACT_RESTORE:
		body_restore(t, a->at);
		break;
	case ACT_HEADING:
		body_goto_heading(t, a->n);
		break;
	case ACT_SELECT:
		body_select(t, a->at.block, a->at.off, out);
		break;
	case ACT_MATCH:
		s->on = 1;
		s->block = a->at.block;
		s->off = a->at.off;
		s->len = a->n;
		s->style = 0;
		s->target = -1;
		break;
	case ACT_UNSELECT:
		s->on = 0;
		break;
	default:
		break;
	}
}

/* Sets out what the body shows for the others: section, notes cited. */
static void
body_sync(struct tui *t)
{
	struct page *pg = &t->page;

	pg->section = body_section(t);
	pg->ncited = 0;
	if (t->doc->nnotes > 0 && !view_empty(t->body.view))
		pg->ncited = view_notes_cited(t->body.view, t->body.top,
		    t->ph[PANE_BODY], pg->cited, t->doc->nnotes);
}

/* What drawing the body depends on. */
static void
body_shot(const struct tui *t, struct shot *s)
{
	const struct body *b = &t->body;

	s->v[0] = (uint64_t)b->top.block << 32 | b->top.line;
	s->v[1] = (uint64_t)(uint32_t)b->hscroll << 32 | (uint32_t)b->x0;
	s->v[2] = (uint64_t)b->sel.on << 32 | b->sel.style;
	s->v[3] = (uint64_t)b->sel.block << 32 | b->sel.off;
	s->v[4] = (uint64_t)b->sel.len << 32 | (uint32_t)b->measure;
	s->v[5] = t->hl.gen;
	s->v[6] = (uint64_t)(uintptr_t)b->view;
	s->v[7] = (uint64_t)b->fold_code << 32 | (uint32_t)b->front;
}

const struct pane_ops body_ops = {
	.name = "body",
	.init = body_init,
	.free = body_free,
	.resize = body_resize,
	.sync = body_sync,
	.draw = body_draw,
	.shot = body_shot,
	.key = body_key,
	.click = body_click,
	.wheel = body_wheel,
	.act = body_act,
};
