# t-string errors: an empty field and a lone brace are 'malformed f-string'
b = 1
x = (b,
     t'{}')
