/*
 * outline.c: the outline pane. The headings as an indented tree, one row
 * each; the section being read is marked and kept in view as the body
 * scrolls, and sections fold. In a book, the book's documents are the
 * tree's top: the document shown has its headings under it, the others
 * are one row each (their headings are not read until they are shown),
 * and Enter on one opens it. Rows are visited from the top row down, so
 * drawing costs the rows on screen (and the folded sections skipped).
 * The section being read comes from the page; the cursor follows it at
 * sync while the pane has no focus.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/book.h"
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
#define OUTLINE_DEEP	200	/* deepest indent level */

/* Item I's heading, or -1 when it is a book's entry. */
static int64_t
outline_heading(const struct tui *t, uint32_t i)
{
	const struct outline *o = &t->outline;

	return i >= o->base && i - o->base < t->doc->nheadings ?
	    (int64_t)(i - o->base) : -1;
}

/* Item I's book entry, or -1 when it is a heading. */
static long
outline_entry(const struct tui *t, uint32_t i)
{
	if (outline_heading(t, i) >= 0 || t->outline.entry < 0)
		return -1;
	return i < t->outline.base ? (long)i : (long)(i - t->doc->nheadings);
}

/* Item I's title. */
static const char *
outline_item_title(const struct tui *t, uint32_t i)
{
	const struct book_entry *e;
	const char *s;
	int64_t h = outline_heading(t, i);
	long n;

	if (h >= 0)
		return t->doc->headings[h].title;
	e = &t->opts->book->v[outline_entry(t, i)];
	if (e->title != NULL)
		return e->title;
	n = outline_entry(t, i);
	if (n == t->outline.entry && (s = doc_title(t->doc)) != NULL)
		return s;
	if (e->path == NULL)
		return "";
	s = strrchr(e->path, '/');
	return s != NULL && s[1] != '\0' ? s + 1 : e->path;
}

/*
 * Sets out the items (the book's entries around the document shown, its
 * headings), their depth and parent, and the fold and filter marks.
 */
static void
outline_init(struct tui *t)
{
	const struct doc *d = t->doc;
	const struct book *bk = t->opts->book;
	struct outline *o = &t->outline;
	uint32_t i, *stack, nstack = 0, top0 = 0;
	int64_t h;
	long c = TUI_CUR(t)->chapter, e;
	int dep;

	memset(o, 0, sizeof(*o));
	o->entry = bk != NULL && c >= 0 && (size_t)c < bk->n ? c : -1;
	o->base = o->entry >= 0 ? (uint32_t)c + 1 : 0;
	o->nitems = d->nheadings + (o->entry >= 0 ? (uint32_t)bk->n : 0);
	o->folded = xcalloc(o->nitems + 1, 1);
	o->hit = xcalloc(o->nitems + 1, 1);
	o->depth = xcalloc(o->nitems + 1, 1);
	o->parent = xcalloc(o->nitems + 1, sizeof(*o->parent));
	stack = xcalloc(o->nitems + 1, sizeof(*stack));
	o->minlevel = 6;
	for (i = 0; i < d->nheadings; i++)
		if (d->headings[i].level < o->minlevel)
			o->minlevel = d->headings[i].level;
	if (o->entry >= 0)
		top0 = (uint32_t)bk->v[c].level + 1;
	for (i = 0; i < o->nitems; i++) {
		if ((h = outline_heading(t, i)) >= 0) {
			dep = (int)top0 + d->headings[h].level - o->minlevel;
			o->parent[i] = d->headings[h].parent >= 0 ?
			    (int32_t)o->base + d->headings[h].parent :
			    o->entry >= 0 ? (int32_t)c : -1;
		} else {
			e = outline_entry(t, i);
			dep = bk->v[e].level;
			while (nstack > 0 && o->depth[stack[nstack - 1]] >= dep)
				nstack--;
			o->parent[i] = nstack > 0 ? (int32_t)stack[nstack - 1] :
			    -1;
			stack[nstack++] = i;
		}
		o->depth[i] = (uint8_t)(dep < OUTLINE_DEEP ? dep :
		    OUTLINE_DEEP);
	}
	free(stack);
}

