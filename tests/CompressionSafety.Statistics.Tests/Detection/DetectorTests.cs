
namespace CompressionSafety.Statistics.Tests.Detection;

public sealed class DetectorTests
{
    public static TheoryData<string> Methods() => new() { "page-hinkley", "cusum", "ewma", "adwin" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Detect_ConstantStream_NeverSignals(string method)
    {
        Assert.Empty(ChangeDetection.Detect(Create(method), Enumerable.Repeat(0.25, 2_000)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Detect_LargeJumpAfterNoise_SignalsSoonAfterTheJump(string method)
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 1_000).Select(i => (i < 500 ? 0.0 : 100.0) + Gaussian(random)).ToArray();
        var detections = ChangeDetection.Detect(Create(method), values);
        Assert.Contains(detections, i => i >= 500 && i < 560);
    }

    [Fact]
    public void Update_CusumAfterSignal_StartsAfresh()
    {
        var cusum = new Cusum(minInstances: 2, slack: 0.0, threshold: 1.0);
        Assert.False(cusum.Update(0.0));
        Assert.False(cusum.Update(2.0));
        Assert.True(cusum.Update(10.0));
        Assert.False(cusum.Update(10.0));
        Assert.Equal(0.0, cusum.Statistic);
    }

    private static IChangeDetector Create(string method) => method switch
    {
        "page-hinkley" => new PageHinkley(),
        "cusum" => new Cusum(),
        "ewma" => new EwmaChart(),
        _ => new Adwin(),
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
