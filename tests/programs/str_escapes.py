# String literal forms: escapes, raw strings, triple quotes, implicit concatenation.
print("tab:\there", "nl:[\n]", "quote:\" '", 'single:\' "')
print("backslash: \\", "hex: \x41\x62", "octal: \101\102\7", "null:" + "\0" + "|")
print(len("\x00\x01\x7f"), ord("\x7f"), ord("\0"))
print(r"raw \n \t \\", r"raw2 \x41", len(r"\n"), rb"\x00", br"\n")
print("""triple
quoted "with" 'quotes'
lines""")
print('''single triple ''' + """x""")
print("implicit" " concat" ' of' """ literals""")
s = ("a long string "
     "split over "
     "lines")
print(s)
print("line continues \
here")
print(u"unicode prefix", "\u0041\u00e9\u4e2d", "\U0001F600" == "\U0001f600", len("\U0001F600"))
print("a\rb" == "a\x0db", "\a\b\f\v" == "\x07\x08\x0c\x0b")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\\"))
print(repr("\x01\x1f\x7f"), repr(""), repr("a\x00b"))
print(b"bytes \x00\xff\n", rb"raw\x00", br"\n")
