/*
 * tui.c: the interactive reader. The ncurses life cycle, the event loop,
 * signals, the geometry of the panes, the status line, the overlays and
 * the help screen. The panes (body.c, outline.c, notes.c) are reached
 * only through their tables of callbacks (struct pane_ops); searching is
 * tui-search.c's, the bookmark file tui-bookmarks.c's, the count typed
 * before a command and the command line (:) tui-less.c's.
 *
 * An event goes through three steps. The focused pane, else the table
 * of commands (tui-cmd.c), else the body, handles a key: a pane changes
 * its own state and asks for the rest with actions, which tui-act.c
 * carries out. Then each pane syncs (the body first, which sets out the page
 * for the others). Then the panes draw from a const reader: a pane is
 * redrawn only when what its drawing depends on (its shot) changed,
 * copied out with wnoutrefresh, and the screen is updated once with
 * doupdate, so ncurses sends only what changed.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/options.h"
#include "lectern/termwidth.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

/* Last: its capability macros (lines, columns ...) would clash above. */
#include <term.h>

#define TUI_MIN_COLS	20	/* smaller shows "terminal too small" */
#define TUI_MIN_ROWS	6
#define TUI_WIDE	120	/* three panes side by side [columns] */
#define TUI_MEDIUM	80	/* outline | body, notes below [columns] */
#define TUI_TICK	200	/* input timeout: signals are seen [ms] */
#define TUI_ESCDELAY	25	/* wait for the rest of an escape [ms] */
#define TUI_WHEEL	3	/* lines a wheel step scrolls */
#define TUI_FRAME	PANE_N	/* the shot of the frame and list screen */
#define TUI_MIN_OUTLINE	10	/* narrowest outline set with < [columns] */
#define TUI_OUTLINE_STEP 4	/* < and > [columns] */

/* The panes, in the order they sync: the body first. */
const struct pane_ops *const tui_panes[PANE_N] = {
	[PANE_BODY] = &body_ops,
	[PANE_OUTLINE] = &outline_ops,
	[PANE_NOTES] = &notes_ops,
};

/* Why the position is being saved. */
enum tui_event { TUI_QUIT, TUI_SUSPEND, TUI_TERM };

/*
 * Called when the reader stops: on quit, on suspend and on a signal that
 * ends it. The place to save the reading position.
 */
static void
tui_hook(struct tui *t, enum tui_event ev)
{
	(void)ev;
	tui_bookmarks_save(t);
}

/*
 * Sets the message of the status line, until the next key. What it
 * quotes (a file name, an address, document text) is made inert here,
 * so that no message can reach the terminal raw.
 */
void
tui_msg(struct tui *t, const char *fmt, ...)
{
	struct buf raw = { 0 }, b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	inert_buf(&b, raw.data, raw.len, INERT_HEX);
	snprintf(t->msg, sizeof(t->msg), "%s", b.data);
	buf_free(&raw);
	buf_free(&b);
}


/*
 * The panes beside the body that take room, a bit each: the outline
 * when there are headings, the notes when there are notes, and either
 * when it has the focus (it says then that it is empty).
 */
static unsigned
tui_room(const struct tui *t)
{
	unsigned r = 0;

	if (t->doc->nheadings > 0 || t->focus == PANE_OUTLINE)
		r |= 1u << PANE_OUTLINE;
	if (t->doc->nnotes > 0 || t->focus == PANE_NOTES)
		r |= 1u << PANE_NOTES;
	return r;
}

/* Is PANE on screen (an overlay only while it is open)? */
int
tui_shown(const struct tui *t, int pane)
{
	if (t->win[pane] == NULL)
		return 0;
	if (t->shape == SHAPE_NARROW && pane != PANE_BODY)
		return t->overlay == pane;
	return 1;
}

/* Gives the focus to PANE, opening or closing its overlay; an empty
   pane takes room only while it has the focus. */
void
tui_focus(struct tui *t, int pane)
{
	unsigned was = tui_room(t);
	int overlay = -1;

	if (t->shape == SHAPE_NARROW && pane != PANE_BODY)
		overlay = pane;
	t->overlay = overlay;
	t->focus = pane;
	if (t->shape != SHAPE_NARROW && t->shape != SHAPE_TINY &&
	    tui_room(t) != was)
		tui_geometry(t);
}

/* Records the body's place and the focus before a jump: the one way
   into the jump history. */
void
tui_jump_push(struct tui *t)
{
	struct jump j;

	j.doc = t->cur;
	j.at = t->body.anchor;
	j.focus = t->focus;
	jumps_push(&t->jumps, j);
}

/* The title of heading H, or "the beginning" before the first. */
const char *
tui_section_title(const struct tui *t, int32_t h)
{
	if (h < 0 || (uint32_t)h >= t->doc->nheadings)
		return "the beginning";
	return t->doc->headings[h].title;
}

/* < and > in the outline: DIR steps wider (or narrower), until the
   reader quits. */
void
tui_outline_resize(struct tui *t, int dir)
{
	int w = t->pw[PANE_OUTLINE] + (t->overlay == PANE_OUTLINE ? 2 : 0);

	if (t->win[PANE_OUTLINE] == NULL)
		return;
	t->outline_w = w + dir * TUI_OUTLINE_STEP;
	if (t->outline_w < TUI_MIN_OUTLINE)
		t->outline_w = TUI_MIN_OUTLINE;
	tui_geometry(t);
	if (t->pw[PANE_OUTLINE] + (t->overlay == PANE_OUTLINE ? 2 : 0) == w)
		tui_msg(t, dir > 0 ? "the outline is as wide as it can be" :
		    "the outline is as narrow as it can be");
}

