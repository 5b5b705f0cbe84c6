# a newline inside a t-string expression: MicroPython copies it into a one-line string literal, which fails
b = 1
x = t'''a
{b
 + 1}
c'''
y = 2
