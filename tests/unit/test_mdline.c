/*
 * Tests of mdline.c: each kind of line on its own, then whole documents
 * read by mdline_next against the blocks that libcmark-gfm itself builds
 * from them (hand-made documents and many generated ones).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "t.h"
#include "lectern/mdline.h"
#include "lectern/util.h"

#define MAXLINES	256

/* What each line of a document is, to mdline_next and to the parser. */
struct lines {
	int		 n;
	enum mdline_kind kind[MAXLINES];
	int		 owner[MAXLINES];	/* the parser's leaf block, 0 */
	char		 type[MAXLINES];	/* its type: p, h, c, m, t, r */
	int		 start[MAXLINES];	/* its first line, 1-based */
};

/* Reads TEXT with mdline_next into L->kind; returns it rewritten as the
   guard would (a backslash before each deep or plain byte). */
static char *
read_lines(const char *text, struct lines *l, int max_depth)
{
	struct mdline_state st;
	struct mdline ml;
	struct buf out = { 0 };
	const char *p = text, *end = text + strlen(text), *eol, *done = text;

	mdline_init(&st, max_depth, 0);
	l->n = 0;
	for (; p < end && l->n < MAXLINES; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		mdline_next(&st, p, eol, &ml);
		l->kind[l->n++] = ml.kind;
		if (ml.deep != NULL || ml.plain != NULL) {
			const char *at = ml.deep ? ml.deep : ml.plain;

			buf_add(&out, done, (size_t)(at - done));
			buf_addc(&out, '\\');
			done = at;
		}
		if (eol == end)
			break;
	}
	buf_add(&out, done, (size_t)(end - done));
	buf_addc(&out, '\0');
	return out.data;
}

/* A leaf block of the parser. */
struct leaf {
	char		 type;		/* p, h, c, m, t, r */
	int		 s, e;		/* first and last line, 1-based */
	int		 fence;		/* a fenced code block's length */
	char		 fence_ch;
	int		 nlines;	/* lines of its literal text */
};

/* Whether line LINE (1-based) of TEXT has a run of N or more C. */
static int
has_run(const char *text, int line, int n, char c)
{
	const char *p = text;
	int run = 0;

	while (--line > 0 && (p = strchr(p, '\n')) != NULL)
		p++;
	for (; p != NULL && *p != '\0' && *p != '\n'; p++)
		if ((run = *p == c ? run + 1 : 0) >= n)
			return 1;
	return 0;
}

/*
 * Parses TEXT as doc.c does and notes which leaf block owns each line.
 * The parser's source positions end an HTML block one line early when
 * its end condition closes it, and a setext heading one line late, and a
 * fenced code block too when its container closes it: all are put right
 * here, for a TEXT whose last line is text, so that no heading ends it.
 */
