/*
 * dump-links.c: the addresses of links in the dump. The body and the
 * notes show no address; the dump gives each one a number after the link
 * text ("text[N]", after the notes' numbers, so that a number names one
 * note or one link) and lists them under "Links", or writes the address
 * after the text ("text <URL>").
 */
#ifndef LECTERN_DUMP_LINKS_H
#define LECTERN_DUMP_LINKS_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/util.h"

/* What the dump does with links. */
enum dump_links_mode {
	DUMP_LINKS_LIST,	/* numbers, and a "Links" list at the end */
	DUMP_LINKS_INLINE,	/* the address after the text */
	DUMP_LINKS_NONE		/* neither */
};

struct dump_links;

/* A block rewritten with its numbers or addresses: one a thread. */
struct dump_links_scratch {
	struct block	 b;
	struct buf	 text;
	struct run	*runs;
	size_t		 nruns, runcap;
	struct cell	*cells;
	size_t		 cellcap;
	uint32_t	*idx;		/* new index of each old run, and one */
	size_t		 idxcap;
	uint32_t	*ins;		/* old offsets where text was added */
	uint32_t	*insn;		/* bytes added up to each of them */
	size_t		 nins, inscap;
	char		 num[24];
};

/* Numbers the links of D in the order they are met (MODE: enum above). */
struct dump_links *dump_links_new(const struct doc *, int mode);
void		 dump_links_free(struct dump_links *);

/*
 * The same for a document that grows: numbers start after BASE (the
 * notes'), and each dump_links_more numbers the blocks of D not numbered
 * yet. D's blocks and links before those are the last D's.
 */
struct dump_links *dump_links_open(int mode, uint32_t base);
void		 dump_links_more(struct dump_links *, const struct doc *);

/*
 * Block I of the document as the dump shows it: the document's own when
 * it has no link to mark, else a copy in S (valid until S is used again).
 */
const struct block *dump_links_block(const struct dump_links *, uint32_t i,
		    struct dump_links_scratch *);

/* Links in the list [entries]. */
uint32_t	 dump_links_count(const struct dump_links *);

/* Entry K of the list, "[N] URL" as a block in S. */
const struct block *dump_links_entry(const struct dump_links *, uint32_t k,
		    struct dump_links_scratch *);

void		 dump_links_scratch_free(struct dump_links_scratch *);

#endif
