/*
 * html.c: raw HTML turned into the cmark nodes that the walk of doc.c
 * reads (see html.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <gumbo.h>

#include "lectern/guard.h"
#include "lectern/html-guard.h"
#include "lectern/html.h"
#include "lectern/util.h"

/*
 * The node types of the table and strikethrough extensions: exported
 * by libcmark-gfm-extensions, declared by no header it installs.
 */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;

#define HTML_MAX_DEPTH	128	/* elements read into [levels] */
#define HTML_MAX_OPEN	32	/* inline start tags waiting for their end */
#define HTML_MAX_SPAN	64	/* a cell's colspan [columns] */

/* What an element is to the reader. */
enum html_kind {
	HK_INLINE,	/* its content flows in the line (span, sub ...) */
	HK_BLOCK,	/* its content is a block of its own (p, div ...) */
	HK_SKIP,	/* nothing of it shows (script, style) */
	HK_BR,
	HK_IMG,
	HK_A,
	HK_STRONG,
	HK_EMPH,
	HK_CODE,
	HK_STRIKE,
	HK_HEADING,
	HK_LIST,
	HK_ITEM,
	HK_PRE,
	HK_QUOTE,
	HK_HR,
	HK_TABLE,
	HK_ROW,		/* tr, and the row groups */
	HK_CELL,
	HK_SUMMARY
};

/* Each element by gumbo's tag, HK_INLINE where not named. */
static const uint8_t html_kinds[GUMBO_TAG_LAST] = {
	[GUMBO_TAG_ADDRESS] = HK_BLOCK,
	[GUMBO_TAG_ARTICLE] = HK_BLOCK,
	[GUMBO_TAG_ASIDE] = HK_BLOCK,
	[GUMBO_TAG_BODY] = HK_BLOCK,
	[GUMBO_TAG_CAPTION] = HK_BLOCK,
	[GUMBO_TAG_CENTER] = HK_BLOCK,
	[GUMBO_TAG_DD] = HK_BLOCK,
	[GUMBO_TAG_DETAILS] = HK_BLOCK,
	[GUMBO_TAG_DIV] = HK_BLOCK,
	[GUMBO_TAG_DL] = HK_BLOCK,
	[GUMBO_TAG_DT] = HK_BLOCK,
	[GUMBO_TAG_FIELDSET] = HK_BLOCK,
	[GUMBO_TAG_FIGCAPTION] = HK_BLOCK,
	[GUMBO_TAG_FIGURE] = HK_BLOCK,
	[GUMBO_TAG_FOOTER] = HK_BLOCK,
	[GUMBO_TAG_FORM] = HK_BLOCK,
	[GUMBO_TAG_HEADER] = HK_BLOCK,
	[GUMBO_TAG_HGROUP] = HK_BLOCK,
	[GUMBO_TAG_HTML] = HK_BLOCK,
	[GUMBO_TAG_LEGEND] = HK_BLOCK,
	[GUMBO_TAG_MAIN] = HK_BLOCK,
	[GUMBO_TAG_NAV] = HK_BLOCK,
	[GUMBO_TAG_OPTGROUP] = HK_BLOCK,
	[GUMBO_TAG_OPTION] = HK_BLOCK,
	[GUMBO_TAG_P] = HK_BLOCK,
	[GUMBO_TAG_SECTION] = HK_BLOCK,
	[GUMBO_TAG_SCRIPT] = HK_SKIP,
	[GUMBO_TAG_STYLE] = HK_SKIP,
	[GUMBO_TAG_TEMPLATE] = HK_SKIP,
	[GUMBO_TAG_BR] = HK_BR,
	[GUMBO_TAG_IMG] = HK_IMG,
	[GUMBO_TAG_IMAGE] = HK_IMG,
	[GUMBO_TAG_A] = HK_A,
	[GUMBO_TAG_B] = HK_STRONG,
	[GUMBO_TAG_STRONG] = HK_STRONG,
	[GUMBO_TAG_CITE] = HK_EMPH,
	[GUMBO_TAG_DFN] = HK_EMPH,
	[GUMBO_TAG_EM] = HK_EMPH,
	[GUMBO_TAG_I] = HK_EMPH,
	[GUMBO_TAG_VAR] = HK_EMPH,
	[GUMBO_TAG_CODE] = HK_CODE,
	[GUMBO_TAG_KBD] = HK_CODE,
	[GUMBO_TAG_SAMP] = HK_CODE,
	[GUMBO_TAG_TT] = HK_CODE,
	[GUMBO_TAG_DEL] = HK_STRIKE,
	[GUMBO_TAG_S] = HK_STRIKE,
	[GUMBO_TAG_STRIKE] = HK_STRIKE,
	[GUMBO_TAG_H1] = HK_HEADING,
	[GUMBO_TAG_H2] = HK_HEADING,
	[GUMBO_TAG_H3] = HK_HEADING,
	[GUMBO_TAG_H4] = HK_HEADING,
	[GUMBO_TAG_H5] = HK_HEADING,
	[GUMBO_TAG_H6] = HK_HEADING,
	[GUMBO_TAG_DIR] = HK_LIST,
	[GUMBO_TAG_MENU] = HK_LIST,
	[GUMBO_TAG_OL] = HK_LIST,
	[GUMBO_TAG_UL] = HK_LIST,
	[GUMBO_TAG_LI] = HK_ITEM,
	[GUMBO_TAG_LISTING] = HK_PRE,
	[GUMBO_TAG_PLAINTEXT] = HK_PRE,
	[GUMBO_TAG_PRE] = HK_PRE,
	[GUMBO_TAG_XMP] = HK_PRE,
	[GUMBO_TAG_BLOCKQUOTE] = HK_QUOTE,
	[GUMBO_TAG_HR] = HK_HR,
	[GUMBO_TAG_TABLE] = HK_TABLE,
	[GUMBO_TAG_TBODY] = HK_ROW,
	[GUMBO_TAG_TFOOT] = HK_ROW,
	[GUMBO_TAG_THEAD] = HK_ROW,
	[GUMBO_TAG_TR] = HK_ROW,
	[GUMBO_TAG_TD] = HK_CELL,
	[GUMBO_TAG_TH] = HK_CELL,
	[GUMBO_TAG_SUMMARY] = HK_SUMMARY
};

