#!/usr/bin/env python3
"""The hot spots of a bridge's flight recording (JDK 17's `jfr` tool has no `view`; this does its part).

    tools/jfr-hot-spots.py target/benchmark/interval/bridge.jfr [--top 10]

Reads `jfr print --json` (whole stacks, not the tool's default of five frames) and prints, for CPU samples
(jdk.ExecutionSample) and for allocation samples (jdk.ObjectAllocationSample, weighted by bytes):
  - the first frame of the bridge's own code (org.returnsbridge.*) in each stack: where the bridge spends,
    whatever library does the work under it;
  - the top frame: the method actually running;
  - the share of stacks passing through each library (H2, Camel, Jackson, ...): a stack can be in several.
Samples of the start-up threads (main, background-preinit) are left out: the backlog's cost per line is the
question, not Spring's start-up. Record with a deep stack, or the bridge's frames fall off the bottom:
  -Dbenchmark.jvmArgs="-XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=filename=...,settings=profile"
"""
import argparse
import collections
import json
import re
import subprocess

STARTUP_THREADS = {"main", "background-preinit"}
LIBRARIES = [("H2", "org.h2."), ("Spring JDBC", "org.springframework.jdbc."), ("Hikari", "com.zaxxer.hikari."),
             ("Jackson", "com.fasterxml.jackson."), ("Camel", "org.apache.camel."), ("Logback", "ch.qos.logback."),
             ("JDK HTTP client", "jdk.internal.net.http."), ("Quartz", "org.quartz."), ("Tomcat", "org.apache.catalina."),
             ("regex", "java.util.regex."), ("String.format", "java.util.Formatter.")]


def events(recording, kind):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "1024", "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def thread_name(event):
    thread = event["values"].get("sampledThread") or event["values"].get("eventThread") or {}
    return thread.get("javaName") or thread.get("osName") or "?"


def report(recording, kind, top, weight=None):
    first_own, top_frame, library, threads = (collections.Counter() for _ in range(4))
    total = 0
    for event in events(recording, kind):
        stack = event["values"].get("stackTrace")
        if not stack or not stack["frames"] or thread_name(event) in STARTUP_THREADS:
            continue
        w = int(event["values"].get(weight, 1)) if weight else 1
        frames = [frame_name(f) for f in stack["frames"]]
        total += w
        top_frame[frames[0]] += w
        first_own[next((f for f in frames if f.startswith("org.returnsbridge.") and "$$" not in f),
                       "(no bridge frame: a library's own thread)")] += w
        threads[re.sub(r"\d+", "#", thread_name(event))] += w
        for name, prefix in LIBRARIES:
            if any(f.startswith(prefix) for f in frames):
                library[name] += w
    unit = "bytes sampled" if weight else "samples"
    print(f"== {kind}: {total} {unit} (start-up threads left out)")
    for title, counter in [("first frame of the bridge's own code", first_own), ("top frame", top_frame),
                           ("stacks through", library), ("threads", threads)]:
        print(f"-- {title}")
        for name, value in counter.most_common(top):
            print(f"{100.0 * value / max(total, 1):6.1f} %  {value:>12}  {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    report(args.recording, "jdk.ExecutionSample", args.top)
    report(args.recording, "jdk.ObjectAllocationSample", args.top, weight="weight")


if __name__ == "__main__":
    main()
