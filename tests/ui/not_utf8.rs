// `freeze!` on tests/ui/fixtures/not_utf8/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/not_utf8/");

fn main() {}
