/*
 * tui-search.c: searching from the reader. The prompt on the status line
 * (its editing is prompt.c's), the search that moves the body as the
 * pattern is typed, n and N, the list of every match, and the outline
 * filter. Finding the matches is search.c's.
 *
 * A search runs once per pattern over the whole document (search_all);
 * moving between its matches is a binary search in the result. The
 * panes learn of a search through actions (a match to select, headings
 * to filter) and through the matches set out at sync for drawing.
 *
 * A pattern that begins with '*' searches the book too: the shown
 * document as any search, the others in booksearch.c's thread, polled
 * at every tick. n and N go on to the next document with a match where
 * the shown one's matches end, and the match list lists every document's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lectern/book.h"
#include "lectern/booksearch.h"
#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_SEARCH_CONTEXT	24	/* bytes before a match in the list */

/* Drops the matches and pattern of F (of T). */
static void
tui_search_clear(struct tui *t, struct find *f)
{
	t->find_gen++;
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
	tui_search_clear(t, &t->find);
	tui_search_clear(t, &t->ask.live);
	t->find.cur = t->ask.live.cur = -1;
}

/* Forgets the search across the book, stopping its thread. */
static void
tui_search_book_forget(struct tui *t)
{
	struct bfind *b = &t->bfind;

	if (b->bs == NULL)
		return;
	booksearch_free(b->bs);
	free(b->pattern);
	memset(b, 0, sizeof(*b));
	t->find_gen++;
}

/* Frees the searches and the editor. */
void
tui_search_free(struct tui *t)
{
	tui_search_book_forget(t);
	tui_search_clear(t, &t->find);
	tui_search_clear(t, &t->ask.live);
	prompt_free(&t->ask.ed);
}

static void	tui_search_scroll(struct tui *);
static void	tui_search_show(struct tui *, struct find *, size_t, int);

/*
 * Sets out what drawing shows of the searches: the matches of the one
 * being typed, else of the last one; and the prompt's line, scrolled.
 */
void
tui_search_sync(struct tui *t)
{
	int live = t->ask.on == ASK_SEARCH;
	const struct find *f = live ? &t->ask.live : &t->find;

	t->hl.m = f->m;
	t->hl.n = f->unlit ? 0 : f->n;
	t->hl.gen = t->find_gen << 2 | (unsigned)f->unlit << 1 |
	    (unsigned)live;
	tui_search_scroll(t);
}

/* Shows match I of F: in the body at the top line, or its note. */
static void
tui_search_show(struct tui *t, struct find *f, size_t i, int open)
{
	const struct match *m = &f->m[i];
	struct anchor a = { m->block, m->off }, none = { 0, 0 };
	struct acts acts = { .n = 0 };
	int32_t note;

	f->cur = (long)i;
	f->unlit = 0;
	if (m->block < t->doc->nbody) {
		tui_act(&acts, ACT_GOTO, a, 0);
		tui_act(&acts, ACT_MATCH, a, m->len);
		if (open && t->focus != PANE_BODY)
			tui_act(&acts, ACT_FOCUS, none, PANE_BODY);
	} else if ((note = t->doc->blocks[m->block].note) >= 0)
		tui_act(&acts, open ? ACT_NOTE_OPEN : ACT_NOTE_SHOW, none,
		    (uint32_t)note);
	tui_act_apply(t, &acts);
	f->at = t->body.anchor;
}

/* Says which match is shown. */
static void
tui_search_count(struct tui *t, const struct find *f, int wrapped)
{
	tui_msg(t, "match %ld of %zu%s%s", f->cur + 1, f->n,
	    f->cut ? "+" : "", wrapped ? " (search wrapped)" : "");
}

/* Filters the outline by the prompt's pattern S (NULL: no filter). */
static void
tui_search_filter(struct tui *t, struct search *s)
{
	struct acts acts = { .n = 0 };

	tui_act_filter(&acts, s);
	tui_act_apply(t, &acts);
	if (s != NULL && t->outline.nhit == 0)
		snprintf(t->ask.err, sizeof(t->ask.err),
		    "no heading matches");
}

/* The prompt's pattern, without the '*' that asks for the book. */
static const char *
tui_search_pattern(const struct tui *t, int *book)
{
	const char *pat = prompt_text(&t->ask.ed);

	*book = t->ask.on == ASK_SEARCH && pat[0] == '*';
	return pat + *book;
}

