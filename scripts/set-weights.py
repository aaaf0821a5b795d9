# Writes weights printed by train-ranker (JSON on stdin) into src/answer/rankModel.ts.
import json, re, sys
w = json.loads(sys.stdin.read())
p = 'src/answer/rankModel.ts'
s = open(p).read()
body = ",\n".join(f"  {k}: {v}" for k, v in w.items())
s = re.sub(r"Object.freeze\(\{[\s\S]*?\}\);", "Object.freeze({\n" + body + ",\n});", s)
open(p, 'w').write(s)
