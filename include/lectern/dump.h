/* dump.c: the laid-out document printed to a stream, plain or with SGR. */
#ifndef LECTERN_DUMP_H
#define LECTERN_DUMP_H

#include <stdio.h>

struct doc;

struct dump_opts {
	int	 width;		/* [columns] */
	int	 color;		/* emit SGR sequences */
	int	 ambiguous_wide;
	int	 links;		/* enum dump_links_mode (dump-links.h) */
};

/* Prints the body, then a "Notes" section and a "Links" section. Returns
   -1 on a write error, with errno set. */
int	dump_doc(FILE *, const struct doc *, const struct dump_opts *);

/* Prints the heading tree, two spaces a level. Returns -1 on a write
   error, with errno set. */
int	dump_outline(FILE *, const struct doc *);

/*
 * Prints --check problems as "NAME:LINE: message"; returns the count of
 * those that are not warnings.
 */
unsigned dump_problems(FILE *, const struct doc *, const char *name);

#endif
