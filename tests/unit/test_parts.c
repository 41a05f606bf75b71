/*
 * Tests of doc-parts.c: a dump parsed in parts, with parts as small as
 * the cuts allow, prints what the whole parse prints, byte for byte, and
 * its blocks and notes keep their source lines and offsets. With FILEs
 * as arguments, tries those instead.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/doc-int.h"
#include "lectern/dump.h"
#include "lectern/util.h"
#include "t.h"

#define PARTS_WHOLE	((size_t)1 << 40)	/* never cut */

/* The dump at WIDTH of TEXT, parsed in parts of SIZE; *D: its model. */
static char *
dumped(const char *text, size_t size, int width, struct doc **dp)
{
	struct dump_opts o = { width, 0, 0, 0 };
	struct doc_sink sink;
	struct dump_stream *s;
	struct doc *d;
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	doc_parts_size = size;
	doc_parts_last = 0;
	if (f == NULL || (s = dump_stream_new(&o, &sink)) == NULL)
		abort();
	d = doc_parse_sink(text, strlen(text), &sink);
	dump_stream_end(s, f, d);
	fclose(f);
	*dp = d;
	return out;
}

/* Do two models have their blocks and notes at the same places? */
static int
same_places(const struct doc *a, const struct doc *b)
{
	uint32_t i;

	if (a->nblocks != b->nblocks || a->nnotes != b->nnotes ||
	    a->nbody != b->nbody)
		return 0;
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].src_line != b->blocks[i].src_line ||
		    a->blocks[i].src_off != b->blocks[i].src_off)
			return 0;
	for (i = 0; i < a->nnotes; i++)
		if (a->notes[i].src_line != b->notes[i].src_line)
			return 0;
	return 1;
}

/*
 * Parses TEXT whole and in the smallest parts: returns how many parts,
 * or -1 when the dumps or the places differ.
 */
static int
parts_same(const char *text)
{
	static const int widths[] = { 30, 80 };
	struct doc *whole, *parts, *ref;
	char *a, *b;
	size_t i;
	int n = 0, ok = 1;

	ref = doc_parse(text, strlen(text));
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		a = dumped(text, PARTS_WHOLE, widths[i], &whole);
		b = dumped(text, 1, widths[i], &parts);
		n = (int)doc_parts_last;
		if (strcmp(a, b) != 0 || !same_places(whole, parts) ||
		    !same_places(ref, parts)) {
			ok = 0;
			printf("# width %d, text:\n%s# whole:\n%s# parts:\n%s",
			    widths[i], text, a, b);
		}
		free(a);
		free(b);
		doc_free(whole);
		doc_free(parts);
	}
	doc_free(ref);
	return ok ? n : -1;
}

/* Documents, the parts each goes in (0: whole), and what they show. */
static const struct {
	const char	*text;
	int		 parts;
	const char	*what;
} parts_rules[] = {
	/* Cut at "Two." and at "# Three". */
	{ "One.\n\nTwo.\n\n# Three\n\nFour.\n", 4,
	    "paragraphs and a heading: a part each" },
	/* The second item and the item's paragraph continue the list. */
	{ "A.\n\n- a\n\n- b\n\n  more\n\nB.\n", 2,
	    "a list across blank lines stays in one part" },
	/* The blank line and "Text" are in the fence. */
	{ "A.\n\n```\nx\n\nText\n\n```\n\nB.\n", 2,
	    "a fence across blank lines stays in one part" },
	{ "A.\n\n<!--\n\nText\n\n-->\n\nB.\n", 2,
	    "an HTML comment across blank lines stays in one part" },
	/* Indented code may go on after any blank line. */
	{ "A.\n\n    code\n\n    more\n\nB.\n", 0,
	    "indented code across blank lines stays in one part" },
	/* Notes: each label's citations and definition in one part. */
	{ "A[^1].\n\n[^1]: One.\n\nB[^b].\n\nC.\n\n[^B]: Bee.\n\nD.\n", 3,
	    "footnotes: a label's citations and definition in one part" },
	{ "A[^x].\n\nB[^y].\n\nC[^x].\n\n[^y]: Y.\n\n[^x]: X.\n\nD.\n", 2,
	    "footnotes whose spans overlap" },
	{ "A [link][r].\n\nB.\n\nC.\n\n[r]: /u\n", 0,
	    "a reference definition at the end: parsed whole" },
	{ "A[^\303\251].\n\nB.\n\n[^\303\251]: E.\n", 0,
	    "a label out of ASCII: parsed whole" },
	{ "A.\r\rB.\r\rC.\r", 0, "lone CRs: parsed whole" },
	{ "A.\r\n\r\nB.\r\n\r\nC.\r\n", 3, "CR LF line ends" },
	{ "> A.\n\n> B.\n\nC.\n\nd | e\n--|--\nf | g\n\nh | i\n\nJ.\n", 5,
	    "quotes and tables" },
	{ "A.\n\n- a\n\nb\n", 2, "a paragraph after a list" },
};

