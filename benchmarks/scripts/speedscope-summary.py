#!/usr/bin/env python3
"""Where a process spends its busy time, from a dotnet-trace speedscope file.

Take the trace with the thread-time sampler and convert it to speedscope, e.g.:
  dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:00:08 \
      -o broker.nettrace --format Speedscope
then:
  speedscope-summary.py broker.speedscope.json [--top N] [--paths FRAME-SUBSTRING]

Every sample ends in a pseudo frame: CPU_TIME (managed code running) or UNMANAGED_CODE_TIME (native code:
SQLite, a system call, or a blocked wait). Samples whose last frames are a wait (thread pool idle, socket
event loop, semaphore, monitor...) count as idle and are left out; the rest is "busy", shown per thread, per
last managed frame (self) and inclusive. --paths shows the busy time through a frame by the chain of the
application's own frames below it (SlmMesh, Microsoft.Data.Sqlite, pipelines, sockets).
Note: a thread that is runnable but not scheduled (a loaded machine) is sampled as busy too.
"""
import collections
import json
import re
import sys

PSEUDO = {'CPU_TIME', 'UNMANAGED_CODE_TIME'}
IDLE = re.compile(
    r'(WaitHandle\.Wait|Monitor\.Wait|LowLevelLifoSemaphore\.Wait|LowLevelMonitor|WaitOneNoCheck|SemaphoreSlim\.Wait'
    r'|Thread\.Sleep|WaitForSocketEvents|SocketAsyncEngine\.EventLoop|ManualResetEventSlim\.Wait|Thread\.Join'
    r'|GateThread|TimerQueue\.TimerThread|WaitForSignal|Console|ConsolePal|Interop\+Sys\.Read\(|StreamReader'
    r'|WaitSubsystem|Task\.InternalWait|SpinThenBlockingWait|SignalHandlerLoop|PosixSignal|Lifeline)')
OWN = re.compile(r'(SlmMesh|Microsoft\.Data|SQLitePCL|System\.IO\.Pipelines|System\.Net\.Sockets)')


def short(name):
    return re.sub(r'\(.*\)$', '', name)[:150]


def samples(doc):
    """(thread, [frame names], duration ms) for every interval of every thread."""
    frames = [f['name'] for f in doc['shared']['frames']]
    for profile in doc['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                yield profile['name'], [frames[i] for i in stack], event['at'] - last
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            elif stack and stack[-1] == event['frame']:
                stack.pop()
            elif event['frame'] in stack:
                while stack and stack.pop() != event['frame']:
                    pass


def main(args):
    doc = json.load(open(args[0]))
    top = int(args[args.index('--top') + 1]) if '--top' in args else 30
    through = args[args.index('--paths') + 1] if '--paths' in args else None
    own_self, inclusive, threads, kinds, paths = (collections.Counter() for _ in range(5))
    busy = idle = 0.0
    for thread, names, ms in samples(doc):
        real = [n for n in names if n not in PSEUDO]
        kind = names[-1] if names[-1] in PSEUDO else '?'
        # A pool thread in native code right under its start routine is waiting for work.
        parked = kind == 'UNMANAGED_CODE_TIME' and real and 'WorkerThreadStart' in real[-1]
        if parked or any(IDLE.search(n) for n in real[-6:]):
            idle += ms
            continue
        busy += ms
        threads[thread] += ms
        kinds[kind] += ms
        own_self[(short(real[-1]) if real else '?', kind)] += ms
        for n in set(real):
            inclusive[short(n)] += ms
        if through and any(through in n for n in real):
            own = [short(n).split('!')[-1] for n in real if OWN.match(n)]
            paths[' > '.join(own[-5:])] += ms
    print(f'busy {busy:.0f} ms, idle {idle:.0f} ms; ' + ', '.join(f'{k} {v:.0f} ms' for k, v in kinds.items()))
    for thread, ms in threads.most_common(8):
        print(f'  {thread}: busy {ms:.0f} ms')
    print('--- busy, by last managed frame (self) ---')
    for (name, kind), ms in own_self.most_common(top):
        print(f'{ms:8.0f} ms {100 * ms / busy:5.1f}%  [{kind[:3]}] {name}')
    print('--- busy, inclusive ---')
    for name, ms in inclusive.most_common(top):
        print(f'{ms:8.0f} ms {100 * ms / busy:5.1f}%  {name}')
    if through:
        print(f'--- busy, through {through} ---')
        for path, ms in paths.most_common(top):
            print(f'{ms:8.0f} ms {100 * ms / busy:5.1f}%  {path}')


if __name__ == '__main__':
    main(sys.argv[1:])
