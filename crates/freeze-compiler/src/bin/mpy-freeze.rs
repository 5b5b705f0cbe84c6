fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let out = &args[2];
    let name = args.get(3).cloned().unwrap_or(path.clone());
    let src = std::fs::read_to_string(path).unwrap();
    match freeze_compiler::compile(&src, &name, &freeze_compiler::Options::default()) {
        Ok(b) => std::fs::write(out, b).unwrap(),
        Err(e) => { eprintln!("{}", e); std::process::exit(1) }
    }
}
