# Inheritance, overriding, super(), isinstance/issubclass.
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "%s says %s" % (self.name, self.sound)
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def kind(self):
        return "dog/" + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " (age %d)" % self.age
    def kind(self):
        return "puppy/" + super(Puppy, self).kind()
class Cat(Animal):
    sound = "meow"
for a in [Animal("generic"), Dog("rex"), Puppy("bit", 1), Cat("tom")]:
    print(a.speak(), "|", a.kind(), "|", type(a).__name__)
p = Puppy("x", 2)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print(issubclass(Puppy, Animal), issubclass(Cat, Dog), issubclass(Dog, Dog), issubclass(Dog, object))
print(isinstance(p, (Cat, Dog)))
class Base:
    def __init__(self):
        self.log = ["Base"]
    def template(self):
        return [self.step1(), self.step2()]
    def step1(self):
        return "base1"
    def step2(self):
        return "base2"
class Derived(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Derived")
    def step2(self):
        return "derived2"
d = Derived()
print(d.log, d.template())
class A:
    def who(self):
        return "A"
class B(A):
    pass
class C(B):
    def who(self):
        return "C>" + super().who()
print(C().who(), B().who())
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml.total(), len(ml), ml[0], isinstance(ml, list))
class MyDict(dict):
    def get2(self, k):
        return self.get(k, "missing")
md = MyDict(a=1)
print(md.get2("a"), md.get2("b"))
