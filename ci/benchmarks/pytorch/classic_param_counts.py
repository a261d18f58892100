"""Trainable-parameter counts of the classic CNNs, from the PyTorch code of the course reports.

The definitions below are transcribed from the seeds (../shared/seeds/000, 001 and 002; 004 for torchvision's
AlexNet/VGG layouts) with only the changes convbench's plugins make so that a 32x32x3 CIFAR-10 image fits:
a 3-channel first convolution where the seed used 1 channel (Fashion-MNIST), and the documented 32x32 stems and
classifiers of alexnet, vgg, nin and googlenet (see the plugins' class javadoc). Each network is built, counted and
run forward on one 1x3x32x32 image; the figures are pinned in
plugins/src/test/java/dev/convbench/plugins/ClassicArchitecturesTest.java.

This is a benchmark-side check, not a runtime dependency of convbench. Run it with Debian's PyTorch 1.13
(apt-get install python3-torch), e.g. from the repository root:

    /usr/bin/python3 ci/benchmarks/pytorch/classic_param_counts.py

It prints one line per configuration: name, trainable parameters, output shape.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


def count(net):
    return sum(p.numel() for p in net.parameters() if p.requires_grad)


# --- baseline-cnn (seed 002; seed 000's variant pads the first conv by 2) -------------------------------------
class BaselineCnn(nn.Module):
    def __init__(self, padding=0):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5, padding=padding)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        side = ((32 + 2 * padding - 4) // 2 - 4) // 2
        self.fc1 = nn.Linear(16 * side * side, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


# --- lenet5 (seed 001: LeNet, and its nn.BatchNorm2d / nn.BatchNorm1d version); 3 input channels, 16*5*5 ------
def lenet(activation=nn.Sigmoid, batch_norm=False):
    def bn2(c):
        return [nn.BatchNorm2d(c)] if batch_norm else []

    def bn1(c):
        return [nn.BatchNorm1d(c)] if batch_norm else []

    return nn.Sequential(
        nn.Conv2d(3, 6, 5), *bn2(6), activation(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), *bn2(16), activation(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), *bn1(120), activation(),
        nn.Linear(120, 84), *bn1(84), activation(),
        nn.Linear(84, 10))


# --- alexnet (seed 001's AlexNet, 32x32: first conv 5x5/1 pad 2 instead of 11x11/4, flatten 256*3*3) -----------
def alexnet(width=4096, dropout=0.5):
    return nn.Sequential(
        nn.Conv2d(3, 96, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, 1, 1), nn.ReLU(),
        nn.Conv2d(384, 384, 3, 1, 1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Linear(256 * 3 * 3, width), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(width, width), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(width, 10))


# --- vgg (seed 001's vgg_block; torchvision's configurations A/B/D/E; classifier 512-512-512-10) ----------------
VGG_CONVS = {11: [1, 1, 2, 2, 2], 13: [2, 2, 2, 2, 2], 16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4]}
VGG_CHANNELS = [64, 128, 256, 512, 512]


def vgg_block(num_convs, in_channels, out_channels, batch_norm):
    blk = []
    for i in range(num_convs):
        blk.append(nn.Conv2d(in_channels if i == 0 else out_channels, out_channels, kernel_size=3, padding=1))
        if batch_norm:
            blk.append(nn.BatchNorm2d(out_channels))
        blk.append(nn.ReLU())
    blk.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*blk)


def vgg(depth=16, batch_norm=False, fc_hidden_units=512):
    net = nn.Sequential()
    in_c = 3
    for i, (n, c) in enumerate(zip(VGG_CONVS[depth], VGG_CHANNELS)):
        net.add_module("vgg_block_" + str(i + 1), vgg_block(n, in_c, c, batch_norm))
        in_c = c
    net.add_module("fc", nn.Sequential(
        nn.Flatten(),
        nn.Linear(512 * 1 * 1, fc_hidden_units), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(fc_hidden_units, fc_hidden_units), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(fc_hidden_units, 10)))
    return net


# --- nin (seed 001's nin_block; 32x32: first block 5x5/1 pad 2 instead of 11x11/4) -----------------------------
def nin_block(in_channels, out_channels, kernel_size, stride, padding):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding), nn.ReLU(),
                         nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
                         nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


def nin(dropout=0.5):
    return nn.Sequential(
        nin_block(3, 96, kernel_size=5, stride=1, padding=2),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nin_block(96, 256, kernel_size=5, stride=1, padding=2),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nin_block(256, 384, kernel_size=3, stride=1, padding=1),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Dropout(dropout),
        nin_block(384, 10, kernel_size=3, stride=1, padding=1),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten())


# --- googlenet (seed 001's Inception and channel plan; 32x32 stem; batch_norm: conv without bias + BN) ----------
class Inception(nn.Module):
    # c1 - c4: output channels of each path (seed 001)
    def __init__(self, in_c, c1, c2, c3, c4, batch_norm=False):
        super().__init__()

        def conv(i, o, k, p=0):
            if not batch_norm:
                return nn.Conv2d(i, o, kernel_size=k, padding=p)
            return nn.Sequential(nn.Conv2d(i, o, kernel_size=k, padding=p, bias=False), nn.BatchNorm2d(o))

        self.p1_1 = conv(in_c, c1, 1)
        self.p2_1 = conv(in_c, c2[0], 1)
        self.p2_2 = conv(c2[0], c2[1], 3, 1)
        self.p3_1 = conv(in_c, c3[0], 1)
        self.p3_2 = conv(c3[0], c3[1], 5, 2)
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = conv(in_c, c4, 1)

    def forward(self, x):
        p1 = F.relu(self.p1_1(x))
        p2 = F.relu(self.p2_2(F.relu(self.p2_1(x))))
        p3 = F.relu(self.p3_2(F.relu(self.p3_1(x))))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        return torch.cat((p1, p2, p3, p4), dim=1)


def googlenet(batch_norm=False):
    def conv(i, o, k, p=0):
        if not batch_norm:
            return [nn.Conv2d(i, o, kernel_size=k, padding=p), nn.ReLU()]
        return [nn.Conv2d(i, o, kernel_size=k, padding=p, bias=False), nn.BatchNorm2d(o), nn.ReLU()]

    bn = batch_norm
    # 32x32 stem: b1's 7x7/2 conv + 3x3/2 max-pool become one 3x3/1 conv; b2 as in the seed (with ReLUs).
    b1 = nn.Sequential(*conv(3, 64, 3, 1))
    b2 = nn.Sequential(*conv(64, 64, 1), *conv(64, 192, 3, 1), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b3 = nn.Sequential(Inception(192, 64, (96, 128), (16, 32), 32, bn),
                       Inception(256, 128, (128, 192), (32, 96), 64, bn),
                       nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b4 = nn.Sequential(Inception(480, 192, (96, 208), (16, 48), 64, bn),
                       Inception(512, 160, (112, 224), (24, 64), 64, bn),
                       Inception(512, 128, (128, 256), (24, 64), 64, bn),
                       Inception(512, 112, (144, 288), (32, 64), 64, bn),
                       Inception(528, 256, (160, 320), (32, 128), 128, bn),
                       nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    b5 = nn.Sequential(Inception(832, 256, (160, 320), (32, 128), 128, bn),
                       Inception(832, 384, (192, 384), (48, 128), 128, bn),
                       nn.AdaptiveAvgPool2d(1))
    return nn.Sequential(b1, b2, b3, b4, b5, nn.Flatten(), nn.Linear(1024, 10))


def inception_blocks(batch_norm=False):
    """Seed 001's nine Inception blocks alone (3a ... 5b)."""
    bn = batch_norm
    return nn.Sequential(Inception(192, 64, (96, 128), (16, 32), 32, bn),
                         Inception(256, 128, (128, 192), (32, 96), 64, bn),
                         Inception(480, 192, (96, 208), (16, 48), 64, bn),
                         Inception(512, 160, (112, 224), (24, 64), 64, bn),
                         Inception(512, 128, (128, 256), (24, 64), 64, bn),
                         Inception(512, 112, (144, 288), (32, 64), 64, bn),
                         Inception(528, 256, (160, 320), (32, 128), 128, bn),
                         Inception(832, 256, (160, 320), (32, 128), 128, bn),
                         Inception(832, 384, (192, 384), (48, 128), 128, bn))


