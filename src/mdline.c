/*
 * mdline.c: the block structure of Markdown, line by line, as the block
 * parser of libcmark-gfm 0.29 builds it (the contract is in mdline.h).
 *
 * mdline_next does for each line what the parser does, in its order,
 * keeping only what decides the lines after:
 *
 *   1. the open containers, outermost first, match their markers ('>',
 *	a list item's indentation, a footnote definition's four columns)
 *	until one does not; when all do, so may the open leaf: a paragraph
 *	unless the line is blank, a table while the line is a row, code up
 *	to its closing fence, an HTML block up to its end condition;
 *   2. new blocks start where the matched part ends, tried in this order:
 *	block quote, ATX heading, fence, HTML block, setext underline,
 *	thematic break, footnote definition, list item, indented code,
 *	table; containers again and again, until a leaf or text;
 *   3. a line that started nothing continues the open paragraph when
 *	that did not match (lazily), else closes what did not match and
 *	starts a paragraph, or goes on with the one that matched.
 *
 * Columns count tab stops of 4, and a marker may take part of a tab, as
 * in the parser. Each test below is one of the parser's (blocks.c,
 * scanners.re, the table extension), named after it where it helps.
 * A line costs a few passes over its bytes at most, and a step for each
 * open container.
 */
#include <string.h>

#include "lectern/mdline.h"

/* What the lines of the open paragraph have been. */
enum mdline_refs {
	MDLINE_TEXT,		/* text for the inline parser */
	MDLINE_DEFS,		/* whole link reference definitions */
	MDLINE_DEFS_OPEN,	/* the same, the last without a title, which
				   the next line may hold */
	MDLINE_UNSURE		/* perhaps only definitions */
};

/* How a line goes on after its containers (the parser's container). */
enum mdline_cont {
	MDLINE_IN_BOX,		/* a container, or the document */
	MDLINE_IN_PARA,		/* the open paragraph, matched */
	MDLINE_IN_TABLE		/* the open table, matched */
};

/* A place in the line being read. */
struct mdline_cur {
	const char	*eol;
	const char	*p;		/* the parser's offset */
	int		 col;		/* its column [columns] */
	const char	*fns;		/* first non-blank at or after p */
	int		 fcol;		/* its column [columns] */
	int		 indent;	/* fcol - col [columns] */
	int		 blank;		/* fns is the line end */
	const char	*kill;		/* a thematic break failed up to here */
};

