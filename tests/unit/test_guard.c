/* Tests of guard.c: the limits, lines kept in place, bare links. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "lectern/doc.h"
#include "lectern/guard.h"
#include "lectern/util.h"

/* Number of bytes C in S. */
static size_t
count(const char *s, size_t n, char c)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* Adds S to B N times. */
static void
repeat(struct buf *b, const char *s, int n)
{
	while (n-- > 0)
		buf_adds(b, s);
}

/* Guards B; checks the line count and returns the text (freed by caller). */
static char *
guarded(struct buf *b, struct guard_report *rep, const char *what)
{
	size_t n;
	char *out = guard_text(b->data, b->len, &n, rep);

	if (out != NULL)
		CHECK_INT(count(out, n, '\n'), count(b->data, b->len, '\n'),
		    what);
	return out;
}

static void
test_untouched(void)
{
	static const char *docs[] = {
		"",
		"# Title\n\nSome *emphasis*, **strong**, ~~gone~~ and `code`.\n",
		"> quote\n> > deeper\n\n- a\n  - b\n    1. c\n",
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n\nAfter.\n",
		("Text[^1] <!-- c --> <?pi?> [l](u \"t\") [r].\n\n"
		"[r]: http://x.org \"title\"\n[^1]: Note.\n"),
		"```\n[[[[ ***** ~~~~ | | | |\n```\n",
	};
	size_t i, n;
	struct guard_report rep;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		CHECK(guard_text(docs[i], strlen(docs[i]), &n, &rep) == NULL,
		    "an ordinary document is left as it is");
		CHECK_INT(n, strlen(docs[i]), "its length is given back");
	}
}

static void
test_nesting(void)
{
	struct buf b = { 0 };
	struct guard_report rep;
	char *out;
	int i;

	for (i = 0; i < 40; i++)
		buf_adds(&b, "> ");
	buf_adds(&b, "x\n");
	for (i = 0; i < 200; i++)
		buf_addc(&b, ' ');
	buf_adds(&b, "y\n");
	out = guarded(&b, &rep, "nesting: lines kept");
	CHECK(out != NULL, "40 quote markers are changed");
	CHECK(out != NULL && strncmp(out + 64, "\\> > ", 5) == 0,
	    "the 33rd marker is escaped");
	CHECK_INT(rep.count[GUARD_NEST], 1, "one place counted");
	CHECK_INT(rep.line[GUARD_NEST], 1, "on line 1");
	CHECK(out != NULL && strstr(out, "\n") != NULL &&
	    strspn(strchr(out, '\n') + 1, " ") == 200,
	    "indentation is kept");
	free(out);

	b.len = 0;
	for (i = 0; i < 40; i++)
		buf_adds(&b, "[^a]: ");
	buf_adds(&b, "x\n\n\n");
	out = guarded(&b, &rep, "footnotes: lines kept");
	CHECK(out != NULL && strncmp(out + 32 * 6, "\\[^a]", 5) == 0,
	    "footnote definitions count as nesting");
	free(out);
	buf_free(&b);
}

