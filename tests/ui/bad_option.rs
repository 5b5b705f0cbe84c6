// Unknown options and bad values are errors at the option or the value.
static A: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/", optimise = 2);
static B: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/", opt = 7);
// Token-level mistakes get syn's standard messages at the token.
static C: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/" opt = 1);
static D: freeze::FrozenModules = freeze::freeze!(tests / ui);
static E: freeze::FrozenModules = freeze::freeze!("tests/ui/fixtures/syntax/", include = ["{a,b"]);

fn main() {}
