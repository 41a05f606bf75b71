/* dump.c: the laid-out document printed to a stream, plain or with SGR. */
#ifndef LECTERN_DUMP_H
#define LECTERN_DUMP_H

#include <stdio.h>

struct doc;
struct doc_sink;
struct dump_stream;

struct dump_opts {
	int	 width;		/* [columns] */
	int	 color;		/* emit SGR sequences */
	int	 ambiguous_wide;
	int	 links;		/* enum dump_links_mode (dump-links.h) */
};

/* Prints the body, then a "Notes" section and a "Links" section. Returns
   -1 on a write error, with errno set. */
int	dump_doc(FILE *, const struct doc *, const struct dump_opts *);

/*
 * Starts a dump that lays blocks out on a thread of its own while the
 * document is parsed: SINK is for doc_parse_sink. Returns NULL, SINK
 * left empty, when no thread can start.
 */
struct dump_stream *dump_stream_new(const struct dump_opts *,
		    struct doc_sink *sink);

/*
 * Prints D, which that parse made, as dump_doc would, and frees S.
 * Returns -1 on a write error, with errno set.
 */
int	dump_stream_end(struct dump_stream *, FILE *, const struct doc *);

/* Frees S, printing nothing. Accepts NULL. */
void	dump_stream_free(struct dump_stream *);

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