static void
test_tables(void)
{
	struct buf b = { 0 };
	struct guard_report rep;
	char *out;
	int i;

	for (i = 0; i < 70; i++)
		buf_adds(&b, "|a");
	buf_adds(&b, "|\n");
	out = guarded(&b, &rep, "columns: lines kept");
	CHECK_INT(rep.count[GUARD_COLUMNS], 71 - 65, "pipes past 65 escaped");
	CHECK(out != NULL && count(out, strlen(out), '\\') == 6,
	    "six backslashes");
	free(out);

	b.len = 0;
	for (i = 0; i < 70; i++)
		buf_adds(&b, "line\n");
	buf_adds(&b, "a | b\n--|--\n");
	out = guarded(&b, &rep, "lead: lines kept");
	CHECK(out != NULL && strstr(out, "\n\\--|--\n") != NULL,
	    "a delimiter row after 70 lines of paragraph is escaped");
	free(out);

	b.len = 0;
	for (i = 0; i < 20; i++)
		buf_adds(&b, "|-\nt>|-\n");
	out = guarded(&b, &rep, "tries: lines kept");
	CHECK_INT(rep.count[GUARD_TABLE], 20 - 1 - GUARD_TABLE_TRIES,
	    "delimiter rows past 8 in a paragraph are escaped");
	free(out);

	b.len = 0;
	buf_adds(&b, "|a|b|c|d|\n|-|-|-|-|\n");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "x\n");
	out = guarded(&b, &rep, "fill: lines kept");
	CHECK(out != NULL && strncmp(out + 10, "|\\-|", 4) == 0,
	    "a table that fills 300000 cells from 200 kB is text");
	free(out);

	b.len = 0;
	buf_adds(&b, "|a|b|c|d|\n|-|-|-|-|\n");
	for (i = 0; i < 30000; i++)
		buf_adds(&b, "|1|2|3|4|\n");
	CHECK(guarded(&b, &rep, "") == NULL, "a long full table is a table");

	/* A table ends where the parser ends it: here, with its item. */
	b.len = 0;
	buf_adds(&b, "- a|b|c|d\n  -|-|-|-\n");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "x\n");
	CHECK(guarded(&b, &rep, "") == NULL,
	    "lines after a list item are not its table's rows");

	/*
	 * Rows are checked as they come: when the fill limit comes, the
	 * table is text from its delimiter row, and what its rows had
	 * escaped and reported is as if it had never been a table.
	 */
	b.len = 0;
	buf_adds(&b, "h");
	repeat(&b, "|h", 63);
	buf_adds(&b, "\n-");
	repeat(&b, "|-", 63);
	buf_addc(&b, '\n');
	repeat(&b, "|", 70);
	buf_adds(&b, "x\n");
	repeat(&b, "x\n", 1200);
	out = guarded(&b, &rep, "fill after escapes: lines kept");
	CHECK_INT(rep.count[GUARD_TABLE], 1, "the delimiter row is text");
	CHECK_INT(rep.count[GUARD_COLUMNS], 70 - 65,
	    "the pipes of the row before it are escaped once");
	CHECK_INT(rep.line[GUARD_COLUMNS], 3, "on line 3");
	CHECK(out != NULL && strstr(out, "\n\\-|-|") != NULL &&
	    count(out, strlen(out), '\\') == 70 - 65 + 1,
	    "and nothing else is escaped");
	free(out);

	/* Each cell is parsed on its own: '[' count by the row. */
	b.len = 0;
	buf_adds(&b, "| link | to |\n|---|---|\n");
	for (i = 0; i < 1500; i++)
		buf_adds(&b, "| [a](#b) | [c][d] |\n");
	CHECK(guarded(&b, &rep, "") == NULL,
	    "a table of 3000 links keeps them all");
	buf_free(&b);
}

static void
test_paragraphs(void)
{
	struct buf b = { 0 };
	struct guard_report rep;
	char *out;
	int i;

	/* "> x", a lazy line, "> x": one paragraph to the parser. */
	for (i = 0; i < 1100; i++)
		buf_adds(&b, i % 2 ? "![[]()\n" : "> ![[]()\n");
	out = guarded(&b, &rep, "lazy lines: lines kept");
	CHECK(rep.count[GUARD_BRACKETS] > 0,
	    "'[' of lazy continuation lines count in their paragraph");
	free(out);

	b.len = 0;
	for (i = 0; i < 300; i++)
		buf_adds(&b, i % 2 ? "> ,z~~\n" : "> > ,z~~\n");
	out = guarded(&b, &rep, "lazy lines in a quote: lines kept");
	CHECK(rep.count[GUARD_TILDES] > 0,
	    "... also with fewer '>' than the paragraph's");
	free(out);

	/* A fence in an HTML block is no fence: the paragraph counts. */
	b.len = 0;
	buf_adds(&b, "<div>\n```\n\n");
	for (i = 0; i < 1001; i++)
		buf_adds(&b, "[a");
	buf_adds(&b, "\n");
	out = guarded(&b, &rep, "html: lines kept");
	CHECK_INT(rep.count[GUARD_BRACKETS], 1,
	    "a paragraph after a ``` line in an HTML block counts");
	free(out);

	/* An underline below what may all be link definitions. */
	b.len = 0;
	buf_adds(&b, "[a]:\n/u\n===\n");
	out = guarded(&b, &rep, "underline: lines kept");
	CHECK(out != NULL && strcmp(out, "[a]:\n/u\n\\===\n") == 0,
	    "is escaped: text to the parser too");
	free(out);
	b.len = 0;
	buf_adds(&b, "[a]: /u\nTitle\n===\n");
	CHECK(guarded(&b, &rep, "") == NULL, "text above makes a heading");
	buf_free(&b);
}

