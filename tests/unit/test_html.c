/* Unit tests of raw HTML in documents (html.c, html-guard.c). */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/html-guard.h"
#include "lectern/util.h"
#include "t.h"

static struct doc *
parse(const char *s)
{
	return doc_parse(s, strlen(s));
}

/* Body block I, or an empty table block where there is none. */
static const struct block *
blk(const struct doc *d, uint32_t i)
{
	static struct cell none_cells[16];
	static const struct block none = { .text = "", .marker = "",
	    .cells = none_cells, .ncols = 4, .nrows = 4 };

	return i < d->nbody ? &d->blocks[i] : &none;
}

/* The text of body block I, or "(none)". */
static const char *
text(const struct doc *d, uint32_t i)
{
	return i < d->nbody ? d->blocks[i].text : "(none)";
}

/* The text of cell R, C of table block B, in a static buffer. */
static const char *
cell(const struct block *b, int r, int c)
{
	static char s[256];
	const struct cell *ce = &b->cells[r * b->ncols + c];

	snprintf(s, sizeof(s), "%.*s", (int)ce->len, b->text + ce->off);
	return s;
}

/* The style of the run of block B holding the first byte of WORD. */
static int
style_of(const struct doc *d, uint32_t b, const char *word)
{
	const char *p = strstr(blk(d, b)->text, word);
	const struct run *r;

	if (p == NULL)
		return -1;
	r = doc_run_at(d, b, (uint32_t)(p - d->blocks[b].text));
	return r ? r->style : -1;
}

/* The URL of the link of the run holding WORD in block B, or "". */
static const char *
url_of(const struct doc *d, uint32_t b, const char *word)
{
	const char *p = strstr(blk(d, b)->text, word);
	const struct run *r;

	if (p == NULL)
		return "";
	r = doc_run_at(d, b, (uint32_t)(p - d->blocks[b].text));
	if (r == NULL || !(r->style & ST_LINK) || r->target < 0)
		return "";
	return d->links[r->target].url;
}

static void
test_breaks(void)
{
	struct doc *d;

	d = parse("Line one<br>line two<br/>three\n");
	CHECK_STR(text(d, 0), "Line one\nline two\nthree",
	    "<br> in a paragraph is a line break");
	doc_free(d);

	d = parse("<ul><li>alpha</li><li>beta</li></ul>\n");
	CHECK_INT(d->nbody, 2, "an HTML list: a block an item");
	CHECK_STR(text(d, 0), "alpha", "first item");
	CHECK_STR(text(d, 1), "beta", "second item");
	CHECK_STR(blk(d, 0)->marker, "•", "an item has a bullet");
	doc_free(d);

	d = parse("one</p><p>two</div>three <li>four\n");
	CHECK_STR(text(d, 0), "one\ntwo\nthree\n• four",
	    "inline block tags end a line, <li> with a bullet");
	doc_free(d);

	d = parse("| a | b |\n|---|---|\n| POST /resign<br/>{<br/>\"id\": 1"
	    "<br/>} | x |\n");
	CHECK_INT(blk(d, 0)->type, BLK_TABLE, "a Markdown table");
	CHECK_STR(cell(blk(d, 0), 1, 0), "POST /resign\n{\n\"id\": 1\n}",
	    "<br> in a table cell is a line break");
	doc_free(d);

	d = parse("<p>Block one</p><p>Block two</p>\n");
	CHECK_INT(d->nbody, 2, "two <p> are two blocks");
	doc_free(d);
}

