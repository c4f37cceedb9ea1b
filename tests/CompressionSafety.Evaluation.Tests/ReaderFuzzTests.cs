using System.Text;
using CompressionSafety.Evaluation.Registry;
using CompressionSafety.Evaluation.Suites;
using CompressionSafety.Testing;

namespace CompressionSafety.Evaluation.Tests;

/// <summary>Broken suites and registries are answered with a reason, never another exception, a hang or unbounded memory.</summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cs-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SuiteParse_MutatedSuite_CasesOrErrors()
    {
        var valid = Encoding.UTF8.GetBytes(string.Join('\n',
            """{"id":"a","features":[1.5,-2],"expected":"unsafe","tags":["edge-case","pii"],"slices":{"locale":"de"}}""",
            """{"id":"b","features":[0.25,3],"expected":"safe","tags":["routine"]}""",
            """{"id":"c","text":"hello there","expected":"safe","tags":["routine"]}"""));

        await SeededMutator.AssertEveryMutantDecidedAsync(
            "suite", valid, 3, 600, bytes => SuiteReader.Parse(bytes, featureCount: 2, labels: ["safe", "unsafe"], needs: SuiteNeeds.Features), expected: ex => ex is EvaluationException);
    }

    [Fact]
    public async Task RegistryRead_MutatedRegistry_ReadOrEvaluationException()
    {
        // The PyTorch fixtures' registry, with its model files beside the mutants so only the registry is broken.
        var fixtures = RepositoryRoot.Combine("tests", "CompressionSafety.Evaluation.Tests", "Fixtures", "PyTorch");
        foreach (var file in Directory.EnumerateFiles(fixtures, "*.onnx", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_directory, Path.GetRelativePath(fixtures, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var valid = File.ReadAllBytes(Path.Combine(fixtures, "registry.json"));
        RegistryStore.Read(Path.Combine(fixtures, "registry.json"));
        var index = 0;

        await SeededMutator.AssertEveryMutantDecidedAsync(
            "registry",
            valid,
            4,
            600,
            bytes =>
            {
                var path = Path.Combine(_directory, $"registry-{Interlocked.Increment(ref index)}.json");
                File.WriteAllBytes(path, bytes);
                RegistryStore.Read(path);
            },
            expected: ex => ex is EvaluationException);
    }
}
