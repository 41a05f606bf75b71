/*
 * booksearch.c: the figures of a search across a book, linked with
 * lectern's own modules: the book of directory DIR searched for PATTERN
 * from its first document, as the reader's '*' search does.
 *
 * usage: booksearch DIR PATTERN
 *
 * Prints one line of "key value" pairs: the time to the first match and
 * to the end of the search [s], the documents and text searched, the
 * matches, and the peak resident size [KiB].
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "lectern/book.h"
#include "lectern/booksearch.h"
#include "lectern/decode.h"
#include "lectern/load.h"
#include "lectern/util.h"

/* Seconds on the monotonic clock. */
static double
booksearch_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct load_opts lo = { .whole = 1,
	    .max_size = DECODE_MAX_SIZE_DEFAULT };
	struct booksearch_state st;
	struct booksearch *bs;
	struct rusage ru;
	struct book bk;
	struct load *l;
	char err[512];
	double t0, first = -1, end;
	long from;

	if (argc != 3) {
		fprintf(stderr, "usage: booksearch DIR PATTERN\n");
		return 2;
	}
	if (book_open_dir(&bk, argv[1], err, sizeof(err)) != 0 ||
	    (from = book_next(&bk, -1, 1)) < 0) {
		fprintf(stderr, "booksearch: %s: %s\n", argv[1], err);
		return 1;
	}
	t0 = booksearch_now();
	if (load_open(bk.v[from].path, &lo, &l, err, sizeof(err)) !=
	    DECODE_OK) {
		fprintf(stderr, "booksearch: %s: %s\n", bk.v[from].path, err);
		return 1;
	}
	bs = booksearch_start(&bk, from, load_doc(l), argv[2], 0,
	    DECODE_MAX_SIZE_DEFAULT);
	load_free(l);
	if (bs == NULL) {
		fprintf(stderr, "booksearch: bad pattern\n");
		return 1;
	}
	/* As the reader polls it, at a finer tick. */
	for (;;) {
		booksearch_poll(bs, &st);
		if (first < 0 && st.nhits > 0)
			first = booksearch_now() - t0;
		if (st.done)
			break;
		usleep(1000);
	}
	end = booksearch_now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("first %.4f total %.4f docs %zu bytes %llu matches %zu "
	    "maxrss %ld\n", first, end, st.scanned,
	    (unsigned long long)st.bytes, st.nhits, ru.ru_maxrss);
	booksearch_free(bs);
	book_free(&bk);
	return 0;
}
