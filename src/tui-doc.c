/*
 * tui-doc.c: the documents the reader shows. The first is the one it
 * started on; a link to a local Markdown file, a file command (:e) or a
 * jump back adds or returns to another. Each document shown stays loaded
 * as a visit until the reader quits, so that a jump back to it is exact
 * and instant; its place is saved in the bookmark file when the reader
 * leaves it, as on quitting.
 *
 * Leaving a document frees the panes' state and the search's matches
 * (they belong to one document); entering one starts the panes again on
 * it, with its marks, at its saved place, an anchor, or the place a jump
 * recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lectern/book.h"
#include "lectern/bookmarks.h"
#include "lectern/browser.h"
#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/load.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

/* How a document is entered: where its first line comes from. */
enum tui_doc_how {
	TUI_DOC_RESUME,		/* its saved place */
	TUI_DOC_TOP,		/* its beginning (or the anchor) */
	TUI_DOC_KEEP		/* the caller restores a place */
};

/* Adds a visit; its strings are copied. Returns its index. */
static uint32_t
tui_doc_add(struct tui *t, const char *path, const char *name, const char *key,
    struct load *l, int owned, struct doc *d)
{
	struct tui_visit *v;

	t->visits = xreallocarray(t->visits, t->nvisits + 1,
	    sizeof(*t->visits));
	v = &t->visits[t->nvisits];
	memset(v, 0, sizeof(*v));
	v->path = xstrdup(path);
	v->name = xstrdup(name);
	v->key = key != NULL ? xstrdup(key) : NULL;
	v->load = l;
	v->owned = owned;
	v->doc = d;
	v->chapter = -1;
	return t->nvisits++;
}

/*
 * The book's key in the bookmark file: "book:" and the directory's
 * canonical path, or for a list of files "book:files:" and a hash of
 * their canonical paths in order.
 */
static char *
tui_doc_book_key(const struct book *bk)
{
	uint64_t h = 14695981039346656037ULL;
	char *p;
	size_t i;
	const char *c;

	if (bk->key != NULL)
		return xasprintf("book:%s", bk->key);
	for (i = 0; i < bk->n; i++) {
		if (bk->v[i].path == NULL ||
		    (p = realpath(bk->v[i].path, NULL)) == NULL)
			continue;
		for (c = p; ; c++) {
			h = (h ^ (unsigned char)*c) * 1099511628211ULL;
			if (*c == '\0')
				break;
		}
		free(p);
	}
	return xasprintf("book:files:%016llx", (unsigned long long)h);
}

/* The document the reader starts on: main's, with main's names. */
void
tui_doc_first(struct tui *t)
{
	const struct options *o = t->opts;
	struct tui_visit *v;
	const char *first;
	size_t n = 0;

	t->cur = tui_doc_add(t, o->path, o->name, o->key, o->load, 0, t->doc);
	v = TUI_CUR(t);
	v->section = o->section;
	if (o->anchor != NULL)
		v->anchor = xstrdup(o->anchor);
	v->chapter = o->chapter;
	if (o->book != NULL)
		t->book_key = tui_doc_book_key(o->book);
	/* The book's problems known so far: the first, and how many. */
	if (o->book != NULL && (n = book_problems(o->book, &first)) == 1)
		tui_msg(t, "%s", first);
	else if (o->book != NULL && n > 1)
		tui_msg(t, "%zu problems in the book; %s", n, first);
}

/* Opens at the first heading that contains TITLE. */
void
tui_doc_section(struct tui *t, const char *title)
{
	uint32_t h;

	for (h = 0; h < t->doc->nheadings; h++)
		if (strstr(t->doc->headings[h].title, title) != NULL) {
			tui_act_do(t, ACT_HEADING, (struct anchor){ 0, 0 }, h);
			return;
		}
	tui_msg(t, "no heading contains \"%s\"", title);
}

