/*
 * tui-draw.c: the reader's drawing device. Document text goes to ncurses
 * only here, as wide characters cell by cell at the columns that layout
 * computed, clipped at a pane's edges without cutting a wide character;
 * and the theme turns styles into colours and attributes. It reads the
 * reader's state and changes none of it: the matches to colour are set
 * out before drawing (struct hl).
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/search.h"
#include "lectern/termwidth.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_DRAW_DEPTH		6	/* section levels on the status line */
#define TUI_DRAW_MINTITLE	8	/* of a cut title, else none [columns] */

/* One role of a theme: colours and attributes. */
struct tui_draw_role {
	short		 fg, bg;	/* -1 for the terminal's default */
	attr_t		 attr;
};

static const struct tui_draw_role tui_draw_default[R_N] = {
	[R_TEXT]	= { -1, -1, 0 },
	[R_HEAD1]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_HEAD]	= { -1, -1, A_BOLD },
	[R_CODE]	= { COLOR_GREEN, -1, 0 },
	[R_LINK]	= { -1, -1, A_UNDERLINE },
	[R_NOTEREF]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_DECOR]	= { -1, -1, A_DIM },
	[R_QUOTE]	= { -1, -1, A_ITALIC },
	[R_CONTROL]	= { COLOR_RED, -1, A_REVERSE },
	[R_STATUS]	= { -1, -1, A_REVERSE },
	[R_MSG]		= { -1, -1, A_REVERSE | A_BOLD },
	[R_MARK]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_DIM]		= { -1, -1, A_DIM },
	[R_BORDER]	= { -1, -1, A_DIM },
	[R_MATCH]	= { COLOR_BLACK, COLOR_YELLOW, 0 },
	[R_NOTE]	= { COLOR_BLUE, -1, 0 },
	[R_TIP]		= { COLOR_GREEN, -1, 0 },
	[R_IMPORTANT]	= { COLOR_MAGENTA, -1, 0 },
	[R_WARNING]	= { COLOR_YELLOW, -1, 0 },
	[R_CAUTION]	= { COLOR_RED, -1, 0 },
};

static const struct tui_draw_role tui_draw_dark[R_N] = {
	[R_TEXT]	= { -1, -1, 0 },
	[R_HEAD1]	= { COLOR_CYAN, -1, A_BOLD },
	[R_HEAD]	= { COLOR_YELLOW, -1, A_BOLD },
	[R_CODE]	= { COLOR_GREEN, -1, 0 },
	[R_LINK]	= { COLOR_CYAN, -1, A_UNDERLINE },
	[R_NOTEREF]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_DECOR]	= { COLOR_BLUE, -1, A_BOLD },
	[R_QUOTE]	= { -1, -1, A_ITALIC },
	[R_CONTROL]	= { COLOR_RED, -1, A_REVERSE },
	[R_STATUS]	= { COLOR_BLACK, COLOR_CYAN, 0 },
	[R_MSG]		= { COLOR_BLACK, COLOR_YELLOW, 0 },
	[R_MARK]	= { COLOR_YELLOW, -1, A_BOLD },
	[R_DIM]		= { -1, -1, A_DIM },
	[R_BORDER]	= { COLOR_BLUE, -1, A_BOLD },
	[R_MATCH]	= { COLOR_BLACK, COLOR_YELLOW, 0 },
	[R_NOTE]	= { COLOR_BLUE, -1, 0 },
	[R_TIP]		= { COLOR_GREEN, -1, 0 },
	[R_IMPORTANT]	= { COLOR_MAGENTA, -1, 0 },
	[R_WARNING]	= { COLOR_YELLOW, -1, 0 },
	[R_CAUTION]	= { COLOR_RED, -1, 0 },
};

