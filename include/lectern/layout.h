/*
 * layout.c: one block of the document model at a width becomes lines of
 * positioned segments. A pure function of (block, width, options): the
 * dump and the ncurses panes are two devices that read its lines.
 *
 * Rules: no line wider than the width (code lines excepted: they are not
 * re-wrapped, their cols may exceed the width, unless fold_code folds
 * them at the width); UAX #14 break
 * opportunities (libunistring); no line starts with closing punctuation
 * and none ends with opening punctuation; a Latin word is split, by
 * grapheme clusters, only when it alone is wider than the line; Korean
 * breaks at spaces, an inline code span only at its spaces, a URL after
 * its host at '/', '?', '&', '=', '-' (and '.' as a last resort), each
 * unless it is wider than the line; list and quote continuation lines
 * keep their indent; tables are measured in display columns and fall
 * back to a stacked form when they cannot fit.
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct block;
struct buf;
struct doc;

/* Segment styles beyond the inline ST_* bits of doc.h. */
#define ST_DECOR	0x0100	/* drawn by layout: bullet, quote bar, rule,
				   table border, heading underline */
#define ST_HEADING	0x0200	/* text of a heading */
#define ST_CODEBLOCK	0x0400	/* text of a code block */
#define ST_QUOTE	0x0800	/* text inside a block quote */
#define ST_TABLEHEAD	0x1000	/* text of a table header cell */
#define ST_LINKNUM	0x2000	/* a link's number, added by the dump: no
				   break before it or inside it */

#define SEG_NOOFF	UINT32_MAX	/* off of a decoration */

struct seg {
	const char	*text;		/* bytes to draw (block text or static) */
	uint32_t	 len;		/* [bytes] */
	uint32_t	 off;		/* offset in block text, or SEG_NOOFF */
	uint16_t	 style;		/* ST_* bits */
	int32_t		 target;	/* link or note index, or -1 */
	uint16_t	 col;		/* where it starts [columns] */
	uint16_t	 width;		/* [columns] */
};

enum line_kind {
	LINE_BLANK,
	LINE_TEXT,
	LINE_HEADING,		/* level in line.level */
	LINE_UNDERLINE,		/* a heading's underline */
	LINE_RULE,
	LINE_CODE,
	LINE_TABLE
};

struct line {
	uint32_t	 seg0;		/* first segment in layout.segs */
	uint16_t	 nsegs;
	uint16_t	 cols;		/* width of the line [columns] */
	uint8_t		 kind;		/* enum line_kind */
	uint8_t		 level;		/* heading level for heading lines */
	uint8_t		 alert;		/* enum alert of its block */
	uint32_t	 off;		/* block text offset at line start,
					   or of the nearest text before */
};

/* How the front matter shows (struct layout_opts' front). */
#define LAYOUT_FRONT_TABLE	0	/* its whole table */
#define LAYOUT_FRONT_FOLDED	1	/* one line, "Enter unfolds" */
#define LAYOUT_FRONT_OPEN	2	/* its table, "Enter folds" above */

struct layout_opts {
	int		 width;		/* [columns], at least 1 */
	int		 ambiguous_wide; /* East Asian Ambiguous = 2 columns */
	int		 fold_code;	/* fold code lines at the width */
	int		 strike_marks;	/* "~~" around struck text, where no
					   attribute can show it (always
					   where the locale is not UTF-8) */
	int		 front;		/* LAYOUT_FRONT_* */
};

struct layout {
	uint32_t	 block;
	struct line	*lines;
	uint32_t	 nlines;
	struct seg	*segs;
	uint32_t	 nsegs;
	uint32_t	 maxcols;	/* widest line [columns] */
};

/* Lays out block B of DOC; the result refers to the doc's text. */
struct layout	*layout_block(const struct doc *, uint32_t b,
		    const struct layout_opts *);

/*
 * Lays out BLK in the place of block B of DOC (its quote bars join those
 * of the block above B); the result refers to BLK's text.
 */
struct layout	*layout_block_as(const struct doc *, uint32_t b,
		    const struct block *blk, const struct layout_opts *);
void		 layout_free(struct layout *);

/* Display width of N bytes of UTF-8 [columns]. */
int		 layout_width(const char *, size_t, int ambiguous_wide);

/*
 * Appends N bytes of UTF-8 at S to B; when they are wider than COLS
 * columns, only as many whole characters as fit with an ellipsis after
 * them ('~' where the locale is not UTF-8).
 */
void		 layout_cut(struct buf *, const char *s, size_t n, int cols,
		    int ambiguous_wide);

/* Index of the line of L that holds block text offset OFF. */
uint32_t	 layout_line_of(const struct layout *, uint32_t off);

#endif
