/*
 * layout.c: one block of the document model at a width becomes lines of
 * positioned segments (the contract is in layout.h).
 *
 * Choices made here:
 * - A line is [quote bars][list indent][text]. A bar is "│ " per quote
 *   level, standing at the list indent where its quote opened (under the
 *   text of the list item that holds it); an item's first block hangs its marker right-aligned into the
 *   indent, one blank column before the text. When bars and indent would
 *   leave fewer than LAYOUT_MINTEXT columns, they give way (bars drop
 *   from the inside, the indent shrinks) so that text always has room.
 * - Columns that no segment covers are blank: a device fills them with
 *   spaces (indents, table padding, a code line's tab stops). Segments of
 *   a line are in increasing column order and never overlap.
 * - Blank lines (space_before) carry the quote bars that the block shares
 *   with the one above it, so a block quote's bar is unbroken.
 * - Headings are LINE_HEADING lines; levels 1 to 4 are underlined with
 *   '═', '─', '-' and '.' (a LINE_UNDERLINE as wide as the widest heading
 *   line); levels 5 and 6 have no underline and are told apart by the
 *   device's styling.
 * - A thematic break is a '─' rule of at most LAYOUT_RULE columns,
 *   centred in the text area.
 * - Code: see layout-code.c.
 * - Wrapping text at the width: see layout-wrap.c.
 * - Tables: a grid, cells separated by " │ " and the header underlined by
 *   a "─┼─" rule, when the columns fit (shrunk as needed toward their
 *   widest word, cells then wrap in their column); otherwise stacked,
 *   "Header: value" for each cell, a blank line between rows.
 * - A line's off is the offset of its first text byte; a line without
 *   text carries the off of the text before it (or 0), so offs never
 *   decrease down a layout and layout_line_of can search them.
 * - Widths are libunistring's uc_width; with ambiguous_wide, characters
 *   whose East Asian Width is Ambiguous count two columns. A character
 *   that the reader leaves out of a sequence the terminal would draw
 *   otherwise counts as what is drawn (termwidth.h).
 * - No text line is wider than the width, with one exception: a single
 *   character wider than all the room there is (a wide character at
 *   width 1) stands alone on its line.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/termwidth.h"
#include "lectern/util.h"

#define LAYOUT_MAXWIDTH	10000	/* widest width honoured [columns] */
#define LAYOUT_RULE	40	/* widest thematic break [columns] */
#define LAYOUT_MAXSEGS	UINT16_MAX	/* segments on one line */

/* Decorations; the fills repeat their character 32 times. */
#define LAYOUT_X4(s)	s s s s
#define LAYOUT_X32(s)	LAYOUT_X4(LAYOUT_X4(s s))
static const char layout_bar[] = "│ ";
static const char layout_heavy[] = LAYOUT_X32("═");
const char layout_vbar[] = "│";
const char layout_cross[] = "┼";
const char layout_light[] = LAYOUT_X32("─");
const char layout_colon[] = ":";
static const char layout_dash[] = LAYOUT_X32("-");
static const char layout_dots[] = LAYOUT_X32(".");

/* The underline of heading levels 1 to 4; deeper headings have none. */
static const char *const layout_underlines[] = {
	NULL, layout_heavy, layout_light, layout_dash, layout_dots
};

/*
 * East Asian Width "A" (Unicode 14), less nonspacing and format marks.
 * libunistring has no accessor for this property, and its CJK-encoding
 * mode widens every character from U+00A1 on, not only these.
 */
