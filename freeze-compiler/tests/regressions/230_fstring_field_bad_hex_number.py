# An f-string field ending in 0x: MicroPython's integer-syntax error for base 16, at the line of the token after the string (5), where MicroPython injects the fields.
# opt: 0
y = 1
x = (f'{y}'
  f'{0x}')
