# A starred comprehension element: MicroPython parses it and fails compiling the element
# ("*x must be assignment target", in the comprehension, at the line of the `*`: 7); rustpython's
# parser refused it (we said "invalid syntax"). From the corners task.
# opt: 0
x = (

 *a for a in b)
