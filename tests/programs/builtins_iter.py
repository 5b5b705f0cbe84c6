# Iteration built-ins: enumerate, zip, map, filter, reversed, sorted, iter, next.
words = ["kiwi", "fig", "banana", "apple"]
print(list(enumerate(words)), list(enumerate(words, 10)))
print(list(zip(words, range(4), "abcd")), list(zip()), list(zip([1, 2], [])))
print(list(map(len, words)), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(filter(lambda w: "a" in w, words)), list(filter(None, [0, 1, "", "x", [], [0]])))
print(list(reversed(words)), list(reversed(range(4))), list(reversed((1, 2, 3))))
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w[-1]), sorted(words, reverse=True))
it = iter(words)
print(next(it), next(it), list(it), next(it, None))
print(sum(range(10)), sum([1.5, 2.5]), sum([[1], [2]], []), sum((), 100))
print(min(words), max(words), min(words, key=len), max(words, key=len), min(4, 2, 8), max([0], default=9) if False else max(3, 9))
print(any([]), all([]), any(w.startswith("b") for w in words), all(len(w) > 2 for w in words))
pairs = list(zip(*[(1, "a"), (2, "b"), (3, "c")]))
print(pairs)
print(dict(zip("abc", range(3))) == {"a": 0, "b": 1, "c": 2})
m = map(str, range(3))
print(next(m), list(m))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(5)), sum(Countdown(4)), sorted(Countdown(3)))
print(list(enumerate(zip("ab", "cd"))))