/* Reading one HTML block: where its blocks and inlines go. */
struct html_conv {
	cmark_mem	*mem;
	cmark_syntax_extension *table;	/* or NULL */
	cmark_syntax_extension *strike;	/* or NULL */
	cmark_node	*para;		/* the open paragraph or heading */
	cmark_node	*in;		/* where inlines go, or NULL */
	struct buf	 text;		/* text not yet in a node */
	int		 space;		/* white space pending: 1, 2 with a
					   newline */
	int		 fresh;		/* nothing shown on the line yet */
	int		 shown;		/* something shown in the paragraph */
	int		 cell;		/* in a table cell: no soft breaks */
	int		 depth;		/* elements entered [levels] */
};

static void	html_content(struct html_conv *, GumboNode *, cmark_node *);
static void	html_block(struct html_conv *, GumboNode *, cmark_node *);

/* Is C white space to HTML? */
static int
html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/*
 * The element of the tag that S starts with, after white space;
 * GUMBO_TAG_UNKNOWN where S starts with no tag. *END: whether the tag
 * ends the element.
 */
static GumboTag
html_tag_name(const char *s, int *end)
{
	const char *p;
	size_t len;

	*end = 0;
	while (s != NULL && html_space(*s))
		s++;
	if (s == NULL || s[0] != '<')
		return GUMBO_TAG_UNKNOWN;
	p = s + 1;
	if (*p == '/') {
		*end = 1;
		p++;
	}
	for (len = 0; (p[len] >= 'a' && p[len] <= 'z') ||
	    (p[len] >= 'A' && p[len] <= 'Z') ||
	    (len > 0 && p[len] >= '0' && p[len] <= '9'); len++)
		;
	if (len == 0)
		return GUMBO_TAG_UNKNOWN;
	return gumbo_tagn_enum(p, (unsigned int)len);
}

/* The kind of element T. */
static enum html_kind
html_kind_of(GumboTag t)
{
	return t < GUMBO_TAG_LAST ? (enum html_kind)html_kinds[t] : HK_INLINE;
}

/* The kind of element E. */
static enum html_kind
html_kind(const GumboNode *e)
{
	GumboTag t = e->v.element.tag;

	if (e->type == GUMBO_NODE_TEMPLATE)
		return HK_SKIP;
	return html_kind_of(t);
}

/* The value of E's attribute NAME, or NULL. */
static const char *
html_attr(const GumboNode *e, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&e->v.element.attributes,
	    name);

	return a ? a->value : NULL;
}

/* Hands the anchor that element E sets, if any, to ANCHORS. */
static void
html_anchor(const GumboNode *e, const struct html_anchors *anchors)
{
	const char *id;

	if (anchors == NULL)
		return;
	if ((id = html_attr(e, "id")) != NULL && *id != '\0')
		anchors->add(anchors->arg, id);
	if (e->v.element.tag == GUMBO_TAG_A &&
	    (id = html_attr(e, "name")) != NULL && *id != '\0')
		anchors->add(anchors->arg, id);
}

/* The anchors of E and of the elements inside it, DEPTH levels down. */
static void
html_anchors_in(const GumboNode *e, const struct html_anchors *anchors,
    int depth)
{
	const GumboVector *v = &e->v.element.children;
	const GumboNode *k;
	unsigned i;

	if (depth > HTML_MAX_DEPTH)
		return;
	for (i = 0; i < v->length; i++) {
		k = v->data[i];
		if (k->type != GUMBO_NODE_ELEMENT &&
		    k->type != GUMBO_NODE_TEMPLATE)
			continue;
		html_anchor(k, anchors);
		html_anchors_in(k, anchors, depth + 1);
	}
}

/* A new node of TYPE, in the tree's memory. */
static cmark_node *
html_node(struct html_conv *c, cmark_node_type type)
{
	return cmark_node_new_with_mem(type, c->mem);
}

/* Appends CHILD to PARENT; frees it where PARENT cannot hold it. */
static void
html_append(cmark_node *parent, cmark_node *child)
{
	if (!cmark_node_append_child(parent, child))
		cmark_node_free(child);
}

/* Puts the pending text into a text node. */
static void
html_flush(struct html_conv *c)
{
	cmark_node *t;

	if (c->text.len == 0 || c->in == NULL) {
		c->text.len = 0;
		return;
	}
	t = html_node(c, CMARK_NODE_TEXT);
	cmark_node_set_literal(t, c->text.data);
	html_append(c->in, t);
	c->text.len = 0;
}

/* Puts the pending white space before what comes next on the line. */
static void
html_pending(struct html_conv *c)
{
	if (c->space && !c->fresh) {
		if (c->space == 2 && !c->cell) {
			html_flush(c);
			html_append(c->in, html_node(c, CMARK_NODE_SOFTBREAK));
		} else
			buf_addc(&c->text, ' ');
	}
	c->space = 0;
}

