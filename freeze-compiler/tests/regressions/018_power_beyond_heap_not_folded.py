# fixed (cargo-fuzz slow unit): a power far beyond mpy-cross's 2 MiB heap is left for run time, as
# mpy-cross leaves it (its fold raises MemoryError); we used to fold it, slowly (10 Mbit)
# opt: 0
a = 2 * 10 ** 8012 ** 801212 + 345
