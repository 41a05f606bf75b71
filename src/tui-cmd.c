/*
 * tui-cmd.c: the reader's own commands, those that are no pane's: the
 * jumps back and forward, the overlays, searching, marks, the list
 * screens, the file's information, the command line. Each is a function
 * of the reader and the count typed before it (0 when none was typed), found by its command in the table tui_cmd_table; a new
 * command is a new row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/browser.h"
#include "lectern/clip.h"
#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

/* Goes back (or forward, FWD) on the jump stack. */
static void
tui_cmd_jump(struct tui *t, int fwd)
{
	struct jump here, to;

	here.doc = t->cur;
	here.at = t->body.anchor;
	here.focus = t->focus;
	if ((fwd ? jumps_forward(&t->jumps, here, &to) :
	    jumps_back(&t->jumps, here, &to)) != 0) {
		tui_msg(t, fwd ? "nothing to go forward to" :
		    "nothing to go back to");
		return;
	}
	tui_doc_go(t, to.doc, to.at, to.focus);
}


/*
 * The address of the selected link: in the notes when they have the
 * focus, else in the body; NULL when no link is selected there.
 */
static const char *
tui_cmd_selected_url(const struct tui *t)
{
	const struct sel *s = t->focus == PANE_NOTES ? &t->notes.link :
	    &t->body.sel;

	if (!s->on || !(s->style & (ST_LINK | ST_IMAGE)) || s->target < 0)
		return NULL;
	return t->doc->links[s->target].url;
}

/* O: opens the selected link with $BROWSER or the system's opener;
   browser_open checks the address first. */
static void
tui_cmd_link(struct tui *t)
{
	const char *url = tui_cmd_selected_url(t);
	char *msg;

	if (url == NULL) {
		tui_msg(t, "no link selected (Tab selects one)");
		return;
	}
	if (url[0] == '\0' || url[0] == '#') {
		tui_msg(t, "not a link to outside the document (Enter "
		    "follows it)");
		return;
	}
	browser_open(url, TUI_CUR(t)->path, &msg);
	tui_msg(t, "%s", msg);
	free(msg);
}

/*
 * y: the selected link's address goes to the terminal's clipboard (OSC
 * 52), and shows over the body until the next key, where it can be
 * selected with the mouse; with no link selected, and in the outline,
 * y is k, as in less.
 */
static void
tui_cmd_copy(struct tui *t, long count)
{
	const char *url = tui_cmd_selected_url(t);
	int rc;

	if (url == NULL || url[0] == '\0' || t->focus == PANE_OUTLINE) {
		tui_cmd_run(t, CMD_UP, count);
		return;
	}
	rc = clip_write(url, strlen(url));
	free(t->copied);
	t->copied = inert_str(url);
	if (rc < 0)
		tui_msg(t, "too long for the clipboard; shown above (any key "
		    "closes it)");
	else if (getenv("TMUX") != NULL)
		tui_msg(t, "copied with OSC 52 through tmux (its "
		    "set-clipboard must be on); any key closes");
	else
		tui_msg(t, "copied with OSC 52%s; any key closes",
		    rc == 0 ? " (the terminal's terminfo has no Ms)" : "");
}

