# A dict display with an item that is not key:value: MicroPython's compiler fails with "expecting
# key:value for dict" at the line of the `{` (6), rustpython's parser at the item (we said 8,
# "invalid syntax"). From the corners task (also "expecting just a value for set").
# opt: 0
x = (
    {1: 2,
     lambda: 3,
     4}
)
