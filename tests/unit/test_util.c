/* Unit tests of util.c: array_upper. */
#include <stdint.h>
#include <stdlib.h>

#include "lectern/util.h"
#include "t.h"

/* An element with its key in the middle, as in the model's arrays. */
struct elem {
	char		 pad[3];
	uint64_t	 key;
	uint16_t	 tail;
};

static uint64_t
elem_key(const void *p)
{
	return ((const struct elem *)p)->key;
}

static uint64_t
u32_key(const void *p)
{
	return *(const uint32_t *)p;
}

static void
test_upper(void)
{
	static const uint32_t v[] = { 2, 4, 4, 4, 9 };
	static const struct {
		size_t		 n;	/* of v */
		uint32_t	 x;
		size_t		 want;
		const char	*what;
	} cases[] = {
		{ 0, 5, 0, "no elements: 0" },
		{ 5, 1, 0, "below every key: 0" },
		{ 5, 2, 1, "equal to the first: past it" },
		{ 5, 3, 1, "between two keys: the greater" },
		{ 5, 4, 4, "equal keys: past the last of them" },
		{ 5, 9, 5, "equal to the last: n" },
		{ 5, 100, 5, "above every key: n" },
		{ 1, 2, 1, "one element, equal: 1" },
	};
	struct elem e[4] = {
		{ "", 0, 0 }, { "", 10, 0 }, { "", UINT32_MAX, 0 },
		{ "", UINT64_MAX, 0 }
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_INT(array_upper(v, cases[i].n, sizeof(v[0]), u32_key,
		    cases[i].x), cases[i].want, cases[i].what);
	CHECK_INT(array_upper(e, 4, sizeof(e[0]), elem_key, 0), 1,
	    "a key inside a struct");
	CHECK_INT(array_upper(e, 4, sizeof(e[0]), elem_key, 9), 1,
	    "stride of the struct");
	CHECK_INT(array_upper(e, 4, sizeof(e[0]), elem_key,
	    (uint64_t)UINT32_MAX + 1), 3, "keys past 32 bits");
	CHECK_INT(array_upper(e, 4, sizeof(e[0]), elem_key, UINT64_MAX), 4,
	    "the greatest key");
}

static void
test_utf8_len(void)
{
	CHECK_INT(utf8_len("a", 1), 1, "ASCII is one byte");
	CHECK_INT(utf8_len("\xc3\xa9x", 3), 2, "é is two");
	CHECK_INT(utf8_len("\xe4\xb8\xad", 3), 3, "中 is three");
	CHECK_INT(utf8_len("\xf0\x9f\x98\x80", 4), 4, "an emoji is four");
	CHECK_INT(utf8_len("\xe4\xb8\xad", 2), 1,
	    "a character cut by the end moves one byte");
	CHECK_INT(utf8_len("\x80\x80", 2), 1, "a stray continuation byte");
	CHECK_INT(utf8_len("", 1), 1, "NUL moves on too");
}

int
main(void)
{
	test_upper();
	test_utf8_len();
	return t_done();
}
