/* Unit tests of books (book.c): SUMMARY.md, directory order, links. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/book.h"
#include "lectern/util.h"
#include "t.h"

static char test_top[] = "/tmp/test_book.XXXXXX";

/* Writes TEXT to file NAME under the test directory. */
static void
test_write(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", test_top, name);
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

/* Makes directory NAME under the test directory. */
static void
test_mkdir(const char *name)
{
	char *path = xasprintf("%s/%s", test_top, name);

	mkdir(path, 0755);
	free(path);
}

/* The path of entry I relative to the test directory's DIR, or "-". */
static const char *
test_rel(const struct book *b, size_t i, const char *dir)
{
	size_t n = strlen(test_top) + 1 + strlen(dir) + 1;

	if (i >= b->n || b->v[i].path == NULL)
		return "-";
	if (strlen(b->v[i].path) < n)
		return b->v[i].path;
	return b->v[i].path + n;
}

/* Whether some warning of B, or some entry's why, contains S. */
static int
test_warned(const struct book *b, const char *s)
{
	size_t i;

	for (i = 0; i < b->nwarnings; i++)
		if (strstr(b->warnings[i], s) != NULL)
			return 1;
	for (i = 0; i < b->n; i++)
		if (b->v[i].why != NULL && strstr(b->v[i].why, s) != NULL)
			return 1;
	return 0;
}

static void
test_summary(void)
{
	struct book b;
	const char *first;
	char err[256], *dir;

	test_mkdir("sum");
	test_mkdir("sum/src");
	test_mkdir("sum/src/ch");
	test_write("sum/src/SUMMARY.md",
	    "# Summary\n"
	    "\n"
	    "[Preface](preface.md)\n"
	    "\n"
	    "# Part One\n"
	    "\n"
	    "- [Start](ch/start.md)\n"
	    "    - [Deeper](ch/deep%20er.md)\n"
	    "        - [Later]()\n"
	    "- [Missing](ch/nothere.md)\n"
	    "- [Outside](../../outside.md)\n"
	    "\n"
	    "---\n"
	    "\n"
	    "# Part Two\n"
	    "\n"
	    "* [End](ch/end.md#top)\n"
	    "\n"
	    "[Credits](credits.md)\n");
	test_write("sum/src/preface.md", "# Preface\n");
	test_write("sum/src/ch/start.md", "# Start\n");
	test_write("sum/src/ch/deep er.md", "# Deeper\n");
	test_write("sum/src/ch/end.md", "# End\n");
	test_write("sum/src/credits.md", "# Credits\n");
	test_write("sum/inside.md", "# Inside\n");
	test_write("outside.md", "# Outside\n");

	dir = xasprintf("%s/sum", test_top);
	CHECK_INT(book_open_dir(&b, dir, err, sizeof(err)), 0,
	    "a book with src/SUMMARY.md opens");
	CHECK_INT(b.n, 10, "ten entries: prefix, parts, chapters, suffix");
	CHECK_STR(test_rel(&b, 0, "sum"), "src/preface.md",
	    "the prefix chapter comes first");
	CHECK_INT(b.v[0].flags, BOOK_PREFIX, "and is one");
	CHECK_STR(b.v[0].title, "Preface", "with SUMMARY.md's title");
	CHECK_INT(b.v[1].flags, BOOK_PART, "a part title");
	CHECK_STR(b.v[1].title, "Part One", "named");
	CHECK(b.v[1].path == NULL, "a part has no file");
	CHECK_STR(test_rel(&b, 2, "sum"), "src/ch/start.md",
	    "a numbered chapter");
	CHECK_INT(b.v[2].level, 0, "at the top level");
	CHECK_STR(test_rel(&b, 3, "sum"), "src/ch/deep er.md",
	    "a nested chapter, its link percent-decoded");
	CHECK_INT(b.v[3].level, 1, "one level down");
	CHECK_INT(b.v[4].flags, BOOK_DRAFT, "an empty link is a draft");
	CHECK_INT(b.v[4].level, 2, "two levels down");
	CHECK_STR(b.v[4].title, "Later", "the draft keeps its title");
	CHECK(b.v[5].path != NULL && b.v[6].path != NULL &&
	    !(b.v[5].flags & (BOOK_CHECKED | BOOK_DRAFT)),
	    "opening looks no entry up");
	CHECK_INT(b.nwarnings, 0, "nor warns of one");
	CHECK_INT(book_check(&b, 5), -1, "checked, a missing file fails");
	CHECK(b.v[5].path == NULL && (b.v[5].flags & BOOK_DRAFT),
	    "and is kept as a draft");
	CHECK(test_warned(&b, "SUMMARY.md:10: ch/nothere.md: No such"),
	    "named with SUMMARY.md's line");
	CHECK_INT(book_check(&b, 5), -1, "the second check says the same");
	CHECK_INT(book_check(&b, 6), -1, "a file outside the book fails");
	CHECK(b.v[6].path == NULL && (b.v[6].flags & BOOK_DRAFT),
	    "and is kept as a draft");
	CHECK(test_warned(&b, "SUMMARY.md:11: ../../outside.md: outside"),
	    "named with SUMMARY.md's line");
	CHECK_INT(book_check(&b, 3), 0, "a file of the book passes");
	CHECK(b.v[3].flags & BOOK_CHECKED, "and is known to");
	CHECK_INT(book_check(&b, 1), -1, "a part has no file to check");
	CHECK_INT(b.v[7].flags, BOOK_PART, "the second part, past a "
	    "separator");
	CHECK_STR(test_rel(&b, 8, "sum"), "src/ch/end.md",
	    "a link's anchor is left out of the path");
	CHECK_INT(b.v[9].flags, BOOK_SUFFIX, "the suffix chapter");
	CHECK_INT(b.v[9].line, 19, "on its line");
	CHECK_INT(book_problems(&b, &first), 2, "two problems");
	CHECK(first != NULL && strstr(first, "SUMMARY.md:10:") != NULL,
	    "the first in the book's order");
	CHECK_INT(book_next(&b, -1, 1), 0, "the first document");
	CHECK_INT(book_next(&b, 0, 1), 2, "next skips a part");
	CHECK_INT(book_next(&b, 3, 1), 8, "next skips drafts and a part");
	CHECK_INT(book_next(&b, 9, 1), -1, "none after the last");
	CHECK_INT(book_next(&b, 8, -1), 3, "previous skips drafts");
	CHECK_INT(book_next(&b, (long)b.n, -1), 9, "the last document");
	CHECK_INT(book_find(&b, b.v[3].path), 3, "find by the same path");
	free(dir);
	dir = xasprintf("%s/sum/src/ch/../ch/end.md", test_top);
	CHECK_INT(book_find(&b, dir), 8, "find by another path to it");
	free(dir);
	dir = realpath(b.v[9].path, NULL);
	CHECK_INT(book_find(&b, dir), 9, "find by the canonical path");
	free(dir);
	dir = xasprintf("%s/sum/inside.md", test_top);
	CHECK_INT(book_find(&b, dir), -1, "a file not in the book");
	free(dir);
	book_free(&b);
	CHECK(b.n == 0 && b.v == NULL, "book_free empties");
}

/* Whether entries of A and B are the same, field by field. */
static int
test_same(const struct book *a, const struct book *b)
{
	size_t i;

#define TEST_SAME_STR(x, y) ((x) == NULL ? (y) == NULL : \
	(y) != NULL && strcmp((x), (y)) == 0)
	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!TEST_SAME_STR(a->v[i].path, b->v[i].path) ||
		    !TEST_SAME_STR(a->v[i].title, b->v[i].title) ||
		    !TEST_SAME_STR(a->v[i].url, b->v[i].url) ||
		    !TEST_SAME_STR(a->v[i].why, b->v[i].why) ||
		    a->v[i].level != b->v[i].level ||
		    a->v[i].flags != b->v[i].flags ||
		    a->v[i].line != b->v[i].line)
			return 0;
	return 1;
