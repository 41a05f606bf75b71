/*
 * notes.c: the notes pane, which keeps pace with the page. First come the
 * notes cited by the lines on screen, in order of appearance and marked,
 * then every other note in number order. Each entry is the note's blocks
 * laid out like the body, a "cited in" line naming the sections that cite
 * it, and a blank line.
 *
 * The order is never built: entry i is cited[i] below ncited, else the
 * (i - ncited)th note that is not cited on screen, found in O(ncited)
 * from the sorted list. Walking the entries from the top one costs the
 * rows on screen.
 *
 * Which notes the body cites on screen comes from the page; the order
 * follows it at sync, which also scrolls to a note just selected.
 *
 * Inside the selected note, Tab selects a link (the link field): it
 * always lies in the selected note, and goes when another note is
 * selected. Enter, O and y act on it; with none, Enter goes to the
 * places that cite the note.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define NOTES_GUTTER	2	/* mark column and a space [columns] */
#define NOTES_TITLE	40	/* a section's title in "cited in" [columns] */
#define NOTES_CITED	"cited in: "

/* One line of an entry. */
enum nline_kind { NL_TEXT, NL_CITED, NL_BLANK };

struct nline {
	enum nline_kind	 kind;
	uint32_t	 block, line;	/* NL_TEXT */
	uint32_t	 off, len;	/* NL_CITED: in the "cited in" text */
};

/* An entry spelled out: its lines and its "cited in" text. */
struct nentry {
	uint32_t	 note;
	struct nline	*lines;
	size_t		 n, cap;
	struct buf	 cited;
};

/* Orders note indices for qsort and bsearch. */
static int
notes_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Makes the view of the notes' blocks and the order arrays. */
static void
notes_init(struct tui *t)
{
	const struct doc *d = t->doc;
	struct notes *n = &t->notes;
	struct layout_opts lo = { .width = 1,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .front = LAYOUT_FRONT_TABLE };

	memset(n, 0, sizeof(*n));
	n->sel = -1;
	n->cycle_note = -1;
	n->gutter = NOTES_GUTTER;
	n->cited = xcalloc(d->nnotes + 1, sizeof(*n->cited));
	n->sorted = xcalloc(d->nnotes + 1, sizeof(*n->sorted));
	n->prev = xcalloc(d->nnotes + 1, sizeof(*n->prev));
	if (d->nnotes > 0 && d->nbody < d->nblocks)
		n->view = view_new(d, d->nbody, d->nblocks, &lo);
}

/* Frees what notes_init made. */
static void
notes_free(struct tui *t)
{
	view_free(t->notes.view);
	free(t->notes.cited);
	free(t->notes.sorted);
	free(t->notes.prev);
	memset(&t->notes, 0, sizeof(t->notes));
}

/* Width of the notes' text [columns]. */
static int
notes_width(const struct tui *t)
{
	int w = t->pw[PANE_NOTES] - t->notes.gutter;

	return w > 0 ? w : 1;
}

/* Lays the notes out at the pane's width, less the gutter. */
static void
notes_resize(struct tui *t)
{
	struct layout_opts lo = { .width = 1,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .front = LAYOUT_FRONT_TABLE };

	if (t->notes.view == NULL)
		return;
	lo.width = notes_width(t);
	view_set_opts(t->notes.view, &lo);
	t->notes.topline = 0;
}

/* The note of entry I. */
static uint32_t
notes_at(const struct tui *t, uint32_t i)
{
	const struct notes *n = &t->notes;
	uint32_t k, m;

	if (i < n->ncited)
		return n->cited[i];
	m = i - n->ncited;
	for (k = 0; k < n->ncited; k++)
		if (n->sorted[k] <= m)
			m++;
	return m;
}

/* The entry of note M. */
static uint32_t
notes_index(const struct tui *t, uint32_t m)
{
	const struct notes *n = &t->notes;
	uint32_t k, below = 0;

	for (k = 0; k < n->ncited; k++) {
		if (n->cited[k] == m)
			return k;
		if (n->sorted[k] < m)
			below++;
	}
	return n->ncited + m - below;
}

/* Is note M cited on screen? */
static int
notes_on_screen(const struct tui *t, uint32_t m)
{
	return bsearch(&m, t->notes.sorted, t->notes.ncited,
	    sizeof(uint32_t), notes_cmp) != NULL;
}

