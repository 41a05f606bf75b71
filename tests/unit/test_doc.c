/* Unit tests of the document model (doc.c). */
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/util.h"
#include "t.h"

static struct doc *
parse(const char *s)
{
	return doc_parse(s, strlen(s));
}

/* Text of the first block of type TYPE, or NULL. */
static const struct block *
first(const struct doc *d, int type)
{
	uint32_t i;

	for (i = 0; i < d->nbody; i++)
		if (d->blocks[i].type == type)
			return &d->blocks[i];
	return NULL;
}

static void
test_front_matter(void)
{
	const struct block *b;
	struct doc *d = parse("---\ntitle: \"A title\"\nauthor: someone\n"
	    "date: 2023-10-14\nlicense: CC BY\nsource: https://x.test/a\n"
	    "lastmod: 2024-02-15\n---\n\n# Heading\n\nText.\n");

	CHECK_STR(d->meta.title, "A title", "front matter: quoted title");
	CHECK_STR(d->meta.author, "someone", "front matter: author");
	CHECK_STR(d->meta.date, "2023-10-14", "front matter: date");
	CHECK_STR(d->meta.lastmod, "2024-02-15", "front matter: lastmod");
	CHECK_STR(d->meta.license, "CC BY", "front matter: license");
	CHECK_STR(d->meta.source, "https://x.test/a", "front matter: source");
	CHECK_INT(d->nbody, 3, "front matter is a block, not text");
	CHECK_INT(d->blocks[0].type, BLK_FRONT, "first block: front matter");
	CHECK_INT(d->blocks[0].nrows, 6, "a row a key");
	CHECK_INT(d->blocks[0].ncols, 2, "key and value");
	CHECK_INT(d->blocks[1].type, BLK_HEADING, "then the heading");
	CHECK_INT(d->blocks[1].src_line, 10, "line numbers count the front "
	    "matter");
	CHECK(strncmp("# Heading", &"---\ntitle: \"A title\"\nauthor: someone\n"
	    "date: 2023-10-14\nlicense: CC BY\nsource: https://x.test/a\n"
	    "lastmod: 2024-02-15\n---\n\n# Heading\n\nText.\n"
	    [d->blocks[1].src_off], 9) == 0, "src_off points at the heading");
	CHECK_STR(doc_title(d), "A title", "doc_title prefers front matter");
	doc_free(d);

	d = parse("---\nlist:\n- a\n- b\nmap:\n  k: v\n  deep:\n    x: y\n"
	    "just words\n---\ntext\n");
	b = &d->blocks[0];
	CHECK_INT(b->type, BLK_FRONT, "nested front matter");
	CHECK_INT(b->nrows, 3, "nested lines belong to their key");
	CHECK(b->cells[1].len == 7 && memcmp(b->text + b->cells[1].off,
	    "- a\n- b", 7) == 0, "a list as it is written");
	CHECK(b->cells[3].len == 17 && memcmp(b->text + b->cells[3].off,
	    "k: v\ndeep:\n  x: y", 17) == 0, "a map less its indent");
	CHECK_INT(b->cells[4].len, 0, "a line that is no key: no key");
	CHECK(memcmp(b->text + b->cells[5].off, "just words", 10) == 0,
	    "and its text whole");
	doc_free(d);

	d = parse("+++\ntitle = \"T\"\n[extra]\nteam = \"X\"\n+++\ntext\n");
	CHECK_STR(d->meta.title, "T", "TOML front matter");
	CHECK_INT(d->blocks[0].nrows, 3, "its table header a row");
	doc_free(d);

	d = parse("text\n---\ntitle: no\n---\n");
	CHECK(d->meta.title == NULL, "only the first line opens it");
	CHECK(d->blocks[0].type != BLK_FRONT, "no front matter block");
	doc_free(d);

	d = parse("---\nnot closed\n\ntext\n");
	CHECK(d->meta.title == NULL, "unclosed front matter is text");
	CHECK(doc_title(d) == NULL, "doc_title without anything is NULL");
	doc_free(d);

	d = parse("## Second level\n\n# First level\n");
	CHECK_STR(doc_title(d), "First level", "doc_title: a level-1 heading");
	doc_free(d);
	d = parse("## Only a second level\n");
	CHECK(doc_title(d) == NULL, "doc_title: no level 1, no title");
	doc_free(d);
}

