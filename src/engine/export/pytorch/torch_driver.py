"""Test driver for the exported PyTorch scripts (see pytorch.torch.test.ts): imports each generated
script as a module and runs many seeds and configurations in one Python process, because importing
torch takes seconds. Reads the jobs as JSON on stdin, prints one JSON object {name: result}."""
import contextlib
import importlib.util
import io
import json
import sys
from types import SimpleNamespace


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    jobs = json.load(sys.stdin)
    out = {}
    for k, job in enumerate(jobs):
        mod = load(job["script"], "exported_%d" % k)
        args = SimpleNamespace(json=True, fashion=job.get("fashion"), csv=job.get("csv"), label=job.get("label"))
        try:
            if job["kind"] == "stats":
                out[job["name"]] = [mod.init_stats(seed, args) for seed in job["seeds"]]
            else:
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    mod.train(job["steps"], job["seeds"][0], args)
                out[job["name"]] = json.loads(buf.getvalue())
        except (Exception, SystemExit) as e:  # per job, so one broken script (or its sys.exit) hides no other
            out[job["name"]] = {"error": "%s: %s" % (type(e).__name__, e)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