/* End of the line of TEXT that starts at START, at most WIDTH columns. */
static size_t
notes_wrap(const char *text, size_t len, size_t start, int width, int amb)
{
	size_t i = start, space = 0, n;
	int col = 0, w;

	while (i < len) {
		n = utf8_len(text + i, len - i);
		w = layout_width(text + i, n, amb);
		if (col + w > width && i > start)
			return space > start ? space : i;
		if (text[i] == ' ')
			space = i;
		col += w;
		i += n;
	}
	return len;
}

/* Spells out the entry of note M into E. */
static void
notes_entry(const struct tui *t, uint32_t m, struct nentry *e)
{
	const struct doc *d = t->doc;
	const struct note *no = &d->notes[m];
	const struct layout *l;
	struct nline *nl;
	const char *title;
	size_t start, end;
	uint32_t b, k, r;
	int32_t sec, last = -2;
	int amb = t->opts->ambiguous_wide;

	e->note = m;
	e->n = 0;
	e->cited.len = 0;
	for (b = no->block0; b < no->block0 + no->nblocks; b++) {
		if ((l = view_layout(t->notes.view, b)) == NULL)
			continue;
		for (k = 0; k < l->nlines; k++) {
			nl = ARRAY_PUSH(e->lines, e->n, e->cap);
			nl->kind = NL_TEXT;
			nl->block = b;
			nl->line = k;
		}
	}
	buf_adds(&e->cited, NOTES_CITED);
	for (r = 0; r < no->nrefs; r++) {
		sec = d->blocks[no->refs[r].block].section;
		if (sec == last)
			continue;
		if (last != -2)
			buf_adds(&e->cited, "; ");
		last = sec;
		title = tui_section_title(t, sec);
		layout_cut(&e->cited, title, strlen(title), NOTES_TITLE, amb);
	}
	if (no->nrefs == 0)
		buf_adds(&e->cited, "nowhere");
	for (start = 0; start < e->cited.len; ) {
		end = notes_wrap(e->cited.data, e->cited.len, start,
		    notes_width(t), amb);
		nl = ARRAY_PUSH(e->lines, e->n, e->cap);
		nl->kind = NL_CITED;
		nl->off = (uint32_t)start;
		nl->len = (uint32_t)(end - start);
		start = end;
		while (start < e->cited.len && e->cited.data[start] == ' ')
			start++;
	}
	nl = ARRAY_PUSH(e->lines, e->n, e->cap);
	nl->kind = NL_BLANK;
}

/* Frees the lines and text of an entry. */
static void
notes_entry_free(struct nentry *e)
{
	free(e->lines);
	buf_free(&e->cited);
}

/* Lines of the entry of note M. */
static uint32_t
notes_height(const struct tui *t, uint32_t m)
{
	struct nentry e;
	uint32_t h;

	memset(&e, 0, sizeof(e));
	notes_entry(t, m, &e);
	h = (uint32_t)e.n;
	notes_entry_free(&e);
	return h;
}

/* Scrolls the pane by N lines, stopping at either end. */
static void
notes_move(struct tui *t, long n)
{
	struct notes *ns = &t->notes;
	uint32_t nn = t->doc->nnotes;

	while (n > 0) {
		if (ns->topline + 1 < notes_height(t, notes_at(t, ns->top)))
			ns->topline++;
		else if (ns->top + 1 < nn) {
			ns->top++;
			ns->topline = 0;
		} else
			break;
		n--;
	}
	while (n < 0) {
		if (ns->topline > 0)
			ns->topline--;
		else if (ns->top > 0) {
			ns->top--;
			ns->topline = notes_height(t, notes_at(t, ns->top)) - 1;
		} else
			break;
		n++;
	}
}

/* Moves the top up if need be so that the last entry ends the pane. */
static void
notes_clamp(struct tui *t)
{
	struct notes *ns = &t->notes;
	uint32_t nn = t->doc->nnotes, i, below = 0, h = t->ph[PANE_NOTES];
	uint32_t top_i = 0, top_line = 0;

	if (nn == 0) {
		ns->top = ns->topline = 0;
		return;
	}
	/* The top of the last page: walk back from the end. */
	for (i = nn; i-- > 0; ) {
		uint32_t eh = notes_height(t, notes_at(t, i));

		if (below + eh >= h) {
			top_i = i;
			top_line = eh - (h - below);
			break;
		}
		below += eh;
		if (i == 0) {
			top_i = 0;
			top_line = 0;
		}
	}
	if (ns->top > top_i || (ns->top == top_i && ns->topline > top_line)) {
		ns->top = top_i;
		ns->topline = top_line;
	}
}

