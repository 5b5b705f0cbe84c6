# Lists used as stacks/queues/buffers; list mutation during algorithms.
def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in "+-*/":
            b = stack.pop()
            a = stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            elif tok == "*":
                stack.append(a * b)
            else:
                stack.append(a // b)
        else:
            stack.append(int(tok))
    return stack.pop()
print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("2 100 ** 1 -".replace("**", "*")))
def josephus(n, k):
    people = list(range(1, n + 1))
    order = []
    idx = 0
    while people:
        idx = (idx + k - 1) % len(people)
        order.append(people.pop(idx))
    return order
print(josephus(7, 3), josephus(10, 2)[-1])
ring = [0] * 5
head = 0
for v in range(12):
    ring[head] = v
    head = (head + 1) % len(ring)
print(ring, head)
undo = []
doc = []
for action in ["add a", "add b", "undo", "add c", "add d", "undo", "undo", "add e"]:
    if action == "undo":
        if undo:
            doc.pop()
            undo.pop()
    else:
        item = action.split()[1]
        doc.append(item)
        undo.append(item)
print(doc)
def dedupe_in_place(lst):
    i = 0
    while i < len(lst):
        if lst[i] in lst[:i]:
            del lst[i]
        else:
            i += 1
    return lst
print(dedupe_in_place([3, 1, 3, 2, 1, 4, 2]))
def chunks(lst, n):
    return [lst[i:i + n] for i in range(0, len(lst), n)]
print(chunks(list(range(10)), 4))
matrix = [[0] * 4 for _ in range(3)]
for r in range(3):
    for c in range(4):
        matrix[r][c] = r * c
matrix.append(matrix.pop(0))
print(matrix)
