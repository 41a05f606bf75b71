/*
 * bookmarks-find.c: taking a position, and finding it again. A position
 * records its anchor and what finds it after the document changed: the
 * headings above it and a fingerprint of the text there. bookmarks_locate
 * tries, in order: the anchor itself when the document is the same; the
 * whole fingerprint anywhere, nearest the old place; a quarter of it in
 * the same section (the paragraph was edited at the place); the heading
 * of the section; the same share of the source, kept inside the nearest
 * enclosing section still there.
 */
#include <stdint.h>
#include <string.h>

#include "lectern/bookmarks.h"
#include "lectern/compat.h"
#include "lectern/doc.h"
#include "lectern/util.h"

#define BM_FP_MIN	8	/* shorter fingerprints must be a whole block */

/* Whether byte C continues a UTF-8 sequence. */
static int
bookmarks_is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* The length of S cut to at most MAX bytes at a character boundary. */
static size_t
bookmarks_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && bookmarks_is_cont((unsigned char)s[n]))
		n--;
	return n;
}

/* Whether the document's heading TITLE matches STORED, as cut. */
static int
bookmarks_title_eq(const char *title, const char *stored)
{
	size_t n = bookmarks_cut(title, BM_TITLE_MAX);

	return strlen(stored) == n && memcmp(title, stored, n) == 0;
}

/* See bookmarks.h. */
void
bookmarks_pos_make(struct bm_pos *pos, const struct doc *doc,
    uint32_t block, uint32_t off)
{
	const struct block *b;
	int32_t h, chain[64];
	uint32_t n, s, e;
	size_t depth = 0, i;

	bookmarks_pos_clear(pos);
	pos->set = 1;
	pos->hash = doc->hash;
	if (doc->nblocks == 0)
		return;
	if (block >= doc->nblocks) {
		block = doc->nblocks - 1;
		off = UINT32_MAX;
	}
	b = &doc->blocks[block];
	if (off > b->len)
		off = b->len;
	while (off > 0 && bookmarks_is_cont((unsigned char)b->text[off]))
		off--;
	pos->block = block;
	pos->off = off;
	pos->src = b->src_off + off;
	if (doc->src_len > 0) {
		uint64_t p = pos->src >= doc->src_len ? 10000 :
		    pos->src * 10000 / doc->src_len;
		pos->pct = (uint32_t)p;
	}

	for (h = b->section; h >= 0 && (uint32_t)h < doc->nheadings &&
	    depth < sizeof(chain) / sizeof(chain[0]); h =
	    doc->headings[h].parent)
		chain[depth++] = h;
	for (i = depth > BM_DEPTH ? BM_DEPTH : depth; i > 0; i--) {
		const char *t = doc->headings[chain[i - 1]].title;

		pos->heads[pos->nheads++] = xstrndup(t,
		    bookmarks_cut(t, BM_TITLE_MAX));
	}

	/* Fingerprint: BM_FP_MAX bytes from the anchor, or the last ones of
	   the block, cut at character boundaries. */
	n = b->len;
	s = off;
	e = n - s > BM_FP_MAX ? s + BM_FP_MAX : n;
	if (e - s < BM_FP_MAX)
		s = e > BM_FP_MAX ? e - BM_FP_MAX : 0;
	while (s < off && bookmarks_is_cont((unsigned char)b->text[s]))
		s++;
	while (e > off && e < n && bookmarks_is_cont((unsigned char)b->text[e]))
		e--;
	if (e > s) {
		pos->fp = xstrndup(b->text + s, e - s);
		pos->fp_at = off - s;
	}
}

/* Whether heading H of DOC has the titles HEADS[0..N) above it, itself
   last. */
static int
bookmarks_chain_eq(const struct doc *doc, int32_t h, char *const *heads,
    uint32_t n)
{
	while (n > 0) {
		if (h < 0 || (uint32_t)h >= doc->nheadings ||
		    !bookmarks_title_eq(doc->headings[h].title, heads[n - 1]))
			return 0;
		h = doc->headings[h].parent;
		n--;
	}
	return h < 0;
}

