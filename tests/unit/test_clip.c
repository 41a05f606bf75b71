/* Unit tests of the clipboard's sequence (clip.c). */
#include <stdlib.h>
#include <string.h>

#include "lectern/clip.h"
#include "t.h"

/* RFC 4648's test vectors, and bytes beyond ASCII. */
static void
test_base64(void)
{
	static const struct {
		const char	*in, *want;
	} t[] = {
		{ "", "" },
		{ "f", "Zg==" },
		{ "fo", "Zm8=" },
		{ "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
		{ "https://a.test/x", "aHR0cHM6Ly9hLnRlc3QveA==" },
		{ "\xe4\xb8\xad\xff", "5Lit/w==" },
		{ "\xfb\xff\xbf", "+/+/" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = clip_base64(t[i].in, strlen(t[i].in));
		CHECK_STR(got, t[i].want, "base64 of a test vector");
		free(got);
	}
}

static void
test_osc52(void)
{
	char *got, *big;

	got = clip_osc52("foo", 3, NULL);
	CHECK_STR(got, "\033]52;c;Zm9v\033\\",
	    "the standard form: ESC ] 52 ; c ; base64 ST");
	free(got);
	got = clip_osc52("foo", 3, "\033]52;%p1%s;%p2%s\007");
	CHECK_STR(got, "\033]52;c;Zm9v\007",
	    "terminfo's Ms: the selection and the text put in");
	free(got);
	got = clip_osc52("foo", 3, "\033]52;%p1%s;%p2%s%%\007");
	CHECK_STR(got, "\033]52;c;Zm9v%\007", "%% in Ms is one '%'");
	free(got);
	CHECK(clip_osc52("foo", 3, "\033]52;%p1%d;%p2%s\007") == NULL,
	    "an Ms with another parameter is not used");
	CHECK(clip_osc52("foo", 3, "\033]52;%p1%s\007") == NULL,
	    "an Ms without the text is not used");
	big = calloc(CLIP_MAX + 2, 1);
	memset(big, 'x', CLIP_MAX + 1);
	CHECK(clip_osc52(big, CLIP_MAX + 1, NULL) == NULL,
	    "text longer than CLIP_MAX is not sent");
	got = clip_osc52(big, CLIP_MAX, NULL);
	CHECK(got != NULL, "CLIP_MAX bytes are sent");
	free(got);
	free(big);
}

int
main(void)
{
	test_base64();
	test_osc52();
	return t_done();
}
