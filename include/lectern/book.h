/*
 * book.c: a body of Markdown read as one book: the documents of a
 * directory, or a list of files, in order.
 *
 * A directory with a SUMMARY.md (in it, or in its src/ as mdBook lays
 * books out) is read as mdBook reads it: prefix chapters, numbered
 * chapters nested as their lists, part titles, drafts and suffix
 * chapters. A directory without one is README.md or index.md (any case)
 * first, then every Markdown file below it, sorted by relative path
 * compared a component at a time, a directory's own files before those
 * of its subdirectories; hidden files and directories, node_modules and
 * target are skipped, and so, with a warning, are symlink loops, FIFOs and
 * devices. Building a book only lists files: no document is read, and
 * SUMMARY.md's entries are not looked up; each is checked when it is
 * first wanted (book_check), so that a book of thousands of files opens
 * as fast as one of them.
 */
#ifndef LECTERN_BOOK_H
#define LECTERN_BOOK_H

#include <stddef.h>

#define BOOK_DRAFT	0x01	/* no file: shown greyed, never opened */
#define BOOK_PART	0x02	/* a part title ("# Part" in SUMMARY.md) */
#define BOOK_PREFIX	0x04	/* a prefix chapter, before the first list */
#define BOOK_SUFFIX	0x08	/* a suffix chapter, after the last list */
#define BOOK_CHECKED	0x10	/* its file found one of the book's */

#define BOOK_MAX_DEPTH	32	/* directories below the book's */
#define BOOK_MAX_FILES	100000	/* entries of a book */
#define BOOK_MAX_SUMMARY (4 << 20)	/* SUMMARY.md [bytes] */

struct book_entry {
	char	*path;		/* a path to open (the directory joined
				   with SUMMARY.md's link, percent-decoded),
				   or NULL for a part title or a draft */
	char	*title;		/* SUMMARY.md's title for it, or NULL (then
				   the document names itself) */
	char	*url;		/* SUMMARY.md's link as written, or NULL */
	char	*why;		/* why it has no file: "FILE:LINE: URL:
				   problem", or NULL */
	int	 level;		/* nesting: 0 top level */
	int	 flags;		/* BOOK_* */
	int	 line;		/* its line in SUMMARY.md, or 0 */
};

struct book {
	char	*dir;		/* the directory read as a book, or NULL
				   for a list of files */
	char	*key;		/* canonical path of dir, or NULL */
	char	*summary;	/* the SUMMARY.md read, or NULL */
	struct book_entry *v;
	size_t	 n;
	size_t	 cap;
	char	**warnings;	/* "PATH: problem" about the book itself;
				   an entry's own are its why */
	size_t	 nwarnings;
	size_t	 capwarnings;
	struct book_look *look;	/* book.c's: what checking entries and
				   finding files has looked up so far */
};

/*
 * Reads directory DIR as a book into B (zeroed first). Returns 0, or -1
 * with one line in ERR when DIR itself cannot be read (B is then empty).
 * Problems below DIR are warnings, not failures. The entries of a
 * SUMMARY.md are listed, not looked up: one whose link is no local file
 * is a draft at once, with its why; whether the others' files exist and
 * lie inside DIR is book_check's to find out.
 */
int	 book_open_dir(struct book *, const char *dir, char *err,
	    size_t errlen);

/* Makes B (zeroed first) a book of the N files PATHS, in that order. */
void	 book_open_files(struct book *, char *const *paths, size_t n);

/* Frees what B holds and zeroes it; B itself is the caller's. */
void	 book_free(struct book *);

/*
 * Checks entry I the first time it is wanted: 0 when it has a file of the
 * book (a SUMMARY.md entry's: after symlinks and "..", a regular,
 * readable file inside the book's directory), else -1. An entry found
 * without one becomes a draft (path NULL, BOOK_DRAFT) with its why, as
 * a part title or a draft already is. What a check finds is kept in the
 * entry, so B changes through a const pointer: the reader's thread only.
 */
int	 book_check(const struct book *, long i);

/* Checks every entry (book_check): what --check, --dump and --outline
   need before they print. */
void	 book_check_all(const struct book *);

/*
 * The problems known so far: the book's warnings, then each entry's why
 * in order. Returns how many; *FIRST is the first of them, or NULL.
 */
size_t	 book_problems(const struct book *, const char **first);

/*
 * The entry whose file is PATH's (same st_dev and st_ino), checked, or
 * -1: the first entry that names PATH as it is written, or as its
 * canonical path within the book's; else the first whose file is PATH's,
 * every entry's file being looked up once, on the first such call.
 */
long	 book_find(const struct book *, const char *path);

/*
 * The next (DIR > 0) or previous (DIR < 0) entry after I that has a file,
 * checked on the way (book_check): those found without one are passed
 * over. -1 when there is none. I may be -1 (DIR > 0: the first) or n
 * (DIR < 0: the last).
 */
long	 book_next(const struct book *, long i, int dir);

/*
 * A link HREF found in the document at FROM, as a local file: a malloc'd
 * path (relative to FROM's directory unless absolute; "file://" URLs too;
 * percent-decoded; query stripped) and *ANCHOR (malloc'd, percent-decoded,
 * or NULL). NULL when HREF is a URL with another scheme, or only
 * "#anchor".
 */
char	*book_link_path(const char *from, const char *href, char **anchor);

/* Whether PATH ends in .md, .markdown, .mdown or .mkd (any case). */
int	 book_is_markdown(const char *path);

/*
 * Whether PATH may be read as a document: after symlinks a regular file,
 * readable, no larger than MAX bytes (0: no limit). Returns 0, else -1 and
 * a message in ERR ("is a FIFO", "is a device", "is a directory", "larger
 * than --max-size (N bytes)", strerror). Decides by stat, never opens.
 */
int	 book_may_open(const char *path, size_t max, char *err,
	    size_t errlen);

#endif