/* #NAME: goes to the heading or the anchor NAME. */
void
tui_doc_anchor(struct tui *t, const char *name)
{
	int64_t b = doc_find_anchor(t->doc, name);
	int32_t h = doc_find_slug(t->doc, name);

	if (h >= 0) {
		tui_act_do(t, ACT_HEADING, (struct anchor){ 0, 0 },
		    (uint32_t)h);
		return;
	}
	if (b < 0) {
		tui_msg(t, "no heading or anchor #%s in %s", name,
		    TUI_CUR(t)->name);
		return;
	}
	tui_act_do(t, ACT_GOTO, (struct anchor){ (uint32_t)b, 0 }, 0);
}

/* Leaves the document shown: its place saved, the panes' state freed. */
static void
tui_doc_leave(struct tui *t)
{
	int p;

	if (t->ask.on)
		tui_search_key(t, 27);
	tui_bookmarks_save(t);
	tui_search_drop(t);
	for (p = PANE_N; p-- > 0; )
		tui_panes[p]->free(t);
	TUI_CUR(t)->doc = t->doc;
	t->marks_set = t->marks_wait = 0;
	t->help = 0;
	t->list_cur = 0;
}

/* Shows visit I, entered as HOW says. */
static void
tui_doc_enter(struct tui *t, uint32_t i, enum tui_doc_how how)
{
	struct tui_visit *v;
	long window = t->body.window, half = t->body.half;
	int fold = t->body.fold_code, p;

	t->cur = i;
	v = TUI_CUR(t);
	t->doc = v->load != NULL ? load_doc(v->load) : v->doc;
	v->doc = t->doc;
	for (p = 0; p < PANE_N; p++)
		tui_panes[p]->init(t);
	/* The reader's settings are not the document's. */
	t->body.window = window;
	t->body.half = half;
	t->body.fold_code = fold;
	t->focus = PANE_BODY;
	t->overlay = -1;
	tui_geometry(t);
	tui_bookmarks_resume(t, how == TUI_DOC_RESUME && v->anchor == NULL);
	/* The book remembers the chapter being read. */
	if (t->bm != NULL && t->book_key != NULL && v->chapter >= 0 &&
	    v->key != NULL)
		bookmarks_set_book(t->bm, t->book_key, v->key);
	if (how != TUI_DOC_KEEP && v->anchor != NULL)
		tui_doc_anchor(t, v->anchor);
}

/* The visit of the file KEY names, or NULL. */
static int64_t
tui_doc_find(const struct tui *t, const char *key)
{
	uint32_t i;

	for (i = 0; key != NULL && i < t->nvisits; i++)
		if (t->visits[i].key != NULL &&
		    strcmp(t->visits[i].key, key) == 0)
			return i;
	return -1;
}

/*
 * Shows the document at PATH, entered as HOW says, at ANCHOR
 * (percent-decoded) if given, as a jump that Backspace comes back from.
 * Says why on the status line and returns -1 when it cannot be read or
 * the anchor is not in it.
 */
static int
tui_doc_visit(struct tui *t, const char *path, const char *anchor,
    enum tui_doc_how how, int jump)
{
	const struct book *bk = t->opts->book;
	struct load_opts lo;
	struct load *l;
	char *key, *name, *bundled = NULL, err[512];
	enum decode_status ds;
	struct doc *d;
	int64_t i;

