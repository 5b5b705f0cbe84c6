x = 1


def plain(a):
    return a + x


@micropython.native
def nat(a):
    return plain(a) + x


class C:
    @micropython.native
    def m(self, v):
        self.v = v
        return self
