// `freeze!` on tests/ui/fixtures/two_errors/: both broken files are reported in one build (the
// second ends inside an unclosed bracket)
static APP: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/two_errors/");

fn main() {}
