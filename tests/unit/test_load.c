/* Unit tests of the loader (load.c): partial and whole, cuts, mapping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/doc.h"
#include "lectern/load.h"
#include "lectern/util.h"
#include "t.h"

#define PREFIX	2048	/* a small first part, so that tests stay small */

/* Writes LEN bytes at P to a new temporary file; returns its path. */
static const char *
write_file(const char *p, size_t len)
{
	static char path[256];
	const char *base = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/lectern-load-XXXXXX",
	    base && *base ? base : P_tmpdir);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fwrite(p, 1, len, f);
	fclose(f);
	return path;
}

/* A document with a fence across the first PREFIX bytes, and notes and
   link definitions at the end. */
static void
make_doc(struct buf *b)
{
	int i;

	buf_adds(b, "---\ntitle: Loader test\n---\n\n# Start\n\n");
	buf_adds(b, "First paragraph cites[^n1] and links [here][r1].\n\n");
	buf_adds(b, "```\ncode line one\n\ncode after a blank line\n");
	for (i = 0; i < 20; i++)
		buf_printf(b, "code line %d in a long fence\n\n", i);
	buf_adds(b, "```\n\n");
	for (i = 0; i < 200; i++)
		buf_printf(b, "## Part %d\n\nParagraph %d of the body, with "
		    "some words to fill the line.\n\n", i, i);
	buf_adds(b, "[^n1]: The note, defined at the end.\n\n"
	    "[r1]: https://example.org/\n");
}

/* The first block whose text starts with S, or -1. */
static long
find_block(const struct doc *d, const char *s)
{
	uint32_t i;

	for (i = 0; i < d->nblocks; i++)
		if (strncmp(d->blocks[i].text, s, strlen(s)) == 0)
			return i;
	return -1;
}

static void
test_partial(const char *path, size_t size)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l;
	struct doc *first, *whole;
	struct anchor a, m;
	char err[256];
	long b, code;
	uint32_t i;

	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "a large file opens");
	CHECK(load_partial(l), "on a partial document");
	first = load_doc(l);
	CHECK_INT(first->src_len, size, "whose src_len is the file's size");
	CHECK_STR(first->meta.title, "Loader test", "with its front matter");
	code = find_block(first, "code line one");
	CHECK(code >= 0 && first->blocks[code].type == BLK_CODE,
	    "the fence is one code block");
	CHECK(code >= 0 && strstr(first->blocks[code].text,
	    "code after a blank line") != NULL,
	    "not cut at a blank line inside the fence");
	CHECK(find_block(first, "Paragraph 199") < 0,
	    "the end is not in the first part");
	CHECK(strstr(first->blocks[find_block(first, "First")].text,
	    "[^n1]") != NULL, "a later note shows as text in the part");
	CHECK_INT(first->nnotes, 0, "and the part has no notes");

	/* Wait for the whole through polling, as the reader does. */
	for (i = 0; i < 2000 && load_poll(l) == NULL; i++)
		usleep(5000);
	CHECK(!load_partial(l), "load_poll hands over the whole");
	whole = load_doc(l);
	CHECK(whole != first, "a new document");
	CHECK(load_poll(l) == NULL, "only once");
	CHECK_INT(load_progress(l), 100, "progress ends at 100");
	CHECK(load_message(l) == NULL, "no message");
	CHECK(find_block(whole, "Paragraph 199") >= 0, "the whole has the end");
	CHECK_INT(whole->nnotes, 1, "and the note");
	b = find_block(whole, "First");
	CHECK(b >= 0 && strstr(whole->blocks[b].text, "[^n1]") == NULL,
	    "which is now a reference");
	CHECK(load_wait(l) == whole, "load_wait returns the whole");

	/* Positions move by source offset. */
	b = find_block(first, "Paragraph 3 ");
	if (!CHECK(b >= 0, "the part has paragraph 3"))
		return;
	a.block = (uint32_t)b;
	a.off = (uint32_t)(strstr(first->blocks[b].text, "some") -
	    first->blocks[b].text);
	m = load_map(first, a, whole);
	CHECK(strncmp(whole->blocks[m.block].text, "Paragraph 3 ", 12) == 0,
	    "an anchor maps to the same block");
	CHECK(strncmp(whole->blocks[m.block].text + m.off, "some", 4) == 0,
	    "and the same words");
	b = find_block(first, "First");
	a.block = (uint32_t)b;
	a.off = (uint32_t)(strstr(first->blocks[b].text, "links") -
	    first->blocks[b].text);
	m = load_map(first, a, whole);
	CHECK(strncmp(whole->blocks[m.block].text + m.off, "links", 5) == 0,
	    "after text that changed (a reference became [1])");
	CHECK_INT(m.block, find_block(whole, "First"), "in its block");
	a.off = 100000;
	m = load_map(first, a, whole);
	CHECK(m.off <= whole->blocks[m.block].len, "a far offset is cut");
	CHECK_INT(load_block_at(whole, 0), 0, "offset 0: the first block");
	CHECK_INT(load_block_at(whole, size), whole->nbody - 1,
	    "the end: the last body block");
	a = load_map(whole, m, whole);
	CHECK(a.block == m.block && a.off == m.off, "to itself: unchanged");

	load_drop_partial(l);
	CHECK(load_doc(l) == whole, "dropping the part keeps the whole");
	load_free(l);
}

