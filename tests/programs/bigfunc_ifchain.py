# One function whose bytecode is larger than 4096 bytes: a long if/elif chain,
# so forward jumps to the end and the loop's backward jump need long encodings.
def classify(n, k):
    acc = 0
    t = [1, 2, 3, 4, 5]
    if n == 0: acc = k * 0 + t[0] - (k ^ 0); acc += len('a'); t[1] = acc % 3
    elif n == 1: acc = k * 1 + t[1] - (k ^ 7); acc += len('bb'); t[2] = acc % 4
    elif n == 2: acc = k * 2 + t[2] - (k ^ 14); acc += len('ccc'); t[3] = acc % 5
    elif n == 3: acc = k * 3 + t[3] - (k ^ 21); acc += len('dddd'); t[4] = acc % 6
    elif n == 4: acc = k * 4 + t[4] - (k ^ 28); acc += len('e'); t[0] = acc % 7
    elif n == 5: acc = k * 5 + t[0] - (k ^ 35); acc += len('ff'); t[1] = acc % 8
    elif n == 6: acc = k * 6 + t[1] - (k ^ 42); acc += len('ggg'); t[2] = acc % 9
    elif n == 7: acc = k * 7 + t[2] - (k ^ 49); acc += len('hhhh'); t[3] = acc % 10
    elif n == 8: acc = k * 8 + t[3] - (k ^ 56); acc += len('i'); t[4] = acc % 11
    elif n == 9: acc = k * 9 + t[4] - (k ^ 63); acc += len('jj'); t[0] = acc % 12
    elif n == 10: acc = k * 10 + t[0] - (k ^ 70); acc += len('kkk'); t[1] = acc % 13
    elif n == 11: acc = k * 11 + t[1] - (k ^ 77); acc += len('llll'); t[2] = acc % 14
    elif n == 12: acc = k * 12 + t[2] - (k ^ 84); acc += len('m'); t[3] = acc % 15
    elif n == 13: acc = k * 13 + t[3] - (k ^ 91); acc += len('nn'); t[4] = acc % 16
    elif n == 14: acc = k * 14 + t[4] - (k ^ 98); acc += len('ooo'); t[0] = acc % 17
    elif n == 15: acc = k * 15 + t[0] - (k ^ 105); acc += len('pppp'); t[1] = acc % 18
    elif n == 16: acc = k * 16 + t[1] - (k ^ 112); acc += len('q'); t[2] = acc % 19
    elif n == 17: acc = k * 17 + t[2] - (k ^ 119); acc += len('rr'); t[3] = acc % 20
    elif n == 18: acc = k * 18 + t[3] - (k ^ 126); acc += len('sss'); t[4] = acc % 21
    elif n == 19: acc = k * 19 + t[4] - (k ^ 133); acc += len('tttt'); t[0] = acc % 22
    elif n == 20: acc = k * 20 + t[0] - (k ^ 140); acc += len('u'); t[1] = acc % 23
    elif n == 21: acc = k * 21 + t[1] - (k ^ 147); acc += len('vv'); t[2] = acc % 24
    elif n == 22: acc = k * 22 + t[2] - (k ^ 154); acc += len('www'); t[3] = acc % 25
    elif n == 23: acc = k * 23 + t[3] - (k ^ 161); acc += len('xxxx'); t[4] = acc % 26
    elif n == 24: acc = k * 24 + t[4] - (k ^ 168); acc += len('y'); t[0] = acc % 27
    elif n == 25: acc = k * 25 + t[0] - (k ^ 175); acc += len('zz'); t[1] = acc % 28
    elif n == 26: acc = k * 26 + t[1] - (k ^ 182); acc += len('aaa'); t[2] = acc % 29
    elif n == 27: acc = k * 27 + t[2] - (k ^ 189); acc += len('bbbb'); t[3] = acc % 30
    elif n == 28: acc = k * 28 + t[3] - (k ^ 196); acc += len('c'); t[4] = acc % 31
    elif n == 29: acc = k * 29 + t[4] - (k ^ 203); acc += len('dd'); t[0] = acc % 32
    elif n == 30: acc = k * 30 + t[0] - (k ^ 210); acc += len('eee'); t[1] = acc % 33
    elif n == 31: acc = k * 31 + t[1] - (k ^ 217); acc += len('ffff'); t[2] = acc % 34
    elif n == 32: acc = k * 32 + t[2] - (k ^ 224); acc += len('g'); t[3] = acc % 35
    elif n == 33: acc = k * 33 + t[3] - (k ^ 231); acc += len('hh'); t[4] = acc % 36
    elif n == 34: acc = k * 34 + t[4] - (k ^ 238); acc += len('iii'); t[0] = acc % 37
    elif n == 35: acc = k * 35 + t[0] - (k ^ 245); acc += len('jjjj'); t[1] = acc % 38
    elif n == 36: acc = k * 36 + t[1] - (k ^ 252); acc += len('k'); t[2] = acc % 39
    elif n == 37: acc = k * 37 + t[2] - (k ^ 259); acc += len('ll'); t[3] = acc % 40
    elif n == 38: acc = k * 38 + t[3] - (k ^ 266); acc += len('mmm'); t[4] = acc % 41
    elif n == 39: acc = k * 39 + t[4] - (k ^ 273); acc += len('nnnn'); t[0] = acc % 42
    elif n == 40: acc = k * 40 + t[0] - (k ^ 280); acc += len('o'); t[1] = acc % 43
    elif n == 41: acc = k * 41 + t[1] - (k ^ 287); acc += len('pp'); t[2] = acc % 44
    elif n == 42: acc = k * 42 + t[2] - (k ^ 294); acc += len('qqq'); t[3] = acc % 45
    elif n == 43: acc = k * 43 + t[3] - (k ^ 301); acc += len('rrrr'); t[4] = acc % 46
    elif n == 44: acc = k * 44 + t[4] - (k ^ 308); acc += len('s'); t[0] = acc % 47
    elif n == 45: acc = k * 45 + t[0] - (k ^ 315); acc += len('tt'); t[1] = acc % 48
    elif n == 46: acc = k * 46 + t[1] - (k ^ 322); acc += len('uuu'); t[2] = acc % 49
    elif n == 47: acc = k * 47 + t[2] - (k ^ 329); acc += len('vvvv'); t[3] = acc % 50
    elif n == 48: acc = k * 48 + t[3] - (k ^ 336); acc += len('w'); t[4] = acc % 51
    elif n == 49: acc = k * 49 + t[4] - (k ^ 343); acc += len('xx'); t[0] = acc % 52
    elif n == 50: acc = k * 50 + t[0] - (k ^ 350); acc += len('yyy'); t[1] = acc % 53
    elif n == 51: acc = k * 51 + t[1] - (k ^ 357); acc += len('zzzz'); t[2] = acc % 54
    elif n == 52: acc = k * 52 + t[2] - (k ^ 364); acc += len('a'); t[3] = acc % 55
    elif n == 53: acc = k * 53 + t[3] - (k ^ 371); acc += len('bb'); t[4] = acc % 56
    elif n == 54: acc = k * 54 + t[4] - (k ^ 378); acc += len('ccc'); t[0] = acc % 57
    elif n == 55: acc = k * 55 + t[0] - (k ^ 385); acc += len('dddd'); t[1] = acc % 58
    elif n == 56: acc = k * 56 + t[1] - (k ^ 392); acc += len('e'); t[2] = acc % 59
    elif n == 57: acc = k * 57 + t[2] - (k ^ 399); acc += len('ff'); t[3] = acc % 60
    elif n == 58: acc = k * 58 + t[3] - (k ^ 406); acc += len('ggg'); t[4] = acc % 61
    elif n == 59: acc = k * 59 + t[4] - (k ^ 413); acc += len('hhhh'); t[0] = acc % 62
    elif n == 60: acc = k * 60 + t[0] - (k ^ 420); acc += len('i'); t[1] = acc % 63
    elif n == 61: acc = k * 61 + t[1] - (k ^ 427); acc += len('jj'); t[2] = acc % 64
    elif n == 62: acc = k * 62 + t[2] - (k ^ 434); acc += len('kkk'); t[3] = acc % 65
    elif n == 63: acc = k * 63 + t[3] - (k ^ 441); acc += len('llll'); t[4] = acc % 66
    elif n == 64: acc = k * 64 + t[4] - (k ^ 448); acc += len('m'); t[0] = acc % 67
    elif n == 65: acc = k * 65 + t[0] - (k ^ 455); acc += len('nn'); t[1] = acc % 68
    elif n == 66: acc = k * 66 + t[1] - (k ^ 462); acc += len('ooo'); t[2] = acc % 69
    elif n == 67: acc = k * 67 + t[2] - (k ^ 469); acc += len('pppp'); t[3] = acc % 70
    elif n == 68: acc = k * 68 + t[3] - (k ^ 476); acc += len('q'); t[4] = acc % 71
    elif n == 69: acc = k * 69 + t[4] - (k ^ 483); acc += len('rr'); t[0] = acc % 72
    elif n == 70: acc = k * 70 + t[0] - (k ^ 490); acc += len('sss'); t[1] = acc % 73
    elif n == 71: acc = k * 71 + t[1] - (k ^ 497); acc += len('tttt'); t[2] = acc % 74
    elif n == 72: acc = k * 72 + t[2] - (k ^ 504); acc += len('u'); t[3] = acc % 75
    elif n == 73: acc = k * 73 + t[3] - (k ^ 511); acc += len('vv'); t[4] = acc % 76
    elif n == 74: acc = k * 74 + t[4] - (k ^ 518); acc += len('www'); t[0] = acc % 77
    elif n == 75: acc = k * 75 + t[0] - (k ^ 525); acc += len('xxxx'); t[1] = acc % 78
    elif n == 76: acc = k * 76 + t[1] - (k ^ 532); acc += len('y'); t[2] = acc % 79
    elif n == 77: acc = k * 77 + t[2] - (k ^ 539); acc += len('zz'); t[3] = acc % 80
    elif n == 78: acc = k * 78 + t[3] - (k ^ 546); acc += len('aaa'); t[4] = acc % 81
    elif n == 79: acc = k * 79 + t[4] - (k ^ 553); acc += len('bbbb'); t[0] = acc % 82
    elif n == 80: acc = k * 80 + t[0] - (k ^ 560); acc += len('c'); t[1] = acc % 83
    elif n == 81: acc = k * 81 + t[1] - (k ^ 567); acc += len('dd'); t[2] = acc % 84
    elif n == 82: acc = k * 82 + t[2] - (k ^ 574); acc += len('eee'); t[3] = acc % 85
    elif n == 83: acc = k * 83 + t[3] - (k ^ 581); acc += len('ffff'); t[4] = acc % 86
    elif n == 84: acc = k * 84 + t[4] - (k ^ 588); acc += len('g'); t[0] = acc % 87
    elif n == 85: acc = k * 85 + t[0] - (k ^ 595); acc += len('hh'); t[1] = acc % 88
    elif n == 86: acc = k * 86 + t[1] - (k ^ 602); acc += len('iii'); t[2] = acc % 89
    elif n == 87: acc = k * 87 + t[2] - (k ^ 609); acc += len('jjjj'); t[3] = acc % 90
    elif n == 88: acc = k * 88 + t[3] - (k ^ 616); acc += len('k'); t[4] = acc % 91
    elif n == 89: acc = k * 89 + t[4] - (k ^ 623); acc += len('ll'); t[0] = acc % 92
    elif n == 90: acc = k * 90 + t[0] - (k ^ 630); acc += len('mmm'); t[1] = acc % 93
    elif n == 91: acc = k * 91 + t[1] - (k ^ 637); acc += len('nnnn'); t[2] = acc % 94
    elif n == 92: acc = k * 92 + t[2] - (k ^ 644); acc += len('o'); t[3] = acc % 95
    elif n == 93: acc = k * 93 + t[3] - (k ^ 651); acc += len('pp'); t[4] = acc % 96
    elif n == 94: acc = k * 94 + t[4] - (k ^ 658); acc += len('qqq'); t[0] = acc % 97
    elif n == 95: acc = k * 95 + t[0] - (k ^ 665); acc += len('rrrr'); t[1] = acc % 98
    elif n == 96: acc = k * 96 + t[1] - (k ^ 672); acc += len('s'); t[2] = acc % 99
    elif n == 97: acc = k * 97 + t[2] - (k ^ 679); acc += len('tt'); t[3] = acc % 100
    elif n == 98: acc = k * 98 + t[3] - (k ^ 686); acc += len('uuu'); t[4] = acc % 101
    elif n == 99: acc = k * 99 + t[4] - (k ^ 693); acc += len('vvvv'); t[0] = acc % 102
    elif n == 100: acc = k * 100 + t[0] - (k ^ 700); acc += len('w'); t[1] = acc % 103
    elif n == 101: acc = k * 101 + t[1] - (k ^ 707); acc += len('xx'); t[2] = acc % 104
    elif n == 102: acc = k * 102 + t[2] - (k ^ 714); acc += len('yyy'); t[3] = acc % 105
    elif n == 103: acc = k * 103 + t[3] - (k ^ 721); acc += len('zzzz'); t[4] = acc % 106
    elif n == 104: acc = k * 104 + t[4] - (k ^ 728); acc += len('a'); t[0] = acc % 107
    elif n == 105: acc = k * 105 + t[0] - (k ^ 735); acc += len('bb'); t[1] = acc % 108
    elif n == 106: acc = k * 106 + t[1] - (k ^ 742); acc += len('ccc'); t[2] = acc % 109
    elif n == 107: acc = k * 107 + t[2] - (k ^ 749); acc += len('dddd'); t[3] = acc % 110
    elif n == 108: acc = k * 108 + t[3] - (k ^ 756); acc += len('e'); t[4] = acc % 111
    elif n == 109: acc = k * 109 + t[4] - (k ^ 763); acc += len('ff'); t[0] = acc % 112
    elif n == 110: acc = k * 110 + t[0] - (k ^ 770); acc += len('ggg'); t[1] = acc % 113
    elif n == 111: acc = k * 111 + t[1] - (k ^ 777); acc += len('hhhh'); t[2] = acc % 114
    elif n == 112: acc = k * 112 + t[2] - (k ^ 784); acc += len('i'); t[3] = acc % 115
    elif n == 113: acc = k * 113 + t[3] - (k ^ 791); acc += len('jj'); t[4] = acc % 116
    elif n == 114: acc = k * 114 + t[4] - (k ^ 798); acc += len('kkk'); t[0] = acc % 117
    elif n == 115: acc = k * 115 + t[0] - (k ^ 805); acc += len('llll'); t[1] = acc % 118
    elif n == 116: acc = k * 116 + t[1] - (k ^ 812); acc += len('m'); t[2] = acc % 119
    elif n == 117: acc = k * 117 + t[2] - (k ^ 819); acc += len('nn'); t[3] = acc % 120
    elif n == 118: acc = k * 118 + t[3] - (k ^ 826); acc += len('ooo'); t[4] = acc % 121
    elif n == 119: acc = k * 119 + t[4] - (k ^ 833); acc += len('pppp'); t[0] = acc % 122
    else: acc = -1
    return acc, t[0] + t[1] + t[2] + t[3] + t[4]
print([classify(n, 3) for n in range(0, 125, 7)])
total = 0
for n in range(125):
    a, b = classify(n, n + 1)
    total += a * 3 + b
print(total)
