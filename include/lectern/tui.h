/*
 * tui.c: the interactive reader on ncurses. The public part is tui_run;
 * the rest is shared by the reader's files (tui*.c) and the three panes
 * (body.c, outline.c, notes.c), each a table of callbacks (struct
 * pane_ops) that the reader reaches them through.
 */
#ifndef LECTERN_TUI_H
#define LECTERN_TUI_H

struct bm_store;
struct booksearch;
struct doc;
struct match;
struct options;
struct search;
struct tui_less;
struct tui_library;

/*
 * Runs the reader on DOC until the user quits. Returns the exit status;
 * returns -1 without touching the terminal when there is no usable one
 * (the caller then prints the dump).
 */
int	tui_run(struct doc *, const struct options *);

#ifdef LECTERN_TUI_INTERNAL

#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "lectern/jumps.h"
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

/* What needs drawing again, a bit set: derived by tui.c from the state
   before and after each event (struct shot), never set by a pane. */
#define DIRTY_FRAME	0x01
#define DIRTY_BODY	0x02
#define DIRTY_OUTLINE	0x04
#define DIRTY_NOTES	0x08
#define DIRTY_HELP	0x10		/* the list screen over the panes */
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
	R_NOTE,			/* an alert's bar and label, by kind */
	R_TIP,
	R_IMPORTANT,
	R_WARNING,
	R_CAUTION,
	R_N
};

/* The selected reference in the body; a link selected in the notes. */
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
	int		 fold_code;	/* S: code lines folded at the measure */
	long		 window;	/* z, w, Space, b: the page [lines];
					   0: the pane's height less one */
	long		 half;		/* d, u [lines]; 0: half the pane */
	int		 front;		/* the front matter: LAYOUT_FRONT_FOLDED
					   or LAYOUT_FRONT_OPEN */
	int32_t		 spy;		/* heading to mark in the outline when
					   the body could not bring it to the
					   top, or -1 */
	struct sel	 sel;
};

/*
 * The outline's rows are items: in a book, the book's entries up to the
 * document shown, its headings, then the entries after it; else the
 * headings alone.
 */
struct outline {
	uint32_t	 nitems;
	uint32_t	 base;		/* the item of heading 0 */
	long		 entry;		/* the book entry shown, or -1 */
	uint8_t		*depth;		/* per item: its indent level */
	int32_t		*parent;	/* per item: the item above, or -1 */
	uint8_t		*folded;	/* per item */
	uint8_t		*hit;		/* per item: matches the filter */
	uint32_t	 nhit;		/* items that match */
	int		 filtered;	/* only items that match show */
	uint32_t	 top;		/* item on the first row */
	uint32_t	 cursor;	/* item under the cursor */
	int		 minlevel;	/* of all headings */
	int		 focused;	/* had the focus at the last sync */
	unsigned	 gen;		/* counts changes of folded and hit */
};

struct notes {
	struct view	*view;		/* the notes' blocks, or NULL */
	uint32_t	*cited;		/* notes cited on screen, in order */
	uint32_t	*sorted;	/* the same, ascending */
	uint32_t	 ncited;
	uint32_t	*prev;		/* cited before the last change */
	uint32_t	 nprev;
	unsigned	 gen;		/* counts changes of the cited notes */
	int		 reveal;	/* scroll to the selection at sync */
	uint32_t	 top;		/* order index of the first entry shown */
	uint32_t	 topline;	/* its first line shown */
	int32_t		 sel;		/* selected note, or -1 */
	struct sel	 link;		/* a link selected in it (Tab) */
	int32_t		 cycle_note;	/* note whose places Enter cycles */
	uint32_t	 cycle;		/* the place it went to last */
	int		 gutter;	/* [columns] */
};

/*
 * What the body shows, for the other panes and the status line. The
 * body brings it up to date in its sync, which runs first.
 */
