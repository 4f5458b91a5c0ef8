x = 1
global x  # want [global-at-module-level] "does nothing"
y = 2
if y:
    global y  # want [global-at-module-level]
z = 3; global z  # want [global-at-module-level]
# want +1 [global-at-module-level]
global \
    w
