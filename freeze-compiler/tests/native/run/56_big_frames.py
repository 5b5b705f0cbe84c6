import prog
print(prog.many(3), prog.many_viper(4))