/* Frees what outline_init made. */
static void
outline_free(struct tui *t)
{
	free(t->outline.folded);
	free(t->outline.hit);
	free(t->outline.depth);
	free(t->outline.parent);
	t->outline.folded = t->outline.hit = t->outline.depth = NULL;
	t->outline.parent = NULL;
}

/* The item past the section of H (its last descendant + 1). */
static uint32_t
outline_end(const struct tui *t, uint32_t h)
{
	const struct outline *o = &t->outline;
	uint32_t j;

	for (j = h + 1; j < o->nitems && o->depth[j] > o->depth[h]; j++)
		;
	return j;
}

/* Does H have items below it? */
static int
outline_has_kids(const struct tui *t, uint32_t h)
{
	const struct outline *o = &t->outline;

	return h + 1 < o->nitems && o->depth[h + 1] > o->depth[h];
}

/* The first heading that matches the filter at or after H (DIR 1) or at
   or before it (DIR -1), or -1. */
static int64_t
outline_hit(const struct tui *t, int64_t h, int dir)
{
	for (; h >= 0 && h < (int64_t)t->outline.nitems; h += dir)
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
	const struct outline *o = &t->outline;
	int32_t p;
	uint32_t v = h;
	int64_t f;

	if (t->outline.filtered) {
		if ((f = outline_hit(t, h, -1)) < 0 &&
		    (f = outline_hit(t, h, 1)) < 0)
			return h;
		return (uint32_t)f;
	}

	for (p = o->parent[h]; p >= 0; p = o->parent[p])
		if (o->folded[p])
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
	while (j < t->outline.nitems && (v = outline_visible(t, j)) != j)
		j = outline_end(t, v);
	return j < t->outline.nitems ? (int64_t)j : -1;
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

/* Goes to item I: a heading in the body, or a document of the book;
   a jump. */
static void
outline_go(const struct tui *t, uint32_t i, struct acts *a)
{
	int64_t h = outline_heading(t, i);

	if (h < 0) {
		tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_BODY);
		tui_act(a, ACT_ENTRY, (struct anchor){ 0, 0 },
		    (uint32_t)outline_entry(t, i));
		return;
	}
	tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
	tui_act(a, ACT_HEADING, (struct anchor){ 0, 0 }, (uint32_t)h);
	tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_BODY);
}

static void	outline_filter(struct tui *, int);

/* Handles command C on the outline, COUNT rows for j and k (0: none
   typed, one); returns 0 when it is not one. */
