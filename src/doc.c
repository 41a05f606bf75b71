/*
 * doc.c: the document model. cmark-gfm parses the Markdown once; one walk
 * over its AST (with cmark's iterator, so that deep nesting cannot exhaust
 * the stack) builds blocks of rendered text with styled runs, the outline,
 * the notes and the links. The AST is freed before doc_parse returns;
 * doc-post.c then gives the headings their slugs and the notes their
 * references, and finds what --check reports.
 *
 * Each node type has its handlers on entry and on exit side by side, and
 * doc_nodes and doc_ext_nodes say which they are.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lectern/doc.h"
#include "lectern/doc-int.h"
#include "lectern/front.h"
#include "lectern/guard.h"
#include "lectern/html.h"
#include "lectern/inert.h"
#include "lectern/pool.h"
#include "lectern/util.h"

#define DOC_MAX_LIST_STACK	64	/* deeper lists share the last marker */

/* Held while cmark parses inlines (see doc_parse_run). */
static pthread_mutex_t doc_cmark_lock = PTHREAD_MUTEX_INITIALIZER;

/* An enclosing list while walking. */
struct list_ctx {
	int		 ordered;
	int		 next;		/* number of the next item */
	char		 delim;		/* '.' or ')' */
	int		 tight;
	uint16_t	 indent;	/* indent of its items' text [columns] */
};

/* An enclosing block quote while walking. */
struct doc_quote {
	uint16_t	 indent;	/* list indent before its bar [columns] */
	uint8_t		 alert;		/* the walk's alert outside it */
	uint32_t	 seq;		/* its number, from 1 */
};

/* Everything the walk carries. */
struct walk {
	struct doc	*doc;
	size_t		 cap_blocks, cap_headings, cap_links, cap_notes;
	struct doc_src	 src;
	struct doc_post	 post;		/* for doc-post.c, and problems */
	struct cmark_mem *mem;		/* the AST's allocator */
	uint32_t	 part_line;	/* lines before the AST's text */
	uint32_t	 part_note;	/* notes of the ASTs before it */
	uint32_t	 sunk;		/* blocks told to the sink */
	uint64_t	 html_off;	/* the last HTML block [bytes] */
	uint32_t	 html_line;	/* and its line, for the nodes that
					   html.c makes, which have none */

	/* The block being built. */
	int		 open;
	struct block	 cur;
	struct buf	 text;
	struct buf	 scratch;	/* a link's address, made inert */
	struct run	*runs;
	size_t		 nruns, cap_runs;
	struct cell	*cells;
	size_t		 ncells, cap_cells;
	int		 soft;		/* a soft break is pending */
	int		 stretch;	/* text nodes in a row are being added */
	uint32_t	 stretch_off;	/* where they start in text [bytes] */
	uint32_t	 stretch_line;	/* the source line of the first */
	int		 seal;		/* the next run starts afresh */
	int		 in_cell;	/* inside a kept table cell */

	/* Inline state. */
	int		 emph, strong, strike;
	int32_t		 link;		/* innermost link, or -1 */
	int32_t		*link_stack;
	size_t		 nlink_stack, cap_link_stack;
	int		 image;

	/* Block state. */
	int		 quote;
	struct doc_quote *quotes;	/* outside in */
	size_t		 nquotes, cap_quotes;
	const uint16_t	*bar_at;	/* the blocks' copy of the quotes'
					   indents, or NULL */
	int		 bar_at_ok;	/* bar_at is that of these quotes */
	uint8_t		 alert;		/* enum alert of the innermost */
	uint32_t	 quote_seq;	/* quotes opened so far */
	int		 tight_next;	/* no blank line above the next block */
	struct list_ctx	 lists[DOC_MAX_LIST_STACK];
	int		 nlists;	/* may exceed DOC_MAX_LIST_STACK */
	int		 item_depth;
	char		 marker[16];	/* for the next block of an item */
	uint16_t	 indent;
	uint16_t	 base_indent;	/* a note's hanging indent, or 0 */
	int		 first_in_list;	/* next block starts a list */
	int32_t		 note;		/* note being defined, or -1 */
	int32_t		 section;
};

/* Writes "[K]" and a NUL at S (13 bytes for any uint32_t); returns its
   length. */
static size_t
doc_bracket(char *s, unsigned long k)
{
	size_t n = doc_decimal(s + 1, k);

	s[0] = '[';
	s[n + 1] = ']';
	s[n + 2] = '\0';
	return n + 2;
}

/* Source line of NODE, counting the front matter. */
static uint32_t
doc_node_line(struct walk *w, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);

	return line > 0 ? (uint32_t)line + w->part_line + w->src.base_line :
	    w->html_line;
}

/* Byte offset of NODE's start in the whole source. */
static uint64_t
doc_node_off(struct walk *w, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	int col = cmark_node_get_start_column(n);
	uint64_t off;

	if (line <= 0)
		return w->html_off;
	if ((size_t)line + w->part_line > w->src.nlines)
		return w->src.base;
	off = w->src.line_off[line + w->part_line - 1] +
	    (col > 0 ? (uint64_t)col - 1 : 0);
	if (off > w->src.len)
		off = w->src.len;
	return w->src.base + off;
}

/* The style that text takes now. */
static uint16_t
doc_style(const struct walk *w)
{
	uint16_t st = 0;

	if (w->emph)
		st |= ST_EMPH;
	if (w->strong)
		st |= ST_STRONG;
	if (w->strike)
		st |= ST_STRIKE;
	if (w->link >= 0)
		st |= w->image ? ST_IMAGE | ST_LINK : ST_LINK;
	return st;
}

