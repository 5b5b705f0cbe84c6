# async def / await driven by a tiny hand-written event loop (no asyncio).
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __iter__(self):
        for _ in range(self.ticks):
            yield "tick"
        return self.ticks
    __await__ = __iter__
async def compute(name, n):
    total = 0
    for i in range(n):
        slept = await Sleep(1)
        total += i * slept
    return name, total
async def main():
    a = await compute("a", 3)
    b = await compute("b", 4)
    return [a, b]
def run(coro):
    steps = 0
    while True:
        try:
            coro.send(None)
            steps += 1
        except StopIteration as e:
            return steps, e.value
print(run(main()))
def run_all(coros):
    results = {}
    queue = [(i, c) for i, c in enumerate(coros)]
    order = []
    while queue:
        i, c = queue.pop(0)
        try:
            c.send(None)
            order.append(i)
            queue.append((i, c))
        except StopIteration as e:
            results[i] = e.value
    return order, [results[i] for i in sorted(results)]
print(run_all([compute("x", 2), compute("y", 3), compute("z", 1)]))
async def add(a, b):
    return a + b
async def chain():
    x = await add(1, 2)
    y = await add(x, 10)
    return await add(x, y)
print(run(chain()))
async def raises():
    await Sleep(1)
    raise ValueError("async boom")
async def catcher():
    try:
        await raises()
    except ValueError as e:
        return "caught " + e.args[0]
print(run(catcher()))
async def nested_def():
    async def inner(v):
        await Sleep(2)
        return v * 2
    return [await inner(1), await inner(2)]
print(run(nested_def()))
co = add(1, 1)
print(type(co).__name__ in ("coroutine", "generator"))
co.close()