	/* The library names the bundled article by its key. */
	if (strcmp(path, LECTERN_ARTICLE_KEY) == 0) {
		key = xstrdup(LECTERN_ARTICLE_KEY);
		path = bundled = util_bundled();
	} else
		key = realpath(path, NULL);
	if ((i = tui_doc_find(t, key)) == (int64_t)t->cur) {
		free(bundled);
		free(key);
		if (jump)
			tui_jump_push(t);
		if (anchor != NULL)
			tui_doc_anchor(t, anchor);
		else if (how == TUI_DOC_TOP)
			tui_act_do(t, ACT_GOTO, (struct anchor){ 0, 0 }, 0);
		return 0;
	}
	name = inert_str(path);
	if (i < 0) {
		memset(&lo, 0, sizeof(lo));
		lo.max_size = t->opts->max_size;
		lo.trim = 1;
		ds = load_open(path, &lo, &l, err, sizeof(err));
		if (ds != DECODE_OK) {
			tui_msg(t, "%s: %s", name, err);
			free(name);
			free(key);
			free(bundled);
			return -1;
		}
		i = tui_doc_add(t, path, name, key, l, 1, load_doc(l));
		t->visits[i].chapter = bk != NULL ? book_find(bk, path) : -1;
	}
	free(key);
	free(bundled);
	d = t->visits[i].load != NULL ? load_doc(t->visits[i].load) :
	    t->visits[i].doc;
	/* A missing anchor goes nowhere; the rest of a file that is still
	   loading may hold it. */
	if (anchor != NULL && doc_find_anchor(d, anchor) < 0 &&
	    (t->visits[i].load == NULL || !load_partial(t->visits[i].load))) {
		tui_msg(t, "no heading or anchor #%s in %s", anchor, name);
		free(name);
		return -1;
	}
	free(name);
	if (jump)
		tui_jump_push(t);
	tui_doc_leave(t);
	free(t->visits[i].anchor);
	t->visits[i].anchor = anchor != NULL ? xstrdup(anchor) : NULL;
	tui_doc_enter(t, (uint32_t)i, how);
	if (t->msg[0] == '\0')
		tui_msg(t, "%s", TUI_CUR(t)->name);
	return 0;
}

/* A link's document: at ANCHOR, else at its beginning. */
int
tui_doc_open(struct tui *t, const char *path, const char *anchor)
{
	return tui_doc_visit(t, path, anchor, TUI_DOC_TOP, 1);
}

/*
 * :e FILE: the document at its saved place, as on the command line;
 * FILE#anchor at that anchor unless a file has the whole name.
 */
void
tui_doc_edit(struct tui *t, const char *arg)
{
	char *path = xstrdup(arg), *hash = strrchr(path, '#');
	const char *anchor = NULL;
	struct stat st;

	if (hash != NULL && hash > path && hash[1] != '\0' &&
	    stat(path, &st) != 0) {
		*hash = '\0';
		anchor = hash + 1;
	}
	tui_doc_visit(t, path, anchor, TUI_DOC_RESUME, 1);
	free(path);
}

/*
 * The why of the first entry after FROM and before TO (-1: the end) going
 * DIR (1 or -1) that was found without a file, or NULL.
 */
static const char *
tui_doc_passed(const struct book *bk, long from, long to, int dir)
{
	long i;

	for (i = from + dir; i >= 0 && i < (long)bk->n && i != to; i += dir)
		if (bk->v[i].why != NULL)
			return bk->v[i].why;
	return NULL;
}

/*
 * Goes to the next (DIR > 0) or previous document of the book, or the
 * first (DIR == 0): at its saved place with RESUME, else at its
 * beginning (or, going back, at its last heading). A document that
 * cannot be read (removed meanwhile, not text, found missing or outside
 * the book when checked on the way) is stepped over, and the first such
 * said on the status line. Returns -1 when there is none, with a message
 * only when SAY.
 */
int
tui_doc_step(struct tui *t, int dir, int resume, int say)
{
	const struct book *bk = t->opts->book;
	long c = TUI_CUR(t)->chapter, n, from = dir == 0 ? -1 : c;
	int d = dir < 0 ? -1 : 1;
	const char *passed;
	uint32_t h;
	char why[sizeof(t->msg)];

	if (bk == NULL || (c < 0 && dir != 0)) {
		if (say)
			tui_msg(t, "%s", bk == NULL ? "only one document" :
			    "this document is not in the book");
		return -1;
	}
	n = book_next(bk, from, d);
	passed = tui_doc_passed(bk, from, n, d);
	if (n < 0 || (dir == 0 && n == c)) {
		if (say)
			tui_msg(t, "%s", passed != NULL ? passed : dir > 0 ?
			    "the last document" : "the first document");
		return -1;
	}
	t->msg[0] = why[0] = '\0';	/* "no more sections": said no more */
	if (passed != NULL)
		tui_msg(t, "%s", passed);
	memcpy(why, t->msg, sizeof(why));
	while (tui_doc_visit(t, bk->v[n].path, NULL, resume ?
	    TUI_DOC_RESUME : TUI_DOC_TOP, 1) != 0) {
		if (why[0] == '\0')
			memcpy(why, t->msg, sizeof(why));
		n = book_next(bk, n, dir < 0 ? -1 : 1);
		if (n < 0 || n == c) {
			memcpy(t->msg, why, sizeof(why));
			return -1;
		}
	}
	if (why[0] != '\0')
		memcpy(t->msg, why, sizeof(why));
	if (!resume && dir < 0 && (h = t->doc->nheadings) > 1)
		tui_act_do(t, ACT_HEADING, (struct anchor){ 0, 0 }, h - 1);
	return 0;
}

