/*
 * tui-bookmarks.c: the reader's side of the bookmark file. The reading
 * position is restored on open and saved on quit, on suspend, on a signal
 * that ends the reader and every few seconds while reading, with the
 * document's title; the named marks a-z are loaded on open and saved
 * when set.
 *
 * A document read from standard input has no key: its marks live as long
 * as the reader and nothing is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/bookmarks.h"
#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_BOOKMARKS_EVERY	5	/* save a moved position after [s] */
#define TUI_BOOKMARKS_TITLE	36	/* of a section in the list [columns] */
#define TUI_BOOKMARKS_WORDS	40	/* of a mark's line in the list [columns] */

/* Seconds on a clock that does not jump. */
static double
tui_bookmarks_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Shows a message of the store on the status line, and frees it. LATER:
 * also print it on standard error when the screen is given back.
 */
static void
tui_bookmarks_tell(struct tui *t, char *msg, int later)
{
	if (msg == NULL)
		return;
	tui_msg(t, "%s", msg);
	if (later) {
		buf_printf(&t->bm_later, "%s: ", progname);
		inert_buf(&t->bm_later, msg, strlen(msg), inert_msg_flags());
		buf_addc(&t->bm_later, '\n');
	}
	free(msg);
}

/* Opens the bookmark file, before the screen starts. */
void
tui_bookmarks_open(struct tui *t)
{
	const struct options *o = t->opts;
	char *path, *msg = NULL;

	path = o->bookmarks ? xstrdup(o->bookmarks) :
	    bookmarks_default_path();
	t->bm = bookmarks_open(path, &msg);
	free(path);
	if (msg != NULL) {
		/* Said on stderr now, on the status line once it shows. */
		inert_warnx("%s", msg);
		t->bm_msg = msg;
	}
}

/*
 * How far anchor A of the body is, as the status line says it with A at
 * the top [per cent].
 */
static int
tui_bookmarks_percent(const struct tui *t, struct anchor a)
{
	return view_percent(t->body.view, view_pos_of(t->body.view, a),
	    t->ph[PANE_BODY]);
}

/* Where anchor A is, for a message: its section and percentage. */
static void
tui_bookmarks_where(const struct tui *t, struct anchor a, char *b, size_t n)
{
	const struct doc *d = t->doc;
	int32_t sec = -1;

	if (a.block < d->nblocks)
		sec = d->blocks[a.block].section;
	snprintf(b, n, "%s, %d%%", tui_section_title(t, sec),
	    tui_bookmarks_percent(t, a));
}

/*
 * Appends to B the first words of the line of the body that holds anchor
 * A, blanks run together, cut past TUI_BOOKMARKS_WORDS columns.
 */
static void
tui_bookmarks_words(const struct tui *t, struct anchor a, struct buf *b)
{
	const struct doc *d = t->doc;
	const struct line *ln;
	const char *s, *end;
	struct buf w = { 0 };
	int blank = 0;

	if (a.block >= d->nblocks || (ln = view_line(t->body.view,
	    view_pos_of(t->body.view, a), NULL)) == NULL ||
	    ln->off >= d->blocks[a.block].len)
		return;
	s = d->blocks[a.block].text + ln->off;
	end = d->blocks[a.block].text + d->blocks[a.block].len;
	/* Enough bytes for the columns, whatever the script. */
	for (; s < end && w.len < 4 * TUI_BOOKMARKS_WORDS; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t') {
			blank = w.len > 0;
			continue;
		}
		if (blank)
			buf_addc(&w, ' ');
		blank = 0;
		buf_addc(&w, *s);
	}
	while (s < end && ((unsigned char)*s & 0xc0) == 0x80)
		buf_addc(&w, *s++);
	if (w.len > 0)
		layout_cut(b, w.data, w.len, TUI_BOOKMARKS_WORDS,
		    t->opts->ambiguous_wide);
	buf_free(&w);
}

/*
 * Loads the marks and, with PLACE, goes to the saved place; the first
 * document forgets both with --forget.
 */
