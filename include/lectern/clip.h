/*
 * clip.c: copying text to the terminal's clipboard with OSC 52
 * (ESC ] 52 ; c ; BASE64 ST), which xterm and most terminals since
 * understand. The terminal decides: one that does not know the sequence
 * ignores it, so the reader also shows what it copied.
 *
 * Inside tmux the sequence reaches tmux, which keeps it as a paste
 * buffer and passes it on to the outer terminal only when its option
 * set-clipboard is on (its default, external, drops what programs send);
 * the sequence is never wrapped for tmux's passthrough, which is off by
 * default too.
 */
#ifndef LECTERN_CLIP_H
#define LECTERN_CLIP_H

#include <stddef.h>

#define CLIP_MAX	65536	/* the most text copied [bytes] */

/* The base64 form of LEN bytes at S (RFC 4648, padded), to free. */
char	*clip_base64(const char *s, size_t len);

/*
 * The sequence that puts LEN bytes at S into the clipboard, to free:
 * built from MS, terminfo's Ms capability ("\E]52;%p1%s;%p2%s\007" and
 * the like), when it is given, else the standard form ended by ST.
 * NULL when the text is longer than CLIP_MAX or MS is not a usable
 * capability.
 */
char	*clip_osc52(const char *s, size_t len, const char *ms);

/*
 * Writes the sequence for LEN bytes at S to standard output, the
 * terminal, between frames: ncurses has sent its frame already and sends
 * nothing while it is written. Returns 1 when the terminal's terminfo
 * entry names the capability (Ms), 0 when the standard form was sent
 * unasked, -1 when nothing was sent.
 */
int	 clip_write(const char *s, size_t len);

#endif