/* Adds N bytes of HTML text at S: each run of white space one space. */
static void
html_text(struct html_conv *c, const char *s, size_t n)
{
	const char *end = s + n, *q;

	while (s < end) {
		if (html_space(*s)) {
			if (*s == '\n' || *s == '\r')
				c->space = 2;
			else if (c->space == 0)
				c->space = 1;
			s++;
			continue;
		}
		for (q = s; q < end && !html_space(*q); q++)
			;
		html_pending(c);
		buf_add(&c->text, s, (size_t)(q - s));
		c->fresh = 0;
		c->shown = 1;
		s = q;
	}
}

/* Ends the line, unless nothing is on it yet. */
static void
html_break(struct html_conv *c)
{
	cmark_node *br;

	c->space = 0;
	if (c->fresh || c->in == NULL)
		return;
	/* A heading is one line: the outline's title. */
	if (c->para != NULL &&
	    cmark_node_get_type(c->para) == CMARK_NODE_HEADING) {
		c->space = 1;
		return;
	}
	html_flush(c);
	br = html_node(c, CMARK_NODE_HTML_INLINE);
	cmark_node_set_literal(br, "<br>");
	html_append(c->in, br);
	c->fresh = 1;
}

/* Removes the line breaks that end N's content. */
static void
html_trim(cmark_node *n)
{
	cmark_node *k;

	while ((k = cmark_node_last_child(n)) != NULL && html_is_break(k))
		cmark_node_free(k);
}

/* Appends the text of E's content to B: <pre> keeps it all. */
static void
html_text_of(GumboNode *e, struct buf *b, int depth)
{
	GumboVector *v = &e->v.element.children;
	GumboNode *k;
	unsigned i;

	if (depth > HTML_MAX_DEPTH)
		return;
	for (i = 0; i < v->length; i++) {
		k = v->data[i];
		switch (k->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			buf_adds(b, k->v.text.text);
			break;
		case GUMBO_NODE_ELEMENT:
			if (html_kind(k) == HK_BR)
				buf_addc(b, '\n');
			else if (html_kind(k) != HK_SKIP)
				html_text_of(k, b, depth + 1);
			break;
		default:
			break;
		}
	}
}

/*
 * Reads the content of E into inline node W, put where inlines go now;
 * W goes again when nothing went into it.
 */
static void
html_wrap(struct html_conv *c, GumboNode *e, cmark_node *w)
{
	cmark_node *saved = c->in;

	html_pending(c);
	html_flush(c);
	if (!cmark_node_append_child(c->in, w)) {
		cmark_node_free(w);
		html_content(c, e, NULL);
		return;
	}
	c->in = w;
	html_content(c, e, NULL);
	html_flush(c);
	c->in = saved;
	if (cmark_node_first_child(w) == NULL)
		cmark_node_free(w);
}

/*
 * An image node with ALT as its text (white space made single spaces),
 * or NULL when ALT shows nothing.
 */
static cmark_node *
html_image_node(cmark_mem *mem, const char *alt, const char *src,
    const char *title)
{
	struct html_conv sub;
	cmark_node *img;

	if (alt == NULL)
		return NULL;
	memset(&sub, 0, sizeof(sub));
	sub.mem = mem;
	sub.fresh = 1;
	sub.cell = 1;
	img = cmark_node_new_with_mem(CMARK_NODE_IMAGE, mem);
	sub.in = img;
	html_text(&sub, alt, strlen(alt));
	html_flush(&sub);
	buf_free(&sub.text);
	if (!sub.shown) {
		cmark_node_free(img);
		return NULL;
	}
	cmark_node_set_url(img, src ? src : "");
	cmark_node_set_title(img, title ? title : "");
	return img;
}

/* An image: its alt text, when it has one. */
static void
html_image(struct html_conv *c, GumboNode *e)
{
	cmark_node *img = html_image_node(c->mem, html_attr(e, "alt"),
	    html_attr(e, "src"), html_attr(e, "title"));

	if (img == NULL)
		return;
	html_pending(c);
	html_flush(c);
	html_append(c->in, img);
	c->fresh = 0;
	c->shown = 1;
}

/* Inline code: the text of E's content, its white space single. */
static void
html_code(struct html_conv *c, GumboNode *e)
{
	struct buf b = { 0 };
	struct html_conv sub;
	cmark_node *code;

	html_text_of(e, &b, c->depth);
	memset(&sub, 0, sizeof(sub));
	sub.fresh = 1;
	sub.cell = 1;
	html_text(&sub, b.data ? b.data : "", b.len);
	buf_free(&b);
	if (sub.shown) {
		html_pending(c);
		html_flush(c);
		code = html_node(c, CMARK_NODE_CODE);
		cmark_node_set_literal(code, sub.text.data);
		html_append(c->in, code);
		c->fresh = 0;
		c->shown = 1;
		/* White space at the end of the code still counts. */
		c->space = sub.space;
	}
	buf_free(&sub.text);
}