void
tui_bookmarks_resume(struct tui *t, int place)
{
	const struct options *o = t->opts;
	const char *key = TUI_CUR(t)->key;
	const struct bm_doc *e;
	int forget = o->forget && t->cur == 0;
	enum bm_method m;
	struct anchor a;
	char where[512];
	char *msg = NULL;
	int i, partial;

	if (t->bm == NULL || key == NULL) {
		t->bm_saved = t->bm_opened = t->body.anchor;
		return;
	}
	partial = TUI_CUR(t)->load != NULL && load_partial(TUI_CUR(t)->load);
	if (forget) {
		bookmarks_forget(t->bm, key);
		if (bookmarks_save(t->bm, &msg) == 0)
			tui_msg(t, "forgot the saved place and marks");
		tui_bookmarks_tell(t, msg, 1);
	}
	e = forget ? NULL : bookmarks_get(t->bm, key);
	if (e != NULL) {
		for (i = 0; i < BM_NMARKS; i++) {
			if (!e->marks[i].set)
				continue;
			m = bookmarks_locate(t->doc, &e->marks[i], &a.block,
			    &a.off);
			/*
			 * In the first part of a large file a mark holds
			 * only where its text is found there; it is found
			 * again in the whole when that comes.
			 */
			if (partial)
				t->marks_wait |= 1u << i;
			if (m == BM_NONE || (partial && m != BM_EXACT &&
			    m != BM_TEXT))
				continue;
			t->marks[i] = a;
			t->marks_set |= 1u << i;
		}
		m = BM_NONE;
		if (e->pos.set && !o->no_resume && place)
			m = bookmarks_locate(t->doc, &e->pos, &a.block, &a.off);
		/*
		 * The first part of a large file holds the place only when
		 * its text is found there; else wait for the whole.
		 */
		if (partial && m != BM_NONE && m != BM_EXACT && m != BM_TEXT) {
			tui_msg(t, "loading: the saved place comes with the "
			    "whole document");
			m = BM_NONE;
		} else if (partial && m == BM_TEXT)
			m = BM_EXACT;
		if (m != BM_NONE) {
			tui_act_do(t, ACT_RESTORE, a, 0);
			tui_bookmarks_where(t, a, where, sizeof(where));
			if (m == BM_EXACT)
				tui_msg(t, "resumed at %s", where);
			else
				/* How it was found first: a long section
				   title may be cut on a narrow screen. */
				tui_msg(t, "the file changed, found by its %s: "
				    "resumed at %s", bookmarks_method_name(m),
				    where);
		}
	}
	if (t->bm_msg != NULL) {
		tui_bookmarks_tell(t, t->bm_msg, 0);
		t->bm_msg = NULL;
	}
	t->bm_saved = t->bm_opened = t->body.anchor;
	t->bm_time = tui_bookmarks_now();
}

/* Saves the place when it moved, and whatever else changed. */
void
tui_bookmarks_save(struct tui *t)
{
	struct bm_pos pos;
	char *msg = NULL;

	if (t->bm == NULL)
		return;
	/* Only a place the reader moved to: opening with --no-resume and
	   quitting keeps the saved place. */
	if (TUI_CUR(t)->key != NULL &&
	    (t->body.anchor.block != t->bm_saved.block ||
	    t->body.anchor.off != t->bm_saved.off)) {
		memset(&pos, 0, sizeof(pos));
		bookmarks_pos_make(&pos, t->doc, t->body.anchor.block,
		    t->body.anchor.off);
		bookmarks_set_pos(t->bm, TUI_CUR(t)->key, &pos);
		bookmarks_pos_clear(&pos);
	}
	/* The library shows the title without reading the document. */
	if (TUI_CUR(t)->key != NULL)
		bookmarks_set_title(t->bm, TUI_CUR(t)->key, doc_title(t->doc));
	t->bm_saved = t->body.anchor;
	t->bm_time = tui_bookmarks_now();
	if (bookmarks_save(t->bm, &msg) != 0)
		tui_bookmarks_tell(t, msg, 1);
	else
		free(msg);
}

/* Saves a moved place every few seconds. */
void
tui_bookmarks_tick(struct tui *t)
{
	if (t->bm == NULL || (t->body.anchor.block == t->bm_saved.block &&
	    t->body.anchor.off == t->bm_saved.off))
		return;
	if (tui_bookmarks_now() - t->bm_time >= TUI_BOOKMARKS_EVERY)
		tui_bookmarks_save(t);
}

