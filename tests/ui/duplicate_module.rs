// `freeze!` on tests/ui/fixtures/duplicate/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/duplicate/");

fn main() {}
