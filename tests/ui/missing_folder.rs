// `freeze!` on tests/ui/fixtures/missing/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/missing/");

fn main() {}