/* Appends N bytes with STYLE and TARGET, merging with the last run. */
static void
doc_add_run(struct walk *w, const char *s, size_t n, uint16_t style,
    int32_t target)
{
	struct run *r;

	if (n == 0)
		return;
	if (w->nruns > 0 && !w->seal) {
		r = &w->runs[w->nruns - 1];
		if (r->style == style && r->target == target &&
		    !(style & (ST_NOTEREF | ST_CONTROL)) &&
		    r->off + r->len == w->text.len) {
			buf_add(&w->text, s, n);
			r->len += (uint32_t)n;
			return;
		}
	}
	w->seal = 0;
	r = ARRAY_PUSH(w->runs, w->nruns, w->cap_runs);
	r->off = (uint32_t)w->text.len;
	r->len = (uint32_t)n;
	r->style = style;
	r->target = target;
	buf_add(&w->text, s, n);
}

/* Is C a character that joins its neighbour across a soft break? */
static int
doc_is_cjk(ucs4_t c)
{
	if (c >= 0xAC00 && c <= 0xD7A3)		/* Hangul uses spaces */
		return 0;
	if (c >= 0x1100 && c <= 0x11FF)
		return 0;
	if (c >= 0x3130 && c <= 0x318F)
		return 0;
	return uc_width(c, "UTF-8") == 2;
}

/* The last character of the block's text, or 0. */
static ucs4_t
doc_last_char(const struct walk *w)
{
	const uint8_t *s = (const uint8_t *)w->text.data;
	const uint8_t *p;
	ucs4_t c = 0;

	if (w->text.len == 0)
		return 0;
	p = u8_prev(&c, s + w->text.len, s);
	return p ? c : 0;
}

/*
 * Adds the pending soft break before N bytes at S: a space, except
 * between two characters that join across it (see doc_is_cjk).
 */
static void
doc_add_soft(struct walk *w, const char *s, size_t n, uint16_t style,
    int32_t target)
{
	ucs4_t c;

	w->soft = 0;
	u8_mbtouc(&c, (const uint8_t *)s, n);
	if (w->text.len > 0 &&
	    !(doc_is_cjk(doc_last_char(w)) && doc_is_cjk(c)))
		doc_add_run(w, " ", 1, style & ~ST_CONTROL, target);
}

/*
 * Appends document text in the inert form of inert.c (tab and newline
 * kept where KEEP_WS), each stand-in in an ST_CONTROL run so that no
 * device ever emits a control character. cmark-gfm 0.29.0.gfm.6 cuts a
 * character short in a footnote label across a line end: its bytes
 * become U+FFFD.
 */
static void
doc_add_text(struct walk *w, const char *s, size_t n, uint16_t style,
    int32_t target, int keep_ws)
{
	struct inert_tok tok;
	size_t k;

	if (n == 0)
		return;
	if (w->soft)
		doc_add_soft(w, s, n, style, target);
	for (;;) {
		k = inert_span(s, n, keep_ws ? INERT_KEEP_WS : 0, &tok);
		doc_add_run(w, s, k, style, target);
		if (k == n)
			break;
		doc_add_run(w, tok.vis, strlen(tok.vis),
		    tok.control ? style | ST_CONTROL : style, target);
		s += k + tok.len;
		n -= k + tok.len;
	}
}

/*
 * The list DEPTH lists deep (the innermost when DEPTH is w->nlists), or
 * NULL when DEPTH is 0. Lists deeper than DOC_MAX_LIST_STACK share its
 * last entry.
 */
static struct list_ctx *
doc_list(struct walk *w, int depth)
{
	if (depth <= 0)
		return NULL;
	if (depth > DOC_MAX_LIST_STACK)
		depth = DOC_MAX_LIST_STACK;
	return &w->lists[depth - 1];
}

/*
 * The list indent before each enclosing quote's bar, for the blocks in
 * them: one copy while the quotes stay the same, NULL when all are 0.
 */
static const uint16_t *
doc_bar_at(struct walk *w)
{
	size_t i, n = w->nquotes > 255 ? 255 : w->nquotes;
	uint16_t *at;

	if (w->bar_at_ok)
		return w->bar_at;
	w->bar_at_ok = 1;
	w->bar_at = NULL;
	for (i = 0; i < n && w->quotes[i].indent == 0; i++)
		;
	if (i == n)
		return NULL;
	at = arena_alloc(w->doc->arena, n * sizeof(*at));
	for (i = 0; i < n; i++)
		at[i] = w->quotes[i].indent;
	w->bar_at = at;
	return at;
}

/* Starts a block of TYPE at NODE. */
static void
doc_open(struct walk *w, enum block_type type, cmark_node *n)
{
	struct block *b = &w->cur;

	memset(b, 0, sizeof(*b));
	b->type = type;
	b->quote_depth = w->quote > 255 ? 255 : (uint8_t)w->quote;
	b->list_depth = w->item_depth > 255 ? 255 : (uint8_t)w->item_depth;
	b->indent = w->indent;
	b->bar_at = doc_bar_at(w);
	b->alert = w->alert;
	b->quote_seq = w->nquotes > 0 ? w->quotes[w->nquotes - 1].seq : 0;
	b->note = w->note;
	b->section = w->note >= 0 ? -1 : w->section;
	b->src_off = doc_node_off(w, n);
	b->src_line = doc_node_line(w, n);
	b->info = "";
	memcpy(b->marker, w->marker, sizeof(b->marker));
	w->marker[0] = '\0';

	/* Blank lines above: none inside a tight list, one elsewhere. */
	if (w->doc->nblocks == 0 ||
	    (w->note >= 0 && w->doc->notes[w->note].block0 ==
	    w->doc->nblocks))
		b->space_before = 0;
	else if (w->tight_next)
		b->space_before = 0;
	else if (w->first_in_list)
		b->space_before = 1;
	else if (w->nlists > 0 && w->item_depth > 0 &&
	    doc_list(w, w->nlists)->tight)
		b->space_before = 0;
	else
		b->space_before = 1;
	w->first_in_list = 0;
	w->tight_next = 0;

	w->open = 1;
	w->text.len = 0;
	if (w->text.data)
		w->text.data[0] = '\0';
	w->nruns = 0;
	w->ncells = 0;
	w->soft = 0;
	w->seal = 0;
	w->in_cell = 0;
}

