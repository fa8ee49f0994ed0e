"""Input sources for Cell.bind_synapse_input besides numbers, arrays, callables and cells."""


class SpikeTrain:
    """Explicit times [ms], and/or NetStim's start, interval [ms], number and noise (0 regular,
    1 Poisson; each member its own stream of seed when noise > 0)."""

    def __init__(self, times=(), *, start=0.0, interval=0.0, number=0, noise=0.0, seed=1):
        self.times, self.start, self.interval = [float(t) for t in times], float(start), float(interval)
        self.number, self.noise, self.seed = int(number), float(noise), int(seed)


class PoissonTrain:
    """A Poisson train per member at rate_hz from start to stop [ms], or inhomogeneous with
    rate = [(t_ms, rate_hz), ...] (linear between points)."""

    def __init__(self, rate_hz=0.0, *, start=0.0, stop=0.0, rate=(), seed=1):
        self.rate_hz, self.start, self.stop = float(rate_hz), float(start), float(stop)
        self.rate, self.seed = [(float(a), float(b)) for a, b in rate], int(seed)
