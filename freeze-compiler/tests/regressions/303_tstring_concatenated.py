# a t-string concatenated with another literal is invalid (MicroPython joins t-strings with nothing)
b = 1
x = (t'{b}'
     'c')