/*
 * Goes to AT in visit I with FOCUS: a jump back or forward, which may
 * cross to another document. Returns 0.
 */
int
tui_doc_go(struct tui *t, uint32_t i, struct anchor at, int focus)
{
	if (i >= t->nvisits)
		return -1;
	if (i != t->cur) {
		tui_doc_leave(t);
		free(t->visits[i].anchor);
		t->visits[i].anchor = NULL;
		tui_doc_enter(t, i, TUI_DOC_KEEP);
		tui_msg(t, "%s", TUI_CUR(t)->name);
	}
	tui_act_do(t, ACT_RESTORE, at, 0);
	tui_focus(t, focus);
	return 0;
}

/*
 * Enter on a link to URL that is not an anchor of this document: a
 * Markdown file opens in the reader; another local file goes to the
 * opener; an address elsewhere is shown.
 */
void
tui_doc_follow(struct tui *t, const char *url)
{
	char *anchor = NULL, *path, *key, *shown, *msg;
	struct stat st;

	path = book_link_path(TUI_CUR(t)->path, url, &anchor);
	if (path == NULL) {
		shown = inert_str(url);
		tui_msg(t, "%s", shown);
		free(shown);
		return;
	}
	key = realpath(path, NULL);
	if (key == NULL || stat(path, &st) != 0) {
		shown = inert_str(path);
		tui_msg(t, "%s: no such file", shown);
		free(shown);
	} else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		/* A device or a FIFO is neither read nor handed on. */
		shown = inert_str(path);
		tui_msg(t, "%s: %s", shown, S_ISFIFO(st.st_mode) ?
		    "is a FIFO, not a regular file" : S_ISCHR(st.st_mode) ||
		    S_ISBLK(st.st_mode) ? "is a device, not a regular file" :
		    "not a regular file");
		free(shown);
	} else if (!S_ISDIR(st.st_mode) && (book_is_markdown(path) ||
	    tui_doc_find(t, key) >= 0))
		tui_doc_open(t, path, anchor);
	else {
		browser_open(url, TUI_CUR(t)->path, &msg);
		tui_msg(t, "%s", msg);
		free(msg);
	}
	free(anchor);
	free(path);
	free(key);
}

/* The book's entry I, at its saved place: from the outline. */
int
tui_doc_entry(struct tui *t, long i)
{
	const struct book *bk = t->opts->book;

	if (bk == NULL || i < 0 || (size_t)i >= bk->n)
		return -1;
	if (book_check(bk, i) != 0) {
		tui_msg(t, "%s", bk->v[i].why != NULL ? bk->v[i].why :
		    bk->v[i].flags & BOOK_DRAFT ? "a draft: no file yet" :
		    "a part title: no file");
		return -1;
	}
	if (i == TUI_CUR(t)->chapter) {
		tui_jump_push(t);
		tui_act_do(t, ACT_GOTO, (struct anchor){ 0, 0 }, 0);
		return 0;
	}
	return tui_doc_visit(t, bk->v[i].path, NULL, TUI_DOC_RESUME, 1);
}

/* Library: a remembered document at its saved place. */
int
tui_doc_resume(struct tui *t, const char *path)
{
	return tui_doc_visit(t, path, NULL, TUI_DOC_RESUME, 1);
}

/*
 * On opening a book: the chapter being read when it was left, at its
 * saved place; else the first stays. The chapter read is recorded.
 */
