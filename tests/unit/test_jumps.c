/* Unit tests of the jump history (jumps.c). */
#include <stdint.h>
#include <string.h>

#include "lectern/jumps.h"
#include "t.h"

static void
test_jumps(void)
{
	struct jumps js;
	struct jump j, a = { 0, { 1, 0 }, 0 }, b = { 0, { 2, 5 }, 1 },
	    c = { 0, { 3, 9 }, 2 };
	int i;

	memset(&js, 0, sizeof(js));
	CHECK_INT(jumps_back(&js, a, &j), -1, "nothing to go back to");
	jumps_push(&js, a);
	jumps_push(&js, b);
	CHECK_INT(jumps_back(&js, c, &j), 0, "back once");
	CHECK(j.at.block == 2 && j.at.off == 5 && j.focus == 1,
	    "back restores the place and the focus");
	CHECK_INT(jumps_back(&js, j, &j), 0, "back twice");
	CHECK_INT(j.at.block, 1, "to the first place");
	CHECK_INT(jumps_forward(&js, j, &j), 0, "forward");
	CHECK_INT(j.at.block, 2, "forward returns");
	CHECK_INT(jumps_forward(&js, j, &j), 0, "forward again");
	CHECK_INT(j.at.block, 3, "to where back started");
	CHECK_INT(jumps_forward(&js, j, &j), -1, "no more forward");
	jumps_back(&js, j, &j);
	jumps_push(&js, a);
	CHECK_INT(js.nfwd, 0, "a new jump clears forward");
	for (i = 0; i < JUMP_MAX + 50; i++) {
		struct jump k = { 0, { (uint32_t)i, 0 }, 0 };

		jumps_push(&js, k);
	}
	CHECK_INT(js.nback, JUMP_MAX, "the stack is bounded");
	jumps_back(&js, a, &j);
	CHECK_INT(j.at.block, JUMP_MAX + 49, "the newest is on top");
	CHECK(JUMP_MAX >= 100, "at least 100 places");
}

/* '' swaps the place with the last one jumped from. */
static void
test_swap(void)
{
	struct jumps js;
	struct jump j, a = { 0, { 1, 0 }, 0 }, b = { 0, { 2, 5 }, 1 };

	memset(&js, 0, sizeof(js));
	CHECK_INT(jumps_swap(&js, a, &j), -1, "nothing to swap with");
	jumps_push(&js, a);
	CHECK_INT(jumps_swap(&js, b, &j), 0, "swap");
	CHECK_INT(j.at.block, 1, "to the place jumped from");
	CHECK_INT(jumps_swap(&js, j, &j), 0, "swap again");
	CHECK(j.at.block == 2 && j.focus == 1, "comes back with its focus");
	CHECK_INT(js.nback, 1, "a swap neither adds nor drops");
}

int
main(void)
{
	test_jumps();
	test_swap();
	return t_done();
}
