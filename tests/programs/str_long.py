# Long string constants and building long strings.
LONG = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum."
print(len(LONG))
print(LONG[:40])
print(LONG.count("or"), LONG.find("laborum"), len(LONG.split()))
DOC = """This is a multi-line string
with several lines of text
that is longer than two hundred and fifty-six bytes in total, so its length prefix
needs more than one byte when it is stored in the bytecode file: we want to check
that such constants survive the trip through the compiler and loader unchanged.
The end."""
print(len(DOC), DOC.count("\n"), DOC.splitlines()[-1])
parts = []
for i in range(50):
    parts.append("%02d" % i)
big = "".join(parts)
print(len(big), big[:20], big[-10:])
x = "ab" * 500
print(len(x), x[995:], x.count("ba"))
rep = "-" * 70
print(rep)
B = b"0123456789abcdef" * 20
print(len(B), B[-5:])