/* Ends the open block and appends it to the document. */
void
doc_close(struct walk *w)
{
	struct doc *d = w->doc;
	struct block *b;
	size_t i;

	if (!w->open)
		return;
	w->open = 0;
	b = ARRAY_PUSH(d->blocks, d->nblocks, w->cap_blocks);
	*b = w->cur;
	b->text = arena_strndup(d->arena, w->text.data ? w->text.data : "",
	    w->text.len);
	b->len = (uint32_t)w->text.len;
	b->nruns = (uint32_t)w->nruns;
	b->runs = arena_alloc(d->arena, w->nruns * sizeof(struct run));
	if (w->nruns)
		memcpy(b->runs, w->runs, w->nruns * sizeof(struct run));
	if (b->type == BLK_TABLE) {
		size_t n = (size_t)b->nrows * b->ncols;

		b->cells = arena_alloc(d->arena, n * sizeof(struct cell));
		for (i = 0; i < n; i++) {
			if (i < w->ncells)
				b->cells[i] = w->cells[i];
			else {
				b->cells[i].off = b->len;
				b->cells[i].len = 0;
				b->cells[i].run0 = b->nruns;
				b->cells[i].nruns = 0;
			}
		}
	}
}

/* Records the heading just closed in the outline; doc-post.c gives it
   its slug. */
static void
doc_add_heading(struct walk *w)
{
	struct doc *d = w->doc;
	struct heading *h;
	struct block *b = &d->blocks[d->nblocks - 1];
	int32_t parent;
	uint32_t idx = d->nheadings;

	parent = w->section;
	while (parent >= 0 && d->headings[parent].level >= b->level)
		parent = d->headings[parent].parent;
	h = ARRAY_PUSH(d->headings, d->nheadings, w->cap_headings);
	h->block = d->nblocks - 1;
	h->level = b->level;
	h->parent = parent;
	h->title = b->text;
	h->slug = NULL;
	w->section = (int32_t)idx;
	b->section = (int32_t)idx;
}

/*
 * Sets the marker for the first block of list item N: a bullet or a
 * number, a task's box in place of the bullet or after the number.
 */
static void
doc_item_marker(struct walk *w, cmark_node *n)
{
	struct list_ctx *l;
	static const char *bullets[] = { "•", "◦", "▪" };
	int task = doc_gfm_is_task(n);

	if ((l = doc_list(w, w->nlists)) == NULL)
		return;
	if (l->ordered && task)
		snprintf(w->marker, sizeof(w->marker), "%d%c %s", l->next++,
		    l->delim, doc_gfm_task_box(n));
	else if (l->ordered)
		snprintf(w->marker, sizeof(w->marker), "%d%c", l->next++,
		    l->delim);
	else
		snprintf(w->marker, sizeof(w->marker), "%s", task ?
		    doc_gfm_task_box(n) : bullets[(w->nlists - 1) % 3]);
}


/* Indent of the enclosing list item's text (or the note's). */
static uint16_t
doc_outer_indent(struct walk *w)
{
	if (w->nlists <= 1)
		return w->base_indent;
	return doc_list(w, w->nlists - 1)->indent;
}

/* Pads the table's rows so that every row has all its cells. */
static void
doc_table_pad(struct walk *w)
{
	while (w->ncells < (size_t)w->cur.nrows * w->cur.ncols) {
		struct cell *c = ARRAY_PUSH(w->cells, w->ncells, w->cap_cells);

		c->off = (uint32_t)w->text.len;
		c->len = 0;
		c->run0 = (uint32_t)w->nruns;
		c->nruns = 0;
	}
}

/*
 * Drops inline HTML N, a tag or a comment. When it stood between two
 * spaces, or between a space and a line's end, one space goes with it:
 * "a <!-- x --> b" reads "a b", not "a  b".
 */
static void
doc_html_inline(struct walk *w, cmark_node *n)
{
	cmark_node *next;
	cmark_node_type t;
	const char *lit;
	struct run *r;

	/* What follows, out of the emphasis or link that ends here. */
	while ((next = cmark_node_next(n)) == NULL &&
	    (n = cmark_node_parent(n)) != NULL &&
	    (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) ==
	    CMARK_NODE_TYPE_INLINE)
		;
	t = next != NULL ? cmark_node_get_type(next) : CMARK_NODE_NONE;
	if (t == CMARK_NODE_TEXT) {
		lit = cmark_node_get_literal(next);
		if (lit == NULL || (lit[0] != ' ' && lit[0] != '\t'))
			return;
		if (w->soft) {
			w->soft = 0;	/* the text's own space stands for it */
			return;
		}
	} else if (next != NULL && t != CMARK_NODE_SOFTBREAK &&
	    t != CMARK_NODE_LINEBREAK)
		return;
	if (!w->open || w->nruns == 0 || w->text.len == 0 ||
	    w->text.data[w->text.len - 1] != ' ')
		return;
	r = &w->runs[w->nruns - 1];
	if (r->off + r->len != w->text.len ||
	    (r->style & (ST_CODE | ST_CONTROL | ST_NOTEREF)))
		return;
	w->text.data[--w->text.len] = '\0';
	if (--r->len == 0)
		w->nruns--;
}

/* Adds a link or image target and makes it the innermost. */
static void
doc_push_link(struct walk *w, cmark_node *n)
{
	struct doc *d = w->doc;
	struct link *l;
	const char *url = cmark_node_get_url(n);
	const char *title = cmark_node_get_title(n);
	int32_t *slot;

	l = ARRAY_PUSH(d->links, d->nlinks, w->cap_links);
	/* Sanitise the URL through the same text filter. */
	w->scratch.len = 0;
	inert_buf(&w->scratch, url ? url : "", url ? strlen(url) : 0, 0);
	l->url = arena_strndup(d->arena, w->scratch.data ? w->scratch.data :
	    "", w->scratch.len);
	l->title = arena_strndup(d->arena, title ? title : "",
	    title ? strlen(title) : 0);
	slot = ARRAY_PUSH(w->link_stack, w->nlink_stack, w->cap_link_stack);
	*slot = w->link;
	w->link = (int32_t)(d->nlinks - 1);
}

