/*
 * mdline.c: what each line of a Markdown document is to the block parser
 * of libcmark-gfm 0.29 (with footnotes and the table extension), in one
 * pass over the lines and without building anything.
 *
 * mdline_next follows, from line to line, the containers that the parser
 * keeps open (block quotes, list items, footnote definitions) and the one
 * open leaf block (paragraph, table, fenced or indented code, HTML block),
 * by the parser's own rules: which container markers a line matches,
 * what may interrupt a paragraph, lazy continuation lines, tab stops. It
 * says for each line whether the parser adds it to the open paragraph,
 * starts something else, or keeps it as code, so that guard.c can bound
 * what the parser will read as one paragraph, load.c can cut a document
 * between blocks and doc-post.c can find footnote definitions.
 *
 * The state can also read each line as guard.c will rewrite it, with
 * containers past a depth and '|' past a count escaped. Where a line
 * could be read two ways by what only a full parse knows (an underline
 * below what may be only link reference definitions), it is read as
 * text, and mdline.plain is the byte to escape so that the parser reads
 * it so too.
 */
#ifndef LECTERN_MDLINE_H
#define LECTERN_MDLINE_H

#include <stddef.h>
#include <stdint.h>

#define MDLINE_DEPTH	64	/* containers followed at most [levels] */

enum mdline_kind {
	MDLINE_BLANK,		/* nothing after its container markers */
	MDLINE_PARA,		/* starts a paragraph */
	MDLINE_CONT,		/* continues the open paragraph */
	MDLINE_LAZY,		/* continues it, though its containers do not
				   all go on: a lazy continuation line */
	MDLINE_TABLE,		/* a delimiter row under a header of as many
				   cells: the paragraph becomes a table */
	MDLINE_ROW,		/* a row of the open table */
	MDLINE_HEADING,		/* an ATX heading */
	MDLINE_SETEXT,		/* an underline: the paragraph is a heading */
	MDLINE_RULE,		/* a thematic break */
	MDLINE_FENCE,		/* opens a fenced code block */
	MDLINE_CODE,		/* in fenced or indented code, or a closing
				   fence */
	MDLINE_HTML		/* in an HTML block, or its first line */
};

/* One line, as mdline_next read it. */
struct mdline {
	enum mdline_kind kind;
	const char	*text;		/* where its text starts after the
					   container markers (and a heading's
					   '#') */
	const char	*deep;		/* a container marker past max_depth,
					   read as text, or NULL */
	const char	*plain;		/* an underline read as text, or NULL */
	const char	*note;		/* label of a footnote definition that
					   starts here, or NULL */
	size_t		 note_len;	/* [bytes] */
	int		 delim;		/* cells of a delimiter row that the
					   parser tries as a table, else 0 */
	int		 defs;		/* the paragraph so far is link
					   reference definitions */
	int		 depth;		/* containers open after it [levels] */
};

/* Containers. */
enum mdline_box_type {
	MDLINE_QUOTE = 1,	/* block quote */
	MDLINE_ITEM,		/* list item */
	MDLINE_NOTE		/* footnote definition */
};

/* Leaf blocks that stay open from one line to the next. */
enum mdline_leaf {
	MDLINE_LEAF_NONE,
	MDLINE_LEAF_PARA,	/* paragraph */
	MDLINE_LEAF_TABLE,	/* table */
	MDLINE_LEAF_FENCE,	/* fenced code */
	MDLINE_LEAF_INDENTED,	/* indented code */
	MDLINE_LEAF_HTML	/* HTML block */
};

/* An open container. */
struct mdline_box {
	uint8_t		 type;		/* enum mdline_box_type */
	uint8_t		 filled;	/* a list item holds a block */
	uint16_t	 width;		/* a list item's marker and padding
					   [columns] */
};

/* What mdline_next carries from line to line. */
struct mdline_state {
	int		 max_depth;	/* containers [levels], at most
					   MDLINE_DEPTH */
	int		 max_pipes;	/* '|' in a line that count, 0 for any */
	struct mdline_box box[MDLINE_DEPTH];
	int		 depth;		/* open containers [levels] */
	int		 leaf;		/* the open one: enum mdline_leaf */
	char		 fence;		/* its fence character */
	int		 fence_len;	/* [bytes], at most 255 */
	int		 html;		/* HTML block type, 1 to 7 */
	int		 refs;		/* what the paragraph has been so far */
	const char	*last;		/* the paragraph's last line */
	const char	*last_eol;
};

/*
 * Starts reading a document. A limit of 0 is none (max_depth 0 is
 * MDLINE_DEPTH).
 */
void	 mdline_init(struct mdline_state *, int max_depth, int max_pipes);

/* Reads the line [LINE, EOL), without its '\n', into *ML. */
void	 mdline_next(struct mdline_state *, const char *line,
	    const char *eol, struct mdline *ml);

/*
 * Reads the MDLINE_TABLE line just read as the parser will once a '-' of
 * it is escaped: a line of the paragraph (MDLINE_CONT).
 */
void	 mdline_no_table(struct mdline_state *, struct mdline *);

/*
 * Reads the paragraph line just read as the parser will once the first
 * byte of its text is escaped: no link reference definition.
 */
void	 mdline_no_def(struct mdline_state *);

/*
 * Cells that the table extension finds in the row [P, EOL), counting
 * only the first MAX_PIPES '|' (0 for all).
 */
int	 mdline_cells(const char *p, const char *eol, int max_pipes);

#endif
