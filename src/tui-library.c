/*
 * tui-library.c: the reader's library screen (L), a list screen of every
 * document the bookmark file remembers, the most recently read first:
 * its title, its path, how far it was read and when. j, k, the arrows
 * and the mouse choose (tui.c moves the cursor, as in the match list);
 * Enter opens the chosen document; / filters the list as the filter is
 * typed (case ignored, in the title or the path); d then y forgets the
 * chosen document; q or Esc closes the screen.
 *
 * The list is a copy taken when the screen opens (bookmarks-list.c),
 * after the reader has saved its own place, and again after forgetting.
 * Whether a document's file is still there is looked up only for the
 * rows on screen, when they are first shown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern/bookmarks.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#define TUI_LIBRARY_TITLE	40	/* of a title in the list [columns] */
#define TUI_LIBRARY_FIRST	2	/* rows above the documents */

/* Whether an item's file is there, looked up when it is shown. */
enum tui_library_file { FILE_UNKNOWN, FILE_THERE, FILE_GONE };

struct tui_library {
	struct bm_store	*own;		/* the file, opened for the library
					   when the reader has none */
	struct bm_item	*items;		/* most recently read first */
	size_t		 nitems;
	uint8_t		*file;		/* per item: enum tui_library_file */
	size_t		*shown;		/* the items that pass the filter */
	size_t		 nshown;
	struct prompt	 ed;		/* the filter being typed */
	int		 typing;	/* the filter's prompt is open */
	struct prompt_view view;	/* of the prompt's line, at sync */
	struct search	*filter;	/* the filter, or NULL: every item */
	int		 confirm;	/* d asked: y forgets the chosen */
	int64_t		 now;		/* when the list was taken [s] */
	unsigned	 gen;		/* counts changes of what it shows */
};

/* The library's state, made on first use. */
static struct tui_library *
tui_library_get(struct tui *t)
{
	if (t->lib == NULL) {
		t->lib = xcalloc(1, sizeof(*t->lib));
		prompt_init(&t->lib->ed);
	}
	return t->lib;
}

/* The store that the library reads and forgets in. */
static struct bm_store *
tui_library_store(struct tui *t)
{
	struct tui_library *l = t->lib;
	char *path, *msg = NULL;

	if (t->bm != NULL)
		return t->bm;
	if (l->own == NULL) {
		path = t->opts->bookmarks ? xstrdup(t->opts->bookmarks) :
		    bookmarks_default_path();
		l->own = bookmarks_open(path, &msg);
		free(path);
		if (msg != NULL)
			tui_msg(t, "%s", msg);
		free(msg);
	}
	return l->own;
}

/* Keeps in the list only the items that pass the filter. */
static void
tui_library_filter(struct tui_library *l)
{
	const struct bm_item *it;
	const char *name;
	uint32_t off, len;
	size_t i;

	l->nshown = 0;
	for (i = 0; i < l->nitems; i++) {
		it = &l->items[i];
		name = bookmarks_list_name(it);
		if (l->filter == NULL || search_text(l->filter, name,
		    strlen(name), &off, &len) || search_text(l->filter,
		    it->key, strlen(it->key), &off, &len))
			l->shown[l->nshown++] = i;
	}
	l->gen++;
}

/* Takes the list again from the store. */
static void
tui_library_load(struct tui *t)
{
	struct tui_library *l = t->lib;

	bookmarks_list_free(l->items, l->nitems);
	free(l->file);
	free(l->shown);
	l->items = bookmarks_list_new(tui_library_store(t), &l->nitems);
	l->file = xcalloc(l->nitems + 1, sizeof(*l->file));
	l->shown = xcalloc(l->nitems + 1, sizeof(*l->shown));
	l->now = (int64_t)time(NULL);
	tui_library_filter(l);
	/* After forgetting the last row the cursor stays on the list. */
	if (t->list_cur >= TUI_LIBRARY_FIRST + (int)l->nshown)
		t->list_cur = TUI_LIBRARY_FIRST + (l->nshown > 0 ?
		    (int)l->nshown - 1 : 0);
}