static const struct {
	uint32_t	 lo, hi;
} layout_ambiguous[] = {
	{ 0x00a1, 0x00a1 }, { 0x00a4, 0x00a4 }, { 0x00a7, 0x00a8 },
	{ 0x00aa, 0x00aa }, { 0x00ae, 0x00ae }, { 0x00b0, 0x00b4 },
	{ 0x00b6, 0x00ba }, { 0x00bc, 0x00bf }, { 0x00c6, 0x00c6 },
	{ 0x00d0, 0x00d0 }, { 0x00d7, 0x00d8 }, { 0x00de, 0x00e1 },
	{ 0x00e6, 0x00e6 }, { 0x00e8, 0x00ea }, { 0x00ec, 0x00ed },
	{ 0x00f0, 0x00f0 }, { 0x00f2, 0x00f3 }, { 0x00f7, 0x00fa },
	{ 0x00fc, 0x00fc }, { 0x00fe, 0x00fe }, { 0x0101, 0x0101 },
	{ 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011b, 0x011b },
	{ 0x0126, 0x0127 }, { 0x012b, 0x012b }, { 0x0131, 0x0133 },
	{ 0x0138, 0x0138 }, { 0x013f, 0x0142 }, { 0x0144, 0x0144 },
	{ 0x0148, 0x014b }, { 0x014d, 0x014d }, { 0x0152, 0x0153 },
	{ 0x0166, 0x0167 }, { 0x016b, 0x016b }, { 0x01ce, 0x01ce },
	{ 0x01d0, 0x01d0 }, { 0x01d2, 0x01d2 }, { 0x01d4, 0x01d4 },
	{ 0x01d6, 0x01d6 }, { 0x01d8, 0x01d8 }, { 0x01da, 0x01da },
	{ 0x01dc, 0x01dc }, { 0x0251, 0x0251 }, { 0x0261, 0x0261 },
	{ 0x02c4, 0x02c4 }, { 0x02c7, 0x02c7 }, { 0x02c9, 0x02cb },
	{ 0x02cd, 0x02cd }, { 0x02d0, 0x02d0 }, { 0x02d8, 0x02db },
	{ 0x02dd, 0x02dd }, { 0x02df, 0x02df }, { 0x0391, 0x03a1 },
	{ 0x03a3, 0x03a9 }, { 0x03b1, 0x03c1 }, { 0x03c3, 0x03c9 },
	{ 0x0401, 0x0401 }, { 0x0410, 0x044f }, { 0x0451, 0x0451 },
	{ 0x2010, 0x2010 }, { 0x2013, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201c, 0x201d }, { 0x2020, 0x2022 }, { 0x2024, 0x2027 },
	{ 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x2035, 0x2035 },
	{ 0x203b, 0x203b }, { 0x203e, 0x203e }, { 0x2074, 0x2074 },
	{ 0x207f, 0x207f }, { 0x2081, 0x2084 }, { 0x20ac, 0x20ac },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 },
	{ 0x2113, 0x2113 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 },
	{ 0x2126, 0x2126 }, { 0x212b, 0x212b }, { 0x2153, 0x2154 },
	{ 0x215b, 0x215e }, { 0x2160, 0x216b }, { 0x2170, 0x2179 },
	{ 0x2189, 0x2189 }, { 0x2190, 0x2199 }, { 0x21b8, 0x21b9 },
	{ 0x21d2, 0x21d2 }, { 0x21d4, 0x21d4 }, { 0x21e7, 0x21e7 },
	{ 0x2200, 0x2200 }, { 0x2202, 0x2203 }, { 0x2207, 0x2208 },
	{ 0x220b, 0x220b }, { 0x220f, 0x220f }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221a, 0x221a }, { 0x221d, 0x2220 },
	{ 0x2223, 0x2223 }, { 0x2225, 0x2225 }, { 0x2227, 0x222c },
	{ 0x222e, 0x222e }, { 0x2234, 0x2237 }, { 0x223c, 0x223d },
	{ 0x2248, 0x2248 }, { 0x224c, 0x224c }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226a, 0x226b },
	{ 0x226e, 0x226f }, { 0x2282, 0x2283 }, { 0x2286, 0x2287 },
	{ 0x2295, 0x2295 }, { 0x2299, 0x2299 }, { 0x22a5, 0x22a5 },
	{ 0x22bf, 0x22bf }, { 0x2312, 0x2312 }, { 0x2460, 0x24e9 },
	{ 0x24eb, 0x254b }, { 0x2550, 0x2573 }, { 0x2580, 0x258f },
	{ 0x2592, 0x2595 }, { 0x25a0, 0x25a1 }, { 0x25a3, 0x25a9 },
	{ 0x25b2, 0x25b3 }, { 0x25b6, 0x25b7 }, { 0x25bc, 0x25bd },
	{ 0x25c0, 0x25c1 }, { 0x25c6, 0x25c8 }, { 0x25cb, 0x25cb },
	{ 0x25ce, 0x25d1 }, { 0x25e2, 0x25e5 }, { 0x25ef, 0x25ef },
	{ 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260e, 0x260f },
	{ 0x261c, 0x261c }, { 0x261e, 0x261e }, { 0x2640, 0x2640 },
	{ 0x2642, 0x2642 }, { 0x2660, 0x2661 }, { 0x2663, 0x2665 },
	{ 0x2667, 0x266a }, { 0x266c, 0x266d }, { 0x266f, 0x266f },
	{ 0x269e, 0x269f }, { 0x26bf, 0x26bf }, { 0x26c6, 0x26cd },
	{ 0x26cf, 0x26d3 }, { 0x26d5, 0x26e1 }, { 0x26e3, 0x26e3 },
	{ 0x26e8, 0x26e9 }, { 0x26eb, 0x26f1 }, { 0x26f4, 0x26f4 },
	{ 0x26f6, 0x26f9 }, { 0x26fb, 0x26fc }, { 0x26fe, 0x26ff },
	{ 0x273d, 0x273d }, { 0x2776, 0x277f }, { 0x2b56, 0x2b59 },
	{ 0x3248, 0x324f }, { 0xe000, 0xf8ff }, { 0xfffd, 0xfffd },
	{ 0x1f100, 0x1f10a }, { 0x1f110, 0x1f12d }, { 0x1f130, 0x1f169 },
	{ 0x1f170, 0x1f18d }, { 0x1f18f, 0x1f190 }, { 0x1f19b, 0x1f1ac },
	{ 0xf0000, 0xffffd }, { 0x100000, 0x10fffd },
};

