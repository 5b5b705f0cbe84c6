# rare corner: unicode identifiers and strings (MicroPython does not NFKC-normalise identifiers)
ñame = 1
变量 = 2
αβγ = 3
_ünï = ñame + 变量
café = 'é€中😀ß'
def π(λx, *, データ=4):
    return λx * データ
print(ñame, 变量, αβγ, _ünï, café, len(café), café.encode(), π(2), '\u00e9' == 'é', '\U0001f600')
