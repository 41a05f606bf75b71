/*
 * outline.c: the outline pane. The headings as an indented tree, one row
 * each; the section being read is marked and kept in view as the body
 * scrolls, and sections fold. Rows are visited from the top row down, so
 * drawing costs the rows on screen (and the folded sections skipped).
 * The section being read comes from the page; the cursor follows it at
 * sync while the pane has no focus.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define OUTLINE_INDENT	2	/* per level [columns] */
#define OUTLINE_NEAR	256	/* headings searched for a sibling */

/* Sets up the fold and filter marks, one per heading. */
static void
outline_init(struct tui *t)
{
	const struct doc *d = t->doc;
	uint32_t i;

	memset(&t->outline, 0, sizeof(t->outline));
	t->outline.folded = xcalloc(d->nheadings ? d->nheadings : 1, 1);
	t->outline.hit = xcalloc(d->nheadings ? d->nheadings : 1, 1);
	t->outline.minlevel = 6;
	for (i = 0; i < d->nheadings; i++)
		if (d->headings[i].level < t->outline.minlevel)
			t->outline.minlevel = d->headings[i].level;
}

/* Frees what outline_init made. */
static void
outline_free(struct tui *t)
{
	free(t->outline.folded);
	free(t->outline.hit);
	t->outline.folded = t->outline.hit = NULL;
}

/* The heading past the section of H (its last descendant + 1). */
static uint32_t
outline_end(const struct tui *t, uint32_t h)
{
	const struct doc *d = t->doc;
	uint32_t j;

	for (j = h + 1; j < d->nheadings &&
	    d->headings[j].level > d->headings[h].level; j++)
		;
	return j;
}

/* Does H have headings below it? */
static int
outline_has_kids(const struct tui *t, uint32_t h)
{
	const struct doc *d = t->doc;

	return h + 1 < d->nheadings &&
	    d->headings[h + 1].level > d->headings[h].level;
}

/* The first heading that matches the filter at or after H (DIR 1) or at
   or before it (DIR -1), or -1. */
static int64_t
outline_hit(const struct tui *t, int64_t h, int dir)
{
	for (; h >= 0 && h < (int64_t)t->doc->nheadings; h += dir)
		if (t->outline.hit[h])
			return h;
	return -1;
}

/*
 * The row that shows H: H itself, or its outermost folded ancestor. With
 * a filter: the matching heading at or before H, else the first one.
 */
static uint32_t
outline_visible(const struct tui *t, uint32_t h)
{
	const struct doc *d = t->doc;
	int32_t p;
	uint32_t v = h;
	int64_t f;

	if (t->outline.filtered) {
		if ((f = outline_hit(t, h, -1)) < 0 &&
		    (f = outline_hit(t, h, 1)) < 0)
			return h;
		return (uint32_t)f;
	}

	for (p = d->headings[h].parent; p >= 0; p = d->headings[p].parent)
		if (t->outline.folded[p])
			v = (uint32_t)p;
	return v;
}

/* The row after H, or -1. */
static int64_t
outline_next(const struct tui *t, uint32_t h)
{
	uint32_t j, v;

	if (t->outline.filtered)
		return outline_hit(t, (int64_t)h + 1, 1);
	j = t->outline.folded[h] ? outline_end(t, h) : h + 1;
	while (j < t->doc->nheadings && (v = outline_visible(t, j)) != j)
		j = outline_end(t, v);
	return j < t->doc->nheadings ? (int64_t)j : -1;
}

/* The row before H, or -1. */
static int64_t
outline_prev(const struct tui *t, uint32_t h)
{
	if (h == 0)
		return -1;
	if (t->outline.filtered)
		return outline_hit(t, (int64_t)h - 1, -1);
	return outline_visible(t, h - 1);
}

/* Moves row H by N rows, stopping at either end. */
static uint32_t
outline_move(const struct tui *t, uint32_t h, long n)
{
	int64_t j;

	for (; n > 0 && (j = outline_next(t, h)) >= 0; n--)
		h = (uint32_t)j;
	for (; n < 0 && (j = outline_prev(t, h)) >= 0; n++)
		h = (uint32_t)j;
	return h;
}

