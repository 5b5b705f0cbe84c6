# Formatting a report table with str.format and computed widths.
rows = [
    ("Widget", 4, 2.5, True),
    ("Gadget extra long", 12, 0.75, False),
    ("Gizmo", 100, 10.0, True),
]
w = max(len(r[0]) for r in rows)
hdr = "{:<{w}} | {:>5} | {:>8} | {:^6}".format("Item", "Qty", "Price", "Stock", w=w)
print(hdr)
print("-" * len(hdr))
for name, qty, price, stock in rows:
    print("{:<{w}} | {:>5d} | {:>8.2f} | {:^6}".format(name, qty, price, "yes" if stock else "no", w=w))
total = sum(q * p for _, q, p, _ in rows)
print("{:>{w}}   {:>5d}   {:>8.2f}".format("TOTAL", sum(r[1] for r in rows), total, w=w))
print("{0:>3}{0:>4}{0:>5}".format(7))
print("[{:^9}] [{:-^9}] [{:*<4}] [{:#>6x}]".format("mid", "x", 1, 255))
for n in (0, 5, 42, 255, 1000):
    print("{:>5} {:>8b} {:>4o} {:>4x} {:>4X}".format(n, n, n, n, n))
print("{:.3}|{:.0}|{:5.1}|".format("abcdef", "abc", "xyz"))
