/*
 * tui-search.c: searching from the reader. The prompt on the status line
 * (its editing is prompt.c's), the search that moves the body as the
 * pattern is typed, n and N, the list of every match, and the outline
 * filter. Finding the matches is search.c's.
 *
 * A search runs once per pattern over the whole document (search_all);
 * moving between its matches is a binary search in the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_SEARCH_CONTEXT	24	/* bytes before a match in the list */

/* Drops the matches and pattern of F. */
static void
tui_search_clear(struct find *f)
{
	search_free(f->s);
	free(f->m);
	memset(f, 0, sizeof(*f));
	f->cur = -1;
}

/* Sets up the prompt's editor. */
void
tui_search_init(struct tui *t)
{
	prompt_init(&t->ask.ed);
	t->find.cur = -1;
	t->ask.live.cur = -1;
}

/* Forgets every match (the document is about to change). */
void
tui_search_drop(struct tui *t)
{
	tui_search_clear(&t->find);
	tui_search_clear(&t->ask.live);
	t->find.cur = t->ask.live.cur = -1;
	t->body.sel.on = 0;
}

/* Frees the searches and the editor. */
void
tui_search_free(struct tui *t)
{
	tui_search_clear(&t->find);
	tui_search_clear(&t->ask.live);
	prompt_free(&t->ask.ed);
}

/* The search whose matches show: the one being typed, else the last. */
static struct find *
tui_search_shown(struct tui *t)
{
	if (t->ask.on == ASK_SEARCH)
		return &t->ask.live;
	return &t->find;
}

/* The matches in block B, to draw them: *M and *N. */
void
tui_search_block(struct tui *t, uint32_t b, const struct match **m,
    size_t *n)
{
	const struct find *f = tui_search_shown(t);
	size_t lo, hi;

	*m = NULL;
	*n = 0;
	if (f->n == 0 || f->unlit)
		return;
	lo = search_lower(f->m, f->n, b, 0);
	hi = search_lower(f->m, f->n, b + 1, 0);
	if (hi > lo) {
		*m = f->m + lo;
		*n = hi - lo;
	}
}

/* Shows match I of F: in the body at the top line, or its note. */
static void
tui_search_show(struct tui *t, struct find *f, size_t i, int open)
{
	const struct match *m = &f->m[i];
	struct anchor a;
	int32_t note;

	f->cur = (long)i;
	f->unlit = 0;
	if (m->block < t->doc->nbody) {
		a.block = m->block;
		a.off = m->off;
		body_goto(t, a);
		t->body.sel.on = 1;
		t->body.sel.block = m->block;
		t->body.sel.off = m->off;
		t->body.sel.len = m->len;
		t->body.sel.style = 0;
		t->body.sel.target = -1;
		if (open && t->focus != PANE_BODY)
			tui_focus(t, PANE_BODY);
	} else if ((note = t->doc->blocks[m->block].note) >= 0) {
		if (open)
			notes_open(t, (uint32_t)note);
		else
			notes_show(t, (uint32_t)note);
	}
	f->at = t->body.anchor;
	t->dirty |= DIRTY_BODY | DIRTY_NOTES | DIRTY_OUTLINE | DIRTY_STATUS;
}

/* Says which match is shown. */
static void
tui_search_count(struct tui *t, const struct find *f, int wrapped)
{
	tui_msg(t, "match %ld of %zu%s%s", f->cur + 1, f->n,
	    f->cut ? "+" : "", wrapped ? " (search wrapped)" : "");
}

/* Marks the headings whose title matches the prompt. */
static void
tui_search_filter(struct tui *t, struct search *s)
{
	const struct doc *d = t->doc;
	uint32_t h, off, len, hits = 0;

	for (h = 0; h < d->nheadings; h++) {
		t->outline.hit[h] = s != NULL && search_text(s,
		    d->headings[h].title, strlen(d->headings[h].title), &off,
		    &len);
		hits += t->outline.hit[h];
	}
	outline_filter(t, s != NULL);
	if (s != NULL && hits == 0)
		snprintf(t->ask.err, sizeof(t->ask.err),
		    "no heading matches");
}

/* Searches again for the prompt's text, as it is typed. */
static void
tui_search_update(struct tui *t)
{
	struct ask *q = &t->ask;
	struct find *f = &q->live;
	const char *pat = prompt_text(&q->ed);
	long i;
	int dir = f->dir;

	tui_search_clear(f);
	f->dir = dir;
	q->err[0] = '\0';
	if (pat[0] != '\0')
		f->s = search_new(pat, q->ed.regex ? SEARCH_REGEX : 0, q->err,
		    sizeof(q->err));
	if (q->on == ASK_FILTER) {
		tui_search_filter(t, f->s);
		return;
	}
	body_restore(t, q->origin);
	t->body.sel.on = 0;
	if (f->s == NULL)
		return;
	f->cut = search_all(f->s, t->doc, &f->m, &f->n);
	if (f->n == 0) {
		snprintf(q->err, sizeof(q->err), "no match");
		return;
	}
	i = search_next(f->m, f->n, q->from.block, q->from.off, f->dir, NULL);
	tui_search_show(t, f, (size_t)i, 0);
}