static void
test_outline(void)
{
	struct doc *d = parse("# Top\n\n## A\n\ntext\n\n### A1\n\n## B\n\n"
	    "## A\n\n# Other\n");

	CHECK_INT(d->nheadings, 6, "six headings");
	CHECK_INT(d->headings[1].parent, 0, "A is under Top");
	CHECK_INT(d->headings[2].parent, 1, "A1 is under A");
	CHECK_INT(d->headings[3].parent, 0, "B is under Top");
	CHECK_INT(d->headings[5].parent, -1, "Other is at the top");
	CHECK_STR(d->headings[1].slug, "a", "slug of A");
	CHECK_STR(d->headings[4].slug, "a-1", "second A gets -1");
	CHECK_INT(doc_find_slug(d, "a1"), 2, "find slug a1");
	CHECK_INT(doc_heading_after(d, 0), 1, "heading after block 0: A");
	CHECK_INT(doc_heading_after(d, 2), 2, "after the text: A1");
	CHECK_INT(doc_heading_after(d, 6), 6, "after the last: none");
	CHECK_INT(doc_heading_after(d, 1000), 6, "past the end: none");
	CHECK_INT(d->blocks[3].section, 2, "text under A1 knows its section");
	CHECK_INT(d->nproblems, 0, "a repeated heading is no problem");
	doc_free(d);

	d = parse("## 中美芯片战争\n");
	CHECK_STR(d->headings[0].slug, "中美芯片战争", "CJK slug kept");
	doc_free(d);
}

static void
test_notes(void)
{
	struct doc *d = parse("First[^b] and[^a], again[^b].\n\n"
	    "Second[^b].\n\n[^a]: Note *a*.\n\n[^b]: Note b.\n\n"
	    "[^unused]: nobody.\n\nDangling[^nope].\n");
	const struct block *p = &d->blocks[0];
	const struct run *r;

	CHECK_INT(d->nnotes, 2, "two cited notes");
	CHECK_STR(d->notes[0].label, "b", "note 1 is b (first cited)");
	CHECK_STR(d->notes[1].label, "a", "note 2 is a");
	CHECK_INT(d->notes[0].nrefs, 3, "b is cited three times");
	CHECK_INT(d->notes[1].nrefs, 1, "a is cited once");
	CHECK_STR(p->text, "First[1] and[2], again[1].", "refs print as [N]");
	r = doc_run_at(d, 0, 6);
	CHECK(r && (r->style & ST_NOTEREF) && r->target == 0,
	    "the [1] run is a note reference to note 0");
	CHECK_INT(d->notes[0].refs[2].block, 1, "third ref in block 1");
	CHECK_INT(d->notes[0].refs[2].off, 6, "at offset 6");
	CHECK_STR(d->blocks[d->notes[1].block0].text, "Note a.",
	    "note text");
	CHECK_STR(d->blocks[d->notes[1].block0].marker, "[2]",
	    "a note's first block hangs its number");
	CHECK_INT(d->blocks[d->notes[1].block0].note, 1, "block knows note");
	CHECK(d->nbody < d->nblocks, "notes come after the body");
	CHECK_INT(d->nproblems, 2, "dangling and uncited reported");
	CHECK(d->nproblems == 2 && strstr(d->problems[0].msg, "unused") &&
	    d->problems[0].line == 9, "uncited note at line 9");
	CHECK(d->nproblems == 2 && strstr(d->problems[1].msg, "nope") &&
	    d->problems[1].line == 11, "dangling reference at line 11");
	doc_free(d);
}