/* The distance of anchor (BLOCK, OFF) from source offset SRC [bytes]. */
static uint64_t
bookmarks_dist(const struct doc *doc, uint32_t block, uint32_t off,
    uint64_t src)
{
	uint64_t at = doc->blocks[block].src_off + off;

	return at > src ? at - src : src - at;
}

/* The number of body blocks of DOC: the blocks a position may be in. */
static uint32_t
bookmarks_nbody(const struct doc *doc)
{
	return doc->nbody > 0 && doc->nbody <= doc->nblocks ? doc->nbody :
	    doc->nblocks;
}

/*
 * Finds the N bytes at NEEDLE in the blocks of DOC: all of them when
 * WITHIN is -2, else those in the section of heading WITHIN or below it
 * (-1: before the first heading). A match at byte Q gives the anchor Q +
 * AT, kept inside its block; when WHOLE, only a block whose whole text is
 * NEEDLE matches. The anchor nearest POS's old source offset, if nearer
 * than *BEST, sets *BLOCK, *OFF and *BEST.
 */
static void
bookmarks_search(const struct doc *doc, const struct bm_pos *pos,
    const char *needle, size_t n, int64_t at, int whole, int32_t within,
    uint64_t *best, uint32_t *block, uint32_t *off)
{
	const struct block *b;
	const char *p, *q;
	uint64_t d;
	int64_t a;
	uint32_t i, nbody = bookmarks_nbody(doc);
	int32_t h;

	if (n == 0)
		return;
	/* A reading position is in the body: the same words in a note
	   are not the place. */
	for (i = 0; i < nbody; i++) {
		b = &doc->blocks[i];
		if (b->len < n || (whole && b->len != n))
			continue;
		if (within == -1 && b->section >= 0)
			continue;
		if (within >= 0) {
			for (h = b->section; h >= 0 && h != within &&
			    (uint32_t)h < doc->nheadings;
			    h = doc->headings[h].parent)
				;
			if (h != within)
				continue;
		}
		for (p = b->text; (q = compat_memmem(p,
		    (size_t)(b->text + b->len - p), needle, n)) != NULL;
		    p = q + 1) {
			a = (int64_t)(q - b->text) + at;
			if (a < 0)
				a = 0;
			if (a > (int64_t)b->len)
				a = b->len;
			while (a > 0 && bookmarks_is_cont((unsigned char)
			    b->text[a]))
				a--;
			d = bookmarks_dist(doc, i, (uint32_t)a, pos->src);
			if (d < *best) {
				*best = d;
				*block = i;
				*off = (uint32_t)a;
			}
		}
	}
}

/* The heading of DOC with POS's whole heading path nearest its old place,
   else one with the same last title, else -1. */
static int32_t
bookmarks_find_section(const struct doc *doc, const struct bm_pos *pos,
    int full)
{
	uint64_t best = UINT64_MAX, d;
	int32_t found = -1;
	uint32_t i;
	const struct heading *hd;

	for (i = 0; i < doc->nheadings; i++) {
		hd = &doc->headings[i];
		if (full ? !bookmarks_chain_eq(doc, (int32_t)i, pos->heads,
		    pos->nheads) : !bookmarks_title_eq(hd->title,
		    pos->heads[pos->nheads - 1]))
			continue;
		if (hd->block >= doc->nblocks)
			continue;
		d = bookmarks_dist(doc, hd->block, 0, pos->src);
		if (d < best) {
			best = d;
			found = (int32_t)i;
		}
	}
	return found;
}

/* The deepest heading of DOC that matches a proper prefix of POS's
   heading path, or -1. */
static int32_t
bookmarks_find_ancestor(const struct doc *doc, const struct bm_pos *pos)
{
	uint32_t k, i;

	for (k = pos->nheads; k-- > 1; ) {
		for (i = 0; i < doc->nheadings; i++) {
			if (doc->headings[i].block < doc->nblocks &&
			    bookmarks_chain_eq(doc, (int32_t)i, pos->heads, k))
				return (int32_t)i;
		}
	}
	return -1;
}

