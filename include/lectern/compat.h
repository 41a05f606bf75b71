/*
 * compat.c: what glibc provides and other systems lack, hide or spell
 * differently, each behind one name of lectern's own.
 *
 * A shim is chosen by the system's headers where they tell (a macro that
 * is there or not), else by mk/config.sh, which defines LECTERN_COMPAT_X
 * when a test program shows that the system needs shim X. Each
 * LECTERN_COMPAT_X can also be defined by hand, which is how
 * tests/unit/test_compat.c tries every shim on glibc.
 *
 * Include this header after the system headers: its macros test and
 * name theirs.
 */
#ifndef LECTERN_COMPAT_H
#define LECTERN_COMPAT_H

#include <stddef.h>

/*
 * memmem(3): the first place of the N bytes at NEEDLE in the LEN bytes at
 * HAY, or NULL; HAY itself when N is 0. In POSIX 2024, in the C library
 * of the BSDs and macOS, in glibc only under _GNU_SOURCE.
 * LECTERN_COMPAT_MEMMEM: the system has none; a plain search stands in.
 */
void	*compat_memmem(const void *hay, size_t len, const void *needle,
	    size_t n);

/*
 * The mmap(2) flag for memory that maps no file: MAP_ANONYMOUS (POSIX
 * 2024, Linux, FreeBSD, OpenBSD, NetBSD and macOS today), MAP_ANON on
 * older BSDs and macOS. LECTERN_COMPAT_MAP_ANON: use MAP_ANON.
 */
#if defined(LECTERN_COMPAT_MAP_ANON) || !defined(MAP_ANONYMOUS)
#define COMPAT_MAP_ANON		MAP_ANON
#else
#define COMPAT_MAP_ANON		MAP_ANONYMOUS
#endif

/*
 * The modification time of the struct stat at SB, a struct timespec:
 * st_mtim (POSIX 2008, glibc, the BSDs), st_mtimespec on macOS.
 * LECTERN_COMPAT_MTIMESPEC: use st_mtimespec.
 */
#if defined(LECTERN_COMPAT_MTIMESPEC) || defined(__APPLE__)
#define COMPAT_ST_MTIM(sb)	((sb)->st_mtimespec)
#else
#define COMPAT_ST_MTIM(sb)	((sb)->st_mtim)
#endif

#endif
