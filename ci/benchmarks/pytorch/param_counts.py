"""Trainable-parameter counts of the course reports' PyTorch networks, to pin in convbench's plugin tests.

Benchmark-side check, not a runtime dependency of convbench. Run with Debian's PyTorch 1.13 (package python3-torch,
which installs into the system interpreter, not into a pyenv/virtualenv one):

    /usr/bin/python3 ci/benchmarks/pytorch/param_counts.py

It prints one line per network, "<plugin> <options>: <count>", after a forward pass on a 1x3x32x32 tensor, and
the figures must equal those pinned in plugins/src/test/java/dev/convbench/plugins/BuiltInArchitecturesTest.java.

The modules are transcribed from the seeds (../../../shared/seeds/), with only these changes, each marked "FIX" or
"VARIANT" below:
- seed 002 ResNet / Res2Net: the fixed F.avg_pool2d(out, 4) becomes a global average pool, so the 7x7/2 stems
  (where layer4 is smaller than 4x4) run; same result for the seed's own 3x3 stem (layer4 is 4x4).
- seed 002 Res2Net: its stride-2 forward does not run; fixed as in the Res2Net paper's code (see Res2NetBlock).
- seed 000 SE-ResNet: the seed has only its print(net) listing; the module below reproduces that listing with seed
  002's basic block and SE as described in the seed's text (1x1 convs with bias, before the addition).
- seed 003 DenseNet-121(+SE): num_classes 10, and the fixed F.avg_pool2d(x, 7) becomes a global average pool (the
  last dense block is 1x1 for a 32x32 input).
"""
import math
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- seed 002: ResNet-18 (+ VARIANT depth 34, stems, plain)
class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, downsample=None, se=None, shortcut=True):
        super(ResidualBlock, self).__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample = downsample
        self.se = se  # VARIANT: seed 000's SE on the residual branch
        self.shortcut = shortcut  # VARIANT: False gives the plain block

    def forward(self, x):
        residual = x
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.se is not None:
            out = self.se(out)
        if self.shortcut:
            if self.downsample:
                residual = self.downsample(x)
            out += residual
        out = F.relu(out)
        return out


class SE(nn.Module):
    """Seed 000's listing: avg_pool, fc1 = Conv2d(C, C/16, 1), fc2 = Conv2d(C/16, C, 1)."""

    def __init__(self, channels, reduction=16):
        super(SE, self).__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc1 = nn.Conv2d(channels, channels // reduction, kernel_size=1)
        self.fc2 = nn.Conv2d(channels // reduction, channels, kernel_size=1)

    def forward(self, x):
        w = torch.sigmoid(self.fc2(F.relu(self.fc1(self.avg_pool(x)))))
        return x * w


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=10, stem='cifar', shortcut=True, se_reduction=None):
        super(ResNet, self).__init__()
        self.in_channels = 64
        self.shortcut = shortcut
        self.se_reduction = se_reduction
        if stem == 'cifar':
            self.conv = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        else:  # VARIANT: 7x7/2 stems ('imagenet' adds the 3x3/2 max pool)
            self.conv = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1) if stem == 'imagenet' else nn.Identity()
        self.bn = nn.BatchNorm2d(64)
        self.layer1 = self.make_layer(block, 64, layers[0])
        self.layer2 = self.make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self.make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self.make_layer(block, 512, layers[3], stride=2)
        self.fc = nn.Linear(512, num_classes)

    def make_layer(self, block, out_channels, blocks, stride=1):
        def extra(channels):
            se = SE(channels, self.se_reduction) if self.se_reduction else None
            return dict(se=se, shortcut=self.shortcut)

        downsample = None
        if self.shortcut and (stride != 1 or self.in_channels != out_channels):
            downsample = nn.Sequential(
                nn.Conv2d(self.in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels))
        layers = []
        layers.append(block(self.in_channels, out_channels, stride, downsample, **extra(out_channels)))
        self.in_channels = out_channels
        for _ in range(1, blocks):
            layers.append(block(out_channels, out_channels, **extra(out_channels)))
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.pool(F.relu(self.bn(self.conv(x))))
        out = self.layer1(out)
        out = self.layer2(out)
        out = self.layer3(out)
        out = self.layer4(out)
        out = F.adaptive_avg_pool2d(out, 1)  # FIX: was F.avg_pool2d(out, 4)
        out = out.view(out.size(0), -1)
        out = self.fc(out)
        return out