static void
parse_lines(const char *text, struct lines *l)
{
	static const char *exts[] = { "table", "strikethrough" };
	struct leaf leaves[MAXLINES * 2], *f;
	cmark_parser *parser;
	cmark_node *root, *n;
	cmark_iter *it;
	const char *t, *lit;
	int nleaves = 0, i, j, off;
	char ch;
	size_t k;

	memset(l->owner, 0, sizeof(l->owner));
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (k = 0; k < 2; k++)
		cmark_parser_attach_syntax_extension(parser,
		    cmark_find_syntax_extension(exts[k]));
	cmark_parser_feed(parser, text, strlen(text));
	root = cmark_parser_finish(parser);
	it = cmark_iter_new(root);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE &&
	    nleaves < MAXLINES * 2) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER &&
		    cmark_node_first_child(n) != NULL)
			continue;
		t = cmark_node_get_type_string(n);
		f = &leaves[nleaves];
		memset(f, 0, sizeof(*f));
		if (strcmp(t, "paragraph") == 0)
			f->type = 'p';
		else if (strcmp(t, "heading") == 0)
			f->type = 'h';
		else if (strcmp(t, "code_block") == 0)
			f->type = 'c';
		else if (strcmp(t, "html_block") == 0)
			f->type = 'm';
		else if (strcmp(t, "table") == 0)
			f->type = 't';
		else if (strcmp(t, "thematic_break") == 0)
			f->type = 'r';
		else
			continue;
		/* The paragraph above a table's header has no position. */
		if ((f->s = cmark_node_get_start_line(n)) <= 0)
			continue;
		f->e = cmark_node_get_end_line(n);
		if ((f->type == 'm' || f->type == 'c') &&
		    (lit = cmark_node_get_literal(n)) != NULL)
			for (; *lit != '\0'; lit++)
				f->nlines += *lit == '\n';
		if (f->type == 'm' && f->nlines > 0)
			f->e = f->s + f->nlines - 1;
		if (f->type == 'h' && f->e > f->s)
			f->e--;
		if (f->type == 'c' && cmark_node_get_fenced(n, &f->fence, &off,
		    &ch))
			f->fence_ch = ch;
		else
			f->fence = 0;
		nleaves++;
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	cmark_parser_free(parser);
	for (i = 0; i < nleaves; i++) {
		f = &leaves[i];
		/* Up to the end of the document, no fence closed it. */
		if (f->type != 'c' || f->fence == 0 || f->e <= f->s ||
		    f->nlines == f->e - f->s)
			continue;
		for (j = 0; j < nleaves; j++)
			if (j != i && leaves[j].s <= f->e &&
			    leaves[j].e >= f->e)
				break;
		if (j < nleaves || !has_run(text, f->e, f->fence, f->fence_ch))
			f->e--;
	}
	for (i = 0; i < nleaves; i++) {
		f = &leaves[i];
		for (j = f->s; j <= f->e && j <= MAXLINES; j++) {
			if (l->owner[j - 1] != 0 && f->type == 't')
				continue;
			l->owner[j - 1] = i + 1;
			l->type[j - 1] = f->type;
			l->start[j - 1] = f->s;
		}
	}
}

/* Is K a line of text for the inline parser? */
static int
is_text(enum mdline_kind k)
{
	return k == MDLINE_PARA || k == MDLINE_CONT || k == MDLINE_LAZY ||
	    k == MDLINE_TABLE || k == MDLINE_ROW || k == MDLINE_SETEXT ||
	    k == MDLINE_HEADING;
}

/*
 * Compares how mdline_next and the parser read TEXT; returns 0, or 1
 * after printing the first difference. Every block of text the parser
 * makes must lie within one paragraph of mdline_next (a table with the
 * lines above its header), start where one starts, and every line of
 * code or HTML must be one to both.
 */
static int
compare(const char *text, int max_depth)
{
	struct lines l;
	char *fed = read_lines(text, &l, max_depth);
	int i, unit = 0, units[MAXLINES], bad = -1;
	const char *why = "";

	parse_lines(fed, &l);
	for (i = 0; i < l.n; i++) {
		enum mdline_kind k = l.kind[i];

		if (k == MDLINE_PARA || k == MDLINE_HEADING ||
		    (i > 0 && is_text(k) && !is_text(l.kind[i - 1])))
			unit++;
		units[i] = is_text(k) ? unit : 0;
	}
	for (i = 0; i < l.n && bad < 0; i++) {
		char ty = l.owner[i] ? l.type[i] : 0;
		enum mdline_kind k = l.kind[i];

		if ((ty == 'c') != (k == MDLINE_CODE || k == MDLINE_FENCE)) {
			bad = i;
			why = "code";
		} else if ((ty == 'm') != (k == MDLINE_HTML)) {
			bad = i;
			why = "html";
		} else if ((ty == 'p' || ty == 'h' || ty == 't') &&
		    !is_text(k)) {
			bad = i;
			why = "text the parser has";
		} else if ((ty == 'p' || ty == 'h' || ty == 't') &&
		    units[i] != units[l.start[i] - 1]) {
			bad = i;
			why = "one paragraph";
		} else if ((k == MDLINE_PARA || k == MDLINE_HEADING) &&
		    l.owner[i] != 0 && l.start[i] != i + 1) {
			bad = i;
			why = "a paragraph starts";
		}
	}
	if (bad >= 0) {
		printf("# %s: line %d (kind %d, parser %c from %d) in:\n",
		    why, bad + 1, l.kind[bad], l.owner[bad] ? l.type[bad] : '-',
		    l.owner[bad] ? l.start[bad] : 0);
		for (i = 0; fed[i] != '\0'; i++)
			if (i == 0 || fed[i - 1] == '\n')
				printf("#   |%.*s\n", (int)(strcspn(fed + i,
				    "\n") < 60 ? strcspn(fed + i, "\n") : 60),
				    fed + i);
	}
	free(fed);
	return bad >= 0;
}

