// freeze-micropython's port glue: the functions MicroPython's core expects from a port, and the
// small C entry points the Rust API (src/lib.rs) calls. Everything that needs nlr (MicroPython's
// exception mechanism, built on setjmp-like register saving) stays on the C side, because Rust
// must never be unwound through by nlr_jump.

#include <string.h>

#include "py/builtin.h"
#include "py/compile.h"
#include "py/gc.h"
#include "py/lexer.h"
#include "py/mperrno.h"
#include "py/mphal.h"
#include "py/nlr.h"
#include "py/reader.h"
#include "py/runtime.h"
#include "py/stackctrl.h"

#ifndef NO_QSTR
// (the qstr scan runs before build/abi.rs writes this header)
#include "genhdr/freeze_abi.h"
// The identity of this interpreter build (build/abi.rs): freeze!(..., tables = true) references
// this symbol, so tables made from another build's ABI file fail to link.
const unsigned char FREEZE_ABI_SYMBOL = 1;
#endif

// Provided by the Rust side (src/ffi.rs).
extern void freeze_micropython_console_write(const char *str, size_t len);
extern void freeze_micropython_fatal(const char *msg, size_t len) __attribute__((noreturn));

mp_uint_t mp_hal_stdout_tx_strn(const char *str, size_t len) {
    freeze_micropython_console_write(str, len);
    return len;
}

// print() output and tracebacks. "Cooked" output would turn "\n" into "\r\n" for a terminal;
// the firmware's console function decides that (a UART console may add the "\r"), so the text
// reaches it exactly as Python wrote it.
void mp_hal_stdout_tx_strn_cooked(const char *str, size_t len) {
    freeze_micropython_console_write(str, len);
}

void mp_hal_stdout_tx_str(const char *str) {
    freeze_micropython_console_write(str, strlen(str));
}

void nlr_jump_fail(void *val) {
    (void)val;
    static const char msg[] = "MicroPython: uncaught exception outside any handler (nlr_jump_fail)";
    freeze_micropython_fatal(msg, sizeof(msg) - 1);
}

// mp_import_stat and mp_reader_new_file (the importer's hooks, with no filesystem) come from
// freeze-runtime (feature import-hooks of this crate, on by default) or from the firmware.

#if !MICROPY_READER_VFS
// With the import hooks (freeze-runtime's mp_reader_new_file), sources are read the same way.
mp_lexer_t *mp_lexer_new_from_file(qstr filename) {
    mp_reader_t reader;
    mp_reader_new_file(&reader, filename);
    return mp_lexer_new(filename, reader);
}
#endif

// ---- frozen tables: empty unless the firmware defines them (freeze!(..., tables)) -------------

#if !FREEZE_FROZEN_TABLES_IN_C
#include "py/emitglue.h"
extern const qstr_pool_t mp_qstr_const_pool;
__attribute__((weak)) const qstr_pool_t mp_qstr_frozen_const_pool = {
    &mp_qstr_const_pool, // previous pool: the firmware's own qstrs
    MP_QSTRnumber_of,    // their count
    0,                   // is_sorted
    0,                   // allocated entries
    0,                   // used entries
    #if MICROPY_QSTR_BYTES_IN_HASH
    NULL,
    #endif
    NULL,
    {},
};
__attribute__((weak)) const char mp_frozen_names[] = { "\0" };
__attribute__((weak)) const mp_frozen_module_t *const mp_frozen_mpy_content[] = { NULL };
#endif
// No frozen source modules unless the firmware's tables have some (mpy-tool's C, which the
// mpy-tool route links instead of the macro's tables, never defines these).
__attribute__((weak)) const uint32_t mp_frozen_str_sizes[] = { 0 };
__attribute__((weak)) const char mp_frozen_str_content[] = { "\0" };

// ---- garbage collection roots -------------------------------------------------------------------
// The GC scans the C stack from the current frame to the top recorded by freeze_mp_init, plus
// the callee-saved registers, which may hold the only reference to an object.

#if defined(__xtensa__)
static void __attribute__((noinline)) gc_collect_regs_and_stack(void) {
    // CALL0 ABI (the LX106 has no register windows): a12..a15 are callee-saved.
    uintptr_t regs[4];
    __asm__ volatile (
        "s32i.n a12, %0, 0\n"
        "s32i.n a13, %0, 4\n"
        "s32i.n a14, %0, 8\n"
        "s32i.n a15, %0, 12\n"
        : : "r" (regs) : "memory");
    // regs lies on the stack below every caller's frame: scanning from it covers both.
    gc_collect_root((void **)regs, ((uintptr_t)MP_STATE_THREAD(stack_top) - (uintptr_t)regs) / sizeof(uintptr_t));
}
#else
#include "shared/runtime/gchelper.h"
static void gc_collect_regs_and_stack(void) {
    gc_helper_collect_regs_and_stack();
}
#endif

