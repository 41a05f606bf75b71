/* Unit tests of the inert form of untrusted text (inert.c). */
#include <stdlib.h>
#include <string.h>

#include "lectern/inert.h"
#include "lectern/util.h"
#include "t.h"

/* The inert form of S under FLAGS, in a static buffer. */
static const char *
form(const char *s, int flags)
{
	static char out[256];
	struct buf b = { 0 };

	inert_buf(&b, s, strlen(s), flags);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void
test_table(void)
{
	static const struct {
		const char	*in;
		int		 flags;
		const char	*out;
		const char	*what;
	} t[] = {
		{ "plain text", 0, "plain text", "ASCII passes" },
		{ "中文 café", 0, "中文 café", "UTF-8 passes" },
		{ "a\033]0;x\007b", 0, "a^[]0;x^Gb", "ESC and BEL: caret" },
		{ "\177", 0, "^?", "DEL: ^?" },
		{ "a\tb\nc", 0, "a b c", "tab, newline: a space" },
		{ "a\tb\nc", INERT_KEEP_WS, "a\tb\nc", "KEEP_WS keeps them" },
		{ "\302\233", 0, "<U+009B>", "C1 U+009B" },
		{ "x\342\200\256y", 0, "x<U+202E>y", "U+202E" },
		{ "\330\234", 0, "<U+061C>", "U+061C" },
		{ "\342\201\246\342\200\217", 0, "<U+2066><U+200F>",
		    "U+2066, U+200F" },
		{ "\233", 0, "\357\277\275", "raw 0x9b: U+FFFD" },
		{ "\233", INERT_HEX, "\\x9B", "raw 0x9b with HEX: \\x9B" },
		{ "a\355\240\200", INERT_HEX, "a\\xED\\xA0\\x80",
		    "a surrogate with HEX: its bytes" },
		{ "\342\200\213", 0, "\342\200\213", "U+200B kept in text" },
		{ "\342\200\213", INERT_FORMAT, "<U+200B>", "FORMAT: U+200B" },
		{ "\342\200\215", INERT_FORMAT, "<U+200D>", "FORMAT: U+200D" },
		{ "\342\201\240", INERT_FORMAT, "<U+2060>", "FORMAT: U+2060" },
		{ "\357\273\277", INERT_FORMAT, "<U+FEFF>", "FORMAT: U+FEFF" },
		{ "\342\201\252\342\201\257", INERT_FORMAT, "<U+206A><U+206F>",
		    "FORMAT: U+206A, U+206F" },
		{ "\357\277\271\357\277\273", INERT_FORMAT, "<U+FFF9><U+FFFB>",
		    "FORMAT: U+FFF9, U+FFFB" },
		{ "\363\240\200\200\363\240\201\277", INERT_FORMAT,
		    "<U+E0000><U+E007F>", "FORMAT: tags U+E0000, U+E007F" },
		{ "\363\240\200\201", INERT_FORMAT, "<U+E0001>",
		    "FORMAT: tag U+E0001" },
		{ "中", INERT_FORMAT, "中", "FORMAT: visible text passes" },
		{ "é中", INERT_ASCII, "<U+00E9><U+4E2D>",
		    "ASCII: everything beyond ASCII as <U+XXXX>" },
		{ "中\344\270A", 0, "中\357\277\275\357\277\275A",
		    "CJK cut short before ASCII: U+FFFD a byte" },
		{ "中文\344\270", 0, "中文\357\277\275\357\277\275",
		    "CJK cut short at the end: U+FFFD a byte" },
		{ "中\344\270\344\270\255", 0,
		    "中\357\277\275\357\277\275中",
		    "CJK cut short before CJK: U+FFFD a byte" },
		{ "文，\342\200\256", 0, "文，<U+202E>",
		    "a control after a run of CJK" },
		{ "中文\344\270A中文中", 0,
		    "中文\357\277\275\357\277\275A中文中",
		    "CJK cut short in a long run: U+FFFD a byte" },
		{ "中\344A\255中文中", 0,
		    "中\357\277\275A\357\277\275中文中",
		    "a bad trail byte second in a long run of CJK" },
		{ "中\342\200\256中文中", 0, "中<U+202E>中文中",
		    "a control second in a long run of CJK" },
		{ "\342\200\256中中文中", 0, "<U+202E>中中文中",
		    "a control first in a long run of CJK" },
		{ "", 0, "", "empty" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_STR(form(t[i].in, t[i].flags), t[i].out, t[i].what);
}

static void
test_span(void)
{
	struct inert_tok tok;
	const char *s = "ab\033c";

	CHECK_INT(inert_span(s, 4, 0, &tok), 2, "span stops at ESC");
	CHECK_INT(tok.len, 1, "ESC is one byte");
	CHECK(tok.control, "ESC is a stand-in");
	CHECK_STR(tok.vis, "^[", "ESC shows as ^[");
	CHECK_INT(inert_span("a\tb", 3, 0, &tok), 1, "span stops at tab");
	CHECK(!tok.control, "a tab is a space, not a stand-in");
	CHECK_INT(inert_span("\302\205z", 3, 0, &tok), 0, "span at U+0085");
	CHECK_INT(tok.len, 2, "U+0085 is two bytes");
	/* A cut character at the end. */
	CHECK_INT(inert_span("ab\344\270", 4, 0, &tok), 2,
	    "span stops at a cut character");
	CHECK(!tok.control, "a cut character is U+FFFD, not a stand-in");
}

static void
test_str(void)
{
	char *s = inert_str("name\033[31m\233.md");

	CHECK_STR(s, "name^[[31m\\x9B.md", "inert_str: a file name");
	free(s);
}

int
main(void)
{
	test_table();
	test_span();
	test_str();
	return t_done();
}