/* Searches again for the prompt's text, as it is typed. */
static void
tui_search_update(struct tui *t)
{
	struct ask *q = &t->ask;
	struct find *f = &q->live;
	int book;
	const char *pat = tui_search_pattern(t, &book);
	long i;
	int dir = f->dir;

	tui_search_clear(t, f);
	f->dir = dir;
	q->err[0] = '\0';
	if (pat[0] != '\0')
		f->s = search_new(pat, q->ed.regex ? SEARCH_REGEX : 0, q->err,
		    sizeof(q->err));
	if (q->on == ASK_FILTER) {
		tui_search_filter(t, f->s);
		return;
	}
	tui_act_do(t, ACT_RESTORE, q->origin, 0);
	tui_act_do(t, ACT_UNSELECT, q->origin, 0);
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

	tui_search_clear(t, &q->live);
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
}

/*
 * A search confirmed: forgets the last one across the book; starts one
 * when the pattern begins with '*' and the document shown is in a book.
 * Returns whether it did.
 */
static int
tui_search_book_start(struct tui *t)
{
	const struct book *bk = t->opts->book;
	struct bfind *b = &t->bfind;
	struct ask *q = &t->ask;
	const char *pat;
	long c = TUI_CUR(t)->chapter;
	int book;

	if (q->on != ASK_SEARCH || prompt_text(&q->ed)[0] == '\0')
		return 0;
	tui_search_book_forget(t);
	pat = tui_search_pattern(t, &book);
	if (!book || bk == NULL || c < 0 || q->live.s == NULL)
		return 0;
	b->flags = q->ed.regex ? SEARCH_REGEX : 0;
	b->bs = booksearch_start(bk, c, t->doc, pat, b->flags,
	    t->opts->max_size);
	if (b->bs == NULL)
		return 0;
	b->pattern = xstrdup(pat);
	b->dir = q->live.dir;
	tui_search_poll(t);
	return 1;
}

/* Closes the prompt: keeps the search (OK) or goes back to the start. */
static void
tui_search_end(struct tui *t, int ok)
{
	struct ask *q = &t->ask;
	int book;

	curs_set(0);
	/* Only what was searched for goes into the history. */
	if (ok)
		prompt_remember(&q->ed);
	/* Enter on an empty prompt repeats the last search, as in less. */
	if (ok && q->on == ASK_SEARCH && prompt_text(&q->ed)[0] == '\0' &&
	    t->find.s != NULL) {
		q->on = 0;
		tui_act_do(t, ACT_RESTORE, q->origin, 0);
		tui_focus(t, q->origin_focus);
		t->find.dir = q->live.dir;
		tui_search_clear(t, &q->live);
		tui_search_nth(t, 1, 1);
		return;
	}
	if (q->on == ASK_FILTER) {
		q->on = 0;
		if (!ok || q->live.s == NULL)
			tui_search_filter(t, NULL);
		tui_search_clear(t, &q->live);
		return;
	}
	book = ok && tui_search_book_start(t);
	q->on = 0;
	if (!ok || q->live.n == 0) {
		if (ok && q->err[0] != '\0' && !book)
			tui_msg(t, "%s: %s", prompt_text(&q->ed), q->err);
		/* Nothing here: the first match found elsewhere is shown. */
		if (book) {
			tui_search_clear(t, &t->find);
			t->find = q->live;
			memset(&q->live, 0, sizeof(q->live));
			t->bfind.first = 1;
		}
		tui_search_clear(t, &q->live);
		tui_act_do(t, ACT_RESTORE, q->origin, 0);
		tui_act_do(t, ACT_UNSELECT, q->origin, 0);
		tui_focus(t, q->origin_focus);
		return;
	}
	tui_search_clear(t, &t->find);
	t->find = q->live;
	memset(&q->live, 0, sizeof(q->live));
	q->live.cur = -1;
	/* A jump: Backspace returns to where the search started. */
	tui_act_do(t, ACT_RESTORE, q->origin, 0);
	tui_jump_push(t);
	tui_search_show(t, &t->find, (size_t)t->find.cur, 1);
	tui_search_count(t, &t->find, 0);
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
	return 1;
}