void gc_collect(void) {
    gc_collect_start();
    gc_collect_regs_and_stack();
    gc_collect_end();
}

// ---- executable memory for native code (feature `native`) -------------------------------------
// MicroPython loads a native function into a heap buffer (relocations applied there), then calls
// MP_PLAT_COMMIT_EXEC to move it where the CPU can execute it.

#if MICROPY_EMIT_MACHINE_CODE
#include "py/persistentcode.h"

#if defined(__xtensa__)
// The ESP8266 executes from IRAM and the flash cache, never from data RAM; IRAM takes only
// aligned 32-bit stores. The firmware's linker script names the free IRAM: weak, so a firmware
// without the region links and refuses native code with a MemoryError instead.
extern uint32_t _freeze_exec_start[] __attribute__((weak));
extern uint32_t _freeze_exec_end[] __attribute__((weak));
static uint32_t *exec_next;

static void exec_memory_reset(void) {
    exec_next = _freeze_exec_start;
}

void *freeze_commit_exec(void *buf, size_t len, void *reloc) {
    size_t words = (len + 3) / 4;
    if (exec_next == NULL || (size_t)(_freeze_exec_end - exec_next) < words) {
        mp_raise_msg_varg(&mp_type_MemoryError,
            MP_ERROR_TEXT("no executable memory left for %u bytes of native code"), (unsigned)len);
    }
    uint32_t *dest = exec_next;
    if (reloc != NULL) {
        mp_native_relocate(reloc, buf, (uintptr_t)dest);
    }
    const uint8_t *src = buf;
    for (size_t i = 0; i < words; i++) {
        uint32_t w = 0;
        for (size_t b = 0; b < 4 && 4 * i + b < len; b++) {
            w |= (uint32_t)src[4 * i + b] << (8 * b);
        }
        dest[i] = w;
    }
    exec_next += words;
    return dest;
}
#else
// A hosted build (host tests): fresh pages, written, then made executable.
#include <sys/mman.h>

static void exec_memory_reset(void) {
}

void *freeze_commit_exec(void *buf, size_t len, void *reloc) {
    void *dest = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (dest == MAP_FAILED) {
        mp_raise_msg_varg(&mp_type_MemoryError,
            MP_ERROR_TEXT("no executable memory left for %u bytes of native code"), (unsigned)len);
    }
    if (reloc != NULL) {
        mp_native_relocate(reloc, buf, (uintptr_t)dest);
    }
    memcpy(dest, buf, len);
    mprotect(dest, len, PROT_READ | PROT_EXEC);
    return dest;
}
#endif
#else
static void exec_memory_reset(void) {
}
#endif

// ---- entry points for the Rust API -------------------------------------------------------------

void freeze_mp_init(void *heap, size_t heap_len, void *stack_top, size_t stack_len) {
    mp_stack_set_top(stack_top);
    // The limit must be set before mp_init: its own imports already check the stack.
    mp_stack_set_limit(stack_len);
    gc_init(heap, (char *)heap + heap_len);
    // Native code loaded by an earlier interpreter is gone with it.
    exec_memory_reset();
    mp_init();
}

void freeze_mp_deinit(void) {
    gc_sweep_all();
    mp_deinit();
}

// Prints an uncaught exception with its traceback, as MicroPython's own REPL does.
static void print_exception(mp_obj_t exc) {
    mp_obj_print_exception(&mp_plat_print, exc);
}

// Runs `source` (a module-level program) as __main__. Returns 0, or 1 after printing the
// exception and its traceback.
int freeze_mp_exec_str(const char *source, size_t len) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_string_gt_, source, len, 0);
        qstr source_name = lex->source_name;
        mp_parse_tree_t parse_tree = mp_parse(lex, MP_PARSE_FILE_INPUT);
        mp_obj_t module_fun = mp_compile(&parse_tree, source_name, true);
        mp_call_function_0(module_fun);
        nlr_pop();
        return 0;
    } else {
        print_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
        return 1;
    }
}

// `import <name>`. Returns 0, or 1 after printing the exception and its traceback.
int freeze_mp_import(const char *name, size_t len) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t args[5] = {
            MP_OBJ_NEW_QSTR(qstr_from_strn(name, len)), mp_const_none, mp_const_none, mp_const_none,
            MP_OBJ_NEW_SMALL_INT(0),
        };
        mp_builtin___import__(5, args);
        nlr_pop();
        return 0;
    } else {
        print_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
        return 1;
    }
}

// Heap figures for benchmarks and tests: bytes allocated, and bytes free.
void freeze_mp_heap_info(size_t *used, size_t *free_bytes) {
    gc_info_t info;
    gc_info(&info);
    *used = info.used;
    *free_bytes = info.free;
}

void freeze_mp_gc_collect(void) {
    gc_collect();
}

void freeze_mp_gc_enable(int on) {
    MP_STATE_MEM(gc_auto_collect_enabled) = on != 0;
}
