// freeze-micropython's port configuration: MicroPython's core as the ESP8266 port configures it
// (object representation C, single-precision floats, mpz long ints, the compiler and .mpy
// loading, stack checking), minus what lives outside py/ (extmod's modules, the VFS, the REPL).
// The same file serves the LX106 and the host build used by host tests; only the object
// representation differs (representation C packs objects into 32-bit words).

#include <stdint.h>
#include <alloca.h>

#define MICROPY_CONFIG_ROM_LEVEL            (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)

#if UINTPTR_MAX == 0xffffffffu
#define MICROPY_OBJ_REPR                    (MICROPY_OBJ_REPR_C)
#else
#define MICROPY_OBJ_REPR                    (MICROPY_OBJ_REPR_A)
#endif
#define MICROPY_FLOAT_IMPL                  (MICROPY_FLOAT_IMPL_FLOAT)
#define MICROPY_LONGINT_IMPL                (MICROPY_LONGINT_IMPL_MPZ)

// Memory: the caller hands a heap slice to freeze_mp_init; the C stack is checked against a
// limit set before mp_init (without it every import fails with RecursionError).
#define MICROPY_ENABLE_GC                   (1)
#define MICROPY_STACK_CHECK                 (1)
#define MICROPY_ALLOC_PATH_MAX              (128)
#define MICROPY_ALLOC_PARSE_CHUNK_INIT      (64)
#define MICROPY_GC_STACK_ENTRY_TYPE         uint16_t

// Python code: compiled on the device, or loaded as .mpy through the import hooks (the
// port's mp_import_stat / mp_reader_new_file, which freeze-runtime provides over the frozen
// descriptors).
#define MICROPY_ENABLE_COMPILER             (1)
#define MICROPY_PERSISTENT_CODE_LOAD        (1)
#define MICROPY_HAS_FILE_READER             (1)
#define MICROPY_ENABLE_SOURCE_LINE          (1)
#define MICROPY_ERROR_REPORTING             (MICROPY_ERROR_REPORTING_NORMAL)
#define MICROPY_PY___FILE__                 (1)
#define MICROPY_READER_VFS                  (0)
#define MICROPY_VFS                         (0)
#define MICROPY_HELPER_REPL                 (0)
// Hosts use their C library's printf; bare-metal builds get -DMICROPY_USE_INTERNAL_PRINTF=1.
#ifndef MICROPY_USE_INTERNAL_PRINTF
#define MICROPY_USE_INTERNAL_PRINTF         (0)
#endif
#define MICROPY_ENABLE_EXTERNAL_IMPORT      (1)

// True frozen modules (freeze!(..., tables)): MicroPython's frozen-module tables and a qstr pool
// chained after the firmware's own, emitted as Rust statics by the macro. port.c defines empty
// weak ones, so a firmware without frozen tables links too. FROZEN_STR serves the modules frozen
// as source text (freeze!(..., source = [...])), compiled on import.
#define MICROPY_MODULE_FROZEN_MPY           (1)
#define MICROPY_MODULE_FROZEN_STR           (1)
#define MICROPY_QSTR_EXTRA_POOL             mp_qstr_frozen_const_pool

// Native code (the crate's `native` feature defines FREEZE_NATIVE_CODE): the interpreter runs
// the `@micropython.native` and `@micropython.viper` functions that freeze! compiled for this CPU
// (`arch = "xtensa"` on the LX106, `"x64"` on a 64-bit PC host). MicroPython 1.23 loads native
// code only with the emitter for that CPU built in, which also compiles such functions in source
// modules on the device. Loaded code is copied into executable memory by freeze_commit_exec
// (port.c): on the LX106 a region of IRAM the firmware's linker script sets aside
// (`_freeze_exec_start`..`_freeze_exec_end`), because the ESP8266 cannot execute its data RAM.
#if FREEZE_NATIVE_CODE
#if defined(__xtensa__)
#define MICROPY_EMIT_XTENSA                 (1)
#elif defined(__x86_64__)
#define MICROPY_EMIT_X64                    (1)
#else
#error "freeze-micropython's native feature supports the LX106 (xtensa) and x86-64 hosts"
#endif
#include <stddef.h>
void *freeze_commit_exec(void *buf, size_t len, void *reloc);
#define MP_PLAT_COMMIT_EXEC(buf, len, reloc) freeze_commit_exec(buf, len, reloc)
#endif

// Modules whose code is in extmod/ or needs an OS: not part of the core this crate builds.
#define MICROPY_PY_ASYNCIO                  (0)
#define MICROPY_PY_BINASCII                 (0)
#define MICROPY_PY_BUILTINS_INPUT           (0)
#define MICROPY_PY_BUILTINS_HELP            (0)
#define MICROPY_PY_DEFLATE                  (0)
#define MICROPY_PY_FRAMEBUF                 (0)
#define MICROPY_PY_HASHLIB                  (0)
#define MICROPY_PY_HEAPQ                    (0)
#define MICROPY_PY_JSON                     (0)
#define MICROPY_PY_OS                       (0)
#define MICROPY_PY_PLATFORM                 (0)
#define MICROPY_PY_RANDOM                   (0)
#define MICROPY_PY_RE                       (0)
#define MICROPY_PY_SELECT                   (0)
#define MICROPY_PY_TIME                     (0)
#define MICROPY_PY_UCTYPES                  (0)
#define MICROPY_PY_SYS_STDFILES             (0)
#define MICROPY_PY_SYS_STDIO_BUFFER         (0)
#define MICROPY_PY_IO                       (0)
#define MICROPY_PY_SYS_PLATFORM             "freeze"

#define MP_SSIZE_MAX                        (0x7fffffff)
typedef intptr_t mp_int_t;
typedef uintptr_t mp_uint_t;
typedef long mp_off_t;

#define MICROPY_HW_BOARD_NAME               "freeze-micropython"
#define MICROPY_HW_MCU_NAME                 "any"

#define MP_STATE_PORT MP_STATE_VM