# --- mobilenet (seed 002, verbatim but for the width multiplier) ------------------------------------------------
class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, kernel_size=3,
                                   stride=stride, padding=1, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, kernel_size=1,
                                   stride=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.depthwise(x)
        out = self.pointwise(out)
        out = self.bn(out)
        out = self.relu(out)
        return out


class MobileNet(nn.Module):
    CFG = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
           (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]

    def __init__(self, num_classes=10, alpha=1.0):
        super().__init__()
        c = int(32 * alpha)
        self.conv1 = nn.Conv2d(3, c, kernel_size=3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        layers = []
        for out_channels, stride in self.CFG:
            out_channels = int(out_channels * alpha)
            layers.append(DepthwiseSeparableConv(c, out_channels, stride))
            c = out_channels
        self.layers = nn.Sequential(*layers)
        self.avg_pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(c, num_classes)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.layers(out)
        out = self.avg_pool(out)
        out = out.view(out.size(0), -1)
        return self.fc(out)


def main():
    torch.manual_seed(0)
    nets = [
        ("baseline-cnn", BaselineCnn()),
        ("baseline-cnn padding=2 (seed 000)", BaselineCnn(padding=2)),
        ("lenet5", lenet()),
        ("lenet5 activation=relu", lenet(nn.ReLU)),
        ("lenet5 batch-norm=true", lenet(batch_norm=True)),
        ("alexnet", alexnet()),
        ("alexnet width=1024", alexnet(width=1024)),
        ("vgg depth=11", vgg(11)),
        ("vgg depth=13", vgg(13)),
        ("vgg depth=16", vgg(16)),
        ("vgg depth=19", vgg(19)),
        ("vgg depth=16 batch-norm=true", vgg(16, batch_norm=True)),
        ("nin", nin()),
        ("googlenet", googlenet()),
        ("googlenet batch-norm=true", googlenet(batch_norm=True)),
        ("googlenet inception blocks 3a-5b", inception_blocks()),
        ("mobilenet", MobileNet()),
        ("mobilenet width-multiplier=0.5", MobileNet(alpha=0.5)),
        ("mobilenet width-multiplier=0.25", MobileNet(alpha=0.25)),
    ]
    for name, net in nets:
        net.eval()
        if name.startswith("googlenet inception"):
            shape = "-"
        else:
            with torch.no_grad():
                shape = tuple(net(torch.randn(1, 3, 32, 32)).shape)
        print(f"{name:40s} {count(net):>12,d}  {shape}")


if __name__ == "__main__":
    main()
