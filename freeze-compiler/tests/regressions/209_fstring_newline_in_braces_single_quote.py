# Was a known difference, fixed (SourceMap phantom lines): newline inside braces of a single-quoted f-string: mpy-cross counts it twice (z, on line 6, is line 7 in its line table), we once (line 6): bytes differ; found by lexer probes (f'{<newline>}' with nothing else: mpy-cross accepts, we reject)
# opt: 0
x = 1
y = f'{x
}'
z = 2
