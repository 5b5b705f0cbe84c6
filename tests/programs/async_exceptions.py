# Exceptions and try/finally inside coroutines; awaiting in loops; cancellation via throw().
class Yield:
    def __iter__(self):
        yield None
    __await__ = __iter__
log = []
async def worker(name, n, fail_at=None):
    try:
        for i in range(n):
            await Yield()
            if i == fail_at:
                raise ValueError(name, i)
            log.append("%s%d" % (name, i))
        return name + " ok"
    finally:
        log.append(name + " cleanup")
def run(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return ("result", e.value)
        except Exception as e:
            return ("error", type(e).__name__, e.args)
print(run(worker("a", 2)))
print(run(worker("b", 3, fail_at=1)))
print(log)
log.clear()
async def supervisor():
    results = []
    for name, fail in (("x", None), ("y", 0), ("z", None)):
        try:
            results.append(await worker(name, 2, fail))
        except ValueError as e:
            results.append("failed " + e.args[0])
    return results
print(run(supervisor()), log)
log.clear()
c = worker("c", 10)
c.send(None)
c.send(None)
try:
    c.throw(KeyError("cancelled"))
except KeyError as e:
    print("cancel propagated", e.args)
print(log)
async def retry(times):
    for attempt in range(times):
        try:
            return await worker("r%d" % attempt, 1, fail_at=0 if attempt < 2 else None)
        except ValueError:
            continue
    return "exhausted"
log.clear()
print(run(retry(5)), run(retry(2)))