/*
 * The whole document has come in place of the first part: the marks read
 * from the file meanwhile are found again in it.
 */
void
tui_bookmarks_whole(struct tui *t)
{
	const struct bm_doc *e = NULL;
	struct anchor a;
	int i;

	if (t->bm != NULL && t->marks_wait != 0 && TUI_CUR(t)->key != NULL)
		e = bookmarks_get(t->bm, TUI_CUR(t)->key);
	for (i = 0; i < BM_NMARKS; i++) {
		if (!(t->marks_wait & (1u << i)))
			continue;
		t->marks_set &= ~(1u << i);
		if (e != NULL && e->marks[i].set && bookmarks_locate(t->doc,
		    &e->marks[i], &a.block, &a.off) != BM_NONE) {
			t->marks[i] = a;
			t->marks_set |= 1u << i;
		}
	}
	t->marks_wait = 0;
}

/* Why a mark read from the file has no place in the part loaded. */
const char *
tui_bookmarks_away(const struct tui *t)
{
	if (TUI_CUR(t)->load != NULL && load_failed(TUI_CUR(t)->load))
		return "is past the part that could be loaded";
	return "comes with the whole document";
}

/* Sets mark NAME at the top line and saves it. */
void
tui_bookmarks_mark(struct tui *t, int name)
{
	struct bm_pos pos;
	char *msg = NULL;

	t->marks[name - 'a'] = t->body.anchor;
	t->marks_set |= 1u << (name - 'a');
	t->marks_wait &= ~(1u << (name - 'a'));
	if (t->bm == NULL || TUI_CUR(t)->key == NULL)
		return;
	memset(&pos, 0, sizeof(pos));
	bookmarks_pos_make(&pos, t->doc, t->body.anchor.block,
	    t->body.anchor.off);
	bookmarks_set_mark(t->bm, TUI_CUR(t)->key, name, &pos);
	bookmarks_pos_clear(&pos);
	if (bookmarks_save(t->bm, &msg) != 0)
		tui_bookmarks_tell(t, msg, 1);
	else
		free(msg);
}

/*
 * Row I of the mark list into B: the mark's letter, percentage and
 * section, and the first words of its line, so that two marks in one
 * section differ. Returns the number of marks.
 */
int
tui_bookmarks_list(const struct tui *t, int i, char *b, size_t n)
{
	const struct doc *d = t->doc;
	struct buf row = { 0 };
	struct anchor a;
	const char *title;
	size_t len;
	int32_t sec;
	int k, count = 0;

	for (k = 0; k < BM_NMARKS; k++) {
		if (!((t->marks_set | t->marks_wait) & (1u << k)) ||
		    count++ != i)
			continue;
		if (!(t->marks_set & (1u << k))) {
			snprintf(b, n, "  %c    --  %s", 'a' + k,
			    tui_bookmarks_away(t));
			return 0;
		}
		a = t->marks[k];
		sec = a.block < d->nblocks ? d->blocks[a.block].section : -1;
		title = tui_section_title(t, sec);
		buf_printf(&row, "  %c  %3d%%  ", 'a' + k,
		    tui_bookmarks_percent(t, a));
		layout_cut(&row, title, strlen(title),
		    TUI_BOOKMARKS_TITLE, t->opts->ambiguous_wide);
		/* At a heading the section says it all. */
		if (sec < 0 || d->headings[sec].block != a.block) {
			len = row.len;
			buf_adds(&row, " | ");
			tui_bookmarks_words(t, a, &row);
			if (row.len == len + 3)
				row.data[row.len = len] = '\0';
		}
		snprintf(b, n, "%s", row.data);
		buf_free(&row);
		return 0;
	}
	return count;
}

/* Closes the bookmark file; prints what could not be saved. */
void
tui_bookmarks_close(struct tui *t)
{
	/* The screen is the terminal's again: say what could not be saved. */
	if (t->bm_later.len > 0)
		fputs(t->bm_later.data, stderr);
	buf_free(&t->bm_later);
	bookmarks_close(t->bm);
	t->bm = NULL;
	free(t->bm_msg);
	t->bm_msg = NULL;
}