/* Scrolls the pane by N lines. */
static void
notes_scroll(struct tui *t, long n)
{
	notes_move(t, n);
	notes_clamp(t);
}

/* The wheel: N lines. */
static void
notes_wheel(struct tui *t, long n, struct acts *a)
{
	(void)a;
	notes_scroll(t, n);
}

/*
 * Row of the first line of entry I from the top of the pane: -1 when it
 * is above, the pane's height when it is below.
 */
static int
notes_row(const struct tui *t, uint32_t i)
{
	const struct notes *ns = &t->notes;
	uint32_t k;
	int row, h = t->ph[PANE_NOTES];

	if (i < ns->top || (i == ns->top && ns->topline > 0))
		return -1;
	row = 0;
	for (k = ns->top; k < i; k++) {
		row += (int)notes_height(t, notes_at(t, k)) -
		    (k == ns->top ? (int)ns->topline : 0);
		if (row >= h)
			return h;
	}
	return row;
}

/* The line of the selected link in the entry of its note. */
static uint32_t
notes_link_line(const struct tui *t)
{
	const struct notes *ns = &t->notes;
	const struct note *no = &t->doc->notes[ns->sel];
	const struct layout *l;
	uint32_t b, k, line = 0;

	for (b = no->block0; b < no->block0 + no->nblocks; b++) {
		if ((l = view_layout(ns->view, b)) == NULL)
			continue;
		if (b == ns->link.block) {
			for (k = 1; k < l->nlines &&
			    l->lines[k].off <= ns->link.off; k++)
				;
			return line + k - 1;
		}
		line += l->nlines;
	}
	return 0;
}

/* Scrolls, the entry of the selected note in sight, so that the line of
   its selected link shows too. */
static void
notes_reveal_link(struct tui *t, uint32_t i)
{
	struct notes *ns = &t->notes;
	long row, h = t->ph[PANE_NOTES], first;

	if (!ns->link.on)
		return;
	row = (long)notes_link_line(t);
	if (i == ns->top)
		row -= (long)ns->topline;
	else if ((first = notes_row(t, i)) >= 0)
		row += first;
	else
		return;		/* the entry is above: not after a reveal */
	if (row < 0)
		notes_move(t, row);
	else if (row >= h)
		notes_move(t, row - h + 1);
	notes_clamp(t);
}

/* Scrolls so that the entry of the selected note shows. */
static void
notes_reveal(struct tui *t)
{
	struct notes *ns = &t->notes;
	uint32_t i, eh;
	int row, h = t->ph[PANE_NOTES];

	if (ns->sel < 0 || h < 1)
		return;
	i = notes_index(t, (uint32_t)ns->sel);
	eh = notes_height(t, (uint32_t)ns->sel);
	if (eh > 1)
		eh--;		/* the blank line may go below */
	row = notes_row(t, i);
	if (row >= 0 && row + (int)eh <= h) {
		notes_reveal_link(t, i);
		return;
	}
	if (row >= 0 && row < h && (int)eh <= h)
		notes_move(t, row + (long)eh - h);
	else {
		ns->top = i;
		ns->topline = 0;
		if (row >= h && (int)eh < h)
			notes_move(t, -(long)(h - (int)eh));
	}
	notes_clamp(t);
	notes_reveal_link(t, i);
}

/* The notes cited on screen now; the order changes with them. Only a
   pane on screen keeps pace. */
static void
notes_sync(struct tui *t)
{
	struct notes *ns = &t->notes;
	int changed;

	if (ns->view == NULL || !tui_shown(t, PANE_NOTES))
		return;
	ns->ncited = t->page.ncited;
	memcpy(ns->cited, t->page.cited, ns->ncited * sizeof(*ns->cited));
	changed = ns->ncited != ns->nprev || memcmp(ns->cited, ns->prev,
	    ns->ncited * sizeof(*ns->cited)) != 0;
	memcpy(ns->sorted, ns->cited, ns->ncited * sizeof(*ns->cited));
	qsort(ns->sorted, ns->ncited, sizeof(*ns->sorted), notes_cmp);
	if (changed) {
		ns->gen++;
		memcpy(ns->prev, ns->cited, ns->ncited * sizeof(*ns->cited));
		ns->nprev = ns->ncited;
		if (t->focus != PANE_NOTES) {
			ns->top = 0;
			ns->topline = 0;
		}
		/* Follow the selection while it is in sight or in hand. */
		if (ns->sel >= 0 && (t->focus == PANE_NOTES ||
		    notes_on_screen(t, (uint32_t)ns->sel)))
			ns->reveal = 1;
	}
	if (ns->reveal) {
		notes_reveal(t);
		ns->reveal = 0;
	}
	notes_clamp(t);
}