/* The kinds of the lines of TEXT as letters, read with the limits. */
static const char *
kinds(const char *text, int depth, int pipes)
{
	static const char letter[] = "_PCLTRHS-Fch";
	static char out[64];
	struct mdline_state st;
	struct mdline ml;
	const char *p = text, *end = text + strlen(text), *eol;
	size_t n = 0;

	mdline_init(&st, depth, pipes);
	for (; p < end && n + 1 < sizeof(out); p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		mdline_next(&st, p, eol, &ml);
		out[n++] = letter[ml.kind];
		if (eol == end)
			break;
	}
	out[n] = '\0';
	return out;
}

/* The first line of TEXT, read alone. */
static struct mdline
first(const char *text, int depth, int pipes)
{
	struct mdline_state st;
	struct mdline ml;
	const char *eol = strchr(text, '\n');

	mdline_init(&st, depth, pipes);
	mdline_next(&st, text, eol ? eol : text + strlen(text), &ml);
	return ml;
}

/* The cells of the whole of TEXT as one line, '|' counted up to PIPES. */
static int
cells(const char *text, int pipes)
{
	return mdline_cells(text, text + strlen(text), pipes);
}

static void
test_fences(void)
{
	struct buf b = { 0 };
	int i;

	CHECK_STR(kinds("~~~\n```\n[x\n~~~\nafter\n", 0, 0), "FcccP",
	    "a ``` line in a ~~~ block is code");
	CHECK_STR(kinds("````\n```\n`````\nx\n", 0, 0), "FccP",
	    "a fence closes with as many or more of its character");
	CHECK_STR(kinds("```x`\n~~~ `x`\ny\n~~~\n", 0, 0), "PFcc",
	    "a backtick fence has no backtick after it, a tilde one may");
	CHECK_STR(kinds("  ```\n    ```\n   ```\nx\n", 0, 0), "FccP",
	    "a closing fence is indented at most three columns");
	CHECK_STR(kinds("> ```\n> x\ny\n", 0, 0), "FcP",
	    "a fence ends with its block quote");
	CHECK_STR(kinds("- ```\n  x\n\n  y\nz\n", 0, 0), "FcccP",
	    "... and with its list item; blank lines stay in");
	for (i = 0; i < 300; i++)
		buf_addc(&b, '`');
	buf_adds(&b, "\nx\n");
	for (i = 0; i < 255; i++)
		buf_addc(&b, '`');
	buf_adds(&b, "\ny\n");
	CHECK_STR(kinds(b.data, 0, 0), "FccP",
	    "a fence counts up to 255 characters, as the parser does");
	buf_free(&b);
	CHECK_STR(kinds("    code\n\n    more\nx\n", 0, 0), "cccP",
	    "indented code goes on over blank lines");
	CHECK_STR(kinds("a\n    b\n", 0, 0), "PC",
	    "an indented line goes on with a paragraph");
}

static void
test_paragraphs(void)
{
	CHECK_STR(kinds("> a\nb\n> c\n", 0, 0), "PLC",
	    "a line without '>' continues a quoted paragraph lazily");
	CHECK_STR(kinds("> > a\n> b\n> > c\n", 0, 0), "PLC",
	    "... also with fewer '>' than the paragraph's");
	CHECK_STR(kinds("- a\nb\n  c\n- d\n", 0, 0), "PLCP",
	    "a list item's paragraph goes on lazily; an item starts one");
	CHECK_STR(kinds("a\n2. b\n* \n1.\n1. c\n", 0, 0), "PCCCP",
	    "only \"1.\" and bullets with text interrupt a paragraph");
	CHECK_STR(kinds("a\n- b\n* \n", 0, 0), "PP_",
	    "... but any starts an item in a list");
	CHECK_STR(kinds("a\n\n> b\n>\n> c\n", 0, 0), "P_P_P",
	    "blank lines end paragraphs, in a quote too");
	CHECK_STR(kinds("-\tx\n\ty\n   z\n", 0, 0), "PCL",
	    "a tab after a list marker: the item's text is at column 4");
	CHECK_STR(kinds("> a\n<a>\n", 0, 0), "Ph",
	    "a lone tag starts an HTML block where a lazy line would go");
	CHECK_STR(kinds("a\n<a>\n<div>\n", 0, 0), "PCh",
	    "... but only a block tag interrupts a paragraph");
}

