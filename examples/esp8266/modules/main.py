# Entry point of the example firmware's Python side: `import main` on the board.
from sensors import read_all
from net.report import format_line

for name, value in read_all():
    print(format_line(name, value))

from calib import describe

print(describe())