/* Scrolls so that row H shows, a third down when it was off screen. */
static void
outline_reveal(struct tui *t, uint32_t h)
{
	struct outline *o = &t->outline;
	int height = t->ph[PANE_OUTLINE], row;
	uint32_t r;

	if (height < 1)
		height = 1;
	o->top = outline_visible(t, o->top);
	if (h >= o->top) {
		for (r = o->top, row = 0; row < height; row++) {
			if (r == h)
				return;
			if (outline_next(t, r) < 0)
				break;
			r = (uint32_t)outline_next(t, r);
		}
	}
	o->top = outline_move(t, h, -(long)(height / 3));
}

/* Scrolls the rows by N (the wheel); the cursor stays. */
static void
outline_scroll(struct tui *t, long n, struct acts *a)
{
	(void)a;
	t->outline.top = outline_move(t, outline_visible(t, t->outline.top),
	    n);
}

/* Goes to heading H in the body: a jump. */
static void
outline_go(uint32_t h, struct acts *a)
{
	tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
	tui_act(a, ACT_HEADING, (struct anchor){ 0, 0 }, h);
	tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_BODY);
}

static void	outline_filter(struct tui *, int);

/* Handles command C on the outline, COUNT rows for j and k (0: none
   typed, one); returns 0 when it is not one. */
static int
outline_key(struct tui *t, enum cmd c, long count, struct acts *a)
{
	struct outline *o = &t->outline;
	const struct doc *d = t->doc;
	long page = t->ph[PANE_OUTLINE] > 2 ? t->ph[PANE_OUTLINE] - 1 : 1;
	long n = count > 0 ? count : 1;

	if (d->nheadings == 0)
		return 0;
	o->cursor = outline_visible(t, o->cursor);
	switch (c) {
	case CMD_DOWN:
		o->cursor = outline_move(t, o->cursor, n);
		break;
	case CMD_UP:
		o->cursor = outline_move(t, o->cursor, -n);
		break;
	case CMD_PAGE_DOWN:
	case CMD_WINDOW_DOWN:
		o->cursor = outline_move(t, o->cursor, page);
		break;
	case CMD_PAGE_UP:
	case CMD_WINDOW_UP:
		o->cursor = outline_move(t, o->cursor, -page);
		break;
	case CMD_HALF_DOWN:
		o->cursor = outline_move(t, o->cursor, page / 2 + 1);
		break;
	case CMD_HALF_UP:
		o->cursor = outline_move(t, o->cursor, -(page / 2 + 1));
		break;
	case CMD_TOP:
		o->cursor = outline_visible(t, 0);
		break;
	case CMD_END:
		o->cursor = outline_visible(t, d->nheadings - 1);
		break;
	case CMD_LEFT:
		if (outline_has_kids(t, o->cursor) && !o->folded[o->cursor]) {
			o->folded[o->cursor] = 1;
			o->gen++;
		}
		else if (d->headings[o->cursor].parent >= 0)
			o->cursor = (uint32_t)d->headings[o->cursor].parent;
		break;
	case CMD_RIGHT:
		if (o->folded[o->cursor]) {
			o->folded[o->cursor] = 0;
			o->gen++;
		}
		else if (outline_has_kids(t, o->cursor))
			o->cursor++;
		break;
	case CMD_FOLLOW:
		outline_go(o->cursor, a);
		return 1;
	case CMD_ESCAPE:
		if (!o->filtered)
			return 0;
		outline_filter(t, 0);
		return 1;
	default:
		return 0;
	}
	outline_reveal(t, o->cursor);
	return 1;
}

/* Bytes at the start of A and B that are the same whole characters. */
static size_t
outline_common(const char *a, const char *b)
{
	size_t i = 0, k;

	while (a[i] != '\0' && a[i] == b[i]) {
		k = utf8_len(a + i, strlen(a + i));
		if (strncmp(a + i, b + i, k) != 0)
			break;
		i += k;
	}
	return i;
}

/*
 * Bytes of heading H's title that the sibling before it or the one after
 * it (a heading under the same parent) begins with too; the siblings are
 * looked for among the OUTLINE_NEAR headings on either side.
 */
