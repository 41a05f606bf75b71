/*
 * search.c: matches of a pattern over the document's rendered text.
 *
 * A search runs over what the reader sees: doc.blocks[i].text, the body
 * and then the notes' blocks, so a match never sees Markdown syntax and
 * spans style changes for free. A literal pattern and the text are both
 * folded before comparison: full Unicode case folding (when case is
 * ignored), full-width ASCII forms U+FF01-U+FF5E to ASCII, U+3000 and
 * every run of white space (hard breaks included) to one space, and
 * default-ignorable code points (soft hyphens, zero-width spaces) dropped;
 * between a CJK character and a Latin letter or digit a space is optional
 * ("AI安全" and "AI 安全" find each other).
 * A regular expression (POSIX extended, one line at a time: '^' and '$'
 * match at hard breaks) runs over the text as it is.
 *
 * Matches are reported in document order as anchors into the original
 * text: (block, byte offset, byte length).
 */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct doc;

#define SEARCH_SMARTCASE 0x00	/* default: ignore case unless the pattern
				   has a capital letter */
#define SEARCH_REGEX	0x01	/* POSIX extended regular expression */
#define SEARCH_ICASE	0x02	/* always ignore case */
#define SEARCH_CASE	0x04	/* always match case */

#define SEARCH_MAX	1000000	/* matches stored at most [matches] */

struct match {
	uint32_t	 block;		/* index in doc.blocks */
	uint32_t	 off;		/* start in block text [bytes] */
	uint32_t	 len;		/* [bytes], never 0 */
};

struct search;

/*
 * Compiles PATTERN (UTF-8) with FLAGS (SEARCH_*). Returns NULL for a bad
 * regular expression, with a message of at most ERRLEN bytes in ERR. An
 * empty pattern is valid and matches nothing.
 */
struct search	*search_new(const char *pattern, int flags, char *err,
		    size_t errlen);
void		 search_free(struct search *);

/*
 * Finds every match in DOC, in document order, in one pass. *OUT is a
 * new array of *N matches (NULL when none) that the caller frees.
 * Returns 1 when the matches were cut at SEARCH_MAX, else 0.
 */
int		 search_all(struct search *, const struct doc *,
		    struct match **out, size_t *n);

/*
 * Finds the first match in LEN bytes of TEXT (the outline filter, a
 * heading's title). Returns 1 and sets *OFF and *MLEN, or returns 0.
 */
int		 search_text(struct search *, const char *text, size_t len,
		    uint32_t *off, uint32_t *mlen);

/* Index of the first of N sorted matches at or after (BLOCK, OFF), or N. */
size_t		 search_lower(const struct match *, size_t n, uint32_t block,
		    uint32_t off);

/*
 * Index of the match to go to from anchor (BLOCK, OFF): for DIR > 0 the
 * first match at or after it, for DIR < 0 the last match before it. Past
 * either end it wraps around and sets *WRAPPED (may be NULL) to 1, else
 * 0. Returns -1 when N is 0. From the current match M, the next is found
 * from (M.block, M.off + 1) forward, the previous from (M.block, M.off)
 * backward.
 */
long		 search_next(const struct match *, size_t n, uint32_t block,
		    uint32_t off, int dir, int *wrapped);

#endif
