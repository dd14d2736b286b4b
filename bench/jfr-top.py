#!/usr/bin/env python3
"""The hottest frames of a JFR recording's execution samples: on top of the stack, and anywhere in it.

usage: jfr-top.py SAMPLES.txt [PACKAGE_PREFIX ...]
SAMPLES.txt is `jfr print --events jdk.ExecutionSample --stack-depth 64 REC.jfr`; each prefix gets the share
of samples with a frame of it anywhere in the stack.
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
stacks = [re.findall(r'^\s+([\w$.<>/]+)\(', block, re.M) for block in text.split('jdk.ExecutionSample')[1:]]
stacks = [s for s in stacks if s]
if not stacks:
    sys.exit("no execution samples in " + sys.argv[1])
top = collections.Counter(s[0] for s in stacks)
print(f"{len(stacks)} samples; hottest frames on top of the stack:")
for frame, n in top.most_common(15):
    print(f"  {100 * n / len(stacks):5.1f} %  {frame}")
print("share of samples with the frame anywhere in the stack:")
for pattern in sys.argv[2:]:
    n = sum(1 for s in stacks if any(f.startswith(pattern) for f in s))
    print(f"  {100 * n / len(stacks):5.1f} %  {pattern}")
