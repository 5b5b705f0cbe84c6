// Extra qstrs of freeze-micropython's port: none (the port's C names its qstrs as MP_QSTR_...).