/* The item on row ROW of the screen, or NULL. */
static const struct bm_item *
tui_library_item(const struct tui *t, int row, size_t *index)
{
	const struct tui_library *l = t->lib;
	size_t k;

	if (l == NULL || row < TUI_LIBRARY_FIRST)
		return NULL;
	k = (size_t)(row - TUI_LIBRARY_FIRST);
	if (k >= l->nshown)
		return NULL;
	if (index != NULL)
		*index = l->shown[k];
	return &l->items[l->shown[k]];
}

/* L: opens the library, the reader's own place saved first. */
void
tui_library_open(struct tui *t, long count)
{
	struct tui_library *l = tui_library_get(t);

	(void)count;
	tui_bookmarks_save(t);
	search_free(l->filter);
	l->filter = NULL;
	l->typing = l->confirm = 0;
	tui_library_load(t);
	t->help = TUI_HELP_LIBRARY;
	t->help_top = 0;
	t->list_cur = TUI_LIBRARY_FIRST;
}

/* Closes the library screen. */
static void
tui_library_close(struct tui *t)
{
	t->help = 0;
	if (t->helpwin != NULL) {
		delwin(t->helpwin);
		t->helpwin = NULL;
	}
	if (t->lib->typing)
		curs_set(0);
	t->lib->typing = t->lib->confirm = 0;
}

/* Appends to B when an item was read, from NOW: "3 min ago", or its
   date. */
static void
tui_library_when(struct buf *b, int64_t when, int64_t now)
{
	char day[32];
	time_t tt = (time_t)when;
	struct tm tm;

	if (when <= 0) {
		buf_adds(b, "-");
		return;
	}
	if (when <= now && now - when < 60)
		buf_adds(b, "just now");
	else if (when <= now && now - when < 3600)
		buf_printf(b, "%lld min ago", (long long)(now - when) / 60);
	else if (when <= now && now - when < 86400)
		buf_printf(b, "%lld h ago", (long long)(now - when) / 3600);
	else if (localtime_r(&tt, &tm) != NULL &&
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) > 0)
		buf_adds(b, day);
	else
		buf_adds(b, "-");
}

/* Appends to B text S, inert, cut or padded to COLS columns. */
static void
tui_library_cell(const struct tui *t, struct buf *b, const char *s,
    int cols)
{
	struct buf v = { 0 };
	size_t from = b->len;
	int amb = t->opts->ambiguous_wide, w;

	inert_buf(&v, s, strlen(s), inert_msg_flags());
	if (v.len > 0)
		layout_cut(b, v.data, v.len, cols, amb);
	buf_free(&v);
	for (w = layout_width(b->data + from, b->len - from, amb); w < cols;
	    w++)
		buf_addc(b, ' ');
}

/* Appends to B the path of KEY, with ~ for the home directory. */
static void
tui_library_path(struct buf *b, const char *key)
{
	const char *home = getenv("HOME");
	size_t n = home != NULL ? strlen(home) : 0;
	struct buf v = { 0 };

	if (n > 1 && strncmp(key, home, n) == 0 && key[n] == '/') {
		buf_addc(&v, '~');
		key += n;
	}
	buf_adds(&v, key);
	inert_buf(b, v.data, v.len, inert_msg_flags());
	buf_free(&v);
}