# ---------------------------------------------------------------- seed 002: Res2Net-18
class Res2NetBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, scales=4, base_width=26):
        super(Res2NetBlock, self).__init__()
        self.scales = scales
        self.stride = stride
        width = out_channels // scales
        self.conv1 = nn.Conv2d(in_channels, width * scales, kernel_size=1, stride=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width * scales)
        self.convs = nn.ModuleList([
            nn.Conv2d(width, width, kernel_size=3, stride=stride, padding=1, bias=False) if i == 0
            else nn.Conv2d(width, width, kernel_size=3, stride=1, padding=1, bias=False)
            for i in range(scales - 1)
        ])
        self.bns = nn.ModuleList([nn.BatchNorm2d(width) for _ in range(scales - 1)])
        self.conv3 = nn.Conv2d(width * scales, out_channels, kernel_size=1, stride=1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
            nn.BatchNorm2d(out_channels)
        ) if stride != 1 or in_channels != out_channels else None

    def forward(self, x):
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        spx = torch.split(out, out.size(1) // self.scales, 1)
        out = spx[0]
        if self.stride != 1:
            # FIX (Res2Net paper's code): the split that skips the 3x3 convs is average-pooled 3x3/2 (padding 1),
            # and every 3x3 conv of the block takes the block's stride (the seed strides only the first one).
            out = F.avg_pool2d(out, 3, stride=self.stride, padding=1)
        for i in range(1, self.scales):
            sp = spx[i]
            if i > 1:
                sp = sp.clone() + spx[i - 1]
            conv = self.convs[i - 1]
            if self.stride != 1:  # FIX, continued: same weights, the block's stride
                sp = F.conv2d(sp, conv.weight, None, self.stride, 1)
            else:
                sp = conv(sp)
            sp = self.relu(self.bns[i - 1](sp))
            out = torch.cat((out, sp), 1)
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        out = self.relu(out)
        return out


class Res2Net(nn.Module):
    def __init__(self, block, layers, num_classes=10, scales=4):
        super(Res2Net, self).__init__()
        self.in_channels = 64
        self.scales = scales
        self.conv = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(64)
        self.layer1 = self.make_layer(block, 64, layers[0])
        self.layer2 = self.make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self.make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self.make_layer(block, 512, layers[3], stride=2)
        self.fc = nn.Linear(512, num_classes)

    def make_layer(self, block, out_channels, blocks, stride=1):
        layers = []
        layers.append(block(self.in_channels, out_channels, stride, scales=self.scales))
        self.in_channels = out_channels
        for _ in range(1, blocks):
            layers.append(block(out_channels, out_channels, scales=self.scales))
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn(self.conv(x)))
        out = self.layer1(out)
        out = self.layer2(out)
        out = self.layer3(out)
        out = self.layer4(out)
        out = F.adaptive_avg_pool2d(out, 1)  # FIX: was F.avg_pool2d(out, 4) (same result at 4x4)
        out = out.view(out.size(0), -1)
        out = self.fc(out)
        return out


