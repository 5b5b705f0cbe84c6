# A comma after a bracketed name list: both reject
from m import (a,),
