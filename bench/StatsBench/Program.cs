using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CompressionSafety.Statistics;
using StatsBench;

// KS, PSI and ECE on 1,000,000 x 1,000,000 values, then scipy / scikit-learn on the same data in the same run.
const int Size = 1_000_000;
const int Repeats = 5;
var data = BenchData.Generate(Size, seed: 20261127);
var folder = Directory.CreateTempSubdirectory("statsbench-").FullName;
data.WriteTo(folder);

var ks = Measure(() => KolmogorovSmirnov.TwoSample(data.Reference, data.Current).PValue);
var psi = Measure(() =>
{
    var bins = QuantileBins.Fit(data.Reference, NumericDrift.DefaultBins);
    return Divergence.Psi(Divergence.ToProportions(bins.CountValues(data.Reference)), Divergence.ToProportions(bins.CountValues(data.Current)));
});
var ece = Measure(() =>
{
    var accumulator = new CalibrationAccumulator();
    for (var i = 0; i < Size; i++)
    {
        accumulator.Add(data.Probabilities[i], data.Labels[i]);
    }

    return accumulator.Ece;
});

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C#     KS  {ks.Milliseconds,9:F1} ms  p = {ks.Value:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C#     PSI {psi.Milliseconds,9:F1} ms  psi = {psi.Value:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"C#     ECE {ece.Milliseconds,9:F1} ms  ece = {ece.Value:R}"));

var script = Path.Combine(AppContext.BaseDirectory, "scipy_bench.py");
var python = new ProcessStartInfo("/usr/bin/python3", [script, folder, Repeats.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
try
{
    using var process = Process.Start(python)!;
    var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
    await process.WaitForExitAsync().ConfigureAwait(false);
    var py = JsonDocument.Parse(output).RootElement;
    foreach (var (name, mine) in new[] { ("ks", ks), ("psi", psi), ("ece", ece) })
    {
        var entry = py.GetProperty(name);
        var ms = entry.GetProperty("ms").GetDouble();
        var value = entry.GetProperty("value").GetDouble();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"python {name.ToUpperInvariant(),-3} {ms,9:F1} ms  value = {value:R}  ratio python/C# = {ms / mine.Milliseconds:F2}  |diff| = {Math.Abs(value - mine.Value):E2}"));
    }
}
catch (System.ComponentModel.Win32Exception)
{
    Console.WriteLine("python side skipped: /usr/bin/python3 not found");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static (double Milliseconds, double Value) Measure(Func<double> action)
{
    var value = action(); // warm-up (JIT)
    var times = new double[Repeats];
    for (var r = 0; r < Repeats; r++)
    {
        var watch = Stopwatch.StartNew();
        value = action();
        times[r] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return (times[Repeats / 2], value);
}
