using CompressionSafety.Evaluation.Models;

namespace CompressionSafety.Evaluation.Tests;

/// <summary>Builds the demo models once per test run: training is the slowest step.</summary>
public sealed class DemoModelsFixture : IDisposable
{
    public DemoModelsFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cs-eval-" + Guid.NewGuid().ToString("N"));
        Models = DemoModelBuilder.Build(Directory, suiteCases: 1500);
    }

    public string Directory { get; }

    public DemoModels Models { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
