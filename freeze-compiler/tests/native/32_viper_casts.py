# viper casts between objects, int, uint, bool and pointers
@micropython.viper
def casts(obj, n: int) -> uint:
    a = int(obj)
    b = uint(n)
    c = uint(a) + b
    p = ptr8(obj)
    q = ptr32(p)
    return c


@micropython.viper
def to_obj(n: int) -> int:
    x = int(n)
    return x


@micropython.viper
def as_bool(n: int) -> bool:
    return n > 0


@micropython.viper
def none_ret(n: int) -> int:
    if n:
        return None
    return n


@micropython.viper
def ptr_of(buf) -> ptr8:
    return ptr8(buf)


@micropython.viper
def ret_none():
    return None


@micropython.viper
def obj_ret(x: object) -> object:
    return x