/* Opens the prompt: / (DIR 1), ? (-1), or the outline filter. */
void
tui_search_start(struct tui *t, int dir)
{
	struct ask *q = &t->ask;
	struct pos last;

	tui_search_clear(&q->live);
	q->on = t->focus == PANE_OUTLINE ? ASK_FILTER : ASK_SEARCH;
	prompt_start(&q->ed, NULL, 0);
	q->err[0] = '\0';
	q->live.dir = dir;
	q->origin = t->body.anchor;
	q->origin_focus = t->focus;
	/* From the top of the body; backward from the end of the text when
	   the end is on screen, so that what shows is found first. */
	q->from = q->origin;
	last = view_last_page(t->body.view, t->ph[PANE_BODY]);
	if (dir < 0 && view_pos_cmp(t->body.top, last) >= 0) {
		q->from.block = t->doc->nbody;
		q->from.off = 0;
	}
	if (q->on == ASK_FILTER)
		tui_search_filter(t, NULL);
	curs_set(1);
	t->dirty |= DIRTY_STATUS;
}

/* Closes the prompt: keeps the search (OK) or goes back to the start. */
static void
tui_search_end(struct tui *t, int ok)
{
	struct ask *q = &t->ask;
	struct jump j;

	curs_set(0);
	/* Only what was searched for goes into the history. */
	if (ok)
		prompt_remember(&q->ed);
	/* Enter on an empty prompt repeats the last search, as in less. */
	if (ok && q->on == ASK_SEARCH && prompt_text(&q->ed)[0] == '\0' &&
	    t->find.s != NULL) {
		q->on = 0;
		body_restore(t, q->origin);
		tui_focus(t, q->origin_focus);
		t->find.dir = q->live.dir;
		tui_search_clear(&q->live);
		tui_search_next(t, 1);
		t->dirty |= DIRTY_ALL;
		return;
	}
	if (q->on == ASK_FILTER) {
		q->on = 0;
		if (!ok || q->live.s == NULL)
			outline_filter(t, 0);
		tui_search_clear(&q->live);
		t->dirty |= DIRTY_ALL;
		return;
	}
	q->on = 0;
	if (!ok || q->live.n == 0) {
		if (ok && q->err[0] != '\0')
			tui_msg(t, "%s: %s", prompt_text(&q->ed), q->err);
		tui_search_clear(&q->live);
		body_restore(t, q->origin);
		t->body.sel.on = 0;
		tui_focus(t, q->origin_focus);
		t->dirty |= DIRTY_ALL;
		return;
	}
	tui_search_clear(&t->find);
	t->find = q->live;
	memset(&q->live, 0, sizeof(q->live));
	q->live.cur = -1;
	/* A jump: Backspace returns to where the search started. */
	j.at = q->origin;
	j.focus = q->origin_focus;
	view_jump_push(&t->jumps, j);
	tui_search_show(t, &t->find, (size_t)t->find.cur, 1);
	tui_search_count(t, &t->find, 0);
	t->dirty |= DIRTY_ALL;
}

/* Handles a key while the prompt is open. */
int
tui_search_key(struct tui *t, int code)
{
	switch (prompt_key(&t->ask.ed, code)) {
	case PROMPT_ENTER:
		tui_search_end(t, 1);
		break;
	case PROMPT_CANCEL:
		tui_search_end(t, 0);
		break;
	case PROMPT_EDITED:
		tui_search_update(t);
		break;
	default:
		break;
	}
	t->dirty |= DIRTY_STATUS;
	return 1;
}

/* Draws the prompt on status window W, cursor included. */
void
tui_search_prompt(struct tui *t, WINDOW *w, int width)
{
	struct ask *q = &t->ask;
	const struct find *f = &q->live;
	struct prompt_view v;
	char right[300], lead[32];
	int x, rw, room, amb = t->opts->ambiguous_wide;

	if (q->err[0] != '\0')
		snprintf(right, sizeof(right), " %s ", q->err);
	else if (q->on == ASK_SEARCH && f->n > 0)
		snprintf(right, sizeof(right), " %ld of %zu%s ", f->cur + 1,
		    f->n, f->cut ? "+" : "");
	else
		right[0] = '\0';
	snprintf(lead, sizeof(lead), "%s%s",
	    q->on == ASK_FILTER ? "filter headings: " :
	    f->dir < 0 ? "?" : "/", q->ed.regex ? "(regex) " : "");
	rw = layout_width(right, strlen(right), amb);
	if (rw > width / 2)
		rw = 0;
	else
		tui_draw_text(w, 0, width - rw, width - rw, width, right,
		    strlen(right), A_BOLD, 0, amb);
	x = 1 + (int)strlen(lead);
	mvwaddstr(w, 0, 1, lead);
	room = width - rw - x - 1;
	if (room < 1)
		room = 1;
	v = prompt_view(&q->ed, room, amb);
	tui_draw_text(w, 0, x, x, x + room, prompt_text(&q->ed) + v.start,
	    v.end - v.start, 0, 0, amb);
	wmove(w, 0, x + v.cursor < width ? x + v.cursor : width - 1);
}