/* The second key of m x and ' x. */
void
tui_cmd_mark(struct tui *t, int code)
{
	enum cmd c = t->pending;
	struct jump here, to;
	int i;

	t->pending = CMD_NONE;
	t->msg[0] = '\0';
	if (c == CMD_MARK_GO && code == '?') {
		t->help = TUI_HELP_MARKS;
		t->help_top = 0;
		return;
	}
	if (c == CMD_MARK_GO && code == '\'') {
		/* '': swap with the last place jumped from. */
		here.doc = t->cur;
		here.at = t->body.anchor;
		here.focus = t->focus;
		if (jumps_swap(&t->jumps, here, &to) != 0) {
			tui_msg(t, "no previous position");
			return;
		}
		tui_doc_go(t, to.doc, to.at, to.focus);
		return;
	}
	/* A-Z: global marks, in any document. */
	if (code >= 'A' && code <= 'Z') {
		if (c == CMD_MARK_SET)
			tui_doc_mark_set(t, code);
		else
			tui_doc_mark_go(t, code);
		return;
	}
	if (code < 'a' || code > 'z') {
		if (code != 27)
			tui_msg(t, "marks are the letters a to z, A to Z");
		return;
	}
	i = code - 'a';
	if (c == CMD_MARK_SET) {
		tui_msg(t, "mark %c set", code);
		tui_bookmarks_mark(t, code);
		return;
	}
	if (!(t->marks_set & (1u << i))) {
		if (t->marks_wait & (1u << i))
			tui_msg(t, "mark %c %s", code, tui_bookmarks_away(t));
		else
			tui_msg(t, "mark %c is not set", code);
		return;
	}
	tui_jump_push(t);
	tui_act_do(t, ACT_GOTO, t->marks[i], 0);
	tui_focus(t, PANE_BODY);
	tui_msg(t, "mark %c", code);
}

/*
 * The reader's own commands, each a function of the reader and a count
 * (0 when none was typed), listed in tui_cmds below.
 */
static void
tui_cmd_back(struct tui *t, long count)
{
	(void)count;
	tui_cmd_jump(t, 0);
}

static void
tui_cmd_forward(struct tui *t, long count)
{
	(void)count;
	tui_cmd_jump(t, 1);
}

static void
tui_cmd_open(struct tui *t, long count)
{
	(void)count;
	tui_cmd_link(t);
}

/* o: the outline, or back to the body. */
static void
tui_cmd_outline(struct tui *t, long count)
{
	(void)count;
	tui_focus(t, t->focus == PANE_OUTLINE ? PANE_BODY : PANE_OUTLINE);
}

/* t: the notes, or back to the body. */
static void
tui_cmd_notes(struct tui *t, long count)
{
	(void)count;
	tui_focus(t, t->focus == PANE_NOTES ? PANE_BODY : PANE_NOTES);
	if (t->focus == PANE_NOTES && t->notes.sel < 0)
		tui_msg(t, "j and k choose a note, Enter goes to where it is "
		    "cited");
}

/* < and > in the outline: its width. */
static void
tui_cmd_outline_narrow(struct tui *t, long count)
{
	tui_outline_resize(t, -(int)(count > 0 && count < 100 ? count : 1));
}

static void
tui_cmd_outline_widen(struct tui *t, long count)
{
	tui_outline_resize(t, (int)(count > 0 && count < 100 ? count : 1));
}

/* Esc: back to the body; in the body, no selection. */
static void
tui_cmd_escape(struct tui *t, long count)
{
	(void)count;
	if (tui_search_book_stop(t))
		return;
	if (t->focus != PANE_BODY)
		tui_focus(t, PANE_BODY);
	else if (t->body.sel.on)
		tui_act_do(t, ACT_UNSELECT, t->body.anchor, 0);
}

static void
tui_cmd_search_fwd(struct tui *t, long count)
{
	(void)count;
	tui_search_start(t, 1);
}

static void
tui_cmd_search_back(struct tui *t, long count)
{
	(void)count;
	tui_search_start(t, -1);
}

/* n: the next match, or the Nth. */
static void
tui_cmd_search_next(struct tui *t, long count)
{
	tui_search_nth(t, 1, count > 0 ? count : 1);
}

/* N: the previous match, or the Nth back. */
static void
tui_cmd_search_prev(struct tui *t, long count)
{
	tui_search_nth(t, -1, count > 0 ? count : 1);
}

/* Esc u, \: the matches of the last search stay, their colours go. */
static void
tui_cmd_unhighlight(struct tui *t, long count)
{
	(void)count;
	tui_search_unhighlight(t);
}

/* &: every match, in a list. */
static void
tui_cmd_search_list(struct tui *t, long count)
{
	(void)count;
	if (t->find.s == NULL && t->bfind.bs == NULL) {
		tui_msg(t, "no search yet (/ searches)");
		return;
	}
	t->help = TUI_HELP_MATCHES;
	t->list_cur = tui_search_list_row(t);
	t->help_top = t->list_cur - 2;
}