/* Removes every window. */
static void
tui_windows_free(struct tui *t)
{
	int i;

	for (i = 0; i < PANE_N; i++) {
		if (t->win[i])
			delwin(t->win[i]);
		if (t->frame[i])
			delwin(t->frame[i]);
		t->win[i] = t->frame[i] = NULL;
		t->ph[i] = t->pw[i] = 0;
	}
	if (t->status)
		delwin(t->status);
	if (t->helpwin)
		delwin(t->helpwin);
	t->status = t->helpwin = NULL;
}

/* Places pane P at (Y, X), H lines by W columns; FRAMED: a box around. */
static void
tui_place(struct tui *t, int p, int y, int x, int h, int w, int framed)
{
	if (framed) {
		t->frame[p] = newwin(h, w, y, x);
		wbkgd(t->frame[p], ' ' | t->attr[R_BORDER] |
		    COLOR_PAIR(t->pair[R_BORDER]));
		y++;
		x++;
		h -= 2;
		w -= 2;
	}
	if (h < 1 || w < 1)
		return;
	t->win[p] = newwin(h, w, y, x);
	t->py[p] = y;
	t->px[p] = x;
	t->ph[p] = h;
	t->pw[p] = w;
}

/* A value within [LO, HI]. */
static int
tui_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * The outline's width in COLS columns: the one set with < and > (kept
 * so that the body has TUI_MIN_BODY), else a fifth within [LO, HI];
 * -1 when it takes no room (no border either).
 */
static int
tui_outline_width(const struct tui *t, int cols, int lo, int hi)
{
	if (!(tui_room(t) & (1u << PANE_OUTLINE)))
		return -1;
	if (t->outline_w > 0)
		return tui_clamp(t->outline_w, TUI_MIN_OUTLINE,
		    cols / 2 > TUI_MIN_OUTLINE ? cols / 2 : TUI_MIN_OUTLINE);
	return tui_clamp(cols / 5, lo, hi);
}

/* Chooses the shape for the terminal's size and makes the windows. */
void
tui_geometry(struct tui *t)
{
	int rows, cols, ph, ow, nw, bw, nh, bh, fh, p;
	unsigned room = tui_room(t);

	getmaxyx(stdscr, rows, cols);
	tui_windows_free(t);
	t->rows = rows;
	t->cols = cols;
	t->dirty = DIRTY_ALL;
	if (cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS) {
		t->shape = SHAPE_TINY;
		t->status = newwin(1, cols > 0 ? cols : 1, 0, 0);
		keypad(t->status, TRUE);
		wtimeout(t->status, TUI_TICK);
		return;
	}
	ph = rows - 1;
	if (cols >= TUI_WIDE) {
		t->shape = SHAPE_WIDE;
		ow = tui_outline_width(t, cols, 20, 36);
		nw = room & (1u << PANE_NOTES) ? tui_clamp(cols / 4, 30, 48) :
		    -1;
		bw = cols - ow - nw - 2;
		if (ow > 0)
			tui_place(t, PANE_OUTLINE, 0, 0, ph, ow, 0);
		tui_place(t, PANE_BODY, 0, ow + 1, ph, bw, 0);
		if (nw > 0)
			tui_place(t, PANE_NOTES, 0, ow + 1 + bw + 1, ph, nw,
			    0);
	} else if (cols >= TUI_MEDIUM) {
		t->shape = SHAPE_MEDIUM;
		ow = tui_outline_width(t, cols, 16, 30);
		bw = cols - ow - 1;
		nh = room & (1u << PANE_NOTES) ? (ph / 3 > 2 ? ph / 3 : 2) : -1;
		bh = ph - nh - 1;
		if (ow > 0)
			tui_place(t, PANE_OUTLINE, 0, 0, ph, ow, 0);
		tui_place(t, PANE_BODY, 0, ow + 1, bh, bw, 0);
		if (nh > 0)
			tui_place(t, PANE_NOTES, bh + 1, ow + 1, nh, bw, 0);
	} else {
		t->shape = SHAPE_NARROW;
		tui_place(t, PANE_BODY, 0, 0, ph, cols, 0);
		ow = t->outline_w > 0 ? tui_clamp(t->outline_w,
		    TUI_MIN_OUTLINE, cols) : cols * 3 / 5 > 24 ?
		    cols * 3 / 5 : 24;
		tui_place(t, PANE_OUTLINE, 0, 0, ph, ow < cols ? ow : cols, 1);
		fh = ph * 2 / 3 > 3 ? ph * 2 / 3 : 3;
		tui_place(t, PANE_NOTES, ph - fh, 0, fh, cols, 1);
	}
	t->overlay = t->shape == SHAPE_NARROW && t->focus != PANE_BODY ?
	    t->focus : -1;
	t->status = newwin(1, cols, rows - 1, 0);
	keypad(t->status, TRUE);
	wtimeout(t->status, TUI_TICK);
	wbkgd(t->status, ' ' | t->attr[R_STATUS] |
	    COLOR_PAIR(t->pair[R_STATUS]));
	for (p = 0; p < PANE_N; p++)
		if (tui_panes[p]->resize != NULL)
			tui_panes[p]->resize(t);
}