/* The first bytes of the blocks that mdline_next tries to start. */
static const unsigned char mdline_starts[256] = {
	['>'] = 1, ['#'] = 1, ['`'] = 1, ['~'] = 1, ['<'] = 1, ['='] = 1,
	['-'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, ['+'] = 1, ['0'] = 1,
	['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1
};

/*
 * Besides mdline_starts, the first bytes of a line that mdline_next reads
 * the long way: blanks, those of a table delimiter row, and '\r'.
 */
static const unsigned char mdline_other[256] = {
	['\t'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, ['|'] = 1,
	[':'] = 1
};

static const char *mdline_block_tags[] = {
	"address", "article", "aside", "base", "basefont", "blockquote",
	"body", "caption", "center", "col", "colgroup", "dd", "details",
	"dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
	"h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend",
	"li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
	"optgroup", "option", "p", "param", "section", "source", "title",
	"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
	"track", "ul"
};

/* Is C a space or a tab? */
static int
mdline_st(char c)
{
	return c == ' ' || c == '\t';
}

/* Is C white space to the parser's scanners (cmark_isspace)? */
static int
mdline_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Is C white space in a table row ([ \t\v\f])? */
static int
mdline_tsp(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Is C an ASCII letter? */
static int
mdline_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is C an ASCII letter or digit? */
static int
mdline_alnum(char c)
{
	return mdline_alpha(c) || (c >= '0' && c <= '9');
}

/* Is C ASCII punctuation, which a backslash escapes? */
static int
mdline_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Whether the N bytes at P are S (lower case), in any case. */
static int
mdline_caseeq(const char *p, size_t n, const char *s)
{
	size_t i;
	char c;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++) {
		c = p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i];
		if (c != s[i])
			return 0;
	}
	return 1;
}

/* Whether S occurs in [P, E). */
static int
mdline_has(const char *p, const char *e, const char *s)
{
	size_t n = strlen(s);

	while ((size_t)(e - p) >= n &&
	    (p = memchr(p, s[0], (size_t)(e - p) - n + 1)) != NULL) {
		if (memcmp(p, s, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* Finds the first non-blank byte from the cursor (S_find_first_nonspace). */
static void
mdline_fns_scan(struct mdline_cur *c)
{
	const char *q = c->p;
	int col = c->col, tab = 4 - col % 4;

	for (; q < c->eol && mdline_st(*q); q++) {
		if (*q == ' ') {
			col++;
			if (--tab == 0)
				tab = 4;
		} else {
			col += tab;
			tab = 4;
		}
	}
	c->fns = q;
	c->fcol = col;
}

/* Sets the cursor's first non-blank byte, found once for each place. */
static inline void
mdline_fns(struct mdline_cur *c)
{
	if (c->fns == NULL || c->fns < c->p)
		mdline_fns_scan(c);
	c->indent = c->fcol - c->col;
	c->blank = c->fns == c->eol;
}

/* Moves the cursor to TO by bytes, a tab to its stop (S_advance_offset). */
static void
mdline_to(struct mdline_cur *c, const char *to)
{
	while (c->p < to) {
		c->col += *c->p == '\t' ? 4 - c->col % 4 : 1;
		c->p++;
	}
}

/* Moves the cursor N columns on, perhaps into a tab (S_advance_offset). */
static void
mdline_cols(struct mdline_cur *c, int n)
{
	int tab;

	while (n > 0 && c->p < c->eol) {
		if (*c->p == '\t') {
			tab = 4 - c->col % 4;
			if (tab > n) {
				c->col += n;
				return;
			}
			c->col += tab;
			n -= tab;
		} else {
			c->col++;
			n--;
		}
		c->p++;
	}
}

/* Whether [P, E) starts an ATX heading; *TEXT is where its text starts. */
static int
mdline_atx(const char *p, const char *e, const char **text)
{
	int n = 0;

	while (p < e && *p == '#' && n < 7) {
		p++;
		n++;
	}
	if (n == 0 || n > 6 || (p < e && !mdline_st(*p)))
		return 0;
	while (p < e && mdline_st(*p))
		p++;
	*text = p;
	return 1;
}

/* Length of the code fence that opens at P, at most 255, or 0. */
static int
mdline_fence_open(const char *p, const char *e)
{
	const char *q = p;

	if (p == e || (*p != '`' && *p != '~'))
		return 0;
	while (q < e && *q == *p)
		q++;
	if (q - p < 3 || (*p == '`' && memchr(q, '`', (size_t)(e - q))))
		return 0;
	return q - p > 255 ? 255 : (int)(q - p);
}

/* Whether [P, E) closes a fence of LEN bytes of CH. */
static int
mdline_fence_close(const char *p, const char *e, char ch, int len)
{
	const char *q = p;

	while (q < e && *q == ch)
		q++;
	if (q - p < 3 || q - p < len)
		return 0;
	while (q < e && mdline_st(*q))
		q++;
	return q == e;
}

/* Whether [P, E) is one whole HTML tag and blanks (HTML block type 7). */
static int
mdline_tag(const char *p, const char *e)
{
	const char *q = p + 1, *s;
	char quote;

	if (q < e && *q == '/')
		q++;
	if (q == e || !mdline_alpha(*q))
		return 0;
	while (q < e && (mdline_alnum(*q) || *q == '-'))
		q++;
	/* Attributes: name, and perhaps '=' and a value. */
	while (p[1] != '/') {
		s = q;
		while (q < e && mdline_space(*q))
			q++;
		if (q == s || q == e || !(mdline_alpha(*q) || *q == '_' ||
		    *q == ':')) {
			q = s;
			break;
		}
		while (q < e && (mdline_alnum(*q) || *q == '_' || *q == ':' ||
		    *q == '.' || *q == '-'))
			q++;
		s = q;
		while (q < e && mdline_space(*q))
			q++;
		if (q == e || *q != '=') {
			q = s;
			continue;
		}
		for (q++; q < e && mdline_space(*q); q++)
			;
		if (q < e && (*q == '"' || *q == '\'')) {
			quote = *q;
			if ((s = memchr(q + 1, quote, (size_t)(e - q - 1))) ==
			    NULL)
				return 0;
			q = s + 1;
			continue;
		}
		for (s = q; q < e && !mdline_space(*q) &&
		    strchr("\"'=<>`", *q) == NULL; q++)
			;
		if (q == s)
			return 0;
	}
	while (q < e && mdline_space(*q))
		q++;
	if (p[1] != '/' && q < e && *q == '/')
		q++;
	if (q == e || *q != '>')
		return 0;
	for (q++; q < e && (*q == ' ' || *q == '\t' || *q == '\f'); q++)
		;
	return q == e;
}

/* The type of the HTML block that [P, E) starts, 1 to 7, or 0. */
static int
mdline_html_start(const char *p, const char *e, int seven)
{
	const char *q = p + 1, *name;
	size_t i, n;
	char after;

	if (p == e || *p != '<')
		return 0;
	if (e - q >= 3 && memcmp(q, "!--", 3) == 0)
		return 2;
	if (q < e && *q == '?')
		return 3;
	if (e - q >= 2 && q[0] == '!' && q[1] >= 'A' && q[1] <= 'Z')
		return 4;
	if (e - q >= 8 && mdline_caseeq(q, 8, "![cdata["))
		return 5;
	if (q < e && *q == '/')
		q++;
	for (name = q; q < e && mdline_alnum(*q); q++)
		;
	n = (size_t)(q - name);
	after = q < e ? *q : '\n';
	if (name == p + 1 && (mdline_space(after) || after == '>') &&
	    (mdline_caseeq(name, n, "script") || mdline_caseeq(name, n,
	    "pre") || mdline_caseeq(name, n, "style")))
		return 1;
	if (mdline_space(after) || after == '>' || (after == '/' &&
	    q + 1 < e && q[1] == '>'))
		for (i = 0; i < sizeof(mdline_block_tags) /
		    sizeof(mdline_block_tags[0]); i++)
			if (mdline_caseeq(name, n, mdline_block_tags[i]))
				return 6;
	return seven && mdline_tag(p, e) ? 7 : 0;
}

/* Whether [P, E) holds the end of an HTML block of TYPE 1 to 5. */
static int
mdline_html_end(int type, const char *p, const char *e)
{
	const char *q, *name;

	switch (type) {
	case 1:
		for (q = p; (q = memchr(q, '<', (size_t)(e - q))) != NULL;
		    q++) {
			if (e - q < 2 || q[1] != '/')
				continue;
			for (name = q + 2; name < e && mdline_alpha(*name);
			    name++)
				;
			if (name < e && *name == '>' &&
			    (mdline_caseeq(q + 2, (size_t)(name - q - 2),
			    "script") || mdline_caseeq(q + 2, (size_t)(name -
			    q - 2), "pre") || mdline_caseeq(q + 2,
			    (size_t)(name - q - 2), "style")))
				return 1;
		}
		return 0;
	case 2:
		return mdline_has(p, e, "-->");
	case 3:
		return mdline_has(p, e, "?>");
	case 4:
		return memchr(p, '>', (size_t)(e - p)) != NULL;
	case 5:
		return mdline_has(p, e, "]]>");
	default:
		return 0;
	}
}

/* Whether [P, E) is a setext heading's underline. */
static int
mdline_setext(const char *p, const char *e)
{
	const char *q = p;

	if (p == e || (*p != '=' && *p != '-'))
		return 0;
	while (q < e && *q == *p)
		q++;
	while (q < e && mdline_st(*q))
		q++;
	return q == e;
}

/* Whether [P, E) is a thematic break; if not, *KILL is where it fails. */
static int
mdline_rule(const char *p, const char *e, const char **kill)
{
	const char *q;
	int n = 0;

	if (p == e || (*p != '*' && *p != '-' && *p != '_')) {
		*kill = p;
		return 0;
	}
	for (q = p; q < e; q++) {
		if (*q == *p)
			n++;
		else if (!mdline_st(*q)) {
			*kill = q;
			return 0;
		}
	}
	if (n >= 3)
		return 1;
	*kill = e;
	return 0;
}

/*
 * Length of the footnote definition marker "[^label]:" and its blanks at
 * P, or 0; *LABEL and *N are its label.
 */
static int
mdline_note(const char *p, const char *e, const char **label, size_t *n)
{
	const char *q;

	if (e - p < 5 || p[0] != '[' || p[1] != '^')
		return 0;
	for (q = p + 2; q < e && *q != ']' && *q != ' ' && *q != '\t' &&
	    *q != '\r' && *q != '\n' && *q != '\0'; q++)
		;
	if (q == p + 2 || e - q < 2 || q[0] != ']' || q[1] != ':')
		return 0;
	*label = p + 2;
	*n = (size_t)(q - p - 2);
	for (q += 2; q < e && mdline_st(*q); q++)
		;
	return (int)(q - p);
}

/*
 * Length of the list marker at the cursor (parse_list_marker), or 0; one
 * that INTERRUPTS a paragraph must be a bullet or "1." with text after
 * it. *ESC is the byte whose escape makes it text.
 */
static int
mdline_marker(const struct mdline_cur *c, int interrupts, const char **esc)
{
	const char *p = c->fns, *e = c->eol, *q;
	long start = 0;
	int digits = 0;

	if (p == e)
		return 0;
	if (*p == '*' || *p == '-' || *p == '+') {
		*esc = p;
		q = p + 1;
	} else {
		for (q = p; q < e && *q >= '0' && *q <= '9' && digits < 9;
		    q++, digits++)
			start = start * 10 + (*q - '0');
		if (digits == 0 || (interrupts && start != 1) || q == e ||
		    (*q != '.' && *q != ')'))
			return 0;
		*esc = q++;
	}
	if (q < e && !mdline_space(*q))
		return 0;
	if (interrupts) {
		while (q < e && mdline_st(*q))
			q++;
		if (q == e)
			return 0;
	}
	return digits + 1;
}

/* Cells of the table delimiter row [P, E) (scan_table_start), or 0. */
static int
mdline_delim(const char *p, const char *e, int max_pipes)
{
	const char *q = p, *r;
	int cells = 0, pipes = 0;

	if (q < e && *q == '|') {
		q++;
		pipes++;
	}
	for (;;) {
		while (q < e && mdline_tsp(*q))
			q++;
		if (q < e && *q == ':')
			q++;
		if (q == e || *q != '-')
			return 0;
		while (q < e && *q == '-')
			q++;
		if (q < e && *q == ':')
			q++;
		while (q < e && mdline_tsp(*q))
			q++;
		cells++;
		if (q == e)
			break;
		if (*q != '|')
			return 0;
		q++;
		pipes++;
		for (r = q; r < e && mdline_tsp(*r); r++)
			;
		if (r == e)
			break;
	}
	return max_pipes > 0 && pipes > max_pipes ? 0 : cells;
}

int
mdline_cells(const char *p, const char *eol, int max_pipes)
{
	const char *q = p, *bar = NULL, *esc = NULL;
	int n = 0, pipes = 0, cell = 0;

	/* The leading '|' and white space (scan_table_cell_end). */
	if (q < eol && *q == '|') {
		pipes++;
		for (q++; q < eol && mdline_tsp(*q); q++)
			;
	}
	/* From '|' to '|' and backslash to backslash. */
	while (q < eol) {
		cell = 1;
		if ((bar == NULL || bar < q) &&
		    (bar = memchr(q, '|', (size_t)(eol - q))) == NULL)
			bar = eol;
		if ((esc == NULL || esc < q) &&
		    (esc = memchr(q, '\\', (size_t)(eol - q))) == NULL)
			esc = eol;
		if (esc < bar) {
			q = esc + 1;
			if (q < eol && mdline_punct(*q))
				q++;
			continue;
		}
		if (bar == eol)
			break;
		q = bar + 1;
		/*
		 * A '|' right after a backslash is in the cell: the scanner
		 * takes the longest cell, and "\\|" may end in one.
		 */
		if (++pipes > max_pipes && max_pipes > 0)
			continue;
		if (bar[-1] == '\\')
			continue;
		n++;
		cell = 0;
		while (q < eol && mdline_tsp(*q))
			q++;
	}
	return n + cell;
}

/* Whether the table row [P, E) has a cell (the table's matches). */
static int
mdline_row(const char *p, const char *e)
{
	if (p < e && *p == '|')
		for (p++; p < e && mdline_tsp(*p); p++)
			;
	return p < e;
}

/*
 * What a link title at P ('"', '\'' or '(') makes of its definition:
 * MDLINE_DEFS when it closes and only blanks follow, MDLINE_TEXT when the
 * definition ends before it (no title), MDLINE_UNSURE when it may go on
 * to the next line.
 */
static int
mdline_title(const char *p, const char *e)
{
	const char *q;
	char close = *p == '(' ? ')' : *p;

	/*
	 * The scanner takes the longest title: a quote (or parenthesis)
	 * right after a backslash may be inside it, so the title ends at
	 * the first one after anything else.
	 */
	for (q = p + 1; q < e; q++) {
		if (q[-1] == '\\')
			continue;
		if (*q == close)
			break;
		if (close == ')' && *q == '(')
			return MDLINE_TEXT;
	}
	if (q == e)
		return MDLINE_UNSURE;
	for (q++; q < e && mdline_st(*q); q++)
		;
	return q == e ? MDLINE_DEFS : MDLINE_TEXT;
}

/*
 * Whether the paragraph line [P, E) is a whole link reference definition
 * (cmark_parse_reference_inline): MDLINE_DEFS, or MDLINE_DEFS_OPEN when
 * the next line may hold its title; MDLINE_TEXT when it is surely none;
 * MDLINE_UNSURE when it may go on to the next line.
 */
static int
mdline_refdef(const char *p, const char *e)
{
	const char *q, *s;
	int len = 0, text = 0, depth = 0;

	if (p == e || *p != '[')
		return MDLINE_TEXT;
	for (q = p + 1; q < e && *q != '[' && *q != ']'; q++, len++) {
		if (*q == '\\' && q + 1 < e && mdline_punct(q[1])) {
			q++;
			len++;
		}
		if (len > 999)
			return MDLINE_UNSURE;
		if (!mdline_space(*q))
			text = 1;
	}
	if (q == e)
		return MDLINE_UNSURE;
	if (*q == '[' || !text || e - q < 2 || q[1] != ':')
		return MDLINE_TEXT;
	if (p[1] == '^')
		return MDLINE_UNSURE;	/* footnotes are the parser's own */
	for (q += 2; q < e && mdline_st(*q); q++)
		;
	if (q == e)
		return MDLINE_UNSURE;
	/* The destination (manual_scan_link_url). */
	if (*q == '<') {
		for (q++; q < e && *q != '>'; q++) {
			if (*q == '\\' && q + 1 == e)
				return MDLINE_UNSURE;
			if (*q == '\\')
				q++;
			else if (*q == '<')
				return MDLINE_TEXT;
		}
		if (q >= e)
			return MDLINE_TEXT;
		q++;
	} else
		while (q < e && !mdline_space(*q)) {
			if (*q == '\\' && q + 1 < e && mdline_punct(q[1]))
				q++;
			else if (*q == '(' && ++depth > 32)
				return MDLINE_TEXT;
			else if (*q == ')' && depth-- == 0)
				break;
			q++;
		}
	/* The title, after white space. */
	for (s = q; q < e && mdline_st(*q); q++)
		;
	if (q == e)
		return MDLINE_DEFS_OPEN;
	if (q == s || (*q != '"' && *q != '\'' && *q != '('))
		return MDLINE_TEXT;
	return mdline_title(q, e);
}

/* Follows what the paragraph's lines are with its line [P, E). */
static void
mdline_refs(struct mdline_state *st, const char *p, const char *e,
    int first)
{
	const char *q;

	if (!first && (st->refs == MDLINE_TEXT || st->refs == MDLINE_UNSURE))
		return;
	if (!first && st->refs == MDLINE_DEFS_OPEN) {
		/* The title of the definition above, or not. */
		for (q = p; q < e && mdline_st(*q); q++)
			;
		if (q < e && (*q == '"' || *q == '\'' || *q == '(')) {
			st->refs = mdline_title(q, e);
			return;
		}
	}
	st->refs = mdline_refdef(p, e);
}

/* Closes what the line did not match, before its first new block. */
static void
mdline_close(struct mdline_state *st, int matched, int *opened)
{
	if (*opened)
		return;
	*opened = 1;
	st->depth = matched;
	st->leaf = MDLINE_LEAF_NONE;
}

/* A block starts in the innermost container: a list item is filled. */
static void
mdline_fill(struct mdline_state *st)
{
	if (st->depth > 0 && st->box[st->depth - 1].type == MDLINE_ITEM)
		st->box[st->depth - 1].filled = 1;
}

/* Opens a container, unless that passes max_depth. */
static int
mdline_open(struct mdline_state *st, int matched, int *opened, int type,
    int width)
{
	struct mdline_box *b;

	if ((*opened ? st->depth : matched) >= st->max_depth)
		return 0;
	mdline_close(st, matched, opened);
	mdline_fill(st);
	b = &st->box[st->depth++];
	b->type = (uint8_t)type;
	b->filled = 0;
	b->width = (uint16_t)width;
	return 1;
}

/* Opens leaf block LEAF (or one that ends with its line). */
static void
mdline_leaf(struct mdline_state *st, int matched, int *opened, int leaf)
{
	mdline_close(st, matched, opened);
	mdline_fill(st);
	st->leaf = leaf;
}

/* Opens the list item at the cursor, marker of N bytes (its padding). */
static int
mdline_item(struct mdline_state *st, struct mdline_cur *c, int n,
    int matched, int *opened)
{
	struct mdline_cur save;
	int indent = c->indent, i, pad;

	if (!mdline_open(st, matched, opened, MDLINE_ITEM, 0))
		return 0;
	mdline_to(c, c->fns + n);
	save = *c;
	while (c->col - save.col <= 5 && c->p < c->eol && mdline_st(*c->p))
		mdline_cols(c, 1);
	i = c->col - save.col;
	if (i >= 5 || i < 1 || c->p == c->eol) {
		pad = n + 1;
		*c = save;
		if (i > 0)
			mdline_cols(c, 1);
	} else
		pad = n + i;
	st->box[st->depth - 1].width = (uint16_t)(indent + pad);
	return 1;
}

void
mdline_init(struct mdline_state *st, int max_depth, int max_pipes)
{
	memset(st, 0, sizeof(*st));
	st->max_depth = max_depth <= 0 || max_depth > MDLINE_DEPTH ?
	    MDLINE_DEPTH : max_depth;
	st->max_pipes = max_pipes;
}

/*
 * Matches the open containers and leaf (check_open_blocks); returns the
 * containers matched, sets *ALL when the leaf matched too. Returns -1
 * when the line is the leaf's own (code, HTML), with ML filled in.
 */
static int
mdline_match(struct mdline_state *st, struct mdline_cur *c,
    const char *line, struct mdline *ml, int *all)
{
	struct mdline_box *b;
	int i;

	*all = 0;
	for (i = 0; i < st->depth; i++) {
		b = &st->box[i];
		mdline_fns(c);
		if (b->type == MDLINE_QUOTE) {
			if (c->indent > 3 || c->blank || *c->fns != '>')
				break;
			mdline_cols(c, c->indent + 1);
			if (c->p < c->eol && mdline_st(*c->p))
				mdline_cols(c, 1);
		} else if (b->type == MDLINE_ITEM) {
			if (c->indent >= b->width)
				mdline_cols(c, b->width);
			else if (c->blank && b->filled)
				mdline_to(c, c->fns);
			else
				break;
		} else if (c->indent >= 4)
			mdline_cols(c, 4);
		else if (line != c->eol)
			break;
	}
	mdline_fns(c);
	ml->text = c->fns;
	if (i < st->depth)
		return i;
	switch (st->leaf) {
	case MDLINE_LEAF_FENCE:
		if (c->indent <= 3 && !c->blank && *c->fns == st->fence &&
		    mdline_fence_close(c->fns, c->eol, st->fence,
		    st->fence_len))
			st->leaf = MDLINE_LEAF_NONE;
		ml->kind = MDLINE_CODE;
		return -1;
	case MDLINE_LEAF_INDENTED:
		if (c->indent < 4 && !c->blank)
			break;
		ml->kind = MDLINE_CODE;
		return -1;
	case MDLINE_LEAF_HTML:
		if (st->html > 5 && c->blank)
			break;
		if (st->html <= 5 && mdline_html_end(st->html, c->fns, c->eol))
			st->leaf = MDLINE_LEAF_NONE;
		ml->kind = MDLINE_HTML;
		return -1;
	case MDLINE_LEAF_PARA:
		*all = !c->blank;
		break;
	case MDLINE_LEAF_TABLE:
		*all = mdline_row(c->fns, c->eol);
		break;
	default:
		*all = 1;
		break;
	}
	return i;
}

void
mdline_next(struct mdline_state *st, const char *line, const char *eol,
    struct mdline *ml)
{
	struct mdline_cur c;
	const char *q, *label, *esc = NULL;
	size_t llen;
	int matched, all, cont, lazy, opened = 0, n, refused = 0;

	memset(ml, 0, sizeof(*ml));
	/*
	 * Most lines are text, empty or headings outside any container: what
	 * the rest of this function does for them, in short.
	 */
	if (st->depth == 0 && line == eol && (st->leaf == MDLINE_LEAF_NONE ||
	    st->leaf == MDLINE_LEAF_PARA || st->leaf == MDLINE_LEAF_TABLE)) {
		ml->kind = MDLINE_BLANK;
		ml->text = line;
		st->leaf = MDLINE_LEAF_NONE;
		return;
	}
	if (st->depth == 0 && line < eol &&
	    !mdline_other[(unsigned char)*line] &&
	    !mdline_starts[(unsigned char)*line] &&
	    (st->leaf == MDLINE_LEAF_PARA || st->leaf == MDLINE_LEAF_NONE)) {
		ml->text = line;
		ml->kind = st->leaf == MDLINE_LEAF_PARA ? MDLINE_CONT :
		    MDLINE_PARA;
		st->leaf = MDLINE_LEAF_PARA;
		st->last = line;
		st->last_eol = eol;
		mdline_refs(st, line, eol, ml->kind == MDLINE_PARA);
		ml->defs = st->refs == MDLINE_DEFS ||
		    st->refs == MDLINE_DEFS_OPEN;
		return;
	}
	if (st->depth == 0 && line < eol && *line == '#' &&
	    (st->leaf == MDLINE_LEAF_PARA || st->leaf == MDLINE_LEAF_NONE) &&
	    mdline_atx(line, eol, &ml->text)) {
		ml->kind = MDLINE_HEADING;
		st->leaf = MDLINE_LEAF_NONE;
		return;
	}
	memset(&c, 0, sizeof(c));
	c.p = line;
	c.eol = eol;
	if ((matched = mdline_match(st, &c, line, ml, &all)) < 0)
		goto done;
	cont = !all ? MDLINE_IN_BOX : st->leaf == MDLINE_LEAF_PARA ?
	    MDLINE_IN_PARA : st->leaf == MDLINE_LEAF_TABLE ? MDLINE_IN_TABLE :
	    MDLINE_IN_BOX;
	lazy = st->leaf == MDLINE_LEAF_PARA;

	/* New blocks (open_new_blocks). */
	for (;; lazy = 0) {
		mdline_fns(&c);
		q = c.fns;
		ml->text = q;
		if (c.indent >= 4) {
			if (lazy || c.blank)
				break;
			mdline_leaf(st, matched, &opened,
			    MDLINE_LEAF_INDENTED);
			ml->kind = MDLINE_CODE;
			goto done;
		}
		/* Most lines start none of the blocks below. */
		if (c.blank || !mdline_starts[(unsigned char)*q])
			break;
		if (*q == '>') {
			if (!mdline_open(st, matched, &opened, MDLINE_QUOTE,
			    0)) {
				ml->deep = q;
				refused = 1;
				break;
			}
			mdline_to(&c, q + 1);
			if (c.p < eol && mdline_st(*c.p))
				mdline_cols(&c, 1);
			cont = MDLINE_IN_BOX;
			continue;
		}
		if (mdline_atx(q, eol, &ml->text)) {
			mdline_leaf(st, matched, &opened, MDLINE_LEAF_NONE);
			ml->kind = MDLINE_HEADING;
			goto done;
		}
		if ((n = mdline_fence_open(q, eol)) > 0) {
			mdline_leaf(st, matched, &opened, MDLINE_LEAF_FENCE);
			st->fence = *q;
			st->fence_len = n;
			ml->kind = MDLINE_FENCE;
			goto done;
		}
		if ((n = mdline_html_start(q, eol, cont != MDLINE_IN_PARA)) >
		    0) {
			mdline_leaf(st, matched, &opened, MDLINE_LEAF_HTML);
			st->html = n;
			if (n <= 5 && mdline_html_end(n, q, eol))
				st->leaf = MDLINE_LEAF_NONE;
			ml->kind = MDLINE_HTML;
			goto done;
		}
		if (cont == MDLINE_IN_PARA && mdline_setext(q, eol)) {
			if (st->refs == MDLINE_TEXT) {
				st->leaf = MDLINE_LEAF_NONE;
				ml->kind = MDLINE_SETEXT;
				goto done;
			}
			/* Perhaps a heading, perhaps text: text it is. */
			ml->plain = q;
			refused = 1;
			break;
		}
		if ((c.kill == NULL || c.kill <= q) &&
		    mdline_rule(q, eol, &c.kill)) {
			mdline_leaf(st, matched, &opened, MDLINE_LEAF_NONE);
			ml->kind = MDLINE_RULE;
			goto done;
		}
		if ((n = mdline_note(q, eol, &label, &llen)) > 0) {
			if (!mdline_open(st, matched, &opened, MDLINE_NOTE,
			    0)) {
				ml->deep = q;
				refused = 1;
				break;
			}
			if (ml->note == NULL) {
				ml->note = label;
				ml->note_len = llen;
			}
			mdline_to(&c, q + n);
			cont = MDLINE_IN_BOX;
			continue;
		}
		if ((n = mdline_marker(&c, cont == MDLINE_IN_PARA, &esc)) > 0) {
			if (!mdline_item(st, &c, n, matched, &opened)) {
				ml->deep = esc;
				refused = 1;
				break;
			}
			cont = MDLINE_IN_BOX;
			continue;
		}
		break;
	}

	/* Tables, from the extension's try_opening_block. */
	mdline_fns(&c);
	if (cont == MDLINE_IN_PARA && !refused && c.indent < 4 &&
	    (ml->delim = mdline_delim(c.fns, eol, st->max_pipes)) > 0 &&
	    mdline_cells(st->last, st->last_eol, st->max_pipes) == ml->delim) {
		st->leaf = MDLINE_LEAF_TABLE;
		st->last = c.fns;
		st->last_eol = eol;
		ml->kind = MDLINE_TABLE;
		goto done;
	}
	if (cont == MDLINE_IN_TABLE) {
		ml->kind = MDLINE_ROW;
		goto done;
	}

	/* Text (add_text_to_container). */
	if (!opened && st->leaf == MDLINE_LEAF_PARA && !all && !c.blank) {
		ml->kind = MDLINE_LAZY;
		st->last = c.p;
		st->last_eol = eol;
		mdline_refs(st, c.p, eol, 0);
	} else {
		if (!opened) {
			st->depth = matched;
			if (!all)
				st->leaf = MDLINE_LEAF_NONE;
		}
		if (c.blank)
			ml->kind = MDLINE_BLANK;
		else {
			ml->kind = cont == MDLINE_IN_PARA ? MDLINE_CONT :
			    MDLINE_PARA;
			if (ml->kind == MDLINE_PARA) {
				mdline_fill(st);
				st->leaf = MDLINE_LEAF_PARA;
			}
			st->last = c.fns;
			st->last_eol = eol;
			mdline_refs(st, c.fns, eol, ml->kind == MDLINE_PARA);
		}
	}
	ml->defs = st->leaf == MDLINE_LEAF_PARA &&
	    (st->refs == MDLINE_DEFS || st->refs == MDLINE_DEFS_OPEN);
done:
	ml->depth = st->depth;
}

void
mdline_no_table(struct mdline_state *st, struct mdline *ml)
{
	if (ml->kind != MDLINE_TABLE)
		return;
	st->leaf = MDLINE_LEAF_PARA;
	ml->kind = MDLINE_CONT;
	mdline_refs(st, st->last, st->last_eol, 0);
	ml->defs = 0;
}

void
mdline_no_def(struct mdline_state *st)
{
	st->refs = MDLINE_TEXT;
}
