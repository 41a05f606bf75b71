/*
 * probe.c: in-process figures for the benchmark, linked with lectern's
 * own modules.
 *
 *   probe load FILE            decode and doc_parse times [s], the model's
 *                              memory [bytes] and counts
 *   probe search FILE PAT...   search_all time [s] and matches of each
 *                              pattern ("re:" before a regular expression)
 *   probe first FILE           load_open: time to the first document and
 *                              its blocks, then to the whole document [s]
 *   probe layout FILE          decodes and parses FILE whole, then lays out
 *                              every block at width 80 (and frees each):
 *                              the time [s], lines and segments. Under
 *                              callgrind, the instructions under
 *                              layout_block_as are the layout's, those
 *                              under guard_text and guard_find_links the
 *                              guard's share of the load
 *
 * One line of "key value" pairs each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lectern/decode.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/util.h"

/* Seconds on the monotonic clock. */
static double
probe_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Peak resident size [KiB]. */
static long
probe_maxrss(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Reads and decodes PATH, or exits. */
static void
probe_decode(const char *path, struct decoded *dec)
{
	char err[256];

	if (decode_file(path, NULL, (size_t)1 << 31, dec, err,
	    sizeof(err)) != DECODE_OK) {
		fprintf(stderr, "probe: %s: %s\n", path, err);
		exit(1);
	}
}

/* The bytes the model holds outside the arena, and the runs. */
static void
probe_model(const struct doc *d)
{
	size_t runs = 0, cells = 0, text = 0;
	uint32_t i;

	for (i = 0; i < d->nblocks; i++) {
		runs += d->blocks[i].nruns;
		cells += (size_t)d->blocks[i].nrows * d->blocks[i].ncols;
		text += d->blocks[i].len + 1;
	}
	printf("blocks %u runs %zu cells %zu text %zu headings %u notes %u "
	    "links %u arena %zu blockarray %zu ", d->nblocks, runs, cells,
	    text, d->nheadings, d->nnotes, d->nlinks, arena_size(d->arena),
	    (size_t)d->nblocks * sizeof(struct block));
}

/* Lays out every block of D at width 80, one after the other, as the
   dump does; adds up the lines and segments. */
static void
probe_layout_all(const struct doc *d, size_t *lines, size_t *segs)
{
	struct layout_opts lo;
	struct layout *l;
	uint32_t i;

	memset(&lo, 0, sizeof(lo));
	lo.width = 80;
	for (i = 0; i < d->nblocks; i++) {
		l = layout_block(d, i, &lo);
		*lines += l->nlines;
		*segs += l->nsegs;
		layout_free(l);
	}
}

int
main(int argc, char *argv[])
{
	struct decoded dec;
	struct doc *d;
	double t0, t1, t2;
	int i;

	if (argc < 3) {
		fprintf(stderr,
		    "usage: probe load|search|first|layout FILE ...\n");
		return 2;
	}
	if (strcmp(argv[1], "load") == 0) {
		t0 = probe_now();
		probe_decode(argv[2], &dec);
		t1 = probe_now();
		d = doc_parse(dec.text, dec.len);
		t2 = probe_now();
		printf("decode %.4f parse %.4f input %zu ", t1 - t0, t2 - t1,
		    dec.len);
		probe_model(d);
		printf("maxrss %ld\n", probe_maxrss());
		decoded_free(&dec);
		doc_free(d);
		return 0;
	}
	if (strcmp(argv[1], "search") == 0) {
		probe_decode(argv[2], &dec);
		d = doc_parse(dec.text, dec.len);
		decoded_free(&dec);
		for (i = 3; i < argc; i++) {
			struct search *s;
			struct match *m;
			size_t n;
			char err[256];
			int re = strncmp(argv[i], "re:", 3) == 0;

			s = search_new(argv[i] + (re ? 3 : 0),
			    re ? SEARCH_REGEX : SEARCH_SMARTCASE, err,
			    sizeof(err));
			if (s == NULL) {
				fprintf(stderr, "probe: %s\n", err);
				return 1;
			}
			t0 = probe_now();
			search_all(s, d, &m, &n);
			t1 = probe_now();
			printf("pattern %s search %.4f matches %zu\n", argv[i],
			    t1 - t0, n);
			free(m);
			search_free(s);
		}
		doc_free(d);
		return 0;
	}
	if (strcmp(argv[1], "first") == 0) {
		struct load *l;
		struct load_opts lo;
		const struct doc *first, *full;
		char err[256];

		memset(&lo, 0, sizeof(lo));
		lo.max_size = (size_t)1 << 31;
		t0 = probe_now();
		if (load_open(argv[2], &lo, &l, err, sizeof(err)) !=
		    DECODE_OK) {
			fprintf(stderr, "probe: %s: %s\n", argv[2], err);
			return 1;
		}
		first = load_doc(l);
		t1 = probe_now();
		printf("first %.4f blocks %u partial %d ", t1 - t0,
		    first->nblocks, load_partial(l));
		full = load_wait(l);
		t2 = probe_now();
		printf("full %.4f blocks %u maxrss %ld\n", t2 - t0,
		    full->nblocks, probe_maxrss());
		load_free(l);
		return 0;
	}
	if (strcmp(argv[1], "layout") == 0) {
		size_t lines = 0, segs = 0;

		probe_decode(argv[2], &dec);
		d = doc_parse(dec.text, dec.len);
		decoded_free(&dec);
		t0 = probe_now();
		probe_layout_all(d, &lines, &segs);
		t1 = probe_now();
		printf("layout %.4f blocks %u lines %zu segs %zu\n", t1 - t0,
		    d->nblocks, lines, segs);
		doc_free(d);
		return 0;
	}
	fprintf(stderr, "probe: unknown command %s\n", argv[1]);
	return 2;
}