/* A line-drawing cell of CH in the border's colours. */
static cchar_t
tui_border_cell(const struct tui *t, const cchar_t *ch)
{
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	cchar_t cc;

	getcchar(ch, wc, &a, &pair, NULL);
	setcchar(&cc, wc, t->attr[R_BORDER], t->pair[R_BORDER], NULL);
	return cc;
}

/* Draws the lines between the panes on the background. */
static void
tui_frame(const struct tui *t)
{
	cchar_t v = tui_border_cell(t, WACS_VLINE);
	cchar_t h = tui_border_cell(t, WACS_HLINE);
	cchar_t tee = tui_border_cell(t, WACS_LTEE);
	int x;

	werase(stdscr);
	if (t->shape != SHAPE_WIDE && t->shape != SHAPE_MEDIUM)
		return;
	if (t->win[PANE_OUTLINE] != NULL)
		mvwvline_set(stdscr, 0, t->pw[PANE_OUTLINE], &v, t->rows - 1);
	if (t->win[PANE_NOTES] == NULL)
		return;
	if (t->shape == SHAPE_WIDE)
		mvwvline_set(stdscr, 0, t->px[PANE_NOTES] - 1, &v,
		    t->rows - 1);
	else {
		x = t->px[PANE_NOTES];
		mvwhline_set(stdscr, t->py[PANE_NOTES] - 1, x, &h,
		    t->pw[PANE_NOTES]);
		if (x > 0)
			mvwadd_wch(stdscr, t->py[PANE_NOTES] - 1, x - 1,
			    &tee);
		mvwaddstr(stdscr, t->py[PANE_NOTES] - 1, x + 2, " Notes ");
	}
}

/* Draws the box of an overlay, with its title. */
static void
tui_overlay_frame(const struct tui *t, int p)
{
	WINDOW *f = t->frame[p];
	const char *title;

	if (f == NULL)
		return;
	werase(f);
	wborder_set(f, WACS_VLINE, WACS_VLINE, WACS_HLINE, WACS_HLINE,
	    WACS_ULCORNER, WACS_URCORNER, WACS_LLCORNER, WACS_LRCORNER);
	title = p == PANE_OUTLINE ? " Outline " : " Notes (Esc closes) ";
	if (getmaxx(f) > 4)
		mvwaddnstr(f, 0, 2, title, getmaxx(f) - 4);
	touchwin(f);
	wnoutrefresh(f);
}

/* Row I of the key list into B; returns the number of rows. */
static int
tui_help_keys(int i, char *b, size_t n)
{
	const struct key *k;
	const struct colon *c;
	unsigned nk, j;
	int row = 2;
	const char *where;
	char name[32];

	if (i == 0) {
		snprintf(b, n, " lectern %s: keys (q or Esc closes this)",
		    LECTERN_VERSION);
		return 0;
	}
	if (i == 1) {
		b[0] = '\0';
		return 0;
	}
	k = keys_table(&nk);
	for (j = 0; j < nk; j++) {
		if (k[j].help == NULL)
			continue;
		if (row++ == i) {
			where = k[j].panes == KP_OUTLINE ? "in the outline: " :
			    k[j].panes == KP_NOTES ? "in the notes: " : "";
			snprintf(b, n, "  %-24s %s%s", k[j].shown, where,
			    k[j].help);
			return 0;
		}
	}
	c = keys_colon_table(&nk);
	for (j = 0; j < nk; j++)
		if (row++ == i) {
			snprintf(name, sizeof(name), ":%s%s%s", c[j].name,
			    c[j].arg ? " " : "", c[j].arg ? c[j].arg : "");
			snprintf(b, n, "  %-24s %s", name, c[j].help);
			return 0;
		}
	return row;
}

/* Row I of the open list screen into B; returns the number of rows. */
static int
tui_help_row(const struct tui *t, int i, char *b, size_t n)
{
	int k;

	if (t->help == TUI_HELP_KEYS)
		return tui_help_keys(i, b, n);
	if (t->help == TUI_HELP_MATCHES)
		return tui_search_list(t, i, b, n);
	if (t->help == TUI_HELP_LIBRARY)
		return tui_library_row(t, i, b, n);
	if (i == 0) {
		snprintf(b, n, " marks: a letter goes there (q or Esc "
		    "closes this)");
		return 0;
	}
	if (i == 1) {
		b[0] = '\0';
		return 0;
	}
	k = tui_bookmarks_list(t, -1, b, n);	/* how many */
	if (i < 0)
		return 2 + (k > 0 ? k : 1);
	if (k == 0)
		snprintf(b, n, "  no marks yet: m and a letter sets one");
	else
		tui_bookmarks_list(t, i - 2, b, n);
	return 0;
}

/* Keeps the first row of the list screen within its rows. */
static void
tui_help_sync(struct tui *t)
{
	char b[8];
	int rows = t->rows - 1, total;

	if (!t->help)
		return;
	if (t->helpwin == NULL)
		t->helpwin = newwin(rows, t->cols, 0, 0);
	total = tui_help_row(t, -1, b, sizeof(b));
	if (t->help_top > total - rows)
		t->help_top = total - rows;
	if (t->help_top < 0)
		t->help_top = 0;
	tui_library_sync(t);
}

