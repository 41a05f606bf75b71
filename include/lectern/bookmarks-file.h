/*
 * bookmarks-file.h: what bookmarks.c shares with bookmarks-file.c, and
 * nothing else includes. The contract for the rest of lectern is
 * bookmarks.h.
 *
 * bookmarks-file.c reads the text of the bookmark file into the records
 * of a store and prints a store back as text (the format is described at
 * the top of bookmarks-file.c). bookmarks.c owns the store and the
 * transaction around the file: reading it, locking, merging, replacing
 * it atomically, keeping a copy of a damaged one.
 */
#ifndef LECTERN_BOOKMARKS_FILE_H
#define LECTERN_BOOKMARKS_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/bookmarks.h"

struct buf;

#define BM_VERSION	1	/* the format this lectern writes */

/* A book's record: the chapter being read. */
struct bm_book {
	char		*key;		/* the book's key */
	char		*chapter;	/* the chapter's key; NULL: forgotten
					   here, not yet saved */
	int64_t		 time;		/* last set [seconds since epoch] */
	char		*extra;		/* unknown fields of the record */
	int		 dirty;		/* changed here, not saved */
};

/* A global mark A-Z. */
struct bm_global {
	char		*key;		/* its document, or NULL: not set */
	int64_t		 time;		/* set [seconds since epoch] */
	struct bm_pos	 pos;		/* its place; unknown fields in
					   pos.extra */
};

/* What parsing a file's text found. */
struct bm_parse {
	unsigned	 version;	/* from the version line, 0 if none */
	size_t		 nbad;		/* lines that could not be read */
	size_t		 first_bad;	/* the first of them [1-based line] */
};

/* bookmarks-file.c */

/*
 * Parses LEN bytes of file text at DATA into ST, record by record;
 * counts in BP the lines that cannot be read, which change nothing.
 * BP starts zeroed.
 */
void		 bookmarks_file_parse(struct bm_store *, const char *data,
		    size_t len, struct bm_parse *bp);

/* Appends the text of a file that holds the records of ST to B. */
void		 bookmarks_file_print(const struct bm_store *, struct buf *);

/* bookmarks.c */

/* KEY's entry in ST, added when missing. */
struct bm_doc	*bookmarks_entry(struct bm_store *, const char *key);

/* Whether ST keeps only what the library lists (bookmarks_peek). */
int		 bookmarks_listing(const struct bm_store *);

/* The marks of D, to write: its own array, made when it has none. */
struct bm_pos	*bookmarks_doc_marks(struct bm_doc *d);

/* Keeps the N bytes at LINE, a record of a type this lectern does not
   know, so that saving writes it back (up to a limit of such records). */
void		 bookmarks_other_add(struct bm_store *, const char *line,
		    size_t n);

/* The number of records kept so, and the Nth. */
size_t		 bookmarks_other_count(const struct bm_store *);
const char	*bookmarks_other_nth(const struct bm_store *, size_t);

/* BOOK's record in ST, added when missing. */
struct bm_book	*bookmarks_book_entry(struct bm_store *, const char *book);

/* The number of book records, and the Nth. */
size_t		 bookmarks_book_count(const struct bm_store *);
const struct bm_book *bookmarks_book_nth(const struct bm_store *, size_t);

/* Global mark I (0 for 'A'). */
struct bm_global *bookmarks_global_slot(struct bm_store *, int i);
const struct bm_global *bookmarks_global_nth(const struct bm_store *,
		    int i);

#endif
