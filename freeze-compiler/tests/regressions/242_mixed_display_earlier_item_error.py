# The items before a mixed display's first wrong item are compiled first: their error wins
# ('yield' outside function, line 4) over "expecting key:value for dict".
# opt: 0
x = {1: (yield), 3}