/* The prompt's texts: the one on the right, the one before the line. */
static void
tui_search_texts(const struct tui *t, char *right, size_t rn, char *lead,
    size_t ln)
{
	const struct ask *q = &t->ask;
	const struct find *f = &q->live;

	if (q->err[0] != '\0')
		snprintf(right, rn, " %s ", q->err);
	else if (q->on == ASK_SEARCH && f->n > 0)
		snprintf(right, rn, " %ld of %zu%s ", f->cur + 1, f->n,
		    f->cut ? "+" : "");
	else
		right[0] = '\0';
	snprintf(lead, ln, "%s%s", q->on == ASK_FILTER ? "filter headings: " :
	    f->dir < 0 ? "?" : "/", q->ed.regex ? "(regex) " : "");
}

/* Where the prompt's line goes on a status line WIDTH wide: *X, *ROOM;
   the width of the text on the right, or 0 when it does not fit. */
static int
tui_search_room(const struct tui *t, int width, int *x, int *room)
{
	char right[300], lead[32];
	int rw;

	tui_search_texts(t, right, sizeof(right), lead, sizeof(lead));
	rw = layout_width(right, strlen(right), t->opts->ambiguous_wide);
	if (rw > width / 2)
		rw = 0;
	*x = 1 + (int)strlen(lead);
	*room = width - rw - *x - 1;
	if (*room < 1)
		*room = 1;
	return rw;
}

/* Scrolls the prompt's line to show its cursor (before drawing). */
static void
tui_search_scroll(struct tui *t)
{
	int x, room;

	if (!t->ask.on)
		return;
	tui_search_room(t, t->cols, &x, &room);
	t->ask.view = prompt_view(&t->ask.ed, room, t->opts->ambiguous_wide);
}

/* Draws the prompt on status window W, cursor included. */
void
tui_search_prompt(const struct tui *t, WINDOW *w, int width)
{
	const struct ask *q = &t->ask;
	const struct prompt_view *v = &q->view;
	char right[300], lead[32];
	int x, rw, room, amb = t->opts->ambiguous_wide;

	tui_search_texts(t, right, sizeof(right), lead, sizeof(lead));
	rw = tui_search_room(t, width, &x, &room);
	if (rw > 0)
		tui_draw_text(w, 0, width - rw, width - rw, width, right,
		    strlen(right), A_BOLD, 0, amb);
	mvwaddstr(w, 0, 1, lead);
	tui_draw_text(w, 0, x, x, x + room, prompt_text(&q->ed) + v->start,
	    v->end - v->start, 0, 0, amb);
	wmove(w, 0, x + v->cursor < width ? x + v->cursor : width - 1);
}

/* Esc u, \: the matches of the last search stay, not drawn until one
   is shown again. */
void
tui_search_unhighlight(struct tui *t)
{
	if (t->find.n == 0) {
		tui_msg(t, "no search to take the highlighting off");
		return;
	}
	t->find.unlit = 1;
	tui_msg(t, "search highlighting off (n shows it again)");
}

/* The shown document's matches of the search across the book, when the
   document changed since. */
static void
tui_search_book_refind(struct tui *t)
{
	struct bfind *b = &t->bfind;
	struct find *f = &t->find;
	char err[256];

	if (b->bs == NULL || f->s != NULL)
		return;
	tui_search_clear(t, f);
	f->dir = b->dir;
	if ((f->s = search_new(b->pattern, b->flags, err,
	    sizeof(err))) != NULL)
		f->cut = search_all(f->s, t->doc, &f->m, &f->n);
}

/*
 * Shows the match HI of R (-1: the first, or the last for DIR < 0), a
 * jump: its document opens first when it is not the one shown. Returns
 * 1.
 */
static int
tui_search_book_go(struct tui *t, const struct booksearch_doc *r, long hi,
    int dir, int wrapped)
{
	const struct book *bk = t->opts->book;
	struct find *f = &t->find;
	char num[64];
	size_t i;

	if (r->entry != TUI_CUR(t)->chapter) {
		if (tui_doc_open(t, bk->v[r->entry].path, NULL) != 0)
			return 1;
	} else
		tui_jump_push(t);
	tui_search_book_refind(t);
	if (f->n == 0) {
		tui_msg(t, "no match in %s", TUI_CUR(t)->name);
		return 1;
	}
	if (hi >= 0) {
		i = search_lower(f->m, f->n, r->hits[hi].block,
		    r->hits[hi].off);
		if (i >= f->n)
			i = f->n - 1;
	} else
		i = dir > 0 ? 0 : f->n - 1;
	tui_search_show(t, f, i, 1);
	tui_doc_number(t, num, sizeof(num));
	tui_msg(t, "%s%s: match %ld of %zu%s%s", num, TUI_CUR(t)->name,
	    f->cur + 1, f->n, f->cut ? "+" : "",
	    wrapped ? " (search wrapped)" : "");
	return 1;
}

