import prog
buf = bytearray(b"\x01\x02\x03\x04")
print(prog.misc(buf, [1, 2, 3]), buf)
print(prog.helper(5, 7), prog.flags(3, 1), prog.flags(0, 0), prog.flags(0, 5))
print(prog.ptr_arith(b"\x01\x02\x03\x04\x05", 1))
class A(list):
    def __add__(self, o):
        return len(self) + o
a = A([1, 2, 3])
print(prog.pure_obj(a, 1), a)
