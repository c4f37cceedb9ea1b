using Xunit.Abstractions;

namespace CompressionSafety.Statistics.Tests.Sequential;

public sealed class DifferenceConfidenceSequenceTests(ITestOutputHelper output)
{
    private const int Runs = 500;
    private const int Windows = 1_000;
    private const int TrialsPerWindow = 100;
    private const double Alpha = 0.05;

    [Fact]
    public void Update_NullStreamOf1000Windows_EverSignalsAtMostAlphaWhileNaiveTestAlmostAlwaysDoes()
    {
        var sampler = new BinomialSampler(TrialsPerWindow, 0.1);
        var random = new Random(20261127);
        var sequenceAlarms = 0;
        var naiveAlarms = 0;
        for (var run = 0; run < Runs; run++)
        {
            var sequence = new DifferenceConfidenceSequence(Alpha, tuningTrials: 10_000);
            bool sequenceSignalled = false, naiveSignalled = false;
            for (var w = 0; w < Windows; w++)
            {
                var variant = sampler.Sample(random);
                var baseline = sampler.Sample(random);
                sequence.Update(variant, TrialsPerWindow, baseline, TrialsPerWindow);
                sequenceSignalled |= sequence.Signal;
                naiveSignalled |= Proportions.TwoProportionZTest(variant, TrialsPerWindow, baseline, TrialsPerWindow).PValue < Alpha;
            }

            sequenceAlarms += sequenceSignalled ? 1 : 0;
            naiveAlarms += naiveSignalled ? 1 : 0;
        }

        output.WriteLine($"ever signalled in {Runs} null runs of {Windows} windows: confidence sequence {sequenceAlarms}, naive {naiveAlarms}");
        Assert.True(sequenceAlarms <= Alpha * Runs, $"confidence sequence ever signalled in {sequenceAlarms} of {Runs} runs");
        Assert.True(naiveAlarms >= 0.9 * Runs, $"naive per-window test ever signalled in only {naiveAlarms} of {Runs} runs");
    }

    [Fact]
    public void Update_RealShiftOfFivePoints_IsCaughtInEveryRun()
    {
        var baselineSampler = new BinomialSampler(TrialsPerWindow, 0.10);
        var variantSampler = new BinomialSampler(TrialsPerWindow, 0.15);
        var random = new Random(7);
        var detectionWindows = new List<int>();
        for (var run = 0; run < 50; run++)
        {
            var sequence = new DifferenceConfidenceSequence(Alpha);
            var caughtAt = -1;
            for (var w = 0; w < Windows && caughtAt < 0; w++)
            {
                sequence.Update(variantSampler.Sample(random), TrialsPerWindow, baselineSampler.Sample(random), TrialsPerWindow);
                if (sequence.Signal)
                {
                    caughtAt = w;
                    Assert.True(sequence.Current.Low > 0.0, "a harmful shift must put the interval above zero");
                }
            }

            Assert.True(caughtAt >= 0, $"run {run}: shift not caught in {Windows} windows");
            detectionWindows.Add(caughtAt);
        }

        output.WriteLine($"shift caught at windows: median {detectionWindows.Order().ElementAt(25)}, max {detectionWindows.Max()}");
        Assert.True(detectionWindows.Max() < 200, $"slowest detection at window {detectionWindows.Max()}");
    }

    [Fact]
    public void Update_EmptySide_IsSkipped()
    {
        var sequence = new DifferenceConfidenceSequence();
        var interval = sequence.Update(3, 10, 0, 0);
        Assert.Equal(new Interval(-1.0, 1.0), interval);
        Assert.Equal(0, sequence.Windows);
        Assert.False(sequence.Signal);
    }

    [Fact]
    public void Update_OneWindow_CentredOnDifferenceWithNormalMixtureRadius()
    {
        var sequence = new DifferenceConfidenceSequence(0.05, tuningTrials: 1_000);
        var interval = sequence.Update(60, 100, 40, 100);
        var v = 4.0 / (0.01 + 0.01);
        var log = 2.0 * Math.Log(20.0);
        var rho = 2_000.0 / (log + Math.Log(1.0 + log));
        var radius = Math.Sqrt((v + rho) * Math.Log((v + rho) / (rho * 0.05 * 0.05))) / v;
        Assert.Equal(0.2, sequence.Estimate, 12);
        Assert.Equal(0.2 - radius, interval.Low, 12);
        Assert.Equal(0.2 + radius, interval.High, 12);
    }

    /// <summary>Exact binomial draws by inverting a precomputed CDF: fast enough for a million draws per test.</summary>
    private sealed class BinomialSampler
    {
        private readonly double[] _cdf;

        public BinomialSampler(int n, double p)
        {
            _cdf = new double[n + 1];
            var pmf = Math.Pow(1.0 - p, n);
            var sum = 0.0;
            for (var k = 0; k <= n; k++)
            {
                sum += pmf;
                _cdf[k] = sum;
                pmf *= (double)(n - k) / (k + 1) * p / (1.0 - p);
            }
        }

        public int Sample(Random random)
        {
            var u = random.NextDouble() * _cdf[^1];
            var index = Array.BinarySearch(_cdf, u);
            return index >= 0 ? index : Math.Min(~index, _cdf.Length - 1);
        }
    }
}