static void
test_inline(void)
{
	struct doc *d;

	d = parse("A <a href=\"https://x.test/?a=1&amp;b=2\">link "
	    "<b>bold</b></a> and <kbd>Ctrl</kbd>, <i>it</i>, <s>gone</s>.\n");
	CHECK_STR(text(d, 0), "A link bold and Ctrl, it, gone.",
	    "inline tags leave their text");
	CHECK_STR(url_of(d, 0, "link"), "https://x.test/?a=1&b=2",
	    "<a href> is a link, its URL decoded");
	CHECK(style_of(d, 0, "bold") == (ST_LINK | ST_STRONG),
	    "<b> inside <a> is strong and a link");
	CHECK_INT(style_of(d, 0, "Ctrl"), ST_CODE, "<kbd> is code");
	CHECK_INT(style_of(d, 0, "it"), ST_EMPH, "<i> is emphasis");
	CHECK_INT(style_of(d, 0, "gone"), ST_STRIKE, "<s> is struck");
	doc_free(d);

	d = parse("an <img src=\"i.png\" alt=\"icon\"> and <img src=x> end\n");
	CHECK_STR(text(d, 0), "an [image: icon] and end",
	    "<img alt> shows its alt text, one without alt nothing");
	doc_free(d);

	d = parse("a <!-- x --> b <script>alert(1)</script> c <b>open\n");
	CHECK_STR(text(d, 0), "a b c open",
	    "comments and scripts go without double spaces");
	doc_free(d);
}

static void
test_blocks(void)
{
	struct doc *d;
	const struct block *b;

	d = parse("<p>&hearts; &mdash; &copy; &#x263A; &lt;b&gt;</p>\n");
	CHECK_STR(text(d, 0), "♥ — © ☺ <b>", "character references decoded");
	doc_free(d);

	d = parse("<p align=\"center\">\n  <a href=\"https://ci.test\">"
	    "<img src=\"b.svg\" alt=\"build\"></a>\n</p>\n");
	CHECK_STR(text(d, 0), "[image: build]", "a badge in a <p>");
	CHECK(style_of(d, 0, "build") & ST_LINK, "the badge is a link");
	doc_free(d);

	d = parse("<h2 align=\"center\">Title <em>here</em></h2>\n");
	CHECK_INT(blk(d, 0)->type, BLK_HEADING, "<h2> is a heading");
	CHECK_INT(blk(d, 0)->level, 2, "of level 2");
	CHECK_INT(d->nheadings, 1, "in the outline");
	CHECK_STR(d->nheadings ? d->headings[0].slug : "", "title-here",
	    "with its anchor");
	doc_free(d);

	d = parse("<pre>\n  a   b\n\tc &amp; <b>d</b>\n</pre>\n");
	CHECK_INT(blk(d, 0)->type, BLK_CODE, "<pre> is a code block");
	CHECK_STR(text(d, 0), "  a   b\n\tc & d", "that keeps its lines");
	doc_free(d);

	d = parse("<details>\n<summary>More</summary>\n\nHidden.\n\n"
	    "</details>\n");
	CHECK_STR(text(d, 0), "More", "the summary is a line");
	CHECK_INT(style_of(d, 0, "More"), ST_STRONG, "in bold");
	CHECK_STR(text(d, 1), "Hidden.", "the content follows");
	doc_free(d);

	d = parse("<table><tr><th>Age</th><th>Goal</th></tr>"
	    "<tr><td><=6mo</td><td colspan=2>x<br>y</td></tr></table>\n");
	b = blk(d, 0);
	CHECK_INT(b->type, BLK_TABLE, "an HTML table is a table");
	CHECK_INT(b->ncols, 3, "of the columns its rows span");
	CHECK_INT(b->nrows, 2, "and its rows");
	CHECK_STR(cell(b, 0, 0), "Age", "the first row is the header");
	CHECK_STR(cell(b, 1, 0), "<=6mo", "\"<=6mo\" is text");
	CHECK_STR(cell(b, 1, 1), "x\ny", "a break in a cell");
	CHECK_STR(cell(b, 1, 2), "", "a spanned cell is empty");
	doc_free(d);

	d = parse("<table>\n\n<tr><td>a</td><td>b</td></tr>\n"
	    "<tr><td>c</td><td>d</td></tr>\n\n</table>\n");
	CHECK_INT(d->nbody, 1, "rows cut from <table> by a blank line");
	CHECK_INT(blk(d, 0)->type, BLK_TABLE, "are a table");
	CHECK_STR(cell(blk(d, 0), 1, 1), "d", "with their cells");
	doc_free(d);

	d = parse("<table>\n<tr>\n<td>\n\n**Markdown**\n\n</td>\n</tr>\n"
	    "</table>\n");
	CHECK_INT(d->nbody, 1, "an empty table leaves nothing");
	CHECK_STR(text(d, 0), "Markdown", "the Markdown in it stays");
	doc_free(d);
}

