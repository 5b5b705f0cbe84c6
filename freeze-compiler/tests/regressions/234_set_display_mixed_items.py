# A set display with a key:value item after plain ones: "expecting just a value for set" at the
# line of the `{` (4); we said 5 ("invalid syntax", at the colon).
# opt: 0
y = {lambda: 1,
     2: 3}