/* Draws the help screen over everything but the status line. */
static void
tui_help_draw(const struct tui *t)
{
	char b[512];
	int rows = t->rows - 1, i, total;

	werase(t->helpwin);
	total = tui_help_row(t, -1, b, sizeof(b));
	for (i = 0; i < rows && t->help_top + i < total; i++) {
		tui_help_row(t, t->help_top + i, b, sizeof(b));
		tui_draw_fit(t->helpwin, i, 0, t->cols, b, strlen(b),
		    t->help_top + i == 0 ? A_BOLD : t->help == TUI_HELP_LIBRARY ?
		    tui_library_attr(t, t->help_top + i) : 0, 0,
		    t->opts->ambiguous_wide);
		if ((t->help == TUI_HELP_MATCHES ||
		    t->help == TUI_HELP_LIBRARY) &&
		    t->help_top + i == t->list_cur)
			mvwchgat(t->helpwin, i, 0, -1, A_REVERSE, 0, NULL);
	}
	touchwin(t->helpwin);
	wnoutrefresh(t->helpwin);
}

/* Keys while the match list is open: a cursor that Enter follows. */
static int
tui_list_key(struct tui *t, enum cmd c)
{
	char b[8];
	int rows = t->rows > 2 ? t->rows - 1 : 1;
	int last = tui_help_row(t, -1, b, sizeof(b)) - 1;

	switch (c) {
	case CMD_DOWN:
		t->list_cur++;
		break;
	case CMD_UP:
		t->list_cur--;
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_DOWN:
		t->list_cur += rows - 1;
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_UP:
		t->list_cur -= rows - 1;
		break;
	case CMD_TOP:
		t->list_cur = 2;
		break;
	case CMD_END:
		t->list_cur = last;
		break;
	case CMD_FOLLOW:
		t->help = 0;
		if (t->helpwin) {
			delwin(t->helpwin);
			t->helpwin = NULL;
		}
		tui_search_list_go(t, t->list_cur);
		return 1;
	default:
		return 0;
	}
	if (t->list_cur > last)
		t->list_cur = last;
	if (t->list_cur < 2)
		t->list_cur = 2;
	if (t->list_cur < t->help_top)
		t->help_top = t->list_cur;
	if (t->list_cur >= t->help_top + rows)
		t->help_top = t->list_cur - rows + 1;
	return 1;
}

/* Keys while the help screen is open. */
static void
tui_help_key(struct tui *t, enum cmd c)
{
	int page = t->rows > 3 ? t->rows - 2 : 1;

	if ((t->help == TUI_HELP_MATCHES || t->help == TUI_HELP_LIBRARY) &&
	    tui_list_key(t, c))
		return;
	switch (c) {
	case CMD_DOWN:
		t->help_top++;
		break;
	case CMD_UP:
		t->help_top--;
		break;
	case CMD_PAGE_DOWN:
	case CMD_HALF_DOWN:
		t->help_top += page;
		break;
	case CMD_PAGE_UP:
	case CMD_HALF_UP:
		t->help_top -= page;
		break;
	case CMD_TOP:
		t->help_top = 0;
		break;
	case CMD_END:
		t->help_top = 1 << 20;
		break;
	case CMD_HELP:
	case CMD_ESCAPE:
	case CMD_QUIT:
		t->help = 0;
		if (t->helpwin) {
			delwin(t->helpwin);
			t->helpwin = NULL;
		}
		return;
	default:
		tui_msg(t, "q or Esc closes the help");
		break;
	}
}

/*
 * Brings the status line's message up to date, after the panes have
 * drawn: the first time drawing had to show '?' for text, it says why
 * (over no other message); a mark being asked for is said over any.
 */
static void
tui_status_sync(struct tui *t)
{
	static int hinted;

	if (t->shape == SHAPE_TINY || t->ask.on)
		return;
	if (!hinted && t->msg[0] == '\0' && tui_draw_replaced()) {
		hinted = 1;
		tui_msg(t, "%s", inert_locale_hint());
	}
	if (t->pending == CMD_MARK_SET)
		snprintf(t->msg, sizeof(t->msg), "set mark: a letter a-z, or A-Z (global)");
	else if (t->pending == CMD_MARK_GO)
		snprintf(t->msg, sizeof(t->msg),
		    "go to mark: a letter a-z or A-Z, ' for back, ? for the list");
}

