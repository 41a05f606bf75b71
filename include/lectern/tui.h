/*
 * tui.c: the interactive reader on ncurses. The public part is tui_run;
 * the rest is shared by tui.c and the three panes (body.c, outline.c,
 * notes.c), which draw into their own windows and handle their own keys.
 */
#ifndef LECTERN_TUI_H
#define LECTERN_TUI_H

struct bm_store;
struct doc;
struct match;
struct options;
struct tui_less;

/*
 * Runs the reader on DOC until the user quits. Returns the exit status;
 * returns -1 without touching the terminal when there is no usable one
 * (the caller then prints the dump).
 */
int	tui_run(struct doc *, const struct options *);

/* tui_run takes the whole document from options.load when it comes. */
#define TUI_POLLS_LOAD

#ifdef LECTERN_TUI_INTERNAL

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/keys.h"
#include "lectern/prompt.h"
#include "lectern/util.h"
#include "lectern/view.h"

enum pane {
	PANE_BODY,
	PANE_OUTLINE,
	PANE_NOTES,
	PANE_N
};

/* The arrangement of the panes, chosen by the terminal's width. */
enum shape {
	SHAPE_TINY,		/* too small: one line of apology */
	SHAPE_NARROW,		/* < 80: body; outline and notes overlay */
	SHAPE_MEDIUM,		/* 80-119: outline | body, notes below */
	SHAPE_WIDE		/* >= 120: outline | body | notes */
};

/* What needs drawing again, a bit set. */
#define DIRTY_FRAME	0x01
#define DIRTY_BODY	0x02
#define DIRTY_OUTLINE	0x04
#define DIRTY_NOTES	0x08
#define DIRTY_STATUS	0x10
#define DIRTY_ALL	0x1f

/* Colour and attribute roles of the theme. */
enum role {
	R_TEXT,
	R_HEAD1,		/* headings of level 1 and 2 */
	R_HEAD,
	R_CODE,
	R_LINK,
	R_NOTEREF,
	R_DECOR,
	R_QUOTE,
	R_CONTROL,
	R_STATUS,
	R_MSG,			/* a message on the status line */
	R_MARK,			/* a note cited on screen, the current heading */
	R_DIM,			/* "cited in", folded marks */
	R_BORDER,
	R_MATCH,
	R_N
};

/* The selected reference in the body. */
struct sel {
	int		 on;
	uint32_t	 block;
	uint32_t	 off, len;	/* of the runs it covers [bytes] */
	uint16_t	 style;		/* ST_NOTEREF, ST_LINK or ST_IMAGE */
	int32_t		 target;	/* note or link index */
};

struct body {
	struct view	*view;		/* blocks [0, nbody) */
	struct anchor	 anchor;	/* the top line, kept across widths */
	struct pos	 top;		/* the top line at this width */
	int		 measure;	/* text width [columns] */
	int		 x0;		/* text column in the pane [columns] */
	int		 hscroll;	/* of wide lines [columns] */
	int32_t		 spy;		/* heading to mark in the outline when
					   the body could not bring it to the
					   top, or -1 */
	struct sel	 sel;
};

struct outline {
	uint8_t		*folded;	/* per heading */
	uint8_t		*hit;		/* per heading: matches the filter */
	int		 filtered;	/* only headings that match show */
	uint32_t	 top;		/* heading on the first row */
	uint32_t	 cursor;	/* heading under the cursor */
	int		 minlevel;	/* of all headings */
};

struct notes {
	struct view	*view;		/* the notes' blocks, or NULL */
	uint32_t	*cited;		/* notes cited on screen, in order */
	uint32_t	*sorted;	/* the same, ascending */
	uint32_t	 ncited;
	uint32_t	*prev;		/* cited before the last change */
	uint32_t	 nprev;
	int		 reveal;	/* scroll to the selection when drawn */
	uint32_t	 top;		/* order index of the first entry shown */
	uint32_t	 topline;	/* its first line shown */
	int32_t		 sel;		/* selected note, or -1 */
	int32_t		 cycle_note;	/* note whose places Enter cycles */
	uint32_t	 cycle;		/* the place it went to last */
	int		 gutter;	/* [columns] */
};

