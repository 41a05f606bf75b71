/*
 * bookmarks.c: the state file. Reading positions and named marks a-z per
 * document, kept in one plain-text file that is read whole, merged under
 * a lock and replaced atomically.
 * bookmarks-file.c: the file's text, lines to records and back (the
 * format is described at the top of bookmarks-file.c).
 * bookmarks-find.c: taking a position, and finding it again in a
 * document that has changed since.
 * bookmarks-list.c: the library, the documents remembered, most recently
 * read first, for the reader's list and for --library.
 *
 * Every message is a malloc'd line that names the file; the caller shows
 * it on the status line and on stderr, and frees it. A store never stops
 * the reader: when the file cannot be written, saving fails with a
 * message and the positions stay in memory.
 */
#ifndef LECTERN_BOOKMARKS_H
#define LECTERN_BOOKMARKS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct doc;

#define BM_MAX_DOCS	2000	/* documents kept; the oldest go first */
#define BM_NMARKS	26	/* marks 'a' to 'z' */
#define BM_DEPTH	6	/* headings kept in a heading path */
#define BM_TITLE_MAX	200	/* heading title kept [bytes] */
#define BM_FP_MAX	32	/* fingerprint [bytes] */
#define BM_NGLOBAL	26	/* global marks 'A' to 'Z' */
#define BM_MAX_BOOKS	500	/* books kept; the oldest go first */
#define BM_DOC_TITLE_MAX 400	/* document title kept [bytes] */

/* Where a stored position was found again. */
enum bm_method {
	BM_NONE,		/* no blocks, or no position */
	BM_EXACT,		/* same content: the stored anchor */
	BM_TEXT,		/* by the fingerprint, nearest the old place */
	BM_SECTION,		/* at the heading of its section */
	BM_PERCENT		/* at the same share of the source */
};

/* A place in a document and what finds it again after an edit. */
struct bm_pos {
	int		 set;		/* 1 when this position holds a place */
	uint64_t	 hash;		/* doc->hash when it was taken */
	uint32_t	 block;		/* anchor: block index */
	uint32_t	 off;		/* anchor: offset in block text [bytes] */
	uint64_t	 src;		/* block src_off + off [bytes] */
	uint32_t	 pct;		/* src / src_len [1/10000] */
	char		*heads[BM_DEPTH]; /* titles of the headings above,
					   outermost first */
	uint32_t	 nheads;
	char		*fp;		/* block text around the anchor */
	uint32_t	 fp_at;		/* anchor's offset in fp [bytes] */
	char		*extra;		/* unknown fields, escaped, each
					   "\tname=value", or NULL */
};

/* One document's entry. */
struct bm_doc {
	char		*key;		/* canonical path or "bundled:..." */
	int64_t		 time;		/* last used [seconds since epoch] */
	struct bm_pos	 pos;		/* the reading position */
	struct bm_pos	*marks;		/* marks a-z, BM_NMARKS of them; until
					   one is set, an empty array shared
					   by every entry */
	char		*title;		/* the document's title, or NULL */
	char		*extra;		/* unknown fields of the doc record */
	uint32_t	 dirty;		/* changed here, not saved: bit i for
					   mark i, BM_DIRTY_POS, BM_DIRTY_TITLE */
};
#define BM_DIRTY_POS	(1u << BM_NMARKS)
#define BM_DIRTY_TITLE	(1u << (BM_NMARKS + 1))

struct bm_store;

/*
 * The bookmark file to use when --bookmarks is not given:
 * $LECTERN_BOOKMARKS, else $XDG_STATE_HOME/lectern/bookmarks when that is
 * an absolute path, else ~/.local/state/lectern/bookmarks. NULL when
 * there is no home directory.
 */
char		*bookmarks_default_path(void);

/*
 * Reads the file at PATH (NULL: keep positions in memory only). Never
 * fails; sets *MSG when the file is unreadable, damaged or from a newer
 * lectern, or leaves it NULL.
 */
struct bm_store	*bookmarks_open(const char *path, char **msg);
void		 bookmarks_close(struct bm_store *);

/*
 * Reads the file at PATH only to list its documents: the store keeps
 * their keys, titles, times and how far each was read (no marks, books,
 * heading paths or fingerprints), never saves, and a damaged file is
 * not copied aside. Returns NULL and sets *MSG, naming the file, when it
 * cannot be read or has lines that cannot be read; a missing file gives
 * an empty store.
 */
struct bm_store	*bookmarks_peek(const char *path, char **msg);