/* Row I of the library screen into B; returns the number of rows. */
int
tui_library_row(const struct tui *t, int i, char *b, size_t n)
{
	const struct tui_library *l = t->lib;
	const struct bm_item *it;
	struct buf row = { 0 };
	const char *cur = TUI_CUR(t)->key;

	if (l == NULL)
		return 0;
	if (i < 0)
		return TUI_LIBRARY_FIRST + (l->nshown > 0 ? (int)l->nshown : 1);
	if (i == 0) {
		if (l->filter != NULL)
			snprintf(b, n, " library: %zu of %zu documents match; "
			    "Enter opens, / filters, d forgets (q or Esc "
			    "closes this)", l->nshown, l->nitems);
		else
			snprintf(b, n, " library: %zu documents, the last read "
			    "first; Enter opens, / filters, d forgets (q or "
			    "Esc closes this)", l->nitems);
		return 0;
	}
	if ((it = tui_library_item(t, i, NULL)) == NULL) {
		if (i != TUI_LIBRARY_FIRST)
			b[0] = '\0';
		else if (l->nitems == 0)
			snprintf(b, n, "  no documents yet: each document read "
			    "is remembered");
		else
			snprintf(b, n, "  no document matches");
		return 0;
	}
	buf_adds(&row, cur != NULL && strcmp(cur, it->key) == 0 ? "* " :
	    "  ");
	if (it->pct < 0)
		buf_adds(&row, "   -  ");
	else
		buf_printf(&row, "%3d%%  ", it->pct / 100);
	tui_library_when(&row, it->time, l->now);
	while (row.len < 24)
		buf_addc(&row, ' ');
	tui_library_cell(t, &row, bookmarks_list_name(it), TUI_LIBRARY_TITLE);
	buf_adds(&row, "  ");
	tui_library_path(&row, it->key);
	snprintf(b, n, "%s", row.data);
	buf_free(&row);
	return 0;
}

/* The attributes of row I: dim when its file is gone. */
attr_t
tui_library_attr(const struct tui *t, int i)
{
	size_t k;

	if (tui_library_item(t, i, &k) == NULL)
		return 0;
	return t->lib->file[k] == FILE_GONE ? A_DIM : 0;
}

/* Looks up whether the files of the rows on screen are there, and sets
   out the filter's prompt. */
void
tui_library_sync(struct tui *t)
{
	struct tui_library *l = t->lib;
	const struct bm_item *it;
	size_t k;
	int i;

	if (l == NULL || t->help != TUI_HELP_LIBRARY)
		return;
	for (i = t->help_top; i < t->help_top + t->rows; i++) {
		if ((it = tui_library_item(t, i, &k)) == NULL)
			continue;
		if (l->file[k] != FILE_UNKNOWN)
			continue;
		/* Only a path can be gone: not the bundled article. */
		l->file[k] = it->key[0] == '/' && access(it->key, F_OK) == -1 &&
		    (errno == ENOENT || errno == ENOTDIR) ? FILE_GONE :
		    FILE_THERE;
		if (l->file[k] == FILE_GONE)
			l->gen++;
	}
	if (l->typing)
		l->view = prompt_view(&l->ed, t->cols > 12 ? t->cols - 10 : 1,
		    t->opts->ambiguous_wide);
}

/* What the screen shows besides its rows, for the reader's shot. */
unsigned
tui_library_gen(const struct tui *t)
{
	const struct tui_library *l = t->lib;

	if (l == NULL)
		return 0;
	return l->gen << 2 | (unsigned)l->typing << 1 | (unsigned)l->confirm;
}

/* Draws the filter's prompt on status window W when it is open; returns
   whether it is. */
int
tui_library_prompt(const struct tui *t, WINDOW *w, int width)
{
	const struct tui_library *l = t->lib;
	int x = 9, amb = t->opts->ambiguous_wide;

	if (l == NULL || !l->typing || t->help != TUI_HELP_LIBRARY)
		return 0;
	mvwaddstr(w, 0, 1, "filter: ");
	tui_draw_text(w, 0, x, x, width - 1, prompt_text(&l->ed) +
	    l->view.start, l->view.end - l->view.start, 0, 0, amb);
	wmove(w, 0, x + l->view.cursor < width ? x + l->view.cursor :
	    width - 1);
	return 1;
}

/* Sets the filter to the prompt's text (none when it is empty). */
static void
tui_library_refilter(struct tui *t)
{
	struct tui_library *l = t->lib;
	const char *s = prompt_text(&l->ed);
	char err[128];

	search_free(l->filter);
	l->filter = s[0] != '\0' ? search_new(s, SEARCH_ICASE, err,
	    sizeof(err)) : NULL;
	tui_library_filter(l);
	t->list_cur = TUI_LIBRARY_FIRST;
	t->help_top = 0;
}

