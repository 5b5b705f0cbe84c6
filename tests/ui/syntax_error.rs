// `freeze!` on tests/ui/fixtures/syntax/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/");

fn main() {}
