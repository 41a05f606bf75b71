/*
 * layout-code.c: a code block at a width. One LINE_CODE per source line,
 * two columns in from the text column; tabs advance to the next multiple
 * of 8 as blank columns. Not wrapped, a line is cut at LAYOUT_MAXCOLS
 * columns; with fold_code, a line wider than the width folds between
 * grapheme clusters onto lines that start with '↪' ('\\' where the
 * locale is not UTF-8) in the code indent. The info string's first word
 * is a label (ST_DECOR) that ends at the right edge of the first line
 * when it fits there with a blank column before it, else on a line of
 * its own above.
 */
#include <limits.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/inert.h"
#include "lectern/util.h"

#define LAYOUT_MAXCOLS	60000	/* a code line is cut here [columns] */
#define LAYOUT_TAB	8	/* tab stops in code [columns] */
#define LAYOUT_CODEIN	2	/* code indent [columns] */
#define LAYOUT_LABEL	24	/* longest code block label [bytes] */

/*
 * The label of a code block: the first word of its info string when it
 * is at most LAYOUT_LABEL bytes of printable ASCII, else none. The info
 * string is as the source has it: a control character is never shown.
 */
static size_t
layout_code_label(const struct block *b, const char **lp)
{
	const char *p = b->info != NULL ? b->info : "";
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	for (n = 0; n < LAYOUT_LABEL && p[n] > ' ' && p[n] < 0x7f; n++)
		;
	if (p[n] != '\0' && p[n] != ' ' && p[n] != '\t')
		n = 0;		/* a longer word, or one with more in it */
	*lp = p;
	return n;
}

/* Width of the code line [A, E) with its tabs expanded [columns]. */
static int
layout_code_cols(const struct layout_ctx *c, uint32_t a, uint32_t e)
{
	const char *s = c->b->text, *tab;
	uint32_t q;
	int x = 0;

	while (a < e) {
		tab = memchr(s + a, '\t', e - a);
		q = tab ? (uint32_t)(tab - s) : e;
		x += layout_width(s + a, q - a, c->amb);
		if (q < e)
			x = (x / LAYOUT_TAB + 1) * LAYOUT_TAB;
		a = q + 1;
	}
	return x;
}

/*
 * End of the text [A, Q) that fits in ROOM columns, at a grapheme
 * cluster boundary; its width in *WP. A cluster wider than all the room
 * a line has (at X0 on an empty line) is taken alone.
 */
static uint32_t
layout_code_fit(const struct layout_ctx *c, uint32_t a, uint32_t q, int room,
    int empty, int *wp)
{
	uint32_t i = a, ge;
	int w = 0, cw;

	while (i < q) {
		ge = layout_grapheme(c, i, q, &cw);
		if (w + cw > room && !(empty && i == a))
			break;
		w += cw;
		i = ge;
	}
	*wp = w;
	return i;
}

/*
 * Ends code line IDX and starts the line a fold continues it on: the
 * fold mark in the code indent, the text from OFF at X0.
 */
static uint32_t
layout_code_fold(struct layout_ctx *c, uint32_t idx, uint32_t off, int x0)
{
	const char *mark = inert_utf8() ? "\xe2\x86\xaa" : "\\"; /* U+21AA */

	layout_end(c, idx);
	idx = layout_begin(c, LINE_CODE, off, c->nbars);
	layout_seg(c, mark, (uint32_t)strlen(mark), SEG_NOOFF, ST_DECOR, -1,
	    x0 - LAYOUT_CODEIN, 1);
	return idx;
}

/*
 * Code block: one line per source line, tabs expanded; with c->fold,
 * a line wider than the width continues on the next (layout_code_fold).
 * The label, dimmed, ends at the right edge of the first line, or of a
 * line of its own above it when the first line leaves no room for it.
 */
void
layout_code(struct layout_ctx *c)
{
	const struct block *b = c->b;
	const char *s = b->text, *nl, *tab, *label;
	uint32_t a = 0, e, q, p, idx;
	uint16_t style = (uint16_t)(ST_CODEBLOCK | c->quote);
	int x0, x, lx, lw, w, room, labelled = 0;
	size_t ln;

	ln = layout_code_label(b, &label);
	lw = ln > 0 ? layout_width(label, ln, c->amb) : 0;
	for (;;) {
		nl = memchr(s + a, '\n', b->len - a);
		e = nl ? (uint32_t)(nl - s) : b->len;
		x0 = (c->first ? c->col0 : c->col) + LAYOUT_CODEIN;
		room = c->width - x0;
		if (lw > 0 && !labelled) {
			labelled = 1;
			if (lw > room)
				lw = 0;		/* no room for it at all */
			else if (x0 + layout_code_cols(c, a, e) + 1 + lw >
			    c->width) {
				idx = layout_begin(c, LINE_CODE, a, c->nbars);
				layout_seg(c, label, (uint32_t)ln, SEG_NOOFF,
				    ST_DECOR, -1, c->width - lw, lw);
				layout_end(c, idx);
				lw = 0;
			}
		}
		idx = layout_begin(c, LINE_CODE, a, c->nbars);
		x = x0;
		lx = 0;
		while (a < e && (c->fold || x < LAYOUT_MAXCOLS)) {
			tab = memchr(s + a, '\t', e - a);
			q = tab ? (uint32_t)(tab - s) : e;
			if (!c->fold) {
				x = layout_text(c, a, q, x, style,
				    LAYOUT_MAXCOLS);
				lx = x - x0;
			}
			while (c->fold && a < q) {
				p = layout_code_fit(c, a, q, c->width - x,
				    x == x0, &w);
				if (p > a)
					layout_text(c, a, p, x, style,
					    INT_MAX);
				x += w;
				lx += w;
				if ((a = p) < q) {
					idx = layout_code_fold(c, idx, a, x0);
					x = x0;
				}
			}
			if (q < e) {	/* a tab: to the next stop */
				w = (lx / LAYOUT_TAB + 1) * LAYOUT_TAB - lx;
				x += w;
				lx += w;
				if (c->fold && x >= c->width && q + 1 < e) {
					idx = layout_code_fold(c, idx, q + 1,
					    x0);
					x = x0;
				}
			}
			a = q + 1;
		}
		if (lw > 0) {	/* the label, on the first line */
			layout_seg(c, label, (uint32_t)ln, SEG_NOOFF, ST_DECOR,
			    -1, c->width - lw, lw);
			lw = 0;
		}
		layout_end(c, idx);
		if (nl == NULL)
			break;
		a = e + 1;
	}
}
