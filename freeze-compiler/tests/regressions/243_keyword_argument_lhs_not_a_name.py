# A keyword argument whose left side is not a name: MicroPython parses it and its compiler says
# "LHS of keyword arg must be an id" (line 7); rustpython refused it at the `=`. A parenthesised
# name is a keyword argument to MicroPython (`g((b)=1)` below compiles). Found by the prefix scan
# (a cut between the two `=` of `==` inside a call).
g(a, (b) = 1, (c) = 2 == 3)
f(x,
  y.z = 1)
