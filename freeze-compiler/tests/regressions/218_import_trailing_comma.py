# A plain import list may not end with a comma: both reject
import a,
