class Shape:
    kind = "shape"

    def area(self):
        raise NotImplementedError

    def describe(self):
        return "%s with area %d" % (self.kind, int(self.area()))


def total_area(shapes):
    return sum(s.area() for s in shapes)