static void
test_leaves(void)
{
	struct mdline ml;

	CHECK_STR(kinds("# a\n#b\n####### c\n##\n", 0, 0), "HPCH",
	    "ATX headings: one to six '#' and a blank");
	CHECK_STR(kinds("a\n***\nb\n---\nc\n===\n", 0, 0), "P-PSPS",
	    "a rule ends a paragraph; underlines make headings");
	CHECK_STR(kinds("[a]: /u\n---\nx\n", 0, 0), "PCC",
	    "an underline below link definitions is text");
	ml = first("[a]: /u\n", 0, 0);
	CHECK(ml.defs, "a link definition is one");
	ml = first("[a](/u) b\n", 0, 0);
	CHECK(!ml.defs, "a link is none");
	CHECK_STR(kinds("[a]: /u\n[b](/u)\n===\n", 0, 0), "PCS",
	    "... but text under them is a heading");
	CHECK_STR(kinds("<div>\n```\n\nx\n", 0, 0), "hh_P",
	    "a fence in an HTML block is HTML; a blank line ends it");
	CHECK_STR(kinds("<!--\n\n```\n-->\nx\n", 0, 0), "hhhhP",
	    "a comment goes on to its end, blank lines and all");
	CHECK_STR(kinds("<pre>\n\n</PRE>\nx\n", 0, 0), "hhhP",
	    "so do <pre>, <script> and <style>");
	ml = first("[^note-1]:\tText\n", 0, 0);
	CHECK(ml.note != NULL && ml.note_len == 6 &&
	    strncmp(ml.note, "note-1", 6) == 0, "a footnote's label");
	CHECK_STR(kinds("[^n]: a\n    b\nc\n\n    d\n", 0, 0), "PCL_P",
	    "a footnote's blocks are indented four columns");
}

static void
test_tables(void)
{
	struct mdline ml;

	CHECK_STR(kinds("a|b\n-|-\nc\n|\n", 0, 0), "PTRP",
	    "a table runs while lines have a cell");
	CHECK_STR(kinds("a|b|c\n-|-\n", 0, 0), "PC",
	    "a delimiter row of other cells than the header is text");
	CHECK_STR(kinds("x\na|b\n:-|-:\n", 0, 0), "PCT",
	    "the header is the paragraph's last line");
	CHECK_STR(kinds("> a|b\n-|-\n", 0, 0), "PL",
	    "a lazy line starts no table");
	CHECK_STR(kinds("a|b\n-|-\n> c\n", 0, 0), "PTP",
	    "a block quote ends a table");
	ml = first("|-|:-:|\n", 0, 0);
	CHECK_INT(mdline_cells(ml.text, ml.text + 7, 0), 2, "|-|:-:| has 2");
	CHECK_INT(cells("a\\|b|c", 0), 2,
	    "an escaped '|' divides nothing");
	CHECK_INT(cells("a\\\\|b", 0), 1,
	    "nor one after an escaped backslash");
	CHECK_INT(cells("|", 0), 0, "a lone '|' has none");
	CHECK_INT(cells("a|b|c|d", 2), 3,
	    "'|' past the limit divide nothing");
	CHECK_STR(kinds("a|b|c\n|-|-|-|\n", 0, 2), "PC",
	    "nor does a delimiter row with '|' past it");
	CHECK_STR(kinds("a|b|c\n-|-|-\n", 0, 2), "PT",
	    "one within it is one");
}

static void
test_limits(void)
{
	struct mdline ml;
	const char *s = "> > > x\n";

	ml = first(s, 2, 0);
	CHECK(ml.deep == s + 4 && ml.kind == MDLINE_PARA && ml.depth == 2,
	    "a third '>' past a depth of 2 is text");
	ml = first("1. 2. 3) x\n", 2, 0);
	CHECK(ml.deep != NULL && *ml.deep == ')', "the ')' of a third item");
	ml = first("> > - [^a]: x\n", 3, 0);
	CHECK(ml.deep != NULL && *ml.deep == '[' && ml.depth == 3,
	    "a footnote definition is a container too");
}

