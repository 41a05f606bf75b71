/*
 * Unit tests of the search across a book (booksearch.c): the order the
 * documents are searched in, what a match keeps, and the work done,
 * counted: every document read once and its text searched once, so that
 * a book twice as long costs twice as much.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/book.h"
#include "lectern/booksearch.h"
#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/util.h"
#include "t.h"

static char test_top[] = "/tmp/test_booksearch.XXXXXX";

/*
 * Writes a book of N chapters under the test directory's DIR, chapter I
 * with "needle" in it when I is a multiple of 3, and makes B of it.
 */
static void
test_book(struct book *b, const char *dir, size_t n)
{
	char **paths = xreallocarray(NULL, n, sizeof(*paths));
	char *d = xasprintf("%s/%s", test_top, dir);
	FILE *f;
	size_t i, k;

	mkdir(d, 0755);
	for (i = 0; i < n; i++) {
		paths[i] = xasprintf("%s/c%03zu.md", d, i);
		if ((f = fopen(paths[i], "w")) == NULL)
			continue;
		fprintf(f, "# Chapter\n\n## Part one\n\n");
		for (k = 0; k < 50; k++)
			fprintf(f, "Some words of filler text, line %03zu.\n\n",
			    k);
		fprintf(f, "## Part two\n\nA %s here.\n", i % 3 == 0 ?
		    "needle" : "haystack");
		fclose(f);
	}
	book_open_files(b, paths, n);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(d);
}

/* Searches B for PATTERN from entry FROM to the end; the state in ST. */
static struct booksearch *
test_search(const struct book *b, long from, const char *pattern,
    struct booksearch_state *st)
{
	struct load_opts lo = { .whole = 1,
	    .max_size = DECODE_MAX_SIZE_DEFAULT };
	struct booksearch *bs;
	struct load *l;
	char err[256];

	if (load_open(b->v[from].path, &lo, &l, err, sizeof(err)) !=
	    DECODE_OK)
		return NULL;
	bs = booksearch_start(b, from, load_doc(l), pattern, 0,
	    DECODE_MAX_SIZE_DEFAULT);
	load_free(l);
	if (bs != NULL) {
		booksearch_wait(bs);
		booksearch_poll(bs, st);
	}
	return bs;
}

int
main(void)
{
	struct book small, big;
	struct booksearch_state s1, s2;
	struct booksearch *bs;
	const struct booksearch_doc *r;
	char *cmd;
	size_t i;
	int order = 1;

	if (mkdtemp(test_top) == NULL) {
		printf("not ok 1 - a temporary directory\n");
		return 1;
	}
	memset(&small, 0, sizeof(small));
	memset(&big, 0, sizeof(big));
	test_book(&small, "small", 30);
	test_book(&big, "big", 60);

	bs = test_search(&small, 4, "needle", &s1);
	CHECK(bs != NULL, "a search across a book starts");
	if (bs != NULL) {
		CHECK(s1.done, "and ends");
		CHECK_INT(s1.scanned, 30, "every document is searched once");
		CHECK_INT(s1.total, 30, "of the book's");
		CHECK_INT(s1.ndocs, 10, "those with a match are kept");
		CHECK_INT(s1.nhits, 10, "with their matches");
		/* From the shown one (4) on, round to the one before. */
		for (i = 0; i < s1.ndocs; i++) {
			r = booksearch_doc(bs, i);
			if (r->entry != (long)((6 + 3 * i) % 30))
				order = 0;
		}
		CHECK(order, "in book order from the shown one, round the end");
		r = booksearch_doc(bs, 0);
		CHECK_STR(r->strings + r->hits[0].where, "Part two",
		    "a match keeps its section");
		CHECK_STR(r->strings + r->hits[0].text, "A needle here.",
		    "and the text around it");
		CHECK_INT(r->hits[0].len, 6, "and its length");
		booksearch_free(bs);
	}

	bs = test_search(&big, 0, "needle", &s2);
	CHECK(bs != NULL, "a search across a book twice as long starts");
	if (bs != NULL) {
		CHECK_INT(s2.scanned, 2 * s1.scanned,
		    "twice the documents are read, each once");
		CHECK_INT(s2.bytes, 2 * s1.bytes,
		    "twice the text is searched, each byte once");
		CHECK_INT(s2.nhits, 2 * s1.nhits, "twice the matches");
		booksearch_free(bs);
	}

	bs = test_search(&small, 0, "nowhere", &s1);
	CHECK(bs != NULL && s1.done && s1.nhits == 0 && s1.scanned == 30,
	    "a pattern found nowhere searches every document");
	booksearch_free(bs);

	/* Stopped at once: the thread ends, what it found stays. */
	bs = test_search(&small, 0, "needle", &s1);
	if (bs != NULL) {
		booksearch_stop(bs);
		booksearch_poll(bs, &s1);
		CHECK(s1.done, "a stopped search has ended");
		booksearch_free(bs);
	}

	/* A document that cannot be read has no match; the rest go on. */
	unlink(small.v[6].path);
	bs = test_search(&small, 0, "needle", &s1);
	CHECK(bs != NULL && s1.scanned == 30 && s1.nhits == 9,
	    "a document that cannot be read is passed over");
	booksearch_free(bs);

	book_free(&small);
	book_free(&big);
	cmd = xasprintf("rm -rf '%s'", test_top);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", test_top);
	free(cmd);
	return t_done();
}