/* Draws the status line: a message, or title and section; the place. */
static void
tui_status(const struct tui *t)
{
	WINDOW *w = t->status;
	const char *title = doc_title(t->doc), *focus = "", *msg = t->msg;
	const char *base;
	struct load *l = TUI_CUR(t)->load;
	char right[64];
	int amb = t->opts->ambiguous_wide, rw;

	werase(w);
	if (t->shape == SHAPE_TINY) {
		if (t->cols >= 18)
			mvwaddstr(w, 0, 0, "terminal too small");
		else
			mvwaddnstr(w, 0, 0, "too small", t->cols);
		wnoutrefresh(w);
		return;
	}
	if (t->ask.on || tui_less_prompt(t, w, t->cols) ||
	    tui_library_prompt(t, w, t->cols)) {
		if (t->ask.on)
			tui_search_prompt(t, w, t->cols);
		wnoutrefresh(w);
		return;
	}
	if (t->focus == PANE_OUTLINE)
		focus = "outline  ";
	else if (t->focus == PANE_NOTES)
		focus = "notes  ";
	if (l != NULL && load_partial(l) && load_message(l) == NULL)
		snprintf(right, sizeof(right), " loading %d%%  %s%3d%% ",
		    load_progress(l), focus,
		    view_percent(t->body.view, t->body.top, t->ph[PANE_BODY]));
	else
		snprintf(right, sizeof(right), " %s%3d%% ", focus,
		    view_percent(t->body.view, t->body.top,
		    t->ph[PANE_BODY]));
	rw = (int)strlen(right);
	if (rw > t->cols / 2)
		rw = 0;
	else
		mvwaddstr(w, 0, t->cols - rw, right);
	/* Only a part could be loaded: said until another message. */
	if (msg[0] == '\0' && l != NULL && load_failed(l))
		msg = load_message(l);
	if (msg[0] != '\0') {
		tui_draw_fit(w, 0, 1, t->cols - rw, msg, strlen(msg),
		    t->attr[R_MSG], t->pair[R_MSG], amb);
	} else {
		/* No title: the file's name, without its directory. */
		if (title == NULL) {
			title = TUI_CUR(t)->name;
			if ((base = strrchr(title, '/')) != NULL &&
			    base[1] != '\0')
				title = base + 1;
		}
		tui_draw_status_title(t, w, 1, t->cols - rw, title);
	}
	wnoutrefresh(w);
}

/* What each pane's redrawing is marked with. */
static const unsigned tui_dirty_pane[PANE_N] = {
	[PANE_BODY] = DIRTY_BODY,
	[PANE_OUTLINE] = DIRTY_OUTLINE,
	[PANE_NOTES] = DIRTY_NOTES,
};

/* What drawing the frame and the list screen depends on. */
static void
tui_shot(const struct tui *t, struct shot *s)
{
	s->v[0] = (uint64_t)t->shape << 32 | (uint32_t)t->overlay;
	s->v[1] = (uint64_t)(uint32_t)t->rows << 32 | (uint32_t)t->cols;
	s->v[2] = (uint64_t)(t->copied != NULL) << 32 | (uint32_t)t->help;
	s->v[3] = (uint64_t)(uint32_t)t->help_top << 32 |
	    (uint32_t)t->list_cur;
	s->v[4] = tui_library_gen(t);
	s->v[5] = t->find_gen;	/* the match list grows */
}

/*
 * Brings the state up to date for drawing (the searches, then each
 * pane, the body first), and marks for drawing what changed since it
 * was last drawn.
 */
static void
tui_update(struct tui *t)
{
	struct shot now;
	int p;

	t->stale = 0;
	if (t->shape == SHAPE_TINY)
		return;
	tui_search_sync(t);
	tui_less_sync(t);
	for (p = 0; p < PANE_N; p++)
		if (tui_panes[p]->sync != NULL)
			tui_panes[p]->sync(t);
	tui_help_sync(t);
	for (p = 0; p < PANE_N; p++) {
		memset(&now, 0, sizeof(now));
		tui_panes[p]->shot(t, &now);
		if (memcmp(&now, &t->shot[p], sizeof(now)) != 0)
			t->dirty |= tui_dirty_pane[p];
		t->shot[p] = now;
	}
	memset(&now, 0, sizeof(now));
	tui_shot(t, &now);
	if (memcmp(now.v, t->shot[TUI_FRAME].v, 3 * sizeof(now.v[0])) != 0)
		t->dirty |= DIRTY_ALL;
	else if (now.v[3] != t->shot[TUI_FRAME].v[3] ||
	    now.v[4] != t->shot[TUI_FRAME].v[4])
		t->dirty |= DIRTY_HELP;
	t->shot[TUI_FRAME] = now;
}

/* Draws pane P from the state, if it has a window, and copies it out. */
static void
tui_draw_pane(const struct tui *t, int p)
{
	if (t->win[p] == NULL)
		return;
	tui_panes[p]->draw(t, t->win[p]);
	wnoutrefresh(t->win[p]);
}

/* Draws what is dirty and updates the screen. */
static void
tui_paint(struct tui *t)
{
	int under = 0, p;

	if (t->shape == SHAPE_TINY) {
		if (t->dirty & DIRTY_FRAME) {
			werase(stdscr);
			wnoutrefresh(stdscr);
		}
		tui_status(t);
		doupdate();
		t->dirty = 0;
		return;
	}
	if (t->dirty & DIRTY_FRAME) {
		tui_frame(t);
		wnoutrefresh(stdscr);
		t->dirty |= DIRTY_BODY | DIRTY_OUTLINE | DIRTY_NOTES;
		under = 1;
	}
	if (t->dirty & DIRTY_BODY) {
		tui_draw_pane(t, PANE_BODY);
		under = 1;
	}
	for (p = 0; p < PANE_N; p++)
		if (p != PANE_BODY && t->shape != SHAPE_NARROW &&
		    (t->dirty & tui_dirty_pane[p]))
			tui_draw_pane(t, p);
	if ((p = t->overlay) >= 0 && t->win[p] != NULL && (under ||
	    (t->dirty & tui_dirty_pane[p]))) {
		tui_overlay_frame(t, p);
		tui_panes[p]->draw(t, t->win[p]);
		touchwin(t->win[p]);
		wnoutrefresh(t->win[p]);
		under = 1;
	}
	if (t->help && t->helpwin != NULL && (under ||
	    (t->dirty & DIRTY_HELP)))
		tui_help_draw(t);
	tui_draw_copied(t);
	tui_status_sync(t);
	tui_status(t);
	doupdate();
	t->dirty = 0;
}

