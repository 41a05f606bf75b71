/*
 * jumps.c: the reader's places to go back (and forward) to. A jump (a
 * followed reference, a search, a mark, the outline) records where the
 * reader was; Backspace returns there and r comes forward again.
 */
#ifndef LECTERN_JUMPS_H
#define LECTERN_JUMPS_H

#include <stdint.h>

#include "lectern/view.h"

#define JUMP_MAX	256	/* places kept each way */

struct jump {
	uint32_t	 doc;		/* index of the document; 0, the one */
	struct anchor	 at;		/* the top line of the body */
	int		 focus;		/* the pane that had the focus */
};

struct jumps {
	struct jump	 back[JUMP_MAX];
	int		 nback;
	struct jump	 fwd[JUMP_MAX];
	int		 nfwd;
};

/* Records HERE before a jump; clears the forward list. */
void		 jumps_push(struct jumps *, struct jump here);

/* Goes back: stores HERE for forward, returns 0 and the target in OUT,
   or -1 when there is nothing to go back to. */
int		 jumps_back(struct jumps *, struct jump here, struct jump *out);
int		 jumps_forward(struct jumps *, struct jump here,
		    struct jump *out);

/* Swaps HERE with the last place jumped from (''): returns 0 and that
   place in OUT, or -1 when there is none. */
int		 jumps_swap(struct jumps *, struct jump here, struct jump *out);

#endif
