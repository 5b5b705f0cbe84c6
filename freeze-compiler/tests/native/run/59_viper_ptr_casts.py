import prog
print(prog.run())
print(prog.from_memoryview(memoryview(bytearray(b"\x01\x02\x03\x04"))))
