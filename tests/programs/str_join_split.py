# Building and splitting text: CSV-like parsing, fixed-width tables, text wrapping.
CSV = "name,qty,price\nwidget,4,250\ngadget,10,99\ngizmo,1,1999\n"
rows = [line.split(",") for line in CSV.strip().split("\n")]
header, body = rows[0], rows[1:]
print(header)
total = 0
for name, qty, price in body:
    cost = int(qty) * int(price)
    total += cost
    print("%-8s %3s x %5s = %6d" % (name, qty, price, cost))
print("total", total, "=", "%d.%02d" % divmod(total, 100))
text = "The quick brown fox jumps over the lazy dog and keeps running far away from here"
def wrap(t, width):
    lines, cur = [], ""
    for w in t.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    if cur:
        lines.append(cur)
    return lines
for line in wrap(text, 20):
    print("|" + line + " " * (20 - len(line)) + "|")
kv = "a=1;b=2;;c=3"
pairs = dict(p.split("=") for p in kv.split(";") if p)
print(sorted(pairs.items()))
print("/".join(["usr", "local", "bin"]), "a/b/c".split("/", 1), "a/b/c".rsplit("/", 1))
print(",".join(str(i) for i in range(10)), "".join(map(chr, range(97, 103))))
print("  padded  ".strip().join("[]"), "x".join(""), "-".join("single"))
print("one  two   three".split(), "one  two".split(" "), "".split(), "".split(","))
