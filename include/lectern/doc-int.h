/*
 * doc-int.h: what doc.c (the walk over cmark's AST) shares with
 * doc-post.c (the pass after it) and doc-gfm.c (GitHub's tasks and
 * alerts), and nothing else includes. The contract for the rest of
 * lectern is doc.h.
 */
#ifndef LECTERN_DOC_INT_H
#define LECTERN_DOC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/doc.h"

struct cmark_node;
struct guard_report;

/* The source as both passes read it: the text after the front matter. */
struct doc_src {
	const char	*text;
	size_t		 len;		/* [bytes] */
	uint64_t	 base;		/* front matter [bytes] */
	uint32_t	 base_line;	/* lines of front matter */
	uint64_t	*line_off;	/* start of each line [bytes] */
	size_t		 nlines;
};

/* A footnote reference seen in the walk, given to its note after. */
struct doc_pending_ref {
	uint32_t	 note;		/* index in doc.notes */
	struct ref	 ref;
};

/* Per repeated slug, the last suffix given. */
struct doc_slug_dup {
	char		*base;		/* NULL: free slot */
	uint32_t	 last;		/* last suffix given */
};

/* Strings, each once, by hash: open addressing; a key may carry a value. */
struct doc_post_set {
	char		**keys;		/* NULL: free slot */
	const char	**vals;
	size_t		 n;
	size_t		 nslots;	/* a power of two, or 0 */
};

/* What the walk hands to the pass after it, and that pass's tables. */
struct doc_post {
	struct doc		*doc;
	const struct doc_src	*src;
	size_t			 cap_problems;
	size_t			 cap_anchors;

	struct doc_pending_ref	*refs;
	size_t			 nrefs, cap_refs;

	/* Slugs in use: open addressing over heading indexes + 1. */
	uint32_t		*slugs;
	size_t			 nslots;	/* a power of two, or 0 */

	/* Per repeated slug, the last suffix given, so that N headings of
	   the same title cost N look-ups, not N squared. */
	struct doc_slug_dup	*dups;
	size_t			 ndups;
	size_t			 dupslots;	/* power of two, or 0 */

	/* Anchors that are not slugs: HTML ids and names, {#id} after a
	   heading's title. */
	struct doc_post_set	 anchors;
};

/* doc.c */

struct cmark_mem;
struct walk;

/* Where an AST's text starts in the source, and the memory it is in. */
struct doc_walk_at {
	struct cmark_mem *mem;
	uint32_t	 line;		/* lines before it [lines] */
	uint32_t	 note;		/* notes of the ASTs before it */
};

/*
 * cmark-gfm's AST of LEN bytes at TEXT, in MEM, with the extensions the
 * walk reads. PROGRESS (may be NULL) hears of the feed and the finish.
 */
struct cmark_node *doc_cmark(struct cmark_mem *mem, const char *text,
	    size_t len, void (*progress)(void *, unsigned), void *arg);

/*
 * Walks ROOT, an AST of the text AT says, into the model, telling SINK
 * (may be NULL) of each batch of final blocks. The open block stays
 * open for the next walk; doc_close closes it.
 */
void	 doc_walk(struct walk *, struct cmark_node *root,
	    const struct doc_walk_at *at, void (*progress)(void *, unsigned),
	    void *arg, const struct doc_sink *sink);

/* Ends the open block and appends it to the document. */
void	 doc_close(struct walk *);

/* doc-parts.c */

/* Text a part of a dump's parse is at least [bytes]; tests make it small. */
extern size_t	 doc_parts_size;
/* Parts of the last parse that went in parts, for tests. */
extern uint32_t	 doc_parts_last;

/*
 * Parses the LEN bytes at TEXT (what cmark reads of the source) in
 * parts and walks them into the model, when that provably gives the
 * model the whole parse gives, telling SINK as the walk goes; closes the
 * last block. Returns 0, having done nothing, when the text is to be
 * parsed whole.
 */
int	 doc_parts_run(struct walk *, const char *text, size_t len,
	    const struct doc_sink *sink);

/* The notes that the walk of ROOT, a whole AST, will make. */
uint32_t doc_parts_notes(struct cmark_node *root);

/* Tells SINK of the blocks of D made so far. */
void	 doc_parts_sink(const struct doc_sink *sink, const struct doc *d);

/* doc-post.c */

/*
 * Writes K in decimal at S (room for 21 bytes), without a NUL; returns
 * how many bytes. printf's work without printf's cost, for the walk's
 * note numbers and the slugs' suffixes.
 */
size_t	 doc_decimal(char *s, unsigned long k);

/* Adds a problem for --check; its text (labels) is made inert too. */
void	 doc_post_problem(struct doc_post *, uint32_t line, const char *fmt,
	    const char *arg);

/* Adds a problem that does not make --check fail: "warning: ..." */
void	 doc_post_warning(struct doc_post *, uint32_t line, const char *fmt,
	    const char *arg);

/* S with its %XX escapes decoded, to free; NULL when S has none. */
char	*doc_post_unescape(const char *s);

/* Records ANCHOR, set by HTML, as a target for links; ARG: the post. */
void	 doc_post_anchor(void *arg, const char *anchor);

/*
 * After the walk: gives the headings their slugs and the notes their
 * references and labels, reports what --check reports (and what
 * guard_text changed, from its REPORT), and sorts the problems by line.
 * For a DUMP, the notes' references and labels only: a dump reads
 * neither slugs nor anchors nor problems.
 */
void	 doc_post_finish(struct doc_post *,
	    const struct guard_report *report, int dump);

/* Frees the pass's tables, not the document. */
void	 doc_post_free(struct doc_post *);

/* doc-gfm.c */

/* Is list item N a task ("- [ ]", "- [x]")? */
int		 doc_gfm_is_task(struct cmark_node *);

/* A task item's box: open or checked, in UTF-8 or in ASCII. */
const char	*doc_gfm_task_box(struct cmark_node *);

/* Is block quote N an alert? Its kind; its marker leaves the tree. */
enum alert	 doc_gfm_alert(struct cmark_node *);

/* The word an alert of kind A shows as its label ("Note" ...). */
const char	*doc_gfm_alert_label(enum alert);

#endif