/*
 * The test suite's check of drawing, with LECTERN_TEST_DRAW=FILE: after
 * each frame the reader syncs and draws everything again without input.
 * That must change neither the screen nor the state; what differs is
 * written to FILE. A pane that was not redrawn when its state changed
 * shows here too, as the full drawing differs from the screen.
 */
static void
tui_draw_check(struct tui *t)
{
	static cchar_t *cells;
	static size_t ncells;
	struct body body;
	struct outline outline;
	struct notes notes;
	struct page page;
	char msg[sizeof(t->msg)];
	const char *path = getenv("LECTERN_TEST_DRAW"), *what = NULL;
	size_t n = (size_t)t->rows * (size_t)t->cols, k;
	int y, x, cy, cx, help_top = t->help_top;
	cchar_t cc;
	FILE *f;

	if (path == NULL || path[0] == '\0' || t->shape == SHAPE_TINY)
		return;
	if (n > ncells) {
		free(cells);
		cells = xcalloc(n, sizeof(*cells));
		ncells = n;
	}
	memcpy(&body, &t->body, sizeof(body));
	memcpy(&outline, &t->outline, sizeof(outline));
	memcpy(&notes, &t->notes, sizeof(notes));
	memcpy(&page, &t->page, sizeof(page));
	memcpy(msg, t->msg, sizeof(msg));
	/* Reading curscr moves its cursor, which ncurses takes for the
	   terminal's: it goes back before anything is sent. */
	getyx(curscr, cy, cx);
	for (y = 0, k = 0; y < t->rows; y++)
		for (x = 0; x < t->cols; x++)
			mvwin_wch(curscr, y, x, &cells[k++]);
	wmove(curscr, cy, cx);
	t->stale = 1;
	t->dirty = DIRTY_ALL;
	tui_update(t);
	tui_paint(t);
	getyx(curscr, cy, cx);
	for (y = 0, k = 0; y < t->rows && what == NULL; y++)
		for (x = 0; x < t->cols; x++, k++) {
			mvwin_wch(curscr, y, x, &cc);
			if (memcmp(&cc, &cells[k], sizeof(cc)) != 0) {
				what = "the screen";
				break;
			}
		}
	wmove(curscr, cy, cx);
	if (what == NULL && memcmp(&body, &t->body, sizeof(body)) != 0)
		what = "the body";
	if (what == NULL && memcmp(&outline, &t->outline,
	    sizeof(outline)) != 0)
		what = "the outline";
	if (what == NULL && memcmp(&notes, &t->notes, sizeof(notes)) != 0)
		what = "the notes";
	if (what == NULL && (memcmp(&page, &t->page, sizeof(page)) != 0 ||
	    memcmp(msg, t->msg, sizeof(msg)) != 0 ||
	    help_top != t->help_top))
		what = "the reader";
	if (what == NULL || (f = fopen(path, "a")) == NULL)
		return;
	if (y > 0 && strcmp(what, "the screen") == 0)
		fprintf(f, "%s: drawing again changed the screen at row %d, "
		    "column %d\n", progname, y - 1, x);
	else
		fprintf(f, "%s: drawing again changed %s\n", progname, what);
	fclose(f);
}

/* Brings the state up to date and draws what changed. */
static void
tui_draw(struct tui *t)
{
	if (t->stale || t->dirty)
		tui_update(t);
	tui_paint(t);
	tui_draw_check(t);
}

/* Handles key CODE. */
static void
tui_key(struct tui *t, int code)
{
	enum cmd c;
	long count;

	t->msg[0] = '\0';
	if (t->copied != NULL) {	/* y's address: any key closes it */
		free(t->copied);
		t->copied = NULL;
		return;
	}
	if (tui_less_key(t, &code, &count))
		return;
	if (t->ask.on) {
		tui_search_key(t, code);
		return;
	}
	if (t->pending != CMD_NONE) {
		tui_cmd_mark(t, code);
		return;
	}
	c = keys_lookup(code, 1u << t->focus);
	if (t->help == TUI_HELP_LIBRARY && tui_library_key(t, code, c))
		return;
	if (t->help == TUI_HELP_MARKS && code >= 'a' && code <= 'z') {
		tui_help_key(t, CMD_ESCAPE);
		t->pending = CMD_MARK_GO;
		tui_cmd_mark(t, code);
		return;
	}
	if (t->help) {
		tui_help_key(t, c);
		return;
	}
	if (c == CMD_NONE) {
		if (code >= ' ' && code < 0x7f)
			tui_msg(t, "no command on '%c' (h for help)", code);
		return;
	}
	tui_cmd_run(t, c, count);
}

/*
 * The test suite's handshake: with LECTERN_TEST_SYNC=1, Ctrl-] finishes
 * the frame of the keys before it and then sets the terminal's working
 * directory (OSC 7) to "lectern-sync N", N counting these keys. A
 * terminal handles its input in order, so once it reports N, it shows
 * that frame. Returns 1 when CODE was this key.
 */