struct page {
	int32_t		 section;	/* the heading being read, or -1 */
	uint32_t	*cited;		/* notes cited on screen, in order */
	uint32_t	 ncited;
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

/*
 * A search across the book (tui-search.c): a pattern that begins with
 * '*'. The shown document's matches are the ordinary find; the others'
 * come from booksearch.c as they are found.
 */
struct bfind {
	struct booksearch *bs;		/* NULL: no book search */
	char		*pattern;	/* without the '*' */
	int		 flags;		/* SEARCH_* */
	int		 dir;		/* 1: forward (/), -1: backward (?) */
	size_t		 scanned;	/* documents searched, at the last poll */
	size_t		 ndocs;		/* documents with a match, likewise */
	size_t		 nhits;
	int		 done;		/* the end has been said */
	int		 first;		/* the shown document had no match: go
					   to the first one found */
};

/* The matches that drawing colours, set at sync (tui_search_sync). */
struct hl {
	const struct match *m;		/* in document order */
	size_t		 n;
	unsigned	 gen;		/* changes whenever they change */
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
	struct prompt_view view;	/* of the line, set at sync */
};
#define ASK_SEARCH	1
#define ASK_FILTER	2

/*
 * What a pane asks of the reader. A pane changes its own state and asks
 * for everything else with actions, which tui_apply carries out in order,
 * each one in full (with the actions it causes) before the next: a pane
 * never calls another pane and never writes another pane's state.
 */
enum act_kind {
	ACT_MSG,		/* the text on the status line */
	ACT_ADDR,		/* the text is an address: shown inert */
	ACT_FOLLOW,		/* the text is a link's address: a local
				   document opens, else it is shown */
	ACT_DOC,		/* the book's next (N 1) or previous (N 2)
				   document, if there is one */
	ACT_ENTRY,		/* the book's entry N, at its saved place */
	ACT_JUMP,		/* record the place before a jump */
	ACT_FOCUS,		/* focus pane N */
	ACT_GOTO,		/* body: the line of AT to the top */
	ACT_RESTORE,		/* body: the top at AT exactly */
	ACT_HEADING,		/* body: heading N to the top, marked */
	ACT_SELECT,		/* body: select the reference at AT */
	ACT_MATCH,		/* body: select N bytes at AT, a match */
	ACT_UNSELECT,		/* body: no selection */
	ACT_NOTE_SHOW,		/* notes: highlight note N */
	ACT_NOTE_OPEN,		/* notes: highlight note N and focus it */
	ACT_FILTER,		/* outline: only headings matching S (NULL:
				   every heading) */
	ACT_N
};

struct act {
	enum act_kind	 kind;
	struct anchor	 at;
	uint32_t	 n;		/* a pane, heading, note or length */
	const char	*text;		/* ACT_MSG, ACT_ADDR */
	struct search	*s;		/* ACT_FILTER */
};

#define ACTS_MAX	8	/* actions a list holds */
#define ACTS_TEXT	2048	/* bytes of their messages */

struct acts {
	struct act	 v[ACTS_MAX];
	int		 n;
	char		 text[ACTS_TEXT];
	size_t		 used;		/* of text [bytes] */
};

/* What a pane's drawing depends on, compared by tui.c after each event:
   a pane redraws when it changed. */
#define SHOT_MAX	8

struct shot {
	uint64_t	 v[SHOT_MAX];
};

struct tui;

/*
 * A pane, as a const table of callbacks (NULL: nothing to do); WHEEL
 * is the mouse wheel (curses has a macro "scroll"). tui.c
 * reaches a pane only through its table. KEY and CLICK change the
 * pane's own state and put what else they need into the list; SYNC
 * brings the state up to date before drawing (each pane once, the body
 * first); DRAW changes nothing.
 */
struct pane_ops {
	const char	*name;
	void		(*init)(struct tui *);
	void		(*free)(struct tui *);
	void		(*resize)(struct tui *);
	void		(*sync)(struct tui *);
	void		(*draw)(const struct tui *, WINDOW *);
	void		(*shot)(const struct tui *, struct shot *);
	/* Command C, with the count typed before it (0: none); returns
	   0 when C is not the pane's. */
	int		(*key)(struct tui *, enum cmd c, long count,
			    struct acts *);
	void		(*click)(struct tui *, int y, int x, struct acts *);
	void		(*wheel)(struct tui *, long n, struct acts *);
	/* Carries out an action addressed to the pane. */
	void		(*act)(struct tui *, const struct act *,
			    struct acts *);
};

/*
 * A document the reader has shown (tui-doc.c), kept while it runs so that
 * going back to it is instant; a jump names one by its index.
 */
struct tui_visit {
	char		*path;		/* as opened; "-": standard input */
	char		*name;		/* for messages, inert */
	char		*key;		/* bookmark key, or NULL */
	struct load	*load;		/* while it loads, or NULL */
	int		 owned;		/* the load is the reader's to free */
	struct doc	*doc;		/* as last shown */
	char		*anchor;	/* where to open once it is whole,
					   or NULL */
	const char	*section;	/* --section, for the first only */
	long		 chapter;	/* its entry in the book, or -1 */
};

struct tui {
	struct doc	*doc;
	const struct options *opts;
	struct tui_visit *visits;	/* every document shown */
	uint32_t	 nvisits;
	uint32_t	 cur;		/* the one shown */
	char		*book_key;	/* the book's in the bookmark file, or
					   NULL */
	int		 rows, cols;	/* of the terminal */
	enum shape	 shape;
	WINDOW		*win[PANE_N];	/* NULL when not shown */
	int		 py[PANE_N], px[PANE_N]; /* on the screen */
	int		 ph[PANE_N], pw[PANE_N]; /* [lines], [columns] */
	WINDOW		*frame[PANE_N];	/* an overlay's border, or NULL */
	WINDOW		*status;	/* the bottom line; keys are read here */
	int		 overlay;	/* pane shown over the body, or -1 */
	int		 outline_w;	/* set with < and >, or 0 [columns] */
	int		 focus;		/* enum pane */
	unsigned	 dirty;		/* DIRTY_* */
	int		 stale;		/* an event came since the last sync */
	struct shot	 shot[PANE_N + 1]; /* as drawn last; the last: the
					   frame and the list screen */
	char		 msg[1024];	/* for the status line */
	const char	*arg;		/* the command line's argument, while
					   its command runs */
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
	struct bfind	 bfind;		/* the last one across the book */
	struct ask	 ask;
	unsigned	 find_gen;	/* counts changes of any search */
	struct hl	 hl;
	int		 list_cur;	/* the chosen row of the match list */
	struct page	 page;
	struct body	 body;
	struct outline	 outline;
	struct notes	 notes;
	struct tui_less	*less;		/* tui-less.c's, or NULL */
	struct tui_library *lib;	/* tui-library.c's, or NULL */
	char		*copied;	/* the address y showed over the body,
					   inert, until the next key; or NULL */
};

/* The list screens. */
#define TUI_HELP_KEYS	1
#define TUI_HELP_MARKS	2
#define TUI_HELP_MATCHES 3
#define TUI_HELP_LIBRARY 4

/* tui.c */
extern const struct pane_ops *const tui_panes[PANE_N];
void		 tui_msg(struct tui *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 tui_jump_push(struct tui *);
void		 tui_focus(struct tui *, int pane);
void		 tui_redraw(struct tui *);
void		 tui_geometry(struct tui *);
int		 tui_shown(const struct tui *, int pane);
const char	*tui_section_title(const struct tui *, int32_t heading);
void		 tui_outline_resize(struct tui *, int dir);

/* tui-doc.c */
#define TUI_CUR(t)	(&(t)->visits[(t)->cur])
void		 tui_doc_first(struct tui *);
void		 tui_doc_section(struct tui *, const char *);
void		 tui_doc_anchor(struct tui *, const char *);
int		 tui_doc_open(struct tui *, const char *path,
		    const char *anchor);
int		 tui_doc_go(struct tui *, uint32_t visit, struct anchor,
		    int focus);
void		 tui_doc_edit(struct tui *, const char *arg);
void		 tui_doc_number(const struct tui *, char *, size_t);
int		 tui_doc_step(struct tui *, int dir, int resume, int say);
int		 tui_doc_entry(struct tui *, long entry);
int		 tui_doc_resume(struct tui *, const char *path);
void		 tui_doc_book(struct tui *);
void		 tui_doc_mark_set(struct tui *, int letter);
void		 tui_doc_mark_go(struct tui *, int letter);
void		 tui_doc_follow(struct tui *, const char *url);
void		 tui_doc_free(struct tui *);

/* tui-act.c */
void		 tui_act(struct acts *, enum act_kind, struct anchor,
		    uint32_t n);
void		 tui_act_msg(struct acts *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 tui_act_addr(struct acts *, const char *url);
void		 tui_act_link(struct acts *, const struct doc *,
		    const char *url);
void		 tui_act_filter(struct acts *, struct search *);
void		 tui_act_apply(struct tui *, struct acts *);
void		 tui_act_do(struct tui *, enum act_kind, struct anchor,
		    uint32_t n);

/* tui-cmd.c */
void		 tui_cmd_run(struct tui *, enum cmd, long count);
void		 tui_cmd_mark(struct tui *, int code);

/* tui-draw.c */
void		 tui_draw_theme(struct tui *);
void		 tui_draw_style(const struct tui *, uint16_t style, int kind,
		    int level, attr_t *, short *);
int		 tui_draw_text(WINDOW *, int y, int x, int xmin, int xmax,
		    const char *, size_t, attr_t, short, int amb);
int		 tui_draw_fit(WINDOW *, int y, int x, int xmax, const char *,
		    size_t, attr_t, short, int amb);
void		 tui_draw_line(const struct tui *, WINDOW *, int y, int x0,
		    int xmin, int xmax, const struct layout *,
		    const struct line *, const struct sel *, attr_t extra);
int		 tui_draw_replaced(void);	/* a '?' has been drawn */
void		 tui_draw_copied(const struct tui *);
void		 tui_draw_status_title(const struct tui *, WINDOW *, int x,
		    int xmax, const char *title);

/* tui-bookmarks.c */
void		 tui_bookmarks_open(struct tui *);
void		 tui_bookmarks_resume(struct tui *, int place);
void		 tui_bookmarks_save(struct tui *);
void		 tui_bookmarks_tick(struct tui *);
void		 tui_bookmarks_mark(struct tui *, int name);
void		 tui_bookmarks_whole(struct tui *);
const char	*tui_bookmarks_away(const struct tui *);
int		 tui_bookmarks_list(const struct tui *, int i, char *,
		    size_t);
void		 tui_bookmarks_close(struct tui *);

/* tui-search.c */
void		 tui_search_start(struct tui *, int dir);
int		 tui_search_key(struct tui *, int code);
void		 tui_search_unhighlight(struct tui *);
void		 tui_search_nth(struct tui *, int dir, long count);
void		 tui_search_sync(struct tui *);
void		 tui_search_prompt(const struct tui *, WINDOW *, int width);
int		 tui_search_list(const struct tui *, int i, char *, size_t);
int		 tui_search_list_row(const struct tui *);
void		 tui_search_list_go(struct tui *, int row);
void		 tui_search_init(struct tui *);
void		 tui_search_drop(struct tui *);
void		 tui_search_free(struct tui *);
void		 tui_search_poll(struct tui *);
int		 tui_search_book_stop(struct tui *);

/* tui-less.c: what comes before a command (a count, Esc), the command
   line (:) and the file's information (=) */
int		 tui_less_key(struct tui *, int *code, long *count);
void		 tui_less_info(struct tui *, long count);
void		 tui_less_colon(struct tui *, long count);
void		 tui_less_sync(struct tui *);
int		 tui_less_prompt(const struct tui *, WINDOW *, int width);
void		 tui_less_free(struct tui *);

/* tui-library.c: the library screen (L) */
void		 tui_library_open(struct tui *, long count);
int		 tui_library_row(const struct tui *, int i, char *, size_t);
attr_t		 tui_library_attr(const struct tui *, int i);
void		 tui_library_sync(struct tui *);
unsigned	 tui_library_gen(const struct tui *);
int		 tui_library_prompt(const struct tui *, WINDOW *, int width);
int		 tui_library_key(struct tui *, int code, enum cmd);
void		 tui_library_click(struct tui *, int y);
void		 tui_library_free(struct tui *);

/* tui-signal.c: catching starts before newterm; the terminal is the
   reader's (RAW 1) from newterm to endwin. */
void		 tui_signal_catch(void);
void		 tui_signal_raw(int on);
int		 tui_signal_quit(void);		/* the signal, or 0 */
int		 tui_signal_stopped(void);	/* Ctrl-Z, once a press */
void		 tui_signal_release(void);

/* The panes: body.c, outline.c, notes.c. */
extern const struct pane_ops body_ops;
extern const struct pane_ops outline_ops;
extern const struct pane_ops notes_ops;

#endif /* LECTERN_TUI_INTERNAL */

#endif