/* See bookmarks.h. */
enum bm_method
bookmarks_locate(const struct doc *doc, const struct bm_pos *pos,
    uint32_t *block, uint32_t *off)
{
	const struct block *b;
	uint64_t target, lo = 0, hi = UINT64_MAX, best;
	uint32_t i, piece, s, e, nbody;
	int32_t h, anc;
	size_t n;

	*block = 0;
	*off = 0;
	if (doc->nblocks == 0 || !pos->set)
		return BM_NONE;
	n = pos->fp ? strlen(pos->fp) : 0;

	/* The same text: the anchor as stored, if its text is still
	   there. */
	if (pos->hash == doc->hash && pos->block < doc->nblocks &&
	    pos->off <= doc->blocks[pos->block].len) {
		b = &doc->blocks[pos->block];
		if (n == 0 || (pos->off >= pos->fp_at &&
		    pos->off - pos->fp_at + n <= b->len &&
		    memcmp(b->text + pos->off - pos->fp_at, pos->fp, n) == 0)) {
			*block = pos->block;
			*off = pos->off;
			while (*off > 0 &&
			    bookmarks_is_cont((unsigned char)b->text[*off]))
				(*off)--;
			return BM_EXACT;
		}
	}

	/* The fingerprint, anywhere: nearest the old place. */
	best = UINT64_MAX;
	if (n > 0)
		bookmarks_search(doc, pos, pos->fp, n, pos->fp_at,
		    n < BM_FP_MIN, -2, &best, block, off);
	if (best != UINT64_MAX)
		return BM_TEXT;

	/* A quarter of it, within its section: the paragraph was edited
	   at the place. The match nearest the old place wins. */
	h = -1;
	if (pos->nheads > 0)
		h = bookmarks_find_section(doc, pos, 1);
	if (n >= 2 * BM_FP_MIN && (pos->nheads == 0 || h >= 0)) {
		piece = (uint32_t)n / 4 > BM_FP_MIN ? (uint32_t)n / 4 :
		    BM_FP_MIN;
		for (s = 0; s + BM_FP_MIN <= n; s = e) {
			e = s + piece + BM_FP_MIN <= n ? s + piece : (uint32_t)n;
			while (e < n && bookmarks_is_cont((unsigned char)
			    pos->fp[e]))
				e++;
			bookmarks_search(doc, pos, pos->fp + s, e - s,
			    (int64_t)pos->fp_at - s, 0, h, &best, block, off);
		}
		if (best != UINT64_MAX)
			return BM_TEXT;
	}

	/* The heading of its section. */
	if (pos->nheads > 0) {
		if (h < 0)
			h = bookmarks_find_section(doc, pos, 0);
		if (h >= 0) {
			*block = doc->headings[h].block;
			return BM_SECTION;
		}
	}

	/* The same share of the source, within the enclosing section that
	   is still there. */
	target = doc->src_len * pos->pct / 10000;
	nbody = bookmarks_nbody(doc);
	if (pos->nheads > 1 && (anc = bookmarks_find_ancestor(doc, pos)) >= 0) {
		lo = doc->blocks[doc->headings[anc].block].src_off;
		for (i = (uint32_t)anc + 1; i < doc->nheadings; i++) {
			if (doc->headings[i].level <= doc->headings[anc].level &&
			    doc->headings[i].block < doc->nblocks) {
				hi = doc->blocks[doc->headings[i].block].src_off;
				break;
			}
		}
		if (target >= hi)
			target = hi > lo ? hi - 1 : lo;
		if (target < lo)
			target = lo;
	}
	for (i = 0; i < nbody; i++) {
		if (doc->blocks[i].src_off > target)
			break;
		*block = i;
	}
	return BM_PERCENT;
}

/* See bookmarks.h. */
const char *
bookmarks_method_name(enum bm_method m)
{
	switch (m) {
	case BM_EXACT:
		return "exact";
	case BM_TEXT:
		return "text";
	case BM_SECTION:
		return "section";
	case BM_PERCENT:
		return "percentage";
	default:
		return "none";
	}
}
