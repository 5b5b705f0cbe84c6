# rare corner: async def, await, async for, async with, an async generator definition
class AIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class ACM:
    async def __aenter__(self):
        return 1
    async def __aexit__(self, t, v, tb):
        return False
async def val(x):
    return x
async def co(a):
    t = 0
    async for v in AIter(3):
        if v == 2:
            continue
        t += v
    async with ACM() as w, ACM():
        t += w
    t += await val(a)
    try:
        await val(1)
    finally:
        t += 1
    return t
async def agen():
    yield 1
def run(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value
print(run(co(5)))
