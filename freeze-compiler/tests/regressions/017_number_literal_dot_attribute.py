# was a difference, now fixed: a float/complex/hex literal followed by .attr: mpy-cross rejects ("invalid syntax for number",
# line 3: its lexer takes the dot into the number); we accept. Also 1e5.real, 1.0.real, 0x1.real. Found by fuzz-diff (hypothesmith, seed 51)
x = 1j.real