/* The entry for KEY, or NULL. Valid until the next call that changes
   the store or saves it. */
const struct bm_doc *bookmarks_get(struct bm_store *, const char *key);

/* Number of entries, and the Nth (in file order). */
size_t		 bookmarks_count(const struct bm_store *);
const struct bm_doc *bookmarks_nth(const struct bm_store *, size_t);

/* Sets KEY's reading position to a copy of POS (NULL: clears it). */
void		 bookmarks_set_pos(struct bm_store *, const char *key,
		    const struct bm_pos *pos);

/* Sets mark NAME ('a'-'z') of KEY to a copy of POS (NULL: deletes it).
   Returns -1 for a bad name. */
int		 bookmarks_set_mark(struct bm_store *, const char *key,
		    int name, const struct bm_pos *pos);

/* Sets the title of KEY's entry, when there is one, to a copy of TITLE
   (NULL: none), cut to BM_DOC_TITLE_MAX bytes. */
void		 bookmarks_set_title(struct bm_store *, const char *key,
		    const char *title);

/* Removes KEY's entry, position and marks. */
void		 bookmarks_forget(struct bm_store *, const char *key);

/*
 * A book: a document of several files, each file a chapter with its own
 * entry. BOOK is the book's key (any text; the reader makes it "book:"
 * and the canonical path of the book's directory or list); the book's
 * record holds the key of the chapter being read. CHAPTER NULL forgets
 * the book.
 */
void		 bookmarks_set_book(struct bm_store *, const char *book,
		    const char *chapter);

/* The key of the chapter being read in BOOK, or NULL. Valid until the
   next call that changes the store or saves it. */
const char	*bookmarks_book_chapter(struct bm_store *, const char *book);

/*
 * Global mark LETTER ('A'-'Z'): a place in any document, as vim's
 * capital marks. Setting with KEY or POS NULL deletes it. Returns -1 for
 * a bad letter.
 */
int		 bookmarks_set_global(struct bm_store *, int letter,
		    const char *key, const struct bm_pos *pos);

/* Sets *KEY and *POS to global mark LETTER's document and place, valid
   until the next call that changes the store or saves it. Returns 0, or
   -1 when it is not set (or LETTER is bad). */
int		 bookmarks_get_global(struct bm_store *, int letter,
		    const char **key, const struct bm_pos **pos);

/*
 * Writes what changed in this store since it was opened or last saved:
 * takes the lock, re-reads the file, applies this store's changes to the
 * entries they touch, and replaces the file atomically. Afterwards the
 * store holds the merged entries. Returns 0, or -1 and sets *MSG (only
 * when the message differs from the previous failure's).
 */
int		 bookmarks_save(struct bm_store *, char **msg);

/* A deep copy of a position; emptying one (its strings are freed). */
void		 bookmarks_pos_copy(struct bm_pos *, const struct bm_pos *);
void		 bookmarks_pos_clear(struct bm_pos *);

/* bookmarks-find.c */

/* Fills POS for the anchor (BLOCK, OFF) of DOC, kept inside the
   document and moved to the start of a character. */
void		 bookmarks_pos_make(struct bm_pos *, const struct doc *,
		    uint32_t block, uint32_t off);

/* Finds POS in DOC: sets *BLOCK and *OFF and says how it was found. */
enum bm_method	 bookmarks_locate(const struct doc *, const struct bm_pos *,
		    uint32_t *block, uint32_t *off);

/* "exact", "text", "section", "percentage", or "none". */
const char	*bookmarks_method_name(enum bm_method);

/* bookmarks-list.c */

/* A document of the library, copied out of the store. */
struct bm_item {
	char		*key;		/* as in the store */
	char		*title;		/* the title, or NULL */
	int64_t		 time;		/* last read [seconds since epoch] */
	int32_t		 pct;		/* read [1/10000], -1: no position */
};

/* The documents of ST, most recently read first: *N items in a new array
   that bookmarks_list_free frees. */
struct bm_item	*bookmarks_list_new(const struct bm_store *, size_t *n);
void		 bookmarks_list_free(struct bm_item *, size_t n);

/* What the library shows for ITEM when it has no title: the last part
   of its key. */
const char	*bookmarks_list_name(const struct bm_item *);

/* Prints the N items at V as lectern --library does (the format is
   described at the top of bookmarks-list.c). Returns 0, or -1 when
   writing failed. */
int		 bookmarks_list_print(FILE *, const struct bm_item *, size_t n);

#endif
