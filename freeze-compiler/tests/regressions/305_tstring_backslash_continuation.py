# a backslash continuing a line inside a t-string: MicroPython injects the t-string's text back into its input with the escape as written, so that line end is counted twice (the lines of what follows move down by one each); found by MicroPython's tests/basics/string_tstring_basic.py via scripts/mp-run-tests.sh
x = 1
a = t"First \
second"
b = x
c = t"One\
Two\
Three"
d = x
e = t"{x} \
b"
f = x
g = t"a {x} b \
c {x}"
h = x
i = t"""triple \
quoted
end"""
j = x
k = rt"raw \\"
l = x
