// See string.h: alloca is a compiler builtin.
#ifndef FREEZE_LIBC_ALLOCA_H
#define FREEZE_LIBC_ALLOCA_H
#define alloca(n) __builtin_alloca(n)
#endif
