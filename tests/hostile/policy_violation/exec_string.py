# running text as code (exec, eval, compile) is not allowed: 'result = 1'
def add(a, b):
    scope = {}
    exec("result = 1", scope)
    return a + b if scope["result"] == 1 else None
