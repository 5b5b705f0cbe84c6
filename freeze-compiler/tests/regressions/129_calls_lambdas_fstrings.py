# rare corner: star-args calls, kw-only lambdas with defaults, f-strings with nested specs and conversions
def k(p, q=2, *r, s, t=4, **u):
    return p, q, r, s, t, sorted(u.items())
f = lambda a, b=2, *args, c, d='d', **kw: (a, b, args, c, d, sorted(kw))
g = lambda *, k=1: k * 2
args = (1, 2, 3)
kw = {'z': 1, 'y': 2}
print(f(1, c=2), f(*args, c=0), f(0, *args, c=1, **kw), f(*[1, 2], *args, c=3, d=4, **kw, w=9), g(), g(k=5))
print(k(1, s=2), k(*range(4), s=0, **kw), k(p=1, s=2, t=3), k(1, 2, 3, s=1, **{'v': 2}), max(*args, 0))
a, b, w = 42, 'str', 7
print(f'{a!r:>{w}}|{b!s:^{w + 2}}|{a:{w}d}|{a:0{w}}|{{}}|{b!r}|{a:x}' f'{a}' 'plain' f'{3.5:.2f}')
print(f"{'nested'}{a:{'>'}{3}}", f'{a=}', f'''{a}
{b}''', rf'\d{a}', f'{a:#x}{a:+d}{a:*^9}')