static void
test_model(void)
{
	struct doc *d;

	d = parse("# A\n\nText.\n\n<div>\n<p>one</p>\n<p>two [^x]</p>\n"
	    "</div>\n\nAfter.\n");
	CHECK_INT(d->nbody, 5, "blocks of an HTML block");
	CHECK_INT(blk(d, 2)->src_line, 5, "take its line");
	CHECK_INT(blk(d, 3)->src_line, 5, "all of them");
	CHECK(blk(d, 2)->src_off > blk(d, 1)->src_off &&
	    blk(d, 3)->src_off < blk(d, 4)->src_off,
	    "and keep source offsets in order");
	CHECK_INT(d->nproblems, 0, "[^x] in HTML is no reference");
	doc_free(d);
}

static void
test_guard(void)
{
	struct buf in = { 0 }, out = { 0 };
	size_t *cuts, ncuts, i, n;
	const char *ok = "<div a=\"1>2\" b='x'>t<br>u</div><!-- <x> -->";
	int left;

	left = html_guard(ok, strlen(ok), &out, &cuts, &ncuts);
	CHECK_INT(left, 0, "guard: a usual block is left alone");
	CHECK_STR(out.data, ok, "guard: and copied whole");
	CHECK_INT(ncuts, 1, "guard: in one piece");
	free(cuts);
	buf_free(&out);

	for (i = 0; i < 1000; i++)
		buf_adds(&in, "<div>");
	buf_adds(&in, "x");
	left = html_guard(in.data, in.len, &out, &cuts, &ncuts);
	CHECK_INT(left, 1, "guard: deep nesting is cut");
	for (n = 0, i = 0; i + 5 <= out.len; i++)
		n += memcmp(out.data + i, "<div>", 5) == 0;
	CHECK_INT(n, HTML_GUARD_DEPTH, "guard: to its depth");
	CHECK(out.len > 0 && out.data[out.len - 1] == 'x',
	    "guard: the text stays");
	free(cuts);
	buf_free(&out);

	in.len = 0;
	buf_adds(&in, "<img");
	for (i = 0; i < 1000; i++)
		buf_printf(&in, " a%zu=\"v\"", i);
	buf_adds(&in, " alt=x>");
	left = html_guard(in.data, in.len, &out, &cuts, &ncuts);
	CHECK_INT(left, 1, "guard: attributes past the limit go");
	CHECK(strstr(out.data, " a63=") != NULL &&
	    strstr(out.data, " a64=") == NULL &&
	    out.data[out.len - 1] == '>', "guard: the first ones stay");
	free(cuts);
	buf_free(&out);

	in.len = 0;
	for (i = 0; i < 3 * HTML_GUARD_TAGS; i++)
		buf_adds(&in, "<p>x</p>");
	left = html_guard(in.data, in.len, &out, &cuts, &ncuts);
	CHECK_INT(left, 0, "guard: many elements are not cut short");
	CHECK(ncuts >= 3, "guard: they come in pieces");
	CHECK(ncuts >= 2 && memcmp(out.data + cuts[0], "<p>", 3) == 0,
	    "guard: cut between two elements");
	CHECK(ncuts >= 1 && cuts[ncuts - 1] == out.len,
	    "guard: the last piece ends the block");
	free(cuts);
	buf_free(&out);

	in.len = 0;
	for (i = 0; i < 3 * HTML_GUARD_CUT; i++)
		buf_adds(&in, "<b><!-- -->");
	html_guard(in.data, in.len, &out, &cuts, &ncuts);
	CHECK(ncuts >= 3, "guard: pieces of bounded size at any depth");
	free(cuts);
	buf_free(&out);
	buf_free(&in);
}

int
main(void)
{
	test_breaks();
	test_inline();
	test_blocks();
	test_model();
	test_guard();
	return t_done();
}