#undef TEST_SAME_STR
}

/*
 * SUMMARY.md read line by line, when its lines are of the plain shapes,
 * gives what cmark-gfm gives: a line of a tab at the end, blank to
 * CommonMark, sends the same text to cmark-gfm.
 */
static void
test_quick(void)
{
	static const char *const texts[] = {
		"# Summary\n\n[Intro](intro.md) [Why](why.md)\n\n"
		"- [One](one.md)\n    - [Two](a/two.md)\n"
		"      - [Three]()\n   - [Four](four.md#x)\n"
		"- Not written\n\n---\n\n# Part\n* [Five](f%20ive.md)\n"
		"+ [](six.md)\n- [Far](../far.md)\n- [Web](http://x.org/)\n"
		"\n[End](end.md)\n\nThanks\n[Also](also.md)\n",
		"[Only](only.md)\n# Not the title\n- [A](a.md)\n---\n"
		"- [B](b.md)\n\n[Mid](mid.md)\n\n- [C](c.md)\n",
		"- [A](a.md)\n  - [B](b.md)\n - [C](c.md)\n"
		"-    [D](d.md)\n     - [E](e.md)\n\n   - [F](f.md)\n",
		"#\n# Title\n- [\xc3\x9c" "ber](\xc3\xbc.md)\r\n- 1990s\n",
	};
	struct book q, c;
	char err[256], *dir, *text;
	size_t i;

	test_mkdir("quick");
	dir = xasprintf("%s/quick", test_top);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		test_write("quick/SUMMARY.md", texts[i]);
		book_open_dir(&q, dir, err, sizeof(err));
		text = xasprintf("%s\t\n", texts[i]);
		test_write("quick/SUMMARY.md", text);
		free(text);
		book_open_dir(&c, dir, err, sizeof(err));
		CHECK(q.n > 0 && test_same(&q, &c),
		    "a plain SUMMARY.md read line by line as by cmark-gfm");
		book_free(&q);
		book_free(&c);
	}
	free(dir);
}