/* Whether D has a problem on LINE whose message contains S. */
static int
has_problem(const struct doc *d, uint32_t line, const char *s)
{
	uint32_t i;

	for (i = 0; i < d->nproblems; i++)
		if (d->problems[i].line == line &&
		    strstr(d->problems[i].msg, s) != NULL)
			return 1;
	return 0;
}

static void
test_check(void)
{
	struct doc *d = parse("Cited[^c].\n\n~~~\n```\n[^x]: in code\n~~~\n"
	    "\n[^u]: uncited\n\n<div>\n[^h]: in HTML\n\n"
	    "    [^i]: indented code\n\n[^c]: cited\n");

	CHECK(has_problem(d, 8, "[^u] is defined but never cited"),
	    "--check: a note after a ~~~ block holding ``` is seen");
	CHECK_INT(d->nproblems, 1, "--check: none in code or HTML blocks");
	doc_free(d);

	d = parse("Text[^q] and[^r].\n\n> [^q]: in a quote\n\n"
	    "- [^r]: in a list\n");
	CHECK_STR(d->nnotes == 2 && d->notes[0].label ? d->notes[0].label :
	    "", "q", "a note defined in a quote has its label");
	CHECK_STR(d->nnotes == 2 && d->notes[1].label ? d->notes[1].label :
	    "", "r", "a note defined in a list has its label");
	CHECK_INT(d->nproblems, 0, "--check: notes in containers are cited");
	doc_free(d);

	d = parse("# A\n\n# A\n\n[a](#a) [b](#a-1) [c](#b) [d](#A)\n");
	CHECK_INT(doc_find_slug(d, "a-1"), 1, "the second A is a-1");
	CHECK_INT(doc_find_slug(d, "b"), -1, "no heading b");
	CHECK(has_problem(d, 5, "missing anchor #b") &&
	    has_problem(d, 5, "warning: link to anchor #A differs in case") &&
	    !has_problem(d, 5, "#a-1"), "--check: links to missing anchors");
	CHECK(d->nproblems == 2 && !d->problems[0].warning &&
	    d->problems[1].warning, "--check: a case-only miss is a warning");
	doc_free(d);

	d = parse("## 中文\n\n## Ärger\n\n<a name=\"n\"></a>\n\n"
	    "<div id=\"blk\">x</div>\n\n## Custom {#cu}\n\n"
	    "Text <span id=\"in\">y</span>.\n\n"
	    "[a](#%E4%B8%AD%E6%96%87) [b](#ärger) [c](#n) [d](#blk) "
	    "[e](#cu) [f](#in) [g](#top) [h](#)\n");
	CHECK_INT(doc_find_slug(d, "%E4%B8%AD%E6%96%87"), 0,
	    "a percent-encoded anchor finds its heading");
	CHECK_STR(d->headings[1].slug, "ärger", "slugs are in lower case");
	CHECK_INT(d->nproblems, 0, "--check: anchors of HTML and {#id}");
	CHECK_INT(doc_find_anchor(d, "%E4%B8%AD%E6%96%87"), 0,
	    "the reader follows a percent-encoded anchor to its heading");
	CHECK_INT(doc_find_anchor(d, "n"), 2,
	    "<a name> leads to the block after it");
	CHECK_INT(doc_find_anchor(d, "blk"), 2, "id= leads to its block");
	CHECK_INT(doc_find_anchor(d, "cu"), 3, "{#id} leads to its heading");
	CHECK_INT(doc_find_anchor(d, "in"), 4,
	    "an id inside a paragraph leads to the paragraph");
	CHECK_INT(doc_find_anchor(d, "none"), -1, "no such anchor");
	CHECK_INT(doc_find_slug(d, "%"), -1,
	    "a lone '%' is decoded once, not looked up forever");
	CHECK_INT(doc_find_anchor(d, "%zz%"), -1,
	    "a '%' with no hex after it is no anchor");
	CHECK_INT(doc_find_slug(d, "%25E4%25B8%25AD%25E6%2596%2587"), -1,
	    "an anchor escaped twice is decoded once");
	doc_free(d);

	{
		struct buf b = { 0 };
		int i;

		for (i = 0; i < 12; i++)
			buf_adds(&b, "# A\n\n");
		buf_adds(&b, "# A-1 \xc8\xba_\xe2\x80\x94x\n\n# A1\n");
		d = parse(b.data);
		buf_free(&b);
	}
	CHECK_STR(d->headings[11].slug, "a-11", "the twelfth A is a-11");
	CHECK_STR(d->headings[12].slug, "a-1-\xe2\xb1\xa5_x",
	    "a slug: lower case longer than the letter, no dash punctuation");
	CHECK_STR(d->headings[13].slug, "a1", "a slug: letters and digits");
	doc_free(d);

	d = parse("No headings, [a](#a).\n");
	CHECK_INT(doc_find_slug(d, "a"), -1, "no heading at all");
	doc_free(d);
}

