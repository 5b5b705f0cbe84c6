# Unwinding through with-blocks and try/finally by break, continue, return and exceptions.
log = []
class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        log.append("+" + self.tag)
        return self
    def __exit__(self, t, v, tb):
        log.append("-" + self.tag + ("!" if t else ""))
        return False
def run():
    for i in range(4):
        with CM("L%d" % i):
            try:
                with CM("I%d" % i):
                    if i == 0:
                        continue
                    if i == 1:
                        raise ValueError(i)
                    if i == 2:
                        break
            except ValueError:
                log.append("caught")
            finally:
                log.append("fin%d" % i)
    return "done"
print(run(), log)
log.clear()
def ret_through():
    with CM("a"):
        with CM("b"):
            try:
                return "value"
            finally:
                log.append("finally")
print(ret_through(), log)
log.clear()
def gen_with():
    with CM("g"):
        yield 1
        yield 2
for v in gen_with():
    log.append(v)
print(log)
log.clear()
def exc_through():
    try:
        with CM("x"):
            with CM("y"):
                {}["missing"]
    except KeyError:
        log.append("handled")
exc_through()
print(log)
log.clear()
def while_with():
    n = 0
    while True:
        with CM("w%d" % n):
            n += 1
            if n < 3:
                continue
            break
    return n
print(while_with(), log)