/* n (DIR 1) and N (-1): the next match in the search's direction. */
void
tui_search_next(struct tui *t, int dir)
{
	tui_search_nth(t, dir, 1);
}

/* N n and N N: the COUNTth match on, wrapping around. */
void
tui_search_nth(struct tui *t, int dir, long count)
{
	struct find *f = &t->find;
	const struct match *m;
	struct jump j;
	long i, k;
	int wrapped = 0;

	if (f->s == NULL) {
		tui_msg(t, "no search yet (/ searches forward, ? backward)");
		return;
	}
	if (f->n == 0) {
		tui_msg(t, "no match");
		return;
	}
	dir *= f->dir;
	if (f->cur >= 0 && (size_t)f->cur < f->n &&
	    f->at.block == t->body.anchor.block &&
	    f->at.off == t->body.anchor.off) {
		m = &f->m[f->cur];
		i = dir > 0 ? search_next(f->m, f->n, m->block, m->off + 1, 1,
		    &wrapped) : search_next(f->m, f->n, m->block, m->off, -1,
		    &wrapped);
	} else
		i = search_next(f->m, f->n, t->body.anchor.block,
		    t->body.anchor.off, dir, &wrapped);
	if (count > 1) {
		k = (count - 1) % (long)f->n;
		if (count - 1 >= (long)f->n || (dir > 0 ? i + k >= (long)f->n :
		    i - k < 0))
			wrapped = 1;
		i = (i + (dir > 0 ? k : (long)f->n - k)) % (long)f->n;
	}
	j.at = t->body.anchor;
	j.focus = t->focus;
	view_jump_push(&t->jumps, j);
	tui_search_show(t, f, (size_t)i, 1);
	tui_search_count(t, f, wrapped);
}

/* Row I of the match list into B; returns the number of rows. */
int
tui_search_list(struct tui *t, int i, char *b, size_t n)
{
	const struct doc *d = t->doc;
	const struct find *f = &t->find;
	const struct match *m;
	const struct block *bl;
	const char *sec;
	size_t from, to, k, o;
	int32_t note;

	if (i < 0)
		return 2 + (f->n > 0 ? (int)f->n : 1);
	if (i == 0) {
		snprintf(b, n, " %zu%s matches: j and k choose, Enter goes "
		    "there (q or Esc closes this)", f->n, f->cut ? "+" : "");
		return 0;
	}
	if (i == 1 || f->n == 0) {
		snprintf(b, n, "%s", i == 1 ? "" : "  no matches");
		return 0;
	}
	if ((size_t)(i - 2) >= f->n) {
		b[0] = '\0';
		return 0;
	}
	m = &f->m[i - 2];
	bl = &d->blocks[m->block];
	note = bl->note;
	if (note >= 0) {
		snprintf(b, n, "  note [%u]  ", d->notes[note].number);
		sec = "";
	} else {
		sec = tui_section_title(t, bl->section);
		snprintf(b, n, "  ");
	}
	o = strlen(b);
	/* A little of the text before the match, from a character start. */
	from = m->off > TUI_SEARCH_CONTEXT ? m->off - TUI_SEARCH_CONTEXT : 0;
	while (from > 0 && (bl->text[from] & 0xc0) == 0x80)
		from++;
	to = m->off + m->len + 60 < bl->len ? m->off + m->len + 60 : bl->len;
	while (to < bl->len && (bl->text[to] & 0xc0) == 0x80)
		to++;
	for (k = from; k < to && o + 1 < n; k++)
		b[o++] = bl->text[k] == '\n' ? ' ' : bl->text[k];
	b[o] = '\0';
	if (sec[0] != '\0' && o + 8 < n)
		snprintf(b + o, n - o, "   (%s)", sec);
	return 0;
}

/* Goes to the match on row ROW of the list (a jump). */
void
tui_search_list_go(struct tui *t, int row)
{
	struct find *f = &t->find;
	struct jump j;

	if (row < 2 || (size_t)(row - 2) >= f->n)
		return;
	j.at = t->body.anchor;
	j.focus = t->focus;
	view_jump_push(&t->jumps, j);
	tui_search_show(t, f, (size_t)(row - 2), 1);
	tui_search_count(t, f, 0);
}