int layout_runs = 1;

/* What a missing block lays out as. */
static const struct block layout_empty = { .text = "", .note = -1,
	.section = -1 };

/* Is C East Asian Ambiguous? */
static int
layout_is_ambiguous(ucs4_t c)
{
	size_t lo = 0, hi = sizeof(layout_ambiguous) /
	    sizeof(layout_ambiguous[0]), mid;

	if (c < layout_ambiguous[0].lo)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c < layout_ambiguous[mid].lo)
			hi = mid;
		else if (c > layout_ambiguous[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/*
 * Display width of code point C [columns]; control characters take 0.
 * C is measured as the reader draws it (termwidth_map), which may leave
 * it out of a sequence the terminal would draw otherwise.
 */
int
layout_cpwidth(ucs4_t c, int amb)
{
	int w;

	if (c < 0x7f)
		return c >= 0x20;
	if (termwidth_special(c) && (c = termwidth_map(c)) < 0x7f)
		return c >= 0x20;
	w = uc_width(c, "UTF-8");
	if (w < 0)
		return 0;
	if (w == 1 && amb && layout_is_ambiguous(c))
		return 2;
	return w;
}

int
layout_width(const char *s, size_t n, int amb)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	ucs4_t c;
	int w = 0;

	while (p < end) {
		if (*p < 0x80) {
			/* Eight printable ASCII bytes at a time. */
			if (end - p >= 8 && layout_printable8(p)) {
				w += 8;
				p += 8;
				continue;
			}
			w += *p >= 0x20 && *p < 0x7f;
			p++;
			continue;
		}
		if (layout_is_wide(p, end)) {
			w += 2;
			p += 3;
			continue;
		}
		p += u8_mbtouc(&c, p, end - p);
		w += layout_cpwidth(c, amb);
	}
	return w;
}

void
layout_cut(struct buf *b, const char *s, size_t n, int cols, int amb)
{
	const char *ell = inert_utf8() ? "\xe2\x80\xa6" : "~";  /* U+2026 */
	size_t i;
	int col = 0, w, room, k;

	if (layout_width(s, n, amb) <= cols) {
		buf_add(b, s, n);
		return;
	}
	room = cols - layout_width(ell, strlen(ell), amb);
	for (i = 0; i < n; i += (size_t)k) {
		k = (int)utf8_len(s + i, n - i);
		w = layout_width(s + i, (size_t)k, amb);
		if (col + w > room)
			break;
		buf_add(b, s + i, (size_t)k);
		col += w;
	}
	buf_adds(b, ell);
}

/* Appends a segment to the current line (dropped past LAYOUT_MAXSEGS). */
void
layout_seg(struct layout_ctx *c, const char *text, uint32_t len, uint32_t off,
    uint16_t style, int32_t target, int col, int width)
{
	struct layout *l = c->l;
	struct seg *sg;

	if (l->nsegs - c->seg0 >= LAYOUT_MAXSEGS)
		return;
	sg = ARRAY_PUSH(l->segs, l->nsegs, c->segcap);
	sg->text = text;
	sg->len = len;
	sg->off = off;
	sg->style = style;
	sg->target = target;
	sg->col = (uint16_t)col;
	sg->width = (uint16_t)width;
}

/* Column of quote bar I of the block [columns]. */
static int
layout_bar_col(const struct layout_ctx *c, int i)
{
	int at = c->b->bar_at != NULL ? c->b->bar_at[i] : 0;

	return (at < c->indent ? at : c->indent) + i * c->barw;
}

/*
 * Starts a line of KIND whose first text byte is OFF (SEG_NOOFF: no text,
 * the off of the text before), with BARS quote bars, and the list marker
 * if this is the block's first line with content. Returns its index.
 */
uint32_t
layout_begin(struct layout_ctx *c, int kind, uint32_t off, int bars)
{
	struct layout *l = c->l;
	const struct block *b = c->b;
	struct line *ln;
	int i, col, marker;

	if (off == SEG_NOOFF)
		off = c->lastoff;
	else
		c->lastoff = off;
	ln = ARRAY_PUSH(l->lines, l->nlines, c->linecap);
	memset(ln, 0, sizeof(*ln));
	ln->seg0 = l->nsegs;
	ln->kind = (uint8_t)kind;
	ln->level = b->type == BLK_HEADING ? b->level : 0;
	ln->alert = b->alert;
	ln->off = off;
	c->seg0 = l->nsegs;
	marker = kind != LINE_BLANK && c->first && c->mcol >= 0;
	if (kind != LINE_BLANK)
		c->first = 0;
	/* Segments in column order: the marker before the bars of the
	   quotes inside its item. */
	for (i = 0; i <= bars; i++) {
		col = i < bars ? layout_bar_col(c, i) : INT_MAX;
		if (marker && c->mcol < col) {
			marker = 0;
			layout_seg(c, b->marker, (uint32_t)strnlen(b->marker,
			    sizeof(b->marker)), SEG_NOOFF, ST_DECOR, -1,
			    c->mcol, layout_width(b->marker, strnlen(b->marker,
			    sizeof(b->marker)), c->amb));
		}
		if (i < bars)
			layout_seg(c, layout_bar, sizeof(layout_bar) - 1,
			    SEG_NOOFF, ST_DECOR | ST_QUOTE, -1, col, c->barw);
	}
	return l->nlines - 1;
}

/* Finishes line IDX: its segment count and width. */
void
layout_end(struct layout_ctx *c, uint32_t idx)
{
	struct layout *l = c->l;
	struct line *ln = &l->lines[idx];
	uint32_t i;
	int end;

	ln->nsegs = (uint16_t)(l->nsegs - ln->seg0);
	ln->cols = 0;
	for (i = ln->seg0; i < l->nsegs; i++) {
		end = l->segs[i].col + l->segs[i].width;
		if (end > ln->cols)
			ln->cols = (uint16_t)end;
	}
	if (ln->cols > l->maxcols)
		l->maxcols = ln->cols;
}

/* The start of a run, as a key for array_upper. */
static uint64_t
layout_run_off(const void *p)
{
	return ((const struct run *)p)->off;
}

/* Index of the run of B holding byte OFF, or of the first one after. */
static uint32_t
layout_run(const struct block *b, uint32_t off)
{
	size_t i;

	/* The first run starting after OFF, less one. */
	i = array_upper(b->runs, b->nruns, sizeof(*b->runs), layout_run_off,
	    off);
	return i > 0 ? (uint32_t)i - 1 : 0;
}

/* The same, OFF not before the start of run R, or R 0. */
static inline uint32_t
layout_run_from(const struct block *b, uint32_t r, uint32_t off)
{
	while (r + 1 < b->nruns && b->runs[r + 1].off <= off)
		r++;
	return r;
}

/*
 * The first byte of [I, E), E > I, that a "~~" mark closes after, but
 * the last; else E - 1. Eight bytes at a time where none is.
 */
static uint32_t
layout_mark_close(const struct layout_ctx *c, uint32_t i, uint32_t e)
{
	const uint64_t close = 0x0101010101010101ULL * LAYOUT_MARK_CLOSE;
	uint64_t x;

	while (i + 8 < e) {
		memcpy(&x, c->mark + i, 8);
		if (x & close)
			break;
		i += 8;
	}
	for (; i + 1 < e; i++)
		if (c->mark[i] & LAYOUT_MARK_CLOSE)
			break;
	return i;
}

/*
 * The piece of text [START, END) from START that one run of B covers, or
 * that lies between runs: its end. *RP is the run to look at first,
 * moved on past the runs that end before START; *RUP is the run covering
 * the piece, or NULL.
 */
static inline uint32_t
layout_piece(const struct block *b, uint32_t *rp, uint32_t start,
    uint32_t end, const struct run **rup)
{
	const struct run *ru;

	while (*rp < b->nruns && b->runs[*rp].off <= start &&
	    start >= b->runs[*rp].off + b->runs[*rp].len)
		(*rp)++;
	ru = *rp < b->nruns ? &b->runs[*rp] : NULL;
	*rup = NULL;
	if (ru != NULL && ru->off <= start) {
		*rup = ru;
		return ru->off + ru->len < end ? ru->off + ru->len : end;
	}
	if (ru != NULL && ru->off < end)
		return ru->off;
	return end;
}

/*
 * Emits text [START, END) from column COL, one segment per run, with
 * STYLE added, and the "~~" marks of struck text; stops at column LIMIT,
 * cutting between code points. Returns the column after it.
 */
int
layout_text(struct layout_ctx *c, uint32_t start, uint32_t end, int col,
    uint16_t style, int limit)
{
	const struct block *b = c->b;
	const struct run *ru;
	uint32_t r = layout_run(b, start), e;
	uint16_t st;
	int32_t tg;
	int w;

	while (start < end && col < limit) {
		e = layout_piece(b, &r, start, end, &ru);
		st = style | (ru != NULL ? ru->style : 0);
		tg = ru != NULL ? ru->target : -1;
		if (c->mark != NULL) {
			uint32_t k;

			if ((c->mark[start] & LAYOUT_MARK_OPEN) &&
			    col + LAYOUT_MARKW <= limit) {
				layout_seg(c, "~~", 2, SEG_NOOFF, st, -1, col,
				    LAYOUT_MARKW);
				col += LAYOUT_MARKW;
			}
			k = layout_mark_close(c, start, e);
			e = k + 1 < e ? k + 1 : e;
		}
		w = layout_width(b->text + start, e - start, c->amb);
		if (col + w > limit)
			e = layout_cpcut(c, start, e, limit - col, &w);
		if (col + w > limit)
			break;
		layout_seg(c, b->text + start, e - start, start, st, tg, col,
		    w);
		col += w;
		start = e;
		if (c->mark != NULL && (c->mark[e - 1] & LAYOUT_MARK_CLOSE) &&
		    col + LAYOUT_MARKW <= limit) {
			layout_seg(c, "~~", 2, SEG_NOOFF, st, -1, col,
			    LAYOUT_MARKW);
			col += LAYOUT_MARKW;
		}
	}
	return col;
}

/*
 * Emits wrapped line SP, without "~~" marks, from column COL: one
 * segment per run from run R (layout_run of its start), with STYLE
 * added. Widths add up by code point, so the last piece is not
 * measured: it takes what the others leave of the width wrapping found.
 */
static void
layout_text_run(struct layout_ctx *c, const struct layout_span *sp,
    uint32_t r, int col, uint16_t style)
{
	const struct block *b = c->b;
	const struct run *ru;
	uint32_t i, e;
	int w, rest = sp->cols, ascii;

	/* As many columns as bytes: no character is wider than its bytes
	   are many, so each is printable ASCII, a column a byte (a two-byte
	   character may be two columns ambiguous wide). */
	ascii = !c->amb && sp->cols == (int)(sp->end - sp->start) &&
	    layout_runs;
	for (i = sp->start; i < sp->end; i = e) {
		e = layout_piece(b, &r, i, sp->end, &ru);
		w = e == sp->end ? rest : ascii ? (int)(e - i) :
		    layout_width(b->text + i, e - i, c->amb);
		layout_seg(c, b->text + i, e - i, i, style | (ru != NULL ?
		    ru->style : 0), ru != NULL ? ru->target : -1, col, w);
		col += w;
		rest -= w;
	}
}

/* The same, the run looked up. */
void
layout_text_span(struct layout_ctx *c, const struct layout_span *sp, int col,
    uint16_t style)
{
	layout_text_run(c, sp, layout_run(c->b, sp->start), col, style);
}

/* Emits copies of FILL (32 of one character) over COLS columns at COL. */
void
layout_fill(struct layout_ctx *c, const char *fill, int col, int cols,
    uint16_t style)
{
	size_t glen = strlen(fill) / 32;
	int gw = layout_width(fill, glen, c->amb), n, k;

	n = gw > 0 ? cols / gw : 0;
	while (n > 0) {
		k = n > 32 ? 32 : n;
		layout_seg(c, fill, (uint32_t)(glen * (size_t)k), SEG_NOOFF,
		    style, -1, col, k * gw);
		col += k * gw;
		n -= k;
	}
}

/* Paragraph or heading: wrapped text, a heading's underline. */
static void
layout_para(struct layout_ctx *c)
{
	const struct block *b = c->b;
	int heading = b->type == BLK_HEADING, kind, maxw = 0, plain;
	uint16_t style = (uint16_t)((heading ? ST_HEADING : 0) | c->quote);
	uint32_t idx, r = 0;
	size_t k;

	kind = heading ? LINE_HEADING : LINE_TEXT;
	layout_breaks(c, 0, b->len, 0, b->nruns);
	c->nspans = 0;
	layout_wrap(c, 0, b->len, c->width - c->col0, c->width - c->col);
	for (k = 0; k < c->nspans; k++) {
		struct layout_span *sp = &c->spans[k];

		idx = layout_begin(c, kind, sp->start, c->nbars);
		r = layout_run_from(b, r, sp->start);	/* lines in order */
		/* A line without "~~" marks takes the widths wrapping found. */
		plain = c->mark == NULL ||
		    layout_mark_next(c->mark, sp->start, sp->end) == sp->end;
		if (sp->end > sp->start && r < b->nruns && plain &&
		    b->runs[r].off <= sp->start &&
		    b->runs[r].off + b->runs[r].len >= sp->end)
			/* One run: one segment, as wide as wrapping found. */
			layout_seg(c, b->text + sp->start, sp->end - sp->start,
			    sp->start, style | b->runs[r].style,
			    b->runs[r].target, k == 0 ? c->col0 : c->col,
			    sp->cols);
		else if (plain)
			layout_text_run(c, sp, r, k == 0 ? c->col0 : c->col,
			    style);
		else
			layout_text(c, sp->start, sp->end, k == 0 ?
			    c->col0 : c->col, style, INT_MAX);
		layout_end(c, idx);
		if (sp->cols > maxw)
			maxw = sp->cols;
	}
	if (heading && b->level >= 1 && b->level <= 4 && maxw > 0) {
		idx = layout_begin(c, LINE_UNDERLINE, SEG_NOOFF, c->nbars);
		layout_fill(c, layout_underlines[b->level], c->col, maxw,
		    ST_DECOR);
		layout_end(c, idx);
	}
}

/* Thematic break: a centred rule. */
static void
layout_hr(struct layout_ctx *c)
{
	int avail = c->width - c->col0, rw;
	uint32_t idx;

	rw = avail < LAYOUT_RULE ? avail : LAYOUT_RULE;
	idx = layout_begin(c, LINE_RULE, SEG_NOOFF, c->nbars);
	layout_fill(c, layout_light, c->col0 + (avail - rw) / 2, rw, ST_DECOR);
	layout_end(c, idx);
}

/*
 * Geometry of the block's lines: quote bars and indent, shrunk to leave
 * LAYOUT_MINTEXT columns of text (or all of a narrower width), and the
 * marker hung into the indent when it fits.
 */
static void
layout_geometry(struct layout_ctx *c)
{
	const struct block *b = c->b;
	int room = c->width < LAYOUT_MINTEXT ? c->width : LAYOUT_MINTEXT;
	int budget = c->width - room, indent = b->indent, qcols, mw, m, i;
	int outer;
	size_t mlen;

	c->barw = layout_width(layout_bar, sizeof(layout_bar) - 1, c->amb);
	c->nbars = b->quote_depth;
	if (c->nbars * c->barw > budget)
		c->nbars = budget / c->barw;
	qcols = c->nbars * c->barw;
	if (indent > budget - qcols)
		indent = budget - qcols;
	c->indent = indent;
	c->col = c->col0 = qcols + indent;
	c->mcol = -1;
	/* The item's marker goes before the bars of quotes inside it. */
	for (i = outer = 0; i < c->nbars; i++)
		if (b->bar_at == NULL || b->bar_at[i] < indent)
			outer++;
	mlen = strnlen(b->marker, sizeof(b->marker));
	if (mlen > 0) {
		mw = layout_width(b->marker, mlen, c->amb);
		m = outer * c->barw + indent - 1 - mw;
		if (m < outer * c->barw)
			m = outer * c->barw;
		if (m + mw + 1 + 2 <= c->width) {	/* room for 中 */
			c->mcol = m;
			if (m + mw + 1 > c->col0)
				c->col0 = m + mw + 1;
		}
	}
	c->quote = b->quote_depth > 0 ? ST_QUOTE : 0;
}

/*
 * The quote bars that block B shares with block A above it: those of
 * the same depth that stand at the same list indent, less the innermost
 * when the two are in different quotes of one depth (two quotes one
 * after the other, two alerts).
 */
static int
layout_shared_bars(const struct block *a, const struct block *b)
{
	int i, n = a->quote_depth < b->quote_depth ? a->quote_depth :
	    b->quote_depth;

	for (i = 0; i < n; i++)
		if ((a->bar_at != NULL ? a->bar_at[i] : 0) !=
		    (b->bar_at != NULL ? b->bar_at[i] : 0))
			break;
	if (i == n && n > 0 && a->quote_depth == b->quote_depth &&
	    a->quote_seq != b->quote_seq)
		i--;
	return i;
}

struct layout *
layout_block(const struct doc *d, uint32_t bi, const struct layout_opts *o)
{
	return layout_block_as(d, bi, NULL, o);
}

struct layout *
layout_block_as(const struct doc *d, uint32_t bi, const struct block *blk,
    const struct layout_opts *o)
{
	struct layout_ctx c;
	struct layout *l = xcalloc(1, sizeof(*l));
	char brkbuf[1024];	/* c.brk of most blocks */
	const struct block *b;
	int i, bars;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.l = l;
	c.first = 1;
	l->block = bi;
	b = blk != NULL ? blk : bi < d->nblocks ? &d->blocks[bi] : NULL;
	if (b == NULL || b->text == NULL)	/* not a block */
		b = &layout_empty;
	c.b = b;
	c.width = o->width < 1 ? 1 : o->width > LAYOUT_MAXWIDTH ?
	    LAYOUT_MAXWIDTH : o->width;
	c.amb = o->ambiguous_wide != 0;
	c.fold = o->fold_code != 0;
	c.enc = c.amb ? "GBK" : "UTF-8";	/* GBK: AI breaks as ID */
	c.brk = b->len < sizeof(brkbuf) ? brkbuf : xmalloc(b->len + 1);
	memset(c.brk, UC_BREAK_PROHIBITED, b->len + 1);
	c.spans = c.spanbuf;
	c.spancap = sizeof(c.spanbuf) / sizeof(c.spanbuf[0]);
	c.linecap = b->space_before + 2 + b->len / 48;	/* most blocks' */
	l->lines = xreallocarray(NULL, c.linecap, sizeof(*l->lines));
	l->segs = xreallocarray(NULL, c.segcap = c.linecap + b->nruns,
	    sizeof(*l->segs));
	layout_geometry(&c);
	/* Without UTF-8 the reader cannot overlay a stroke: marks there too. */
	if ((o->strike_marks || !inert_utf8()) && b->type != BLK_CODE)
		layout_marks(&c);

	bars = 0;
	if (bi > 0 && bi < d->nblocks && bi != d->nbody)
		bars = layout_shared_bars(&d->blocks[bi - 1], b);
	if (bars > c.nbars)
		bars = c.nbars;
	for (i = 0; i < b->space_before; i++)
		layout_end(&c, layout_begin(&c, LINE_BLANK, SEG_NOOFF, bars));

	switch (b->type) {
	case BLK_CODE:
		layout_code(&c);
		break;
	case BLK_TABLE:
		layout_table(&c);
		break;
	case BLK_HR:
		layout_hr(&c);
		break;
	case BLK_FRONT:
		layout_front(&c, o->front);
		break;
	default:
		layout_para(&c);
		break;
	}
	if (l->nlines == b->space_before)	/* nothing drawn: one line */
		layout_end(&c, layout_begin(&c, b->type == BLK_TABLE ?
		    LINE_TABLE : LINE_TEXT, SEG_NOOFF, c.nbars));
	if (c.brk != brkbuf)
		free(c.brk);
	free(c.mark);
	if (c.spans != c.spanbuf)
		free(c.spans);
	return l;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free(l->lines);
	free(l->segs);
	free(l);
}

/* Does line I of L draw text from the block? */
static int
layout_has_text(const struct layout *l, uint32_t i)
{
	const struct line *ln = &l->lines[i];
	uint32_t k;

	for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++)
		if (l->segs[k].off != SEG_NOOFF)
			return 1;
	return ln->kind == LINE_TEXT || ln->kind == LINE_HEADING ||
	    ln->kind == LINE_CODE;
}