static int
tui_handshake(struct tui *t, int code)
{
	static unsigned long n;
	const char *v;

	if (code != KEYS_CTRL(']') ||
	    (v = getenv("LECTERN_TEST_SYNC")) == NULL || strcmp(v, "1") != 0)
		return 0;
	tui_draw(t);
	printf("\033]7;lectern-sync %lu\007", ++n);
	fflush(stdout);
	return 1;
}

/* The pane under screen cell (Y, X), or -1. */
static int
tui_pane_at(const struct tui *t, int y, int x)
{
	int p;

	if (t->overlay >= 0) {
		p = t->overlay;
		if (y >= t->py[p] - 1 && y <= t->py[p] + t->ph[p] &&
		    x >= t->px[p] - 1 && x <= t->px[p] + t->pw[p])
			return y >= t->py[p] && y < t->py[p] + t->ph[p] &&
			    x >= t->px[p] && x < t->px[p] + t->pw[p] ? p : -1;
	}
	for (p = 0; p < PANE_N; p++)
		if (tui_shown(t, p) && y >= t->py[p] &&
		    y < t->py[p] + t->ph[p] && x >= t->px[p] &&
		    x < t->px[p] + t->pw[p])
			return p;
	return -1;
}

/* Handles a mouse event: the wheel scrolls, a click follows. */
static void
tui_mouse(struct tui *t)
{
	MEVENT ev;
	struct acts a;
	int p, n = 0;

	if (getmouse(&ev) != OK || t->shape == SHAPE_TINY)
		return;
	t->msg[0] = '\0';
	a.n = 0;
	a.used = 0;
	if (t->help == TUI_HELP_LIBRARY &&
	    (ev.bstate & (BUTTON1_CLICKED | BUTTON1_RELEASED))) {
		tui_library_click(t, ev.y);
		return;
	}
	if (t->help) {
		if (ev.bstate & BUTTON4_PRESSED)
			tui_help_key(t, CMD_UP);
#ifdef BUTTON5_PRESSED
		else if (ev.bstate & BUTTON5_PRESSED)
			tui_help_key(t, CMD_DOWN);
#endif
		return;
	}
	if (ev.bstate & BUTTON4_PRESSED)
		n = -TUI_WHEEL;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		n = TUI_WHEEL;
#endif
	p = tui_pane_at(t, ev.y, ev.x);
	if (n != 0) {
		if (p >= 0 && tui_panes[p]->wheel != NULL) {
			tui_panes[p]->wheel(t, n, &a);
			tui_act_apply(t, &a);
		}
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_RELEASED)))
		return;
	if (p < 0) {
		if (t->overlay >= 0 && tui_pane_at(t, ev.y, ev.x) < 0 &&
		    ev.y < t->rows - 1)
			tui_focus(t, PANE_BODY);
		return;
	}
	if (tui_panes[p]->click != NULL) {
		tui_panes[p]->click(t, ev.y - t->py[p], ev.x - t->px[p], &a);
		tui_act_apply(t, &a);
	}
}

/* Draws everything again, the terminal cleared first. */
void
tui_redraw(struct tui *t)
{
	clearok(curscr, TRUE);
	t->dirty = DIRTY_ALL;
}

/* Ctrl-Z: hands the terminal back, stops, and redraws on fg. */
static void
tui_suspend(struct tui *t)
{
	struct sigaction sa, old;

	tui_hook(t, TUI_SUSPEND);
	tui_signal_raw(0);
	endwin();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	raise(SIGTSTP);
	/* Here again after SIGCONT. */
	sigaction(SIGTSTP, &old, NULL);
	tui_signal_raw(1);
	tui_redraw(t);
}

/* Moves anchor A from the partial document OLD to the whole one. */
static void
tui_map(struct tui *t, const struct doc *old, struct anchor *a)
{
	*a = load_map(old, *a, t->doc);
}

/*
 * The whole document has come in place of the partial one: every place
 * kept moves over, the panes start again on it, and a reader who has not
 * moved yet gets the saved place (or --section) that the partial one
 * could not hold.
 */
static void
tui_swap(struct tui *t, struct doc *whole)
{
	struct doc *old = t->doc;
	struct tui_visit *v = TUI_CUR(t);
	struct anchor top = t->body.anchor;
	int i, p, moved, focus = t->focus;

	/* Since it opened: a place saved meanwhile is no reason to move. */
	moved = top.block != t->bm_opened.block ||
	    top.off != t->bm_opened.off;
	if (t->ask.on)
		tui_search_key(t, 27);	/* a prompt ends: its matches go */
	tui_search_drop(t);
	for (p = PANE_N; p-- > 0; )
		tui_panes[p]->free(t);
	t->doc = v->doc = whole;
	tui_map(t, old, &top);
	/* The places of this document only: a jump names its document. */
	for (i = 0; i < t->jumps.nback; i++)
		if (t->jumps.back[i].doc == t->cur)
			tui_map(t, old, &t->jumps.back[i].at);
	for (i = 0; i < t->jumps.nfwd; i++)
		if (t->jumps.fwd[i].doc == t->cur)
			tui_map(t, old, &t->jumps.fwd[i].at);
	for (i = 0; i < 26; i++)
		if ((t->marks_set & ~t->marks_wait) & (1u << i))
			tui_map(t, old, &t->marks[i]);
	tui_bookmarks_whole(t);
	tui_map(t, old, &t->bm_saved);
	for (p = 0; p < PANE_N; p++)
		tui_panes[p]->init(t);
	t->focus = PANE_BODY;
	t->overlay = -1;
	tui_geometry(t);
	tui_act_do(t, ACT_RESTORE, top, 0);
	if (focus != PANE_BODY)
		tui_focus(t, focus);
	if (!moved) {
		t->bm_saved = t->body.anchor;
		if (v->section != NULL)
			tui_doc_section(t, v->section);
		if (v->anchor != NULL)
			tui_doc_anchor(t, v->anchor);
		tui_bookmarks_resume(t, v->section == NULL &&
		    v->anchor == NULL);
	}
	load_drop_partial(v->load);
	if (load_message(v->load) != NULL)
		tui_msg(t, "%s", load_message(v->load));
	t->dirty = DIRTY_ALL;
}

