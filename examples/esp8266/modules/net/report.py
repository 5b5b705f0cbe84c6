UNITS = {"t0": "cC", "t1": "cC"}


def format_line(name, value):
    unit = UNITS.get(name, "?")
    sign = "-" if value < 0 else ""
    value = abs(value)
    return f"{name}: {sign}{value // 100}.{value % 100:02d} {unit}"
