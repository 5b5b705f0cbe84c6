# printf-style % formatting.
print("%d %i %s %r" % (42, -7, "str", "repr"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%c%c%c" % (72, "i", 33))
print("%s and %s" % ("a", "b"), "%s" % ("single",), "%s" % [1, 2])
print("%.3s|%10s|%-10s|" % ("abcdef", "right", "left"))
print("100%% sure", "%s%%" % 50)
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%*d|%-*d|" % (6, 42, 6, 42))
print("%.2f %.1f %5.2f %-8.3f|" % (1.5, 0.75 - 0.5 + 0.05, 3.75, 2.0))
print("%d" % 2 ** 70, "%x" % 2 ** 70, "%s" % 2 ** 70)
print("%s %s" % (None, True), "%d" % True)
print("%r" % "it's", "%r" % b"x", "%r" % 1.5)
for n in range(1, 5):
    print("%3d %3d %5d" % (n, n * n, n ** 3))
try:
    print("%d %d" % (1,))
except TypeError:
    print("TypeError: not enough")
try:
    print("%d" % (1, 2))
except TypeError:
    print("TypeError: too many")
