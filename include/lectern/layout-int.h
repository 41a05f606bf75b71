/*
 * layout-int.h: what layout.c shares with layout-table.c and
 * layout-front.c, and nothing
 * else includes. The contract for the rest of lectern is layout.h.
 */
#ifndef LECTERN_LAYOUT_INT_H
#define LECTERN_LAYOUT_INT_H

#include <stddef.h>
#include <stdint.h>

struct doc;
struct block;
struct layout;

#define LAYOUT_MINTEXT	8	/* text room kept from the prefix [columns] */
#define LAYOUT_MINCOL	6	/* narrowest grid column, unless its text
				   is narrower [columns] */

/* A "~~" mark before the byte, after it; its width [columns]. */
#define LAYOUT_MARK_OPEN	1
#define LAYOUT_MARK_CLOSE	2
#define LAYOUT_MARKW		2

/* One line of wrapped text. */
struct layout_span {
	uint32_t	 start, end;	/* bytes drawn [bytes] */
	int		 cols;		/* [columns] */
};

/* The state of laying out one block. */
struct layout_ctx {
	const struct doc	*d;
	const struct block	*b;
	struct layout		*l;
	size_t			 linecap;	/* [lines] allocated */
	size_t			 segcap;	/* [segments] allocated */
	uint32_t		 seg0;		/* first segment of this line */
	char			*brk;		/* break class per text byte */
	char			*mark;		/* LAYOUT_MARK_* per text byte, or
					   NULL: no "~~" marks */
	const char		*enc;		/* for line breaking */
	int			 amb;		/* ambiguous wide */
	int			 fold;		/* fold code lines at the width */
	int			 width;		/* [columns] */
	int			 nbars;		/* quote bars drawn */
	int			 barw;		/* one "│ " [columns] */
	int			 indent;	/* list indent, shrunk [columns] */
	int			 col;		/* text column [columns] */
	int			 col0;		/* the first line's [columns] */
	int			 mcol;		/* marker column, or -1 */
	int			 first;		/* no text line yet */
	uint16_t		 quote;		/* ST_QUOTE inside a quote */
	uint32_t		 lastoff;	/* off of the last text line */
	struct layout_span	*spans;		/* scratch for wrapping */
	size_t			 nspans, spancap;
};

/* Decorations: a bar, a crossing, 32 rules, a colon. */
extern const char layout_vbar[], layout_cross[], layout_light[],
		    layout_colon[];

/* layout.c */
void		 layout_breaks(struct layout_ctx *, uint32_t, uint32_t,
		    uint32_t, uint32_t);
void		 layout_wrap(struct layout_ctx *, uint32_t, uint32_t, int,
		    int);
int		 layout_mark_cols(const struct layout_ctx *, uint32_t,
		    uint32_t);
void		 layout_measure(const struct layout_ctx *, uint32_t, uint32_t,
		    int *, int *);
void		 layout_seg(struct layout_ctx *, const char *, uint32_t,
		    uint32_t, uint16_t, int32_t, int, int);
uint32_t	 layout_grapheme(const struct layout_ctx *, uint32_t, uint32_t,
		    int *);
uint32_t	 layout_begin(struct layout_ctx *, int, uint32_t, int);
void		 layout_end(struct layout_ctx *, uint32_t);
int		 layout_text(struct layout_ctx *, uint32_t, uint32_t, int,
		    uint16_t, int);
void		 layout_fill(struct layout_ctx *, const char *, int, int,
		    uint16_t);

/* layout-code.c */
void		 layout_code(struct layout_ctx *);

/* layout-front.c */
void		 layout_front(struct layout_ctx *, int);

/* layout-table.c */
void		 layout_table(struct layout_ctx *);

#endif
