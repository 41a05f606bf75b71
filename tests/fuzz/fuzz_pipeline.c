/*
 * fuzz_pipeline.c: a libFuzzer target for the whole pipeline, bytes to
 * lines: decode_bytes, doc_parse, then layout_block of every block.
 *
 * The first byte of the input chooses the width (1 to 300), the low bit
 * of the second whether East Asian Ambiguous characters are wide; the
 * rest is the document. Besides the sanitizers, the target checks what
 * the contracts of doc.h and layout.h promise and aborts when one fails:
 * runs cover each block's text in order, no control character is left
 * in text or URLs, every segment lies within its block's text.
 *
 * Built and run by `make fuzz` (tests/fuzz/fuzz.sh).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "lectern/decode.h"
#include "lectern/doc.h"
#include "lectern/layout.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Stops the run with what failed. */
static void
fuzz_fail(const char *what, uint32_t block)
{
	fprintf(stderr, "fuzz_pipeline: block %u: %s\n", block, what);
	abort();
}

/*
 * Whether N bytes of UTF-8 at S hold a character that a terminal acts
 * on: C0 but tab and newline, DEL, C1, or a bidirectional control.
 */
static int
fuzz_has_control(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	ucs4_t c;
	int k;

	while (p < end) {
		k = u8_mbtouc(&c, p, (size_t)(end - p));
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
		    (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
		    c == 0x200f || c == 0x061c)
			return 1;
		p += k > 0 ? k : 1;
	}
	return 0;
}

/* Checks the model's promises about block B. */
static void
fuzz_check_block(const struct doc *d, uint32_t b)
{
	const struct block *bl = &d->blocks[b];
	uint32_t r, off = 0;

	if (strlen(bl->text) != bl->len)
		fuzz_fail("text length", b);
	if (u8_check((const uint8_t *)bl->text, bl->len) != NULL)
		fuzz_fail("text is not UTF-8", b);
	if (fuzz_has_control(bl->text, bl->len))
		fuzz_fail("control character in text", b);
	for (r = 0; r < bl->nruns; r++) {
		const struct run *run = &bl->runs[r];

		if (run->off != off)
			fuzz_fail("runs do not cover the text in order", b);
		off += run->len;
		if ((run->style & ST_LINK) && (run->target < 0 ||
		    (uint32_t)run->target >= d->nlinks))
			fuzz_fail("link run without its link", b);
	}
	if (off != bl->len)
		fuzz_fail("runs end before the text", b);
}

/* Checks that every segment of L lies within block B's text. */
static void
fuzz_check_layout(const struct doc *d, uint32_t b, const struct layout *l)
{
	const struct block *bl = &d->blocks[b];
	uint32_t i, s;

	for (i = 0; i < l->nlines; i++) {
		const struct line *ln = &l->lines[i];

		if ((uint64_t)ln->seg0 + ln->nsegs > l->nsegs)
			fuzz_fail("line beyond its segments", b);
		for (s = ln->seg0; s < ln->seg0 + ln->nsegs; s++) {
			const struct seg *sg = &l->segs[s];

			if (sg->off == SEG_NOOFF)
				continue;
			if ((uint64_t)sg->off + sg->len > bl->len ||
			    sg->text != bl->text + sg->off)
				fuzz_fail("segment outside the block text", b);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_opts lo;
	struct decoded dec;
	struct doc *d;
	char err[256];
	uint32_t b;

	if (size < 2)
		return 0;
	memset(&lo, 0, sizeof(lo));
	lo.width = 1 + data[0] % 300;
	lo.ambiguous_wide = data[1] & 1;
	lo.fold_code = (data[1] >> 1) & 1;
	lo.strike_marks = (data[1] >> 2) & 1;
	lo.front = (data[1] >> 3) % 3;
	if (decode_bytes((const char *)data + 2, size - 2, NULL, &dec, err,
	    sizeof(err)) != DECODE_OK)
		return 0;
	d = doc_parse(dec.text, dec.len);
	for (b = 0; b < d->nlinks; b++)
		if (fuzz_has_control(d->links[b].url, strlen(d->links[b].url)))
			fuzz_fail("control character in a URL", b);
	for (b = 0; b < d->nblocks; b++) {
		struct layout *l;

		fuzz_check_block(d, b);
		l = layout_block(d, b, &lo);
		fuzz_check_layout(d, b, l);
		layout_free(l);
	}
	doc_free(d);
	decoded_free(&dec);
	return 0;
}
