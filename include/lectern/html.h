/*
 * html.c: raw HTML in a document, read as its author meant it.
 *
 * The walk of doc.c knows cmark's nodes only; this room turns raw HTML
 * into them, in the AST, just before the walk reaches it:
 *
 * - An HTML block is read by gumbo, an HTML5 parser (within the bounds
 *   of html-guard.c), and what it holds becomes paragraphs, headings
 *   (h1-h6), lists (ul, ol, li), block quotes, code blocks (pre), rules
 *   (hr) and tables (table, tr, th, td), with links (a href), images
 *   (img alt), emphasis (b, strong, i, em), code (code, kbd, samp, tt)
 *   and strikethrough (s, del, strike) inside; a <summary> is a line in
 *   bold above the content of its <details>. Comments, <script> and
 *   <style> leave nothing. Character references are decoded by gumbo.
 *   The new nodes go right after the block, which the walk then skips.
 *
 * - Inline HTML is one node per tag. Among the children of a node, a
 *   start tag and its end tag become the node they stand for around
 *   what is between them (<a href> ... </a> a link, <b> ... </b>
 *   strong); one with no end tag stands for nothing. <img alt> is
 *   an image, a tag of a block element (</p>, <li>, </td>, <div> ...)
 *   a line break, <li> with a bullet, and the text between <script>
 *   and </script> goes.
 *
 * A line break is an inline node "<br>", which the walk turns into a
 * hard break: cmark-gfm allows no line break node in a table cell.
 *
 * The anchors that HTML sets, the id of any element and the name of an
 * <a>, are handed to the caller as they are read, for --check.
 */
#ifndef LECTERN_HTML_H
#define LECTERN_HTML_H

struct cmark_mem;
struct cmark_node;

/* Where the anchors go: ADD(ARG, ANCHOR) for each, NUL-terminated. */
struct html_anchors {
	void	(*add)(void *arg, const char *anchor);
	void	 *arg;
};

/*
 * Rewrites the raw HTML that node N is or holds, as the walk enters N;
 * MEM is the allocator of N's tree; the anchors that N's HTML sets go
 * to ANCHORS (which may be NULL). Returns whether N's children or the
 * nodes after N changed, and so where the walk goes next.
 */
int	 html_rewrite(struct cmark_node *n, struct cmark_mem *mem,
	    const struct html_anchors *anchors);

/* Is inline HTML node N a line break (<br>)? */
int	 html_is_break(struct cmark_node *n);

#endif