static const struct tui_draw_role tui_draw_light[R_N] = {
	[R_TEXT]	= { -1, -1, 0 },
	[R_HEAD1]	= { COLOR_BLUE, -1, A_BOLD },
	[R_HEAD]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_CODE]	= { COLOR_RED, -1, 0 },
	[R_LINK]	= { COLOR_BLUE, -1, A_UNDERLINE },
	[R_NOTEREF]	= { COLOR_MAGENTA, -1, A_BOLD },
	[R_DECOR]	= { -1, -1, A_DIM },
	[R_QUOTE]	= { -1, -1, A_ITALIC },
	[R_CONTROL]	= { COLOR_RED, -1, A_REVERSE },
	[R_STATUS]	= { COLOR_WHITE, COLOR_BLUE, 0 },
	[R_MSG]		= { COLOR_BLACK, COLOR_YELLOW, 0 },
	[R_MARK]	= { COLOR_RED, -1, A_BOLD },
	[R_DIM]		= { -1, -1, A_DIM },
	[R_BORDER]	= { -1, -1, A_DIM },
	[R_MATCH]	= { COLOR_BLACK, COLOR_YELLOW, 0 },
	[R_NOTE]	= { COLOR_BLUE, -1, 0 },
	[R_TIP]		= { COLOR_GREEN, -1, 0 },
	[R_IMPORTANT]	= { COLOR_MAGENTA, -1, 0 },
	[R_WARNING]	= { COLOR_YELLOW, -1, 0 },
	[R_CAUTION]	= { COLOR_RED, -1, 0 },
};

/* Monochrome: attributes only. */
static const attr_t tui_draw_mono[R_N] = {
	[R_TEXT]	= 0,
	[R_HEAD1]	= A_BOLD | A_UNDERLINE,
	[R_HEAD]	= A_BOLD,
	[R_CODE]	= 0,
	[R_LINK]	= A_UNDERLINE,
	[R_NOTEREF]	= A_BOLD,
	[R_DECOR]	= 0,
	[R_QUOTE]	= 0,
	[R_CONTROL]	= A_REVERSE,
	[R_STATUS]	= A_REVERSE,
	[R_MSG]		= A_REVERSE | A_BOLD,
	[R_MARK]	= A_BOLD,
	[R_DIM]		= 0,
	[R_BORDER]	= 0,
	[R_MATCH]	= A_REVERSE,
	[R_NOTE]	= A_BOLD,
	[R_TIP]		= A_BOLD,
	[R_IMPORTANT]	= A_BOLD,
	[R_WARNING]	= A_BOLD,
	[R_CAUTION]	= A_BOLD,
};

/* Set once a character has been drawn as '?' (tui_draw_text). */
static int tui_draw_lossy;

/*
 * Draws LEN bytes of UTF-8 at column X of row Y, only within columns
 * [XMIN, XMAX): a wide character that would straddle either edge shows
 * as blanks. Characters advance by their layout width, so that what is
 * drawn sits where layout put it; each is drawn as termwidth_map says,
 * which leaves out what the terminal would join otherwise than ncurses
 * counts (termwidth.h). In a locale whose character set is not
 * UTF-8, which ncurses cannot draw them in, characters beyond ASCII show
 * as '?' padded with blanks to their width, as in the dump. Returns the
 * column after the last character drawn.
 */