/* Element E where inlines go. */
static void
html_inline(struct html_conv *c, GumboNode *e)
{
	const char *href;
	cmark_node *n;

	switch (html_kind(e)) {
	case HK_SKIP:
		return;
	case HK_BR:
		html_break(c);
		return;
	case HK_IMG:
		html_image(c, e);
		return;
	case HK_CODE:
		html_code(c, e);
		return;
	case HK_A:
		if ((href = html_attr(e, "href")) == NULL)
			break;
		n = html_node(c, CMARK_NODE_LINK);
		cmark_node_set_url(n, href);
		cmark_node_set_title(n, html_attr(e, "title") ?
		    html_attr(e, "title") : "");
		html_wrap(c, e, n);
		return;
	case HK_STRONG:
		html_wrap(c, e, html_node(c, CMARK_NODE_STRONG));
		return;
	case HK_EMPH:
		html_wrap(c, e, html_node(c, CMARK_NODE_EMPH));
		return;
	case HK_STRIKE:
		if (c->strike == NULL)
			break;
		html_wrap(c, e, cmark_node_new_with_mem_and_ext(
		    CMARK_NODE_STRIKETHROUGH, c->mem, c->strike));
		return;
	case HK_CELL:
		/* A cell of a table inside a cell: apart by a space. */
		c->space = c->space ? c->space : 1;
		html_content(c, e, NULL);
		c->space = c->space ? c->space : 1;
		return;
	case HK_INLINE:
		break;
	case HK_ITEM:
		html_break(c);
		html_pending(c);
		buf_adds(&c->text, "• ");
		c->fresh = 0;
		html_content(c, e, NULL);
		html_break(c);
		return;
	case HK_HR:
		html_break(c);
		return;
	default:
		/* A block inside a line (a cell): lines of its own. */
		html_break(c);
		html_content(c, e, NULL);
		html_break(c);
		return;
	}
	html_content(c, e, NULL);
}

/* Makes N, appended to CONTAINER, where inlines go. */
static void
html_para_open(struct html_conv *c, cmark_node *container, cmark_node *n)
{
	html_append(container, n);
	c->para = n;
	c->in = n;
	c->text.len = 0;
	c->space = 0;
	c->fresh = 1;
	c->shown = 0;
}

/* Ends the open paragraph; it goes when nothing in it shows. */
static void
html_para_close(struct html_conv *c)
{
	if (c->para == NULL)
		return;
	html_flush(c);
	html_trim(c->in);
	if (!c->shown)
		cmark_node_free(c->para);
	c->para = NULL;
	c->in = NULL;
	c->space = 0;
}

/* A paragraph for inlines in CONTAINER, opened when none is. */
static void
html_para(struct html_conv *c, cmark_node *container)
{
	if (c->para == NULL)
		html_para_open(c, container, html_node(c, CMARK_NODE_PARAGRAPH));
}

/* Adds the rows of table part E (a table or a row group) to ROWS. */
static void
html_table_rows(GumboNode *e, GumboNode ***rows, size_t *nrows, size_t *cap)
{
	GumboVector *v = &e->v.element.children;
	GumboNode *k;
	unsigned i;

	for (i = 0; i < v->length; i++) {
		k = v->data[i];
		if (k->type != GUMBO_NODE_ELEMENT)
			continue;
		if (k->v.element.tag == GUMBO_TAG_TR)
			*ARRAY_PUSH(*rows, *nrows, *cap) = k;
		else if (k->v.element.tag == GUMBO_TAG_THEAD ||
		    k->v.element.tag == GUMBO_TAG_TBODY ||
		    k->v.element.tag == GUMBO_TAG_TFOOT)
			html_table_rows(k, rows, nrows, cap);
	}
}

/* How many columns (ATTR "colspan") or rows ("rowspan") cell E spans,
   at least 1. */
static int
html_span(GumboNode *e, const char *attr)
{
	const char *s = html_attr(e, attr);
	long n = s ? strtol(s, NULL, 10) : 1;

	return n < 1 ? 1 : n > HTML_MAX_SPAN ? HTML_MAX_SPAN : (int)n;
}

/* Appends an empty cell to ROW, and returns it. */
static cmark_node *
html_empty_cell(cmark_node *row, struct html_conv *c)
{
	cmark_node *cell = cmark_node_new_with_mem_and_ext(
	    CMARK_NODE_TABLE_CELL, c->mem, c->table);

	html_append(row, cell);
	return cell;
}

/*
 * Skips the columns from *COL that a cell of a row above still holds
 * (LEFT: rows it spans yet, per column), up to NCOLS, counting this row
 * off each; gives each an empty cell in ROW, when ROW is not NULL. At the
 * row's END, the held columns past a free one are counted off too, and
 * the free ones before them filled.
 */
static void
html_held(uint8_t *left, int *col, int ncols, cmark_node *row,
    struct html_conv *c, int end)
{
	int k;

	for (k = *col; k < ncols; k++) {
		if (left[k] == 0) {
			if (!end)
				break;
			continue;
		}
		left[k]--;
		for (; row != NULL && *col <= k; (*col)++)
			html_empty_cell(row, c);
		*col = k + 1;
	}
}

/* Holds columns [COL, COL+SPAN) for the ROWS-1 rows below. */
static void
html_hold(uint8_t *left, int col, int span, int rows, int ncols)
{
	for (; span > 0 && col < ncols; span--, col++)
		if (rows - 1 > left[col])
			left[col] = (uint8_t)(rows - 1);
}

/* The cells of row E, in order. */
#define HTML_CELLS(e, i, k)						\
	for ((i) = 0; (i) < (e)->v.element.children.length; (i)++)	\
		if (((k) = (e)->v.element.children.data[(i)])->type ==	\
		    GUMBO_NODE_ELEMENT && html_kind(k) == HK_CELL)

