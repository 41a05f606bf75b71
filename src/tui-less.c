/*
 * tui-less.c: the reader's side of the keys of less(1) that are no
 * pane's: what comes before a command (a count, 10j 3n 50%; Esc as the
 * first of two keys, Esc u), the command line (:) and the file's
 * information (=). The count goes with its command through the one
 * dispatch (tui_cmd_run): each pane, and each of the reader's commands,
 * takes it as less does.
 *
 * A line is a line as the body shows it at its present width, the unit
 * of j and k: 10j and 11g from the top land on the same line, and =
 * counts lines so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/complete.h"
#include "lectern/count.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/options.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

struct tui_less {
	struct count	 count;		/* typed before the command */
	int		 colon;		/* the command line is open */
	struct prompt	 ed;		/* its editor */
	struct prompt_view view;	/* of its line, set at sync */
	/* The lines of the body at one width, counted for =. */
	const struct doc *ldoc;
	uint64_t	 lhash;		/* of its source: the same document */
	struct layout_opts lopts;
	uint32_t	*first;		/* per body block: its first line;
					   [nbody]: the number of lines */
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

/* The first line of each body block at the body's width, counted once
   a width. */
static const uint32_t *
tui_less_lines(struct tui *t)
{
	struct tui_less *s = tui_less_get(t);
	struct layout_opts o = { .width = t->body.measure,
	    .ambiguous_wide = t->opts->ambiguous_wide,
	    .fold_code = t->body.fold_code, .front = t->body.front };
	const struct doc *d = t->doc;
	struct layout *l;
	uint32_t b, total = 0;

	if (s->first != NULL && s->ldoc == d && s->lhash == d->hash &&
	    s->lopts.width == o.width &&
	    s->lopts.ambiguous_wide == o.ambiguous_wide &&
	    s->lopts.fold_code == o.fold_code &&
	    s->lopts.front == o.front)
		return s->first;
	free(s->first);
	s->first = xcalloc((size_t)d->nbody + 1, sizeof(*s->first));
	for (b = 0; b < d->nbody; b++) {
		s->first[b] = total;
		l = layout_block(d, b, &o);
		total += l->nlines;
		layout_free(l);
	}
	s->first[d->nbody] = total;
	s->ldoc = d;
	s->lhash = d->hash;
	s->lopts = o;
	return s->first;
}

/* =, Ctrl-G, :f: the file, its size, the lines on screen, the place. */
void
tui_less_info(struct tui *t, long count)
{
	const uint32_t *first;
	unsigned long from, to, total;
	int h = t->ph[PANE_BODY] > 0 ? t->ph[PANE_BODY] : 1, pc;
	char nth[64];

	(void)count;
	if (view_empty(t->body.view)) {
		tui_msg(t, "%s: empty, %llu bytes", TUI_CUR(t)->name,
		    (unsigned long long)t->doc->src_len);
		return;
	}
	first = tui_less_lines(t);
	total = first[t->doc->nbody];
	from = first[t->body.top.block] + t->body.top.line + 1;
	to = from + (unsigned long)h - 1;
	if (to > total)
		to = total;
	pc = view_percent(t->body.view, t->body.top, t->ph[PANE_BODY]);
	tui_doc_number(t, nth, sizeof(nth));
	tui_msg(t, "%s%s  lines %lu-%lu of %lu  %d%%  %llu bytes  %s",
	    nth, TUI_CUR(t)->name, from, to, total, pc,
	    (unsigned long long)t->doc->src_len,
	    tui_section_title(t, t->page.section));
}

/* :: opens the command line. */
void
tui_less_colon(struct tui *t, long count)
{
	struct tui_less *s = tui_less_get(t);

	(void)count;
	s->colon = 1;
	prompt_start(&s->ed, NULL, 0);
	curs_set(1);
}

/* Runs the command line's text: a name, then its argument, as the
   command of its row. */
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
	t->arg = c->arg != NULL ? arg : NULL;
	tui_cmd_run(t, c->cmd, 0);
	t->arg = NULL;
}

/*
 * Tab after ":e ": the file name typed so far grows to what every file
 * of its directory that starts so has in common ("/" after a directory);
 * more than one such file: their number on the status line.
 */
static void
tui_less_complete(struct tui *t)
{
	struct tui_less *s = tui_less_get(t);
	const char *text = prompt_text(&s->ed), *arg;
	char line[PROMPT_MAX + 1];
	int n;

	arg = text + strspn(text, " ");
	if (arg[0] != 'e' || arg[1] != ' ')
		return;
	arg += 1 + strspn(arg + 1, " ");
	if (complete_path(arg, line + (arg - text),
	    sizeof(line) - (size_t)(arg - text), &n) != 0)
		return;
	memcpy(line, text, (size_t)(arg - text));
	prompt_start(&s->ed, line, 0);
	if (n > 1)
		tui_msg(t, "%d files", n);
	else if (n == 0)
		tui_msg(t, "no such file");
}

/* A key while the command line is open. */
static void
tui_less_colon_key(struct tui *t, int code)
{
	struct tui_less *s = tui_less_get(t);
	enum prompt_rc rc;

	if (code == KEYS_CTRL('r'))	/* no regular expressions here */
		return;
	if (code == '\t') {
		tui_less_complete(t);
		return;
	}
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

/*
 * Reads key *CODE before it is looked up: the command line's keys, the
 * digits of a count, Esc before a key. Returns 1 when the key was taken
 * here; else *COUNT is the count typed before the command (0: none) and
 * *CODE may have become KEYS_ESC of itself.
 */
int
tui_less_key(struct tui *t, int *code, long *count)
{
	struct tui_less *s = tui_less_get(t);

	*count = 0;
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
	*count = count_take(&s->count);
	/* Esc and a key that means nothing after Esc: the key alone. */
	if ((*code & KEYS_ESC(0)) != 0 &&
	    keys_lookup(*code, 1u << t->focus) == CMD_NONE)
		*code &= ~KEYS_ESC(0);
	return 0;
}

/* Sets out the command line's text for drawing, scrolled to fit. */
void
tui_less_sync(struct tui *t)
{
	struct tui_less *s = t->less;
	int room = t->cols > 4 ? t->cols - 3 : 1;

	if (s == NULL || !s->colon)
		return;
	s->view = prompt_view(&s->ed, room, t->opts->ambiguous_wide);
}

/* Draws the command line on status window W, if it is open; returns
   whether it is. */
int
tui_less_prompt(const struct tui *t, WINDOW *w, int width)
{
	const struct tui_less *s = t->less;
	int room = width > 4 ? width - 3 : 1, amb = t->opts->ambiguous_wide;

	if (s == NULL || !s->colon)
		return 0;
	mvwaddch(w, 0, 1, ':');
	tui_draw_text(w, 0, 2, 2, 2 + room, prompt_text(&s->ed) +
	    s->view.start, s->view.end - s->view.start, 0, 0, amb);
	wmove(w, 0, 2 + s->view.cursor);
	return 1;
}