int
tui_draw_text(WINDOW *w, int y, int x, int xmin, int xmax, const char *s,
    size_t len, attr_t a, short pair, int amb)
{
	const char *p = s, *end = s + len;
	wchar_t cell[CCHARW_MAX + 1], wc;
	mbstate_t ms;
	cchar_t cc;
	size_t k;
	int n, cw, i, last = x, ascii = !inert_utf8();

	memset(&ms, 0, sizeof(ms));
	while (p < end && x < xmax) {
		if (ascii && (unsigned char)*p >= 0x80) {
			k = utf8_len(p, (size_t)(end - p));
			cw = layout_width(p, k, amb);
			p += k;
			if (cw <= 0)
				continue;	/* a combining mark */
			tui_draw_lossy = 1;
			for (i = x < xmin ? xmin : x; i < x + cw && i < xmax;
			    i++)
				mvwaddch(w, y, i, (i == x && x + cw <= xmax ?
				    '?' : ' ') | a | COLOR_PAIR(pair));
			if (x >= xmin && x + cw <= xmax)
				last = x + cw;
			x += cw;
			continue;
		}
		k = mbrtowc(&wc, p, (size_t)(end - p), &ms);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ms, 0, sizeof(ms));
			wc = 0xfffd;
			k = 1;
			while (p + k < end && ((unsigned char)p[k] & 0xc0) ==
			    0x80)
				k++;
		}
		/* Drawn apart: left out, or another character. */
		if (termwidth_special((uint32_t)wc) &&
		    (wc = (wchar_t)termwidth_map((uint32_t)wc)) == 0) {
			p += k;
			continue;
		}
		if (wc < 0x20 || wc == 0x7f) {	/* a hard break, a tab */
			wc = ' ';
			cw = 1;
		} else
			cw = layout_width(p, k, amb);
		p += k;
		n = 0;
		cell[n++] = wcwidth(wc) < 0 ? 0xfffd : wc;
		/* Combining marks go into the cell of their base. */
		while (p < end) {
			mbstate_t ms2 = ms;
			size_t k2 = mbrtowc(&wc, p, (size_t)(end - p), &ms2);

			if (k2 == (size_t)-1 || k2 == (size_t)-2 || k2 == 0 ||
			    wc < 0x20 || layout_width(p, k2, amb) != 0)
				break;
			if (n < CCHARW_MAX && wcwidth(wc) == 0 &&
			    termwidth_map((uint32_t)wc) != 0)
				cell[n++] = wc;
			ms = ms2;
			p += k2;
		}
		cell[n] = L'\0';
		if (cw <= 0)
			continue;	/* a lone zero-width character */
		if (x < xmin || x + cw > xmax) {
			for (i = x < xmin ? xmin : x; i < x + cw && i < xmax;
			    i++)
				mvwaddch(w, y, i, ' ' | a | COLOR_PAIR(pair));
			x += cw;
			continue;
		}
		setcchar(&cc, cell, a, pair, NULL);
		mvwadd_wch(w, y, x, &cc);
		x += cw;
		last = x;
	}
	return last;
}

/* Whether a character beyond ASCII has been drawn as '?'. */
int
tui_draw_replaced(void)
{
	return tui_draw_lossy;
}

/* Draws text in columns [X, XMAX), cut with an ellipsis (a '~' where
   the locale is not UTF-8) when too wide; returns the column after it. */
int
tui_draw_fit(WINDOW *w, int y, int x, int xmax, const char *s, size_t len,
    attr_t a, short pair, int amb)
{
	const char *ell = inert_utf8() ? "\xe2\x80\xa6" : "~";  /* U+2026 */
	size_t el = strlen(ell);
	int ew = layout_width(ell, el, amb), end;

	if (x >= xmax)
		return x;
	if (x + layout_width(s, len, amb) <= xmax)
		return tui_draw_text(w, y, x, x, xmax, s, len, a, pair, amb);
	if (xmax - x <= ew)
		return tui_draw_text(w, y, x, x, xmax, ell, el, a, pair, amb);
	end = tui_draw_text(w, y, x, x, xmax - ew, s, len, a, pair, amb);
	/* Blank what a cut wide character left. */
	if (end < xmax - ew)
		mvwhline(w, y, end, ' ' | a | COLOR_PAIR(pair), xmax - ew - end);
	return tui_draw_text(w, y, end, end, xmax, ell, el, a, pair, amb);
}

/* The attributes and colour pair of a segment's style. */
void
tui_draw_style(const struct tui *t, uint16_t style, int kind, int level,
    attr_t *ap, short *pp)
{
	enum role r = R_TEXT;
	attr_t a;

	if (kind == LINE_HEADING || kind == LINE_UNDERLINE ||
	    (style & ST_HEADING))
		r = level > 0 && level <= 2 ? R_HEAD1 : R_HEAD;
	else if (style & ST_QUOTE)
		r = R_QUOTE;
	if (style & (ST_CODE | ST_CODEBLOCK))
		r = R_CODE;
	if ((style & ST_DECOR) && kind != LINE_UNDERLINE)
		r = R_DECOR;
	if (style & (ST_LINK | ST_IMAGE))
		r = R_LINK;
	if (style & ST_NOTEREF)
		r = R_NOTEREF;
	if (style & ST_CONTROL)
		r = R_CONTROL;
	a = t->attr[r];
	if (style & ST_EMPH)
		a |= A_ITALIC;
	if (style & (ST_STRONG | ST_TABLEHEAD))
		a |= A_BOLD;
	if (style & ST_STRIKE)
		a |= A_DIM;
	*ap = a;
	*pp = t->pair[r];
}