static void
test_inlines(void)
{
	/* Bytes that a word test may take for those counted, and text. */
	static const char before[] = ",]{\xe4\xb8\xad, -a\\x";
	static const char after[] = "b,c]d\xe6\x96\x87" "e{f";
	struct buf b = { 0 };
	struct guard_report rep;
	char *out;
	int i, k;

	for (i = 0; i < 1001; i++)
		buf_adds(&b, "[a");
	buf_adds(&b, "\n\n");
	for (i = 0; i < 1001; i++)
		buf_adds(&b, "[a");
	out = guarded(&b, &rep, "brackets: lines kept");
	CHECK_INT(rep.count[GUARD_BRACKETS], 2, "the 1001st '[' of each");
	CHECK_INT(rep.line[GUARD_BRACKETS], 1, "first on line 1");
	free(out);

	b.len = 0;
	for (i = 0; i < 999; i++)
		buf_adds(&b, "- [a](b)\n");
	buf_adds(&b, "\\[ \\\\[\n");
	CHECK(guarded(&b, &rep, "") == NULL,
	    "list items start paragraphs; an escaped '[' does not count");

	b.len = 0;
	for (i = 0; i < 2001; i++)
		buf_adds(&b, "**a ");
	for (i = 0; i < 129; i++)
		buf_adds(&b, "~~b ");
	for (i = 0; i < 65; i++)
		buf_adds(&b, "<?x ");
	buf_addc(&b, '\n');
	out = guarded(&b, &rep, "delimiters: lines kept");
	CHECK_INT(rep.count[GUARD_DELIMS], 2, "both '*' of the 2001st run");
	CHECK_INT(rep.count[GUARD_TILDES], 2, "both '~' of the 129th run");
	CHECK_INT(rep.count[GUARD_MARKUP], 1, "the 65th '<?'");
	free(out);

	/*
	 * Whatever the bytes around them and their place in a line, each
	 * '[', run of '~' and "<!" counts.
	 */
	b.len = 0;
	for (i = 0; i < 1001; i++) {
		buf_adds(&b, before + i % 11);
		buf_adds(&b, i % 3 == 0 ? "[" : i % 3 == 1 ? "~" : "<!");
		buf_adds(&b, after + i % 7);
		if (i % 5 == 4)
			buf_addc(&b, '\n');
	}
	buf_addc(&b, '\n');
	out = guarded(&b, &rep, "every place: lines kept");
	CHECK_INT(rep.count[GUARD_BRACKETS], 0, "334 '[' are within limits");
	CHECK_INT(rep.count[GUARD_TILDES], 334 - 128, "'~' past 128 escaped");
	CHECK_INT(rep.count[GUARD_MARKUP], 333 - 64, "'<!' past 64 escaped");
	free(out);

	/*
	 * After runs of characters beyond ASCII, which are passed over
	 * sixteen bytes at a time, a '[' in any place of such a test counts.
	 */
	b.len = 0;
	for (i = 0; i < 1010; i++) {
		buf_add(&b, "xxxxxxxxxxxxxxx", (size_t)(i % 16));
		for (k = 0; k < i % 11; k++)
			buf_adds(&b, "\xe4\xb8\xad");
		buf_addc(&b, '[');
		if (i % 4 == 3)
			buf_addc(&b, '\n');
	}
	buf_addc(&b, '\n');
	out = guarded(&b, &rep, "after CJK: lines kept");
	CHECK_INT(rep.count[GUARD_BRACKETS], 10, "'[' past 1000 after CJK");
	free(out);

	b.len = 0;
	buf_adds(&b, "```\n");
	for (i = 0; i < 3000; i++)
		buf_adds(&b, "[**~~<?\n");
	buf_adds(&b, "```\n");
	CHECK(guarded(&b, &rep, "") == NULL, "fenced code is not counted");
	buf_free(&b);
}

