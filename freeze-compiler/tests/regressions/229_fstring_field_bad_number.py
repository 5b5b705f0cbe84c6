# An f-string field holding a number MicroPython cannot convert: its parser fails there with the
# number's message (line 5); we compiled it (the field's bad-number error was never looked at).
# From the corners task (also f'{0x}').
# opt: 0
x = f'{9a}'
