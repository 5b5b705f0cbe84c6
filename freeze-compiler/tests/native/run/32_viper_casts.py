import prog
buf = bytearray(8)
print(prog.casts(5, 6), prog.to_obj(-3), prog.as_bool(2), prog.as_bool(-1))
print(prog.none_ret(0), prog.ret_none(), prog.obj_ret([1]))
