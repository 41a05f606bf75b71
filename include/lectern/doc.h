/*
 * doc.c: the document model. cmark-gfm parses once; the AST is turned into
 * blocks of rendered text with styled runs, the outline, the notes and the
 * links, and then freed. Nothing after this room looks at the AST;
 * doc-post.c adds the slugs, the notes' references and the problems.
 *
 * Block text is what the reader sees: soft line breaks already joined (no
 * space between two CJK characters, one space elsewhere), a hard break as
 * '\n', footnote references as "[N]", control characters replaced by an
 * inert visible form (styled ST_CONTROL). A position in the document is an
 * anchor: (block index, byte offset in that block's text).
 */
#ifndef LECTERN_DOC_H
#define LECTERN_DOC_H

#include <stddef.h>
#include <stdint.h>

/* Inline styles, a bit set. */
#define ST_EMPH		0x0001
#define ST_STRONG	0x0002
#define ST_CODE		0x0004
#define ST_LINK		0x0008	/* target: index in doc.links */
#define ST_NOTEREF	0x0010	/* target: index in doc.notes */
#define ST_STRIKE	0x0020
#define ST_CONTROL	0x0040	/* a visible stand-in for a control char */
#define ST_IMAGE	0x0080	/* image alt text; target: a link */
#define ST_ALERT	0x8000	/* an alert's label; its kind: block.alert */

struct run {
	uint32_t	 off;		/* start in block text [bytes] */
	uint32_t	 len;		/* [bytes] */
	uint16_t	 style;		/* ST_* bits */
	int32_t		 target;	/* link or note index, -1 for none */
};

enum block_type {
	BLK_PARA,
	BLK_HEADING,
	BLK_CODE,
	BLK_TABLE,
	BLK_HR,
	BLK_FRONT		/* front matter: cells of key, value rows */
};

/* GitHub's alerts: a block quote that starts with "[!NOTE]" and so on. */
enum alert {
	ALERT_NONE,
	ALERT_NOTE,
	ALERT_TIP,
	ALERT_IMPORTANT,
	ALERT_WARNING,
	ALERT_CAUTION
};

