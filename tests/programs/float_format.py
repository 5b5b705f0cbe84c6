# Formatting floats with explicit precision (values chosen away from rounding ties).
vals = [0.0, 1.5, -2.25, 3.0, 100.5, 0.75, 12345.6789, -0.75]
for v in vals:
    print("%.2f|%8.3f|%-8.4f|%+.5f" % (v, v, v, v))
for v in vals:
    print("{:.3f} {:10.4f} {:<10.5f}| {:e}".format(v, v, v, v))
print("%.0f %.0f %.0f" % (1.25, 2.75, 1e6))
print("{:.1%}".format(0.3752))
print("%e" % 12345.678, "%E" % 0.000123)
print("%g %g %g %g" % (0.5, 100000.0, 1e6, 1.25e-5))
print(f"{1.5:.3f} {2.25:08.3f} {-0.5:+.2f}")
print("{:.2f}".format(1 / 3), "{:.5f}".format(2 / 3))
