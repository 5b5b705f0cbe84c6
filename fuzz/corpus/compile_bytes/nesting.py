x = (((((1)))))
if 1:
  if 2:
    pass
  else:
      z = 3
