/*
 * layout-wrap.c: text of a block broken into lines at a width. A greedy
 * walk over grapheme clusters takes the last opportunity of c->brk that
 * fits; runs of printable ASCII and wide characters are walked without
 * decoding, eight bytes or eight ideographs at a time where they can be.
 * The "~~" marks of struck text take columns of their own. Also the
 * measures of text that tables take: its natural width, its widest word.
 */
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/linebreak.h"
#include "lectern/util.h"

#define LAYOUT_BACKOFF	8	/* clusters a forced cut may move back */

/* The length of the character at S[J], before END, when it is ASCII (1)
   or wide (3, layout_is_wide), else 0. */
static inline uint32_t
layout_step(const uint8_t *s, uint32_t j, uint32_t end)
{
	if (s[j] < 0x80)
		return 1;
	return layout_is_wide(s + j, s + end) ? 3 : 0;
}

/* End of the grapheme cluster at I, by libunistring; its width in *WP. */
static uint32_t
layout_cluster_slow(const struct layout_ctx *c, uint32_t i, uint32_t end,
    int *wp)
{
	const uint8_t *s = (const uint8_t *)c->b->text, *e;

	e = u8_grapheme_next(s + i, s + end);
	if (e == NULL || e <= s + i)
		e = s + i + 1;
	*wp = layout_width((const char *)s + i, (size_t)(e - s) - i, c->amb);
	return (uint32_t)(e - s);
}

/*
 * End of the grapheme cluster at I; its width in *WP. ASCII or a wide
 * character (layout_is_wide) followed by what cannot extend it is the
 * common case, and inline.
 */
static inline uint32_t
layout_cluster(const struct layout_ctx *c, uint32_t i, uint32_t end, int *wp)
{
	const uint8_t *s = (const uint8_t *)c->b->text;

	if (s[i] < 0x80 && (i + 1 >= end || s[i + 1] < 0x80 ||
	    layout_is_wide(s + i + 1, s + end))) {
		*wp = s[i] >= 0x20 && s[i] < 0x7f;
		return i + 1;
	}
	if (layout_is_wide(s + i, s + end) && (i + 3 >= end ||
	    s[i + 3] < 0x80 || layout_is_wide(s + i + 3, s + end))) {
		*wp = 2;
		return i + 3;
	}
	return layout_cluster_slow(c, i, end, wp);
}

/* The same, for the other rooms of layout. */
uint32_t
layout_grapheme(const struct layout_ctx *c, uint32_t i, uint32_t end,
    int *wp)
{
	return layout_cluster(c, i, end, wp);
}

/*
 * Moves a forced cut at I back, by at most LAYOUT_BACKOFF clusters and
 * never to LS, while it would split a footnote reference, start a line
 * with closing punctuation or end one with opening punctuation. Returns
 * I when no better cut is near.
 */
static uint32_t
layout_backoff(const struct layout_ctx *c, uint32_t ls, uint32_t i,
    uint32_t end)
{
	const uint8_t *s = (const uint8_t *)c->b->text, *q;
	ucs4_t next, prev;
	uint32_t j = i;
	int k;

	for (k = 0; k < LAYOUT_BACKOFF; k++) {
		u8_mbtouc(&next, s + j, end - j);
		if (u8_prev(&prev, s + j, s + ls) == NULL)
			break;
		if (c->brk[j] != LAYOUT_NOSPLIT && !layout_is_close(next) &&
		    !layout_is_open(prev))
			return j;
		q = u8_grapheme_prev(s + j, s + ls);
		if (q == NULL || q <= s + ls)
			break;
		j = (uint32_t)(q - s);
	}
	return i;
}

/*
 * Cuts the cluster [I, GE), too wide for AVAIL columns on its own, between
 * code points: as many as fit, at least one. Its width in *WP.
 */
uint32_t
layout_cpcut(const struct layout_ctx *c, uint32_t i, uint32_t ge, int avail,
    int *wp)
{
	const uint8_t *s = (const uint8_t *)c->b->text;
	uint32_t j = i;
	ucs4_t u;
	int n, w = 0, cw;

	while (j < ge) {
		n = u8_mbtouc(&u, s + j, ge - j);
		cw = layout_cpwidth(u, c->amb);
		if (j > i && w + cw > avail)
			break;
		w += cw;
		j += n;
	}
	*wp = w;
	return j;
}

