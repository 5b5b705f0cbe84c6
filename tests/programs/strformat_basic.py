# str.format: positional, indexed, keyword, specs, conversions.
print("{} {} {}".format(1, "two", 3.5))
print("{0} {1} {0}".format("a", "b"))
print("{x} {y} {x}".format(x=1, y=2))
print("{0} {name}".format("pos", name="kw"))
print("[{:5}] [{:<5}] [{:>5}] [{:^5}] [{:*^7}] [{:05}]".format(1, 2, 3, 4, 5, 6))
print("[{:8}] [{:>8}] [{:^8}] [{:.2}]".format("ab", "cd", "ef", "ghij"))
print("{:x} {:X} {:o} {:b} {:#x} {:#b} {:08b}".format(255, 255, 8, 5, 255, 5, 5))
print("{:+d} {:+d} {: d}".format(5, -5, 5))
print("{:.3f} {:10.2f} {:e} {:.1%}".format(1.5, 2.25, 1500.0, 0.25))
print("{!r} {!s} {!r}".format("a", "b", [1, "c"]))
print("{{}} {{{}}}".format(7))
print("{:>{}}|".format("x", 4), "{:{}{}}|".format("y", "<", 3))
args = [10, 20]
kw = {"a": 1, "b": 2}
print("{} {}".format(*args), "{a}-{b}".format(**kw))
print("{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}".format(*range(11)))
fmt = "{:>6}" * 3
print(fmt.format("a", "bb", "ccc"))
for i in range(3):
    print("row {0}: {1:3d} {2:6.2f}".format(i, i * 11, i / 4))
try:
    "{} {}".format(1)
except IndexError:
    print("IndexError")
try:
    "{missing}".format(x=1)
except KeyError:
    print("KeyError")
