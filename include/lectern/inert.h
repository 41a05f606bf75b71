/*
 * inert.c: the one inert form of untrusted text. Whatever comes from a
 * document, a file name, an address or the environment reaches the
 * terminal only in this form: C0 controls (tab and newline aside), DEL
 * and ESC in caret notation ("^[", "^?"), C1 controls and the
 * bidirectional controls as "<U+XXXX>", a byte that is not UTF-8 as
 * U+FFFD (or "\xNN"). On request, the invisible characters (format
 * characters and default-ignorable code points: U+200B, U+200D, U+2060,
 * U+FEFF, tags ...) show as "<U+XXXX>" too, so that an address cannot
 * look like another.
 *
 * One classifier, inert_span, serves two outputs: the runs of the
 * document model (doc.c, which styles the stand-ins) and the plain
 * strings of messages (inert_buf, inert_str, inert_warnx).
 */
#ifndef LECTERN_INERT_H
#define LECTERN_INERT_H

#include <stddef.h>

struct buf;

#define INERT_KEEP_WS	0x01	/* tab and newline pass; else a space */
#define INERT_FORMAT	0x02	/* invisible characters as <U+XXXX> */
#define INERT_HEX	0x04	/* a byte that is not UTF-8 as \xNN */
#define INERT_ASCII	0x08	/* every character beyond ASCII as
				   <U+XXXX> (a locale that is not UTF-8) */

/* What stands for one character that cannot be shown as it is. */
struct inert_tok {
	size_t		 len;		/* input it stands for [bytes] */
	int		 control;	/* a stand-in, not a space or U+FFFD */
	char		 vis[16];	/* shown instead, NUL-terminated */
};

/*
 * Returns how many bytes at the start of S[0..N) show as they are. When
 * that is less than N, TOK says what stands for the character after them.
 */
size_t	 inert_span(const char *s, size_t n, int flags, struct inert_tok *tok);

/* Appends S[0..N) to B in inert form. */
void	 inert_buf(struct buf *b, const char *s, size_t n, int flags);

/* The inert form of the string S for a message, to free. */
char	*inert_str(const char *s);

/* The flags of inert_str: for messages in this locale. */
int	 inert_msg_flags(void);

/* Prints "lectern: " and the message, made inert, on standard error. */
void	 inert_warnx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* Whether the locale's character set is UTF-8. */
int	 inert_utf8(void);

/* Why characters beyond ASCII show as '?' (a locale that is not UTF-8). */
const char *inert_locale_hint(void);

#endif