/* Columns of the "~~" marks around bytes [I, E) of struck text. */
int
layout_mark_cols(const struct layout_ctx *c, uint32_t i, uint32_t e)
{
	int w = 0;

	if (c->mark == NULL)
		return 0;
	for (; i < e; i++) {
		if (c->mark[i] & LAYOUT_MARK_OPEN)
			w += LAYOUT_MARKW;
		if (c->mark[i] & LAYOUT_MARK_CLOSE)
			w += LAYOUT_MARKW;
	}
	return w;
}

/*
 * Where the marks go: each stretch of struck runs of the block, its
 * spaces at either end left out, opens before its first byte and closes
 * after its last. None when nothing is struck.
 */
void
layout_marks(struct layout_ctx *c)
{
	const struct block *b = c->b;
	uint32_t r, k, a, e;

	for (r = 0; r < b->nruns; r = k) {
		for (k = r; k < b->nruns && (b->runs[k].style & ST_STRIKE); k++)
			;
		if (k == r) {
			k++;
			continue;
		}
		a = b->runs[r].off;
		e = b->runs[k - 1].off + b->runs[k - 1].len;
		while (a < e && b->text[a] == ' ')
			a++;
		while (e > a && b->text[e - 1] == ' ')
			e--;
		if (a == e)
			continue;
		if (c->mark == NULL)
			c->mark = xcalloc(b->len + 1, 1);
		c->mark[a] |= LAYOUT_MARK_OPEN;
		c->mark[e - 1] |= LAYOUT_MARK_CLOSE;
	}
}

/* A break opportunity met while wrapping. */
struct layout_opp {
	uint32_t	 pos;		/* the next line starts here [bytes] */
	uint32_t	 end;		/* this one ends here, spaces dropped */
	int		 cols;		/* this one's width [columns] */
};

/* Remembers opportunity POS, the line before it ending at END, COLS wide. */
static inline void
layout_opp(struct layout_opp *o, uint32_t pos, uint32_t end, int cols)
{
	o->pos = pos;
	o->end = end;
	o->cols = cols;
}

/* The highest lane of M that has its high bit set, M not 0. */
static inline uint32_t
layout_lane_last(uint64_t m)
{
	return (uint32_t)(63 - __builtin_clzll(m)) / 8;
}

/*
 * Eight bytes of printable ASCII at I, from column COL, as
 * layout_wrap_run would walk them byte by byte: none but ordinary
 * opportunities, and none before a space. Remembers the last opportunity
 * in *BO and moves *CENDP and *CCOLSP past the last byte that is not a
 * space. Returns 0, changing nothing, when the bytes are not so.
 */
static inline int
layout_wrap8(const uint8_t *s, const char *brk, uint32_t i, uint32_t ls,
    int col, uint32_t *cendp, int *ccolsp, struct layout_opp *bo)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t x, y, solid, opp, m;
	uint32_t q, r;

	if (!layout_printable8(s + i))
		return 0;
	y = linebreak_word(brk + i);
	/* Each lane UC_BREAK_PROHIBITED (1) or UC_BREAK_POSSIBLE (2). */
	if ((y & ~(ones * 3)) != 0 || ((y ^ y >> 1) & ones) != ones)
		return 0;
	x = linebreak_word(s + i) ^ (ones * ' ');
	solid = (((x & ~high) + ~high) | x) & high;	/* not a space */
	opp = y << 6 & high;
	if (i == ls)
		opp &= ~(uint64_t)0x80;	/* none at the line's start */
	if ((opp & ~solid) != 0)
		return 0;
	if (opp != 0) {
		q = layout_lane_last(opp);
		if ((m = solid & ((1ULL << (8 * q)) - 1)) != 0) {
			r = layout_lane_last(m) + 1;
			layout_opp(bo, i + q, i + r, col + (int)r);
		} else
			layout_opp(bo, i + q, *cendp, *ccolsp);
	}
	if (solid != 0) {
		r = layout_lane_last(solid) + 1;
		*cendp = i + r;
		*ccolsp = col + (int)r;
	}
	return 1;
}

/*
 * The wide characters (layout_is_wide) from I that layout_wrap_run
 * would walk, each followed by another or by ASCII, in ROOM columns:
 * their end. The last ordinary opportunity among them in *OPPP, or
 * UINT32_MAX.
 */
