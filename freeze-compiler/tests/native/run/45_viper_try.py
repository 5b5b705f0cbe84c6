import prog
# (viper // by zero is a C division in MicroPython: SIGFPE, not ZeroDivisionError)
print(prog.safe_div(7, 2), prog.safe_div(-7, 2))
d = bytearray(4)
print(prog.copy_checked(d, b"wxyz", 4), d)