/* Highlights note M and scrolls to it (at sync), without the focus. */
static void
notes_show(struct tui *t, uint32_t m)
{
	if (t->notes.view == NULL || m >= t->doc->nnotes)
		return;
	if (t->notes.sel != (int32_t)m) {
		t->notes.cycle_note = -1;
		t->notes.link.on = 0;
	}
	t->notes.sel = (int32_t)m;
	t->notes.reveal = 1;
}

/* Highlights note M, scrolls to it and gives it the focus. */
static void
notes_open(struct tui *t, uint32_t m, struct acts *a)
{
	if (t->notes.view == NULL || m >= t->doc->nnotes)
		return;
	notes_show(t, m);
	tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_NOTES);
	tui_act_msg(a, "note %u of %u: Enter goes to where it is cited, "
	    "Backspace back", t->doc->notes[m].number, t->doc->nnotes);
}

/* Jumps the body to the next place that cites the selected note. */
static void
notes_follow(struct tui *t, struct acts *acts)
{
	const struct doc *d = t->doc;
	struct notes *ns = &t->notes;
	const struct note *no;
	struct anchor a;
	uint32_t k;

	if (ns->sel < 0) {
		tui_act_msg(acts, "no note selected");
		return;
	}
	no = &d->notes[ns->sel];
	if (no->nrefs == 0) {
		tui_act_msg(acts, "note %u is not cited anywhere",
		    no->number);
		return;
	}
	k = ns->cycle_note == ns->sel ? (ns->cycle + 1) % no->nrefs : 0;
	a.block = no->refs[k].block;
	a.off = no->refs[k].off;
	ns->cycle_note = ns->sel;
	ns->cycle = k;
	tui_act(acts, ACT_JUMP, a, 0);
	tui_act(acts, ACT_GOTO, a, 0);
	tui_act(acts, ACT_SELECT, a, 0);
	tui_act_msg(acts, "reference %u of %u to note %u", k + 1, no->nrefs,
	    no->number);
}

/* Is run R a link (an image's link too)? */
static int
notes_is_link(const struct run *r)
{
	return r->target >= 0 && (r->style & ST_NOTEREF) == 0 &&
	    (r->style & (ST_LINK | ST_IMAGE)) != 0;
}

/* Selects the link that holds run I of block B, in note M. */
static void
notes_set_link(struct tui *t, uint32_t m, uint32_t b, uint32_t i)
{
	const struct run *r = t->doc->blocks[b].runs;
	uint32_t n = t->doc->blocks[b].nruns;
	struct sel *l = &t->notes.link;

	while (i > 0 && notes_is_link(&r[i - 1]) &&
	    r[i - 1].target == r[i].target &&
	    r[i - 1].off + r[i - 1].len == r[i].off)
		i--;
	notes_show(t, m);
	l->on = 1;
	l->block = b;
	l->off = r[i].off;
	l->len = r[i].len;
	l->style = r[i].style & (ST_LINK | ST_IMAGE);
	l->target = r[i].target;
	for (i++; i < n && notes_is_link(&r[i]) && r[i].target == l->target &&
	    r[i].off == l->off + l->len; i++)
		l->len += r[i].len;
}

/* Says on the status line where the selected link goes. */
static void
notes_describe_link(const struct tui *t, struct acts *a)
{
	const char *url = t->doc->links[t->notes.link.target].url;

	if (url[0] == '#')
		tui_act_msg(a, "link to %s: Enter follows it", url);
	else if (url[0] == '\0')
		tui_act_msg(a, "link without a target");
	else
		tui_act_addr(a, url);
}

/*
 * Finds in note M the first link (DIR > 0) from byte OFF of block B on,
 * or the last one before it (DIR < 0); from the note's start or end
 * when B is UINT32_MAX. Selects it and returns 1, or returns 0.
 */