static inline uint32_t
layout_wrap_wide(const uint8_t *s, const char *brk, uint32_t i, uint32_t end,
    uint32_t ls, int room, uint32_t *oppp)
{
	uint32_t opp = UINT32_MAX, n, k;
	int wide = layout_is_wide(s + i, s + end);

	while (wide && room >= 2 && i + 3 < end) {
		/* Up to eight ideographs that fit, each an opportunity, all
		   but the last followed by another: when the eighth from
		   here looks like one. */
		if (end - i > 24 && s[i + 21] - 0xe4u < 6 && i > ls &&
		    room >= 4 && layout_runs &&
		    (n = layout_han_open(s + i, brk + i)) >= 6) {
			if (n > (uint32_t)room / 2 * 3)
				n = (uint32_t)room / 2 * 3;
			wide = layout_is_wide(s + i + n, s + end);
			k = wide || s[i + n] < 0x80 ? n : n - 3;
			opp = i + k - 3;
			i += k;
			room -= (int)k / 3 * 2;
			wide = wide || k < n;
			continue;
		}
		if (brk[i] != UC_BREAK_PROHIBITED) {
			if (brk[i] != UC_BREAK_POSSIBLE || i <= ls)
				break;
			opp = i;
		}
		if (!(wide = layout_is_wide(s + i + 3, s + end)) &&
		    s[i + 3] >= 0x80)
			break;
		i += 3;
		room -= 2;
	}
	*oppp = opp;
	return i;
}

/*
 * The part of layout_wrap_run for text with no "~~" mark before END:
 * walks on from I over printable ASCII (eight bytes at a time where it
 * can) and wide characters (layout_is_wide), each followed by either,
 * as layout_wrap_run does, and stops where it would stop or look
 * further, at the latest before the last character before END. Returns
 * where it stopped.
 */
static inline uint32_t
layout_wrap_fast(const uint8_t *s, const char *brk, uint32_t i, uint32_t end,
    uint32_t ls, int avail, int *colp, uint32_t *cendp, int *ccolsp,
    struct layout_opp *bo)
{
	uint32_t cend = *cendp, j, opp, retry = i;
	int col = *colp, ccols = *ccolsp;
	uint8_t ch;

	while (i + 1 < end) {
		ch = s[i];
		if (ch < 0x80) {
			if (i >= retry && i + 8 < end && col + 8 <= avail) {
				if (s[i + 8] < 0x80 && layout_wrap8(s, brk, i, ls,
				    col, &cend, &ccols, bo)) {
					i += 8;
					col += 8;
					continue;
				}
				retry = i + 8;	/* one by one past them */
			}
			if (s[i + 1] >= 0x80 && !layout_is_wide(s + i + 1, s + end))
				break;
			if ((ch != ' ' && ch - 0x21u > 0x7e - 0x21) ||
			    col >= avail)
				break;
			if (brk[i] != UC_BREAK_PROHIBITED) {
				if (brk[i] != UC_BREAK_POSSIBLE || i <= ls ||
				    ch == ' ')
					break;
				layout_opp(bo, i, cend, ccols);
			}
			i++;
			col++;
			if (ch != ' ') {
				cend = i;
				ccols = col;
			}
		} else {
			if ((j = layout_wrap_wide(s, brk, i, end, ls, avail - col,
			    &opp)) == i)
				break;
			if (opp != UINT32_MAX)
				layout_opp(bo, opp, opp > i ? opp : cend, opp > i ?
				    col + (int)(opp - i) / 3 * 2 : ccols);
			col += (int)(j - i) / 3 * 2;
			i = cend = j;
			ccols = col;
		}
	}
	*colp = col;
	*cendp = cend;
	*ccolsp = ccols;
	return i;
}

/*
 * Walks on from I, before END, on a line that starts at LS and has AVAIL
 * columns, over what needs nothing but its width: printable ASCII and
 * wide characters that are a cluster each (as layout_cluster finds
 * them), spaces without an opportunity before them, and ordinary
 * opportunities, remembered in *BO, while each fits and no "~~" mark is
 * at it. *COLP, *CENDP and *CCOLSP are layout_wrap's; returns where it
 * stopped, for layout_wrap to go on.
 */
static inline uint32_t
layout_wrap_run(struct layout_ctx *c, uint32_t i, uint32_t end,
    uint32_t ls, int avail, int *colp, uint32_t *cendp, int *ccolsp,
    struct layout_opp *bo)
{
	const uint8_t *s = (const uint8_t *)c->b->text;
	const char *brk = c->brk, *mark = c->mark;
	uint32_t cend = *cendp, ge, k, kn, lim;
	int col = *colp, ccols = *ccolsp, w;

