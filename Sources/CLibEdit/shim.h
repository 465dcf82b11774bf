#ifndef STRATA_CLIBEDIT_SHIM_H
#define STRATA_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
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
/* Character appended after a single completion match (' ' by default; 0 appends nothing). */
static inline void strata_set_completion_append_character(int character) {
    rl_completion_append_character = character;
}
/* True when the current LC_CTYPE locale uses UTF-8 (libedit drops CJK input otherwise). */
static inline int strata_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
#endif
