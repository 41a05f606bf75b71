/*
 * Unit tests of compat.c. Every shim is forced on here with its
 * LECTERN_COMPAT_ define, so that glibc runs the code meant for the
 * systems that need it, and checked against what glibc does.
 */
#define _GNU_SOURCE		/* glibc's memmem, the reference */
#include <sys/mman.h>
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* compat.c once more, every shim forced, its function renamed. */
#define LECTERN_COMPAT_MEMMEM
#define LECTERN_COMPAT_MAP_ANON
#define LECTERN_COMPAT_MTIMESPEC
#define compat_memmem	forced_memmem
#include "../../src/compat.c"
#undef compat_memmem

#include "t.h"

/* The build's own, from compat.o. */
void	*compat_memmem(const void *, size_t, const void *, size_t);

#define ALPHA	3	/* letters 'a', 'b' and NUL */
#define HAYMAX	7	/* longest haystack tried [bytes] */
#define NEEDMAX	4	/* longest needle tried [bytes] */

/* Fills S with the N letters that number I spells in base ALPHA. */
static void
spell(char *s, size_t n, unsigned long i)
{
	static const char letters[ALPHA] = { 'a', 'b', '\0' };
	size_t k;

	for (k = 0; k < n; k++, i /= ALPHA)
		s[k] = letters[i % ALPHA];
}

/* Every haystack and needle of a few letters, NUL among them: the
   forced search and the build's agree with glibc on each. */
static void
test_memmem_all(void)
{
	char hay[HAYMAX], needle[NEEDMAX];
	unsigned long h, nh, k, nk, pairs = 0, bad = 0;
	size_t hl, nl;
	void *want, *got, *own;

	for (hl = 0, nh = 1; hl <= HAYMAX; hl++, nh *= ALPHA) {
		for (h = 0; h < nh; h++) {
			spell(hay, hl, h);
			for (nl = 0, nk = 1; nl <= NEEDMAX; nl++, nk *= ALPHA) {
				for (k = 0; k < nk; k++) {
					spell(needle, nl, k);
					want = memmem(hay, hl, needle, nl);
					got = forced_memmem(hay, hl, needle,
					    nl);
					own = compat_memmem(hay, hl, needle,
					    nl);
					pairs++;
					if (got == want && own == want)
						continue;
					if (bad++ == 0)
						printf("#   hay %zu bytes, needle "
						    "%zu bytes: want %td, got "
						    "%td, own %td\n", hl, nl,
						    want ? (char *)want - hay :
						    -1, got ? (char *)got -
						    hay : -1, own ? (char *)own
						    - hay : -1);
				}
			}
		}
	}
	CHECK_INT(bad, 0, "memmem: forced and built agree with glibc on "
	    "every pair");
	CHECK(pairs > 100000, "memmem: over 100000 pairs tried");
}

/* The edges a caller leans on. */
static void
test_memmem_edges(void)
{
	const char *s = "lectern reads";

	CHECK(forced_memmem(s, 13, "", 0) == s, "memmem: empty needle "
	    "found at the start");
	CHECK(forced_memmem(s, 0, "", 0) == s, "memmem: empty needle in "
	    "empty text");
	CHECK(forced_memmem(s, 3, "lectern", 7) == NULL, "memmem: needle "
	    "longer than the text");
	CHECK(forced_memmem(s, 13, "reads", 5) == s + 8, "memmem: match "
	    "at the very end");
	CHECK(forced_memmem(s, 12, "reads", 5) == NULL, "memmem: the "
	    "length bounds the text, not the NUL");
	CHECK(forced_memmem(s, 13, "e", 1) == s + 1, "memmem: the first "
	    "of several");
}

/* MAP_ANON maps zeroed, writable memory, as MAP_ANONYMOUS does. */
static void
test_map_anon(void)
{
	size_t len = 1 << 16, i;
	unsigned char *p;
	int zero = 1;

	CHECK(COMPAT_MAP_ANON == MAP_ANON, "map anon: forced to MAP_ANON");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | COMPAT_MAP_ANON, -1, 0);
	if (!CHECK(p != MAP_FAILED, "map anon: mmap succeeds"))
		return;
	for (i = 0; i < len; i++)
		zero &= p[i] == 0;
	CHECK(zero, "map anon: the memory is zeroed");
	memset(p, 0xa5, len);
	CHECK(p[len - 1] == 0xa5, "map anon: the memory is writable");
	CHECK(munmap(p, len) == 0, "map anon: munmap succeeds");
}

/* On macOS the modification time is st_mtimespec; glibc's struct stat
   has no such member, so a struct that has one stands in. */
static void
test_mtimespec(void)
{
	struct {
		struct timespec	 st_mtimespec;
	} mac = { { 1700000000, 123456789 } };
	struct timespec ts = COMPAT_ST_MTIM(&mac);

	CHECK(ts.tv_sec == 1700000000 && ts.tv_nsec == 123456789,
	    "mtimespec: COMPAT_ST_MTIM reads st_mtimespec");
}

int
main(void)
{
	test_memmem_all();
	test_memmem_edges();
	test_map_anon();
	test_mtimespec();
	return t_done();
}
