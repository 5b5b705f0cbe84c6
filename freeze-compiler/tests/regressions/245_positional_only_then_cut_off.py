# A positional-only parameter in a function whose docstring is cut off at the end of the file:
# MicroPython's parser stops at the `/` (line 5); we failed at the unterminated string (6),
# the fold stage's `/` check never reached. Found by the prefix scan over the stdlib (hashlib.py).
# opt: 0
def file_digest(fileobj, digest, /, *, _bufsize=2**18):
    """Hash the contents of a file-like object.

    It accepts 