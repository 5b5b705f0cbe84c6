// See string.h: MicroPython includes this for ssize_t and the SEEK_* numbers.
#ifndef FREEZE_LIBC_UNISTD_H
#define FREEZE_LIBC_UNISTD_H
#include <sys/types.h>
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
