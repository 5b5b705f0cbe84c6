// See ../string.h: the POSIX types MicroPython's core names.
#ifndef FREEZE_LIBC_SYS_TYPES_H
#define FREEZE_LIBC_SYS_TYPES_H
#include <stddef.h>
typedef int ssize_t;
typedef long off_t;
#endif
