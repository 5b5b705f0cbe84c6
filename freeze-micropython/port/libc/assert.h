// See string.h: assertions are compiled out (NDEBUG), as in MicroPython's release builds.
#ifndef FREEZE_LIBC_ASSERT_H
#define FREEZE_LIBC_ASSERT_H
#define assert(e) ((void)0)
#endif