/*
 * Struck text: ncurses has no attribute for SGR 9 (smxx), and one sent
 * behind its back would not survive its own redraws, so each character
 * gets U+0336 COMBINING LONG STROKE OVERLAY, which the terminal draws in
 * the character's cell. Where the locale is not UTF-8, layout put "~~"
 * around struck text instead, and it is only dim; so are the stand-ins
 * of control characters, which stay as they are. Returns a copy of N
 * bytes at S, as wide, that the caller frees; or NULL.
 */
static char *
tui_draw_struck(const char *s, size_t n, int amb, size_t *lenp)
{
	struct buf b = { 0 };
	size_t k;

	if (!inert_utf8())
		return NULL;
	while (n > 0) {
		k = utf8_len(s, n);
		buf_add(&b, s, k);
		if (layout_width(s, k, amb) > 0)
			buf_adds(&b, "\xcc\xb6");	/* U+0336 */
		s += k;
		n -= k;
	}
	*lenp = b.len;
	return b.data;
}

/*
 * An alert's label, and the quote bars of its lines, take the colour of
 * its kind: *AP and *PP for segment style STYLE on a line of ALERT.
 */
static void
tui_draw_alert(const struct tui *t, uint16_t style, int alert, attr_t *ap,
    short *pp)
{
	enum role r;

	if (alert <= ALERT_NONE || alert > ALERT_CAUTION ||
	    !(style & ST_ALERT || (style & (ST_DECOR | ST_QUOTE)) ==
	    (ST_DECOR | ST_QUOTE)))
		return;
	r = (enum role)(R_NOTE + alert - ALERT_NOTE);
	*ap = (*ap & ~A_DIM) | t->attr[r];
	*pp = t->pair[r];
}

/*
 * Draws segment S at column X with attributes A, the bytes that matches
 * HL (N of them, in order) cover in the match colours.
 */
static void
tui_draw_matched(const struct tui *t, WINDOW *w, int y, int x, int xmin, int xmax,
    const struct seg *s, attr_t a, short pair, const struct match *hl,
    size_t n, const struct sel *sel)
{
	uint32_t at = 0, from, to;
	attr_t ma;
	int amb = t->opts->ambiguous_wide;
	size_t i;

	for (i = 0; i < n && at < s->len; i++) {
		if (hl[i].off + hl[i].len <= s->off + at)
			continue;
		if (hl[i].off >= s->off + s->len)
			break;
		from = hl[i].off > s->off ? hl[i].off - s->off : 0;
		to = hl[i].off + hl[i].len - s->off;
		if (to > s->len)
			to = s->len;
		if (from > at) {
			tui_draw_text(w, y, x, xmin, xmax, s->text + at, from - at,
			    a, pair, amb);
			x += layout_width(s->text + at, from - at, amb);
			at = from;
		}
		/* The current match stands out from the others. */
		ma = (a & ~(A_REVERSE | A_UNDERLINE)) | t->attr[R_MATCH];
		if (sel != NULL && sel->on && sel->style == 0 &&
		    sel->block == hl[i].block && sel->off == hl[i].off)
			ma = (ma ^ A_REVERSE) | A_BOLD | A_UNDERLINE;
		tui_draw_text(w, y, x, xmin, xmax, s->text + at, to - at, ma,
		    t->pair[R_MATCH], amb);
		x += layout_width(s->text + at, to - at, amb);
		at = to;
	}
	if (at < s->len)
		tui_draw_text(w, y, x, xmin, xmax, s->text + at, s->len - at, a, pair,
		    amb);
}

/* The matches to colour in block B: *M and *N. */
static void
tui_draw_block_matches(const struct tui *t, uint32_t b,
    const struct match **m, size_t *n)
{
	size_t lo, hi;

	*m = NULL;
	*n = 0;
	if (t->hl.n == 0)
		return;
	lo = search_lower(t->hl.m, t->hl.n, b, 0);
	hi = search_lower(t->hl.m, t->hl.n, b + 1, 0);
	if (hi > lo) {
		*m = t->hl.m + lo;
		*n = hi - lo;
	}
}