/* Does line I of L draw the byte at OFF? */
static int
layout_holds(const struct layout *l, uint32_t i, uint32_t off)
{
	const struct line *ln = &l->lines[i];
	uint32_t k;

	for (k = ln->seg0; k < ln->seg0 + ln->nsegs; k++)
		if (l->segs[k].off != SEG_NOOFF && l->segs[k].off <= off &&
		    off < l->segs[k].off + l->segs[k].len)
			return 1;
	return 0;
}

/* The block text offset of a line, as a key for array_upper. */
static uint64_t
layout_line_off(const void *p)
{
	return ((const struct line *)p)->off;
}

/*
 * The last line whose off is at most OFF, moved up to one that has text.
 * In a grid the lines of a row interleave their cells' offsets, so the
 * few lines above are searched for the one that draws OFF.
 */
uint32_t
layout_line_of(const struct layout *l, uint32_t off)
{
	uint32_t lo, i, j, k;

	if (l->nlines == 0)
		return 0;
	lo = (uint32_t)array_upper(l->lines, l->nlines, sizeof(*l->lines),
	    layout_line_off, off);
	if (lo == 0) {
		for (i = 0; i < l->nlines; i++)
			if (layout_has_text(l, i))
				return i;
		return 0;
	}
	i = lo - 1;
	for (j = i, k = 0; k < 64 && l->lines[j].kind == LINE_TABLE; k++) {
		if (layout_holds(l, j, off))
			return j;
		if (j-- == 0)
			break;
	}
	for (j = i; !layout_has_text(l, j); j--)
		if (j == 0) {
			for (j = i; j < l->nlines; j++)
				if (layout_has_text(l, j))
					return j;
			return i;
		}
	return j;
}