/* The alignment of column cell E, as the table extension spells it. */
static uint8_t
html_align(GumboNode *e)
{
	const char *a = html_attr(e, "align");

	if (a == NULL)
		return 0;
	if (strcasecmp(a, "left") == 0)
		return 'l';
	if (strcasecmp(a, "center") == 0)
		return 'c';
	if (strcasecmp(a, "right") == 0)
		return 'r';
	return 0;
}

/*
 * A table of the NROWS rows at ROWS: the first is the header, as in a
 * Markdown table; a cell spanning columns is followed by empty ones, and
 * one spanning rows leaves its columns empty in the rows below. A
 * table with no text at all (the <table> of a block that a blank line
 * cut from its rows) leaves nothing.
 */
static void
html_table_make(struct html_conv *c, GumboNode **rows, size_t nrows,
    cmark_node *container)
{
	GumboNode *k;
	size_t r;
	unsigned i;
	int ncols = 0, col, span;
	uint8_t align[GUARD_MAX_COLUMNS], left[GUARD_MAX_COLUMNS];
	cmark_node *t, *row, *cell;

	memset(left, 0, sizeof(left));
	for (r = 0; r < nrows; r++) {
		col = 0;
		HTML_CELLS(rows[r], i, k) {
			html_held(left, &col, GUARD_MAX_COLUMNS, NULL, c, 0);
			span = html_span(k, "colspan");
			html_hold(left, col, span, html_span(k, "rowspan"),
			    GUARD_MAX_COLUMNS);
			col += span;
		}
		html_held(left, &col, GUARD_MAX_COLUMNS, NULL, c, 1);
		if (col > ncols)
			ncols = col;
	}
	if (ncols > GUARD_MAX_COLUMNS)
		ncols = GUARD_MAX_COLUMNS;
	if (ncols == 0)
		return;
	memset(align, 0, sizeof(align));
	col = 0;
	HTML_CELLS(rows[0], i, k) {
		if (col < ncols)
			align[col] = html_align(k);
		col += html_span(k, "colspan");
	}
	memset(left, 0, sizeof(left));
	t = cmark_node_new_with_mem_and_ext(CMARK_NODE_TABLE, c->mem,
	    c->table);
	cmark_gfm_extensions_set_table_columns(t, (uint16_t)ncols);
	cmark_gfm_extensions_set_table_alignments(t, (uint16_t)ncols, align);
	c->cell = 1;
	c->shown = 0;
	for (r = 0; r < nrows; r++) {
		row = cmark_node_new_with_mem_and_ext(CMARK_NODE_TABLE_ROW,
		    c->mem, c->table);
		cmark_gfm_extensions_set_table_row_is_header(row, r == 0);
		html_append(t, row);
		col = 0;
		HTML_CELLS(rows[r], i, k) {
			html_held(left, &col, ncols, row, c, 0);
			html_hold(left, col, html_span(k, "colspan"),
			    html_span(k, "rowspan"), ncols);
			for (span = html_span(k, "colspan"); span > 0 &&
			    col < ncols; span--, col++) {
				cell = html_empty_cell(row, c);
				if (span < html_span(k, "colspan"))
					continue;	/* spanned */
				c->in = cell;
				c->fresh = 1;
				c->space = 0;
				html_content(c, k, NULL);
				html_flush(c);
				html_trim(cell);
			}
		}
		html_held(left, &col, ncols, row, c, 1);
	}
	c->cell = 0;
	c->in = NULL;
	c->space = 0;
	if (c->shown)
		html_append(container, t);
	else
		cmark_node_free(t);
}

/* Table element E. */
static void
html_table(struct html_conv *c, GumboNode *e, cmark_node *container)
{
	GumboNode **rows = NULL, *k;
	size_t nrows = 0, cap = 0;
	unsigned i;

	if (c->table == NULL) {
		html_content(c, e, container);
		return;
	}
	/* The caption, a paragraph above. */
	for (i = 0; i < e->v.element.children.length; i++) {
		k = e->v.element.children.data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_CAPTION)
			html_block(c, k, container);
	}
	html_table_rows(e, &rows, &nrows, &cap);
	html_table_make(c, rows, nrows, container);
	free(rows);
}

/* A list, E a <ul>, <ol> or a lone <li>. */
static void
html_list(struct html_conv *c, GumboNode *e, cmark_node *container)
{
	GumboVector *v = &e->v.element.children;
	const char *start = html_attr(e, "start");
	cmark_node *list, *item;
	GumboNode *k;
	unsigned i;
	long n;

	list = html_node(c, CMARK_NODE_LIST);
	if (e->v.element.tag == GUMBO_TAG_OL) {
		cmark_node_set_list_type(list, CMARK_ORDERED_LIST);
		cmark_node_set_list_delim(list, CMARK_PERIOD_DELIM);
		n = start ? strtol(start, NULL, 10) : 1;
		cmark_node_set_list_start(list, n < 0 || n > 999999999 ? 1 :
		    (int)n);
	} else
		cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	html_append(container, list);
	if (html_kind(e) == HK_ITEM) {
		item = html_node(c, CMARK_NODE_ITEM);
		html_append(list, item);
		html_content(c, e, item);
		html_para_close(c);
		return;
	}
	for (i = 0; i < v->length; i++) {
		k = v->data[i];
		if (k->type == GUMBO_NODE_WHITESPACE ||
		    k->type == GUMBO_NODE_COMMENT)
			continue;
		item = html_node(c, CMARK_NODE_ITEM);
		html_append(list, item);
		if (k->type == GUMBO_NODE_ELEMENT && html_kind(k) == HK_ITEM)
			html_content(c, k, item);
		else {
			/* Not an item: one of its own all the same. */
			GumboNode one = *e;
			GumboNode *kids[1] = { k };

			one.v.element.children.data = (void **)kids;
			one.v.element.children.length = 1;
			html_content(c, &one, item);
		}
		html_para_close(c);
	}
	if (cmark_node_first_child(list) == NULL)
		cmark_node_free(list);
}

