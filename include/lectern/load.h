/*
 * load.c: opening a document so that its first screen comes at once,
 * whatever its size.
 *
 * A regular file of more than twice LOAD_PREFIX bytes, opened for the
 * reader, whose start reads as UTF-8, is loaded in two steps: its first
 * LOAD_PREFIX bytes, cut back to the end of a block (a blank line outside
 * front matter, code and HTML blocks), are decoded and parsed before load_open
 * returns: the partial document. A second thread meanwhile reads, decodes
 * and parses the whole file; it takes no signals, so that they all go to
 * the caller's thread. Everything else (standard input, a small
 * file, a named or detected encoding other than UTF-8, and whatever asks
 * for the whole document: --dump, --outline, --check) is read and parsed
 * whole before load_open returns, with no thread.
 *
 * Both steps read the file opened once, so that a file removed or replaced
 * meanwhile is still read whole. When the rest cannot be read (the file
 * was cut short meanwhile, a read error), the partial document stays and
 * load_failed says so.
 *
 * The partial document keeps the whole document's source offsets (its
 * src_len is the file's size, so that percentages read right), but it
 * lacks what is defined later in the file: references to notes and link
 * definitions further down show as plain text until the whole arrives.
 * Positions move from one document to the other through load_map.
 *
 * For the tests only: when the environment variable
 * LECTERN_TEST_LOAD_GATE names a FIFO, the thread opens it and reads it to
 * its end before it reads the file, so that a test can change the file
 * while the first part is shown.
 */
#ifndef LECTERN_LOAD_H
#define LECTERN_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/decode.h"
#include "lectern/view.h"

#define LOAD_PREFIX	((size_t)256 << 10)	/* parsed first [bytes] */

struct doc;
struct doc_sink;

struct load_opts {
	const char	*encoding;	/* -e, or NULL */
	size_t		 max_size;	/* refuse larger input [bytes] */
	size_t		 prefix;	/* first part [bytes], 0: LOAD_PREFIX */
	int		 whole;		/* no partial document, no thread */
	int		 trim;		/* give the memory the parse freed back
					   to the system (a long-lived reader) */
};

struct load;

/*
 * Opens PATH ("-" for standard input) as described above and sets *OUT.
 * On failure returns the decode status and writes one line, without the
 * file name, into ERR; *OUT is then NULL.
 */
enum decode_status load_open(const char *path, const struct load_opts *,
		    struct load **out, char *err, size_t errlen);

/* The same, telling SINK of the parse when the load is whole (see
   doc_parse_sink). */
enum decode_status load_open_sink(const char *path, const struct load_opts *,
		    const struct doc_sink *sink, struct load **out, char *err,
		    size_t errlen);

/*
 * The document to show now: the partial one until load_poll has handed
 * over the whole, then the whole. Owned by the load.
 */
struct doc	*load_doc(struct load *);

/* 1 while load_doc is the partial document, else 0. */
int		 load_partial(const struct load *);

/*
 * Never blocks. Returns the whole document once, the first call after the
 * thread has finished; from then on load_doc returns it too. Returns NULL
 * while the thread works, after the hand-over, and when reading the rest
 * failed (load_message then says why, and the partial one stays).
 */
struct doc	*load_poll(struct load *);

/*
 * Waits for the thread and returns the whole document (handed over as by
 * load_poll), or the partial one when reading the rest failed.
 */
struct doc	*load_wait(struct load *);

/*
 * Frees the partial document once the reader has moved its positions to
 * the whole (load_map); a no-op before the hand-over.
 */
void		 load_drop_partial(struct load *);

/* How far the whole document has come [per cent, 0-100]. */
int		 load_progress(const struct load *);

/*
 * A line for the status line once the thread has finished, or NULL: why
 * the rest could not be read ("loaded 12% only: FILE: reason", its
 * controls made inert), or the encoding it was read in when that was a
 * guess. load_assumed is the same guess for a whole load.
 */
const char	*load_message(const struct load *);

/*
 * 1 once the thread has found that the rest cannot be read: load_doc
 * stays the partial document for good, and load_message says why.
 */
int		 load_failed(const struct load *);
const char	*load_assumed(const struct load *);

/*
 * Ends the load: waits for nothing (a working thread is left to finish
 * and free its document on its own), frees the documents it still owns.
 */
void		 load_free(struct load *);

/*
 * Moves anchor A of document FROM to the same place in TO: the block of
 * TO that starts at the source offset of A's block (else the last one
 * that starts before it, in the body or among the same note's blocks),
 * and an offset in its text where the same bytes follow, else the same
 * offset cut to the block and to a character boundary.
 */
struct anchor	 load_map(const struct doc *from, struct anchor a,
		    const struct doc *to);

/* The block of D's body that holds source offset SRC [bytes]. */
uint32_t	 load_block_at(const struct doc *, uint64_t src);

#endif
