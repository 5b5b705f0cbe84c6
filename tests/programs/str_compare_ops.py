# String comparisons, membership, multiplication, ordering.
words = ["pear", "apple", "fig", "banana", "apple", "Cherry", "date"]
print(sorted(words))
print(sorted(words, key=len) == sorted(words, key=lambda w: (len(w), w)) or "ties")
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, reverse=True))
print(min(words), max(words))
print("abc" < "abd", "abc" < "ab", "" < "a", "B" < "a", "abc" <= "abc", "b" > "abc")
print("ab" in "cabd", "" in "x", "abc" * 0 == "", 3 * "ab")
print("a" == "a", "a" != "b", "a" is not None)
s = ""
for w in words:
    if w not in s:
        s += w[0]
print(s)
print([w for w in words if w.startswith(("a", "b"))])
print("apple".count("p"), "mississippi".count("ss"), "mississippi".replace("ss", "SS"))
