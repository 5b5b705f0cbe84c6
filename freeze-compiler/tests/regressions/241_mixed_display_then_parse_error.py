# A mixed dict display is a compile error to MicroPython, so a later parse error in the file comes
# first (line 8, the end): the display is handed to the parser in a form it takes and refused after
# parsing (the first version of 233 stopped at the display, line 5). Found by the prefix scan.
# opt: 0
x = {1: 2,
     3}
y = (