static int
outline_key(struct tui *t, enum cmd c, long count, struct acts *a)
{
	struct outline *o = &t->outline;
	long page = t->ph[PANE_OUTLINE] > 2 ? t->ph[PANE_OUTLINE] - 1 : 1;
	long n = count > 0 ? count : 1;

	if (o->nitems == 0)
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
		o->cursor = outline_visible(t, o->nitems - 1);
		break;
	case CMD_LEFT:
		if (outline_has_kids(t, o->cursor) && !o->folded[o->cursor]) {
			o->folded[o->cursor] = 1;
			o->gen++;
		}
		else if (o->parent[o->cursor] >= 0)
			o->cursor = (uint32_t)o->parent[o->cursor];
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
		outline_go(t, o->cursor, a);
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
 * Bytes of item H's title that the sibling before it or the one after
 * it (an item under the same parent) begins with too; the siblings are
 * looked for among the OUTLINE_NEAR items on either side.
 */
static size_t
outline_shared(const struct tui *t, uint32_t h)
{
	const struct outline *o = &t->outline;
	const char *title = outline_item_title(t, h);
	size_t best = 0, n;
	uint32_t i;

	for (i = h; i-- > 0 && h - i <= OUTLINE_NEAR; ) {
		if ((int32_t)i == o->parent[h])
			break;
		if (o->parent[i] == o->parent[h]) {
			best = outline_common(title, outline_item_title(t, i));
			break;
		}
	}
	for (i = h + 1; i < o->nitems && i - h <= OUTLINE_NEAR; i++) {
		if (o->depth[i] < o->depth[h])
			break;
		if (o->parent[i] == o->parent[h]) {
			n = outline_common(title, outline_item_title(t, i));
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

/* Draws item H on row Y: a document of a book in the headings' colour,
   a draft or a part title dim. */
static void
outline_row(const struct tui *t, WINDOW *w, int y, uint32_t h, int current,
    int cursor)
{
	int width = t->pw[PANE_OUTLINE], x, indent;
	attr_t a = t->attr[R_TEXT];
	short pair = t->pair[R_TEXT];
	long e = outline_entry(t, h);

	if (e >= 0) {
		pair = t->pair[t->opts->book->v[e].path == NULL ? R_DIM :
		    R_HEAD];
		a = t->attr[t->opts->book->v[e].path == NULL ? R_DIM : R_HEAD];
	}
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
	indent = t->outline.depth[h] * OUTLINE_INDENT;
	if (indent > width / 2)
		indent = width / 2;
	x = 1 + indent;
	if (t->outline.folded[h] && outline_has_kids(t, h))
		mvwaddch(w, y, x, '+' | t->attr[R_DIM] |
		    COLOR_PAIR(t->pair[R_DIM]) | (cursor ? A_REVERSE : 0));
	x++;
	outline_title(t, w, y, x, width, outline_item_title(t, h),
	    outline_shared(t, h), a, pair);
}

/* Are there rows to show: headings, and one that matches a filter? */
static int
outline_any(const struct tui *t)
{
	return t->outline.nitems > 0 &&
	    (!t->outline.filtered || outline_hit(t, 0, 1) >= 0);
}

/* The item being read: its section, else its document, or -1. */
static int64_t
outline_reading(const struct tui *t)
{
	if (t->page.section >= 0)
		return (int64_t)t->outline.base + t->page.section;
	return t->outline.entry;
}

/* The row of the item being read, or UINT32_MAX. */
static uint32_t
outline_current(const struct tui *t)
{
	int64_t cur = outline_reading(t);

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
	if (came && outline_reading(t) >= 0)
		o->cursor = (uint32_t)outline_reading(t);
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
	uint32_t h, curv;
	int64_t next;
	int row;

	werase(w);
	if (!outline_any(t)) {
		tui_draw_text(w, 0, 1, 0, t->pw[PANE_OUTLINE], o->nitems ?
		    "(no heading matches)" : "(no headings)", o->nitems ?
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
	uint32_t h;
	int64_t next;
	int row, fold_x;

	if (o->nitems == 0)
		return;
	h = outline_visible(t, o->top);
	for (row = 0; row < y; row++) {
		if ((next = outline_next(t, h)) < 0)
			return;
		h = (uint32_t)next;
	}
	fold_x = 1 + o->depth[h] * OUTLINE_INDENT;
	if (fold_x > 1 + t->pw[PANE_OUTLINE] / 2)
		fold_x = 1 + t->pw[PANE_OUTLINE] / 2;
	if (x == fold_x && outline_has_kids(t, h)) {
		o->folded[h] = !o->folded[h];
		o->gen++;
		o->cursor = h;
		return;
	}
	o->cursor = h;
	outline_go(t, h, a);
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
	struct outline *o = &t->outline;
	const char *title;
	uint32_t h, off, len;

	o->nhit = 0;
	for (h = 0; h < o->nitems; h++) {
		title = outline_item_title(t, h);
		o->hit[h] = s != NULL && search_text(s, title, strlen(title),
		    &off, &len);
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
