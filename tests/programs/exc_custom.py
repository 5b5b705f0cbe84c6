# Custom exception classes with extra state, args, str(), hierarchy.
class ValidationError(Exception):
    def __init__(self, field, message):
        super().__init__(field, message)
        self.field = field
        self.message = message
class RangeError(ValidationError):
    def __init__(self, field, lo, hi):
        super().__init__(field, "out of range %d..%d" % (lo, hi))
        self.lo = lo
        self.hi = hi
def validate(rec):
    if "name" not in rec:
        raise ValidationError("name", "missing")
    if not 0 <= rec.get("age", 0) <= 150:
        raise RangeError("age", 0, 150)
    return "ok"
for rec in [{"name": "a", "age": 3}, {"age": 1}, {"name": "b", "age": 200}]:
    try:
        print(validate(rec))
    except RangeError as e:
        print("RangeError", e.field, e.message, e.lo, e.hi, e.args)
    except ValidationError as e:
        print("ValidationError", e.field, e.message, len(e.args))
class Simple(Exception):
    pass
print(str(Simple("one")), str(Simple()), Simple(1, 2).args, Simple("x").args)
print(isinstance(RangeError("f", 1, 2), Exception), issubclass(RangeError, ValidationError))
try:
    raise Simple
except Simple as e:
    print("raised class", e.args)
class WithStr(Exception):
    def __str__(self):
        return "custom str"
print(str(WithStr()), str(ValueError("plain")), str(ValueError(1, 2)))
errors = []
for exc_type in (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError, RuntimeError, NotImplementedError, StopIteration, OSError):
    try:
        raise exc_type("msg")
    except Exception as e:
        errors.append((type(e).__name__, e.args))
print(errors)
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
try:
    raise Exception("a", 1, None)
except Exception as e:
    print(e.args, len(e.args))
