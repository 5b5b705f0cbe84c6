# Dict values that are lambdas of several parameters: the commas before a lambda's `:` are not
# item separators (the dict/set item check of 233 took them for such and said "expecting
# key:value for dict"; found by the stdlib conformance test, test_print.py).
dispatch = {
    (False, False): lambda args, sep: print(*args),
    (False, True): lambda args, sep=lambda a, b: 0: print(*args, sep=sep),
    1: lambda: 0, 2: 3,
}
s = {lambda a, b: 0, 2}
