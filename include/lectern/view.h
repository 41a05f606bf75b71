/*
 * view.c: a run of blocks (the body, or the notes) at one width, seen as
 * one long list of lines. Layouts are made on demand and cached, a bounded
 * number at a time, so that moving costs in proportion to the lines moved,
 * not to the document. Positions that outlive a width are anchors.
 */
#ifndef LECTERN_VIEW_H
#define LECTERN_VIEW_H

#include <stdint.h>

#include "lectern/layout.h"

struct doc;

/* A place that survives any width: block and byte offset in its text. */
struct anchor {
	uint32_t	 block;
	uint32_t	 off;		/* [bytes] */
};

/* A line at the current width: block and line index in its layout. */
struct pos {
	uint32_t	 block;
	uint32_t	 line;
};

struct view;

/* A view of blocks [FIRST, LAST) of DOC. */
struct view	*view_new(const struct doc *, uint32_t first, uint32_t last,
		    const struct layout_opts *);
void		 view_free(struct view *);

/* Changes the width (and so every layout); anchors stay valid. */
void		 view_set_opts(struct view *, const struct layout_opts *);

int		 view_empty(const struct view *);

/* The layout of block B (cached; valid until the next view call). */
const struct layout *view_layout(struct view *, uint32_t b);

/* The line at P, or NULL past the end. */
const struct line *view_line(struct view *, struct pos p,
		    const struct layout **lp);

/* The first and the last line of the view. */
struct pos	 view_top(struct view *);
struct pos	 view_bottom(struct view *);

/* Moves P by N lines (negative: up), stopping at either end; returns the
   number of lines actually moved (negative when up). */
long		 view_move(struct view *, struct pos *p, long n);

/* The line that holds ANCHOR, and the anchor of a line. */
struct pos	 view_pos_of(struct view *, struct anchor);
struct anchor	 view_anchor_of(struct view *, struct pos);

/* The top line that shows the end of the view in HEIGHT lines. */
struct pos	 view_last_page(struct view *, int height);

/* How far TOP is through the view, 0-100, from byte offsets. */
int		 view_percent(struct view *, struct pos top, int height);

int		 view_pos_cmp(struct pos, struct pos);

/*
 * The notes cited by the HEIGHT lines from TOP, in order of appearance,
 * each once: fills OUT (at most MAX) and returns how many.
 */
uint32_t	 view_notes_cited(struct view *, struct pos top, int height,
		    uint32_t *out, uint32_t max);

#endif
