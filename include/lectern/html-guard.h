/*
 * html-guard.c: what gumbo is given of a block of raw HTML.
 *
 * gumbo builds its tree by the HTML5 rules, which look down the stack of
 * open elements at most tags and compare each attribute's name with the
 * names before it. On deep nesting or on a tag with thousands of
 * attributes its time grows with the square of the input: 200 KB of
 * "<div>" take seconds. html_guard keeps a block within bounds that real
 * documents do not reach, as guard.c does for cmark-gfm:
 *
 * - a start tag that would open an element deeper than HTML_GUARD_DEPTH
 *   is left out (the text inside it stays);
 * - a tag's attributes after the first HTML_GUARD_ATTRS are left out;
 * - the block is read in pieces of about HTML_GUARD_TAGS tags, cut
 *   between two elements at the top level where it can be, and after
 *   HTML_GUARD_CUT tags wherever it is.
 *
 * It reads tags only as far as the bounds need: where each one starts
 * and ends, its name and the extent of its attributes. What they mean is
 * gumbo's business; a block within the bounds reaches gumbo unchanged.
 */
#ifndef LECTERN_HTML_GUARD_H
#define LECTERN_HTML_GUARD_H

#include <stddef.h>

#define HTML_GUARD_DEPTH	96	/* elements open [levels] */
#define HTML_GUARD_ATTRS	64	/* attributes of a tag */
#define HTML_GUARD_TAGS		2048	/* tags of a piece, cut at the top
					   level [tags] */
#define HTML_GUARD_CUT		8192	/* tags of a piece, cut anywhere */

struct buf;

/*
 * Copies the N bytes of HTML at S into OUT within the bounds above and
 * sets *CUTS to the offsets in OUT where a piece ends (the last is
 * OUT's length) and *NCUTS to their number. *CUTS is the caller's to
 * free. Returns whether anything was left out.
 */
int	 html_guard(const char *s, size_t n, struct buf *out, size_t **cuts,
	    size_t *ncuts);

#endif
