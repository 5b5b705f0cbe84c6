import prog
print(prog.use_helpers(6))
w = bytearray(range(16))
prog.rotate32(w, 4)
print(bytes(w))
print(prog.checked_sum(bytearray(b"\x01\x00\x02\x00"), 2, 100))
