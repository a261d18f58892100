"""PyTorch peer for `convbench bench`: the same networks' training step, timed the same way.

Run:  /usr/bin/python3 ci/benchmarks/pytorch_step.py [baseline-cnn|resnet18] [batch] [steps] [warmup] [fp32|bf16]
Needs Debian's python3-torch (PyTorch 1.13); a benchmark-side peer, never a convbench dependency.
Times forward + backward + SGD(momentum 0.9, Nesterov, weight decay 5e-4) on a random uint8 batch that is
normalised and, like convbench, randomly cropped (4-pixel padding) and flipped per image on the CPU inside the step.
bf16 wraps the forward pass and the loss in torch.autocast('cpu', dtype=torch.bfloat16), PyTorch's CPU mixed
precision (weights, gradients and the optimizer stay fp32), the counterpart of convbench's `precision: bf16`.
Prints the median step time and the spread over the timed steps.
"""
import statistics
import sys
import time

import os

import torch
import torch.nn.functional as F

# The same networks the parameter-count checks transcribe from the seeds (one definition each).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch"))
from classic_param_counts import BaselineCnn  # noqa: E402
from param_counts import ResNet, ResidualBlock  # noqa: E402


def augment(batch_u8, generator):
    b = batch_u8.shape[0]
    x = batch_u8.float().div_(255)
    mean = torch.tensor([0.4914, 0.4822, 0.4465]).view(1, 3, 1, 1)
    std = torch.tensor([0.2470, 0.2435, 0.2616]).view(1, 3, 1, 1)
    x = F.pad((x - mean) / std, (4, 4, 4, 4))
    oy = torch.randint(0, 9, (b,), generator=generator)
    ox = torch.randint(0, 9, (b,), generator=generator)
    rows = (oy.view(b, 1) + torch.arange(32)).view(b, 1, 32, 1).expand(b, 3, 32, 40)
    x = torch.gather(x, 2, rows)
    cols = (ox.view(b, 1) + torch.arange(32)).view(b, 1, 1, 32).expand(b, 3, 32, 32)
    x = torch.gather(x, 3, cols)
    flip = torch.rand(b, generator=generator) < 0.5
    return torch.where(flip.view(b, 1, 1, 1), x.flip(3), x)


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "baseline-cnn"
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    precision = sys.argv[5] if len(sys.argv) > 5 else "fp32"
    if precision not in ("fp32", "bf16"):
        sys.exit(f"precision must be fp32 or bf16, not {precision!r}")
    torch.set_num_threads(2)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(1)
    net = {"baseline-cnn": BaselineCnn, "resnet18": lambda: ResNet(ResidualBlock, [2, 2, 2, 2])}[name]()
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    data = torch.randint(0, 256, (batch, 3, 32, 32), dtype=torch.uint8)
    labels = torch.arange(batch) % 10
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        opt.zero_grad()
        x = augment(data, generator)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
            loss = F.cross_entropy(net(x), labels)
        loss.backward()
        opt.step()
        loss.item()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=4)
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    print(f"pytorch {torch.__version__} {name} ({params:,} parameters), {precision}, 2 threads, batch {batch}: "
          f"median step {statistics.median(times):.1f} ms (IQR {q[0]:.1f}-{q[2]:.1f}, min {times[0]:.1f}, "
          f"max {times[-1]:.1f} over {steps} steps after {warmup} warm-up) = "
          f"{batch * 1000 / statistics.median(times):.0f} images/s")


if __name__ == "__main__":
    main()
