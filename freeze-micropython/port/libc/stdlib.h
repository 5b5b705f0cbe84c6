// See string.h: declarations for bare-metal targets without a C library.
#ifndef FREEZE_LIBC_STDLIB_H
#define FREEZE_LIBC_STDLIB_H
#include <stddef.h>
void abort(void) __attribute__((noreturn));
#endif