/*
 * n or N past the shown document's matches: the next document of the
 * book in direction DIR with a match found so far, round the book's end.
 * Returns 0 when no other document has one.
 */
static int
tui_search_book_step(struct tui *t, int dir)
{
	const struct bfind *b = &t->bfind;
	const struct booksearch_doc *r, *next = NULL, *round = NULL;
	long c = TUI_CUR(t)->chapter;
	size_t k;

	for (k = 0; k < b->ndocs; k++) {
		r = booksearch_doc(b->bs, k);
		if (r->entry == c)
			continue;
		if (dir > 0 ? r->entry > c && (next == NULL ||
		    r->entry < next->entry) : r->entry < c && (next == NULL ||
		    r->entry > next->entry))
			next = r;
		if (round == NULL || (dir > 0 ? r->entry < round->entry :
		    r->entry > round->entry))
			round = r;
	}
	if (round == NULL)
		return 0;
	return tui_search_book_go(t, next != NULL ? next : round, -1, dir,
	    next == NULL);
}

/* Says how far the search across the book has come, or how it ended. */
static void
tui_search_book_say(struct tui *t, const struct booksearch_state *st)
{
	const char *pat = t->bfind.pattern;

	if (!st->done) {
		if (t->msg[0] == '\0' || strncmp(t->msg, "searching ", 10) == 0)
			tui_msg(t, "searching %zu/%zu documents, %zu matches",
			    st->scanned, st->total, st->nhits);
	} else if (st->nhits == 0)
		tui_msg(t, "*%s: no match in %zu documents", pat, st->scanned);
	else if (st->cut)
		tui_msg(t, "*%s: %zu+ matches in %zu documents (kept no more)",
		    pat, st->nhits, st->ndocs);
	else
		tui_msg(t, "*%s: %zu match%s in %zu document%s%s", pat,
		    st->nhits, st->nhits == 1 ? "" : "es", st->ndocs,
		    st->ndocs == 1 ? "" : "s",
		    st->scanned < st->total ? " (search stopped)" : "");
}

/*
 * At every tick: takes what the search across the book has found, says
 * how far it has come, and shows the first match found when the
 * document shown had none.
 */
void
tui_search_poll(struct tui *t)
{
	struct bfind *b = &t->bfind;
	struct booksearch_state st;

	if (b->bs == NULL || b->done)
		return;
	booksearch_poll(b->bs, &st);
	if (st.nhits != b->nhits || st.scanned != b->scanned)
		t->find_gen++;
	b->scanned = st.scanned;
	b->ndocs = st.ndocs;
	b->nhits = st.nhits;
	b->done = st.done;
	if (t->ask.on)
		return;
	if (b->first && b->ndocs > 0) {
		b->first = 0;
		tui_search_book_go(t, booksearch_doc(b->bs, 0), 0, 1, 0);
	}
	tui_search_book_say(t, &st);
}

/* Esc: stops the search across the book while it runs; returns whether
   it did. */
int
tui_search_book_stop(struct tui *t)
{
	struct bfind *b = &t->bfind;

	if (b->bs == NULL || b->done)
		return 0;
	booksearch_stop(b->bs);
	b->first = 0;
	tui_search_poll(t);
	return 1;
}

/* n (DIR 1) and N (-1): the COUNTth match on in the search's direction,
   wrapping around, and across the book after a '*' pattern. */
