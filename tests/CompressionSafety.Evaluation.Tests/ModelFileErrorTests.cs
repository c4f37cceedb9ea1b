using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Running;

namespace CompressionSafety.Evaluation.Tests;

public sealed class ModelFileErrorTests : IDisposable
{
    private readonly HandSuite _suite = new();

    public void Dispose() => _suite.Dispose();

    [Fact]
    public void Run_MissingModelFile_ThrowsNamingVariantAndFile()
    {
        File.Delete(Path.Combine(_suite.Directory, "variant.onnx"));

        var ex = Assert.Throws<EvaluationException>(Run);

        Assert.Contains("variant 'variant'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CorruptModelFile_ThrowsCannotLoad()
    {
        File.WriteAllBytes(Path.Combine(_suite.Directory, "variant.onnx"), [0x08, 0xFF, 0xFF, 0x13, 0x37, 0x00, 0x42]);

        var ex = Assert.Throws<EvaluationException>(Run);

        Assert.Contains("cannot load", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FileChangedSinceRegistration_ThrowsShaMismatch()
    {
        var registry = RegistryStore.Read(_suite.RegistryPath);
        var model = registry.Models[0] with { Baseline = registry.Models[0].Baseline with { Sha256 = new string('0', 64) } };

        var ex = Assert.Throws<EvaluationException>(() =>
            Reevaluator.Run(registry with { Models = [model] }, _suite.SuitePath, new ReevaluationOptions(), TimeProvider.System));

        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptRegistry_ThrowsEvaluationException()
    {
        File.WriteAllText(_suite.RegistryPath, "{ \"schema_version\": 1, \"models\": [ ");

        var ex = Assert.Throws<EvaluationException>(() => RegistryStore.Read(_suite.RegistryPath));

        Assert.Contains("Cannot read registry", ex.Message, StringComparison.Ordinal);
    }

    private void Run() => Reevaluator.Run(RegistryStore.Read(_suite.RegistryPath), _suite.SuitePath, new ReevaluationOptions(), TimeProvider.System);
}