/* Draws line LN of L on row Y, its columns shifted by X0, clipped
   to [XMIN, XMAX); SEL in reverse video, matches in their colours. */
void
tui_draw_line(const struct tui *t, WINDOW *w, int y, int x0, int xmin,
    int xmax, const struct layout *l, const struct line *ln,
    const struct sel *sel, attr_t extra)
{
	const struct match *hl = NULL;
	attr_t a;
	short pair;
	size_t nhl = 0, n;
	char *struck;
	int i;

	tui_draw_block_matches(t, l->block, &hl, &nhl);
	for (i = 0; i < ln->nsegs; i++) {
		const struct seg *s = &l->segs[ln->seg0 + i];

		if (x0 + s->col >= xmax)
			break;
		if (x0 + s->col + s->width <= xmin)
			continue;
		tui_draw_style(t, s->style, ln->kind, ln->level, &a, &pair);
		tui_draw_alert(t, s->style, ln->alert, &a, &pair);
		/* A selected reference (a match is drawn as one). */
		if (sel != NULL && sel->on && sel->style != 0 &&
		    sel->block == l->block && s->off != SEG_NOOFF &&
		    s->off >= sel->off && s->off < sel->off + sel->len)
			a |= A_REVERSE;
		if (nhl > 0 && s->off != SEG_NOOFF)
			tui_draw_matched(t, w, y, x0 + s->col, xmin, xmax, s,
			    a | extra, pair, hl, nhl, sel);
		else if ((s->style & (ST_STRIKE | ST_CONTROL)) == ST_STRIKE &&
		    (struck = tui_draw_struck(s->text, s->len,
		    t->opts->ambiguous_wide, &n)) != NULL) {
			tui_draw_text(w, y, x0 + s->col, xmin, xmax, struck,
			    n, a | extra, pair, t->opts->ambiguous_wide);
			free(struck);
		} else
			tui_draw_text(w, y, x0 + s->col, xmin, xmax, s->text,
			    s->len, a | extra, pair, t->opts->ambiguous_wide);
	}
}

/*
 * Draws the address that y copied over the top rows of the screen, as
 * many as it needs at the screen's width, so that the mouse can select
 * it where the terminal ignores OSC 52.
 */
void
tui_draw_copied(const struct tui *t)
{
	const char *s = t->copied;
	WINDOW *w;
	size_t len, at, k;
	int amb = t->opts->ambiguous_wide, rows, row, col, cw;

	if (s == NULL || t->cols < 1)
		return;
	len = strlen(s);
	rows = (layout_width(s, len, amb) + t->cols - 1) / t->cols;
	if (rows < 1)
		rows = 1;
	if (rows > t->rows - 1)
		rows = t->rows - 1 > 0 ? t->rows - 1 : 1;
	if ((w = newwin(rows, t->cols, 0, 0)) == NULL)
		return;
	wbkgd(w, ' ' | t->attr[R_MSG] | COLOR_PAIR(t->pair[R_MSG]));
	for (row = 0, at = 0; row < rows && at < len; row++) {
		/* As much as fits on the row, whole characters. */
		for (k = at, col = 0; k < len; k += utf8_len(s + k, len - k)) {
			cw = layout_width(s + k, utf8_len(s + k, len - k), amb);
			if (col + cw > t->cols)
				break;
			col += cw;
		}
		if (k == at)
			break;
		tui_draw_text(w, row, 0, 0, t->cols, s + at, k - at,
		    t->attr[R_MSG], t->pair[R_MSG], amb);
		at = k;
	}
	touchwin(w);
	wnoutrefresh(w);
	delwin(w);
}

