/*
 * tui-act.c: the actions of the reader. A pane changes only its own
 * state; for anything else (a message, a jump, another pane's move) it
 * puts an action into a list, and tui_act_apply carries the list out
 * here, in one place: an action for the reader itself directly, one for
 * a pane through that pane's act callback, whose own actions are carried
 * out before the next one, as nested calls would be.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

/* The pane each action is addressed to; TUI_ACT_CORE: the reader's. */
#define TUI_ACT_CORE	(-1)
static const int tui_act_pane[ACT_N] = {
	[ACT_MSG] = TUI_ACT_CORE,
	[ACT_ADDR] = TUI_ACT_CORE,
	[ACT_FOLLOW] = TUI_ACT_CORE,
	[ACT_DOC] = TUI_ACT_CORE,
	[ACT_ENTRY] = TUI_ACT_CORE,
	[ACT_JUMP] = TUI_ACT_CORE,
	[ACT_FOCUS] = TUI_ACT_CORE,
	[ACT_GOTO] = PANE_BODY,
	[ACT_RESTORE] = PANE_BODY,
	[ACT_HEADING] = PANE_BODY,
	[ACT_SELECT] = PANE_BODY,
	[ACT_MATCH] = PANE_BODY,
	[ACT_UNSELECT] = PANE_BODY,
	[ACT_NOTE_SHOW] = PANE_NOTES,
	[ACT_NOTE_OPEN] = PANE_NOTES,
	[ACT_FILTER] = PANE_OUTLINE,
};

/* Actions cause actions this deep at most. */
#define TUI_ACT_DEPTH	4

/*
 * Shows the address URL of a link: beyond the controls that every
 * message makes inert, the invisible characters show as <U+XXXX>, so
 * that an address cannot pass for another.
 */
static void
tui_act_show_addr(struct tui *t, const char *url)
{
	char *shown = inert_str(url);

	tui_msg(t, "%s", shown);
	free(shown);
}

/* Adds action K (with AT and N) to the list. */
void
tui_act(struct acts *a, enum act_kind k, struct anchor at, uint32_t n)
{
	struct act *x;

	if (a->n == ACTS_MAX)
		return;
	x = &a->v[a->n++];
	memset(x, 0, sizeof(*x));
	x->kind = k;
	x->at = at;
	x->n = n;
}

/* Adds a message to the list: its text, formatted, is kept in it. */
static void
tui_act_vtext(struct acts *a, enum act_kind k, const char *fmt, va_list ap)
{
	int n;

	if (a->n == ACTS_MAX || a->used >= sizeof(a->text))
		return;
	n = vsnprintf(a->text + a->used, sizeof(a->text) - a->used, fmt, ap);
	if (n < 0)
		return;
	tui_act(a, k, (struct anchor){ 0, 0 }, 0);
	a->v[a->n - 1].text = a->text + a->used;
	a->used += (size_t)n + 1;
	if (a->used > sizeof(a->text))
		a->used = sizeof(a->text);
}

/* Adds a text of kind K to the list, formatted. */
static void
tui_act_text(struct acts *a, enum act_kind k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_act_vtext(a, k, fmt, ap);
	va_end(ap);
}

/* A message for the status line. */
void
tui_act_msg(struct acts *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tui_act_vtext(a, ACT_MSG, fmt, ap);
	va_end(ap);
}

/* The address of a link, for the status line. */
void
tui_act_addr(struct acts *a, const char *url)
{
	tui_act_text(a, ACT_ADDR, "%s", url);
}

/* A link to follow outside the document: it may open another. */
static void
tui_act_follow(struct acts *a, const char *url)
{
	tui_act_text(a, ACT_FOLLOW, "%s", url);
}

/*
 * Following a link to URL, from the body or the notes: to the heading or
 * the anchor that "#name" names, a jump; any other address is followed
 * by the reader: a local document opens, anything else is shown.
 */
void
tui_act_link(struct acts *a, const struct doc *d, const char *url)
{
	int64_t blk;
	int32_t h;

	if (url[0] == '\0') {
		tui_act_msg(a, "link without a target");
		return;
	}
	if (url[0] != '#') {
		tui_act_follow(a, url);
		return;
	}
	if ((h = doc_find_slug(d, url + 1)) < 0 &&
	    (blk = doc_find_anchor(d, url + 1)) >= 0) {
		tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
		tui_act(a, ACT_GOTO, (struct anchor){ (uint32_t)blk, 0 }, 0);
		tui_act_msg(a, "%s", url);
		return;
	}
	if (h < 0) {
		tui_act_msg(a, "no heading or anchor %s in this document", url);
		return;
	}
	tui_act(a, ACT_JUMP, (struct anchor){ 0, 0 }, 0);
	tui_act(a, ACT_HEADING, (struct anchor){ 0, 0 }, (uint32_t)h);
	tui_act_msg(a, "%s", d->headings[h].title);
}

/* Filters the outline by the headings S matches (NULL: no filter). */
void
tui_act_filter(struct acts *a, struct search *s)
{
	tui_act(a, ACT_FILTER, (struct anchor){ 0, 0 }, 0);
	if (a->n > 0 && a->v[a->n - 1].kind == ACT_FILTER)
		a->v[a->n - 1].s = s;
}

/* Carries out the actions of A in order, DEPTH deep. */
static void
tui_act_apply_at(struct tui *t, struct acts *a, int depth)
{
	struct acts more;
	const struct act *x;
	int i, p;

	for (i = 0; i < a->n; i++) {
		x = &a->v[i];
		p = tui_act_pane[x->kind];
		if (p != TUI_ACT_CORE) {
			if (tui_panes[p]->act == NULL || depth >= TUI_ACT_DEPTH)
				continue;
			more.n = 0;
			more.used = 0;
			tui_panes[p]->act(t, x, &more);
			tui_act_apply_at(t, &more, depth + 1);
			continue;
		}
		switch (x->kind) {
		case ACT_MSG:
			tui_msg(t, "%s", x->text);
			break;
		case ACT_ADDR:
			tui_act_show_addr(t, x->text);
			break;
		case ACT_FOLLOW:
			tui_doc_follow(t, x->text);
			break;
		case ACT_DOC:
			tui_doc_step(t, x->n == 1 ? 1 : -1, 0, 0);
			break;
		case ACT_ENTRY:
			tui_doc_entry(t, (long)x->n);
			break;
		case ACT_JUMP:
			tui_jump_push(t);
			break;
		case ACT_FOCUS:
			tui_focus(t, (int)x->n);
			break;
		default:
			break;
		}
	}
}

/*
 * Carries out the actions of A in order, each one in full (with the
 * actions it causes) before the next, as calls would.
 */
void
tui_act_apply(struct tui *t, struct acts *a)
{
	tui_act_apply_at(t, a, 0);
}

/* Carries out one action, K with AT and N. */
void
tui_act_do(struct tui *t, enum act_kind k, struct anchor at, uint32_t n)
{
	struct acts a;

	a.n = 0;
	a.used = 0;
	tui_act(&a, k, at, n);
	tui_act_apply(t, &a);
}
