# A trailing comma after a star import: both reject
from m import *,
