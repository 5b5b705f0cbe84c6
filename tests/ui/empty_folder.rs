// `freeze!` on tests/ui/fixtures/empty/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/empty/");

fn main() {}