static int
notes_find_link(struct tui *t, uint32_t m, int dir, uint32_t b, uint32_t off)
{
	const struct note *no = &t->doc->notes[m];
	const struct block *bl;
	uint32_t k, i, n;

	for (k = 0; k < no->nblocks; k++) {
		n = dir > 0 ? no->block0 + k : no->block0 + no->nblocks - 1 - k;
		bl = &t->doc->blocks[n];
		if (b != UINT32_MAX && (dir > 0 ? n < b : n > b))
			continue;
		for (i = 0; i < bl->nruns; i++) {
			uint32_t j = dir > 0 ? i : bl->nruns - 1 - i;

			if (!notes_is_link(&bl->runs[j]) || (n == b &&
			    (dir > 0 ? bl->runs[j].off < off :
			    bl->runs[j].off >= off)))
				continue;
			notes_set_link(t, m, n, j);
			return 1;
		}
	}
	return 0;
}

/*
 * Tab (DIR 1) and Shift-Tab in the notes: the next or previous link,
 * from the selected one, else in the selected note, else from the top
 * entry; on through the entries in their order.
 */
static void
notes_next_link(struct tui *t, int dir, struct acts *a)
{
	struct notes *ns = &t->notes;
	uint32_t nn = t->doc->nnotes, i, b = UINT32_MAX, off = 0;

	if (ns->sel >= 0) {
		i = notes_index(t, (uint32_t)ns->sel);
		if (ns->link.on) {
			b = ns->link.block;
			off = dir > 0 ? ns->link.off + ns->link.len :
			    ns->link.off;
		}
	} else
		i = ns->top;
	for (;;) {
		if (notes_find_link(t, notes_at(t, i), dir, b, off)) {
			ns->reveal = 1;
			notes_describe_link(t, a);
			return;
		}
		if (dir > 0 ? i + 1 >= nn : i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		b = UINT32_MAX;
	}
	tui_act_msg(a, dir > 0 ? "no more links in the notes" :
	    "no link in the notes before this one");
}

/* Enter on a selected link: where it goes, as in the body; a jump
   takes the focus to the body, which shows where it went. */
static void
notes_follow_link(struct tui *t, struct acts *a)
{
	int i, n = a->n;

	tui_act_link(a, t->doc, t->doc->links[t->notes.link.target].url);
	for (i = n; i < a->n; i++)
		if (a->v[i].kind == ACT_JUMP) {
			tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 },
			    PANE_BODY);
			break;
		}
}

/* N j and N k: the Nth note on (DIR 1) or back from entry I. */
static void
notes_step(struct tui *t, uint32_t i, long n, int dir, struct acts *a)
{
	uint32_t nn = t->doc->nnotes;

	if (dir > 0 && i + 1 >= nn)
		tui_act_msg(a, "last note");
	else if (dir < 0 && i == 0)
		tui_act_msg(a, "first note");
	else if (dir > 0)
		notes_show(t, notes_at(t, n < (long)(nn - 1 - i) ?
		    i + (uint32_t)n : nn - 1));
	else
		notes_show(t, notes_at(t, n < (long)i ? i - (uint32_t)n : 0));
}

/* Handles command C on the notes, COUNT notes for j and k (0: none
   typed); returns 0 when it is not one. */
