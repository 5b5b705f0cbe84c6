import prog
print(prog.far_native(5, 7), prog.far_native(3, 0))
print(prog.far_viper(5, 7), prog.far_viper(4, 0))
