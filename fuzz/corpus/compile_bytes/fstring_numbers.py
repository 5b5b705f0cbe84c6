# f-strings over many integers and padding combinations.
for v in [0, 7, -7, 255, 65536, 2 ** 40, -(2 ** 33)]:
    print(f"{v:>14}|{v:<14}|{v:^14}|{v:x}|{v:+d}|{v:014d}")
for w in range(1, 6):
    print(f"{'ab':>{w}}|{'ab':<{w}}|{w:0{w}}")
rows = [("alpha", 1, 2.5), ("beta", 22, 0.125), ("gamma", 333, 10.75)]
for name, count, ratio in rows:
    print(f"{name:<8}{count:>5}{ratio:>10.3f}")
total = sum(r[1] for r in rows)
print(f"{'total':<8}{total:>5}")
print(f"{1000000:,}" if False else f"{1000000}")
