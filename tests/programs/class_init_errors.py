# Exceptions raised from __init__, methods and properties; partially built objects.
class Account:
    def __init__(self, owner, balance=0):
        if not owner:
            raise ValueError("owner required")
        if balance < 0:
            raise ValueError("negative balance")
        self.owner = owner
        self.balance = balance
    def withdraw(self, amt):
        if amt > self.balance:
            raise RuntimeError("insufficient funds", self.balance, amt)
        self.balance -= amt
        return self.balance
    @property
    def status(self):
        if self.balance == 0:
            raise AttributeError("empty")
        return "ok"
for args in [("ann", 10), ("", 5), ("bob", -1)]:
    try:
        a = Account(*args)
        print("created", a.owner, a.balance)
    except ValueError as e:
        print("ValueError", e.args)
acct = Account("cy", 50)
print(acct.withdraw(20))
try:
    acct.withdraw(100)
except RuntimeError as e:
    print("RuntimeError", e.args)
print(acct.status, hasattr(acct, "status"))
acct.withdraw(30)
try:
    acct.status
except AttributeError as e:
    print("AttributeError", e.args)
class Base:
    def __init__(self):
        self.ready = True
class Child(Base):
    def __init__(self, fail):
        if fail:
            raise KeyError("child")
        super().__init__()
try:
    Child(True)
except KeyError as e:
    print("KeyError", e.args)
print(Child(False).ready)
class Strict:
    def __init__(self, **kw):
        for k in sorted(kw):
            if k not in ("a", "b"):
                raise TypeError("unexpected " + k)
            setattr(self, k, kw[k])
try:
    Strict(a=1, z=2)
except TypeError as e:
    print("TypeError", e.args)
s = Strict(b=2)
print(s.b, hasattr(s, "a"))