/*
 * Entries looked up from the book's directory: a directory whose name
 * begins another's is looked up on its own, and a symlink on the way
 * out of the book is found.
 */
static void
test_look(void)
{
	struct book b;
	char err[256], *dir, *p;

	test_mkdir("look");
	test_mkdir("look/a");
	test_mkdir("look/a/bc");
	test_mkdir("away");
	test_write("look/a/bc/x.md", "# X\n");
	test_write("away/y.md", "# Y\n");
	test_write("look/SUMMARY.md", "- [X](a/bc/x.md)\n- [Y](a/b/y.md)\n"
	    "- [Z](a/bc/../bc/x.md)\n- [W](a/bc)\n");
	p = xasprintf("%s/look/a/b", test_top);
	CHECK_INT(symlink("../../away", p), 0, "a symlink out of the book");
	free(p);
	dir = xasprintf("%s/look", test_top);
	CHECK_INT(book_open_dir(&b, dir, err, sizeof(err)), 0, "it opens");
	CHECK_INT(book_check(&b, 0), 0, "a file some directories down");
	CHECK_INT(book_check(&b, 1), -1, "a file through the symlink");
	CHECK(test_warned(&b, "SUMMARY.md:2: a/b/y.md: outside"),
	    "is outside the book");
	CHECK_INT(book_check(&b, 2), 0, "a link with .. in it");
	CHECK_INT(book_check(&b, 3), -1, "a directory");
	CHECK(test_warned(&b, "SUMMARY.md:4: a/bc: is a directory"),
	    "is no file to read");
	book_free(&b);
	free(dir);
}

