# checksum loops over a buffer, as used for packets and flash images
@micropython.viper
def crc8(data: ptr8, n: int) -> int:
    crc = 0
    for i in range(n):
        crc ^= data[i]
        for _ in range(8):
            if crc & 0x80:
                crc = ((crc << 1) ^ 0x31) & 0xFF
            else:
                crc = (crc << 1) & 0xFF
    return crc


@micropython.viper
def fletcher16(data: ptr8, n: int) -> uint:
    a = uint(0)
    b = uint(0)
    i = 0
    while i < n:
        a = a + uint(data[i])
        b = b + a
        i += 1
    return (b << 8) | a


@micropython.viper
def xsum(data: ptr32, n: int) -> uint:
    s = uint(0)
    for i in range(n):
        s ^= uint(data[i])
    return s