/* A search over the document's text (tui-search.c). */
struct find {
	struct search	*s;		/* the compiled pattern, or NULL */
	struct match	*m;		/* every match, in document order */
	size_t		 n;
	int		 cut;		/* stopped at SEARCH_MAX matches */
	int		 dir;		/* 1: forward (/), -1: backward (?) */
	long		 cur;		/* the match shown last, or -1 */
	struct anchor	 at;		/* the body's top when it was shown */
	int		 unlit;		/* Esc u: not drawn until a match is
					   shown again */
};

/* The search being typed on the status line (tui-search.c). */
struct ask {
	int		 on;		/* ASK_SEARCH, ASK_FILTER or 0 */
	struct prompt	 ed;		/* the line editor */
	struct anchor	 origin;	/* where the search started */
	struct anchor	 from;		/* where it looks from */
	int		 origin_focus;
	struct find	 live;		/* the search as typed */
	char		 err[256];	/* why nothing shows, or "" */
};
#define ASK_SEARCH	1
#define ASK_FILTER	2

struct tui {
	struct doc	*doc;
	const struct options *opts;
	int		 rows, cols;	/* of the terminal */
	enum shape	 shape;
	WINDOW		*win[PANE_N];	/* NULL when not shown */
	int		 py[PANE_N], px[PANE_N]; /* on the screen */
	int		 ph[PANE_N], pw[PANE_N]; /* [lines], [columns] */
	WINDOW		*frame[PANE_N];	/* an overlay's border, or NULL */
	WINDOW		*status;	/* the bottom line; keys are read here */
	int		 overlay;	/* pane shown over the body, or -1 */
	int		 focus;		/* enum pane */
	unsigned	 dirty;		/* DIRTY_* */
	char		 msg[1024];	/* for the status line */
	int		 msg_keep;	/* keep msg over the next key */
	int		 help;		/* a list screen is open: TUI_HELP_* */
	int		 help_top;	/* its first row */
	WINDOW		*helpwin;
	enum cmd	 pending;	/* waiting for a mark letter */
	struct anchor	 marks[26];	/* 'a' to 'z' */
	uint32_t	 marks_set;	/* bit i: mark i is set */
	uint32_t	 marks_wait;	/* bit i: mark i, read from the file
					   while only a part is loaded, is
					   found again in the whole */
	struct bm_store	*bm;		/* the bookmark file, or NULL */
	char		*bm_msg;	/* its message for the status line */
	struct buf	 bm_later;	/* messages for stderr after endwin */
	struct anchor	 bm_saved;	/* the position last saved */
	struct anchor	 bm_opened;	/* the top once opened: has the reader
					   moved since? */
	double		 bm_time;	/* when [s, monotonic] */
	attr_t		 attr[R_N];
	short		 pair[R_N];
	int		 mono;
	int		 quit;		/* exit status + 1 when quitting */
	struct jumps	 jumps;
	struct find	 find;		/* the last search confirmed */
	struct ask	 ask;
	int		 list_cur;	/* the chosen row of the match list */
	struct body	 body;
	struct outline	 outline;
	struct notes	 notes;
	struct tui_less	*less;		/* tui-less.c's, or NULL */
};

/* The list screens. */
#define TUI_HELP_KEYS	1
#define TUI_HELP_MARKS	2
#define TUI_HELP_MATCHES 3

