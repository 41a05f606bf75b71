/*
 * browser.c: opening a link's address with $BROWSER or the system's
 * opener. Whatever a document says, the browser is given one argument
 * that is plainly an address, never an option: an absolute URL of a scheme in a fixed table (http,
 * https, ftp, mailto, file ...), or a file: URL of a path made absolute
 * against the document's directory. Everything else is refused.
 * browser_open is the only way to the browser, and it checks first.
 */
#ifndef LECTERN_BROWSER_H
#define LECTERN_BROWSER_H

/*
 * The argument to give the browser for the address URL of a document in
 * the absolute directory DIR, to free; or NULL with *WHY saying why not.
 */
char	*browser_target(const char *url, const char *dir, const char **why);

/*
 * The absolute directory that the addresses of the document read from
 * PATH ("-" for standard input: the current directory) are relative to,
 * to free; NULL when it cannot be found.
 */
char	*browser_dir(const char *path);

/*
 * The program to open addresses with, to free: the first of the list
 * ENV ($BROWSER, ':' between programs) when it is set, else the first
 * opener (xdg-open; on macOS, open) found in an absolute directory of
 * PATH ($PATH), by its path; NULL when there is none.
 */
char	*browser_opener(const char *env, const char *path);

/*
 * Opens URL, an address of the document read from PATH, with $BROWSER
 * or else the opener that browser_opener finds, detached. Returns 0 or -1; either way *MSG is a line for the status
 * line, to free, with the address in inert form.
 */
int	 browser_open(const char *url, const char *path, char **msg);

#endif