void
tui_doc_book(struct tui *t)
{
	const struct book *bk = t->opts->book;
	const char *ch;
	long i;

	if (bk == NULL || t->bm == NULL || t->book_key == NULL)
		return;
	ch = t->opts->no_resume ? NULL :
	    bookmarks_book_chapter(t->bm, t->book_key);
	if (ch != NULL && (TUI_CUR(t)->key == NULL ||
	    strcmp(ch, TUI_CUR(t)->key) != 0) && (i = book_find(bk, ch)) >= 0) {
		if (tui_doc_visit(t, bk->v[i].path, NULL, TUI_DOC_RESUME,
		    0) == 0 && t->msg[0] == '\0')
			tui_msg(t, "resumed the book at %s", TUI_CUR(t)->name);
	}
	if (TUI_CUR(t)->chapter >= 0 && TUI_CUR(t)->key != NULL)
		bookmarks_set_book(t->bm, t->book_key, TUI_CUR(t)->key);
}

/* m A-Z: a global mark, at the top line of the document shown. */
void
tui_doc_mark_set(struct tui *t, int letter)
{
	struct bm_pos pos;
	char *msg = NULL;

	if (t->bm == NULL || TUI_CUR(t)->key == NULL) {
		tui_msg(t, "no global mark in a document with no file");
		return;
	}
	memset(&pos, 0, sizeof(pos));
	bookmarks_pos_make(&pos, t->doc, t->body.anchor.block,
	    t->body.anchor.off);
	bookmarks_set_global(t->bm, letter, TUI_CUR(t)->key, &pos);
	bookmarks_pos_clear(&pos);
	if (bookmarks_save(t->bm, &msg) != 0)
		tui_msg(t, "%s", msg);
	else
		tui_msg(t, "mark %c set (global)", letter);
	free(msg);
}

/* ' A-Z: the global mark's document, opened if need be, at its place. */
void
tui_doc_mark_go(struct tui *t, int letter)
{
	const struct bm_pos *p;
	const char *key;
	struct bm_pos pos;
	struct anchor a;
	char *path;

	if (t->bm == NULL || bookmarks_get_global(t->bm, letter, &key, &p) != 0) {
		tui_msg(t, "mark %c is not set", letter);
		return;
	}
	path = xstrdup(key);
	memset(&pos, 0, sizeof(pos));
	bookmarks_pos_copy(&pos, p);
	if (TUI_CUR(t)->key == NULL || strcmp(TUI_CUR(t)->key, path) != 0) {
		if (tui_doc_visit(t, path, NULL, TUI_DOC_KEEP, 1) != 0) {
			bookmarks_pos_clear(&pos);
			free(path);
			return;
		}
	} else
		tui_jump_push(t);
	if (bookmarks_locate(t->doc, &pos, &a.block, &a.off) != BM_NONE)
		tui_act_do(t, ACT_GOTO, a, 0);
	tui_focus(t, PANE_BODY);
	tui_msg(t, "mark %c", letter);
	bookmarks_pos_clear(&pos);
	free(path);
}

/*
 * "document K of N: " into B when the document shown is the Kth of a
 * book of N, else "".
 */
void
tui_doc_number(const struct tui *t, char *b, size_t n)
{
	const struct book *bk = t->opts->book;
	long c = TUI_CUR(t)->chapter, k = 0, all = 0, i;

	b[0] = '\0';
	if (bk == NULL || c < 0)
		return;
	for (i = 0; i < (long)bk->n; i++)
		if (bk->v[i].path != NULL && !(bk->v[i].flags & BOOK_DRAFT)) {
			all++;
			if (i <= c)
				k++;
		}
	snprintf(b, n, "document %ld of %ld: ", k, all);
}

/* Frees the visits and the loads the reader made. */
void
tui_doc_free(struct tui *t)
{
	uint32_t i;

	for (i = 0; i < t->nvisits; i++) {
		free(t->visits[i].path);
		free(t->visits[i].name);
		free(t->visits[i].key);
		free(t->visits[i].anchor);
		if (t->visits[i].owned)
			load_free(t->visits[i].load);
	}
	free(t->visits);
	t->visits = NULL;
	t->nvisits = 0;
	free(t->book_key);
	t->book_key = NULL;
}