	/* K: the length of the character at I when it is ASCII or wide. */
	k = i < end ? layout_step(s, i, end) : 0;
	lim = mark == NULL ? end : i;
	while (i < end && k != 0) {
		/* LIM: no "~~" mark before it, looked for as far as the
		   line may reach, once for the lines that follow. */
		if (lim <= i) {
			if (i < c->markfrom || i >= c->markto) {
				c->markfrom = i;
				c->markto = layout_mark_next(mark, i, end - i >
				    (uint32_t)avail * 2 + 16 ? i +
				    (uint32_t)avail * 2 + 16 : end);
			}
			lim = c->markto < end ? c->markto : end;
		}
		if (lim > i) {
			i = layout_wrap_fast(s, brk, i, lim, ls, avail, &col,
			    &cend, &ccols, bo);
			if ((k = layout_step(s, i, end)) == 0)
				break;
		}
		ge = i + k;
		if ((kn = ge < end ? layout_step(s, ge, end) : 1) == 0)
			break;		/* a mark may join what follows */
		if (k == 1) {
			if (mark != NULL && mark[i] != 0)
				break;
			if (s[i] == ' ' && brk[i] == UC_BREAK_PROHIBITED) {
				col++;
				i = ge;
				k = kn;
				continue;
			}
			if (s[i] <= ' ' || s[i] == 0x7f)
				break;
			w = 1;
		} else {
			if (mark != NULL && (mark[i] | mark[i + 1] | mark[i + 2]))
				break;
			w = 2;
		}
		if (col + w > avail)
			break;
		if (brk[i] != UC_BREAK_PROHIBITED) {
			if (brk[i] != UC_BREAK_POSSIBLE || i <= ls)
				break;
			layout_opp(bo, i, cend, ccols);
		}
		col += w;
		i = cend = ge;
		ccols = col;
		k = kn;
	}
	*colp = col;
	*cendp = cend;
	*ccolsp = ccols;
	return i;
}

/* Appends a span to the scratch list, off c->spanbuf once it is full. */
void
layout_span(struct layout_ctx *c, uint32_t start, uint32_t end, int cols)
{
	struct layout_span *sp;

	if (c->nspans == c->spancap && c->spans == c->spanbuf) {
		c->spans = xreallocarray(NULL, c->spancap * 2, sizeof(*sp));
		memcpy(c->spans, c->spanbuf, sizeof(c->spanbuf));
		c->spancap *= 2;
	}
	sp = ARRAY_PUSH(c->spans, c->nspans, c->spancap);

	sp->start = start;
	sp->end = end;
	sp->cols = cols;
}

/*
 * Breaks text [START, END) (break classes in c->brk) into lines of at
 * most AVAIL0 columns for the first and AVAIL1 for the others, appending
 * one span per line to c->spans; there is always at least one.
 *
 * Greedy in one pass: walk grapheme clusters, remembering the last break
 * opportunity and where the text before it ends once its trailing spaces
 * are dropped, and the same for the last fallback of each kind. When a
 * cluster overflows, the line ends at that opportunity and the next one
 * starts there (so a cluster is looked at at most twice). With no
 * opportunity since the line began, the line ends at the last
 * LAYOUT_SPACE, else at the last LAYOUT_WEAK, else at the last
 * LAYOUT_HOST; with none of them, the word alone is wider than the line: it is cut before the overflowing
 * cluster, moved back a little if the cut would break a kinsoku rule or
 * a footnote reference. A cluster wider than a whole line is cut between
 * code points. Spaces never overflow (they are dropped at a break), and
 * spaces that begin a line are skipped. A mandatory break (the '\n' of a
 * hard break) ends the line and is not drawn; one at the very end adds
 * no empty line. Every line but an empty one takes at least one code
 * point, so the loop always advances.
 */
