/*
 * layout-int.h: what layout.c shares with layout-break.c,
 * layout-code.c, layout-front.c, layout-table.c and layout-wrap.c, and
 * nothing else includes. The contract for the rest of lectern is layout.h.
 */
#ifndef LECTERN_LAYOUT_INT_H
#define LECTERN_LAYOUT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unilbrk.h>

#include "lectern/linebreak.h"

struct doc;
struct block;
struct layout;

#define LAYOUT_MINTEXT	8	/* text room kept from the prefix [columns] */
#define LAYOUT_MINCOL	6	/* narrowest grid column, unless its text
				   is narrower [columns] */

/*
 * Break classes beyond libunistring's: inside a footnote reference, and
 * two opportunities taken only when a line has no ordinary one: after a
 * space, and inside a word (a Korean word, an inline code span, after a
 * URL's scheme), the former first.
 */
#define LAYOUT_NOSPLIT	0x10
#define LAYOUT_SPACE	0x11	/* after a space UAX #14 keeps */
#define LAYOUT_WEAK	0x12	/* inside a word that may not fit */
#define LAYOUT_HOST	0x13	/* after '.' or '-' in a URL's host: only
				   where nothing else on the line is */

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
	uint32_t		 markfrom, markto; /* no mark between [bytes] */
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
	struct layout_span	 spanbuf[16];	/* its first place */
};

/*
 * Is there a CJK unified ideograph (U+4000-U+9FFF: wide, never part of a
 * longer grapheme cluster) at P, before END? The common case of Chinese
 * text, measured without decoding.
 */
static inline int
layout_is_han(const uint8_t *p, const uint8_t *end)
{
	return end - p >= 3 && p[0] >= 0xe4 && p[0] <= 0xe9 &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80;
}

/*
 * Is there a wide character at P, before END, that is a grapheme cluster
 * of its own unless a mark follows: an ideograph (layout_is_han), or CJK
 * punctuation, kana or a fullwidth form other than the few that are
 * marks or narrow? Two columns each, ambiguous wide or not.
 */
static inline int
layout_is_wide(const uint8_t *p, const uint8_t *end)
{
	uint32_t u;

	if (p[0] - 0xe3u > 0xef - 0xe3 || end - p < 3 ||
	    ((p[1] ^ 0x80) | (p[2] ^ 0x80)) >= 0x40)
		return 0;
	if (p[0] - 0xe4u <= 0xe9 - 0xe4)
		return 1;
	u = (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	if (p[0] == 0xe3)	/* U+3000 + u */
		return u < 0x100 && !(u >= 0x2a && u <= 0x2f) && u != 0x3f &&
		    u != 0x40 && !(u >= 0x97 && u <= 0x9a);
	if (p[0] == 0xef)	/* U+F000 + u */
		return (u >= 0xf01 && u <= 0xf60) || (u >= 0xfe0 && u <= 0xfe6);
	return 0;
}

/* Are the eight bytes at P all printable ASCII, 0x20 to 0x7e? */
static inline int
layout_printable8(const uint8_t *p)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t x, d;

	memcpy(&x, p, 8);
	d = x ^ (ones * 0x7f);	/* a zero byte where x has DEL */
	return ((x | (x - ones * 0x20) | (d - ones)) & high) == 0;
}

/* The first byte of [I, LIM) with a "~~" mark at it, else LIM. */
static inline uint32_t
layout_mark_next(const char *mark, uint32_t i, uint32_t lim)
{
	while (i + 8 <= lim && linebreak_word(mark + i) == 0)
		i += 8;
	while (i < lim && mark[i] == 0)
		i++;
	return i;
}

/*
 * Take the shortcuts over eight ideographs at a time (tests turn them
 * off to compare).
 */
extern int	 layout_runs;

/*
 * The bytes of the ideographs (layout_is_han) that the 24 bytes at P
 * start with and that have an ordinary opportunity before each in their
 * break classes B, and nothing else: 0 to 24, a multiple of 3.
 */
