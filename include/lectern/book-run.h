/*
 * book-run.c: the batch modes on a book: --dump, --outline and --check of
 * every document in book order.
 *
 * --dump puts a header line before each document:
 *
 *	══ K/N PATH — TITLE ══
 *
 * K counting the documents from 1 and N their number, PATH relative to
 * the book's directory (as given for a list of files), TITLE being
 * SUMMARY.md's title, else the document's own (doc_title), else left out
 * with its dash. A part title prints as "══ TITLE ══", a draft as
 * "══ TITLE (draft) ══". A blank line comes before every header but
 * the first, and after a document's.
 *
 * A document that cannot be read is named on standard error with the
 * reason, and the rest of the book goes on; the book's own warnings are
 * printed too. Each function returns the exit status: 0, or 1 when
 * anything failed (or, for --check, a problem was found).
 */
#ifndef LECTERN_BOOK_RUN_H
#define LECTERN_BOOK_RUN_H

#include <stddef.h>
#include <stdio.h>

struct book;
struct dump_opts;

struct book_run_opts {
	const char	*encoding;	/* -e, or NULL */
	size_t		 max_size;	/* --max-size [bytes] */
	const struct dump_opts *dump;	/* for --dump */
};

int	 book_run_dump(FILE *, const struct book *,
	    const struct book_run_opts *);
int	 book_run_outline(FILE *, const struct book *,
	    const struct book_run_opts *);

/*
 * Prints the book's warnings and each document's problems as
 * "NAME:LINE: message", then links to other files that are missing or
 * lack the anchor they name, each linked document read once.
 */
int	 book_run_check(FILE *, const struct book *,
	    const struct book_run_opts *);

#endif
