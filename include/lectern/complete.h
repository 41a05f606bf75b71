/*
 * complete.c: completing a file name as a shell's Tab does, for the
 * command line's :e.
 */
#ifndef LECTERN_COMPLETE_H
#define LECTERN_COMPLETE_H

#include <stddef.h>

/*
 * Completes TYPED, a path whose last component is partly typed: writes
 * into OUT (LEN bytes) TYPED grown by what every entry of its directory
 * that starts with that component has in common, with a "/" after a
 * sole directory. Hidden entries count only when the component starts
 * with a dot. Sets *N to the number of such entries. Returns 0, or -1
 * when the directory cannot be read or OUT is too short (OUT then holds
 * TYPED, or nothing).
 */
int	complete_path(const char *typed, char *out, size_t len, int *n);

#endif
