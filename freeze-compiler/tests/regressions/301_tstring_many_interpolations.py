# t-strings with more interpolations than a call takes (1 + 4n > 255): wrapped in one tuple
b = 1
x = t'{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-'
y = t'{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}{b}'
