# Two commas at the end of a from-import list: both reject
x = 1
from m import a,,
