import prog
print(prog.with_list(3))
class O(dict):
    pass
o = O()
prog.store_obj(o, 2)
print(o.value, o.flag, sorted(o.items()))
print(prog.limited(5), prog.limited(50))
prog.global_store(3)
print(prog.LIMIT, prog.limited(50), prog.strs())