static inline uint32_t
layout_han_open(const uint8_t *p, const char *b)
{
	uint64_t x;
	uint32_t n = linebreak_ideo_run(p), k;

	if ((x = linebreak_word(b) ^ linebreak_lanes(UC_BREAK_POSSIBLE,
	    UC_BREAK_PROHIBITED, LINEBREAK_LEAD0)) != 0)
		k = 0;
	else if ((x = linebreak_word(b + 8) ^ linebreak_lanes(
	    UC_BREAK_POSSIBLE, UC_BREAK_PROHIBITED, LINEBREAK_LEAD1)) != 0)
		k = 8;
	else if ((x = linebreak_word(b + 16) ^ linebreak_lanes(
	    UC_BREAK_POSSIBLE, UC_BREAK_PROHIBITED, LINEBREAK_LEAD2)) != 0)
		k = 16;
	else
		return n;
	k = (k + (uint32_t)__builtin_ctzll(x) / 8) / 3 * 3;
	return k < n ? k : n;
}

/* Is C punctuation that must not start a line? */
static inline int
layout_is_close(uint32_t c)
{
	switch (c) {
	case ',': case '.': case ';': case ':': case '!': case '?':
	case ')': case ']': case '}':
	case 0x3001: case 0x3002: case 0xff0c: case 0xff0e: case 0xff1b:
	case 0xff1a: case 0xff01: case 0xff1f: case 0xff09: case 0xff3d:
	case 0xff5d: case 0x300d: case 0x300f: case 0x3011: case 0x300b:
	case 0x3009: case 0x3015: case 0x3017: case 0x3019: case 0x201d:
	case 0x2019: case 0xff60:
		return 1;
	}
	return 0;
}

/* Is C punctuation that must not end a line? */
static inline int
layout_is_open(uint32_t c)
{
	switch (c) {
	case '(': case '[': case '{':
	case 0xff08: case 0xff3b: case 0xff5b: case 0x300c: case 0x300e:
	case 0x3010: case 0x300a: case 0x3008: case 0x3014: case 0x3016:
	case 0x3018: case 0x201c: case 0x2018: case 0xff5f:
		return 1;
	}
	return 0;
}

/* Is BRK a break opportunity before its byte? */
static inline int
layout_can_break(char brk)
{
	return brk == UC_BREAK_POSSIBLE || brk == UC_BREAK_HYPHENATION;
}

/* Bytes of the mandatory break at I (0 for none). */
static inline int
layout_newline(const struct layout_ctx *c, uint32_t i)
{
	if (c->brk[i] == UC_BREAK_MANDATORY)
		return 1;
	if (c->brk[i] == UC_BREAK_CR_BEFORE_LF)
		return 2;
	return 0;
}

/* Decorations: a bar, a crossing, 32 rules, a colon. */
extern const char layout_vbar[], layout_cross[], layout_light[],
		    layout_colon[];

/* layout.c */
int		 layout_cpwidth(uint32_t, int);
void		 layout_seg(struct layout_ctx *, const char *, uint32_t,
		    uint32_t, uint16_t, int32_t, int, int);
uint32_t	 layout_begin(struct layout_ctx *, int, uint32_t, int);
void		 layout_end(struct layout_ctx *, uint32_t);
int		 layout_text(struct layout_ctx *, uint32_t, uint32_t, int,
		    uint16_t, int);
void		 layout_text_span(struct layout_ctx *,
		    const struct layout_span *, int, uint16_t);
void		 layout_fill(struct layout_ctx *, const char *, int, int,
		    uint16_t);

/* layout-break.c */
void		 layout_breaks(struct layout_ctx *, uint32_t, uint32_t,
		    uint32_t, uint32_t);

/* layout-code.c */
void		 layout_code(struct layout_ctx *);

/* layout-front.c */
void		 layout_front(struct layout_ctx *, int);

/* layout-table.c */
void		 layout_table(struct layout_ctx *);

/* layout-wrap.c */
uint32_t	 layout_grapheme(const struct layout_ctx *, uint32_t, uint32_t,
		    int *);
uint32_t	 layout_cpcut(const struct layout_ctx *, uint32_t, uint32_t, int,
		    int *);
int		 layout_mark_cols(const struct layout_ctx *, uint32_t,
		    uint32_t);
void		 layout_marks(struct layout_ctx *);
void		 layout_span(struct layout_ctx *, uint32_t, uint32_t, int);
void		 layout_wrap(struct layout_ctx *, uint32_t, uint32_t, int,
		    int);
void		 layout_measure(const struct layout_ctx *, uint32_t, uint32_t,
		    int *, int *);
int		 layout_plain(const struct layout_ctx *, uint32_t, uint32_t,
		    struct layout_span *);

#endif
