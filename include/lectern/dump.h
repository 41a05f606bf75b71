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

/* The same, every line INDENT levels (two spaces each) further in. */
int	dump_outline_indent(FILE *, const struct doc *, int indent);

/*
 * Prints --check problems as "NAME:LINE: message"; returns the count of
 * those that are not warnings.
 */
unsigned dump_problems(FILE *, const struct doc *, const char *name);

#endif