/* Reports "[^label]" text left over by the parser: no definition. */
static void
doc_check_dangling(struct walk *w, uint32_t line, const char *s)
{
	const char *p = s, *q;
	char *label;

	while ((p = strstr(p, "[^")) != NULL) {
		q = strchr(p + 2, ']');
		if (q == NULL)
			break;
		if (q > p + 2 && memchr(p + 2, ' ', (size_t)(q - p - 2)) ==
		    NULL) {
			label = xstrndup(p + 2, (size_t)(q - p - 2));
			doc_post_problem(&w->post, line,
			    "reference [^%s] has no definition", label);
			free(label);
		}
		p = q + 1;
	}
}

/* Gives N bytes at OFF of the open block's text link TARGET. */
static void
doc_mark_link(struct walk *w, uint32_t off, uint32_t n, int32_t target)
{
	uint32_t end = off + n;
	size_t i;
	struct run *r;

	/* The run that holds OFF: the text added last, so from the end. */
	for (i = w->nruns; i > 0 && w->runs[i - 1].off > off; i--)
		;
	for (i = i > 0 ? i - 1 : 0; i < w->nruns && w->runs[i].off < end;
	    i++) {
		r = &w->runs[i];
		if (r->off + r->len <= off)
			continue;
		if (r->off < off || r->off + r->len > end) {
			/* Split off the part before OFF or after END. */
			uint32_t cut = r->off < off ? off : end;

			ARRAY_PUSH(w->runs, w->nruns, w->cap_runs);
			r = &w->runs[i];
			memmove(r + 1, r, (w->nruns - 1 - i) * sizeof(*r));
			r[1].off = cut;
			r[1].len = r->off + r->len - cut;
			r->len = cut - r->off;
			if (cut == off)
				continue;	/* the link starts in r[1] */
		}
		r->style |= ST_LINK;
		r->target = target;
	}
}

/*
 * Can N bytes at S hold a link that guard.c finds? Every one has "://",
 * "www." or '@'; memchr looks for them faster than the finder.
 */
static int
doc_may_link(const char *s, size_t n)
{
	const char *p, *end = s + n;

	if (memchr(s, '@', n) != NULL)
		return 1;
	for (p = s; (p = memchr(p, ':', (size_t)(end - p))) != NULL; p++)
		if (end - p >= 3 && p[1] == '/' && p[2] == '/')
			return 1;
	for (p = s; (p = memchr(p, '.', (size_t)(end - p))) != NULL; p++)
		if (p - s >= 3 && memcmp(p - 3, "www", 3) == 0)
			return 1;
	return 0;
}

/*
 * Ends text nodes added in a row: reports "[^label]" left in them and,
 * outside links, turns bare URLs and e-mail addresses (guard.c finds
 * them) into links, as the autolink extension would.
 */
static void
doc_stretch_end(struct walk *w)
{
	struct doc *d = w->doc;
	struct guard_link *gl;
	struct link *l;
	const char *s;
	size_t n, nl, i, k;
	char *url;

	w->stretch = 0;
	if (!w->open || w->text.len <= w->stretch_off)
		return;
	s = w->text.data + w->stretch_off;
	n = w->text.len - w->stretch_off;
	if (w->stretch_line > 0 && memchr(s, '[', n) != NULL)
		doc_check_dangling(w, w->stretch_line, s);
	if (w->link >= 0 || !doc_may_link(s, n) ||
	    (nl = guard_find_links(s, n, &gl)) == 0)
		return;
	for (i = 0; i < nl; i++) {
		l = ARRAY_PUSH(d->links, d->nlinks, w->cap_links);
		k = strlen(gl[i].scheme);
		url = arena_alloc(d->arena, k + gl[i].len + 1);
		memcpy(url, gl[i].scheme, k);
		memcpy(url + k, s + gl[i].off, gl[i].len);
		url[k + gl[i].len] = '\0';
		l->url = url;
		l->title = "";
		doc_mark_link(w, w->stretch_off + (uint32_t)gl[i].off,
		    (uint32_t)gl[i].len, (int32_t)(d->nlinks - 1));
	}
	free(gl);
}

/*
 * The handlers of the node types, one pair a type: on entry and on exit.
 * A leaf has only an entry.
 */

/*
 * A paragraph: one block, unless a footnote reference opened it early;
 * none when it is empty (an alert's marker was all it had).
 */
static void
doc_para_enter(struct walk *w, cmark_node *n)
{
	if (!w->open && cmark_node_first_child(n) != NULL)
		doc_open(w, BLK_PARA, n);
}

/*
 * A paragraph that holds nothing to show (only HTML that stands for
 * nothing, as <a name="x"></a>) leaves no block, unless it carries a
 * list marker or starts a note.
 */
static void
doc_para_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	if (!w->open || w->cur.type != BLK_PARA)
		return;
	if (w->text.len == 0 && w->cur.marker[0] == '\0' &&
	    w->cur.note < 0)
		w->open = 0;
	else
		doc_close(w);
}

/* A heading: a block, and an entry of the outline outside notes. */
static void
doc_heading_enter(struct walk *w, cmark_node *n)
{
	doc_open(w, BLK_HEADING, n);
	w->cur.level = (uint8_t)cmark_node_get_heading_level(n);
}

static void
doc_heading_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	doc_close(w);
	if (w->note < 0)
		doc_add_heading(w);
}

/* A code block: its literal as it is, without the last newline. */
static void
doc_code_block_enter(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	const char *info = cmark_node_get_fence_info(n);
	size_t len;

	doc_open(w, BLK_CODE, n);
	lit = lit ? lit : "";
	info = info ? info : "";
	w->cur.info = arena_strndup(w->doc->arena, info, strlen(info));
	len = strlen(lit);
	if (len > 0 && lit[len - 1] == '\n')
		len--;
	doc_add_text(w, lit, len, 0, -1, 1);
	doc_close(w);
}

/* An HTML block: html.c has put what it holds after it. */
static void
doc_html_block_enter(struct walk *w, cmark_node *n)
{
	w->html_off = doc_node_off(w, n);
	w->html_line = doc_node_line(w, n);
}