static void
test_whole(const char *path)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 1, 0 };
	struct load *l;
	char err[256];

	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "whole: opens");
	CHECK(!load_partial(l), "whole: never partial");
	CHECK(load_poll(l) == NULL, "whole: nothing to poll");
	CHECK(find_block(load_doc(l), "Paragraph 199") >= 0,
	    "whole: all of it");
	CHECK_INT(load_progress(l), 100, "whole: progress 100");
	load_free(l);

	/* Smaller than two first parts: whole as well. */
	o.whole = 0;
	o.prefix = 1 << 20;
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "small: opens");
	CHECK(!load_partial(l), "small: whole at once");
	load_free(l);
}

static void
test_left_early(const char *path)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l;
	char err[256];

	/* Freed while the thread may still work: it cleans up alone. */
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "early: opens");
	load_free(l);
	CHECK(1, "early: freed while loading");
	usleep(200000);
}

static void
test_errors(void)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l = (struct load *)&o;
	char err[256] = "";
	struct buf b = { 0 };
	const char *path;
	size_t i;

	CHECK_INT(load_open("/nonexistent/file.md", &o, &l, err, sizeof(err)),
	    DECODE_EFILE, "a missing file");
	CHECK(l == NULL && err[0] != '\0', "with a message and no load");
	o.max_size = 10;
	path = write_file("# Too large for ten bytes\n", 26);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_EFILE,
	    "over --max-size");
	unlink(path);

	/* Not UTF-8 at the start: read whole, the encoding guessed. */
	o.max_size = (size_t)1 << 30;
	for (i = 0; i < 4 * PREFIX; i++)
		buf_adds(&b, i % 60 == 59 ? "\n\n" : "\xe9");
	path = write_file(b.data, b.len);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "Latin-1 opens");
	CHECK(!load_partial(l), "whole, not partial");
	CHECK_STR(load_assumed(l), "ISO-8859-1", "read as Latin-1");
	load_free(l);
	unlink(path);

	/* One long line: no cut, read whole. */
	b.len = 0;
	for (i = 0; i < 4 * PREFIX; i++)
		buf_addc(&b, 'x');
	path = write_file(b.data, b.len);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "one long line opens");
	CHECK(!load_partial(l), "whole");
	CHECK_INT(load_doc(l)->nblocks, 1, "one paragraph");
	load_free(l);
	unlink(path);
	buf_free(&b);
}

/* Whether a block of D holds S. */
static int
has_text(const struct doc *d, const char *s)
{
	uint32_t i;

	for (i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, s) != NULL)
			return 1;
	return 0;
}

/*
 * The first part ends between blocks as the parser sees them: a block
 * across its end (here a fence in a nested list item, then a <pre> block
 * with blank lines) is in it whole or not at all.
 */
static void
test_cut(void)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	static const char *starts[] = { "- a\n  - b\n\n    ```\n",
	    "Intro.\n\n<pre>\n" };
	static const char *ends[] = { "    ```\n\n", "</pre>\n\n" };
	struct load *l;
	struct buf b = { 0 };
	const char *path;
	char err[256];
	size_t k;
	int i;

	for (k = 0; k < 2; k++) {
		b.len = 0;
		buf_adds(&b, starts[k]);
		for (i = 0; i < 400; i++)
			buf_printf(&b, "%sline %d\n\n", k ? "" : "    ", i);
		buf_adds(&b, ends[k]);
		for (i = 0; i < 400; i++)
			buf_printf(&b, "Paragraph %d of the body.\n\n", i);
		path = write_file(b.data, b.len);
		CHECK_INT(load_open(path, &o, &l, err, sizeof(err)),
		    DECODE_OK, "cut: opens");
		CHECK(load_partial(l) && (!has_text(load_doc(l), "line 0") ||
		    has_text(load_doc(l), "line 399")), k == 0 ?
		    "cut: not in a fence of a nested list item" :
		    "cut: not in an HTML block that holds blank lines");
		load_free(l);
		unlink(path);
	}
	buf_free(&b);
}

int
main(void)
{
	struct buf b = { 0 };
	const char *path;
	char keep[256];

	make_doc(&b);
	if ((path = write_file(b.data, b.len)) == NULL) {
		CHECK(0, "a temporary file");
		return t_done();
	}
	strcpy(keep, path);
	test_partial(keep, b.len);
	test_whole(keep);
	test_left_early(keep);
	test_errors();
	test_cut();
	unlink(keep);
	buf_free(&b);
	return t_done();
}