/* Element E where blocks go, in CONTAINER. */
static void
html_block(struct html_conv *c, GumboNode *e, cmark_node *container)
{
	struct buf b = { 0 };
	cmark_node *n, *strong;
	int level;

	switch (html_kind(e)) {
	case HK_SKIP:
		return;
	case HK_BR:
		if (c->para != NULL)
			html_break(c);
		return;
	case HK_INLINE:
	case HK_IMG:
	case HK_A:
	case HK_STRONG:
	case HK_EMPH:
	case HK_CODE:
	case HK_STRIKE:
	case HK_CELL:
		html_para(c, container);
		html_inline(c, e);
		return;
	default:
		break;
	}
	html_para_close(c);
	switch (html_kind(e)) {
	case HK_HEADING:
		level = e->v.element.tag - GUMBO_TAG_H1 + 1;
		n = html_node(c, CMARK_NODE_HEADING);
		cmark_node_set_heading_level(n, level);
		html_para_open(c, container, n);
		html_content(c, e, NULL);
		break;
	case HK_SUMMARY:
		/* The line that stands for the details, in bold. */
		html_para_open(c, container, html_node(c,
		    CMARK_NODE_PARAGRAPH));
		strong = html_node(c, CMARK_NODE_STRONG);
		html_append(c->para, strong);
		c->in = strong;
		html_content(c, e, NULL);
		html_flush(c);
		html_trim(strong);
		c->in = c->para;
		break;
	case HK_LIST:
	case HK_ITEM:
		html_list(c, e, container);
		break;
	case HK_PRE:
		html_text_of(e, &b, c->depth);
		n = html_node(c, CMARK_NODE_CODE_BLOCK);
		cmark_node_set_literal(n, b.data ? b.data : "");
		html_append(container, n);
		buf_free(&b);
		break;
	case HK_QUOTE:
		n = html_node(c, CMARK_NODE_BLOCK_QUOTE);
		html_append(container, n);
		html_content(c, e, n);
		html_para_close(c);
		if (cmark_node_first_child(n) == NULL)
			cmark_node_free(n);
		break;
	case HK_HR:
		html_append(container, html_node(c, CMARK_NODE_THEMATIC_BREAK));
		break;
	case HK_TABLE:
		html_table(c, e, container);
		break;
	default:
		html_content(c, e, container);
		break;
	}
	html_para_close(c);
}

/*
 * The content of E where blocks go, in CONTAINER, or where inlines go
 * when CONTAINER is NULL.
 */
static void
html_content(struct html_conv *c, GumboNode *e, cmark_node *container)
{
	GumboVector *v = &e->v.element.children;
	GumboNode *k;
	unsigned i;

	if (c->depth >= HTML_MAX_DEPTH)
		return;
	c->depth++;
	for (i = 0; i < v->length; i++) {
		k = v->data[i];
		switch (k->type) {
		case GUMBO_NODE_WHITESPACE:
			if (container != NULL && c->para == NULL)
				break;
			/* FALLTHROUGH */
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
			if (container != NULL)
				html_para(c, container);
			html_text(c, k->v.text.text, strlen(k->v.text.text));
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			if (container != NULL)
				html_block(c, k, container);
			else
				html_inline(c, k);
			break;
		default:
			break;
		}
	}
	c->depth--;
}

/*
 * HTML block N: its pieces read by gumbo into nodes, which go after N.
 * N itself stays, for the walk to skip.
 */
static int
html_read_block(cmark_node *n, cmark_mem *mem,
    const struct html_anchors *anchors)
{
	const char *lit = cmark_node_get_literal(n);
	struct html_conv c;
	struct buf in = { 0 };
	size_t *cuts, ncuts, i, from;
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput **outs;
	GumboNode **rows = NULL;
	size_t nrows = 0, cap = 0;
	cmark_node *root, *k, *at;
	int end;

	if (lit == NULL)
		return 0;
	memset(&c, 0, sizeof(c));
	c.mem = mem;
	c.table = cmark_find_syntax_extension("table");
	c.strike = cmark_find_syntax_extension("strikethrough");
	html_guard(lit, strlen(lit), &in, &cuts, &ncuts);
	/*
	 * Rows that a blank line cut from their <table> are read as in a
	 * table, all pieces one table.
	 */
	opt.fragment_context = html_kind_of(html_tag_name(in.data, &end)) ==
	    HK_ROW || html_kind_of(html_tag_name(in.data, &end)) == HK_CELL ?
	    GUMBO_TAG_TABLE : GUMBO_TAG_DIV;
	opt.max_errors = 0;
	root = html_node(&c, CMARK_NODE_CUSTOM_BLOCK);
	outs = xcalloc(ncuts ? ncuts : 1, sizeof(*outs));
	for (i = 0, from = 0; i < ncuts; from = cuts[i++]) {
		outs[i] = gumbo_parse_with_options(&opt, in.data + from,
		    cuts[i] - from);
		html_anchors_in(outs[i]->root, anchors, 0);
		if (opt.fragment_context == GUMBO_TAG_TABLE && c.table != NULL)
			html_table_rows(outs[i]->root, &rows, &nrows, &cap);
		else
			html_content(&c, outs[i]->root, root);
	}
	html_table_make(&c, rows, nrows, root);
	html_para_close(&c);
	for (i = 0; i < ncuts; i++)
		gumbo_destroy_output(&opt, outs[i]);
	free(outs);
	free(rows);
	buf_free(&c.text);
	buf_free(&in);
	free(cuts);
	for (at = n; (k = cmark_node_first_child(root)) != NULL; at = k)
		if (!cmark_node_insert_after(at, k)) {
			cmark_node_free(k);
			k = at;
		}
	cmark_node_free(root);
	return at != n;
}

