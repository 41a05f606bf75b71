/* tui.c: the interactive reader on ncurses. */
#ifndef LECTERN_TUI_H
#define LECTERN_TUI_H

struct doc;
struct options;

/*
 * Runs the reader on DOC until the user quits. Returns the exit status;
 * returns -1 without touching the terminal when there is no usable one
 * (the caller then prints the dump).
 */
int	tui_run(struct doc *, const struct options *);

#endif
