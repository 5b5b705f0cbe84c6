import prog
import uctypes

# a pointer into the middle of a buffer, so that negative and far indices stay inside it
big = bytearray(4 * 300010 + 16)
for i in range(0, len(big), 997):
    big[i] = i & 0xFF
mid = uctypes.addressof(big) + 16
print(prog.load8(mid), prog.load16(mid), prog.load32(mid) & 0xFFFFFFFF)
prog.store8(mid, 0x5A)
prog.store16(mid, 0x1234)
prog.store32(mid, 0x01020304)
print(big[16], big[16 + 31], big[16 + 4096], big[15], big[16 + 2 * 2048], big[16 + 4 * 1024], big[16 - 400])
prog.store_consts(mid, mid + 1000, mid + 2000)
print(big[16 + 12], big[16 + 1000 + 10], big[16 + 2000 + 7], big[16 + 160], big[16 + 2000 + 400])
