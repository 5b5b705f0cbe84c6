# An f-string whose field runs (as MicroPython's lexer reads it, quotes and braces included)
# over the next line and fails before that newline: the error is on the line where the fields
# are injected (6), not one further (we said 7, past the end). From the corners task.
# opt: 0
f"{'{'}"
f"{']'}"