static void
test_documents(void)
{
	static const char *docs[] = {
		"- a|b\n  -|-\n  c|d\n- a|b\n  -|-\nend\n",
		"> ~e,z~~\n,z~~,z~~\n> ,z~~\n,z~~\nend\n",
		"> > *t _t*_\n> *t\n> > _t*_\nend\n",
		"<div>\n```\n\n![[]()\n```\nend\n",
		"[a]:\n/u\n===\n    ![[]()\n```\nend\n",
		"1. a\n   ```\n   x\n```\ny\n```\nend\n",
		"* a\n\n      code\n\n  para\n   - b\n  c\nend\n",
		"> 1. > x\n> > y\n>    > z\nend\n",
		"\t- a\n\t\t- b\n\t\t\tc\n\t d\nend\n",
		"a\n=\n[^1]: b\n    ---\n\nx[^1]\nend\n",
		"| a |\n| - |\n| b\n    c\nd\nend\n",
		"<script>\n\n# x\n</script> y\nz\nend\n",
		"<?\n?>\n<!A\n>\n<![CDATA[\n]]>\nend\n",
	};
	size_t i;
	int fails = 0;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		fails += compare(docs[i], 0) + compare(docs[i], 2);
	CHECK_INT(fails, 0, "hand-made documents read as the parser reads "
	    "them");
}

/* A small generator, the same on every machine. */
static uint32_t rnd_state = 12345;

static uint32_t
rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

static void
test_generated(void)
{
	static const char *lead[] = {
		"", "", "", " ", "  ", "   ", "    ", "\t", " \t", "> ", ">",
		"- ", "* ", "+ ", "1. ", "2) ", "10. ", "-", "- ", "1.", "[^",
		"[^", "  > ", "   - ", "     ", "-\t", "1.\t", "-     ",
		">\t", "\t>", "*   ", "0) "
	};
	static const char *body[] = {
		"text", "more text", "a|b", "|a|b|", "-|-", "|-|-|", ":-",
		"---", "===", "***", "- - -", "```", "~~~", "````", "```x`",
		"~~~ x", "# h", "## h ##", "#x", "<div>", "</div>", "<!--",
		"-->", "<a href=\"x\">", "</a>", "<pre>", "</pre>", "<?x",
		"?>", "<!X", "[a]: /u", "[a]: /u \"t\"", "\"t\"", "[a]:",
		"/u", "", "", "   ", "[x] y", "c|d|e", "\\|a", "|", "||",
		"x ```", "[a]: <u> 't'", "(t)", "[b]: /u\\", "<br/>",
		"<x y=z>", "*x*", "<script>", "</script>", "<style a>",
		"<![CDATA[", "]]>", "<!-- x -->", "`````", "~~~~", "  ```",
		"* * *", "_ _ _", "#", "####### x", "a | b", " | ", "|:-:|",
		"[a]: /u (t)", "'t", "t'", "[^x] y", "\t\tx", "-- | --",
		"<DIV class=\"x\">", "<a/>", "<x\ty='z'>", "\\===", "=",
		"- x", "1) x"
	};
	struct buf b = { 0 };
	const char *s;
	int i, j, k, nl, fails = 0, notes;

	for (i = 0; i < 15000; i++) {
		/*
		 * The parser drops footnotes that nothing cites and all but
		 * the first of a label: each has its own, cited above.
		 */
		b.len = 0;
		for (j = 1; j <= 40; j++)
			buf_printf(&b, "x[^%d] ", j);
		buf_adds(&b, "\n\n");
		nl = 2 + (int)rnd(10);
		notes = 0;
		for (j = 0; j < nl; j++) {
			for (k = (int)rnd(4); k > 0; k--) {
				s = lead[rnd(sizeof(lead) / sizeof(lead[0]))];
				if (strcmp(s, "[^") == 0)
					buf_printf(&b, "[^%d]:%s", ++notes,
					    rnd(2) ? " " : "");
				else
					buf_adds(&b, s);
			}
			buf_adds(&b, body[rnd(sizeof(body) /
			    sizeof(body[0]))]);
			buf_addc(&b, '\n');
		}
		buf_adds(&b, "\nend\n");
		if (compare(b.data, i % 3 == 0 ? 2 : 0) && ++fails >= 5)
			break;
	}
	CHECK_INT(fails, 0, "generated documents read as the parser reads "
	    "them");
	buf_free(&b);
}

int
main(void)
{
	test_fences();
	test_paragraphs();
	test_leaves();
	test_tables();
	test_limits();
	test_documents();
	test_generated();
	return t_done();
}