static void
test_walk(void)
{
	struct book b;
	char err[256], *dir, *p;
	size_t i;

	test_mkdir("walk");
	test_mkdir("walk/b");
	test_mkdir("walk/b/c");
	test_mkdir("walk/.hidden");
	test_mkdir("walk/node_modules");
	test_mkdir("walk/target");
	test_write("walk/z.md", "z\n");
	test_write("walk/Index.MD", "i\n");
	test_write("walk/a.markdown", "a\n");
	test_write("walk/notes.txt", "t\n");
	test_write("walk/b/x.mdown", "x\n");
	test_write("walk/b/c/y.mkd", "y\n");
	test_write("walk/b.md", "b\n");
	test_write("walk/.hidden/h.md", "h\n");
	test_write("walk/node_modules/n.md", "n\n");
	test_write("walk/target/t.md", "t\n");
	p = xasprintf("%s/walk/b/c/loop", test_top);
	CHECK_INT(symlink("../..", p), 0, "a symlink to an ancestor");
	free(p);
	p = xasprintf("%s/walk/b/self.md", test_top);
	CHECK_INT(symlink("self.md", p), 0, "a symlink to itself");
	free(p);
	p = xasprintf("%s/walk/fifo.md", test_top);
	CHECK_INT(mkfifo(p, 0600), 0, "a FIFO named .md");
	free(p);

	dir = xasprintf("%s/walk", test_top);
	CHECK_INT(book_open_dir(&b, dir, err, sizeof(err)), 0,
	    "a directory without SUMMARY.md opens");
	CHECK_INT(b.n, 6, "six documents, the rest skipped");
	CHECK_STR(test_rel(&b, 0, "walk"), "Index.MD", "index.md first");
	CHECK_STR(test_rel(&b, 1, "walk"), "a.markdown", "then by name");
	CHECK_STR(test_rel(&b, 2, "walk"), "b.md",
	    "a directory's files before its subdirectories'");
	CHECK_STR(test_rel(&b, 3, "walk"), "z.md", "z last of the top");
	CHECK_STR(test_rel(&b, 4, "walk"), "b/x.mdown", "then b/");
	CHECK_STR(test_rel(&b, 5, "walk"), "b/c/y.mkd", "then b/c/");
	for (i = 0; i < b.n; i++)
		if (b.v[i].level != 0 || b.v[i].title != NULL)
			break;
	CHECK_INT(i, b.n, "no nesting nor titles without SUMMARY.md");
	CHECK(test_warned(&b, "b/c/loop: symlink loop"),
	    "the symlink loop is a warning");
	CHECK(test_warned(&b, "fifo.md: is a FIFO"), "so is the FIFO");
	CHECK(test_warned(&b, "self.md: "), "and the link to itself");
	CHECK(b.key != NULL && b.key[0] == '/', "the key is canonical");
	book_free(&b);
	free(dir);

	test_write("walk/README.md", "r\n");
	dir = xasprintf("%s/walk/", test_top);
	book_open_dir(&b, dir, err, sizeof(err));
	CHECK_STR(test_rel(&b, 0, "walk"), "README.md",
	    "README.md before index.md");
	CHECK_STR(test_rel(&b, 1, "walk"), "Index.MD", "which follows");
	book_free(&b);
	free(dir);

	CHECK_INT(book_open_dir(&b, "/no/such/dir", err, sizeof(err)), -1,
	    "a missing directory fails");
	CHECK(strstr(err, "No such file") != NULL, "and says why");
	CHECK_INT(book_open_dir(&b, "/dev/null", err, sizeof(err)), -1,
	    "a device is no book");
	CHECK_STR(err, "is not a directory", "and says so");
}

static void
test_files(void)
{
	char *paths[] = { "b.md", "a.md" };
	struct book b;

	book_open_files(&b, paths, 2);
	CHECK_INT(b.n, 2, "a list of files");
	CHECK_STR(b.v[0].path, "b.md", "in the order given");
	CHECK(b.dir == NULL && b.key == NULL, "no directory");
	book_free(&b);
}

/* Checks book_link_path(FROM, HREF) against PATH and ANCHOR. */
static void
test_link1(const char *from, const char *href, const char *path,
    const char *anchor, const char *what)
{
	char *a, *p = book_link_path(from, href, &a);

	if (path == NULL)
		CHECK(p == NULL, what);
	else
		CHECK_STR(p, path, what);
	if (anchor == NULL)
		CHECK(a == NULL, what);
	else
		CHECK_STR(a, anchor, what);
	free(p);
	free(a);
}

