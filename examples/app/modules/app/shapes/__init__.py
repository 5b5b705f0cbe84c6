# A sub-package with a class hierarchy, re-exported from its submodules.
from .base import Shape, total_area
from .poly import Rect, Square
from .round import Circle