static void
test_refdef(void)
{
	struct buf b = { 0 };
	struct guard_report rep;
	char *out;
	int i;

	buf_adds(&b, "[f]: /u\n\"");
	for (i = 0; i < 300; i++)
		buf_adds(&b, "t\n");
	buf_adds(&b, "\"\n\n[f]\n");
	out = guarded(&b, &rep, "refdef: lines kept");
	CHECK(out != NULL && strncmp(out, "\\[f]", 4) == 0,
	    "a definition with a 600-byte title is text");
	free(out);
	b.len = 0;
	buf_adds(&b, "[f]: /u \"a short title\"\n\n[f]\n");
	CHECK(guarded(&b, &rep, "") == NULL, "a short one is kept");
	buf_free(&b);
}

static void
test_autolink(void)
{
	static const char *src =
	    "See www.example.com, https://x.org/a_(b)) and http://localhost.\n"
	    "Mail a.b+c@mail.example.com. Not www.a_b.c_d nor x@y.\n"
	    "[www.in.link](http://z) `www.code.com` *www.em.com*\n";
	static const char *urls[] = {
		"http://www.example.com", "https://x.org/a_(b)",
		"http://localhost", "mailto:a.b+c@mail.example.com",
		"http://z", "http://www.em.com"
	};
	struct doc *d = doc_parse(src, strlen(src));
	uint32_t i;

	CHECK_INT(d->nlinks, 6, "six links");
	for (i = 0; i < d->nlinks && i < 6; i++)
		CHECK_STR(d->links[i].url, urls[i], "bare link");
	CHECK(d->nblocks == 1 && strstr(d->blocks[0].text,
	    "https://x.org/a_(b)) and") != NULL, "text is unchanged");
	doc_free(d);
}

/* Bare links after text of every length, found by guard_find_links. */
static void
test_find_links(void)
{
	static const char *urls[] = {
		"https://a.example/p_(q)", "www.b.example", "x@c.example",
		"ftp://d.example/"
	};
	struct buf b = { 0 };
	struct guard_link *gl;
	size_t off[40], n, i, k, ok = 0;

	for (i = 0; i < 40; i++) {
		for (k = 0; k < i % 5; k++)
			buf_adds(&b, "\xe6\x96\x87");
		buf_add(&b, "hwf@", i % 4);
		buf_addc(&b, ' ');
		off[i] = b.len;
		buf_adds(&b, urls[i % 4]);
		buf_adds(&b, i % 2 ? ". " : ", ");
	}
	n = guard_find_links(b.data, b.len, &gl);
	CHECK_INT(n, 40, "a link after each run of text");
	for (i = 0; i < n && i < 40; i++)
		ok += gl[i].off == off[i] && gl[i].len == strlen(urls[i % 4]);
	CHECK_INT(ok, 40, "each where it is, without the punctuation after");
	free(gl);
	buf_free(&b);
}

int
main(void)
{
	test_untouched();
	test_nesting();
	test_tables();
	test_paragraphs();
	test_inlines();
	test_refdef();
	test_autolink();
	test_find_links();
	return t_done();
}