/* Sets up colours or attributes for the roles. */
void
tui_draw_theme(struct tui *t)
{
	const struct options *o = t->opts;
	const struct tui_draw_role *th = tui_draw_default;
	const char *nc = getenv("NO_COLOR");
	short fg, bg;
	int r, dflt;

	t->mono = !has_colors() || (o->theme && strcmp(o->theme, "mono") ==
	    0) || (nc != NULL && nc[0] != '\0') || o->color == COLOR_NEVER;
	if (o->theme && strcmp(o->theme, "dark") == 0)
		th = tui_draw_dark;
	else if (o->theme && strcmp(o->theme, "light") == 0)
		th = tui_draw_light;
	if (!t->mono && (start_color() == ERR || COLORS < 8))
		t->mono = 1;
	if (t->mono) {
		for (r = 0; r < R_N; r++) {
			t->attr[r] = tui_draw_mono[r];
			t->pair[r] = 0;
		}
		return;
	}
	dflt = use_default_colors() == OK;
	for (r = 0; r < R_N; r++) {
		fg = th[r].fg;
		bg = th[r].bg;
		if (!dflt) {
			if (fg < 0)
				fg = COLOR_WHITE;
			if (bg < 0)
				bg = COLOR_BLACK;
		}
		t->attr[r] = th[r].attr;
		t->pair[r] = 0;
		if ((fg >= 0 || bg >= 0) && r < COLOR_PAIRS - 1 &&
		    init_pair((short)(r + 1), fg, bg) == OK)
			t->pair[r] = (short)(r + 1);
	}
}

/* The width of the section path of the CHAIN's first K headings,
   nearest last, joined by SEP [columns]. */
static int
tui_draw_path_width(const struct doc *d, const int32_t *chain, int k,
    int sepw, int amb)
{
	const char *s;
	int i, w = 0;

	for (i = 0; i < k; i++) {
		s = d->headings[chain[i]].title;
		w += layout_width(s, strlen(s), amb) + (i > 0 ? sepw : 0);
	}
	return w;
}

/*
 * Draws TITLE and the section being read on the status line, in columns
 * [X, XMAX): "title | parent › section", the section's parents from the
 * nearest while they fit. Where even the section alone does not fit
 * beside the title, the title is cut first, and left out when fewer
 * than TUI_DRAW_MINTITLE columns of it would show; the section is cut
 * last.
 */
void
tui_draw_status_title(const struct tui *t, WINDOW *w, int x, int xmax,
    const char *title)
{
	static const char bar[] = " | ", sep[] = " \xe2\x80\xba ";  /* › */
	const struct doc *d = t->doc;
	int32_t chain[TUI_DRAW_DEPTH], h;
	int n = 0, k, i, amb = t->opts->ambiguous_wide, tw, sepw, barw;
	int room = xmax - x;
	attr_t a = t->attr[R_STATUS];
	short p = t->pair[R_STATUS];
	const char *s;

	for (h = t->page.section; h >= 0 && (uint32_t)h < d->nheadings &&
	    n < TUI_DRAW_DEPTH; h = d->headings[h].parent) {
		if (strcmp(d->headings[h].title, title) == 0)
			break;		/* the title is shown already */
		chain[n++] = h;
	}
	tw = layout_width(title, strlen(title), amb);
	barw = layout_width(bar, strlen(bar), amb);
	sepw = layout_width(sep, strlen(sep), amb);
	/* The most parents that fit beside the whole title. */
	for (k = n; k > 1 && tw + barw + tui_draw_path_width(d, chain, k,
	    sepw, amb) > room; k--)
		;
	if (n == 0 || tw + barw + tui_draw_path_width(d, chain, k, sepw,
	    amb) <= room)
		x = tui_draw_fit(w, 0, x, xmax, title, strlen(title),
		    a | A_BOLD, p, amb);
	else if (room - barw - tui_draw_path_width(d, chain, 1, sepw, amb) >=
	    TUI_DRAW_MINTITLE)
		x = tui_draw_fit(w, 0, x, xmax - barw -
		    tui_draw_path_width(d, chain, 1, sepw, amb), title,
		    strlen(title), a | A_BOLD, p, amb);
	else
		x = -1;			/* the section alone */
	if (n == 0)
		return;
	if (x >= 0)
		x = tui_draw_text(w, 0, x, x, xmax, bar, strlen(bar), a, p,
		    amb);
	else
		x = xmax - room;
	for (i = k; i-- > 0; ) {
		s = d->headings[chain[i]].title;
		if (i > 0) {
			x = tui_draw_text(w, 0, x, x, xmax, s, strlen(s), a,
			    p, amb);
			x = tui_draw_text(w, 0, x, x, xmax, sep, strlen(sep),
			    a, p, amb);
		} else
			tui_draw_fit(w, 0, x, xmax, s, strlen(s), a, p, amb);
	}
}
