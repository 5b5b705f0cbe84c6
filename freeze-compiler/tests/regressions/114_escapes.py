# rare corner: every string and bytes escape, raw strings, line continuations in literals
s = ['\n\t\\\'\"\a\b\f\v\r\0', '\x00\x7f\xff\xe9', '\u00e9\u20ac\uffff', '\U0001f600\U00010000', '\01\101\377\7']
s2 = ['\d\w\ ', '\q', r'\n\d', r'\x', r'\'', '''a
b''', '''x\
y''', 'ab\
cd', 'a' "b" '''c''' r'\d']
b = [b'\n\t\\\'\"\a\b\f\v\r\0', b'\x00\x7f\xff\x80', b'\01\101\377', b'\u1234\U00012345', rb'\x00\n', br'\d']
print(s, s2, b, len(s[0]), len(b[0]))