/* A thematic break: an empty BLK_HR block. */
static void
doc_hr_enter(struct walk *w, cmark_node *n)
{
	doc_open(w, BLK_HR, n);
	doc_close(w);
}

/* A list: its items' text is indented past the widest marker. */
static void
doc_list_enter(struct walk *w, cmark_node *n)
{
	struct list_ctx l = { 0 };
	int start, last, width;
	char tmp[32];
	cmark_node *c;
	int items = 0, tasks = 0;

	l.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	l.tight = cmark_node_get_list_tight(n);
	l.delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' :
	    '.';
	start = cmark_node_get_list_start(n);
	l.next = start;
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		items++;
		tasks += doc_gfm_is_task(c);
	}
	if (l.ordered) {
		last = start + (items > 0 ? items - 1 : 0);
		width = snprintf(tmp, sizeof(tmp), "%d.", last);
		if (snprintf(tmp, sizeof(tmp), "%d.", start) > width)
			width = (int)strlen(tmp);
	} else
		width = 1;
	/* A task's box: after the number, or in place of the bullet. */
	if (tasks > 0) {
		int box = inert_utf8() ? 1 : 3;

		width = l.ordered ? width + 1 + box : box;
	}
	l.indent = (uint16_t)(w->indent + width + 1);
	if (w->nlists == 0 || w->item_depth == 0)
		w->first_in_list = 1;
	else if (!doc_list(w, w->nlists)->tight)
		w->first_in_list = 1;
	if (w->nlists < DOC_MAX_LIST_STACK)
		w->lists[w->nlists] = l;
	else
		w->lists[DOC_MAX_LIST_STACK - 1].next = l.next;
	w->nlists++;
}

static void
doc_list_exit(struct walk *w, cmark_node *n)
{
	struct list_ctx *l;

	(void)n;
	w->nlists--;
	l = doc_list(w, w->nlists);
	w->indent = l && w->item_depth > 0 ? l->indent : w->base_indent;
}

/* A list item: its first block gets the marker. */
static void
doc_item_enter(struct walk *w, cmark_node *n)
{
	struct list_ctx *l;

	doc_item_marker(w, n);
	w->item_depth++;
	l = doc_list(w, w->nlists);
	w->indent = l ? l->indent : w->indent;
}

static void
doc_item_exit(struct walk *w, cmark_node *n)
{
	if (w->marker[0] != '\0') {	/* an empty item */
		doc_open(w, BLK_PARA, n);
		doc_close(w);
	}
	w->item_depth--;
	w->indent = w->item_depth > 0 ? doc_outer_indent(w) : w->base_indent;
}

/*
 * A block quote: its blocks count it in quote_depth, and its bar stands
 * at the list indent where it opens. An alert's first block is its
 * label, the line under it follows without a blank line.
 */
static void
doc_quote_enter(struct walk *w, cmark_node *n)
{
	struct doc_quote *q;
	enum alert a = doc_gfm_alert(n);

	q = ARRAY_PUSH(w->quotes, w->nquotes, w->cap_quotes);
	q->indent = w->indent;
	q->alert = w->alert;
	q->seq = ++w->quote_seq;
	w->quote++;
	w->bar_at_ok = 0;
	if (a == ALERT_NONE)
		return;
	w->alert = (uint8_t)a;
	doc_close(w);
	doc_open(w, BLK_PARA, n);
	doc_add_run(w, doc_gfm_alert_label(a),
	    strlen(doc_gfm_alert_label(a)), ST_STRONG | ST_ALERT, -1);
	doc_close(w);
	w->tight_next = 1;
}

static void
doc_quote_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	if (w->nquotes > 0)
		w->alert = w->quotes[--w->nquotes].alert;
	w->quote--;
	w->bar_at_ok = 0;
}

/* A footnote definition: a note, its blocks indented past "[N] ". */
static void
doc_note_enter(struct walk *w, cmark_node *n)
{
	struct doc *d = w->doc;
	struct note *no;

	doc_close(w);
	no = ARRAY_PUSH(d->notes, d->nnotes, w->cap_notes);
	memset(no, 0, sizeof(*no));
	no->number = d->nnotes;
	no->block0 = d->nblocks;
	no->src_line = doc_node_line(w, n);
	w->note = (int32_t)(d->nnotes - 1);
	w->quote = 0;
	w->nquotes = 0;
	w->alert = ALERT_NONE;
	w->bar_at_ok = 0;
	w->indent = (uint16_t)(doc_bracket(w->marker, no->number) + 1);
	w->base_indent = w->indent;
}

static void
doc_note_exit(struct walk *w, cmark_node *n)
{
	struct doc *d = w->doc;

	doc_close(w);
	if (w->marker[0] != '\0') {	/* an empty note */
		doc_open(w, BLK_PARA, n);
		doc_close(w);
	}
	d->notes[w->note].nblocks = d->nblocks - d->notes[w->note].block0;
	w->note = -1;
	w->indent = w->base_indent = 0;
}

/* Text: added to the stretch that doc_stretch_end reads. */
static void
doc_text_enter(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	if (lit == NULL || lit[0] == '\0')
		return;
	if (!w->stretch) {
		if (w->soft)
			doc_add_soft(w, lit, strlen(lit), doc_style(w),
			    w->link);
		w->stretch = 1;
		w->stretch_off = (uint32_t)w->text.len;
		/* 0: text of raw HTML, where "[^x]" is no reference */
		w->stretch_line = cmark_node_get_start_line(n) > 0 ?
		    doc_node_line(w, n) : 0;
	}
	doc_add_text(w, lit, strlen(lit), doc_style(w), w->link, 0);
}

/* A code span. */
static void
doc_code_enter(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	if (lit)
		doc_add_text(w, lit, strlen(lit), doc_style(w) | ST_CODE,
		    w->link, 0);
}

/* A soft break: joined when the next text comes (see doc_add_soft). */
static void
doc_softbreak_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	w->soft = 1;
}