void
layout_wrap(struct layout_ctx *c, uint32_t start, uint32_t end, int avail0,
    int avail1)
{
	const char *s = c->b->text;
	uint32_t i = start, ls, cend, ge;
	struct layout_opp bo, so, wo, ho;
	int avail = avail0 < 1 ? 1 : avail0, col, ccols, w, nl;

	if (avail1 < 1)
		avail1 = 1;
	for (;;) {
		while (i < end && s[i] == ' ')
			i++;
		ls = cend = i;
		layout_opp(&bo, i, i, 0);
		so = wo = ho = bo;
		col = ccols = 0;
		nl = 0;
		while (i < end) {
			if ((i = layout_wrap_run(c, i, end, ls, avail, &col,
			    &cend, &ccols, &bo)) >= end)
				break;
			if ((nl = layout_newline(c, i)) != 0)
				break;
			if (i > ls && c->brk[i] != UC_BREAK_PROHIBITED) {
				if (layout_can_break(c->brk[i]))
					layout_opp(&bo, i, cend, ccols);
				else if (c->brk[i] == LAYOUT_SPACE)
					layout_opp(&so, i, cend, ccols);
				else if (c->brk[i] == LAYOUT_WEAK)
					layout_opp(&wo, i, cend, ccols);
				else if (c->brk[i] == LAYOUT_HOST)
					layout_opp(&ho, i, cend, ccols);
			}
			ge = layout_cluster(c, i, end, &w);
			if (s[i] == ' ' && ge == i + 1) {
				col++;
				i = ge;
				continue;
			}
			if (c->mark != NULL)
				w += layout_mark_cols(c, i, ge);
			if (col + w > avail) {
				if (bo.pos > ls || so.pos > ls || wo.pos > ls) {
					if (bo.pos <= ls)
						bo = so.pos > ls ? so : wo;
					cend = bo.end;
					ccols = bo.cols;
					i = bo.pos;
				} else if (ho.pos > ls) {
					cend = ho.end;
					ccols = ho.cols;
					i = ho.pos;
				} else if (i > ls) {
					i = layout_backoff(c, ls, i, end);
					cend = i;
					while (cend > ls && s[cend - 1] == ' ')
						cend--;
					ccols = layout_width(s + ls, cend - ls,
					    c->amb) + layout_mark_cols(c, ls,
					    cend);
				} else {
					cend = i = layout_cpcut(c, i, ge,
					    avail, &ccols);
				}
				break;
			}
			col += w;
			i = cend = ge;
			ccols = col;
		}
		layout_span(c, ls, cend, ccols);
		avail = avail1;
		if (nl) {
			i += nl;
			if (i >= end)
				break;
			continue;
		}
		if (i >= end)
			break;
	}
}

/*
 * Measures text [START, END) (break classes in c->brk): the widest line
 * it has when only its mandatory breaks are taken, and its widest word.
 */
void
layout_measure(const struct layout_ctx *c, uint32_t start, uint32_t end,
    int *natp, int *wordp)
{
	const char *s = c->b->text;
	uint32_t i, ge;
	int nat = 0, word = 0, line = 0, linesp = 0, cur = 0, w, nl;

	for (i = start; i < end; i = ge) {
		/* Printable ASCII inside a word, a cluster of its own. */
		if (s[i] > ' ' && s[i] < 0x7f &&
		    c->brk[i] == UC_BREAK_PROHIBITED &&
		    (c->mark == NULL || c->mark[i] == 0) &&
		    (i + 1 >= end || (uint8_t)s[i + 1] < 0x80)) {
			ge = i + 1;
			line = ++linesp;
			if (++cur > word)
				word = cur;
			continue;
		}
		if ((nl = layout_newline(c, i)) != 0) {
			if (line > nat)
				nat = line;
			line = linesp = cur = 0;
			ge = i + (uint32_t)nl;
			continue;
		}
		if (i > start && layout_can_break(c->brk[i]))
			cur = 0;
		ge = layout_cluster(c, i, end, &w);
		if (s[i] == ' ' && ge == i + 1) {
			if (line > 0)
				linesp++;
			continue;
		}
		if (c->mark != NULL)
			w += layout_mark_cols(c, i, ge);
		linesp += w;
		line = linesp;
		cur += w;
		if (cur > word)
			word = cur;
	}
	if (line > nat)
		nat = line;
	*natp = nat;
	*wordp = word;
}

/*
 * Text [START, END) when it is printable ASCII and wide characters
 * (layout_is_wide) only, with no "~~" mark: the one line layout_wrap
 * makes of it when it fits, in *SP, and its width, as layout_measure
 * finds it too. -1 for any other text, and in sp->cols.
 */
int
layout_plain(const struct layout_ctx *c, uint32_t start, uint32_t end,
    struct layout_span *sp)
{
	const uint8_t *s = (const uint8_t *)c->b->text;
	uint32_t i = start;
	int w = 0;

	sp->cols = -1;
	if (c->mark != NULL && layout_mark_next(c->mark, start, end) != end)
		return -1;
	while (i < end && s[i] == ' ')
		i++;
	sp->start = sp->end = i;
	sp->cols = 0;
	while (i < end) {
		if (s[i] == ' ') {
			w++;
			i++;
			continue;
		}
		if (s[i] - 0x21u <= 0x7e - 0x21) {
			w++;
			i++;
		} else if (layout_is_wide(s + i, s + end)) {
			w += 2;
			i += 3;
		} else {
			sp->cols = -1;
			return -1;
		}
		sp->end = i;
		sp->cols = w;
	}
	return sp->cols;
}
