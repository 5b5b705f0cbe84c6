# `as` inside brackets outside `from m import (...)` (here a parenthesised with-item) at the
# end of a file: MicroPython's parser stops at the `as` (line 5), before the missing block
# (we said 6, the end). Found by the prefix scan of issue 16.
# opt: 0
with (a as b, c as d):
