/*
 * tui-less.c: the keys of less(1) that take a count or are the reader's
 * alone: counts (10j, 3n, 50%), z and w, lines by number (N g), per cent
 * (N %), =, Esc u and \, Enter as a line down, and the command line (:).
 * Each command is a function of the reader and a count, 0 when none was
 * typed, found in one table by command and pane.
 *
 * A line is a line as the body shows it at its present width, the unit
 * of j and k: 10j and 11g from the top land on the same line, and =
 * counts lines so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/count.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_LESS_REPEAT	100000	/* steps a count repeats at most */

struct tui_less {
	struct count	 count;		/* typed before the command */
	long		 window;	/* z, w: the page [lines], 0: the
					   pane's height less one */
	long		 half;		/* d, u [lines], 0: half the pane */
	int		 colon;		/* the command line is open */
	struct prompt	 ed;		/* its editor */
	const char	*arg;		/* argument of the command line's
					   command running, or NULL */
	/* The lines of the body at one width, counted for =. */
	const struct doc *ldoc;
	uint64_t	 lhash;		/* of its source: the same document */
	struct layout_opts lopts;
	uint32_t	*first;		/* per body block: its first line;
					   [nbody]: the number of lines */
};

/* A command here: what runs it in which panes (KP_* bits). */
struct tui_less_cmd {
	enum cmd	 cmd;
	unsigned	 panes;
	void		(*fn)(struct tui *, long);
};

/* The state, made on first use. */
static struct tui_less *
tui_less_get(struct tui *t)
{
	if (t->less == NULL) {
		t->less = xcalloc(1, sizeof(*t->less));
		count_init(&t->less->count);
		prompt_init(&t->less->ed);
	}
	return t->less;
}

/* Frees the state. */
void
tui_less_free(struct tui *t)
{
	if (t->less == NULL)
		return;
	prompt_free(&t->less->ed);
	free(t->less->first);
	free(t->less);
	t->less = NULL;
}

/* The body's height [lines]. */
static long
tui_less_height(const struct tui *t)
{
	return t->ph[PANE_BODY] > 0 ? t->ph[PANE_BODY] : 1;
}

/*
 * Scrolls the body DIR (1: down, -1: up) by a count N of lines, or by
 * *SIZE lines when there is none (the page or the half page; 0: DFLT).
 * SETS: a count sets *SIZE instead, as z, w, d and u do in less.
 */
static void
tui_less_by(struct tui *t, long n, int dir, long *size, int sets, long dflt)
{
	if (n > 0 && sets)
		*size = n;
	if (n > 0 && !sets)
		dflt = n;
	else if (*size > 0)
		dflt = *size;
	body_scroll(t, dir * dflt);
}

/* The page, when no count has set it [lines]. */
static long
tui_less_page(const struct tui *t)
{
	return tui_less_height(t) > 2 ? tui_less_height(t) - 1 : 1;
}

/* The half page, likewise [lines]. */
static long
tui_less_half(const struct tui *t)
{
	return tui_less_height(t) > 1 ? tui_less_height(t) / 2 : 1;
}

/* j, e, Enter ...: N lines down (one without a count). */
static void
tui_less_down(struct tui *t, long n)
{
	body_scroll(t, n > 0 ? n : 1);
}

/* k, y ...: N lines up. */
static void
tui_less_up(struct tui *t, long n)
{
	body_scroll(t, n > 0 ? -n : -1);
}

/* Space, f: a page down, or N lines. */
static void
tui_less_page_down(struct tui *t, long n)
{
	tui_less_by(t, n, 1, &tui_less_get(t)->window, 0, tui_less_page(t));
}

/* b: a page up, or N lines. */
static void
tui_less_page_up(struct tui *t, long n)
{
	tui_less_by(t, n, -1, &tui_less_get(t)->window, 0, tui_less_page(t));
}

/* z: a page down; N becomes the page. */
static void
tui_less_window_down(struct tui *t, long n)
{
	tui_less_by(t, n, 1, &tui_less_get(t)->window, 1, tui_less_page(t));
}

/* w: a page up; N becomes the page. */
static void
tui_less_window_up(struct tui *t, long n)
{
	tui_less_by(t, n, -1, &tui_less_get(t)->window, 1, tui_less_page(t));
}

/* d: half a page down; N becomes the half page. */
static void
tui_less_half_down(struct tui *t, long n)
{
	tui_less_by(t, n, 1, &tui_less_get(t)->half, 1, tui_less_half(t));
}

