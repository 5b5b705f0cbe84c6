// See string.h: MicroPython uses its own MP_E* numbers; errno itself is not used by the core.
#ifndef FREEZE_LIBC_ERRNO_H
#define FREEZE_LIBC_ERRNO_H
extern int errno;
#endif
