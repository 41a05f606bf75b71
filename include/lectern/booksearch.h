/*
 * booksearch.c: one pattern searched across the documents of a book.
 *
 * The document shown is searched at once, in the caller's thread; the
 * others, in book order from the one after it on and round to the one
 * before it, by a second thread that loads each whole, searches its
 * text and frees it, keeping only the matches. Memory stays bounded by
 * the matches (at most SEARCH_MAX in all), never by the book.
 *
 * The results come out a document at a time: each document with a match
 * is published, whole and never changed again, as a struct booksearch_doc
 * that the caller reads without locking once booksearch_poll has counted
 * it. The thread takes no signals.
 */
#ifndef LECTERN_BOOKSEARCH_H
#define LECTERN_BOOKSEARCH_H

#include <stddef.h>
#include <stdint.h>

struct book;
struct doc;

struct booksearch_hit {
	uint32_t	 block;		/* index in the document's blocks */
	uint32_t	 off;		/* start in the block's text [bytes] */
	uint32_t	 len;		/* [bytes] */
	uint32_t	 where;		/* its section, or "note [N]", as an
					   offset in the document's strings */
	uint32_t	 text;		/* a little of the text around it, as
					   an offset in the strings */
};

/* The matches of one document, in document order. */
struct booksearch_doc {
	long		 entry;		/* in the book */
	struct booksearch_hit *hits;
	size_t		 n;
	char		*strings;	/* NUL-terminated, one after another */
};

/* How far a search has come. */
struct booksearch_state {
	size_t		 scanned;	/* documents searched, the first one
					   included */
	size_t		 total;		/* documents to search */
	size_t		 ndocs;		/* documents with a match, published */
	size_t		 nhits;		/* their matches */
	uint64_t	 bytes;		/* text searched [bytes] */
	int		 done;		/* the thread has finished */
	int		 cut;		/* stopped at SEARCH_MAX matches */
};

struct booksearch;

/*
 * Searches book BK for PATTERN with FLAGS (SEARCH_*): first DOC, entry
 * FROM of the book, at once; then the others in a thread, each read as
 * the reader would (MAX_SIZE: refuse larger files). Returns NULL when the
 * pattern does not compile.
 */
struct booksearch *booksearch_start(const struct book *bk, long from,
		    const struct doc *doc, const char *pattern, int flags,
		    size_t max_size);

/* Never blocks for long: the state, for the caller to read the first
   ndocs documents. */
void		 booksearch_poll(struct booksearch *, struct booksearch_state *);

/* Document I (< ndocs of the last poll), in the order searched. */
const struct booksearch_doc *booksearch_doc(const struct booksearch *,
		    size_t i);

/* Waits until the thread has finished (for the tests). */
void		 booksearch_wait(struct booksearch *);

/* Stops the thread at the next document and waits for it; what it
   found stays. */
void		 booksearch_stop(struct booksearch *);

/* Stops the thread as booksearch_stop does, frees it all. */
void		 booksearch_free(struct booksearch *);

#endif
