/* main.c: the options of one run, shared by the dump and the reader. */
#ifndef LECTERN_OPTIONS_H
#define LECTERN_OPTIONS_H

#include <stddef.h>

#define LECTERN_ARTICLE		"state-of-ai-2023-politics-safety.md"
#define LECTERN_ARTICLE_KEY	"bundled:" LECTERN_ARTICLE

struct book;
struct load;

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	const char	*path;		/* file read, "-" for standard input */
	const char	*name;		/* file name for messages, inert
					   (inert.h) */
	char		*key;		/* bookmark key: canonical path, or
					   LECTERN_ARTICLE_KEY, or NULL for
					   standard input */
	const char	*encoding;	/* -e, or NULL */
	const char	*bookmarks;	/* --bookmarks FILE, or NULL */
	const char	*theme;		/* "dark", "light", "mono", or NULL */
	const char	*section;	/* --section: open at this heading */
	const char	*anchor;	/* FILE#anchor: open there */
	size_t		 max_size;	/* --max-size [bytes] */
	int		 width;		/* -w [columns], 0 for the terminal's */
	int		 measure;	/* --measure [columns] */
	int		 ambiguous_wide;
	enum color_mode	 color;
	int		 no_resume;
	int		 forget;
	struct load	*load;		/* the loader while the whole document
					   is still coming (load.h), or NULL */
	const struct book *book;	/* the book read (book.h), or NULL
					   for a single document */
	long		 chapter;	/* the entry of book opened first */
};

#endif