/* The element of inline HTML node N, a tag; *END: whether it ends one. */
static GumboTag
html_tag(cmark_node *n, int *end)
{
	return html_tag_name(cmark_node_get_literal(n), end);
}
int
html_is_break(cmark_node *n)
{
	int end;

	return cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
	    html_tag(n, &end) == GUMBO_TAG_BR;
}

/*
 * The element that the start tag of inline HTML node N makes, as gumbo
 * reads it, for its attributes; NULL when there is none. *OUT and *IN
 * are the caller's to free with html_tag_free.
 */
static GumboNode *
html_tag_read(cmark_node *n, GumboOutput **out, struct buf *in)
{
	const char *lit = cmark_node_get_literal(n);
	GumboOptions opt = kGumboDefaultOptions;
	GumboVector *v;
	size_t *cuts, ncuts;
	unsigned i;

	memset(in, 0, sizeof(*in));
	html_guard(lit, strlen(lit), in, &cuts, &ncuts);
	free(cuts);
	opt.fragment_context = GUMBO_TAG_DIV;
	opt.max_errors = 0;
	*out = gumbo_parse_with_options(&opt, in->data, in->len);
	v = &(*out)->root->v.element.children;
	for (i = 0; i < v->length; i++)
		if (((GumboNode *)v->data[i])->type == GUMBO_NODE_ELEMENT)
			return v->data[i];
	return NULL;
}

/* Frees what html_tag_read made. */
static void
html_tag_free(GumboOutput *out, struct buf *in)
{
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	buf_free(in);
}

/* Hands the anchor that the start tag of inline HTML node N sets to
   ANCHORS; only a tag with an attribute is read. */
static void
html_tag_anchor(cmark_node *n, const struct html_anchors *anchors)
{
	GumboOutput *out;
	struct buf in;
	GumboNode *e;

	if (anchors == NULL || strchr(cmark_node_get_literal(n), '=') == NULL)
		return;
	if ((e = html_tag_read(n, &out, &in)) != NULL)
		html_anchor(e, anchors);
	html_tag_free(out, &in);
}

/* Inline <img> N: an image node in its place when it has alt text. */
static int
html_pair_image(cmark_node *n, cmark_mem *mem)
{
	GumboOutput *out;
	struct buf in;
	GumboNode *e = html_tag_read(n, &out, &in);
	cmark_node *img = NULL;

	if (e != NULL)
		img = html_image_node(mem, html_attr(e, "alt"),
		    html_attr(e, "src"), html_attr(e, "title"));
	html_tag_free(out, &in);
	if (img == NULL)
		return 0;
	if (!cmark_node_insert_before(n, img)) {
		cmark_node_free(img);
		return 0;
	}
	cmark_node_free(n);
	return 1;
}

/*
 * The nodes between inline start tag START and end tag END as inline
 * code: their text, when they are all text. Returns whether they were.
 */
static int
html_pair_code(cmark_node *start, cmark_node *end, cmark_mem *mem)
{
	struct buf b = { 0 };
	cmark_node *k, *next, *code;
	cmark_node_type t;
	const char *lit;

	for (k = cmark_node_next(start); k != end; k = cmark_node_next(k)) {
		t = cmark_node_get_type(k);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			buf_addc(&b, ' ');
		else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			lit = cmark_node_get_literal(k);
			buf_adds(&b, lit ? lit : "");
		} else {
			buf_free(&b);
			return 0;
		}
	}
	if (b.len == 0)
		return 0;
	code = cmark_node_new_with_mem(CMARK_NODE_CODE, mem);
	cmark_node_set_literal(code, b.data);
	buf_free(&b);
	if (!cmark_node_insert_before(start, code)) {
		cmark_node_free(code);
		return 0;
	}
	for (k = cmark_node_next(start); k != end; k = next) {
		next = cmark_node_next(k);
		cmark_node_free(k);
	}
	return 1;
}

/*
 * Puts the nodes between inline start tag START and its end tag END in
 * the node that the tag's element T stands for; the tags go. Returns
 * whether anything changed.
 */
