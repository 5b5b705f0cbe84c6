//! The example package `examples/app/modules/` frozen by `freeze!`, every module loaded from the
//! descriptors into the MicroPython 1.27 WebAssembly VM, `import app` run: its output must equal
//! CPython's for the same package. Also checks the descriptors against the ROMFS image.

#[path = "../examples/app/vm.rs"]
mod vm;

use std::process::Command;

static APP: freeze::FrozenModules = freeze::freeze!("examples/app/modules/", opt = 0);

#[test]
fn descriptors_are_sorted_and_match_the_image() {
    let names: Vec<String> = APP.iter().map(|m| vm::host_str(m.name())).collect();
    assert_eq!(
        names,
        ["app", "app.seq", "app.shapes", "app.shapes.base", "app.shapes.poly", "app.shapes.round", "app.util"]
    );
    assert!(APP.is_sorted());
    let pkg = APP.find("app.shapes").unwrap();
    assert_eq!(pkg.kind(), freeze::ModuleKind::Package);
    assert_eq!(vm::host_str(pkg.path()), "app/shapes/__init__.py");
    assert_eq!(APP.find("app.util").unwrap().kind(), freeze::ModuleKind::Module);
    assert!(APP.find("app.nothing").is_none());

    // each descriptor's bytes are the image's file, and equal to compiling the file directly
    let romfs = APP.romfs().expect("valid ROMFS image");
    for m in APP.iter() {
        let path = vm::host_str(m.path());
        let stored = format!("{}.mpy", path.strip_suffix(".py").unwrap());
        let in_image = romfs.file(&stored).unwrap_or_else(|e| panic!("{stored} not in the image: {e:?}"));
        assert_eq!(in_image.as_bytes(), m.code().as_bytes(), "{stored}");
        assert_eq!(in_image.as_ptr(), m.code().as_ptr(), "{stored}: the descriptor points into the image");
        let src = std::fs::read_to_string(vm::repo_root().join("examples/app/modules").join(&path)).unwrap();
        let direct = freeze_compiler::compile(&src, &path, &Default::default()).unwrap();
        assert_eq!(direct, m.code().as_bytes(), "{path}");
        let h = m.mpy_header().unwrap();
        assert_eq!((h.version, h.small_int_bits), (6, 31));
    }
    // the image is 4-byte aligned (flash wants word loads)
    assert_eq!(APP.image().as_ptr() as usize % 4, 0);
}

#[test]
fn example_app_runs_in_micropython_like_in_cpython() {
    let expected = Command::new("python3")
        .args(["-B", "-c", "import sys; sys.path.insert(0, 'examples/app/modules'); import app"])
        .current_dir(vm::repo_root())
        .output()
        .expect("python3 is needed for the expected output");
    assert!(expected.status.success(), "CPython failed: {}", String::from_utf8_lossy(&expected.stderr));
    let expected = String::from_utf8(expected.stdout).unwrap();

    let run = vm::run_frozen(&APP, "app").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status, 0, "MicroPython failed:\n{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, expected);
    assert!(expected.contains("app: done"));
}

#[test]
fn host_api_plain_slices_and_display() {
    // issue 11: `println!("{}", m.name())` and `let b: &[u8] = APP.image()` failed; on hosts
    // the image and each `.mpy` are plain slices, and descriptor strings print
    let image: &[u8] = APP.image_bytes();
    assert_eq!(image, APP.image().as_bytes());
    let from_image = freeze::runtime::Romfs::new(freeze::runtime::RomBytes::from_ram(image)).expect("a valid image");
    for m in APP.iter() {
        assert_eq!(m.name().to_string(), vm::host_str(m.name()));
        assert_eq!(format!("{}", m.path()), vm::host_str(m.path()));
        let stored = format!("{}.mpy", m.path().to_string().strip_suffix(".py").unwrap());
        assert_eq!(m.code_bytes(), from_image.file(&stored).unwrap().as_bytes(), "{stored}");
    }
    assert_eq!(format!("{:<12}|", APP.find("app").unwrap().name()), "app         |");
}