static void
test_link(void)
{
	test_link1("docs/a.md", "b.md", "docs/b.md", NULL, "relative");
	test_link1("a.md", "sub/b.md", "sub/b.md", NULL,
	    "relative to the current directory");
	test_link1("docs/a.md", "../c.md", "docs/../c.md", NULL, "..");
	test_link1("docs/a.md", "/abs/b.md", "/abs/b.md", NULL, "absolute");
	test_link1("docs/a.md", "file:///abs/b.md", "/abs/b.md", NULL,
	    "file://");
	test_link1("docs/a.md", "file://localhost/x.md", "/x.md", NULL,
	    "file://localhost");
	test_link1("docs/a.md", "file://host/x.md", NULL, NULL,
	    "file:// on another host");
	test_link1("docs/a.md", "my%20file.md", "docs/my file.md", NULL,
	    "%20 decoded");
	test_link1("docs/a.md", "b.md#Sec%C3%A9", "docs/b.md", "Secé",
	    "#anchor, decoded");
	test_link1("docs/a.md", "b.md?x=1#s", "docs/b.md", "s",
	    "query stripped");
	test_link1("docs/a.md", "b.md?x=1", "docs/b.md", NULL,
	    "query alone stripped");
	test_link1("docs/a.md", "http://example.com/b.md", NULL, NULL,
	    "http: is no file");
	test_link1("docs/a.md", "mailto:me@example.com", NULL, NULL,
	    "mailto: is no file");
	test_link1("docs/a.md", "#only", NULL, NULL, "#only is no file");
	test_link1("docs/a.md", "", NULL, NULL, "empty is no file");
	test_link1("docs/a.md", "a%00b.md", "docs/a%00b.md", NULL,
	    "%00 stays as written");
	test_link1("docs/a.md", "b.md#", "docs/b.md", NULL,
	    "an empty anchor is none");
}

static void
test_may_open(void)
{
	char err[256], *p;

	CHECK(book_is_markdown("a.md") && book_is_markdown("A.MARKDOWN") &&
	    book_is_markdown("x/y.mdown") && book_is_markdown("z.Mkd"),
	    "Markdown suffixes, any case");
	CHECK(!book_is_markdown("a.txt") && !book_is_markdown(".md") &&
	    !book_is_markdown("dir/.md") && !book_is_markdown("md"),
	    "not Markdown");
	p = xasprintf("%s/fifo", test_top);
	mkfifo(p, 0600);
	CHECK_INT(book_may_open(p, 0, err, sizeof(err)), -1,
	    "a FIFO is refused, without blocking");
	CHECK_STR(err, "is a FIFO", "and named");
	free(p);
	CHECK_INT(book_may_open("/dev/null", 0, err, sizeof(err)), -1,
	    "a device is refused");
	CHECK_STR(err, "is a device", "and named");
	CHECK_INT(book_may_open(test_top, 0, err, sizeof(err)), -1,
	    "a directory is refused");
	CHECK_STR(err, "is a directory", "and named");
	test_write("big.md", "0123456789\n");
	p = xasprintf("%s/big.md", test_top);
	CHECK_INT(book_may_open(p, 5, err, sizeof(err)), -1,
	    "a file over the limit is refused");
	CHECK_STR(err, "larger than --max-size (5 bytes)", "and said so");
	CHECK_INT(book_may_open(p, 11, err, sizeof(err)), 0,
	    "a file at the limit is read");
	CHECK_INT(book_may_open(p, 0, err, sizeof(err)), 0, "0: no limit");
	free(p);
	CHECK_INT(book_may_open("/no/such.md", 0, err, sizeof(err)), -1,
	    "a missing file is refused");
	CHECK(strstr(err, "No such file") != NULL, "with strerror");
}

int
main(void)
{
	char *cmd;

	if (mkdtemp(test_top) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_summary();
	test_quick();
	test_look();
	test_walk();
	test_files();
	test_link();
	test_may_open();
	cmd = xasprintf("rm -rf '%s'", test_top);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", test_top);
	free(cmd);
	return t_done();
}
