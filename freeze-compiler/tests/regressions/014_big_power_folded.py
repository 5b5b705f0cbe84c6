# pins: the largest power we fold like mpy-cross (32768 bits); see 013
# opt: 0
x = 2 ** 32768
y = -(1 << 32767)