static void
test_softbreaks(void)
{
	struct doc *d = parse("中文\n段落 and\nEnglish words\n**AI**\n安全\n");

	CHECK_STR(d->blocks[0].text, "中文段落 and English words AI 安全",
	    "soft breaks: none between CJK, a space elsewhere");
	doc_free(d);
	d = parse("line one  \nline two\n");
	CHECK_STR(d->blocks[0].text, "line one\nline two", "hard break");
	doc_free(d);
}

static void
test_controls(void)
{
	struct doc *d = parse("a&#27;[31mb \x1b]0;x\x07 c&#x9b;d \xe2\x80\xae"
	    "e\x7f [l](http://x/&#27;)\n");
	const struct block *b = &d->blocks[0];
	uint32_t i;
	int bad = 0;

	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->text[i];

		if (c < 0x20 || c == 0x7f)
			bad = 1;
	}
	CHECK(!bad, "no C0 or DEL left in text");
	CHECK(strstr(b->text, "a^[[31mb") != NULL, "ESC entity shown as ^[");
	CHECK(strstr(b->text, "^[]0;x^G") != NULL, "raw ESC ] and BEL inert");
	CHECK(strstr(b->text, "c<U+009B>d") != NULL, "C1 shown as <U+009B>");
	CHECK(strstr(b->text, "<U+202E>e^?") != NULL, "bidi control shown");
	CHECK(strchr(d->links[0].url, 0x1b) == NULL &&
	    strstr(d->links[0].url, "^[") != NULL, "link URL sanitised");
	CHECK(doc_run_at(d, 0, 1) && (doc_run_at(d, 0, 1)->style &
	    ST_CONTROL), "stand-in is styled ST_CONTROL");
	doc_free(d);
}

