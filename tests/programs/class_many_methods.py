# A class with many methods and attributes (large class body, many qstrs in one scope).
class Big:
    attr_0 = 0
    attr_1 = 3
    attr_2 = 6
    attr_3 = 9
    attr_4 = 12
    attr_5 = 15
    attr_6 = 18
    attr_7 = 21
    attr_8 = 24
    attr_9 = 27
    attr_10 = 30
    attr_11 = 33
    attr_12 = 36
    attr_13 = 39
    attr_14 = 42
    attr_15 = 45
    attr_16 = 48
    attr_17 = 51
    attr_18 = 54
    attr_19 = 57
    attr_20 = 60
    attr_21 = 63
    attr_22 = 66
    attr_23 = 69
    attr_24 = 72
    attr_25 = 75
    attr_26 = 78
    attr_27 = 81
    attr_28 = 84
    attr_29 = 87
    attr_30 = 90
    attr_31 = 93
    attr_32 = 96
    attr_33 = 99
    attr_34 = 102
    attr_35 = 105
    attr_36 = 108
    attr_37 = 111
    attr_38 = 114
    attr_39 = 117
    def m0(self, x): return x + self.attr_0 - 0
    def m1(self, x): return x + self.attr_1 - 1
    def m2(self, x): return x + self.attr_2 - 2
    def m3(self, x): return x + self.attr_3 - 3
    def m4(self, x): return x + self.attr_4 - 4
    def m5(self, x): return x + self.attr_5 - 5
    def m6(self, x): return x + self.attr_6 - 6
    def m7(self, x): return x + self.attr_7 - 7
    def m8(self, x): return x + self.attr_8 - 8
    def m9(self, x): return x + self.attr_9 - 9
    def m10(self, x): return x + self.attr_10 - 10
    def m11(self, x): return x + self.attr_11 - 11
    def m12(self, x): return x + self.attr_12 - 12
    def m13(self, x): return x + self.attr_13 - 13
    def m14(self, x): return x + self.attr_14 - 14
    def m15(self, x): return x + self.attr_15 - 15
    def m16(self, x): return x + self.attr_16 - 16
    def m17(self, x): return x + self.attr_17 - 17
    def m18(self, x): return x + self.attr_18 - 18
    def m19(self, x): return x + self.attr_19 - 19
    def m20(self, x): return x + self.attr_20 - 20
    def m21(self, x): return x + self.attr_21 - 21
    def m22(self, x): return x + self.attr_22 - 22
    def m23(self, x): return x + self.attr_23 - 23
    def m24(self, x): return x + self.attr_24 - 24
    def m25(self, x): return x + self.attr_25 - 25
    def m26(self, x): return x + self.attr_26 - 26
    def m27(self, x): return x + self.attr_27 - 27
    def m28(self, x): return x + self.attr_28 - 28
    def m29(self, x): return x + self.attr_29 - 29
    def m30(self, x): return x + self.attr_30 - 30
    def m31(self, x): return x + self.attr_31 - 31
    def m32(self, x): return x + self.attr_32 - 32
    def m33(self, x): return x + self.attr_33 - 33
    def m34(self, x): return x + self.attr_34 - 34
    def m35(self, x): return x + self.attr_35 - 35
    def m36(self, x): return x + self.attr_36 - 36
    def m37(self, x): return x + self.attr_37 - 37
    def m38(self, x): return x + self.attr_38 - 38
    def m39(self, x): return x + self.attr_39 - 39
b = Big()
print([getattr(b, 'm%d' % i)(1) for i in range(40)])
print(sum(getattr(Big, 'attr_%d' % i) for i in range(40)))
