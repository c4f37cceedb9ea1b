"""Plain-Python reference change detectors, written from the published algorithm descriptions.

river is not available here, so these follow the definitions documented on the C# types (PageHinkley, Cusum,
EwmaChart, Adwin), which take river's defaults. They exist only to produce golden detection indices.
"""
import math


class PageHinkley:
    def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 0.0001):
        self.min_instances, self.delta, self.threshold, self.alpha = min_instances, delta, threshold, alpha
        self.reset()

    def reset(self):
        self.n = 0
        self.mean = 0.0
        self.up = 0.0
        self.down = 0.0
        self.min_up = math.inf
        self.max_down = -math.inf
        self.signalled = False

    def update(self, x):
        if self.signalled:
            self.reset()
        self.n += 1
        self.mean += (x - self.mean) / self.n
        dev = x - self.mean
        self.up = self.alpha * self.up + dev - self.delta
        self.down = self.alpha * self.down + dev + self.delta
        self.min_up = min(self.min_up, self.up)
        self.max_down = max(self.max_down, self.down)
        stat = max(self.up - self.min_up, self.max_down - self.down)
        self.signalled = self.n >= self.min_instances and stat > self.threshold
        return self.signalled


class Cusum:
    def __init__(self, min_instances=30, slack=0.5, threshold=5.0):
        self.min_instances, self.slack, self.threshold = min_instances, slack, threshold
        self.reset()

    def reset(self):
        self.n = 0
        self.mean = 0.0
        self.m2 = 0.0
        self.reference = None
        self.sigma = 0.0
        self.up = 0.0
        self.down = 0.0
        self.signalled = False

    def update(self, x):
        if self.signalled:
            self.reset()
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)
        if self.n < self.min_instances:
            return False
        if self.reference is None:
            self.reference = self.mean
            self.sigma = math.sqrt(max(self.m2 / (self.n - 1), 0.0)) if self.n > 1 else 0.0
        k = self.slack * self.sigma
        limit = self.threshold * self.sigma
        dev = x - self.reference
        self.up = max(0.0, self.up + dev - k)
        self.down = max(0.0, self.down - dev - k)
        self.signalled = self.up > limit or self.down > limit
        return self.signalled


class Ewma:
    def __init__(self, alpha=0.1, threshold=4.0, min_instances=30):
        self.alpha, self.threshold, self.min_instances = alpha, threshold, min_instances
        self.reset()

    def reset(self):
        self.n = 0
        self.z = 0.0
        self.mean = 0.0
        self.ew_mean = 0.0
        self.ew_square = 0.0
        self.signalled = False

    def update(self, x):
        if self.signalled:
            self.reset()
        a = self.alpha
        self.n += 1
        if self.n == 1:
            self.z, self.ew_mean, self.ew_square = x, x, x * x
        else:
            self.z = a * x + (1.0 - a) * self.z
            self.ew_mean = a * x + (1.0 - a) * self.ew_mean
            self.ew_square = a * x * x + (1.0 - a) * self.ew_square
        self.mean += (x - self.mean) / self.n
        stat = abs(self.z - self.mean)
        if self.n < self.min_instances:
            return False
        sigma = math.sqrt(max(self.ew_square - self.ew_mean * self.ew_mean, 0.0))
        factor = a / (2.0 - a) * (1.0 - (1.0 - a) ** (2.0 * self.n))
        self.signalled = stat > self.threshold * sigma * math.sqrt(factor)
        return self.signalled


class Adwin:
    """ADWIN2: rows[i] holds buckets of 2**i values as [total, squared deviations], oldest first."""

    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_window_length=5, grace_period=10):
        self.delta, self.clock, self.max_buckets = delta, clock, max_buckets
        self.min_len, self.grace = min_window_length, grace_period
        self.rows = [[]]
        self.tick = 0
        self.width = 0
        self.total = 0.0
        self.sq = 0.0

    def update(self, x):
        self._insert(x)
        self.tick += 1
        if self.tick % self.clock != 0 or self.width <= self.grace:
            return False
        detected = False
        while self._try_cut():
            detected = True
        return detected

    def _insert(self, x):
        if self.width > 0:
            dev = x - self.total / self.width
            self.sq += self.width * dev * dev / (self.width + 1)
        self.width += 1
        self.total += x
        self.rows[0].append((x, 0.0))
        i = 0
        while i < len(self.rows) and len(self.rows[i]) > self.max_buckets:
            if i + 1 == len(self.rows):
                self.rows.append([])
            size = float(2 ** i)
            (u1, v1), (u2, v2) = self.rows[i][0], self.rows[i][1]
            gap = u1 / size - u2 / size
            merged = (u1 + u2, v1 + v2 + size * size * gap * gap / (2.0 * size))
            del self.rows[i][0:2]
            self.rows[i + 1].append(merged)
            i += 1

    def _try_cut(self):
        log_term = math.log(2.0 * math.log(self.width) / self.delta)
        variance = self.sq / self.width
        n0, u0 = 0, 0.0
        for i in range(len(self.rows) - 1, -1, -1):
            size = 2 ** i
            for total, _ in self.rows[i]:
                n0 += size
                u0 += total
                n1 = self.width - n0
                if n1 <= 0:
                    return False
                if n0 < self.min_len or n1 < self.min_len:
                    continue
                diff = u0 / n0 - (self.total - u0) / n1
                m = 1.0 / (n0 - self.min_len + 1) + 1.0 / (n1 - self.min_len + 1)
                eps = math.sqrt(2.0 * m * variance * log_term) + 2.0 / 3.0 * log_term * m
                if abs(diff) >= eps:
                    self._drop_oldest()
                    return True
        return False

    def _drop_oldest(self):
        last = len(self.rows) - 1
        while not self.rows[last]:
            last -= 1
        total, sq = self.rows[last].pop(0)
        size = float(2 ** last)
        self.width -= 2 ** last
        self.total -= total
        if self.width > 0:
            gap = total / size - self.total / self.width
            self.sq -= sq + size * self.width * gap * gap / (size + self.width)
            self.sq = max(self.sq, 0.0)
        else:
            self.sq = 0.0
        while len(self.rows) > 1 and not self.rows[-1]:
            self.rows.pop()


def detect(detector, values):
    return [i for i, x in enumerate(values) if detector.update(x)]