static void
test_blocks(void)
{
	struct doc *d = parse("- one\n- two\n  - nested\n\n> quoted\n> > deep\n"
	    "\n```c\nint x;\n\tint y;\n```\n\n| 名 | b |\n|:-|-:|\n| 中 | "
	    "**x** |\n| only |\n\n---\n\n<!-- gone -->\n\n<div>kept "
	    "<b>text</b></div>\n\n9. a\n10. b\n");
	const struct block *b;

	CHECK_STR(d->blocks[0].marker, "•", "bullet marker");
	CHECK_INT(d->blocks[0].indent, 2, "bullet indent");
	CHECK_INT(d->blocks[1].space_before, 0, "tight list: no blank line");
	CHECK_STR(d->blocks[2].text, "nested", "nested item");
	CHECK_STR(d->blocks[2].marker, "◦", "nested bullet");
	CHECK_INT(d->blocks[2].indent, 4, "nested indent");
	CHECK_INT(d->blocks[2].list_depth, 2, "nested depth");
	CHECK_INT(d->blocks[3].quote_depth, 1, "quote depth 1");
	CHECK_INT(d->blocks[3].indent, 0, "indent back to 0 after the list");
	CHECK_INT(d->blocks[4].quote_depth, 2, "quote depth 2");
	b = first(d, BLK_CODE);
	CHECK(b && strcmp(b->text, "int x;\n\tint y;") == 0,
	    "code block keeps its text and tab");
	CHECK(b && strcmp(b->info, "c") == 0, "code info string");
	b = first(d, BLK_TABLE);
	CHECK(b != NULL, "table block");
	if (b) {
		CHECK_INT(b->ncols, 2, "two columns");
		CHECK_INT(b->nrows, 3, "three rows");
		CHECK_INT(b->align[0], ALIGN_LEFT, "left aligned");
		CHECK_INT(b->align[1], ALIGN_RIGHT, "right aligned");
		CHECK(b->cells[2].len == 3 &&
		    strncmp(b->text + b->cells[2].off, "中", 3) == 0,
		    "cell text");
		CHECK(b->cells[3].nruns == 1 &&
		    (b->runs[b->cells[3].run0].style & ST_STRONG),
		    "cell runs stay inside the cell");
		CHECK_INT(b->cells[5].len, 0, "short row padded");
	}
	CHECK(first(d, BLK_HR) != NULL, "thematic break");
	CHECK_STR(d->blocks[d->nbody - 3].text, "kept text",
	    "HTML tags dropped, text kept, comment gone");
	CHECK_STR(d->blocks[d->nbody - 1].marker, "10.", "ordered list starting at 9");
	CHECK_INT(d->blocks[d->nbody - 1].indent, 4, "indent of widest");
	doc_free(d);
}

static void
test_links(void)
{
	struct doc *d = parse("# Sec\n\nSee [it](#sec), [bad](#nope), "
	    "www.example.com and ![alt](p.png).\n");

	CHECK_INT(d->nlinks, 4, "four links (one autolink, one image)");
	CHECK_STR(d->links[0].url, "#sec", "internal link");
	CHECK_STR(d->links[2].url, "http://www.example.com", "autolink");
	CHECK(strstr(d->blocks[1].text, "[image: alt]") != NULL, "image alt");
	CHECK_INT(d->nproblems, 1, "link to a missing anchor reported");
	doc_free(d);
}

static void
test_hostile(void)
{
	struct buf b = { 0 };
	struct doc *d;
	int i;

	for (i = 0; i < 20000; i++)
		buf_adds(&b, "*a ");
	for (i = 0; i < 2000; i++)
		buf_adds(&b, "> ");
	buf_adds(&b, "x\n\n");
	for (i = 0; i < 500; i++) {
		int k;

		for (k = 0; k < i; k++)
			buf_adds(&b, "  ");
		buf_adds(&b, "- item\n");
	}
	d = doc_parse(b.data, b.len);
	CHECK(d->nblocks > 0, "deep nesting parses without a crash");
	doc_free(d);
	d = doc_parse("", 0);
	CHECK_INT(d->nblocks, 0, "empty document");
	doc_free(d);
	buf_free(&b);
}

/* The document's hash is FNV-1a 64, whatever the length: saved places
   depend on it. */
static void
test_hash(void)
{
	static const char text[] = "foobar, and a little more text";
	uint64_t h;
	size_t n, i;
	int differ = 0;

	CHECK(doc_hash("", 0) == 0xcbf29ce484222325ULL, "hash of nothing");
	CHECK(doc_hash("a", 1) == 0xaf63dc4c8601ec8cULL, "hash of a");
	CHECK(doc_hash("foobar", 6) == 0x85944171f73967e8ULL,
	    "hash of foobar");
	for (n = 0; n < sizeof(text); n++) {
		for (h = 0xcbf29ce484222325ULL, i = 0; i < n; i++)
			h = (h ^ (unsigned char)text[i]) * 0x100000001b3ULL;
		if (doc_hash(text, n) != h)
			differ++;
	}
	CHECK_INT(differ, 0, "hash of every length");
}

int
main(void)
{
	test_front_matter();
	test_outline();
	test_notes();
	test_check();
	test_softbreaks();
	test_controls();
	test_blocks();
	test_links();
	test_hostile();
	test_hash();
	return t_done();
}
