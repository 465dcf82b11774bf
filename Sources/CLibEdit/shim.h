#ifndef STRATA_CLIBEDIT_SHIM_H
#define STRATA_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <editline/readline.h>

/* Setters for libedit's C globals, so Swift 6 strict concurrency never touches them directly. */
static inline void strata_set_completion(char **(*fn)(const char *, int, int)) {
    rl_attempted_completion_function = fn;
}
static inline void strata_set_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void strata_set_word_break_characters(const char *chars) {
    rl_basic_word_break_characters = (char *)chars;
}
static inline const char *strata_line_buffer(void) { return rl_line_buffer; }
static inline void strata_set_readline_name(const char *name) { rl_readline_name = (char *)name; }
#endif
