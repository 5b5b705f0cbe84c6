# raise ... from ... (MicroPython ignores the cause, so only the raised exception is checked).
class AppError(Exception):
    pass
def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError("bad number: " + s) from e
for s in ["12", "x1"]:
    try:
        print(convert(s))
    except AppError as e:
        print("AppError", e.args)
def suppress_context():
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("no context") from None
try:
    suppress_context()
except RuntimeError as e:
    print("RuntimeError", e.args)
def cause_instance():
    raise TypeError("t") from ValueError("cause")
try:
    cause_instance()
except TypeError as e:
    print("TypeError", e.args)
