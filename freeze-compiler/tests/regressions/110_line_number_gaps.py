# rare corner: line-number gaps that need multi-byte line-table entries
x = 1















x += 15
















x += 16































x += 31
































x += 32































































































































x += 127
































































































































x += 128































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































x += 2047
































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































x += 2048








































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































































x += 5000
y = (x +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     1 +
     2)
def f():
    a = 1
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    # c
    return a
