# rare corner: return/break/continue inside finally, with and except, unwinding many blocks
def f(n):
    log = []
    for i in range(n):
        try:
            try:
                if i == 2:
                    continue
                if i == 4:
                    break
                log.append(i)
            finally:
                log.append('f')
                if i == 3:
                    continue
        except Exception:
            pass
        finally:
            log.append('g')
            if i == 5:
                break
    while True:
        try:
            with open_cm() as c:
                for j in range(3):
                    try:
                        return log + [j]
                    finally:
                        log.append(j)
        finally:
            break
    try:
        return log
    finally:
        return log[:3]
class open_cm:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
def g():
    for i in range(3):
        try:
            pass
        finally:
            continue
    try:
        raise ValueError
    except ValueError as e:
        return 'e'
    finally:
        print('fin')
print(f(7), g())