static void
test_rules(void)
{
	size_t i;

	for (i = 0; i < sizeof(parts_rules) / sizeof(parts_rules[0]); i++)
		CHECK_INT(parts_same(parts_rules[i].text), parts_rules[i].parts,
		    parts_rules[i].what);
}

/* Random documents to try; PARTS_RANDOM in the environment for more. */
static int parts_random = 3000;

/* A random number below N. */
static uint32_t rnd_state = 12345;
static uint32_t
rnd(uint32_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state % n;
}

/* Appends a random line of prose, with inline markup and citations. */
static void
prose(struct buf *b)
{
	static const char *words[] = { "alpha", "*beta*", "`gamma`",
	    "**delta**", "[link](http://x.test/a)", "<span>e</span>",
	    "www.example.com", "[^1]", "[^2]", "[^n]", "[^N]", "~~z~~",
	    "[r]", "<!-- c -->", "\303\251t\303\251", "a_b", "[^x y]", "\\*" };
	static const char *starts[] = { "Word", "word", "# Head", "## Sub",
	    "\"Quoted\"", "(paren)", "\342\200\234Curly\342\200\235", "1. one",
	    "- item", "* star", "+ plus", "> quote", "    indented", "  two",
	    "| a | b |", "---", "===", "```", "~~~", "<div>", "</div>",
	    "<pre>", "</pre>", "<!--", "-->", "[^1]: note", "[^2]: two",
	    "[^n]: en", "[r]: /ref", "\t tab", "2) two", "<script>",
	    "</script>", "Term", "- [ ] task", "> [!NOTE]", "***" };
	int i, k = (int)rnd(5);

	buf_adds(b, starts[rnd(sizeof(starts) / sizeof(starts[0]))]);
	for (i = 0; i < k; i++) {
		buf_addc(b, ' ');
		buf_adds(b, words[rnd(sizeof(words) / sizeof(words[0]))]);
	}
	buf_addc(b, '\n');
}

/* A random document: lines, blank lines between many of them. */
static void
random_doc(struct buf *b)
{
	int i, n = 2 + (int)rnd(40);

	b->len = 0;
	for (i = 0; i < n; i++) {
		if (rnd(3) == 0) {
			/* A table, a fence or a list of its own. */
			switch (rnd(4)) {
			case 0:
				buf_adds(b, "a | b\n--|--\nc | d\n");
				break;
			case 1:
				buf_adds(b, "```\ncode\n\nText\n```\n");
				break;
			case 2:
				buf_adds(b, "- a\n\n  b\n- c\n");
				break;
			default:
				buf_adds(b, "[^1]: One\n\n    more\n");
				break;
			}
		} else
			prose(b);
		if (rnd(2) == 0)
			buf_addc(b, '\n');
	}
	buf_addc(b, '\0');
}

static void
test_random(void)
{
	struct buf b = { 0 };
	int i, n, bad = 0, cut = 0, whole = 0;

	for (i = 0; i < parts_random; i++) {
		random_doc(&b);
		/*
		 * One in two without the things that make it whole, one in
		 * four without notes, which keep cuts away too.
		 */
		if (i % 2 == 0) {
			char *p;

			for (p = b.data; (p = strstr(p, "]:")) != NULL; p++)
				p[1] = ' ';
			for (p = b.data; (p = strstr(p, i % 4 == 0 ? "[^" :
			    "[^x")) != NULL; p++)
				p[1] = 'x';
		}
		if ((n = parts_same(b.data)) < 0)
			bad++;
		else if (n > 1)
			cut++;
		else
			whole++;
	}
	printf("# %d in parts, %d whole, %d differ\n", cut, whole, bad);
	CHECK_INT(bad, 0, "random documents: parts and whole the same");
	CHECK(cut > parts_random / 5, "random documents: many go in parts");
	buf_free(&b);
}

/* Each FILE, whole and in the smallest parts. */
static void
test_files(char **files)
{
	struct buf b = { 0 };
	char chunk[65536], what[512];
	size_t n;
	FILE *f;
	int k;

	for (; *files != NULL; files++) {
		if ((f = fopen(*files, "rb")) == NULL)
			continue;
		b.len = 0;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
		buf_addc(&b, '\0');
		k = parts_same(b.data);
		snprintf(what, sizeof(what), "%s: %d parts, the same", *files,
		    k);
		CHECK(k >= 0, what);
	}
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (getenv("PARTS_RANDOM") != NULL)
		parts_random = atoi(getenv("PARTS_RANDOM"));
	if (argc > 1) {
		test_files(argv + 1);
		return t_done();
	}
	test_rules();
	test_random();
	return t_done();
}
