// See string.h: printf-family declarations; MicroPython's shared/libc/printf.c defines them
// over mp_hal_stdout_tx_strn.
#ifndef FREEZE_LIBC_STDIO_H
#define FREEZE_LIBC_STDIO_H
#include <stddef.h>
#include <stdarg.h>
#include <unistd.h>
int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int putchar(int c);
int puts(const char *s);
int snprintf(char *str, size_t size, const char *fmt, ...);
int vsnprintf(char *str, size_t size, const char *fmt, va_list ap);
#endif