enum cell_align { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* A table cell: a range of the block's text and of its runs. */
struct cell {
	uint32_t	 off, len;	/* in block text [bytes] */
	uint32_t	 run0, nruns;	/* in block runs */
};

struct block {
	uint8_t		 type;		/* enum block_type */
	uint8_t		 level;		/* heading level 1-6, else 0 */
	uint8_t		 quote_depth;	/* enclosing block quotes */
	uint8_t		 list_depth;	/* enclosing list items */
	uint8_t		 alert;		/* enum alert of the innermost alert
					   around it */
	uint8_t		 space_before;	/* blank lines above [lines] */
	uint16_t	 indent;	/* list indent of every line [columns] */
	const uint16_t	*bar_at;	/* per quote bar, outside in: the list
					   indent before it [columns]; NULL
					   when every one is 0 */
	char		 marker[16];	/* list marker on an item's first block */
	int32_t		 note;		/* note index for a note's block, or -1 */
	int32_t		 section;	/* heading index in force here, or -1 */
	const char	*text;		/* rendered UTF-8, NUL-terminated */
	uint32_t	 len;		/* [bytes] */
	struct run	*runs;		/* cover text in order, no gaps */
	uint32_t	 nruns;
	uint32_t	 quote_seq;	/* the innermost quote around it, by
					   number from 1, or 0 */
	uint64_t	 src_off;	/* start in source [bytes] */
	uint32_t	 src_line;	/* start in source [1-based line] */
	/* BLK_TABLE: row 0 is the header; cells are row-major.
	   BLK_FRONT: two columns, key and value; no header. */
	uint16_t	 ncols, nrows;
	uint8_t		*align;		/* ncols entries of enum cell_align */
	struct cell	*cells;		/* nrows * ncols */
	const char	*info;		/* BLK_CODE: info string, or "" */
};

struct heading {
	uint32_t	 block;		/* its BLK_HEADING block */
	uint8_t		 level;		/* 1-6 */
	int32_t		 parent;	/* enclosing heading index, or -1 */
	const char	*title;		/* = block text */
	const char	*slug;		/* GitHub-style anchor, unique */
};

struct ref {
	uint32_t	 block;		/* block that cites */
	uint32_t	 off;		/* offset of the "[N]" run there */
};

struct note {
	const char	*label;		/* as written after [^ */
	uint32_t	 number;	/* display number, from 1, in order of
					   first citation: notes[i].number = i+1 */
	uint32_t	 block0;	/* its first content block */
	uint32_t	 nblocks;	/* its content blocks */
	struct ref	*refs;		/* places that cite it, in order */
	uint32_t	 nrefs;
	uint32_t	 src_line;	/* line of the definition */
};

struct link {
	const char	*url;		/* sanitised; "" when empty */
	const char	*title;
};

/* A place that HTML names (id=, <a name=>) or a title's "{#id}". */
struct doc_anchor {
	const char	*name;
	uint32_t	 block;		/* the block it is in, or before */
};

struct doc_meta {
	const char	*title, *author, *date, *lastmod, *license, *source;
};

/* Something --check reports: a line of the source and a message. */
struct problem {
	uint32_t	 line;
	const char	*msg;
	int		 warning;	/* reported, but not a failure */
};

struct doc {
	struct block	*blocks;	/* body first, then the notes' blocks */
	uint32_t	 nblocks;
	uint32_t	 nbody;		/* blocks [0, nbody) are the body */
	struct heading	*headings;
	uint32_t	 nheadings;
	uint32_t	*slugs;		/* heading index + 1 by slug hash,
					   open addressing, or NULL */
	size_t		 nslots;	/* of slugs: a power of two, or 0 */
	struct note	*notes;		/* ordered by number */
	uint32_t	 nnotes;
	struct link	*links;
	uint32_t	 nlinks;
	struct doc_anchor *anchors;	/* in the order of the text */
	uint32_t	 nanchors;
	struct problem	*problems;	/* dangling refs, uncited notes ... */
	uint32_t	 nproblems;
	struct doc_meta	 meta;
	uint64_t	 src_len;	/* [bytes] */
	uint64_t	 hash;		/* FNV-1a 64 of the source text */
	struct arena	*arena;		/* every string above */
};

/* Parses LEN bytes of UTF-8 Markdown at TEXT. Never fails. */
struct doc	*doc_parse(const char *text, size_t len);

/*
 * The same, calling PROGRESS(ARG, PERMILLE) now and then with how far the
 * parse has come [0-1000], so that another thread can show it.
 */
struct doc	*doc_parse_progress(const char *text, size_t len,
		    void (*progress)(void *, unsigned), void *arg);

/*
 * What a parse tells, on its own thread, as the walk builds the model, so
 * that another thread can lay out the blocks before the parse ends.
 */
struct doc_sink {
	/* Once cmark has parsed, before the first block: the number of
	   notes the document will have, as the AST shows it. */
	void	(*begin)(void *arg, uint32_t nnotes);
	/* Blocks [0, D->nblocks) and links [0, D->nlinks) are final; the
	   body ends at block NBODY, UINT32_MAX while no note has begun.
	   The last call comes after the last block. */
	void	(*blocks)(void *arg, const struct doc *d, uint32_t nbody);
	void	*arg;
};

/*
 * The same as doc_parse, telling SINK (see above), for a dump: its
 * document has no hash (0), as a dump keeps no place to come back to,
 * and neither slugs nor the problems found after the walk (doc_find_slug
 * finds nothing; --check parses with doc_parse).
 */
struct doc	*doc_parse_sink(const char *text, size_t len,
		    const struct doc_sink *sink);
void		 doc_free(struct doc *);

/* The title to show: front matter, else the first heading of level 1,
   else NULL. */
const char	*doc_title(const struct doc *);

/* Index of the heading whose slug is SLUG, %XX escapes decoded, or -1. */
int32_t		 doc_find_slug(const struct doc *, const char *slug);

/*
 * The body block that the anchor NAME ("#" left off) leads to: a
 * heading's slug, else a name that HTML or a "{#id}" sets, %XX escapes
 * decoded; or -1.
 */
int64_t		 doc_find_anchor(const struct doc *, const char *name);

/* Index of the first heading after block BLOCK, or nheadings. */
uint32_t	 doc_heading_after(const struct doc *, uint32_t block);

/* The run of BLOCK that holds byte OFF, or NULL. */
const struct run *doc_run_at(const struct doc *, uint32_t block, uint32_t off);

/* FNV-1a 64-bit hash of N bytes. */
uint64_t	 doc_hash(const void *, size_t);

#endif
