"""Prints the useful part of a .NET crash report (DOTNET_EnableCrashReport): the crashed thread's
exception and frames, then the first frames of every other thread."""
import json
import sys

with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    payload = json.load(f).get("payload", {})

print("process:", payload.get("process_name"))
threads = sorted(payload.get("threads", []), key=lambda t: t.get("crashed") != "true" and t.get("crashed") is not True)
for index, thread in enumerate(threads):
    crashed = thread.get("crashed") in (True, "true")
    if not crashed and not any(f.get("method_name") for f in thread.get("stack_frames", [])):
        continue
    exception = thread.get("exception") or {}
    print(f"-- thread {thread.get('native_thread_id')}{' (crashed)' if crashed else ''}"
          f" {thread.get('managed_exception_type', '')} {exception.get('ExceptionType', '')} {exception.get('HResult', '')}")
    # Managed frames only: the native ones are bare offsets in the runtime.
    frames = [f for f in thread.get("stack_frames", []) if f.get("method_name")]
    for frame in frames[: 60 if crashed else 8]:
        print("   ", frame.get("filename", ""), frame.get("method_name"))
    if index > 40:
        print("   … more threads in the report")
        break