static size_t
outline_shared(const struct doc *d, uint32_t h)
{
	const struct heading *hd = &d->headings[h], *s;
	size_t best = 0, n;
	uint32_t i;

	for (i = h; i-- > 0 && h - i <= OUTLINE_NEAR; ) {
		s = &d->headings[i];
		if ((int32_t)i == hd->parent)
			break;
		if (s->parent == hd->parent) {
			best = outline_common(hd->title, s->title);
			break;
		}
	}
	for (i = h + 1; i < d->nheadings && i - h <= OUTLINE_NEAR; i++) {
		s = &d->headings[i];
		if (s->level < hd->level)
			break;
		if (s->parent == hd->parent) {
			n = outline_common(hd->title, s->title);
			if (n > best)
				best = n;
			break;
		}
	}
	return best;
}

/*
 * Draws title S in [X, XMAX). When it is cut and what shows of it would
 * be only what a sibling's title begins with too (SHARED bytes), it
 * shows its end after an ellipsis instead: "…sion 2.3 changes".
 */
static void
outline_title(const struct tui *t, WINDOW *w, int y, int x, int xmax,
    const char *s, size_t shared, attr_t a, short pair)
{
	const char *ell = inert_utf8() ? "\xe2\x80\xa6" : "~";  /* U+2026 */
	int amb = t->opts->ambiguous_wide, ew = layout_width(ell, strlen(ell),
	    amb), room = xmax - x - ew;
	size_t n = strlen(s), i = 0;

	if (shared == 0 || room < 1 || layout_width(s, n, amb) <= xmax - x ||
	    layout_width(s, shared, amb) < room) {
		tui_draw_fit(w, y, x, xmax, s, n, a, pair, amb);
		return;
	}
	while (i < n && layout_width(s + i, n - i, amb) > room)
		i += utf8_len(s + i, n - i);
	x = tui_draw_text(w, y, x, x, xmax, ell, strlen(ell), a, pair, amb);
	tui_draw_text(w, y, x, x, xmax, s + i, n - i, a, pair, amb);
}

/* Draws heading H on row Y. */
static void
outline_row(const struct tui *t, WINDOW *w, int y, uint32_t h, int current,
    int cursor)
{
	const struct doc *d = t->doc;
	const struct heading *hd = &d->headings[h];
	int width = t->pw[PANE_OUTLINE], x, indent;
	attr_t a = t->attr[R_TEXT];
	short pair = t->pair[R_TEXT];

	if (current) {
		a = t->attr[R_MARK];
		pair = t->pair[R_MARK];
	}
	if (cursor) {
		a |= A_REVERSE;
		mvwchgat(w, y, 0, -1, A_REVERSE, pair, NULL);
	}
	if (current)
		mvwaddch(w, y, 0, '>' | a | COLOR_PAIR(pair));
	indent = (hd->level - t->outline.minlevel) * OUTLINE_INDENT;
	if (indent > width / 2)
		indent = width / 2;
	x = 1 + indent;
	if (t->outline.folded[h] && outline_has_kids(t, h))
		mvwaddch(w, y, x, '+' | t->attr[R_DIM] |
		    COLOR_PAIR(t->pair[R_DIM]) | (cursor ? A_REVERSE : 0));
	x++;
	outline_title(t, w, y, x, width, hd->title, outline_shared(d, h), a,
	    pair);
}

/* Are there rows to show: headings, and one that matches a filter? */
static int
outline_any(const struct tui *t)
{
	return t->doc->nheadings > 0 &&
	    (!t->outline.filtered || outline_hit(t, 0, 1) >= 0);
}

/* The row of the section being read, or UINT32_MAX. */
static uint32_t
outline_current(const struct tui *t)
{
	int32_t cur = t->page.section;

	if (cur < 0 || (t->outline.filtered && !t->outline.hit[cur]))
		return UINT32_MAX;
	return outline_visible(t, (uint32_t)cur);
}

/*
 * Keeps the cursor on the section being read while the pane has no
 * focus (and puts it there when the focus comes), and the cursor's row
 * in view. Only a pane on screen keeps pace.
 */
static void
outline_sync(struct tui *t)
{
	struct outline *o = &t->outline;
	int focused = t->focus == PANE_OUTLINE, came = focused && !o->focused;
	uint32_t curv;

	o->focused = focused;
	if (came && t->page.section >= 0)
		o->cursor = (uint32_t)t->page.section;
	if (!tui_shown(t, PANE_OUTLINE) || !outline_any(t))
		return;
	curv = outline_current(t);
	if (!focused) {
		if (curv != UINT32_MAX) {
			o->cursor = curv;
			outline_reveal(t, curv);
		}
	} else
		outline_reveal(t, outline_visible(t, o->cursor));
	o->top = outline_visible(t, o->top);
}

