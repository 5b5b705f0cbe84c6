# int <-> str conversions, bases, hex/oct/bin.
for s in ["0", "42", "-42", "  17 ", "+5", "1000000000000000000000", "-000123"]:
    print(repr(s), int(s))
print(int("ff", 16), int("FF", 16), int("-ff", 16), int("777", 8), int("1010", 2), int("zz", 36))
print(int("0x1f", 16), int("0x1f", 0), int("0o17", 0), int("0b101", 0), int("99", 0))
print(hex(0), hex(255), hex(-255), hex(2 ** 64), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(int(3.9), int(-3.9), int(True), int(10 ** 20))
print(str(123), str(-0), str(2 ** 70), repr(-5))
for bad in ["", "abc", "1.5", "12a", "--1"]:
    try:
        int(bad)
        print("parsed", repr(bad))
    except ValueError:
        print("ValueError for", repr(bad))
print(int("11", 2) + int("11", 3) + int("11", 16))
n = 2 ** 100 + 12345
print(int(str(n)) == n, int(hex(n), 16) == n, int(bin(n), 2) == n, int(oct(n), 8) == n)
print("%d %x %X %o" % (255, 255, 255, 8))
print(len(str(7 ** 77)), str(7 ** 77)[:10])