static int
notes_key(struct tui *t, enum cmd c, long count, struct acts *a)
{
	struct notes *ns = &t->notes;
	uint32_t nn = t->doc->nnotes, i;
	int h = t->ph[PANE_NOTES] > 1 ? t->ph[PANE_NOTES] : 1, row;

	if (ns->view == NULL)
		return 0;
	i = ns->sel >= 0 ? notes_index(t, (uint32_t)ns->sel) : ns->top;
	if ((c == CMD_DOWN || c == CMD_UP) && count > 1 && ns->sel >= 0) {
		notes_step(t, i, count, c == CMD_DOWN ? 1 : -1, a);
		return 1;
	}
	if (c == CMD_WINDOW_DOWN || c == CMD_WINDOW_UP)
		c = c == CMD_WINDOW_DOWN ? CMD_PAGE_DOWN : CMD_PAGE_UP;
	switch (c) {
	case CMD_DOWN:
		if (ns->sel < 0) {
			notes_show(t, notes_at(t, ns->top));
			break;
		}
		row = notes_row(t, i);
		if (row >= 0 && row < h && row + (int)notes_height(t,
		    (uint32_t)ns->sel) - 1 > h)
			notes_scroll(t, 1);
		else if (row < 0 && i == ns->top && ns->topline +
		    (uint32_t)h + 1 < notes_height(t, (uint32_t)ns->sel))
			notes_scroll(t, 1);
		else if (i + 1 < nn)
			notes_show(t, notes_at(t, i + 1));
		else
			tui_act_msg(a, "last note");
		break;
	case CMD_UP:
		if (ns->sel >= 0 && i == ns->top && ns->topline > 0)
			notes_scroll(t, -1);
		else if (ns->sel >= 0 && i > 0)
			notes_show(t, notes_at(t, i - 1));
		else if (ns->sel < 0)
			notes_show(t, notes_at(t, ns->top));
		else
			tui_act_msg(a, "first note");
		break;
	case CMD_PAGE_DOWN:
	case CMD_PAGE_UP:
	case CMD_HALF_DOWN:
	case CMD_HALF_UP:
		notes_scroll(t, c == CMD_PAGE_DOWN ? h - 1 : c == CMD_PAGE_UP ?
		    -(h - 1) : c == CMD_HALF_DOWN ? h / 2 : -(h / 2));
		/* The selection follows to the first entry on screen. */
		i = ns->topline == 0 || ns->top + 1 >= nn ? ns->top :
		    ns->top + 1;
		notes_show(t, notes_at(t, i));
		ns->reveal = 0;
		break;
	case CMD_TOP:
		ns->top = ns->topline = 0;
		notes_show(t, notes_at(t, 0));
		break;
	case CMD_END:
		notes_show(t, notes_at(t, nn - 1));
		break;
	case CMD_FOLLOW:
		if (ns->link.on)
			notes_follow_link(t, a);
		else
			notes_follow(t, a);
		break;
	case CMD_NEXT_REF:
	case CMD_PREV_REF:
		notes_next_link(t, c == CMD_NEXT_REF ? 1 : -1, a);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Draws line K of entry E on row Y. */
static void
notes_line(const struct tui *t, WINDOW *w, int y, struct nentry *e,
    size_t k, int first)
{
	const struct nline *nl = &e->lines[k];
	const struct layout *l;
	const struct line *ln;
	int sel = t->notes.sel == (int32_t)e->note, i;
	int g = t->notes.gutter, width = t->pw[PANE_NOTES];
	attr_t extra = sel ? A_BOLD : 0;

	if (first && sel)
		mvwaddch(w, y, 0, '>' | t->attr[R_MARK] | A_BOLD |
		    COLOR_PAIR(t->pair[R_MARK]));
	else if (first && notes_on_screen(t, e->note))
		mvwaddch(w, y, 0, '*' | t->attr[R_MARK] |
		    COLOR_PAIR(t->pair[R_MARK]));
	switch (nl->kind) {
	case NL_TEXT:
		if ((l = view_layout(t->notes.view, nl->block)) == NULL)
			return;
		ln = &l->lines[nl->line];
		tui_draw_line(t, w, y, g, g, width, l, ln,
		    sel ? &t->notes.link : NULL, extra);
		/* The number in the note's own style; reversed when it is
		   the selected note. */
		if (nl->block != t->doc->notes[e->note].block0)
			return;
		for (i = 0; i < ln->nsegs; i++) {
			const struct seg *s = &l->segs[ln->seg0 + i];

			if (s->off != SEG_NOOFF || !(s->style & ST_DECOR) ||
			    s->len < 2 || s->text[0] != '[')
				continue;
			if (sel)
				mvwchgat(w, y, g + s->col, s->width,
				    t->attr[R_MARK] | A_BOLD |
				    (t->focus == PANE_NOTES ? A_REVERSE :
				    A_UNDERLINE), t->pair[R_MARK], NULL);
			else
				mvwchgat(w, y, g + s->col, s->width,
				    t->attr[R_NOTEREF], t->pair[R_NOTEREF],
				    NULL);
			break;
		}
		break;
	case NL_CITED:
		tui_draw_text(w, y, g, g, width, e->cited.data + nl->off, nl->len,
		    t->attr[R_DIM], t->pair[R_DIM], t->opts->ambiguous_wide);
		break;
	case NL_BLANK:
		break;
	}
}

/* Walks the rows of the pane: draws them on W, or when W is NULL finds
   the note on row Y, and its line there in *AT. Returns that note, or
   -1. */
static int64_t
notes_walk(const struct tui *t, WINDOW *w, int y, struct nline *at)
{
	const struct notes *ns = &t->notes;
	struct nentry e;
	uint32_t i;
	size_t k;
	int row = 0, h = t->ph[PANE_NOTES];
	int64_t found = -1;

	memset(&e, 0, sizeof(e));
	for (i = ns->top; i < t->doc->nnotes && row < h; i++) {
		notes_entry(t, notes_at(t, i), &e);
		for (k = i == ns->top ? ns->topline : 0; k < e.n && row < h;
		    k++, row++) {
			if (w != NULL)
				notes_line(t, w, row, &e, k, k == 0);
			else if (row == y) {
				found = e.note;
				*at = e.lines[k];
				break;
			}
		}
		if (found >= 0)
			break;
	}
	notes_entry_free(&e);
	return found;
}

/* Draws the entries from the top one. */
static void
notes_draw(const struct tui *t, WINDOW *w)
{
	werase(w);
	if (t->notes.view == NULL) {
		tui_draw_text(w, 0, t->notes.gutter, 0, t->pw[PANE_NOTES],
		    "(no notes)", 10, t->attr[R_DIM], t->pair[R_DIM], 0);
		return;
	}
	notes_walk(t, w, -1, NULL);
}

/* The run of the link drawn at column X of line AT, or -1. */
static int64_t
notes_link_at(const struct tui *t, const struct nline *at, int x)
{
	const struct layout *l;
	const struct line *ln;
	const struct run *r;
	int i, col = x - t->notes.gutter;

	if (at->kind != NL_TEXT ||
	    (l = view_layout(t->notes.view, at->block)) == NULL)
		return -1;
	ln = &l->lines[at->line];
	for (i = 0; i < ln->nsegs; i++) {
		const struct seg *s = &l->segs[ln->seg0 + i];

		if (col < s->col || col >= s->col + s->width)
			continue;
		if (s->off == SEG_NOOFF ||
		    (r = doc_run_at(t->doc, at->block, s->off)) == NULL ||
		    !notes_is_link(r))
			return -1;
		return r - t->doc->blocks[at->block].runs;
	}
	return -1;
}

/* Selects the note on row Y, and the link at column X if there is one;
   gives the pane the focus. */
static void
notes_click(struct tui *t, int y, int x, struct acts *a)
{
	struct nline at;
	int64_t m, r;

	if (t->notes.view == NULL)
		return;
	if ((m = notes_walk(t, NULL, y, &at)) < 0)
		return;
	tui_act(a, ACT_FOCUS, (struct anchor){ 0, 0 }, PANE_NOTES);
	if ((r = notes_link_at(t, &at, x)) >= 0) {
		notes_set_link(t, (uint32_t)m, at.block, (uint32_t)r);
		t->notes.reveal = 0;
		notes_describe_link(t, a);
		return;
	}
	t->notes.sel = (int32_t)m;
	t->notes.cycle_note = -1;
	t->notes.link.on = 0;
	tui_act_msg(a, "note %u: Enter goes to where it is cited",
	    t->doc->notes[m].number);
}

/* Carries out an action addressed to the notes. */
static void
notes_act(struct tui *t, const struct act *a, struct acts *out)
{
	if (a->kind == ACT_NOTE_SHOW)
		notes_show(t, a->n);
	else if (a->kind == ACT_NOTE_OPEN)
		notes_open(t, a->n, out);
}

/* What drawing the notes depends on. */
static void
notes_shot(const struct tui *t, struct shot *s)
{
	const struct notes *ns = &t->notes;

	s->v[0] = (uint64_t)ns->top << 32 | ns->topline;
	s->v[1] = (uint64_t)(uint32_t)ns->sel << 32 | ns->gen;
	s->v[2] = t->focus == PANE_NOTES;
	s->v[3] = t->hl.gen;
	s->v[4] = (uint64_t)(uintptr_t)ns->view;
	s->v[5] = (uint64_t)ns->link.on << 32 | ns->link.block;
	s->v[6] = (uint64_t)ns->link.off << 32 | ns->link.len;
}

const struct pane_ops notes_ops = {
	.name = "notes",
	.init = notes_init,
	.free = notes_free,
	.resize = notes_resize,
	.sync = notes_sync,
	.draw = notes_draw,
	.shot = notes_shot,
	.key = notes_key,
	.click = notes_click,
	.wheel = notes_wheel,
	.act = notes_act,
};
