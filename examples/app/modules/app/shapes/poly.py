from .base import Shape


class Rect(Shape):
    kind = "rect"

    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    kind = "square"

    def __init__(self, side):
        super().__init__(side, side)

    def describe(self):
        return super().describe() + " (side %d)" % self.w
