// `freeze!` on tests/ui/fixtures/symlink/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/symlink/");

fn main() {}
