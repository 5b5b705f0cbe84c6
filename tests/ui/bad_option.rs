// Unknown options and bad values are errors at the option.
static A: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/", optimise = 2);
static B: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/", opt = 7);

fn main() {}
