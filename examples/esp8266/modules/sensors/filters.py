class MovingAverage:
    """Average of the last `size` samples."""

    def __init__(self, size):
        self.size = size
        self.items = []

    def add(self, x):
        self.items.append(x)
        if len(self.items) > self.size:
            self.items.pop(0)

    def value(self):
        if not self.items:
            return 0
        return sum(self.items) // len(self.items)