static void
tui_cmd_mark_set(struct tui *t, long count)
{
	(void)count;
	t->pending = CMD_MARK_SET;
}

static void
tui_cmd_mark_go(struct tui *t, long count)
{
	(void)count;
	t->pending = CMD_MARK_GO;
}

static void
tui_cmd_help(struct tui *t, long count)
{
	(void)count;
	t->help = TUI_HELP_KEYS;
	t->help_top = 0;
}

/* Ctrl-L: everything again, the terminal cleared first. */
static void
tui_cmd_redraw(struct tui *t, long count)
{
	(void)count;
	tui_redraw(t);
}

static void
tui_cmd_quit(struct tui *t, long count)
{
	(void)count;
	t->quit = 1;
}

/* :e FILE, :n, :p, :x: the documents of the book. */
static void
tui_cmd_examine(struct tui *t, long count)
{
	(void)count;
	if (t->arg != NULL)
		tui_doc_edit(t, t->arg);
}

static void
tui_cmd_doc_next(struct tui *t, long count)
{
	(void)count;
	tui_doc_step(t, 1, 1, 1);
}

static void
tui_cmd_doc_prev(struct tui *t, long count)
{
	(void)count;
	tui_doc_step(t, -1, 1, 1);
}

static void
tui_cmd_doc_first(struct tui *t, long count)
{
	(void)count;
	tui_doc_step(t, 0, 1, 1);
}

/* The commands that are no pane's own, by command. */
static void (*const tui_cmd_table[])(struct tui *, long) = {
	[CMD_BACK] = tui_cmd_back,
	[CMD_FORWARD] = tui_cmd_forward,
	[CMD_OPEN] = tui_cmd_open,
	[CMD_COPY] = tui_cmd_copy,
	[CMD_OUTLINE] = tui_cmd_outline,
	[CMD_NOTES] = tui_cmd_notes,
	[CMD_OUTLINE_NARROW] = tui_cmd_outline_narrow,
	[CMD_OUTLINE_WIDEN] = tui_cmd_outline_widen,
	[CMD_ESCAPE] = tui_cmd_escape,
	[CMD_SEARCH_FWD] = tui_cmd_search_fwd,
	[CMD_SEARCH_BACK] = tui_cmd_search_back,
	[CMD_SEARCH_NEXT] = tui_cmd_search_next,
	[CMD_SEARCH_PREV] = tui_cmd_search_prev,
	[CMD_SEARCH_LIST] = tui_cmd_search_list,
	[CMD_UNHIGHLIGHT] = tui_cmd_unhighlight,
	[CMD_MARK_SET] = tui_cmd_mark_set,
	[CMD_MARK_GO] = tui_cmd_mark_go,
	[CMD_HELP] = tui_cmd_help,
	[CMD_REDRAW] = tui_cmd_redraw,
	[CMD_INFO] = tui_less_info,
	[CMD_COLON] = tui_less_colon,
	[CMD_LIBRARY] = tui_library_open,
	[CMD_QUIT] = tui_cmd_quit,
	[CMD_EXAMINE] = tui_cmd_examine,
	[CMD_DOC_NEXT] = tui_cmd_doc_next,
	[CMD_DOC_PREV] = tui_cmd_doc_prev,
	[CMD_DOC_FIRST] = tui_cmd_doc_first,
};

/*
 * Command C with the count typed before it (0: none): the focused
 * pane's if it has it, else the reader's own, else the body's.
 */
void
tui_cmd_run(struct tui *t, enum cmd c, long count)
{
	struct acts a;

	a.n = 0;
	a.used = 0;
	if (tui_panes[t->focus]->key(t, c, count, &a)) {
		tui_act_apply(t, &a);
		return;
	}
	if ((size_t)c < sizeof(tui_cmd_table) / sizeof(tui_cmd_table[0]) &&
	    tui_cmd_table[c] != NULL) {
		tui_cmd_table[c](t, count);
		return;
	}
	if (t->focus != PANE_BODY &&
	    tui_panes[PANE_BODY]->key(t, c, count, &a))
		tui_act_apply(t, &a);
}