/* tui.c */
void		 tui_msg(struct tui *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 tui_msg_addr(struct tui *, const char *url);
void		 tui_jump_push(struct tui *);
void		 tui_focus(struct tui *, int pane);
int		 tui_shown(const struct tui *, int pane);
const char	*tui_section_title(const struct tui *, int32_t heading);
void		 tui_cmd(struct tui *, enum cmd);

/* tui-draw.c */
void		 tui_draw_theme(struct tui *);
void		 tui_draw_style(const struct tui *, uint16_t style, int kind,
		    int level, attr_t *, short *);
int		 tui_draw_text(WINDOW *, int y, int x, int xmin, int xmax,
		    const char *, size_t, attr_t, short, int amb);
int		 tui_draw_fit(WINDOW *, int y, int x, int xmax, const char *,
		    size_t, attr_t, short, int amb);
void		 tui_draw_line(struct tui *, WINDOW *, int y, int x0, int xmin,
		    int xmax, const struct layout *, const struct line *,
		    const struct sel *, attr_t extra);
int		 tui_draw_replaced(void);	/* a '?' has been drawn */

/* tui-bookmarks.c */
void		 tui_bookmarks_open(struct tui *);
void		 tui_bookmarks_resume(struct tui *);
void		 tui_bookmarks_save(struct tui *);
void		 tui_bookmarks_tick(struct tui *);
void		 tui_bookmarks_mark(struct tui *, int name);
void		 tui_bookmarks_whole(struct tui *);
const char	*tui_bookmarks_away(struct tui *);
int		 tui_bookmarks_list(struct tui *, int i, char *, size_t);
void		 tui_bookmarks_close(struct tui *);

/* tui-search.c */
void		 tui_search_start(struct tui *, int dir);
int		 tui_search_key(struct tui *, int code);
void		 tui_search_next(struct tui *, int dir);
void		 tui_search_nth(struct tui *, int dir, long count);
void		 tui_search_block(struct tui *, uint32_t block,
		    const struct match **, size_t *);
void		 tui_search_prompt(struct tui *, WINDOW *, int width);
int		 tui_search_list(struct tui *, int i, char *, size_t);
void		 tui_search_list_go(struct tui *, int row);
void		 tui_search_init(struct tui *);
void		 tui_search_drop(struct tui *);
void		 tui_search_free(struct tui *);

/* tui-less.c: counts and the command line (:) */
int		 tui_less_key(struct tui *, int *code);
int		 tui_less_command(struct tui *, enum cmd);
int		 tui_less_prompt(struct tui *, WINDOW *, int width);
const char	*tui_less_arg(struct tui *);
void		 tui_less_free(struct tui *);

/* tui-signal.c: catching starts before newterm; the terminal is the
   reader's (RAW 1) from newterm to endwin. */
void		 tui_signal_catch(void);
void		 tui_signal_raw(int on);
int		 tui_signal_quit(void);		/* the signal, or 0 */
int		 tui_signal_stopped(void);	/* Ctrl-Z, once a press */
void		 tui_signal_release(void);

/* body.c */
void		 body_init(struct tui *);
void		 body_free(struct tui *);
void		 body_resize(struct tui *);
void		 body_draw(struct tui *);
int		 body_key(struct tui *, enum cmd);
void		 body_scroll(struct tui *, long);
void		 body_goto(struct tui *, struct anchor);
void		 body_restore(struct tui *, struct anchor);
void		 body_select(struct tui *, uint32_t block, uint32_t off);
void		 body_click(struct tui *, int y, int x);
int32_t		 body_section(struct tui *);
int		 body_goto_heading(struct tui *, uint32_t heading);

/* outline.c */
void		 outline_init(struct tui *);
void		 outline_free(struct tui *);
void		 outline_draw(struct tui *);
int		 outline_key(struct tui *, enum cmd);
void		 outline_scroll(struct tui *, long);
void		 outline_click(struct tui *, int y, int x);
void		 outline_filter(struct tui *, int on);

/* notes.c */
void		 notes_init(struct tui *);
void		 notes_free(struct tui *);
void		 notes_resize(struct tui *);
void		 notes_draw(struct tui *);
int		 notes_key(struct tui *, enum cmd);
void		 notes_scroll(struct tui *, long);
void		 notes_open(struct tui *, uint32_t note);
void		 notes_show(struct tui *, uint32_t note);
void		 notes_click(struct tui *, int y, int x);

#endif /* LECTERN_TUI_INTERNAL */

#endif
