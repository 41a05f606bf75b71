/*
 * front.c: the front matter at the very top of a document, YAML between
 * "---" lines (closed by "---" or "...") or TOML between "+++" lines,
 * read as a table of keys and values: the BLK_FRONT block that opens the
 * body, and the document's meta (title, author, date ...).
 *
 * A top-level "key: value" (YAML) or "key = value" (TOML) is a row; the
 * lines nested under it (YAML's lists, maps and block scalars, TOML's
 * arrays and strings over several lines) are its value as written, one
 * per line. Whatever is not a key and a value is a row of its own with
 * an empty key, so that no text of the front matter is lost.
 */
#ifndef LECTERN_FRONT_H
#define LECTERN_FRONT_H

#include <stddef.h>
#include <stdint.h>

struct doc;

/*
 * Reads the front matter at the start of S[0..N). When there is one,
 * appends its BLK_FRONT block to DOC's blocks (*CAP: their capacity),
 * fills DOC's meta, sets *LINES to the lines it takes and returns the
 * bytes it takes; else returns 0.
 */
size_t	 front_parse(struct doc *, size_t *cap, const char *s, size_t n,
	    uint32_t *lines);

#endif
