using CompressionSafety.Testing;
using CompressionSafety.Engine.Rules;

namespace CompressionSafety.Engine.Tests;

/// <summary>Broken rule files are answered with errors, never an exception, a hang or unbounded memory.</summary>
public sealed class RuleLoaderFuzzTests
{
    [Theory]
    [InlineData("safety.yaml", 1)]
    [InlineData("quality.yaml", 2)]
    public async Task Validate_MutatedShippedRules_AlwaysErrorsOrRules(string file, int seed)
    {
        var valid = File.ReadAllBytes(RepositoryRoot.Combine("alert-rules", file));

        await SeededMutator.AssertEveryMutantDecidedAsync(
            "rules " + file,
            valid,
            seed,
            400,
            bytes => RuleLoader.Validate([(file, System.Text.Encoding.UTF8.GetString(bytes))]),
            expected: _ => false);
    }
}