/* A hard break: '\n' in the text. */
static void
doc_linebreak_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	w->soft = 0;
	doc_add_run(w, "\n", 1, 0, -1);
}

/* Inline HTML: a <br> is a hard break; other tags go (doc_html_inline). */
static void
doc_html_inline_enter(struct walk *w, cmark_node *n)
{
	if (html_is_break(n))
		doc_linebreak_enter(w, n);
	else
		doc_html_inline(w, n);
}

/* Emphasis and strong emphasis: styles of the text inside. */
static void
doc_emph_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	w->emph++;
}

static void
doc_emph_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	w->emph--;
}

static void
doc_strong_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	w->strong++;
}

static void
doc_strong_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	w->strong--;
}

/* A link: the target of the text inside. */
static void
doc_link_enter(struct walk *w, cmark_node *n)
{
	doc_push_link(w, n);
}

static void
doc_link_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	if (w->nlink_stack > 0)
		w->link = w->link_stack[--w->nlink_stack];
}

/*
 * An image: its alt text as "[image: alt]", linked to its source; inside
 * a link (a badge), to the link's target, where following it goes.
 */
static void
doc_image_enter(struct walk *w, cmark_node *n)
{
	int32_t outer = w->link;

	doc_push_link(w, n);
	if (outer >= 0)
		w->link = outer;
	w->image++;
	doc_add_text(w, "[image: ", 8, doc_style(w), w->link, 0);
}

static void
doc_image_exit(struct walk *w, cmark_node *n)
{
	doc_add_text(w, "]", 1, doc_style(w), w->link, 0);
	w->image--;
	doc_link_exit(w, n);
}

/* A footnote reference: "[N]" in a run of its own, given to note N. */
static void
doc_noteref_enter(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	struct doc_pending_ref *pr;
	unsigned long k;
	char num[24];

	k = lit ? strtoul(lit, NULL, 10) : 0;
	if (k == 0)
		return;
	k += w->part_note;
	if (!w->open)
		doc_open(w, BLK_PARA, n);
	if (w->soft && w->text.len > 0 && !doc_is_cjk(doc_last_char(w)))
		doc_add_run(w, " ", 1, 0, -1);
	doc_bracket(num, k);
	pr = ARRAY_PUSH(w->post.refs, w->post.nrefs, w->post.cap_refs);
	pr->note = (uint32_t)(k - 1);
	pr->ref.block = w->doc->nblocks;	/* the open block */
	pr->ref.off = (uint32_t)w->text.len;
	w->soft = 0;
	doc_add_run(w, num, strlen(num), ST_NOTEREF, (int32_t)(k - 1));
}

/* A table: one block; rows end with '\n', cells with '\t'. */
static void
doc_table_enter(struct walk *w, cmark_node *n)
{
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
	uint16_t i;

	doc_open(w, BLK_TABLE, n);
	w->cur.ncols = ncols;
	w->cur.align = arena_alloc(w->doc->arena, ncols ? ncols : 1);
	for (i = 0; i < ncols; i++) {
		switch (al ? al[i] : 0) {
		case 'l': w->cur.align[i] = ALIGN_LEFT; break;
		case 'c': w->cur.align[i] = ALIGN_CENTER; break;
		case 'r': w->cur.align[i] = ALIGN_RIGHT; break;
		default: w->cur.align[i] = ALIGN_NONE; break;
		}
	}
}

static void
doc_table_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	doc_table_pad(w);
	doc_close(w);
}

/* A table row, the header row too. */
static void
doc_row_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	doc_table_pad(w);
	if (w->text.len > 0) {
		w->seal = 1;
		doc_add_run(w, "\n", 1, 0, -1);
	}
	if (w->cur.nrows < UINT16_MAX)
		w->cur.nrows++;
}

/* A table cell: kept while the row has columns for it. */
static void
doc_cell_enter(struct walk *w, cmark_node *n)
{
	struct cell *c;

	(void)n;
	if (w->ncells >= (size_t)w->cur.nrows * w->cur.ncols)
		return;		/* more cells than columns */
	if (w->text.len > 0 && w->text.data[w->text.len - 1] != '\n') {
		w->seal = 1;
		doc_add_run(w, "\t", 1, 0, -1);
	}
	c = ARRAY_PUSH(w->cells, w->ncells, w->cap_cells);
	c->off = (uint32_t)w->text.len;
	c->run0 = (uint32_t)w->nruns;
	c->len = 0;
	c->nruns = 0;
	w->soft = 0;
	w->seal = 1;
	w->in_cell = 1;
}

static void
doc_cell_exit(struct walk *w, cmark_node *n)
{
	struct cell *c;

	(void)n;
	if (!w->in_cell)
		return;
	w->in_cell = 0;
	c = &w->cells[w->ncells - 1];
	c->len = (uint32_t)w->text.len - c->off;
	c->nruns = (uint32_t)w->nruns - c->run0;
	w->seal = 1;
}

/* Strikethrough: a style of the text inside. */
static void
doc_strike_enter(struct walk *w, cmark_node *n)
{
	(void)n;
	w->strike++;
}

static void
doc_strike_exit(struct walk *w, cmark_node *n)
{
	(void)n;
	w->strike--;
}

/* What the walk does on entering and on leaving a node of a type. */
struct doc_node {
	void	(*enter)(struct walk *, cmark_node *);
	void	(*exit)(struct walk *, cmark_node *);	/* or NULL */
};

