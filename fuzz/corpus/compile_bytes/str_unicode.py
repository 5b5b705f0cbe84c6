# Non-ASCII text: length, indexing and slicing by code point, encode/decode.
s = "héllo wörld ∑ 中文 😀"
print(s)
print(len(s), s[1], s[12], s[-1], s[14:16], s[:5])
b = s.encode()
print(len(b), b[:3], b.decode() == s)
print([ord(c) for c in "aé∑😀"])
print("".join(chr(c) for c in [72, 233, 8721, 20013, 128512]))
print(s.find("ö"), s.count("l"), " / ".join(s.split(" ")), "∑" in s)
print(s.replace("ö", "o").replace("é", "e"))
for ch in "añ€":
    print(ch, ord(ch), len(ch.encode()))
print("".join(sorted("zéa")), "é" > "z", "中" < "😀")
print("λ".join(["a", "b", "c"]), "€" * 3)
print("%s|%s|" % ("é", "ü"), "[%s]" % "ß")
print(str(b"\xc3\xa9".decode("utf-8")), bytes("é", "utf-8"))
print(len(list("√π")), "√π"[1], "√π"[::1])
