# Was a known difference, fixed (SourceMap phantom lines): newline inside f-string braces: mpy-cross counts it twice (z, on line 6, is line 7 in its line table), we count it once (line 6): bytes differ; found by lexer probes
# opt: 0
x = 1
y = f'''{x
}'''
z = 2