# ---------------------------------------------------------------- seed 002: DenseNet with bottlenecks ("DenseNet4")
class Bottleneck(nn.Module):
    def __init__(self, in_channels, growth_rate):
        super(Bottleneck, self).__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, 4 * growth_rate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growth_rate)
        self.conv2 = nn.Conv2d(4 * growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        out = torch.cat([out, x], 1)
        return out


class Transition(nn.Module):
    def __init__(self, in_channels, out_channels):
        super(Transition, self).__init__()
        self.bn = nn.BatchNorm2d(in_channels)
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
        self.avg_pool = nn.AvgPool2d(2)

    def forward(self, x):
        out = self.conv(F.relu(self.bn(x)))
        out = self.avg_pool(out)
        return out


class DenseNet(nn.Module):
    def __init__(self, block, nblocks, growth_rate=12, reduction=0.5, num_classes=10):
        super(DenseNet, self).__init__()
        self.growth_rate = growth_rate
        num_planes = 2 * growth_rate
        self.conv1 = nn.Conv2d(3, num_planes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_dense_layers(block, num_planes, nblocks[0])
        num_planes += nblocks[0] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans1 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense2 = self._make_dense_layers(block, num_planes, nblocks[1])
        num_planes += nblocks[1] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans2 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense3 = self._make_dense_layers(block, num_planes, nblocks[2])
        num_planes += nblocks[2] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans3 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense4 = self._make_dense_layers(block, num_planes, nblocks[3])
        num_planes += nblocks[3] * growth_rate
        self.bn = nn.BatchNorm2d(num_planes)
        self.linear = nn.Linear(num_planes, num_classes)

    def _make_dense_layers(self, block, in_channels, nblock):
        layers = []
        for _ in range(nblock):
            layers.append(block(in_channels, self.growth_rate))
            in_channels += self.growth_rate
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.conv1(x)
        out = self.trans1(self.dense1(out))
        out = self.trans2(self.dense2(out))
        out = self.trans3(self.dense3(out))
        out = self.dense4(out)
        out = F.avg_pool2d(F.relu(self.bn(out)), 4)
        out = out.view(out.size(0), -1)
        out = self.linear(out)
        return out


def DenseNet4():
    return DenseNet(Bottleneck, [1, 1, 1, 1], growth_rate=32)


# ---------------------------------------------------------------- seed 003: DenseNet-121 with SE after every block
class SELayer(nn.Module):
    def __init__(self, channel, reduction=16):
        super(SELayer, self).__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(channel, channel // reduction), nn.ReLU(inplace=True),
                                nn.Linear(channel // reduction, channel), nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.avg_pool(x).view(b, c)
        y = self.fc(y).view(b, c, 1, 1)
        return x * y


class DenseLayer(nn.Sequential):
    def __init__(self, in_channel, growth_rate, bn_size, drop_rate):
        super(DenseLayer, self).__init__()
        self.add_module('norm1', nn.BatchNorm2d(in_channel))
        self.add_module('relu1', nn.ReLU(inplace=True))
        self.add_module('conv1', nn.Conv2d(in_channel, bn_size * growth_rate, kernel_size=1, stride=1, bias=False))
        self.add_module('norm2', nn.BatchNorm2d(bn_size * growth_rate))
        self.add_module('relu2', nn.ReLU(inplace=True))
        self.add_module('conv2', nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1, padding=1,
                                           bias=False))
        self.drop_rate = drop_rate

    def forward(self, x):
        new_feature = super(DenseLayer, self).forward(x)
        if self.drop_rate > 0:
            new_feature = F.dropout(new_feature, p=self.drop_rate, training=self.training)
        return torch.cat([x, new_feature], 1)


class DenseTransition(nn.Sequential):  # seed 003's "Transition" (renamed: seed 002's class has the name above)
    def __init__(self, in_channel, out_channel):
        super(DenseTransition, self).__init__()
        self.add_module('norm', nn.BatchNorm2d(in_channel))
        self.add_module('relu', nn.ReLU(inplace=True))
        self.add_module('conv', nn.Conv2d(in_channel, out_channel, kernel_size=1, stride=1, bias=False))
        self.add_module('pool', nn.AvgPool2d(2, stride=2))


class DenseBlockWithSE(nn.Module):
    def __init__(self, num_layers, in_channel, bn_size, growth_rate, drop_rate, reduction=16, se=True):
        super(DenseBlockWithSE, self).__init__()
        self.dense_block = nn.Sequential()
        for i in range(num_layers):
            layer = DenseLayer(in_channel + i * growth_rate, growth_rate, bn_size, drop_rate)
            self.dense_block.add_module(f'denselayer{i + 1}', layer)
        # VARIANT: se=False is seed 003's plain DenseBlock (its DenseNet class, same stem and head)
        self.se = SELayer(in_channel + num_layers * growth_rate, reduction) if se else nn.Identity()

    def forward(self, x):
        x = self.dense_block(x)
        x = self.se(x)
        return x


class DenseNetWithSE(nn.Module):
    def __init__(self, growth_rate=32, block_config=(6, 12, 24, 16), init_channel=64, bn_size=4,
                 compression_rate=0.5, drop_rate=0, num_classes=1000, reduction=16, se=True):
        super(DenseNetWithSE, self).__init__()
        self.features = nn.Sequential(OrderedDict([
            ('conv0', nn.Conv2d(3, init_channel, kernel_size=7, stride=2, padding=3, bias=False)),
            ('norm0', nn.BatchNorm2d(init_channel)),
            ('relu0', nn.ReLU(inplace=True)),
            ('pool0', nn.MaxPool2d(3, stride=2, padding=1))]))
        num_features = init_channel
        for i, num_layers in enumerate(block_config):
            block = DenseBlockWithSE(num_layers, num_features, bn_size, growth_rate, drop_rate, reduction, se)
            self.features.add_module(f'denseblock{i + 1}', block)
            num_features += num_layers * growth_rate
            if i != len(block_config) - 1:
                transition = DenseTransition(num_features, int(num_features * compression_rate))
                self.features.add_module(f'transition{i + 1}', transition)
                num_features = int(num_features * compression_rate)
        self.features.add_module('norm5', nn.BatchNorm2d(num_features))
        self.features.add_module('relu5', nn.ReLU(inplace=True))
        self.classifier = nn.Linear(num_features, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, 1).view(x.size(0), -1)  # FIX: was F.avg_pool2d(x, 7, stride=1)
        x = self.classifier(x)
        return x


# ---------------------------------------------------------------- the counts
NETWORKS = [
    ('resnet18', '', lambda: ResNet(ResidualBlock, [2, 2, 2, 2])),
    ('resnet', 'depth=34', lambda: ResNet(ResidualBlock, [3, 4, 6, 3])),
    ('resnet', 'stem=imagenet', lambda: ResNet(ResidualBlock, [2, 2, 2, 2], stem='imagenet')),
    ('resnet', 'shortcut=false', lambda: ResNet(ResidualBlock, [2, 2, 2, 2], shortcut=False)),
    ('resnet', 'depth=34; stem=imagenet; shortcut=false',
     lambda: ResNet(ResidualBlock, [3, 4, 6, 3], stem='imagenet', shortcut=False)),
    ('se-resnet18', '', lambda: ResNet(ResidualBlock, [2, 2, 2, 2], stem='imagenet-no-pool', se_reduction=16)),
    ('se-resnet18', 'stem=cifar; reduction=8', lambda: ResNet(ResidualBlock, [2, 2, 2, 2], se_reduction=8)),
    ('res2net18', '', lambda: Res2Net(Res2NetBlock, [2, 2, 2, 2])),
    ('res2net18', 'scales=8', lambda: Res2Net(Res2NetBlock, [2, 2, 2, 2], scales=8)),
    ('densenet', '', DenseNet4),
    ('densenet', 'blocks=[2,3,4,2]; growth=12; compression=0.7',
     lambda: DenseNet(Bottleneck, [2, 3, 4, 2], growth_rate=12, reduction=0.7)),
    ('densenet121-se', '', lambda: DenseNetWithSE(num_classes=10)),
    ('densenet121-se', 'se=false', lambda: DenseNetWithSE(num_classes=10, se=False)),
]

if __name__ == '__main__':
    torch.manual_seed(0)
    for name, options, make in NETWORKS:
        net = make().eval()
        with torch.no_grad():
            out = net(torch.rand(1, 3, 32, 32))
        assert tuple(out.shape) == (1, 10), (name, options, out.shape)
        count = sum(p.numel() for p in net.parameters() if p.requires_grad)
        print(f'{name} {options or "(defaults)"}: {count}')
