//! The C ABI as MicroPython sees it: the exported `mp_vfs_rom_ioctl` symbol, called through an
//! `extern "C"` declaration like `extmod/vfs.c` calls it, serving a registered image whose
//! memoryview is laid out as `mp_obj_array_t`.
#![cfg(feature = "micropython")]

mod common;

use core::ffi::c_void;
use freeze_runtime::micropython::{register, registered, small_int, small_int_value, EINVAL, EROFS};
use freeze_runtime::{padded_len, Aligned, FrozenModule, FrozenModules, ModuleKind, Romfs};

type MpObj = *mut c_void;

extern "C" {
    fn mp_vfs_rom_ioctl(n_args: usize, args: *const MpObj) -> MpObj;
    fn freeze_romfs_image_addr() -> *const u8;
    fn freeze_romfs_image_len() -> usize;
    fn freeze_romfs_memoryview() -> MpObj;
}

const APP_IMG: &[u8] = include_bytes!("fixtures/app.romfs");
static STORE: Aligned<{ padded_len(APP_IMG.len()) }> = Aligned::padded(APP_IMG);
/// `main.mpy` of app.romfs: 89 bytes at offset 127 (asserted below).
static MODULES: [FrozenModule; 1] =
    [FrozenModule::with_strs("main", "main.py", ModuleKind::Module, STORE.bytes().slice(127, 89))];
static APP: FrozenModules = FrozenModules::new(&MODULES, STORE.bytes().slice(0, APP_IMG.len()));

fn ioctl(args: &[isize]) -> MpObj {
    let objs: Vec<MpObj> = args.iter().map(|&a| small_int(a)).collect();
    // SAFETY: `objs` holds `objs.len()` objects.
    unsafe { mp_vfs_rom_ioctl(objs.len(), objs.as_ptr()) }
}

/// The words of MicroPython's `mp_obj_array_t` at `obj`.
#[repr(C)]
struct MpObjArray {
    base_type: *const c_void,
    typecode_and_free: usize,
    len: usize,
    items: *const u8,
}

#[test]
fn mount_sequence() {
    // before registration: no segment; GET_SEGMENT fails (vfs.c's protected mount then skips /rom)
    assert!(registered().is_none());
    assert_eq!(small_int_value(ioctl(&[1])), Some(0));
    assert_eq!(small_int_value(ioctl(&[2, 0])), Some(-EINVAL));

    assert_eq!(APP.verify(), Ok(()), "the descriptor is the image's main.mpy");
    register(&APP).unwrap();
    assert_eq!(small_int_value(ioctl(&[1])), Some(1));
    // what mp_vfs_mount_romfs_protected does: GET_SEGMENT 0, then VfsRom(buffer)
    let obj = ioctl(&[2, 0]);
    assert!(small_int_value(obj).is_none(), "an object pointer, not a small int");
    // SAFETY: the ioctl returned the address of APP's static memoryview.
    let mv = unsafe { &*(obj as *const MpObjArray) };
    assert_eq!(mv.base_type, (&raw const common::mp_type_memoryview).cast());
    assert_eq!(mv.typecode_and_free, usize::from(b'B'), "typecode 'B', offset 0");
    assert_eq!(mv.len, APP_IMG.len());
    // SAFETY: the memoryview covers the image, which lives in a static.
    let buf = unsafe { core::slice::from_raw_parts(mv.items, mv.len) };
    assert_eq!(buf, APP_IMG);
    assert_eq!(mv.items.addr() % 4, 0, "the image is word aligned");
    let fs = Romfs::from_ram(buf).unwrap();
    assert!(fs.file("pkg/mod.mpy").is_ok());

    // accessors for ports with their own ioctl
    // SAFETY: plain C functions without arguments.
    unsafe {
        assert_eq!(freeze_romfs_memoryview(), obj);
        assert_eq!(freeze_romfs_image_addr(), mv.items);
        assert_eq!(freeze_romfs_image_len(), APP_IMG.len());
    }

    // deploying over it is refused
    assert_eq!(small_int_value(ioctl(&[3, 0, 4096])), Some(-EROFS));
    assert_eq!(small_int_value(ioctl(&[5, 0])), Some(-EROFS));
    assert_eq!(small_int_value(ioctl(&[6, 0])), Some(-EINVAL));
    assert_eq!(small_int_value(ioctl(&[2, 1])), Some(-EINVAL));
}
