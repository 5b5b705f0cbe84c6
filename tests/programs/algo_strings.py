# String algorithms: palindromes, anagrams, run-length encoding, Caesar cipher, word counts.
def is_pal(s):
    t = [c.lower() for c in s if c.isalpha()]
    return t == t[::-1]
print([is_pal(s) for s in ("Racecar", "A man, a plan, a canal: Panama", "hello", "")])
def rle(s):
    out = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append("%d%s" % (j - i, s[i]))
        i = j
    return "".join(out)
def unrle(s):
    out = ""
    num = ""
    for c in s:
        if c.isdigit():
            num += c
        else:
            out += c * int(num)
            num = ""
    return out
enc = rle("aaabccddddde")
print(enc, unrle(enc), unrle(rle("x" * 25)) == "x" * 25)
def caesar(s, k):
    res = []
    for c in s:
        if "a" <= c <= "z":
            res.append(chr((ord(c) - 97 + k) % 26 + 97))
        elif "A" <= c <= "Z":
            res.append(chr((ord(c) - 65 + k) % 26 + 65))
        else:
            res.append(c)
    return "".join(res)
msg = "Hello, World! xyz"
print(caesar(msg, 3), caesar(caesar(msg, 13), 13) == msg)
def anagrams(words):
    groups = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)
print(anagrams(["listen", "silent", "enlist", "google", "gogole", "cat", "act", "dog"]))
text = "the cat and the hat and the bat sat on the mat"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
def lcs(a, b):
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a)):
        for j in range(len(b)):
            dp[i + 1][j + 1] = dp[i][j] + 1 if a[i] == b[j] else max(dp[i][j + 1], dp[i + 1][j])
    return dp[-1][-1]
print(lcs("AGGTAB", "GXTXAYB"), lcs("abc", "def"))
def edit(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
print(edit("kitten", "sitting"), edit("", "abc"), edit("same", "same"))
print(" ".join("".join(reversed(w)) for w in "reverse each word".split()))
