# Sorting with keys (all keys distinct: MicroPython's sort is not stable).
people = [("alice", 31, "nyc"), ("bob", 25, "sf"), ("carol", 35, "la"), ("dave", 28, "nyc"), ("eve", 22, "sf")]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: -p[1]))
print(sorted(people, key=lambda p: (p[2], p[0])))
print(sorted(people, key=lambda p: p[0][-1] + p[0]))
print([p[0] for p in sorted(people, key=lambda p: p[1], reverse=True)])
nums = [5, -3, 2, -8, 7, 0, -1]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, reverse=True), sorted(nums, key=lambda n: (n % 3, n)))
words = ["banana", "Apple", "cherry", "date", "Elder"]
print(sorted(words), sorted(words, key=lambda w: w.lower()), sorted(words, key=len) if len(set(map(len, words))) == len(words) else sorted(words, key=lambda w: (len(w), w)))
l = [3, 1, 2]
l.sort(key=lambda v: -v)
print(l)
l.sort()
print(l)
pts = [(1, 2), (3, 1), (0, 5), (2, 2)]
print(sorted(pts, key=lambda p: p[0] * p[0] + p[1] * p[1] * 10))
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[0]))
class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price
    def __lt__(self, other):
        return self.price < other.price
    def __repr__(self):
        return "%s:%d" % (self.name, self.price)
items = [Item("a", 30), Item("b", 10), Item("c", 20)]
print(sorted(items), sorted(items, reverse=True))
print(sorted("hello world"), "".join(sorted(set("hello world"))))