/* u: half a page up; N becomes the half page. */
static void
tui_less_half_up(struct tui *t, long n)
{
	tui_less_by(t, n, -1, &tui_less_get(t)->half, 1, tui_less_half(t));
}

/* Brings line N (from 1) to the top, a jump: from the first line, as
   many lines down as j would go. */
static void
tui_less_line(struct tui *t, long n)
{
	struct pos p;

	if (view_empty(t->body.view))
		return;
	tui_jump_push(t);
	p = view_top(t->body.view);
	body_goto(t, view_anchor_of(t->body.view, p));
	if (n > 1)
		body_scroll(t, n - 1);
}

/* g: the top, or line N. */
static void
tui_less_top(struct tui *t, long n)
{
	if (n > 0)
		tui_less_line(t, n);
	else
		body_key(t, CMD_TOP);
}

/* G: the end, or line N. */
static void
tui_less_end(struct tui *t, long n)
{
	if (n > 0)
		tui_less_line(t, n);
	else
		body_key(t, CMD_END);
}

/*
 * N %: the first line at least N per cent into the text, as the status
 * line measures it (view_percent: the source offset of a line's block
 * plus the line's offset in the block's text), so that it then shows N.
 */
static void
tui_less_percent(struct tui *t, long n)
{
	const struct doc *d = t->doc;
	const struct layout *l;
	struct anchor a;
	uint64_t start, stop, want;
	uint32_t lo, hi, mid, i;

	if (view_empty(t->body.view))
		return;
	tui_jump_push(t);
	if (n >= 100) {
		body_key(t, CMD_END);
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
	body_goto(t, a);
}

/* ], [: the Nth section heading on. */
static void
tui_less_section(struct tui *t, enum cmd c, long n)
{
	struct anchor was;
	int32_t spy;

	do {
		was = t->body.anchor;
		spy = t->body.spy;
		body_key(t, c);
	} while (--n > 0 && t->msg[0] == '\0' && (spy != t->body.spy ||
	    was.block != t->body.anchor.block ||
	    was.off != t->body.anchor.off));
}

static void
tui_less_next_section(struct tui *t, long n)
{
	tui_less_section(t, CMD_NEXT_SECTION, n);
}

static void
tui_less_prev_section(struct tui *t, long n)
{
	tui_less_section(t, CMD_PREV_SECTION, n);
}

/* n: the Nth match on. */
static void
tui_less_search_next(struct tui *t, long n)
{
	tui_search_nth(t, 1, n > 0 ? n : 1);
}

/* N: the Nth match back. */
static void
tui_less_search_prev(struct tui *t, long n)
{
	tui_search_nth(t, -1, n > 0 ? n : 1);
}

/* Enter in the body: follows the selected reference, else a line down. */
static void
tui_less_enter(struct tui *t, long n)
{
	if (t->body.sel.on && t->body.sel.style != 0)
		body_key(t, CMD_FOLLOW);
	else
		tui_less_down(t, n);
}

/* The outline's or the notes' own key C, N times or until it stops. */
static void
tui_less_repeat(struct tui *t, enum cmd c, long n)
{
	uint32_t cursor, top, topline;
	int32_t sel;
	int (*key)(struct tui *, enum cmd) = t->focus == PANE_OUTLINE ?
	    outline_key : notes_key;

	if (n > TUI_LESS_REPEAT)
		n = TUI_LESS_REPEAT;
	do {
		cursor = t->outline.cursor;
		sel = t->notes.sel;
		top = t->notes.top;
		topline = t->notes.topline;
		if (!key(t, c))
			break;
	} while (--n > 0 && t->msg[0] == '\0' &&
	    (cursor != t->outline.cursor || sel != t->notes.sel ||
	    top != t->notes.top || topline != t->notes.topline));
}

/* j in the outline or the notes: the Nth entry on. */
static void
tui_less_entry_down(struct tui *t, long n)
{
	tui_less_repeat(t, CMD_DOWN, n);
}

static void
tui_less_entry_up(struct tui *t, long n)
{
	tui_less_repeat(t, CMD_UP, n);
}

/* z and w in the outline or the notes: their page. */
static void
tui_less_entry_page_down(struct tui *t, long n)
{
	(void)n;
	tui_less_repeat(t, CMD_PAGE_DOWN, 1);
}

static void
tui_less_entry_page_up(struct tui *t, long n)
{
	(void)n;
	tui_less_repeat(t, CMD_PAGE_UP, 1);
}

/* The first line of each body block at the body's width, counted once
   a width. */
static const uint32_t *
tui_less_lines(struct tui *t)
{
	struct tui_less *s = tui_less_get(t);
	const struct layout_opts *o = view_opts(t->body.view);
	const struct doc *d = t->doc;
	struct layout *l;
	uint32_t b, total = 0;

	if (s->first != NULL && s->ldoc == d && s->lhash == d->hash &&
	    s->lopts.width == o->width &&
	    s->lopts.ambiguous_wide == o->ambiguous_wide)
		return s->first;
	free(s->first);
	s->first = xcalloc((size_t)d->nbody + 1, sizeof(*s->first));
	for (b = 0; b < d->nbody; b++) {
		s->first[b] = total;
		l = layout_block(d, b, o);
		total += l->nlines;
		layout_free(l);
	}
	s->first[d->nbody] = total;
	s->ldoc = d;
	s->lhash = d->hash;
	s->lopts = *o;
	return s->first;
}

/* =, Ctrl-G, :f: the file, its size, the lines on screen, the place. */
static void
tui_less_info(struct tui *t, long n)
{
	const uint32_t *first;
	unsigned long from, to, total;
	int pc;

	(void)n;
	if (view_empty(t->body.view)) {
		tui_msg(t, "%s: empty, %llu bytes", t->opts->name,
		    (unsigned long long)t->doc->src_len);
		return;
	}
	first = tui_less_lines(t);
	total = first[t->doc->nbody];
	from = first[t->body.top.block] + t->body.top.line + 1;
	to = from + (unsigned long)tui_less_height(t) - 1;
	if (to > total)
		to = total;
	pc = view_percent(t->body.view, t->body.top, t->ph[PANE_BODY]);
	tui_msg(t, "%s  lines %lu-%lu of %lu  %d%%  %llu bytes  %s",
	    t->opts->name, from, to, total, pc,
	    (unsigned long long)t->doc->src_len,
	    tui_section_title(t, body_section(t)));
}

/* Esc u, \: the matches of the last search stay, their colours go. */
static void
tui_less_unhighlight(struct tui *t, long n)
{
	(void)n;
	if (t->find.n == 0) {
		tui_msg(t, "no search to take the highlighting off");
		return;
	}
	t->find.unlit = 1;
	t->dirty |= DIRTY_BODY | DIRTY_NOTES;
	tui_msg(t, "search highlighting off (n shows it again)");
}

/* :: opens the command line. */
static void
tui_less_colon(struct tui *t, long n)
{
	struct tui_less *s = tui_less_get(t);

	(void)n;
	s->colon = 1;
	prompt_start(&s->ed, NULL, 0);
	curs_set(1);
	t->dirty |= DIRTY_STATUS;
}

/* What runs here; the first row that matches command and pane. */
static const struct tui_less_cmd tui_less_cmds[] = {
	{ CMD_DOWN,		KP_BODY,	tui_less_down },
	{ CMD_UP,		KP_BODY,	tui_less_up },
	{ CMD_DOWN,		KP_OUTLINE | KP_NOTES, tui_less_entry_down },
	{ CMD_UP,		KP_OUTLINE | KP_NOTES, tui_less_entry_up },
	{ CMD_PAGE_DOWN,	KP_BODY,	tui_less_page_down },
	{ CMD_PAGE_UP,		KP_BODY,	tui_less_page_up },
	{ CMD_WINDOW_DOWN,	KP_BODY,	tui_less_window_down },
	{ CMD_WINDOW_UP,	KP_BODY,	tui_less_window_up },
	{ CMD_WINDOW_DOWN,	KP_OUTLINE | KP_NOTES,
	  tui_less_entry_page_down },
	{ CMD_WINDOW_UP,	KP_OUTLINE | KP_NOTES, tui_less_entry_page_up },
	{ CMD_HALF_DOWN,	KP_BODY,	tui_less_half_down },
	{ CMD_HALF_UP,		KP_BODY,	tui_less_half_up },
	{ CMD_TOP,		KP_BODY,	tui_less_top },
	{ CMD_END,		KP_BODY,	tui_less_end },
	{ CMD_PERCENT,		KP_ALL,		tui_less_percent },
	{ CMD_NEXT_SECTION,	KP_ALL,		tui_less_next_section },
	{ CMD_PREV_SECTION,	KP_ALL,		tui_less_prev_section },
	{ CMD_FOLLOW,		KP_BODY,	tui_less_enter },
	{ CMD_SEARCH_NEXT,	KP_ALL,		tui_less_search_next },
	{ CMD_SEARCH_PREV,	KP_ALL,		tui_less_search_prev },
	{ CMD_UNHIGHLIGHT,	KP_ALL,		tui_less_unhighlight },
	{ CMD_INFO,		KP_ALL,		tui_less_info },
	{ CMD_COLON,		KP_ALL,		tui_less_colon },
};

/* See tui.h. */
int
tui_less_command(struct tui *t, enum cmd c)
{
	long n = count_take(&tui_less_get(t)->count);
	size_t i;

	for (i = 0; i < sizeof(tui_less_cmds) / sizeof(tui_less_cmds[0]); i++)
		if (tui_less_cmds[i].cmd == c &&
		    (tui_less_cmds[i].panes & (1u << t->focus)) != 0) {
			tui_less_cmds[i].fn(t, n);
			return 1;
		}
	return 0;
}

/* Runs the command line's text: a name, then its argument. */
static void
tui_less_run(struct tui *t)
{
	struct tui_less *s = tui_less_get(t);
	const char *text = prompt_text(&s->ed), *arg;
	const struct colon *c;
	size_t len;

	text += strspn(text, " ");
	len = strcspn(text, " ");
	arg = text + len + strspn(text + len, " ");
	if (len == 0)
		return;
	if ((c = keys_colon(text, len)) == NULL) {
		tui_msg(t, "no command :%.*s (h lists the commands)",
		    (int)len, text);
		return;
	}
	if (c->arg == NULL && arg[0] != '\0') {
		tui_msg(t, ":%s takes no argument", c->name);
		return;
	}
	if (c->arg != NULL && arg[0] == '\0') {
		tui_msg(t, ":%s needs %s", c->name, c->arg);
		return;
	}
	s->arg = c->arg != NULL ? arg : NULL;
	tui_cmd(t, c->cmd);
	s->arg = NULL;
}

/* See tui.h. */
const char *
tui_less_arg(struct tui *t)
{
	return tui_less_get(t)->arg;
}

/* A key while the command line is open. */
static void
tui_less_colon_key(struct tui *t, int code)
{
	struct tui_less *s = tui_less_get(t);
	enum prompt_rc rc;

	if (code == KEYS_CTRL('r'))	/* no regular expressions here */
		return;
	rc = prompt_key(&s->ed, code);
	if (rc != PROMPT_ENTER && rc != PROMPT_CANCEL)
		return;
	s->colon = 0;
	curs_set(0);
	if (rc == PROMPT_ENTER) {
		prompt_remember(&s->ed);
		tui_less_run(t);
	}
}

/* See tui.h. */
int
tui_less_key(struct tui *t, int *code)
{
	struct tui_less *s = tui_less_get(t);

	if (s->colon) {
		tui_less_colon_key(t, *code);
		return 1;
	}
	if (t->ask.on || t->pending != CMD_NONE || t->help) {
		count_init(&s->count);
		return 0;
	}
	switch (count_key(&s->count, code)) {
	case COUNT_TYPED:
		tui_msg(t, "count %ld", s->count.n);
		return 1;
	case COUNT_CANCEL:
		return 1;
	default:
		break;
	}
	/* Esc and a key that means nothing after Esc: the key alone. */
	if ((*code & KEYS_ESC(0)) != 0 &&
	    keys_lookup(*code, 1u << t->focus) == CMD_NONE)
		*code &= ~KEYS_ESC(0);
	return 0;
}

/* See tui.h. */
int
tui_less_prompt(struct tui *t, WINDOW *w, int width)
{
	struct tui_less *s = tui_less_get(t);
	struct prompt_view v;
	int room = width > 4 ? width - 3 : 1, amb = t->opts->ambiguous_wide;

	if (!s->colon)
		return 0;
	mvwaddch(w, 0, 1, ':');
	v = prompt_view(&s->ed, room, amb);
	tui_draw_text(w, 0, 2, 2, 2 + room, prompt_text(&s->ed) + v.start,
	    v.end - v.start, 0, 0, amb);
	wmove(w, 0, 2 + v.cursor);
	return 1;
}
