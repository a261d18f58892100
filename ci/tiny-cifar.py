#!/usr/bin/env python3
"""Writes tiny CIFAR-10 binary files for the ci/ end-to-end tests when no real data is at hand.

    python3 ci/tiny-cifar.py DIR RECORDS_PER_FILE

data_batch_1..5.bin and test_batch.bin in the real format (a label byte, then 3,072 pixel bytes: red, green, blue
planes of 32x32), labels cycling 0-9; each class has its own tint plus noise, so there is something to learn.
"""
import os
import random
import sys

directory, records = sys.argv[1], int(sys.argv[2])
os.makedirs(directory, exist_ok=True)
rng = random.Random(7)
for name in [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin"]:
    with open(os.path.join(directory, name), "wb") as f:
        for r in range(records):
            label = r % 10
            f.write(bytes([label]) + bytes(min(255, 40 + 20 * ((label + c * 3) % 10) + rng.randrange(60))
                                           for c in range(3) for _ in range(1024)))
