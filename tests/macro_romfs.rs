//! The ROMFS image `freeze!` emits has `mpremote romfs build`'s layout: the same `.mpy` files put
//! into a folder and built by mpremote (with `--no-mpy`, so it stores them as they are) give the
//! same image, byte for byte. The `.mpy` payloads themselves are mpy-cross's bytes (checked in
//! `freeze-compiler/tests/conformance.rs` and `macro_example.rs`).

use std::path::PathBuf;
use std::process::Command;

static APP: freeze::FrozenModules = freeze::freeze!("examples/app/modules/");

fn host(s: freeze::runtime::RomStr) -> String {
    let mut buf = vec![0u8; s.len()];
    s.copy_to(&mut buf).expect("utf-8").to_string()
}

#[test]
fn image_matches_mpremote_romfs_build() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mpremote = root.join(".oracles/venv/bin/mpremote");
    assert!(mpremote.exists(), "mpremote oracle missing: run scripts/install-oracles.sh");

    let dir = std::env::temp_dir().join(format!("freeze-romfs-{}", std::process::id()));
    let tree = dir.join("modules");
    std::fs::create_dir_all(&tree).unwrap();
    for m in APP.iter() {
        let path = host(m.path());
        let mpy_path = tree.join(path.strip_suffix(".py").unwrap().to_string() + ".mpy");
        std::fs::create_dir_all(mpy_path.parent().unwrap()).unwrap();
        let mut bytes = vec![0u8; m.code().len()];
        m.code().copy_to(&mut bytes);
        std::fs::write(&mpy_path, bytes).unwrap();
    }
    let out = dir.join("ref.romfs");
    let st = Command::new(&mpremote)
        .args(["romfs", "--no-mpy", "-o"])
        .arg(&out)
        .arg("build")
        .arg(&tree)
        .output()
        .unwrap();
    assert!(st.status.success(), "mpremote failed: {}", String::from_utf8_lossy(&st.stderr));
    let theirs = std::fs::read(&out).unwrap();
    let mut ours = vec![0u8; APP.image().len()];
    APP.image().copy_to(&mut ours);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(ours.len(), theirs.len(), "image sizes differ");
    assert!(ours == theirs, "images differ");
}