/* Draws the rows from the top; marks the section being read. */
static void
outline_draw(const struct tui *t, WINDOW *w)
{
	const struct outline *o = &t->outline;
	const struct doc *d = t->doc;
	uint32_t h, curv;
	int64_t next;
	int row;

	werase(w);
	if (!outline_any(t)) {
		tui_draw_text(w, 0, 1, 0, t->pw[PANE_OUTLINE], d->nheadings ?
		    "(no heading matches)" : "(no headings)", d->nheadings ?
		    20 : 13, t->attr[R_DIM], t->pair[R_DIM], 0);
		return;
	}
	curv = outline_current(t);
	for (h = o->top, row = 0; row < t->ph[PANE_OUTLINE]; row++) {
		outline_row(t, w, row, h, h == curv,
		    t->focus == PANE_OUTLINE && h == o->cursor);
		if ((next = outline_next(t, h)) < 0)
			break;
		h = (uint32_t)next;
	}
}

/* Goes to the heading on row Y, or folds it on its fold mark. */
static void
outline_click(struct tui *t, int y, int x, struct acts *a)
{
	struct outline *o = &t->outline;
	const struct doc *d = t->doc;
	uint32_t h;
	int64_t next;
	int row, fold_x;

	if (d->nheadings == 0)
		return;
	h = outline_visible(t, o->top);
	for (row = 0; row < y; row++) {
		if ((next = outline_next(t, h)) < 0)
			return;
		h = (uint32_t)next;
	}
	fold_x = 1 + (d->headings[h].level - o->minlevel) * OUTLINE_INDENT;
	if (fold_x > 1 + t->pw[PANE_OUTLINE] / 2)
		fold_x = 1 + t->pw[PANE_OUTLINE] / 2;
	if (x == fold_x && outline_has_kids(t, h)) {
		o->folded[h] = !o->folded[h];
		o->gen++;
		o->cursor = h;
		return;
	}
	o->cursor = h;
	outline_go(h, a);
}

/* Shows only the headings marked in hit (ON), or all of them. */
static void
outline_filter(struct tui *t, int on)
{
	struct outline *o = &t->outline;
	int64_t h;

	o->filtered = on;
	if (on && (h = outline_hit(t, o->cursor, 1)) >= 0)
		o->cursor = (uint32_t)h;
	else if (on && (h = outline_hit(t, 0, 1)) >= 0)
		o->cursor = (uint32_t)h;
	o->top = outline_visible(t, o->top);
}

/* Marks the headings whose title S matches, and shows only them; with
   no S, every heading. */
static void
outline_match(struct tui *t, struct search *s)
{
	const struct doc *d = t->doc;
	struct outline *o = &t->outline;
	uint32_t h, off, len;

	o->nhit = 0;
	for (h = 0; h < d->nheadings; h++) {
		o->hit[h] = s != NULL && search_text(s, d->headings[h].title,
		    strlen(d->headings[h].title), &off, &len);
		o->nhit += o->hit[h];
	}
	o->gen++;
	outline_filter(t, s != NULL);
}

/* Carries out an action addressed to the outline. */
static void
outline_act(struct tui *t, const struct act *a, struct acts *out)
{
	(void)out;
	if (a->kind == ACT_FILTER)
		outline_match(t, a->s);
}

/* What drawing the outline depends on. */
static void
outline_shot(const struct tui *t, struct shot *s)
{
	const struct outline *o = &t->outline;

	s->v[0] = (uint64_t)o->top << 32 | o->cursor;
	s->v[1] = (uint64_t)o->gen << 32 | (uint32_t)o->filtered;
	s->v[2] = (uint64_t)(uint32_t)t->page.section << 32 |
	    (t->focus == PANE_OUTLINE);
}

const struct pane_ops outline_ops = {
	.name = "outline",
	.init = outline_init,
	.free = outline_free,
	.sync = outline_sync,
	.draw = outline_draw,
	.shot = outline_shot,
	.key = outline_key,
	.click = outline_click,
	.wheel = outline_scroll,
	.act = outline_act,
};
