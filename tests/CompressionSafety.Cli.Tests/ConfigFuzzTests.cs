using CompressionSafety.Cli.Configuration;
using CompressionSafety.Testing;

namespace CompressionSafety.Cli.Tests;

/// <summary>A broken engine settings file is refused with ConfigurationException (exit 2), never another exception, a hang or unbounded memory.</summary>
public sealed class ConfigFuzzTests
{
    [Fact]
    public async Task Load_MutatedSampleConfig_SettingsOrConfigurationException()
    {
        using var dir = new TempDirectory();
        var valid = File.ReadAllBytes(RepositoryRoot.Combine("samples", "config.yaml"));
        var index = 0;

        await SeededMutator.AssertEveryMutantDecidedAsync(
            "config.yaml",
            valid,
            6,
            600,
            bytes =>
            {
                var path = dir.File($"config-{Interlocked.Increment(ref index)}.yaml");
                File.WriteAllBytes(path, bytes);
                ConfigLoader.Load(path);
            },
            expected: ex => ex is ConfigurationException);
    }
}