/* The core node types, by their number without the type bits. */
#define DOC_NODE(t)	((t) & ~CMARK_NODE_TYPE_MASK)
static const struct doc_node doc_blocks[] = {
	[DOC_NODE(CMARK_NODE_BLOCK_QUOTE)] = { doc_quote_enter,
	    doc_quote_exit },
	[DOC_NODE(CMARK_NODE_LIST)] = { doc_list_enter, doc_list_exit },
	[DOC_NODE(CMARK_NODE_ITEM)] = { doc_item_enter, doc_item_exit },
	[DOC_NODE(CMARK_NODE_CODE_BLOCK)] = { doc_code_block_enter, NULL },
	[DOC_NODE(CMARK_NODE_HTML_BLOCK)] = { doc_html_block_enter, NULL },
	[DOC_NODE(CMARK_NODE_PARAGRAPH)] = { doc_para_enter, doc_para_exit },
	[DOC_NODE(CMARK_NODE_HEADING)] = { doc_heading_enter,
	    doc_heading_exit },
	[DOC_NODE(CMARK_NODE_THEMATIC_BREAK)] = { doc_hr_enter, NULL },
	[DOC_NODE(CMARK_NODE_FOOTNOTE_DEFINITION)] = { doc_note_enter,
	    doc_note_exit },
};
static const struct doc_node doc_inlines[] = {
	[DOC_NODE(CMARK_NODE_TEXT)] = { doc_text_enter, NULL },
	[DOC_NODE(CMARK_NODE_SOFTBREAK)] = { doc_softbreak_enter, NULL },
	[DOC_NODE(CMARK_NODE_LINEBREAK)] = { doc_linebreak_enter, NULL },
	[DOC_NODE(CMARK_NODE_CODE)] = { doc_code_enter, NULL },
	[DOC_NODE(CMARK_NODE_HTML_INLINE)] = { doc_html_inline_enter,
	    NULL },
	[DOC_NODE(CMARK_NODE_EMPH)] = { doc_emph_enter, doc_emph_exit },
	[DOC_NODE(CMARK_NODE_STRONG)] = { doc_strong_enter, doc_strong_exit },
	[DOC_NODE(CMARK_NODE_LINK)] = { doc_link_enter, doc_link_exit },
	[DOC_NODE(CMARK_NODE_IMAGE)] = { doc_image_enter, doc_image_exit },
	[DOC_NODE(CMARK_NODE_FOOTNOTE_REFERENCE)] = { doc_noteref_enter,
	    NULL },
};

/* The extensions' node types, whose numbers are given at run time. */
static const struct {
	const char	*name;
	struct doc_node	 node;
} doc_ext_nodes[] = {
	{ "table", { doc_table_enter, doc_table_exit } },
	{ "table_header", { doc_row_enter, NULL } },
	{ "table_row", { doc_row_enter, NULL } },
	{ "table_cell", { doc_cell_enter, doc_cell_exit } },
	{ "strikethrough", { doc_strike_enter, doc_strike_exit } },
};

/* The handlers of node N of type T, or NULL (the document, say). */
static const struct doc_node *
doc_node_of(cmark_node *n, cmark_node_type t)
{
	const struct doc_node *tab = NULL;
	size_t i, ntab = 0;
	const char *name;

	if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
		tab = doc_blocks;
		ntab = sizeof(doc_blocks) / sizeof(doc_blocks[0]);
	} else if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE) {
		tab = doc_inlines;
		ntab = sizeof(doc_inlines) / sizeof(doc_inlines[0]);
	}
	if (DOC_NODE(t) < ntab && tab[DOC_NODE(t)].enter != NULL)
		return &tab[DOC_NODE(t)];
	name = cmark_node_get_type_string(n);
	for (i = 0; i < sizeof(doc_ext_nodes) / sizeof(doc_ext_nodes[0]); i++)
		if (strcmp(name, doc_ext_nodes[i].name) == 0)
			return &doc_ext_nodes[i].node;
	return NULL;
}

static struct doc *doc_parse_run(const char *, size_t,
		    void (*)(void *, unsigned), void *, const struct doc_sink *);

struct doc *
doc_parse(const char *text, size_t len)
{
	return doc_parse_run(text, len, NULL, NULL, NULL);
}

struct doc *
doc_parse_progress(const char *text, size_t len,
    void (*progress)(void *, unsigned), void *arg)
{
	return doc_parse_run(text, len, progress, arg, NULL);
}

struct doc *
doc_parse_sink(const char *text, size_t len, const struct doc_sink *sink)
{
	return doc_parse_run(text, len, NULL, NULL, sink);
}

/*
 * The parse's phases and their share of the time [1/1000]: cmark's block
 * parse as the text is fed (in pieces, so that progress shows), its
 * inline parse when finishing, and the walk that builds the model.
 */
#define DOC_FEED	((size_t)4 << 20)	/* fed at a time [bytes] */
#define DOC_PM_FED	300
#define DOC_PM_FINISHED	600
#define DOC_PM_EVENTS	65536			/* walk steps a report */
#define DOC_SINK_BATCH	64			/* blocks a sink call */

struct cmark_node *
doc_cmark(struct cmark_mem *mem, const char *text, size_t len,
    void (*progress)(void *, unsigned), void *arg)
{
	/* Bare URLs: doc_stretch_end, the extension is slow on some input. */
	static const char *exts[] = { "table", "strikethrough", "tasklist" };
	cmark_parser *parser;
	cmark_node *root;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, mem);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	for (i = 0; i < len; i += DOC_FEED) {
		size_t k = len - i < DOC_FEED ? len - i : DOC_FEED;

		cmark_parser_feed(parser, text + i, k);
		if (progress != NULL)
			progress(arg, (unsigned)((i + k) * DOC_PM_FED / len));
	}
	/* cmark-gfm's inline parser keeps a table of special characters
	   in a global that each finish changes: one at a time. */
	pthread_mutex_lock(&doc_cmark_lock);
	root = cmark_parser_finish(parser);
	pthread_mutex_unlock(&doc_cmark_lock);
	if (progress != NULL)
		progress(arg, DOC_PM_FINISHED);
	return root;
}