/* Takes the whole document when its thread has finished. */
static void
tui_poll(struct tui *t)
{
	struct doc *whole;

	struct load *l = TUI_CUR(t)->load;

	if (l == NULL || !load_partial(l))
		return;
	/* The status line, drawn every time, shows the progress. */
	if ((whole = load_poll(l)) != NULL)
		tui_swap(t, whole);
}

/*
 * Can this terminal show the reader? Asks terminfo only, writing
 * nothing; prints why not on standard error.
 */
static int
tui_usable(void)
{
	const char *term = getenv("TERM");
	const char *cup;
	int err = 0;

	if (term == NULL || term[0] == '\0') {
		fprintf(stderr, "%s: TERM is not set; printing the text\n",
		    progname);
		return 0;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		inert_warnx("unknown terminal '%s'; printing the text", term);
		return 0;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || strcmp(term, "dumb") == 0) {
		del_curterm(cur_term);
		inert_warnx("terminal '%s' cannot show the reader; "
		    "printing the text", term);
		return 0;
	}
	del_curterm(cur_term);
	return 1;
}

/* See tui.h. */
int
tui_run(struct doc *d, const struct options *o)
{
	struct tui *t;
	SCREEN *scr;
	FILE *in = stdin;
	wint_t wc;
	char keys[64];
	size_t early;
	int rc, status = 0, code, p;

	if (!tui_usable())
		return -1;
	if (!isatty(STDIN_FILENO) && (in = fopen("/dev/tty", "r")) == NULL) {
		fprintf(stderr, "%s: no terminal to read keys from; printing "
		    "the text\n", progname);
		return -1;
	}

	t = xcalloc(1, sizeof(*t));
	t->doc = d;
	t->opts = o;
	tui_doc_first(t);
	t->focus = PANE_BODY;
	t->overlay = -1;
	tui_bookmarks_open(t);

	/* Ours before ncurses starts, so that it keeps them. */
	tui_signal_catch();

	/* The terminal's widths, asked before ncurses takes the screen. */
	early = termwidth_start(fileno(in), STDOUT_FILENO, keys, sizeof(keys));

	if ((scr = newterm(NULL, stdout, in)) == NULL) {
		tui_signal_release();
		if (in != stdin)
			fclose(in);
		tui_bookmarks_close(t);
		tui_doc_free(t);
		free(t);
		fprintf(stderr, "%s: cannot start the terminal; printing the "
		    "text\n", progname);
		return -1;
	}
	set_term(scr);
	while (early > 0)	/* keys typed while it answered */
		ungetch((unsigned char)keys[--early]);
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	set_escdelay(TUI_ESCDELAY);
	mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	tui_signal_raw(1);

	tui_draw_theme(t);
	tui_search_init(t);
	for (p = 0; p < PANE_N; p++)
		tui_panes[p]->init(t);
	tui_geometry(t);
	if (o->section != NULL)
		tui_doc_section(t, o->section);
	if (o->anchor != NULL)
		tui_doc_anchor(t, o->anchor);
	tui_bookmarks_resume(t, o->section == NULL && o->anchor == NULL);
	if (o->section == NULL && o->anchor == NULL)
		tui_doc_book(t);

	while (!t->quit) {
		if (tui_signal_quit()) {
			tui_hook(t, TUI_TERM);
			status = 128 + tui_signal_quit();
			break;
		}
		if (tui_signal_stopped())
			tui_suspend(t);
		tui_poll(t);
		tui_search_poll(t);
		tui_bookmarks_tick(t);
		tui_draw(t);
		rc = wget_wch(t->status, &wc);
		if (rc == ERR)
			continue;	/* the tick, or a signal */
		code = keys_code(rc, (unsigned)wc);
		if (tui_handshake(t, code))
			continue;
		t->stale = 1;
		if (code == KEYS_FN(KEY_RESIZE))
			tui_geometry(t);
		else if (code == KEYS_FN(KEY_MOUSE))
			tui_mouse(t);
		else
			tui_key(t, code);
	}
	if (t->quit)
		tui_hook(t, TUI_QUIT);

	tui_windows_free(t);
	tui_signal_raw(0);
	endwin();
	delscreen(scr);
	tui_signal_release();
	if (in != stdin)
		fclose(in);
	tui_bookmarks_close(t);
	tui_search_free(t);
	tui_less_free(t);
	tui_library_free(t);
	for (p = PANE_N; p-- > 0; )
		tui_panes[p]->free(t);
	tui_doc_free(t);
	free(t->copied);
	free(t);
	return status;
}