static int
html_pair(cmark_node *start, cmark_node *end, GumboTag t, cmark_mem *mem)
{
	cmark_syntax_extension *ext;
	cmark_node *w = NULL, *k, *next;
	GumboOutput *out;
	GumboNode *e;
	struct buf in;
	const char *href;

	switch (html_kind_of(t)) {
	case HK_SKIP:
		for (k = cmark_node_next(start); k != end; k = next) {
			next = cmark_node_next(k);
			cmark_node_free(k);
		}
		return 1;	/* the tags go as the walk drops them */
	case HK_CODE:
		if (!html_pair_code(start, end, mem))
			return 0;
		break;
	case HK_A:
		e = html_tag_read(start, &out, &in);
		if (e != NULL && (href = html_attr(e, "href")) != NULL) {
			w = cmark_node_new_with_mem(CMARK_NODE_LINK, mem);
			cmark_node_set_url(w, href);
			cmark_node_set_title(w, html_attr(e, "title") ?
			    html_attr(e, "title") : "");
		}
		html_tag_free(out, &in);
		break;
	case HK_STRONG:
		w = cmark_node_new_with_mem(CMARK_NODE_STRONG, mem);
		break;
	case HK_EMPH:
		w = cmark_node_new_with_mem(CMARK_NODE_EMPH, mem);
		break;
	case HK_STRIKE:
		if ((ext = cmark_find_syntax_extension("strikethrough")) != NULL)
			w = cmark_node_new_with_mem_and_ext(
			    CMARK_NODE_STRIKETHROUGH, mem, ext);
		break;
	default:
		break;
	}
	if (html_kind_of(t) != HK_CODE) {
		if (w == NULL)
			return 0;
		/* Filled apart from the tree, where its checks are short. */
		if (!cmark_node_insert_before(start, w)) {
			cmark_node_free(w);
			return 0;
		}
		cmark_node_unlink(w);
		for (k = cmark_node_next(start); k != end; k = next) {
			next = cmark_node_next(k);
			if (!cmark_node_append_child(w, k))
				break;
		}
		cmark_node_insert_before(start, w);
	}
	cmark_node_free(start);
	cmark_node_free(end);
	return 1;
}

/* Strips spaces from the end of text node N, or its start if START. */
static void
html_pair_strip(cmark_node *n, int start)
{
	const char *lit;
	char *s;
	size_t a = 0, b;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(n)) == NULL)
		return;
	b = strlen(lit);
	if (start)
		while (a < b && lit[a] == ' ')
			a++;
	else
		while (b > a && lit[b - 1] == ' ')
			b--;
	if (a == 0 && b == strlen(lit))
		return;
	s = xstrndup(lit + a, b - a);
	cmark_node_set_literal(n, s);
	free(s);
}

/*
 * Inline tag N of a block element (</p>, <li>, </td> ...) in PARENT: a
 * line break, none at the start of a line or at the end; <li> starts
 * with a bullet.
 */
static void
html_pair_line(cmark_node *parent, cmark_node *n, GumboTag t, int end,
    cmark_mem *mem)
{
	cmark_node *prev = cmark_node_previous(n), *bullet;
	cmark_node_type pt = cmark_node_get_type(parent);
	int line_start;

	line_start = prev != NULL ? html_is_break(prev) :
	    pt == CMARK_NODE_PARAGRAPH || pt == CMARK_NODE_HEADING ||
	    pt == CMARK_NODE_TABLE_CELL;
	if (t == GUMBO_TAG_LI && !end) {
		bullet = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
		cmark_node_set_literal(bullet, "• ");
		if (!cmark_node_insert_after(n, bullet))
			cmark_node_free(bullet);
	}
	/* No white space at the ends of the line. */
	html_pair_strip(prev, 0);
	html_pair_strip(cmark_node_next(n), 1);
	if (line_start || cmark_node_next(n) == NULL)
		cmark_node_free(n);
	else
		cmark_node_set_literal(n, "<br>");
}

/*
 * The inline HTML tags among the children of PARENT, from FIRST on:
 * pairs of tags become the nodes they stand for, tags of block
 * elements line breaks, <img> an image. A start tag with no end tag
 * among them stands for nothing: a wrapper to the end of PARENT would
 * hold it again, and the walk read PARENT's rest once per such tag.
 */
static int
html_pair_all(cmark_node *parent, cmark_node *first, cmark_mem *mem,
    const struct html_anchors *anchors)
{
	struct {
		cmark_node	*tag;
		GumboTag	 t;
	} open[HTML_MAX_OPEN];
	size_t nopen = 0, i;
	cmark_node *k, *next;
	GumboTag t;
	int end, changed = 0;

	for (k = first; k != NULL; k = next) {
		next = cmark_node_next(k);
		if (cmark_node_get_type(k) != CMARK_NODE_HTML_INLINE)
			continue;
		t = html_tag(k, &end);
		if (!end && t != GUMBO_TAG_UNKNOWN)
			html_tag_anchor(k, anchors);
		switch (html_kind_of(t)) {
		case HK_INLINE:
		case HK_BR:
			break;
		case HK_IMG:
			if (!end)
				changed |= html_pair_image(k, mem);
			break;
		case HK_SKIP:
		case HK_A:
		case HK_STRONG:
		case HK_EMPH:
		case HK_CODE:
		case HK_STRIKE:
			if (!end) {
				if (nopen < HTML_MAX_OPEN) {
					open[nopen].tag = k;
					open[nopen++].t = t;
				}
				break;
			}
			/* Those open inside this pair are read in it. */
			for (i = nopen; i > 0 && open[i - 1].t != t; i--)
				;
			if (i == 0)
				break;
			nopen = i - 1;
			changed |= html_pair(open[nopen].tag, k, t, mem);
			break;
		default:
			html_pair_line(parent, k, t, end, mem);
			changed = 1;
			break;
		}
	}
	return changed;
}

int
html_rewrite(cmark_node *n, cmark_mem *mem,
    const struct html_anchors *anchors)
{
	cmark_node *k;

	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
		return html_read_block(n, mem, anchors);
	for (k = cmark_node_first_child(n); k != NULL &&
	    cmark_node_get_type(k) != CMARK_NODE_HTML_INLINE;
	    k = cmark_node_next(k))
		;
	return k != NULL && html_pair_all(n, k, mem, anchors);
}