/* A key while the filter's prompt is open. */
static void
tui_library_typed(struct tui *t, int code)
{
	struct tui_library *l = t->lib;

	switch (prompt_key(&l->ed, code)) {
	case PROMPT_CANCEL:
		prompt_start(&l->ed, NULL, 0);
		tui_library_refilter(t);
		/* FALLTHROUGH */
	case PROMPT_ENTER:
		l->typing = 0;
		l->gen++;
		curs_set(0);
		break;
	case PROMPT_EDITED:
		tui_library_refilter(t);
		break;
	default:
		break;
	}
}

/* Enter: opens the chosen document. */
static void
tui_library_go(struct tui *t)
{
	const struct bm_item *it;
	char *key;
	size_t k;

	if ((it = tui_library_item(t, t->list_cur, &k)) == NULL)
		return;
	if (t->lib->file[k] == FILE_GONE) {
		tui_msg(t, "%s: the file is gone (d forgets it)", it->key);
		return;
	}
	key = xstrdup(it->key);
	tui_library_close(t);
	if (TUI_CUR(t)->key == NULL || strcmp(TUI_CUR(t)->key, key) != 0)
		tui_doc_resume(t, key);
	free(key);
}

/* d, then y: forgets the chosen document, and only it. */
static void
tui_library_forget(struct tui *t, int code)
{
	struct tui_library *l = t->lib;
	const struct bm_item *it;
	struct bm_store *st;
	char *key, *msg = NULL;

	l->confirm = 0;
	if ((it = tui_library_item(t, t->list_cur, NULL)) == NULL)
		return;
	if (code != 'y') {
		tui_msg(t, "kept %s", bookmarks_list_name(it));
		return;
	}
	key = xstrdup(it->key);
	st = tui_library_store(t);
	bookmarks_forget(st, key);
	if (bookmarks_save(st, &msg) == 0)
		tui_msg(t, "forgot %s", key);
	else if (msg != NULL)
		tui_msg(t, "%s", msg);
	free(msg);
	free(key);
	tui_library_load(t);
}

/*
 * Key CODE (command C) while the library is open: the filter's prompt,
 * the answer to d, /, d, Enter. Returns 0 for a key that moves the
 * cursor or closes the screen, which tui.c handles as in every list.
 */
int
tui_library_key(struct tui *t, int code, enum cmd c)
{
	struct tui_library *l = t->lib;
	const struct bm_item *it;

	if (l->typing) {
		tui_library_typed(t, code);
		return 1;
	}
	if (l->confirm) {
		tui_library_forget(t, code);
		return 1;
	}
	if (code == '/') {
		l->typing = 1;
		l->gen++;
		prompt_start(&l->ed, NULL, 0);
		curs_set(1);
		return 1;
	}
	if (code == 'd') {
		if ((it = tui_library_item(t, t->list_cur, NULL)) != NULL) {
			l->confirm = 1;
			tui_msg(t, "forget %s? y forgets it, any other key "
			    "keeps it", bookmarks_list_name(it));
		}
		return 1;
	}
	if (c == CMD_FOLLOW) {
		tui_library_go(t);
		return 1;
	}
	if (c == CMD_ESCAPE || c == CMD_QUIT || c == CMD_HELP) {
		tui_library_close(t);
		return 1;
	}
	return 0;
}

/* A click on screen row Y: chooses its document; on the chosen one,
   opens it. */
void
tui_library_click(struct tui *t, int y)
{
	int row = t->help_top + y;

	if (t->lib->typing || t->lib->confirm ||
	    tui_library_item(t, row, NULL) == NULL)
		return;
	if (row == t->list_cur)
		tui_library_go(t);
	else
		t->list_cur = row;
}

/* Frees the library's state. */
void
tui_library_free(struct tui *t)
{
	struct tui_library *l = t->lib;

	if (l == NULL)
		return;
	bookmarks_list_free(l->items, l->nitems);
	free(l->file);
	free(l->shown);
	search_free(l->filter);
	prompt_free(&l->ed);
	bookmarks_close(l->own);
	free(l);
	t->lib = NULL;
}
