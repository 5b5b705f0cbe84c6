//! The whole product in one line: the Python package in `examples/app/modules/` is compiled to
//! MicroPython bytecode while this example compiles.
//!
//! Run with `cargo run --example app`: it lists the frozen modules, then loads every module's
//! `.mpy` from the descriptors into the MicroPython 1.27 WebAssembly VM (needs Node and
//! `scripts/install-oracles.sh`) and runs `import app`.

static APP: freeze::FrozenModules = freeze::freeze!("examples/app/modules/", opt = 0);

mod vm;

fn main() {
    println!("{} frozen modules, ROMFS image of {} bytes:", APP.len(), APP.image().len());
    for m in APP.iter() {
        let header = m.mpy_header().expect("valid .mpy header");
        println!(
            "  {:<20} {:<26} {:<8} {:>5} bytes, .mpy v{} small-int bits {}",
            vm::host_str(m.name()),
            vm::host_str(m.path()),
            format!("{:?}", m.kind()),
            m.code().len(),
            header.version,
            header.small_int_bits,
        );
    }
    println!("--- import app (MicroPython VM) ---");
    match vm::run_frozen(&APP, "app") {
        Ok(run) => {
            print!("{}", run.stdout);
            eprint!("{}", run.stderr);
            std::process::exit(run.status);
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
