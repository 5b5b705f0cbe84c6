// `freeze!` on tests/ui/fixtures/bad_name/
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/bad_name/");

fn main() {}