void
doc_walk(struct walk *w, cmark_node *root, const struct doc_walk_at *at,
    void (*progress)(void *, unsigned), void *arg, const struct doc_sink *sink)
{
	struct doc *d = w->doc;
	struct html_anchors anchors = { doc_post_anchor, &w->post };
	cmark_node *n, *done = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node_type t;
	const struct doc_node *dn;
	size_t i;

	w->mem = at->mem;
	w->part_line = at->line;
	w->part_note = at->note;
	it = cmark_iter_new(root);
	for (i = 0; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE; i++) {
		if (progress != NULL && i % DOC_PM_EVENTS == 0 &&
		    d->nblocks > 0 && d->src_len > 0)
			progress(arg, DOC_PM_FINISHED + (unsigned)
			    (d->blocks[d->nblocks - 1].src_off *
			    (1000 - DOC_PM_FINISHED) / d->src_len));
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && cmark_node_parent(n) == root) {
			if (done != NULL && sink == NULL)
				cmark_node_free(done);
			done = n;
			/* Every block so far is closed and final. */
			if (sink != NULL && d->nblocks - w->sunk >=
			    DOC_SINK_BATCH) {
				doc_parts_sink(sink, d);
				w->sunk = d->nblocks;
			}
		}
		if (w->stretch && (t != CMARK_NODE_TEXT ||
		    ev != CMARK_EVENT_ENTER))
			doc_stretch_end(w);
		/* Raw HTML becomes nodes: the walk goes on from N again. */
		if (ev == CMARK_EVENT_ENTER && html_rewrite(n, w->mem, &anchors))
			cmark_iter_reset(it, n, CMARK_EVENT_ENTER);
		if ((dn = doc_node_of(n, t)) == NULL)
			continue;
		if (ev == CMARK_EVENT_ENTER)
			dn->enter(w, n);
		else if (ev == CMARK_EVENT_EXIT && dn->exit != NULL)
			dn->exit(w, n);
	}
	cmark_iter_free(it);
}

static struct doc *
doc_parse_run(const char *text, size_t len,
    void (*progress)(void *, unsigned), void *arg, const struct doc_sink *sink)
{
	struct guard_report guard;
	char *fed;
	size_t fedlen;
	struct walk w;
	struct doc *d;
	struct doc_walk_at at = { NULL, 0, 0 };
	struct pool *pool;
	cmark_node *root;
	size_t fm, cap_lines = 0;
	const char *p, *end;

	memset(&w, 0, sizeof(w));
	d = xcalloc(1, sizeof(*d));
	d->arena = arena_new();
	d->src_len = len;
	/* Only a saved place reads it: not a dump's. */
	if (sink == NULL)
		d->hash = doc_hash(text, len);
	w.doc = d;
	w.post.doc = d;
	w.post.src = &w.src;
	w.link = -1;
	w.note = -1;
	w.section = -1;

	fm = front_parse(d, &w.cap_blocks, text, len, &w.src.base_line);
	w.src.base = fm;
	w.src.text = text + fm;
	w.src.len = len - fm;
	for (p = w.src.text, end = w.src.text + w.src.len; ; ) {
		uint64_t *slot = ARRAY_PUSH(w.src.line_off, w.src.nlines,
		    cap_lines);

		*slot = (uint64_t)(p - w.src.text);
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL || ++p >= end)
			break;
	}
	w.html_off = fm;

	/* cmark reads the text within guard.c's limits; the walk, the source. */
	fed = guard_text(w.src.text, w.src.len, &fedlen, &guard);
	/* A dump's parse may go in parts (doc-parts.c). */
	if (sink == NULL || !doc_parts_run(&w, fed ? fed : w.src.text,
	    fed ? fedlen : w.src.len, sink)) {
		pool = pool_new();
		at.mem = pool_use(pool);
		root = doc_cmark(at.mem, fed ? fed : w.src.text, fed ? fedlen :
		    w.src.len, progress, arg);
		if (sink != NULL)
			sink->begin(sink->arg, doc_parts_notes(root));
		/*
		 * Each top-level block is freed once the walk has left it,
		 * and its memory goes back to the system chunk by chunk
		 * (pool_drain), so that the AST shrinks while the model
		 * grows. Not while a sink lays the blocks out: the dump it
		 * serves ends soon, and the AST goes whole with its pool,
		 * sparing the walk the frees.
		 */
		if (sink == NULL)
			pool_drain(pool);
		doc_walk(&w, root, &at, progress, arg, sink);
		doc_close(&w);
		/* The AST and the parser go with their pool. */
		pool_free(pool);
	}
	free(fed);
	if (sink != NULL)
		doc_parts_sink(sink, d);

	d->nbody = d->nnotes > 0 ? d->notes[0].block0 : d->nblocks;
	doc_post_finish(&w.post, &guard, sink != NULL);

	doc_post_free(&w.post);
	buf_free(&w.text);
	buf_free(&w.scratch);
	free(w.runs);
	free(w.cells);
	free(w.link_stack);
	free(w.quotes);
	free(w.src.line_off);
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	free(d->blocks);
	free(d->headings);
	free(d->notes);
	free(d->links);
	free(d->anchors);
	free(d->problems);
	arena_free(d->arena);
	free(d);
}

const char *
doc_title(const struct doc *d)
{
	uint32_t h;

	if (d->meta.title && d->meta.title[0])
		return d->meta.title;
	for (h = 0; h < d->nheadings; h++)
		if (d->headings[h].level == 1)
			return d->headings[h].title;
	return NULL;
}

/* The end of a run in its block's text, as a key for array_upper. */
static uint64_t
doc_run_end(const void *p)
{
	const struct run *r = p;

	return (uint64_t)r->off + r->len;
}

const struct run *
doc_run_at(const struct doc *d, uint32_t block, uint32_t off)
{
	const struct block *b;
	size_t i;

	if (block >= d->nblocks)
		return NULL;
	b = &d->blocks[block];
	/* The first run that ends after OFF. */
	i = array_upper(b->runs, b->nruns, sizeof(*b->runs), doc_run_end, off);
	if (i < b->nruns && b->runs[i].off <= off)
		return &b->runs[i];
	return NULL;
}

/* The block of a heading, as a key for array_upper. */
static uint64_t
doc_heading_block(const void *p)
{
	return ((const struct heading *)p)->block;
}

uint32_t
doc_heading_after(const struct doc *d, uint32_t block)
{
	return (uint32_t)array_upper(d->headings, d->nheadings,
	    sizeof(*d->headings), doc_heading_block, block);
}

