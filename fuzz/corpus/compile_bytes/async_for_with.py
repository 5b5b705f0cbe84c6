# async for and async with, with a hand-written loop.
class Tick:
    def __iter__(self):
        yield "tick"
    __await__ = __iter__
class ARange:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        await Tick()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
class AManager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        await Tick()
        print("enter", self.name)
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        await Tick()
        print("exit", self.name, et.__name__ if et else None)
        return self.suppress
async def main():
    total = []
    async for v in ARange(4):
        total.append(v)
    async with AManager("a") as x:
        total.append(x)
    async with AManager("b", True) as y:
        total.append(y)
        raise KeyError("suppressed")
    try:
        async with AManager("c") as z:
            raise ValueError("propagates")
    except ValueError as e:
        total.append(e.args[0])
    async for v in ARange(3):
        if v == 2:
            continue
        total.append(-v)
    else:
        total.append("for-else")
    return total
def run(coro):
    n = 0
    while True:
        try:
            coro.send(None)
            n += 1
        except StopIteration as e:
            return n, e.value
print(run(main()))