void
tui_search_nth(struct tui *t, int dir, long count)
{
	struct find *f = &t->find;
	const struct match *m;
	long i = 0, k;
	int wrapped = 0;

	tui_search_book_refind(t);
	if (f->s == NULL) {
		tui_msg(t, "no search yet (/ searches forward, ? backward)");
		return;
	}
	dir *= f->dir;
	if (f->n == 0)
		;
	else if (f->cur >= 0 && (size_t)f->cur < f->n &&
	    f->at.block == t->body.anchor.block &&
	    f->at.off == t->body.anchor.off) {
		m = &f->m[f->cur];
		i = dir > 0 ? search_next(f->m, f->n, m->block, m->off + 1, 1,
		    &wrapped) : search_next(f->m, f->n, m->block, m->off, -1,
		    &wrapped);
	} else
		i = search_next(f->m, f->n, t->body.anchor.block,
		    t->body.anchor.off, dir, &wrapped);
	if (t->bfind.bs != NULL && count <= 1 && (f->n == 0 || wrapped) &&
	    tui_search_book_step(t, dir))
		return;
	if (f->n == 0) {
		tui_msg(t, "no match");
		return;
	}
	if (count > 1) {
		k = (count - 1) % (long)f->n;
		if (count - 1 >= (long)f->n || (dir > 0 ? i + k >= (long)f->n :
		    i - k < 0))
			wrapped = 1;
		i = (i + (dir > 0 ? k : (long)f->n - k)) % (long)f->n;
	}
	tui_jump_push(t);
	tui_search_show(t, f, (size_t)i, 1);
	tui_search_count(t, f, wrapped);
}

/* The match on row I of the book's list: its document, *HI its index. */
static const struct booksearch_doc *
tui_search_book_row(const struct tui *t, int i, size_t *hi)
{
	const struct booksearch_doc *r;
	size_t k, at = (size_t)i;

	for (k = 0; i >= 0 && k < t->bfind.ndocs; k++) {
		r = booksearch_doc(t->bfind.bs, k);
		if (at < r->n) {
			*hi = at;
			return r;
		}
		at -= r->n;
	}
	return NULL;
}

/* Row I of the match list across the book into B; returns the number
   of rows. */
static int
tui_search_book_list(const struct tui *t, int i, char *b, size_t n)
{
	const struct bfind *bf = &t->bfind;
	const struct booksearch_doc *r;
	const struct booksearch_hit *h;
	char *name;
	size_t hi;

	if (i < 0)
		return 2 + (bf->nhits > 0 ? (int)bf->nhits : 1);
	if (i == 0) {
		snprintf(b, n, " %zu matches in %zu documents%s: j and k "
		    "choose, Enter goes there (q or Esc closes this)",
		    bf->nhits, bf->ndocs, bf->done ? "" : " (searching)");
		return 0;
	}
	if (i == 1 || bf->nhits == 0) {
		snprintf(b, n, "%s", i == 1 ? "" : bf->done ? "  no matches" :
		    "  none yet");
		return 0;
	}
	if ((r = tui_search_book_row(t, i - 2, &hi)) == NULL) {
		b[0] = '\0';
		return 0;
	}
	h = &r->hits[hi];
	name = inert_str(t->opts->book->v[r->entry].path);
	snprintf(b, n, "  %s: %s%s%s%s", name, r->strings + h->text,
	    r->strings[h->where] != '\0' ? "   (" : "", r->strings + h->where,
	    r->strings[h->where] != '\0' ? ")" : "");
	free(name);
	return 0;
}

/* Row I of the match list into B; returns the number of rows. */
int
tui_search_list(const struct tui *t, int i, char *b, size_t n)
{
	const struct doc *d = t->doc;
	const struct find *f = &t->find;
	const struct match *m;
	const struct block *bl;
	const char *sec;
	size_t from, to, k, o;
	int32_t note;

	if (t->bfind.bs != NULL)
		return tui_search_book_list(t, i, b, n);
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
	const struct booksearch_doc *r;
	size_t hi;

	if (t->bfind.bs != NULL) {
		if ((r = tui_search_book_row(t, row - 2, &hi)) != NULL)
			tui_search_book_go(t, r, (long)hi, 1, 0);
		return;
	}
	if (row < 2 || (size_t)(row - 2) >= f->n)
		return;
	tui_jump_push(t);
	tui_search_show(t, f, (size_t)(row - 2), 1);
	tui_search_count(t, f, 0);
}

/* The row of the match list that & opens on: the match shown last. */
int
tui_search_list_row(const struct tui *t)
{
	const struct booksearch_doc *r;
	long cur = t->find.cur > 0 ? t->find.cur : 0;
	size_t k;
	int row = 2;

	if (t->bfind.bs == NULL)
		return row + (int)cur;
	for (k = 0; k < t->bfind.ndocs; k++) {
		r = booksearch_doc(t->bfind.bs, k);
		if (r->entry == TUI_CUR(t)->chapter)
			return row + (int)((size_t)cur < r->n ? cur : 0);
		row += (int)r->n;
	}
	return 2;
}
